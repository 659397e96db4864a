/**
 * `booking-payment/prisma-booking-payment-column`: the schema-side twin of `require-booking-payment-column`,
 * for `.prisma` files linted with the `booking-payment/prisma` language. It reports on the `model Booking`
 * line itself and suggests the column to add.
 *
 * Not built with typescript-eslint's `createRule` (its types are for ESTree); a plain ESLint rule object
 * typed with @eslint/core, following the same conventions (messageIds, schema, defaultOptions, docs.url).
 */
import path from 'node:path';

import type { RuleDefinition, RuleVisitor } from '@eslint/core';

import type { PrismaField as AstField, PrismaModel as AstModel, PrismaSchema } from '../languages/prisma/ast.js';
import type { PrismaLanguageOptions, PrismaSourceCode } from '../languages/prisma/prisma-source-code.js';
import { type BookingPaymentDocs, docsUrl } from '../config/create-rule.js';
import { guardListeners, handleAnalysisError } from '../config/errors.js';
import { DEFAULT_BOOKING_MODELS } from '../config/vocabulary.js';
import { getPaymentSdks } from '../project/package-json.js';
import { loadSchemaSiblings } from '../schema/load.js';
import { locateSchema, type SchemaLocation } from '../schema/locate.js';
import { addToSchemaInfo, emptySchemaInfo, readSchemaModels, type SchemaField, type SchemaInfo } from '../schema/model.js';
import { providerDisplayName, providerIdColumn } from '../providers/index.js';
import {
  analyzeBookingPaymentLink,
  type BookingModelLink,
  columnsFor,
  describeOtherColumns,
  hasPlaceholderDefault,
  suggestedColumn,
} from '../schema/link.js';
import { MODEL_OPTIONS, SCHEMA_OPTION, stringList } from '../config/option-schemas.js';
import { getPluginSettings, pickList } from '../config/settings.js';

export type Options = [
  {
    schema?: string;
    bookingModels?: string[];
    paymentModels?: string[];
    idColumns?: string[];
    requireUnique?: boolean;
  },
];

export type MessageIds = 'missingColumn' | 'notUnique' | 'notUniqueElsewhere' | 'addColumn' | 'addUnique';

interface PrismaRuleVisitor extends RuleVisitor {
  Schema?: (node: PrismaSchema) => void;
}

export type PrismaRuleDefinition = RuleDefinition<{
  LangOptions: PrismaLanguageOptions;
  Code: PrismaSourceCode;
  RuleOptions: Options;
  Visitor: PrismaRuleVisitor;
  Node: PrismaSchema;
  MessageIds: MessageIds;
  ExtRuleDocs: BookingPaymentDocs;
}>;

const RULE_NAME = 'prisma-booking-payment-column';

const isInside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

const rule: PrismaRuleDefinition = {
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require a booking model in schema.prisma to store the payment provider's id (or a model linked to it to hold one)",
      recommended: true,
      url: docsUrl(RULE_NAME),
    },
    hasSuggestions: true,
    // The languages it lints: ESLint 10 refuses a config that turns it on for any other (scripts, JSON …).
    languages: ['booking-payment/prisma'],
    defaultOptions: [{ requireUnique: false }],
    messages: {
      missingColumn:
        "model {{model}} has no column for the {{provider}} id{{present}} and no {{linked}} linked to it has one, so a webhook cannot find the booking a payment is for; add `{{column}}`.",
      notUnique:
        "`{{model}}.{{column}}` is not unique, so a webhook's lookup by the provider's id can match two bookings; add `@unique`.",
      notUniqueElsewhere:
        "The payment provider's id of model {{model}} is in `{{owner}}.{{column}}` ({{file}}, line {{line}}), which is not unique, so a webhook's lookup can match two bookings; add `@unique` there.",
      addColumn: 'Add `{{column}}` to model {{model}}.',
      addUnique: 'Add `@unique` to `{{column}}`.',
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
          requireUnique: {
            type: 'boolean',
            description:
              "Also report every provider-id column that is not unique (`@unique`, `@id`, or first in `@@unique`/`@@index`/`@@id`), even when another one is; a column with a `@default` is left alone.",
          },
        },
        additionalProperties: false,
      },
    ],
  },

  create(context) {
    const options = context.options[0] ?? {};
    const sourceCode = context.sourceCode;
    // Run only on this plugin's Prisma tree. ESLint 9 ignores `meta.languages`: there a config that also turns
    // the rule on for scripts is accepted, and the rule stays silent on them.
    if ((sourceCode.ast as { type?: unknown } | undefined)?.type !== 'Schema') return {};
    const cwd = context.cwd;
    const filename = path.resolve(cwd, context.filename);
    const sdks = getPaymentSdks(path.dirname(filename));
    if (sdks.length === 0) return {}; // no server-side payment SDK: nothing to link

    const settings = getPluginSettings(context as unknown as Parameters<typeof getPluginSettings>[0]);
    const bookingModels = pickList(DEFAULT_BOOKING_MODELS, options.bookingModels, settings.bookingModels);
    const paymentModels = options.paymentModels ?? settings.paymentModels;
    const idColumns = options.idColumns ?? settings.idColumns;
    const schemaOption = options.schema ?? settings.schema;
    // The providers whose ids the bookings must hold: one entry per provider of the project's SDKs.
    const providers = [...new Set(sdks.map((s) => s.provider))];
    const linked = paymentModels?.length ? `${paymentModels.join(' or ')} model` : 'model';
    /** Loose columns already reported: a payment table linked to two booking models is reported once. */
    const reportedLoose = new Set<SchemaField>();

    return {
      Schema(ast: PrismaSchema) {
        const ownBookings = new Map<string, AstModel>();
        for (const block of ast.body) {
          if (block.type === 'Model' && bookingModels.includes(block.name.name)) ownBookings.set(block.name.name, block);
        }
        if (ownBookings.size === 0) return;
        // Only the schema Prisma reads: a draft next to it (`prisma/schema_roles_extended.prisma`, or
        // `prisma/schema.prisma` when package.json names another file) describes no database.
        const where = locate(filename, cwd, schemaOption);
        if (where.status === 'found' && where.location !== filename && !isInside(where.location, filename)) return;

        // This file as the editor has it (read through the schema model, as every schema reader is), then the
        // other files of a multi-file schema as they are on disk (read one by one without this file: its copy
        // on disk may be an older, broken save).
        const own = readSchemaModels(sourceCode.text, filename);
        if (!own.ok) return; // not reached: the language parsed this text with the same grammar
        const info = emptySchemaInfo();
        addToSchemaInfo(info, filename, own);
        const siblingsUnknown = addSiblings(info, filename, where);

        for (const link of analyzeBookingPaymentLink(info, { bookingModels, paymentModels, idColumns })) {
          const node = ownBookings.get(link.model.name);
          if (!node) continue; // a booking model of another file is reported there
          const headerLoc = { start: node.loc.start, end: node.name.loc.end };
          const missing = providers.filter((p) => columnsFor(link, p).length === 0);
          if (missing.length > 0) {
            if (siblingsUnknown) continue;
            const columns = [...new Set(missing.map((p) => suggestedColumn(providerIdColumn(p), idColumns).line))];
            const present = link.columns.length > 0 ? ` (only ${describeOtherColumns(link.columns)})` : '';
            context.report({
              loc: headerLoc,
              messageId: 'missingColumn',
              data: {
                model: link.model.name,
                provider: missing.map(providerDisplayName).join(' or the '),
                present,
                linked,
                column: columns.join('` and `'),
              },
              suggest: columns.map((column) => ({
                messageId: 'addColumn' as const,
                data: { column, model: link.model.name },
                fix: (fixer: Parameters<NonNullable<Parameters<typeof context.report>[0]['fix']>>[0]) => {
                  const insertion = columnInsertion(sourceCode.text, node, column);
                  return fixer.insertTextAfterRange([insertion.at, insertion.at], insertion.text);
                },
              })),
            });
            continue;
          }
          if (options.requireUnique) reportLoose(link, ast, headerLoc);
        }
      },
    };

    /** Every provider-id column of the link that is not unique (a column with a `@default` holds a placeholder). */
    function reportLoose(link: BookingModelLink, ast: PrismaSchema, headerLoc: { start: AstModel['loc']['start']; end: AstModel['loc']['end'] }) {
      const loose = link.columns.filter(
        (c) => !c.unique && !hasPlaceholderDefault(c.field) && providers.some((p) => columnsFor(link, p).includes(c)),
      );
      for (const { model: owner, field: column } of loose) {
        if (reportedLoose.has(column)) continue;
        reportedLoose.add(column);
        const fieldNode =
          owner.file === filename
            ? (ast.body.find((b): b is AstModel => b.type === 'Model' && b.name.name === owner.name)?.members.find(
                (m): m is AstField => m.type === 'Field' && m.name.name === column.name,
              ) ?? undefined)
            : undefined;
        if (fieldNode) {
          context.report({
            loc: fieldNode.loc,
            messageId: 'notUnique',
            data: { model: owner.name, column: column.name },
            suggest: [
              {
                messageId: 'addUnique',
                data: { column: column.name },
                fix: (fixer) => fixer.insertTextAfterRange(fieldNode.range, ' @unique'),
              },
            ],
          });
        } else {
          context.report({
            loc: headerLoc,
            messageId: 'notUniqueElsewhere',
            data: {
              model: link.model.name,
              owner: owner.name,
              column: column.name,
              file: path.relative(cwd, owner.file) || path.basename(owner.file),
              line: String(column.line),
            },
          });
        }
      }
    }
  },
};

/** Where the schema of the linted file is; never throws (an unreadable config: nothing located). */
function locate(filename: string, cwd: string, schema: string | undefined): SchemaLocation {
  try {
    return locateSchema({ filename, cwd, schema });
  } catch {
    return { status: 'missing', searched: [] };
  }
}

/**
 * Adds the models and composite types of the schema's other files (a multi-file schema `linted` is inside)
 * to `info`, where this file does not define them. True when another file cannot be read or parsed, so a
 * payment model there cannot be seen.
 */
function addSiblings(info: SchemaInfo, linted: string, where: SchemaLocation): boolean {
  try {
    if (where.status !== 'found' || !isInside(where.location, linted)) return false;
    const siblings = loadSchemaSiblings(where.location, linted);
    if (siblings.status === 'error') return true;
    if (siblings.status === 'ok') {
      for (const [name, model] of siblings.schema.models) if (!info.models.has(name)) info.models.set(name, model);
      for (const [name, t] of siblings.schema.types) if (!info.types.has(name)) info.types.set(name, t);
    }
    return false;
  } catch {
    return true; // never abort the run over the other files
  }
}

/**
 * Where and what to insert: a new line after the model's last field (before `@@` attributes), indented alike,
 * with the line end that follows that field (`\n`, `\r\n` or `\r`).
 */
function columnInsertion(text: string, model: AstModel, columnLine: string): { at: number; text: string } {
  const fields = model.members.filter((m): m is AstField => m.type === 'Field');
  const last = fields.at(-1);
  const lineStartOf = (offset: number) => Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const indentOf = (offset: number) => /^[ \t]*/.exec(text.slice(lineStartOf(offset), offset))?.[0] ?? '  ';
  const lineBreak = /\r\n?|\n/g;
  if (last) {
    lineBreak.lastIndex = last.range[1];
    const next = lineBreak.exec(text);
    return { at: next ? next.index : text.length, text: `${next?.[0] ?? '\n'}${indentOf(last.range[0])}${columnLine}` };
  }
  // An empty model: insert before the closing brace.
  const close = model.bodyRange[1];
  const lineStart = lineStartOf(close);
  const onOwnLine = text.slice(lineStart, close).trim() === '';
  return onOwnLine ? { at: lineStart, text: `  ${columnLine}\n` } : { at: close, text: `\n  ${columnLine}\n` };
}

// The same boundary guard as the script rules (src/config/errors.ts): an analysis error never aborts a run.
const create = rule.create;
rule.create = (context) => {
  try {
    return guardListeners(create(context), RULE_NAME, context.filename);
  } catch (error) {
    handleAnalysisError(RULE_NAME, context.filename, error);
    return {};
  }
};

export default rule;
