import path from 'node:path';

import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../config/create-rule.js';
import { MODEL_OPTIONS, SCHEMA_OPTION, stringList } from '../config/option-schemas.js';
import { getPluginSettings, pickList } from '../config/settings.js';
import { DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS, delegateName, keyBaseName } from '../config/vocabulary.js';
import { classifyDelegate, dataRegions, getModelWrite, isWriteCall, type ModelWrite } from '../detect/model-writes.js';
import { fileMayCreatePayments, getPaymentCreation, isCreateCall, type PaymentCreation } from '../detect/payment-creation.js';
import { getPaymentSdks } from '../project/package-json.js';
import { loadSchema } from '../schema/load.js';
import {
  analyzeBookingPaymentLink,
  type BookingModelLink,
  columnsFor,
  describeOtherColumns,
  hasPlaceholderDefault,
  type LinkVocabulary,
  suggestedColumn,
} from '../schema/link.js';
import type { SchemaInfo, SchemaModel } from '../schema/model.js';
import { unwrapExpression } from '../util/ast.js';
import { propertyKeyName, resolveObject, resolveScoped, type Scope } from '../util/static-value.js';

export type Options = [
  {
    schema?: string;
    bookingModels?: string[];
    paymentModels?: string[];
    idColumns?: string[];
    requireSchema?: boolean;
    requireUnique?: boolean;
  },
];

export type MessageIds =
  | 'missingColumn'
  | 'missingProviderColumn'
  | 'notUnique'
  | 'schemaUnparsable'
  | 'schemaUnreadable'
  | 'schemaMissing';

/** The cheap syntactic pre-check: a payment creation's method, or a model write's (to learn what the file writes). */
const mayMatter = (node: TSESTree.CallExpression): boolean => isCreateCall(node) || isWriteCall(node);

/**
 * Models that take part in a payment without being what is paid for: who pays, who is paid, and the
 * catalogue (`Product`, `Price`, `Plan`). A reference to one of them (`metadata.userId`) does not name the
 * booking.
 */
const PARTY_MODELS =
  /^(?:user|customer|account|profile|member|tenant|organi[sz]ation|team|merchant|vendor|host|owner|guest|client|session|product|price|plan|coupon|discount)$/i;

/** A model the code names as the thing paid for, and why. */
interface InferredBooking {
  model: string;
  reason: string;
}

export default createRule<Options, MessageIds>({
  name: 'require-booking-payment-column',
  // Reported at a payment creation only: a file without one (a booking write, a seed) is never about the link.
  appliesTo: (context) => fileMayCreatePayments(context.sourceCode, context.settings),
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require the Prisma schema to store the payment provider's id on the booking (or on a payment model linked to it), so a webhook can find the booking",
      recommended: true,
    },
    defaultOptions: [{ requireSchema: false, requireUnique: false }],
    messages: {
      missingColumn:
        "model {{model}} in {{file}} (line {{line}}) has no column for the {{label}} id, so a webhook cannot find the booking it paid for; add `{{column}}`.",
      missingProviderColumn:
        "model {{model}} in {{file}} (line {{line}}){{taken}} has no column for the {{label}} id{{present}}, so a webhook cannot find the booking it paid for; add `{{column}}`.",
      notUnique:
        "`{{model}}.{{column}}` in {{file}} (line {{line}}) is not unique, so a webhook's lookup by the provider's id can match two bookings; add `@unique` to it.",
      schemaUnparsable:
        "Cannot check that the booking stores the payment provider's id: {{file}}:{{line}} does not parse ({{message}}).",
      schemaUnreadable:
        "Cannot check that the booking stores the payment provider's id: {{file}} cannot be read ({{message}}).",
      schemaMissing:
        "No Prisma schema found to check that the booking stores the payment provider's id (looked for {{searched}}); set the `schema` option or `settings['booking-payment'].schema`.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          schema: SCHEMA_OPTION,
          ...MODEL_OPTIONS,
          paymentModels: stringList(
            "Models that may hold the link; replaces the default: any model with a relation or a `<booking>Id` key to the booking and a provider-id column (Payment, Transaction, Charge first). Falls back to settings['booking-payment'].paymentModels.",
          ),
          requireSchema: {
            type: 'boolean',
            description: 'Report a file with a payment creation when no Prisma schema can be found (silent by default).',
          },
          requireUnique: {
            type: 'boolean',
            description:
              "Also report a provider-id column that is not unique (`@unique`, `@id`, or first in `@@unique`/`@@index`/`@@id`); a column with a `@default` or written with a constant placeholder is left alone.",
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ requireSchema: false, requireUnique: false }],
  create(context, [options]) {
    const settings = getPluginSettings(context);
    const configuredBookingModels = options.bookingModels ?? settings.bookingModels;
    const configuredPaymentModels = options.paymentModels ?? settings.paymentModels;
    const bookingModels = pickList(DEFAULT_BOOKING_MODELS, configuredBookingModels);
    /** The first payment creation: where the file's one report goes. */
    let creation: PaymentCreation | undefined;
    /** Every model write of the file, in source order. */
    const writes: ModelWrite[] = [];

    function check(created: PaymentCreation) {
      const node = created.call;
      const filename = context.filename;
      const sdks = getPaymentSdks(path.dirname(filename));
      if (sdks.length === 0) return; // no server-side payment SDK: nothing to link
      const idColumns = options.idColumns ?? settings.idColumns;
      const cwd = context.cwd;
      const result = loadSchema({ filename, cwd, schema: options.schema ?? settings.schema });
      const rel = (file: string) => path.relative(cwd, file) || path.basename(file);

      if (result.status === 'missing') {
        if (options.requireSchema) {
          const searched = result.searched.map((s) => rel(s.split(' (')[0] ?? s)).join(', ');
          context.report({ node, messageId: 'schemaMissing', data: { searched } });
        }
        return;
      }
      if (result.status === 'error') {
        context.report({
          node,
          messageId: result.reason === 'parse' ? 'schemaUnparsable' : 'schemaUnreadable',
          data: { file: rel(result.file), line: result.line, message: result.message },
        });
        return;
      }

      const schema = result.schema;
      const vocabulary: LinkVocabulary = { bookingModels, paymentModels: configuredPaymentModels, idColumns };
      let links = analyzeBookingPaymentLink(schema, vocabulary);
      let inferred: InferredBooking | undefined;
      if (links.length === 0 && !configuredBookingModels?.length) {
        // No model is named like a booking: take the one the code treats as the thing paid for.
        inferred = inferBookingModel(created, writes, schema, configuredPaymentModels, context.sourceCode);
        if (inferred) links = analyzeBookingPaymentLink(schema, { ...vocabulary, bookingModels: [inferred.model] });
      }

      // A file that writes a booking model is about that model: another booking-like model of the schema (an
      // unpaid `Appointment` next to the `Booking` written here) is not this file's concern. A payment
      // creation alone does not say which model it pays for, so then every booking-like model is judged.
      const delegates = new Set(
        writes
          .filter((w) => classifyDelegate(w.delegate, { bookingModels: configuredBookingModels }) === 'booking')
          .map((w) => w.delegate),
      );
      const written = (model: string) =>
        [...delegates].some((d) => delegateName(model) === d || model.toLowerCase() === d.toLowerCase());
      const judged: BookingModelLink[] = delegates.size > 0 && !inferred ? links.filter((l) => written(l.model.name)) : links;

      const missing = judged.find((l) => columnsFor(l, created.provider).length === 0);
      if (missing) {
        const column = suggestedColumn(created.idColumn, idColumns);
        // None of its columns can hold this provider's id: name them, they are another provider's.
        const others = missing.columns;
        const data = {
          model: missing.model.name,
          file: rel(missing.model.file),
          line: missing.model.line,
          label: created.label,
          column: column.line,
          taken: inferred ? `, taken as the booking because ${inferred.reason},` : '',
          present: others.length > 0 ? ` (only ${describeOtherColumns(others)})` : '',
        };
        context.report({ node, messageId: !inferred && others.length === 0 ? 'missingColumn' : 'missingProviderColumn', data });
        return;
      }
      if (!options.requireUnique) return;
      const placeholders = placeholderColumns(writes);
      for (const link of judged) {
        const loose = columnsFor(link, created.provider).find(
          (c) => !c.unique && !hasPlaceholderDefault(c.field) && !placeholders.has(c.field.name),
        );
        if (!loose) continue;
        context.report({
          node,
          messageId: 'notUnique',
          data: { model: loose.model.name, column: loose.field.name, file: rel(loose.model.file), line: loose.field.line },
        });
        return;
      }
    }

    return {
      CallExpression(node) {
        if (!mayMatter(node)) return;
        if (!creation) {
          const found = getPaymentCreation(context, node);
          if (found) {
            creation = found;
            return;
          }
        }
        const write = getModelWrite(context, node);
        if (write) writes.push(write);
      },
      // Once per file, at the first payment creation, when every write of the file is known.
      'Program:exit'() {
        if (creation) check(creation);
      },
    };
  },
});

/** Columns the file writes with a constant (`paymentIntentId: ''`): the same placeholder in every row. */
function placeholderColumns(writes: readonly ModelWrite[]): Set<string> {
  const out = new Set<string>();
  for (const write of writes) {
    for (const region of dataRegions(write)) {
      if (region.node.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const prop of region.node.properties) {
        if (prop.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(prop, null);
        const value = unwrapExpression(prop.value);
        const constant =
          (value.type === AST_NODE_TYPES.Literal && (typeof value.value === 'string' || typeof value.value === 'number')) ||
          (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
        if (key !== null && constant) out.add(key);
      }
    }
  }
  return out;
}

/** The schema model named by `name` (`order`, `Location`, `rental_unit`), when there is exactly one. */
function modelNamed(schema: SchemaInfo, name: string): SchemaModel | undefined {
  const bare = name.replace(/_/g, '').toLowerCase();
  const found = [...schema.models.values()].filter((m) => m.name.toLowerCase() === bare);
  return found.length === 1 ? found[0] : undefined;
}

/** The object whose id a value is: `order` of `order.id`, `String(order.id)`, `` `${order.id}` ``, `input.order.id`. */
function idOwnerName(value: TSESTree.Node, scope: Scope): string | undefined {
  let node = resolveScoped(value, scope).node;
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 1 && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'String') {
    node = unwrapExpression(node.arguments[0]!);
  } else if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0 && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = node.callee.property;
    if (method.type === AST_NODE_TYPES.Identifier && method.name === 'toString') node = unwrapExpression(node.callee.object);
  } else if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 1 && node.quasis.every((q) => q.value.cooked === '')) {
    node = unwrapExpression(node.expressions[0]!);
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return undefined;
  if (node.property.type !== AST_NODE_TYPES.Identifier || node.property.name !== 'id') return undefined;
  const object = unwrapExpression(node.object);
  if (object.type === AST_NODE_TYPES.Identifier) return object.name;
  if (object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier) {
    return object.property.name;
  }
  return undefined;
}

/** Keys that carry a reference whatever they are called: Stripe's, PayPal's and Square's fixed fields. */
const FIXED_REFERENCE_KEYS = new Set(['client_reference_id', 'customId', 'referenceId', 'custom_id', 'reference_id']);

/**
 * The model the creation's booking reference points at: metadata `orderId: order.id` → model Order (key and
 * value agree or only one names a model), `customId: location.id` → model Location. Party models (User,
 * Customer …) are not bookings; two different models named: none.
 */
function modelFromReference(
  created: PaymentCreation,
  schema: SchemaInfo,
  sourceText: (node: TSESTree.Node) => string,
  scope: Scope,
): InferredBooking | undefined {
  if (!created.params) return undefined;
  const params = resolveObject(created.params, scope);
  if (!params) return undefined;
  const holders: { shape: NonNullable<ReturnType<typeof resolveObject>>; where: string }[] = [{ shape: params, where: '' }];
  const nested = (shape: NonNullable<ReturnType<typeof resolveObject>>, key: string) => {
    const prop = shape.properties.get(key);
    return prop ? resolveObject(prop.value, prop.scope) : null;
  };
  const metadata = nested(params, 'metadata');
  if (metadata) holders.push({ shape: metadata, where: 'metadata ' });
  for (const outer of ['payment_intent_data', 'subscription_data']) {
    const inner = nested(params, outer);
    const meta = inner && nested(inner, 'metadata');
    if (meta) holders.push({ shape: meta, where: `${outer}.metadata ` });
  }
  const body = nested(params, 'body');
  const units = body?.properties.get('purchaseUnits');
  if (units) {
    const list = resolveScoped(units.value, units.scope);
    if (list.node.type === AST_NODE_TYPES.ArrayExpression) {
      for (const el of list.node.elements) {
        const unit = el && el.type !== AST_NODE_TYPES.SpreadElement ? resolveObject(el, list.scope) : null;
        if (unit) holders.push({ shape: unit, where: 'purchaseUnits[] ' });
      }
    }
  }
  const found = new Map<string, InferredBooking>();
  for (const { shape, where } of holders) {
    for (const prop of shape.properties.values()) {
      const fixed = FIXED_REFERENCE_KEYS.has(prop.key);
      if (!fixed && (where === '' || !/(?:Id|_id)$/.test(prop.key))) continue;
      const owner = idOwnerName(prop.value, prop.scope);
      const names = [fixed ? undefined : keyBaseName(prop.key), owner].filter((n): n is string => n !== undefined);
      const models = [...new Set(names.map((n) => modelNamed(schema, n)).filter((m): m is SchemaModel => m !== undefined))];
      if (models.length !== 1) continue;
      const model = models[0]!;
      if (PARTY_MODELS.test(model.name)) continue;
      const valueText = sourceText(prop.value);
      const shown = valueText.length > 40 ? `${valueText.slice(0, 37)}…` : valueText;
      found.set(model.name, { model: model.name, reason: `the ${created.label}'s ${where}\`${prop.key}\` is \`${shown}\`` });
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/** The model the file writes a provider-id column into (`prisma.location.update({ data: { stripeSessionId } })`). */
function modelFromWrites(
  writes: readonly ModelWrite[],
  schema: SchemaInfo,
  paymentModels: readonly string[],
): InferredBooking | undefined {
  const found = new Map<string, InferredBooking>();
  for (const write of writes) {
    const model = modelNamed(schema, write.delegate);
    if (!model || PARTY_MODELS.test(model.name) || paymentModels.includes(model.name)) continue;
    // The provider-id columns of the model (its own, not a linked table's), read by the schema analysis.
    const [link] = analyzeBookingPaymentLink(schema, { bookingModels: [model.name], paymentModels: [model.name] });
    const own = new Set(link?.providerIdColumns.map((f) => f.name));
    for (const region of dataRegions(write)) {
      if (region.node.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const prop of region.node.properties) {
        if (prop.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(prop, null);
        if (key === null || !own.has(key)) continue;
        const value = unwrapExpression(prop.value);
        if (value.type === AST_NODE_TYPES.Literal) continue; // a placeholder, not the provider's id
        found.set(model.name, { model: model.name, reason: `this file writes \`${key}\` into it` });
      }
    }
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/**
 * The booking model when no model is named like one: the model whose id the creation passes as its booking
 * reference, else the one model the file writes a provider id into. None when the code does not say.
 */
function inferBookingModel(
  created: PaymentCreation,
  writes: readonly ModelWrite[],
  schema: SchemaInfo,
  configuredPaymentModels: readonly string[] | undefined,
  sourceCode: Readonly<TSESLint.SourceCode>,
): InferredBooking | undefined {
  const text = (node: TSESTree.Node) => sourceCode.getText(node).replace(/\s+/g, ' ');
  return (
    modelFromReference(created, schema, text, sourceCode.getScope(created.call)) ??
    modelFromWrites(writes, schema, configuredPaymentModels?.length ? configuredPaymentModels : DEFAULT_PAYMENT_MODELS)
  );
}
