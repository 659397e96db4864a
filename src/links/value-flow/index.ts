/**
 * Following the value a payment creation returns: where the created object, or its `id`, goes. Works on
 * ESLint's scope analysis (a variable's references), never on the text: `const intent = await create(…)`,
 * `const { id: paymentIntentId, client_secret } = …`, `.then((pi) => …)`, `let intent; intent = …`,
 * optional chaining (`intent?.id`), and values wrapped in templates, `String(…)` or object literals.
 *
 * The result is a list of *sites* — nodes that carry the value — each with the place its walk ended
 * (a return, a call argument, an assignment onto an object, a read of another field …). Deciding what an
 * end means for the booking (stored, passed on, echoed) is `payment-persistence.ts`'s job.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberPropertyName, type Scope, type Variable } from '../../util/static-value.js';

type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What a node carries: the provider's object, its id, or something that contains one of them. */
export type Carry = 'object' | 'id' | 'container';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export type FlowEnd =
  /** Bound to a variable (its references are further sites). */
  | { type: 'bound'; node: TSESTree.Node; holders: Holder[] }
  /** Returned (or yielded) from a function: handed to the caller. */
  | { type: 'returned'; node: TSESTree.Node; fn: FunctionNode | null }
  /** Given to a call (`save(intent)`, `res.json({ id })`, a tagged template, `new X(…)`). */
  | {
      type: 'argument';
      node: TSESTree.Node;
      call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression;
    }
  /** Assigned onto an object: `booking.paymentIntentId = intent.id`. */
  | { type: 'member-assignment'; node: TSESTree.Node; target: TSESTree.MemberExpression }
  /** `export default …` / `module.exports = …`. */
  | { type: 'exported'; node: TSESTree.Node }
  /** An expression statement: the value is dropped. */
  | { type: 'discarded'; node: TSESTree.Node }
  /** Goes nowhere that matters: another field is read (`client_secret`), a test, a comparison, a throw. */
  | { type: 'ignored'; node: TSESTree.Node; reason: string }
  /** A place this analysis does not follow (a loop head, `Promise.all`, a reassigned variable …). */
  | { type: 'unknown'; node: TSESTree.Node; reason: string };

export interface FlowSite {
  /** Where the walk started: the create call, or a reference to a variable holding the value. */
  start: TSESTree.Node;
  /** What the start node carries. */
  carry: Carry;
  /** The node just below the end (the outermost expression still carrying the value). */
  top: TSESTree.Node;
  /** What `top` carries. */
  topCarry: Carry;
  end: FlowEnd;
}

export interface Holder {
  variable: Variable;
  /** The declaring identifier (`intent`, `paymentIntentId`). */
  identifier: TSESTree.Identifier;
  carry: Carry;
  /**
   * For an `object`: how many segments of the id path are already read (`const { result } = await
   * orders.createOrder(…)` holds `result`, depth 1 of `['result', 'id']`). The id is `holder.<rest of path>`.
   */
  depth: number;
  /** True while the value is still a promise (`const p = stripe.paymentIntents.create(…)`). */
  promise: boolean;
}

export interface ValueFlow {
  call: TSESTree.CallExpression;
  /** The property path from the awaited result to the id. */
  idPath: readonly string[];
  sites: FlowSite[];
  holders: Holder[];
  /** The create's own result is dropped: `await stripe.paymentIntents.create(…);`. */
  discarded: boolean;
}

const MAX_SITES = 200;

/** Calls whose result still carries their argument's value: `String(id)`, `JSON.stringify(intent)`. */
function isTransparentCall(call: TSESTree.CallExpression, scope: Scope): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (!['String', 'encodeURIComponent'].includes(callee.name)) return false;
    const variable = ASTUtils.findVariable(scope, callee.name);
    return !variable || variable.defs.length === 0; // the global, not a shadowing binding
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    return callee.object.name === 'JSON' && memberPropertyName(callee, scope) === 'stringify';
  }
  return false;
}

function isPromiseCombinator(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise'
  );
}

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The nearest function around `node`, or null at the top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return null;
}

/** For a `.then(cb)` callback: the `.then(…)` call; else null. */
function thenCallOf(fn: FunctionNode): TSESTree.CallExpression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  return callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'then' ? call : null;
}

class Follower {
  readonly sites: FlowSite[] = [];
  readonly holders: Holder[] = [];
  private readonly seen = new Set<Variable>();
  private readonly queue: Holder[] = [];

  constructor(
    private readonly context: RuleContextLike,
    /** The property path from the awaited result to the provider's id (`['id']`, `['result', 'id']`). */
    private readonly idPath: readonly string[],
  ) {}

  scopeOf(node: TSESTree.Node): Scope {
    return this.context.sourceCode.getScope(node);
  }

  /** Declares the identifiers of a binding pattern that receive the value (or its id) as holders. */
  bindPattern(pattern: TSESTree.Node, carry: Carry, promise: boolean, out: Holder[], depth = 0): boolean {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        return this.addHolder(pattern, carry, promise, out, depth);
      case AST_NODE_TYPES.AssignmentPattern:
        return this.bindPattern(pattern.left, carry, promise, out, depth);
      case AST_NODE_TYPES.ObjectPattern: {
        if (promise || carry !== 'object') return carry === 'container';
        let ok = true;
        for (const prop of pattern.properties) {
          if (prop.type === AST_NODE_TYPES.RestElement) {
            ok = this.bindPattern(prop.argument, 'object', false, out, depth) && ok;
            continue;
          }
          const key = prop.computed
            ? null
            : prop.key.type === AST_NODE_TYPES.Identifier
              ? prop.key.name
              : prop.key.type === AST_NODE_TYPES.Literal
                ? String(prop.key.value)
                : null;
          if (key === null) ok = false;
          else if (key === this.idPath[depth]) {
            const deeper = depth + 1;
            ok = this.bindPattern(prop.value, deeper === this.idPath.length ? 'id' : 'object', false, out, deeper) && ok;
          }
        }
        return ok;
      }
      default:
        return false;
    }
  }

  private addHolder(
    identifier: TSESTree.Identifier,
    carry: Carry,
    promise: boolean,
    out: Holder[],
    depth: number,
  ): boolean {
    const variable = ASTUtils.findVariable(this.scopeOf(identifier), identifier) ?? null;
    if (!variable || variable.defs.length === 0) return false; // an undeclared global
    if (this.seen.has(variable)) return true;
    this.seen.add(variable);
    const holder: Holder = { variable, identifier, carry, promise, depth };
    this.holders.push(holder);
    this.queue.push(holder);
    out.push(holder);
    return true;
  }

  run(start: TSESTree.Node, carry: Carry, promise: boolean): void {
    this.walk(start, carry, promise, 0);
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
        if (ref.isRead()) this.walk(ref.identifier, holder.carry, holder.promise, holder.depth);
      }
    }
  }

  private push(start: TSESTree.Node, carry: Carry, top: TSESTree.Node, topCarry: Carry, end: FlowEnd): void {
    this.sites.push({ start, carry, top, topCarry, end });
  }

  /** Walks up from a node carrying the value to the place it ends. */
  walk(start: TSESTree.Node, startCarry: Carry, startPromise: boolean, startDepth: number): void {
    let n: TSESTree.Node = start;
    let carry = startCarry;
    let promise = startPromise;
    let depth = startDepth;
    const end = (e: FlowEnd) => this.push(start, startCarry, n, carry, e);
    for (let guard = 0; guard < 64; guard++) {
      const p: TSESTree.Node | undefined = n.parent;
      if (!p) return end({ type: 'unknown', node: n, reason: 'no parent' });
      switch (p.type) {
        case AST_NODE_TYPES.ChainExpression:
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSTypeAssertion:
        case AST_NODE_TYPES.TSInstantiationExpression:
          n = p;
          continue;
        case AST_NODE_TYPES.AwaitExpression:
          promise = false;
          n = p;
          continue;
        case AST_NODE_TYPES.MemberExpression: {
          if (p.object !== n) return end({ type: 'ignored', node: p, reason: 'used as a key' });
          const name = memberPropertyName(p, this.scopeOf(p));
          const call = p.parent.type === AST_NODE_TYPES.CallExpression && p.parent.callee === p ? p.parent : null;
          if (promise) {
            if (call && name === 'then') {
              const cb = call.arguments[0];
              if (cb && (cb.type === AST_NODE_TYPES.ArrowFunctionExpression || cb.type === AST_NODE_TYPES.FunctionExpression)) {
                const holders: Holder[] = [];
                const param = cb.params[0];
                if (param && !this.bindPattern(param, carry, false, holders, depth)) {
                  return end({ type: 'unknown', node: param, reason: 'callback parameter' });
                }
                return end({ type: 'bound', node: cb, holders });
              }
              if (cb) return end({ type: 'argument', node: cb, call });
              return end({ type: 'unknown', node: call, reason: 'then without a callback' });
            }
            if (call && (name === 'catch' || name === 'finally')) {
              n = call;
              continue;
            }
            return end({ type: 'unknown', node: p, reason: 'promise member' });
          }
          if (carry === 'object') {
            if (name !== null && name === this.idPath[depth]) {
              depth++;
              if (depth === this.idPath.length) carry = 'id';
              n = p;
              continue;
            }
            if (name === null) return end({ type: 'unknown', node: p, reason: 'computed member' });
            return end({ type: 'ignored', node: p, reason: `reads ${name}` });
          }
          if (carry === 'id' && call && (name === 'toString' || name === 'valueOf')) {
            n = call;
            continue;
          }
          return end({ type: 'ignored', node: p, reason: `reads ${name ?? 'a member'}` });
        }
        case AST_NODE_TYPES.CallExpression: {
          if (p.callee === n) return end({ type: 'ignored', node: p, reason: 'called' });
          if (isTransparentCall(p, this.scopeOf(p))) {
            carry = 'container';
            n = p;
            continue;
          }
          if (isPromiseCombinator(p)) return end({ type: 'unknown', node: p, reason: 'Promise combinator' });
          return end({ type: 'argument', node: n, call: p });
        }
        case AST_NODE_TYPES.NewExpression:
          if (p.callee === n) return end({ type: 'ignored', node: p, reason: 'constructed' });
          return end({ type: 'argument', node: n, call: p });
        case AST_NODE_TYPES.TemplateLiteral:
          if (p.parent.type === AST_NODE_TYPES.TaggedTemplateExpression) {
            return end({ type: 'argument', node: n, call: p.parent });
          }
          carry = 'container';
          n = p;
          continue;
        case AST_NODE_TYPES.BinaryExpression:
          if (p.operator === '+') {
            carry = 'container';
            n = p;
            continue;
          }
          return end({ type: 'ignored', node: p, reason: 'compared' });
        case AST_NODE_TYPES.LogicalExpression:
          n = p;
          continue;
        case AST_NODE_TYPES.ConditionalExpression:
          if (p.test === n) return end({ type: 'ignored', node: p, reason: 'tested' });
          n = p;
          continue;
        case AST_NODE_TYPES.Property:
          if (p.value === n && p.parent.type === AST_NODE_TYPES.ObjectExpression) {
            carry = 'container';
            n = p.parent;
            continue;
          }
          return end({ type: 'ignored', node: p, reason: 'key or pattern' });
        case AST_NODE_TYPES.SpreadElement:
          if (p.parent.type === AST_NODE_TYPES.ObjectExpression || p.parent.type === AST_NODE_TYPES.ArrayExpression) {
            carry = 'container';
            n = p.parent;
            continue;
          }
          if (p.parent.type === AST_NODE_TYPES.CallExpression || p.parent.type === AST_NODE_TYPES.NewExpression) {
            return end({ type: 'argument', node: p, call: p.parent });
          }
          return end({ type: 'unknown', node: p, reason: 'spread' });
        case AST_NODE_TYPES.ArrayExpression:
          carry = 'container';
          n = p;
          continue;
        case AST_NODE_TYPES.VariableDeclarator: {
          if (p.init !== n) return end({ type: 'ignored', node: p, reason: 'declared' });
          const holders: Holder[] = [];
          if (!this.bindPattern(p.id, carry, promise, holders, depth)) {
            return end({ type: 'unknown', node: p.id, reason: 'pattern' });
          }
          return end({ type: 'bound', node: p, holders });
        }
        case AST_NODE_TYPES.AssignmentExpression: {
          if (p.right !== n) return end({ type: 'ignored', node: p, reason: 'assigned to' });
          if (p.operator !== '=') return end({ type: 'unknown', node: p, reason: 'compound assignment' });
          const left = p.left;
          if (left.type === AST_NODE_TYPES.MemberExpression) {
            if (isModuleExports(left)) return end({ type: 'exported', node: p });
            return end({ type: 'member-assignment', node: n, target: left });
          }
          const holders: Holder[] = [];
          if (left.type === AST_NODE_TYPES.Identifier || left.type === AST_NODE_TYPES.ObjectPattern) {
            if (this.bindPattern(left, carry, promise, holders, depth)) return end({ type: 'bound', node: p, holders });
          }
          return end({ type: 'unknown', node: left, reason: 'assignment target' });
        }
        case AST_NODE_TYPES.ReturnStatement:
        case AST_NODE_TYPES.ArrowFunctionExpression: {
          if (p.type === AST_NODE_TYPES.ArrowFunctionExpression && p.body !== n) {
            return end({ type: 'ignored', node: p, reason: 'parameter default' });
          }
          const fn = p.type === AST_NODE_TYPES.ArrowFunctionExpression ? p : enclosingFunction(p);
          const then = fn ? thenCallOf(fn) : null;
          if (then) {
            // `.then((pi) => pi.id)`: the value goes on as the `.then(…)` call's result.
            promise = true;
            n = then;
            continue;
          }
          return end({ type: 'returned', node: n, fn });
        }
        case AST_NODE_TYPES.YieldExpression:
          return end({ type: 'returned', node: n, fn: enclosingFunction(p) });
        case AST_NODE_TYPES.ExportDefaultDeclaration:
          return end({ type: 'exported', node: n });
        case AST_NODE_TYPES.ExpressionStatement:
          return end({ type: 'discarded', node: n });
        case AST_NODE_TYPES.SequenceExpression:
          if (p.expressions[p.expressions.length - 1] === n) {
            n = p;
            continue;
          }
          return end({ type: 'discarded', node: n });
        case AST_NODE_TYPES.UnaryExpression:
          return end(
            p.operator === 'void'
              ? { type: 'discarded', node: n }
              : { type: 'ignored', node: p, reason: `operator ${p.operator}` },
          );
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.WhileStatement:
        case AST_NODE_TYPES.DoWhileStatement:
        case AST_NODE_TYPES.SwitchStatement:
        case AST_NODE_TYPES.SwitchCase:
        case AST_NODE_TYPES.ForStatement:
          return end({ type: 'ignored', node: p, reason: 'tested' });
        case AST_NODE_TYPES.ThrowStatement:
          return end({ type: 'ignored', node: p, reason: 'thrown' });
        case AST_NODE_TYPES.JSXExpressionContainer:
          return end({ type: 'ignored', node: p, reason: 'rendered' });
        default:
          return end({ type: 'unknown', node: p, reason: p.type });
      }
    }
    end({ type: 'unknown', node: n, reason: 'too deep' });
  }
}

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
