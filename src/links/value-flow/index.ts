/**
 * Following the value a payment creation returns: where the created object, or its `id`, goes. Works on
 * ESLint's scope analysis (a variable's references), never on the text: `const intent = await create(…)`,
 * `const { id: paymentIntentId, client_secret } = …`, `.then((pi) => …)`, `let intent; intent = …`,
 * optional chaining (`intent?.id`), and values wrapped in templates, `String(…)` or object literals.
 *
 * The result is a list of *sites* — nodes that carry the value — each with the place its walk ended
 * (a return, a call argument, an assignment onto an object, a read of another field …). A walk goes up one
 * parent at a time; what each kind of parent means is one step of `steps/` (see `walk.ts`). Deciding what
 * an end means for the booking (stored, passed on, echoed) is `../persistence.ts`'s job.
 */
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { Scope, Variable } from '../../util/static-value.js';
import { patternTargets, type PatternTarget } from './steps/binding.js';
import type { Carry, FlowContext, FlowSite, Holder, ValueFlow } from './types.js';
import { walkValue } from './walk.js';

export type { Carry, FlowEnd, FlowSite, Holder, ValueFlow } from './types.js';

type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const MAX_SITES = 200;

/** The walks of one creation: the first from the call, then one from each read of each holder. */
class Follower implements FlowContext {
  readonly sites: FlowSite[] = [];
  readonly holders: Holder[] = [];
  private readonly seen = new Set<Variable>();
  private readonly queue: Holder[] = [];

  constructor(
    private readonly context: RuleContextLike,
    readonly idPath: readonly string[],
  ) {}

  scopeOf(node: TSESTree.Node): Scope {
    return this.context.sourceCode.getScope(node);
  }

  bind(pattern: TSESTree.Node, carry: Carry, promise: boolean, depth: number): Holder[] | null {
    const { targets, complete } = patternTargets(pattern, carry, promise, depth, this.idPath);
    const added: Holder[] = [];
    let ok = complete;
    for (const target of targets) ok = this.addHolder(target, added) && ok;
    return ok ? added : null;
  }

  /** False for an undeclared global; true (without a new holder) for a variable already held. */
  private addHolder(target: PatternTarget, out: Holder[]): boolean {
    const variable = ASTUtils.findVariable(this.scopeOf(target.identifier), target.identifier) ?? null;
    if (!variable || variable.defs.length === 0) return false;
    if (this.seen.has(variable)) return true;
    this.seen.add(variable);
    const holder: Holder = { variable, ...target };
    this.holders.push(holder);
    this.queue.push(holder);
    out.push(holder);
    return true;
  }

  run(start: TSESTree.Node, carry: Carry, promise: boolean): void {
    this.sites.push(walkValue(start, carry, promise, 0, this));
    while (this.queue.length > 0 && this.sites.length < MAX_SITES) {
      const holder = this.queue.shift()!;
      const writes = holder.variable.references.filter((r) => r.isWrite());
      // Only the binding that received the value may write the variable; otherwise uses are someone else's.
      if (writes.length > 1) {
        this.sites.push({
          start: holder.identifier,
          carry: holder.carry,
          top: holder.identifier,
          topCarry: holder.carry,
          end: { type: 'unknown', node: holder.identifier, reason: 'the variable is reassigned' },
        });
        continue;
      }
      for (const ref of holder.variable.references) {
        if (ref.isRead()) this.sites.push(walkValue(ref.identifier, holder.carry, holder.promise, holder.depth, this));
      }
    }
  }
}

const flowCache = new WeakMap<TSESTree.CallExpression, ValueFlow>();

/**
 * Where the value of the create call `call` goes (cached per call node). `idPath` is the property path from
 * the awaited result to the provider's id: `['id']` for Stripe, `['result', 'id']` for a PayPal order.
 */
export function followPaymentValue(
  context: RuleContextLike,
  call: TSESTree.CallExpression,
  idPath: readonly string[] = ['id'],
): ValueFlow {
  const cached = flowCache.get(call);
  if (cached) return cached;
  const path = idPath.length > 0 ? idPath : ['id'];
  const follower = new Follower(context, path);
  follower.run(call, 'object', true);
  const first = follower.sites[0];
  const flow: ValueFlow = {
    call,
    idPath: path,
    sites: follower.sites,
    holders: follower.holders,
    discarded: first?.start === call && first.end.type === 'discarded',
  };
  flowCache.set(call, flow);
  return flow;
}
