import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../config/create-rule.js';
import { classifyDelegate, fileMayWriteModels, getModelWrite, isWriteCall } from '../detect/model-writes.js';
import { getPaymentSdks } from '../project/package-json.js';
import { fileMayCreatePayments, getPaymentCreation, isCreateCall } from '../detect/payment-creation.js';
import { providerIdColumn } from '../providers/index.js';
import { loadSchema } from '../schema/load.js';
import {
  analyzeBookingPaymentLink,
  type BookingModelLink,
  isLinkUnique,
  suggestedColumn,
} from '../schema/link.js';
import { MODEL_OPTIONS, SCHEMA_OPTION } from '../config/option-schemas.js';
import { getPluginSettings, pickList } from '../config/settings.js';
import { DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS, delegateName } from '../config/vocabulary.js';

export type Options = [
  {
    schema?: string;
    bookingModels?: string[];
    paymentModels?: string[];
    idColumns?: string[];
    requireSchema?: boolean;
  },
];

export type MessageIds = 'missingColumn' | 'notUnique' | 'schemaUnparsable' | 'schemaUnreadable' | 'schemaMissing';

/**
 * The cheap syntactic pre-check: a payment creation's method (`create`, `createOrder`, `createPayment` …)
 * or a model write's (`create`, `update`, `upsert` …); every other call costs one name test.
 */
const mayTrigger = (node: TSESTree.CallExpression): boolean => isCreateCall(node) || isWriteCall(node);

export default createRule<Options, MessageIds>({
  name: 'require-booking-payment-column',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require the Prisma schema to store the payment provider's id on the booking (or on a payment model linked to it), so a webhook can find the booking",
      recommended: true,
    },
    defaultOptions: [{ requireSchema: false }],
    messages: {
      missingColumn:
        "model {{model}} in {{file}} (line {{line}}) has no column for the {{label}} id, so a webhook cannot find the booking it paid for; add `{{column}}`.",
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
          requireSchema: {
            type: 'boolean',
            description: 'Report a file with a payment creation or booking write when no Prisma schema can be found (silent by default).',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ requireSchema: false }],
  create(context, [options]) {
    const settings = getPluginSettings(context);
    const bookingModels = pickList(DEFAULT_BOOKING_MODELS, options.bookingModels, settings.bookingModels);
    if (!fileMayCreatePayments(context.sourceCode, context.settings) && !fileMayWriteModels(context.sourceCode, bookingModels)) return {};
    /** The first payment creation or booking write: where the file's one report goes. */
    let trigger: { node: TSESTree.CallExpression; columnName: string | undefined; label: string | undefined } | undefined;
    /** The booking-like delegates the file writes (`booking` of `prisma.booking.create`). */
    const writtenDelegates = new Set<string>();

    /**
     * `columnName`/`label`: from the payment creation (`paymentIntentId`, `PaymentIntent`), or undefined for a
     * booking write. `delegates`: the booking-like models the file writes; when there are any, only those
     * models are judged.
     */
    function check(node: TSESTree.CallExpression, columnName: string | undefined, label: string | undefined, delegates: ReadonlySet<string>) {
      const filename = context.filename;
      const sdks = getPaymentSdks(path.dirname(filename));
      if (sdks.length === 0) return; // no server-side payment SDK: nothing to link
      const paymentModels = pickList(DEFAULT_PAYMENT_MODELS, options.paymentModels, settings.paymentModels);
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

      const links = analyzeBookingPaymentLink(result.schema, { bookingModels, paymentModels, idColumns });
      // A file that writes a booking model is about that model: another booking-like model of the schema (an
      // unpaid `Appointment` next to the `Booking` written here) is not this file's concern. A payment
      // creation alone does not say which model it pays for, so then every booking-like model is judged.
      const written = (model: string) =>
        [...delegates].some((d) => delegateName(model) === d || model.toLowerCase() === d.toLowerCase());
      const judged: BookingModelLink[] = delegates.size > 0 ? links.filter((l) => written(l.model.name)) : links;
      const missing = judged.find((l) => !l.ok);
      if (missing) {
        const column = suggestedColumn(columnName ?? providerIdColumn(sdks[0]?.provider), idColumns);
        context.report({
          node,
          messageId: 'missingColumn',
          data: {
            model: missing.model.name,
            file: rel(missing.model.file),
            line: missing.model.line,
            label: label ?? "payment provider's",
            column: column.line,
          },
        });
        return;
      }
      const loose = judged.find((l) => !isLinkUnique(l));
      if (loose) {
        const owner = loose.viaPayment?.model ?? loose.model;
        const field = loose.viaPayment?.providerIdColumn ?? loose.providerIdColumns[0];
        if (!field) return;
        context.report({
          node,
          messageId: 'notUnique',
          data: { model: owner.name, column: field.name, file: rel(owner.file), line: field.line },
        });
      }
    }

    return {
      CallExpression(node) {
        if (!mayTrigger(node)) return;
        if (!trigger) {
          const creation = getPaymentCreation(context, node);
          if (creation) {
            trigger = { node, columnName: creation.idColumn, label: creation.label };
            return;
          }
        }
        const write = getModelWrite(context, node);
        if (write && classifyDelegate(write.delegate, { bookingModels: options.bookingModels ?? settings.bookingModels }) === 'booking') {
          writtenDelegates.add(write.delegate);
          trigger ??= { node, columnName: undefined, label: undefined };
        }
      },
      // Once per file, at the first payment creation or booking write, when every booking write is known.
      'Program:exit'() {
        if (trigger) check(trigger.node, trigger.columnName, trigger.label, writtenDelegates);
      },
    };
  },
});
