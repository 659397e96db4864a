/**
 * Call sites of the project's declared payment wrappers (`settings['booking-payment'].providers`, see
 * config/wrappers.ts): `createPayment(booking, amount)` where `createPayment` is imported from the declared
 * module under the declared export name (a named import, the default import, or a member of a namespace
 * import). The call is judged as a payment creation: its booking reference is the declared argument, its
 * id comes back along the declared path.
 */
import path from 'node:path';

import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import { getWrappers, type Wrapper } from '../config/wrappers.js';
import { CREATION_SPECS, providerDisplayName, providerIdColumn, type ReferenceSpec } from '../providers/index.js';
import { unwrapExpression } from '../util/ast.js';
import { memberPropertyName, type Scope } from '../util/static-value.js';
import type { PaymentCreation, RuleContextLike } from './payment-creation.js';

const EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** A module path without its extension and a trailing `/index`, absolute and with forward slashes. */
function normalise(file: string): string {
  return file.replace(/\\/g, '/').replace(EXTENSION, '').replace(/\/index$/, '');
}

/**
 * Whether the import specifier `source`, written in `filename`, names the wrapper's module: the specifier as
 * declared (a package, a path alias), or a relative import of the declared project file.
 */
export function importsWrapperModule(source: string, filename: string, cwd: string, wrapper: Wrapper): boolean {
  if (source === wrapper.module) return true;
  if (!source.startsWith('.')) return false;
  const imported = normalise(path.resolve(path.dirname(filename), source));
  if (imported === normalise(path.resolve(cwd, wrapper.module))) return true;
  // A project path also matches from below another cwd (a monorepo linted from its root): by whole segments.
  const declared = normalise(wrapper.module).replace(/^\.\//, '');
  return !path.isAbsolute(wrapper.module) && imported.endsWith(`/${declared}`);
}

/** The import a callee name is bound to: the module and the imported name (`default`, `*` for a namespace). */
function importOf(id: TSESTree.Identifier, scope: Scope): { source: string; imported: string } | null {
  const def = ASTUtils.findVariable(scope, id)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const source = def.parent.source.value;
  const spec = def.node;
  if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
  if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
  if (spec.type === AST_NODE_TYPES.ImportSpecifier) {
    const imported = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
    return { source, imported };
  }
  return null;
}

/** The declared wrapper this call calls, or null. */
function wrapperOf(context: RuleContextLike, node: TSESTree.CallExpression, wrappers: readonly Wrapper[]): Wrapper | null {
  const callee = unwrapExpression(node.callee);
  const scope = context.sourceCode.getScope(node);
  let bound: { source: string; imported: string } | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    bound = importOf(callee, scope);
  } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // payments.createPayment(…) with `import * as payments from './lib/payments'`
    const object = unwrapExpression(callee.object);
    const name = memberPropertyName(callee, scope);
    if (object.type !== AST_NODE_TYPES.Identifier || name === null) return null;
    const ns = importOf(object, scope);
    if (ns?.imported === '*') bound = { source: ns.source, imported: name };
  }
  if (!bound) return null;
  const { source, imported } = bound;
  return (
    wrappers.find(
      (w) => w.exportName === imported && importsWrapperModule(source, context.filename, context.cwd, w),
    ) ?? null
  );
}

/** The reference spec of a wrapper: the argument itself, or a property path inside it. */
function referenceOfWrapper(wrapper: Wrapper): ReferenceSpec {
  const argument = `argument ${wrapper.argument + 1} of ${wrapper.exportName}`;
  if (wrapper.path.length === 0) return { holderPath: [], fields: [], location: argument };
  return {
    holderPath: wrapper.path.slice(0, -1),
    fields: [wrapper.path[wrapper.path.length - 1]!],
    location: `${wrapper.path.join('.')} (${argument})`,
  };
}

/** The payment creation a call of a declared wrapper is, or null (also when no wrapper is declared). */
export function detectWrapperCall(context: RuleContextLike, node: TSESTree.CallExpression): PaymentCreation | null {
  const wrappers = getWrappers(context.settings);
  if (wrappers.length === 0) return null;
  const wrapper = wrapperOf(context, node, wrappers);
  if (!wrapper) return null;
  const arg = node.arguments[wrapper.argument];
  const spread = node.arguments.slice(0, wrapper.argument + 1).some((a) => a.type === AST_NODE_TYPES.SpreadElement);
  const kind = CREATION_SPECS.find((s) => s.provider === wrapper.provider)!.kind;
  return {
    provider: wrapper.provider,
    kind,
    label: wrapper.label.startsWith(providerDisplayName(wrapper.provider))
      ? wrapper.label
      : `${providerDisplayName(wrapper.provider)} ${wrapper.label}`,
    call: node,
    params: spread ? undefined : arg,
    client: node.callee,
    confidence: 'bound',
    idPath: wrapper.idPath,
    idColumn: wrapper.column ?? providerIdColumn(wrapper.provider),
    references: [referenceOfWrapper(wrapper)],
    // A spread before the reference hides which argument it is; an argument left out is a missing reference.
    paramsUnseen: spread,
    wrapper: wrapper.exportName,
  };
}
