/**
 * Payment creations made through a request object, as PayPal's `@paypal/checkout-server-sdk` does:
 *
 *   const request = new paypal.orders.OrdersCreateRequest();
 *   request.prefer('return=representation');
 *   request.requestBody({ intent: 'CAPTURE', purchase_units: [{ custom_id: booking.id, amount }] });
 *   const order = await client.execute(request);   // order.result.id
 *
 * The execute call is the creation (its result carries the id); the params are the one body call's argument.
 * `execute` is a generic name: the call counts only when its argument is visibly such a request, constructed
 * from the SDK (or, in a file that imports the provider, by the request class's own name).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { clientPackagesOf, importHintOf, type ProviderRequestObjectSpec, REQUEST_OBJECT_SPECS } from '../providers/index.js';
import { memberChain, unwrapExpression } from '../util/ast.js';
import { findVariable, isNeverReassigned, memberPropertyName, type Scope, type Variable } from '../util/static-value.js';
import { classifyClient, moduleSourceOf } from './client-origin.js';
import type { PaymentCreation, RuleContextLike } from './payment-creation.js';

interface RequestObject {
  spec: ProviderRequestObjectSpec;
  variable: Variable | null;
  /** Whether the class certainly comes from the provider's SDK. */
  bound: boolean;
}

/** `new <ns…>.OrdersCreateRequest()`: the spec and whether its namespace is the SDK's; null otherwise. */
function requestOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  scope: Scope,
): Omit<RequestObject, 'variable'> | null {
  const n = unwrapExpression(node);
  if (n.type !== AST_NODE_TYPES.NewExpression) return null;
  const callee = unwrapExpression(n.callee);
  const { root, names } = memberChain(callee);
  const className = names.length > 0 ? names[names.length - 1] : root.type === AST_NODE_TYPES.Identifier ? root.name : null;
  const spec = REQUEST_OBJECT_SPECS.find((s) => s.className === className);
  if (!spec) return null;
  const source = root.type === AST_NODE_TYPES.Identifier ? moduleSourceOf(root, scope) : null;
  const packages = clientPackagesOf(spec.provider);
  if (source !== null && packages.includes(source)) return { spec, bound: true };
  // Imported from another module (a local re-export), or a namespace of unknown origin: only in a file that
  // names the provider.
  if (source !== null && !source.startsWith('.') && !source.startsWith('@/') && !source.startsWith('~/')) return null;
  return importHintOf(spec.provider).test(sourceCode.text) ? { spec, bound: false } : null;
}

/** The request object `execute`'s argument is: an inline `new …()`, or a never-reassigned variable holding one. */
function resolveRequest(
  sourceCode: Readonly<TSESLint.SourceCode>,
  arg: TSESTree.Node,
  scope: Scope,
): RequestObject | null {
  const n = unwrapExpression(arg);
  if (n.type === AST_NODE_TYPES.NewExpression) {
    const request = requestOf(sourceCode, n, scope);
    return request ? { ...request, variable: null } : null;
  }
  if (n.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scope, n);
  const def = variable?.defs[0];
  if (!variable || !def || !isNeverReassigned(variable)) return null;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init) return null;
  const request = requestOf(sourceCode, def.node.init, variable.scope);
  return request ? { ...request, variable } : null;
}

/**
 * The argument of the request's one body call (`request.requestBody(params)`), when it is made in the same
 * scope as the execute call; undefined when there is none, several, or it sits elsewhere.
 */
function bodyOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  request: RequestObject,
  executeScope: Scope,
): TSESTree.Node | undefined {
  if (!request.variable) return undefined;
  const bodies: TSESTree.CallExpression[] = [];
  for (const ref of request.variable.references) {
    const id = ref.identifier as TSESTree.Node;
    const member = id.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== id) continue;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    if (memberPropertyName(member, null) === request.spec.bodyMethod) bodies.push(call);
  }
  const only = bodies.length === 1 ? bodies[0]! : undefined;
  const arg = only?.arguments[0];
  if (!only || !arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
  return sourceCode.getScope(only) === executeScope ? arg : undefined;
}

/** The payment creation `client.execute(request)` is, or null. */
export function detectRequestObjectCall(
  context: RuleContextLike,
  node: TSESTree.CallExpression,
  method: string,
): PaymentCreation | null {
  const arg = node.arguments[0];
  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement || node.arguments.length !== 1) return null;
  const scope = context.sourceCode.getScope(node);
  const request = resolveRequest(context.sourceCode, arg, scope);
  if (!request || request.spec.executeMethod !== method) return null;
  const callee = unwrapExpression(node.callee) as TSESTree.MemberExpression;
  const client = unwrapExpression(callee.object);
  const origin = classifyClient(client, scope, clientPackagesOf(request.spec.provider));
  if (origin === 'other') return null;
  const params = bodyOf(context.sourceCode, request, scope);
  return {
    provider: request.spec.provider,
    kind: request.spec.kind,
    label: request.spec.label,
    call: node,
    params,
    client,
    confidence: request.bound || origin === 'sdk' ? 'bound' : 'shape',
    idPath: request.spec.idPath,
    idColumn: request.spec.idColumn,
    paramsUnseen: params === undefined,
  };
}
