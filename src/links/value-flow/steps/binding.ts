/**
 * The value bound to names: `const intent = …`, `const { id: paymentIntentId } = …`, `intent = …`, and
 * assignments onto objects (`booking.paymentIntentId = …`, `module.exports = …`).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { propertyKeyName } from '../../../util/static-value.js';
import { type Carry, end, type Step } from '../types.js';

/** An identifier of a binding pattern that receives the value, or a part of it on the way to the id. */
export interface PatternTarget {
  identifier: TSESTree.Identifier;
  carry: Carry;
  promise: boolean;
  depth: number;
}

/**
 * The identifiers of `pattern` that receive a value carrying `carry` (`depth` segments down `idPath`):
 * the whole value for a name, the next step of the id path for a matching key, the rest of the object for
 * `...rest`; other keys read other fields and receive nothing. `complete` is false when some part cannot be
 * followed (a computed key, an array pattern, a promise or an id destructured).
 */
export function patternTargets(
  pattern: TSESTree.Node,
  carry: Carry,
  promise: boolean,
  depth: number,
  idPath: readonly string[],
): { targets: PatternTarget[]; complete: boolean } {
  const targets: PatternTarget[] = [];
  const collect = (node: TSESTree.Node, carry: Carry, promise: boolean, depth: number): boolean => {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        targets.push({ identifier: node, carry, promise, depth });
        return true;
      case AST_NODE_TYPES.AssignmentPattern:
        return collect(node.left, carry, promise, depth);
      case AST_NODE_TYPES.ObjectPattern: {
        // Destructuring a container (`const { a } = { a: intent.id }`) reads parts we do not track: harmless.
        if (promise || carry !== 'object') return carry === 'container';
        let ok = true;
        for (const prop of node.properties) {
          if (prop.type === AST_NODE_TYPES.RestElement) {
            ok = collect(prop.argument, 'object', false, depth) && ok;
            continue;
          }
          const key = writtenKey(prop);
          if (key === null) ok = false;
          else if (key === idPath[depth]) {
            const deeper = depth + 1;
            ok = collect(prop.value, deeper === idPath.length ? 'id' : 'object', false, deeper) && ok;
          }
        }
        return ok;
      }
      default:
        return false;
    }
  };
  const complete = collect(pattern, carry, promise, depth);
  return { targets, complete };
}

/** A pattern property's key when written out as a name or a literal (not computed). */
function writtenKey(prop: TSESTree.Property): string | null {
  return prop.computed ? null : propertyKeyName(prop, null);
}

/** `module.exports = …`, `module.exports.x = …`, `exports.x = …`. */
function isModuleExports(node: TSESTree.MemberExpression): boolean {
  const isModule = (n: TSESTree.Node) =>
    n.type === AST_NODE_TYPES.MemberExpression &&
    n.object.type === AST_NODE_TYPES.Identifier &&
    n.object.name === 'module' &&
    !n.computed &&
    n.property.type === AST_NODE_TYPES.Identifier &&
    n.property.name === 'exports';
  return isModule(node) || isModule(node.object) || (node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'exports');
}

export const declaratorStep: Step<TSESTree.VariableDeclarator> = (p, at, flow) => {
  if (p.init !== at.node) return end({ type: 'ignored', node: p, reason: 'declared' });
  const holders = flow.bind(p.id, at.carry, at.promise, at.depth);
  if (!holders) return end({ type: 'unknown', node: p.id, reason: 'pattern' });
  return end({ type: 'bound', node: p, holders });
};

export const assignmentStep: Step<TSESTree.AssignmentExpression> = (p, at, flow) => {
  if (p.right !== at.node) return end({ type: 'ignored', node: p, reason: 'assigned to' });
  if (p.operator !== '=') return end({ type: 'unknown', node: p, reason: 'compound assignment' });
  const left = p.left;
  if (left.type === AST_NODE_TYPES.MemberExpression) {
    if (isModuleExports(left)) return end({ type: 'exported', node: p });
    return end({ type: 'member-assignment', node: at.node, target: left });
  }
  if (left.type === AST_NODE_TYPES.Identifier || left.type === AST_NODE_TYPES.ObjectPattern) {
    const holders = flow.bind(left, at.carry, at.promise, at.depth);
    if (holders) return end({ type: 'bound', node: p, holders });
  }
  return end({ type: 'unknown', node: left, reason: 'assignment target' });
};
