/**
 * Payment creations made by calling a provider's REST API directly, as many apps call PayPal since its SDK
 * churn: `fetch(`${base}/v2/checkout/orders`, { method: 'POST', body: JSON.stringify({ purchase_units }) })`,
 * `axios.post(url, { purchase_units })`, `axios({ method: 'post', url, data })`. A call counts only when its
 * URL visibly ends in the endpoint's path and its method is visibly POST; the params are the body when it is
 * an object (or `JSON.stringify` of one) the code shows.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { type ProviderRestEndpointSpec, REST_ENDPOINT_SPECS } from '../providers/index.js';
import { unwrapExpression } from '../util/ast.js';
import {
  findVariable,
  getStaticString,
  isNeverReassigned,
  memberPropertyName,
  resolveObject,
  resolveScoped,
  type Scope,
} from '../util/static-value.js';
import { moduleSourceOf } from './client-origin.js';
import type { PaymentCreation, RuleContextLike } from './payment-creation.js';

/** Modules whose default (or named `fetch`) export is a fetch. */
const FETCH_MODULES: readonly string[] = ['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici'];
const AXIOS_MODULES: readonly string[] = ['axios'];
const MAX_DEPTH = 8;

/** Whether a call's callee may be a REST call (the cheap pre-check): `fetch(…)`, `axios(…)`, `<x>.post(…)`. */
export function mayBeRestCall(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'fetch' || callee.name === 'axios';
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    (callee.property.name === 'post' || callee.property.name === 'fetch')
  );
}

/** The endpoint whose path `url` visibly ends in (a literal, a template's tail, a `+`'s right side), or null. */
export function endpointOfUrl(node: TSESTree.Node, scope: Scope, depth = 0): ProviderRestEndpointSpec | null {
  if (depth > MAX_DEPTH) return null;
  const { node: n, scope: s } = resolveScoped(node, scope);
  let tail: string | null = null;
  if (n.type === AST_NODE_TYPES.Literal) {
    tail = typeof n.value === 'string' ? n.value : null;
  } else if (n.type === AST_NODE_TYPES.TemplateLiteral) {
    const last = n.quasis[n.quasis.length - 1]?.value.cooked ?? '';
    const lastExpression = n.expressions[n.expressions.length - 1];
    // `${base}${ORDERS_PATH}`: the tail is the last expression's value.
    if (last === '' && lastExpression) return endpointOfUrl(lastExpression, s, depth + 1);
    tail = last;
  } else if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
    const right = getStaticString(n.right, s);
    tail = right ?? null;
    if (tail === null) return endpointOfUrl(n.right, s, depth + 1);
  }
  if (tail === null) return null;
  const path = tail.replace(/[?#].*$/, '').replace(/\/$/, '');
  return REST_ENDPOINT_SPECS.find((spec) => path.endsWith(spec.path)) ?? null;
}

/** `fetch` here is the platform's fetch (a global, or a fetch package's export), not a local function. */
function isFetch(callee: TSESTree.Node, scope: Scope): boolean {
  const n = unwrapExpression(callee);
  if (n.type === AST_NODE_TYPES.Identifier) {
    if (n.name !== 'fetch') return false;
    const variable = findVariable(scope, n);
    if (!variable || variable.defs.length === 0) return true; // the global
    const source = moduleSourceOf(n, scope);
    return source !== null && FETCH_MODULES.includes(source);
  }
  // globalThis.fetch / window.fetch
  if (n.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(n, scope) === 'fetch') {
    const object = unwrapExpression(n.object);
    return (
      object.type === AST_NODE_TYPES.Identifier &&
      (object.name === 'globalThis' || object.name === 'window') &&
      !findVariable(scope, object)
    );
  }
  return false;
}

/** `axios`, imported or required from axios, or an instance made by `axios.create(…)`. */
function isAxios(node: TSESTree.Node, scope: Scope, depth = 0): boolean {
  const n = unwrapExpression(node);
  if (depth > 3 || n.type !== AST_NODE_TYPES.Identifier) return false;
  const source = moduleSourceOf(n, scope);
  if (source !== null) return AXIOS_MODULES.includes(source);
  const variable = findVariable(scope, n);
  const def = variable?.defs[0];
  if (!variable || !def || !isNeverReassigned(variable) || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  const init = def.node.init ? unwrapExpression(def.node.init) : null;
  if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(init.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberPropertyName(callee, variable.scope) === 'create' &&
    isAxios(callee.object, variable.scope, depth + 1)
  );
}

/** The object a body stands for: itself, or the argument of `JSON.stringify(…)`; undefined when unseen. */
function bodyParams(body: TSESTree.Node, scope: Scope, callScope: Scope): TSESTree.Node | undefined {
  const { node: n, scope: s } = resolveScoped(body, scope);
  let params: TSESTree.Node = n;
  if (n.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapExpression(n.callee);
    const arg = n.arguments[0];
    const isStringify =
      callee.type === AST_NODE_TYPES.MemberExpression &&
      memberPropertyName(callee, s) === 'stringify' &&
      unwrapExpression(callee.object).type === AST_NODE_TYPES.Identifier &&
      (unwrapExpression(callee.object) as TSESTree.Identifier).name === 'JSON';
    if (!isStringify || !arg || arg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    params = arg;
  }
  // The links read the params from the call's scope: a body built in another scope stays unseen.
  if (s !== callScope || !resolveObject(params, s)) return undefined;
  return params;
}

function creation(
  spec: ProviderRestEndpointSpec,
  node: TSESTree.CallExpression,
  params: TSESTree.Node | undefined,
  idPath: readonly string[],
): PaymentCreation {
  return {
    provider: spec.provider,
    kind: spec.kind,
    label: spec.label,
    call: node,
    params,
    client: node.callee,
    confidence: 'bound',
    idPath,
    idColumn: spec.idColumn,
    // A body that cannot be seen is unknown, never "no reference".
    paramsUnseen: params === undefined,
  };
}

const isPost = (value: string | null): boolean => value !== null && value.toUpperCase() === 'POST';

/** The payment creation a `fetch`/axios call to a provider's REST endpoint is, or null. */
export function detectRestCall(context: RuleContextLike, node: TSESTree.CallExpression): PaymentCreation | null {
  const scope = context.sourceCode.getScope(node);
  const callee = unwrapExpression(node.callee);
  const [first, second] = node.arguments;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;

  if (isFetch(callee, scope)) {
    const spec = endpointOfUrl(first, scope);
    if (!spec || !second || second.type === AST_NODE_TYPES.SpreadElement) return null;
    const init = resolveObject(second, scope);
    const method = init?.properties.get('method');
    if (!init || !method || !isPost(getStaticString(method.value, method.scope))) return null;
    const body = init.properties.get('body');
    const params = body ? bodyParams(body.value, body.scope, scope) : undefined;
    return creation(spec, node, params, spec.fetchIdPath);
  }

  // axios.post(url, data, config) / instance.post(url, data)
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberPropertyName(callee, scope) === 'post' &&
    isAxios(callee.object, scope)
  ) {
    const spec = endpointOfUrl(first, scope);
    if (!spec) return null;
    const params = second && second.type !== AST_NODE_TYPES.SpreadElement ? bodyParams(second, scope, scope) : undefined;
    return creation(spec, node, params, spec.axiosIdPath);
  }

  // axios({ method: 'post', url, data })
  if (callee.type === AST_NODE_TYPES.Identifier && isAxios(callee, scope)) {
    const config = resolveObject(first, scope);
    const url = config?.properties.get('url');
    const method = config?.properties.get('method');
    if (!config || !url || !method || !isPost(getStaticString(method.value, method.scope))) return null;
    const spec = endpointOfUrl(url.value, url.scope);
    if (!spec) return null;
    const data = config.properties.get('data');
    const params = data ? bodyParams(data.value, data.scope, scope) : undefined;
    return creation(spec, node, params, spec.axiosIdPath);
  }
  return null;
}
