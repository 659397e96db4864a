/**
 * Webhook handlers: where a provider's event is read (a verified `stripe.webhooks.constructEvent(…)`, or a
 * raw request body), and where code dispatches on its type (`switch (event.type)`, `if (event.type === …)`
 * chains, early returns on `!==`). Found by the AST, after a per-file text gate: a file that never spells a
 * provider event name in a string cannot dispatch on one we recognise.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { getPluginSettings } from '../config/settings.js';
import { providerDisplayName, WEBHOOK_OUTCOMES } from '../providers/index.js';
import { unwrapExpression, walkNodes } from '../util/ast.js';
import { lastFileMemo } from '../util/last-file.js';
import {
  destructuringPath,
  findVariable,
  getStaticString,
  isNeverReassigned,
  memberPropertyName,
  type Scope,
  type Variable,
  nameOf,
} from '../util/static-value.js';

export type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The providers whose webhook events are recognised. */
export const WEBHOOK_PROVIDERS = ['stripe', 'paypal', 'square'] as const;

export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export function isWebhookProvider(provider: string): provider is WebhookProvider {
  return (WEBHOOK_PROVIDERS as readonly string[]).includes(provider);
}

/** `Stripe`, `PayPal`, `Square`: the providers' display names, from the provider table. */
export const WEBHOOK_PROVIDER_LABEL: Readonly<Record<WebhookProvider, string>> = Object.fromEntries(
  WEBHOOK_PROVIDERS.map((p) => [p, providerDisplayName(p)]),
) as Record<WebhookProvider, string>;

// ---------------------------------------------------------------------------------------------------------
// Event names

const STRIPE_EVENT =
  /^(?:payment_intent|checkout\.session|charge|customer|invoice|refund|setup_intent|payment_method|payout|subscription_schedule|billing_portal)\.[a-z_.]+$/;
const PAYPAL_EVENT = /^(?:PAYMENT|CHECKOUT|BILLING|CUSTOMER|MERCHANT|VAULT)\.[A-Z_.]+$/;
const SQUARE_EVENT = /^(?:payment|refund|order|dispute|terminal)\.[a-z_.]+$/;

/** The payment outcomes a booking must follow, by provider (data in src/providers: `webhookOutcomes`). */
const OUTCOMES = WEBHOOK_OUTCOMES as readonly { provider: WebhookProvider; pattern: RegExp; success: RegExp | null }[];

/** A provider event name (`checkout.session.completed`, `PAYMENT.CAPTURE.COMPLETED`, `payment.updated` …). */
export function isProviderEvent(name: string): boolean {
  return STRIPE_EVENT.test(name) || PAYPAL_EVENT.test(name) || SQUARE_EVENT.test(name);
}

/** For a payment-outcome event, its provider and whether it confirms a payment; null for any other event. */
export function paymentOutcome(name: string): { provider: WebhookProvider; success: boolean } | null {
  for (const outcome of OUTCOMES) {
    if (outcome.pattern.test(name)) return { provider: outcome.provider, success: outcome.success?.test(name) ?? false };
  }
  return null;
}

/**
 * Text every recognisable dispatch contains: a quoted provider event name. A string literal, a template or a
 * `const` holding one all spell it out in the file.
 */
const EVENT_TEXT =
  /['"`](?:payment_intent\.|checkout\.session\.|charge\.|customer\.|invoice\.|refund\.|setup_intent\.|payment_method\.|payout\.|subscription_schedule\.|billing_portal\.|PAYMENT\.|CHECKOUT\.|BILLING\.|CUSTOMER\.|MERCHANT\.|VAULT\.|payment\.|order\.|dispute\.|terminal\.)/;

/** Per file (its text): may it handle a webhook event? The last file's answer is kept. */
const namesEvent = lastFileMemo((text: string) => EVENT_TEXT.test(text));

/**
 * The per-file gate of the webhook rules: false means the file dispatches on no provider event we can
 * recognise, so a rule may return no listeners at all. One regular expression per file (the last file's
 * answer is kept).
 */
export function fileMayHandleWebhooks(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return namesEvent(sourceCode.text, undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Dispatches

/** One branch of a dispatch: the events it handles and its statements. */
export interface EventBranch {
  /** The event names the branch handles (static strings only). */
  events: string[];
  /** Where a report about the branch points: the `case` test or the `if` test. */
  test: TSESTree.Node;
  /** The statements that run for these events. */
  body: TSESTree.Node[];
}

/** `switch (event.type)` or an `if` chain on it. */
export interface EventDispatch {
  node: TSESTree.SwitchStatement | TSESTree.IfStatement;
  /** The expression the type is read from (`event`, `req.body`, `await request.json()` …). */
  event: TSESTree.Node;
  /** The scope `event` resolves in. */
  scope: Scope;
  branches: EventBranch[];
}

const TYPE_KEYS = new Set(['type', 'event_type', 'eventType']);

/**
 * For an expression that reads an event's type (`event.type`, `req.body.event_type`, or a `type` destructured
 * from an event), the event expression; null otherwise.
 */
function eventOfTypeRead(node: TSESTree.Node, scope: Scope): TSESTree.Node | null {
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberPropertyName(n, scope);
    return name !== null && TYPE_KEYS.has(name) ? unwrapExpression(n.object) : null;
  }
  if (n.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scope, n);
  const def = variable?.defs[0];
  if (!variable || !def || !isNeverReassigned(variable)) return null;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
  if (def.node.id.type === AST_NODE_TYPES.Identifier) return eventOfTypeRead(def.node.init, variable.scope);
  const path = destructuringPath(def.node.id, def.name as TSESTree.Identifier, variable.scope);
  return path?.length === 1 && TYPE_KEYS.has(path[0]!) ? unwrapExpression(def.node.init) : null;
}

/** `A === 'x'`, `'x' == A`, `A === 'x' || A === 'y'`, `['x', 'y'].includes(A)`: the event names and A. */
function comparedEvents(
  test: TSESTree.Node,
  scope: Scope,
  operator: '===' | '!==',
): { event: TSESTree.Node; events: string[] } | null {
  const t = unwrapExpression(test);
  if (t.type === AST_NODE_TYPES.LogicalExpression && t.operator === (operator === '===' ? '||' : '&&')) {
    const left = comparedEvents(t.left, scope, operator);
    const right = left && comparedEvents(t.right, scope, operator);
    if (!left || !right || !sameExpression(left.event, right.event)) return null;
    return { event: left.event, events: [...left.events, ...right.events] };
  }
  if (t.type === AST_NODE_TYPES.BinaryExpression) {
    const ops = operator === '===' ? ['===', '=='] : ['!==', '!='];
    if (!ops.includes(t.operator)) return null;
    for (const [read, value] of [
      [t.left, t.right],
      [t.right, t.left],
    ] as const) {
      if (read.type === AST_NODE_TYPES.PrivateIdentifier) continue;
      const event = eventOfTypeRead(read, scope);
      const name = event && getStaticString(value, scope);
      if (event && name !== null && name !== undefined) return { event, events: [name] };
    }
    return null;
  }
  if (operator === '===' && t.type === AST_NODE_TYPES.CallExpression && t.arguments.length === 1) {
    const callee = unwrapExpression(t.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(callee, scope) !== 'includes') return null;
    const list = unwrapExpression(callee.object);
    const event = eventOfTypeRead(t.arguments[0]!, scope);
    if (!event || list.type !== AST_NODE_TYPES.ArrayExpression) return null;
    const events: string[] = [];
    for (const el of list.elements) {
      const name = el && el.type !== AST_NODE_TYPES.SpreadElement ? getStaticString(el, scope) : null;
      if (name === null) return null;
      events.push(name);
    }
    return { event, events };
  }
  return null;
}

/** Same expression, by text shape: `event` and `event`, `req.body` and `req.body`. */
function sameExpression(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const x = unwrapExpression(a);
  const y = unwrapExpression(b);
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) return x.name === y.name;
  if (x.type === AST_NODE_TYPES.MemberExpression && y.type === AST_NODE_TYPES.MemberExpression) {
    return memberPropertyName(x, null) === memberPropertyName(y, null) && memberPropertyName(x, null) !== null && sameExpression(x.object, y.object);
  }
  return x === y;
}

function exits(statement: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

const dispatchCache = new WeakMap<TSESTree.Node, EventDispatch | null>();

/**
 * The dispatch a `switch` or `if` statement is, or null. An `if` that is the `else` of a dispatch is part of
 * its parent's chain and returns null; `if (event.type !== 'x') return …;` makes the statements after it the
 * branch for `x`.
 */
function getEventDispatch(
  context: RuleContextLike,
  node: TSESTree.SwitchStatement | TSESTree.IfStatement,
): EventDispatch | null {
  const cached = dispatchCache.get(node);
  if (cached !== undefined) return cached;
  let result: EventDispatch | null = null;
  try {
    result = node.type === AST_NODE_TYPES.SwitchStatement ? switchDispatch(context, node) : ifDispatch(context, node);
  } catch {
    result = null;
  }
  dispatchCache.set(node, result);
  return result;
}

function switchDispatch(context: RuleContextLike, node: TSESTree.SwitchStatement): EventDispatch | null {
  const scope = context.sourceCode.getScope(node);
  const event = eventOfTypeRead(node.discriminant, scope);
  if (!event) return null;
  const branches: EventBranch[] = [];
  let pending: { events: string[]; test: TSESTree.Node } | null = null;
  for (const c of node.cases) {
    const name = c.test ? getStaticString(c.test, scope) : null;
    if (c.test && name !== null) {
      pending = pending ? { events: [...pending.events, name], test: pending.test } : { events: [name], test: c.test };
    }
    if (c.consequent.length > 0) {
      if (pending) branches.push({ ...pending, body: c.consequent });
      pending = null;
    }
  }
  return branches.length > 0 ? { node, event, scope, branches } : null;
}

function ifDispatch(context: RuleContextLike, node: TSESTree.IfStatement): EventDispatch | null {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.IfStatement && parent.alternate === node) {
    if (getEventDispatch(context, parent)) return null;
  }
  const scope = context.sourceCode.getScope(node);
  // if (event.type !== 'x') return …; — the rest of the block handles `x`.
  const negated = comparedEvents(node.test, scope, '!==');
  if (negated && exits(node.consequent) && !node.alternate) {
    const block = parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return null;
    const index = (block.body as TSESTree.Node[]).indexOf(node);
    return {
      node,
      event: negated.event,
      scope,
      branches: [{ events: negated.events, test: node.test, body: (block.body as TSESTree.Node[]).slice(index + 1) }],
    };
  }
  const branches: EventBranch[] = [];
  let event: TSESTree.Node | null = null;
  for (let current: TSESTree.Node | null | undefined = node; current; ) {
    if (current.type !== AST_NODE_TYPES.IfStatement) break;
    const compared = comparedEvents(current.test, scope, '===');
    if (!compared) break;
    if (event && !sameExpression(event, compared.event)) break;
    event = compared.event;
    branches.push({ events: compared.events, test: current.test, body: [current.consequent] });
    current = current.alternate;
  }
  return event && branches.length > 0 ? { node, event, scope, branches } : null;
}

const fileDispatchCache = new WeakMap<object, EventDispatch[]>();

/** Every dispatch of the file, in source order (walked once per file, on first need). */
export function getFileEventDispatches(context: RuleContextLike): EventDispatch[] {
  const ast = context.sourceCode.ast;
  const cached = fileDispatchCache.get(ast);
  if (cached) return cached;
  const out: EventDispatch[] = [];
  if (fileMayHandleWebhooks(context.sourceCode)) {
    walkNodes(ast, context.sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.SwitchStatement && node.type !== AST_NODE_TYPES.IfStatement) return;
      const dispatch = getEventDispatch(context, node);
      if (dispatch) out.push(dispatch);
    });
  }
  out.sort((a, b) => a.node.range[0] - b.node.range[0]);
  fileDispatchCache.set(ast, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Where an event comes from

/** `verified`: a signature check's result; `body`: a raw request body; `unknown`: anything else. */
export type EventSource =
  | { kind: 'verified' }
  | { kind: 'body'; read: TSESTree.Node; request: Variable | null }
  | { kind: 'unknown' };

const UNKNOWN: EventSource = { kind: 'unknown' };

/** Methods whose result is a verified event. */
const VERIFYING_CONSTRUCTORS = new Set(['constructEvent', 'constructEventAsync']);

const MAX_DEPTH = 8;

function isParameter(variable: Variable | null): boolean {
  return variable?.defs[0]?.type === 'Parameter';
}

/** The request parameter a member chain starts from (`req` in `req.body`, `ctx` in `ctx.request.body`). */
function requestParameterOf(node: TSESTree.Node, scope: Scope, maxSegments: number): Variable | null {
  let n = unwrapExpression(node);
  for (let i = 0; i <= maxSegments; i++) {
    if (n.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scope, n);
      return variable && isParameter(variable) ? variable : null;
    }
    if (n.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = memberPropertyName(n, scope);
    if (name !== 'request' && name !== 'req') return null;
    n = unwrapExpression(n.object);
  }
  return null;
}

/** A NestJS `@Body()` parameter. */
function isBodyParameter(variable: Variable): boolean {
  const def = variable.defs[0];
  if (def?.type !== 'Parameter') return false;
  let param: TSESTree.Node = def.name;
  if (param.parent?.type === AST_NODE_TYPES.TSParameterProperty) param = param.parent;
  const decorators = 'decorators' in param ? (param.decorators as TSESTree.Decorator[] | undefined) : undefined;
  return (decorators ?? []).some((d) => {
    const e = unwrapExpression(d.expression);
    const callee = e.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(e.callee) : e;
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Body';
  });
}

/**
 * Where the event value of `node` comes from: a verified signature check (`stripe.webhooks.constructEvent`,
 * a declared wrapper), a raw request body (`req.body`, `await request.json()`, `JSON.parse(await req.text())`,
 * a NestJS `@Body()`), or unknown (a parameter, a call the rule cannot see).
 */
export function eventSourceOf(
  node: TSESTree.Node,
  scope: Scope,
  verifiers: ReadonlySet<string> = new Set(),
  depth = 0,
): EventSource {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const n = unwrapExpression(node);
  switch (n.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return eventSourceOf(n.argument, scope, verifiers, depth + 1);
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(n.callee);
      const name = nameOf(callee, scope);
      if (name !== null && (VERIFYING_CONSTRUCTORS.has(name) || verifiers.has(name))) return { kind: 'verified' };
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        // JSON.parse(raw)
        const object = unwrapExpression(callee.object);
        if (name === 'parse' && object.type === AST_NODE_TYPES.Identifier && object.name === 'JSON' && n.arguments[0]) {
          const inner = eventSourceOf(n.arguments[0], scope, verifiers, depth + 1);
          return inner.kind === 'body' ? { ...inner, read: n } : inner;
        }
        // await request.json(), await req.text()
        if ((name === 'json' || name === 'text') && n.arguments.length === 0) {
          const request = requestParameterOf(callee.object, scope, 1);
          if (request) return { kind: 'body', read: n, request };
        }
      }
      return UNKNOWN;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberPropertyName(n, scope);
      if (name === 'body') {
        const request = requestParameterOf(n.object, scope, 1);
        if (request) return { kind: 'body', read: n, request };
      }
      return UNKNOWN;
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scope, n);
      if (!variable) return UNKNOWN;
      if (isParameter(variable)) {
        if (isBodyParameter(variable)) return { kind: 'body', read: n, request: null };
        return parameterSource(variable, verifiers, depth);
      }
      const def = variable.defs[0];
      if (variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator) {
        return UNKNOWN;
      }
      if (def.node.id.type !== AST_NODE_TYPES.Identifier) {
        // const { body } = req
        const path = destructuringPath(def.node.id, def.name as TSESTree.Identifier, variable.scope);
        if (path?.length === 1 && path[0] === 'body' && def.node.init) {
          const request = requestParameterOf(def.node.init, variable.scope, 1);
          if (request) return { kind: 'body', read: def.node.id, request };
        }
        return UNKNOWN;
      }
      // Every value the variable is given: `let event; try { event = stripe.webhooks.constructEvent(…) }`.
      const values: { node: TSESTree.Node; scope: Scope }[] = [];
      if (def.node.init) values.push({ node: def.node.init, scope: variable.scope });
      for (const ref of variable.references) {
        if (!ref.isWrite() || ref.init) continue;
        const write = ref.identifier.parent;
        if (write?.type !== AST_NODE_TYPES.AssignmentExpression || write.operator !== '=') return UNKNOWN;
        values.push({ node: write.right, scope: ref.from });
      }
      if (values.length === 0) return UNKNOWN;
      const sources = values.map((v) => eventSourceOf(v.node, v.scope, verifiers, depth + 1));
      if (sources.some((s) => s.kind === 'verified')) return { kind: 'verified' };
      const body = sources.find((s) => s.kind === 'body');
      return body && sources.every((s) => s.kind === 'body') ? body : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/**
 * A parameter of a function of this file that is never exported nor passed around, only called: the source
 * of the argument every call passes at its position, when they all agree (`handleEvent(await req.json())`).
 */
function parameterSource(variable: Variable, verifiers: ReadonlySet<string>, depth: number): EventSource {
  const def = variable.defs[0]!;
  const fn = def.node;
  if (fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
    return UNKNOWN;
  }
  const index = fn.params.findIndex((p) => p === def.name);
  if (index < 0) return UNKNOWN;
  // The function's own binding: `function handle(event)` or `const handle = (event) => …`.
  let binding: Variable | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (!fn.id || fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || fn.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      return UNKNOWN;
    }
    binding = variable.scope.upper?.set.get(fn.id.name) ?? null;
  } else {
    const declarator = fn.parent;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
    if (declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return UNKNOWN;
    binding = variable.scope.upper?.set.get(declarator.id.name) ?? null;
  }
  if (!binding) return UNKNOWN;
  const sources: EventSource[] = [];
  for (const ref of binding.references) {
    if (ref.init) continue;
    const call = ref.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== ref.identifier) return UNKNOWN;
    const arg = call.arguments[index];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN;
    sources.push(eventSourceOf(arg, ref.from, verifiers, depth + 1));
  }
  const first = sources[0];
  if (!first || first.kind !== 'body' || !sources.every((s) => s.kind === 'body')) return UNKNOWN;
  return first;
}

// ---------------------------------------------------------------------------------------------------------
// Verification in a handler

/** Calls of the providers' SDKs that verify a webhook's signature. */
const VERIFYING_CALLS = new Set([
  'constructEvent',
  'constructEventAsync',
  'verifySignature',
  'isValidWebhookEventSignature',
  'verifyWebhookSignature',
]);

/** A call whose name says it checks a signature: the rule cannot see inside it, so it counts. */
const VERIFYING_NAME = /verif|signature|validate.*webhook|webhook.*valid/i;

/** PayPal's REST endpoint for verifying a webhook. */
const PAYPAL_VERIFY_PATH = 'verify-webhook-signature';

/** Calls that certainly do not verify anything, even when handed the request. */
const HARMLESS_ROOTS = new Set(['console', 'logger', 'log', 'JSON', 'String', 'Number', 'Object', 'Array', 'Promise']);

/** `settings['booking-payment'].webhookVerifiers`: the project's own wrappers that verify a webhook. */
export function getWebhookVerifierSettings(context: { settings?: TSESLint.SharedConfigurationSettings }): string[] {
  return getPluginSettings(context).webhookVerifiers ?? [];
}

function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression, scope: Scope | null): string | null {
  return nameOf(unwrapExpression(call.callee), scope);
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let n = unwrapExpression(node);
  for (;;) {
    if (n.type === AST_NODE_TYPES.Identifier) return n;
    if (n.type === AST_NODE_TYPES.MemberExpression) n = unwrapExpression(n.object);
    else if (n.type === AST_NODE_TYPES.CallExpression) n = unwrapExpression(n.callee);
    else return null;
  }
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** The nearest function around `node`, or null at the top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) {
    if (
      n.type === AST_NODE_TYPES.FunctionDeclaration ||
      n.type === AST_NODE_TYPES.FunctionExpression ||
      n.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return n;
    }
  }
  return null;
}

/** Body parsers that may run before a handler in a route's middleware list. */
const BODY_PARSERS = new Set(['json', 'raw', 'text', 'urlencoded']);

/** Whether something the rule cannot see may verify the request before `fn` runs (middleware, a guard). */
function guardedOutside(fn: FunctionNode, scope: Scope): boolean {
  const parent = fn.parent;
  // app.post('/webhook', verifyStripe, (req, res) => …): a middleware that is not a body parser.
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.some((a) => a === fn)) {
    for (const arg of parent.arguments) {
      if (arg === fn) break;
      const a = unwrapExpression(arg);
      if (a.type === AST_NODE_TYPES.Literal || a.type === AST_NODE_TYPES.TemplateLiteral) continue;
      if (a.type === AST_NODE_TYPES.CallExpression && BODY_PARSERS.has(calleeName(a, scope) ?? '')) continue;
      return true;
    }
  }
  // NestJS: @UseGuards(…) on the method or its class.
  const method = parent?.type === AST_NODE_TYPES.MethodDefinition ? parent : null;
  if (method) {
    const classNode = method.parent.parent;
    const decorators = [...method.decorators, ...('decorators' in classNode ? classNode.decorators : [])];
    for (const d of decorators) {
      const e = unwrapExpression(d.expression);
      const name = e.type === AST_NODE_TYPES.CallExpression ? calleeName(e, scope) : null;
      if (name === 'UseGuards' || name === 'UseInterceptors') return true;
    }
  }
  return false;
}

/** `req.headers['x-secret']`, `request.headers.get('x-signature')`: a value read from the request's headers. */
function readsHeaders(node: TSESTree.Node): boolean {
  let n = unwrapExpression(node);
  for (let i = 0; i < 4; i++) {
    if (n.type === AST_NODE_TYPES.CallExpression) n = unwrapExpression(n.callee);
    else if (n.type === AST_NODE_TYPES.MemberExpression) {
      if (memberPropertyName(n, null) === 'headers') return true;
      n = unwrapExpression(n.object);
    } else return false;
  }
  return false;
}

/**
 * Whether the handler `fn` (which reads the request `request`) verifies the event, or may: a provider SDK's
 * verification call, a declared wrapper, a call named like a verification, PayPal's verify endpoint, the
 * request handed to a function the rule cannot see, or a middleware / guard in front of it.
 */
export function handlerMayVerify(
  fn: FunctionNode | null,
  scope: Scope,
  request: Variable | null,
  verifiers: ReadonlySet<string>,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): boolean {
  if (!fn) return true;
  if (guardedOutside(fn, scope)) return true;
  let verified = false;
  walkNodes(fn.body, visitorKeys, (node) => {
    if (verified) return;
    if (
      node.type === AST_NODE_TYPES.BinaryExpression &&
      ['===', '!==', '==', '!='].includes(node.operator) &&
      (readsHeaders(node.left) || readsHeaders(node.right))
    ) {
      verified = true; // a shared secret or signature compared by hand
    } else if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && node.value.includes(PAYPAL_VERIFY_PATH)) {
      verified = true;
    } else if (node.type === AST_NODE_TYPES.TemplateElement && node.value.raw.includes(PAYPAL_VERIFY_PATH)) {
      verified = true;
    } else if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const name = calleeName(node, null);
      if (name !== null && (VERIFYING_CALLS.has(name) || verifiers.has(name) || VERIFYING_NAME.test(name))) {
        verified = true;
        return;
      }
      if (!request) return;
      const root = rootIdentifier(node.callee);
      if (root && HARMLESS_ROOTS.has(root.name)) return;
      // the request (or its headers) handed to a function the rule cannot see
      for (const arg of node.arguments) {
        const a = unwrapExpression(arg);
        const base = a.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(a, null) === 'headers' ? unwrapExpression(a.object) : a;
        if (base.type === AST_NODE_TYPES.Identifier && base.name === request.name) {
          const variable = findVariable(scope, base);
          if (variable === null || variable === request) verified = true;
        }
      }
    }
  });
  return verified;
}
