/**
 * Runs one value-flow step on a snippet: the value sits at the first identifier named `v` (a read), and the
 * step gets its parent. The answer is summarised as text: `go:<node type>:<carry>[:promise]:<depth>` or the
 * end's `type:<detail>`.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { patternTargets } from '../../../src/links/value-flow/steps/binding.js';
import type { Carry, Cursor, FlowContext, Holder, Step, StepResult } from '../../../src/links/value-flow/types.js';
import { probe } from '../../lint-probe.js';

export interface StepOptions {
  carry?: Carry;
  promise?: boolean;
  depth?: number;
  idPath?: readonly string[];
  filename?: string;
}

export function summarize(result: StepResult, text: (node: TSESTree.Node) => string): string {
  if ('go' in result) {
    const { node, carry, promise, depth } = result.go;
    return `go:${node.type}:${carry}${promise ? ':promise' : ''}:${depth}`;
  }
  const e = result.end;
  switch (e.type) {
    case 'bound':
      return `bound:${e.holders.map((h) => `${h.identifier.name}=${h.carry}@${h.depth}`).join(',')}`;
    case 'argument':
      return `argument:${text(e.call.type === 'TaggedTemplateExpression' ? e.call.tag : e.call.callee)}`;
    case 'member-assignment':
      return `member-assignment:${text(e.target)}`;
    case 'returned':
      return `returned:${e.fn ? text(e.fn).slice(0, 12) : 'top level'}`;
    case 'ignored':
    case 'unknown':
      return `${e.type}:${e.reason}`;
    default:
      return e.type;
  }
}

/** A flow context whose `bind` declares every pattern target (no scope lookup, no queue). */
export function testFlow(scopeOf: FlowContext['scopeOf'], idPath: readonly string[]): FlowContext {
  return {
    idPath,
    scopeOf,
    bind(pattern, carry, promise, depth) {
      const { targets, complete } = patternTargets(pattern, carry, promise, depth, idPath);
      return complete ? (targets as unknown as Holder[]) : null;
    },
  };
}

/** `step` applied to the parent of the first `v` in `code`. */
export function runStep<P extends TSESTree.Node>(step: Step<P>, code: string, options: StepOptions = {}): string {
  let out: string | null = null;
  probe(
    code,
    (context) => ({
      Identifier(node: TSESTree.Identifier) {
        if (out !== null || node.name !== 'v') return;
        const at: Cursor = { node, carry: options.carry ?? 'object', promise: options.promise ?? false, depth: options.depth ?? 0 };
        const flow = testFlow((n) => context.sourceCode.getScope(n), options.idPath ?? ['id']);
        out = summarize(step(node.parent as P, at, flow), (n) => context.sourceCode.getText(n));
      },
    }),
    options.filename,
  );
  if (out === null) throw new Error('no `v` in the snippet');
  return out;
}
