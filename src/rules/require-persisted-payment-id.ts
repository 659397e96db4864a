import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isSetupSession } from '../links/booking-reference.js';
import { judgeCreation } from '../detect/booking-context.js';
import { createRule } from '../config/create-rule.js';
import type { ModelWrite } from '../detect/model-writes.js';
import { DEFAULT_BOOKING_ID_KEYS, DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS } from '../config/vocabulary.js';
import { insertProperty } from '../util/object-fix.js';
import { fileMayCreatePayments, getPaymentCreation, type PaymentCreation } from '../detect/payment-creation.js';
import { columnHintOf } from '../providers/index.js';
import {
  evaluateLocalPersistence,
  findProviderIdWriteInProject,
  type LocalPersistence,
  type PersistenceOptions,
} from '../links/persistence.js';
import { readAheadProject, schemaColumnsByDelegate } from '../project-index/index.js';
import { MODEL_OPTIONS } from '../config/option-schemas.js';
import { getPluginSettings, pickList } from '../config/settings.js';
import { findVariable } from '../util/static-value.js';

export type Options = [
  {
    bookingModels?: string[];
    paymentModels?: string[];
    idColumns?: string[];
    checkProject?: boolean;
  },
];

export type MessageIds = 'bookingWriteWithoutId' | 'discardedResult' | 'neverStored' | 'suggestAddId';

/**
 * The column a fix writes: the schema's column named like the creation's conventional one, else the schema
 * column that fits the kind, else the schema's first; without a schema, the creation's conventional column.
 */
function pickColumn(
  creation: Pick<PaymentCreation, 'kind' | 'idColumn'>,
  schemaColumns: readonly string[] | undefined,
): string {
  const conventional = creation.idColumn;
  if (schemaColumns && schemaColumns.length > 0) {
    const hint = columnHintOf(creation.kind);
    return (
      schemaColumns.find((c) => c === conventional) ??
      (hint ? schemaColumns.find((c) => hint.test(c)) : undefined) ??
      schemaColumns[0]!
    );
  }
  return conventional;
}

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** The rule's options and the plugin settings, merged. */
function persistenceOptions(context: Context, options: Options[0]): PersistenceOptions {
  const settings = getPluginSettings(context);
  return {
    bookingModels: pickList(DEFAULT_BOOKING_MODELS, options.bookingModels, settings.bookingModels),
    paymentModels: pickList(DEFAULT_PAYMENT_MODELS, options.paymentModels, settings.paymentModels),
    idColumns: pickList([], options.idColumns, settings.idColumns),
    schema: settings.schema,
    checkProject: options.checkProject !== false,
  };
}

/** One file in this many without a payment creation looks whether its project should be read ahead. */
const READ_AHEAD_SAMPLE = 16;
let filesSinceReadAheadCheck = 0;

/**
 * The per-file gate. A file with no payment creation is not analysed; every READ_AHEAD_SAMPLE-th one (and
 * the first) may start the read-ahead of its project (project-index/read-ahead.ts), so that a later file's
 * project lookup finds the files read. ESLint lints a project's files one after another, so a project
 * starts within its first files; a check on every file cost more than the read-ahead saved (measured in
 * docs/decisions/performance.md).
 */
function appliesTo(context: Context): boolean {
  if (fileMayCreatePayments(context.sourceCode, context.settings)) return true;
  if (filesSinceReadAheadCheck++ % READ_AHEAD_SAMPLE !== 0) return false;
  const options = context.options[0] ?? {};
  if (options.checkProject !== false) {
    readAheadProject(context.filename, context.cwd, () => persistenceOptions(context, options));
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'require-persisted-payment-id',
  appliesTo: (context) => appliesTo(context as Context),
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require the payment provider's id to be stored on the booking (or handed on to code that stores it), so refunds and disputes can find the payment",
      recommended: true,
    },
    hasSuggestions: true,
    defaultOptions: [{ checkProject: true }],
    messages: {
      bookingWriteWithoutId:
        "This {{delegate}} {{method}} doesn't store the {{label}} created on line {{line}}, so refunds, rebookings and disputes can't find the payment from the booking. Store its id here (`{{column}}`).",
      discardedResult:
        'The {{label}} created here is thrown away while this function writes the {{delegate}} (line {{writeLine}}), so the booking can never point at its payment. Keep the result and store its id on the booking.',
      neverStored:
        'The {{label}} id is never stored anywhere in this project; store it on the booking (here or in the webhook) so refunds and disputes can find it.',
      suggestAddId: "Add `{{text}}` to this write's data.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          ...MODEL_OPTIONS,
          checkProject: {
            type: 'boolean',
            description:
              'Report a payment whose id is never stored anywhere in the project (needs the project index); false keeps only the checks inside the function.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ checkProject: true }],
  create(context, [options]) {
    const persistence = persistenceOptions(context, options);
    const sourceCode = context.sourceCode;
    const creations: PaymentCreation[] = [];

    let schemaColumnsMap: ReturnType<typeof schemaColumnsByDelegate> | null | undefined;
    /** The schema's provider-id columns by delegate, read once per linted file (null: no schema). */
    function columnsByDelegate(): ReturnType<typeof schemaColumnsByDelegate> | null {
      if (schemaColumnsMap !== undefined) return schemaColumnsMap;
      try {
        schemaColumnsMap = schemaColumnsByDelegate(context.filename, {
          cwd: context.cwd,
          schema: persistence.schema,
          bookingModels: persistence.bookingModels,
          paymentModels: persistence.paymentModels,
          idColumns: persistence.idColumns,
        });
      } catch {
        schemaColumnsMap = null;
      }
      return schemaColumnsMap;
    }

    function suggestionFor(
      creation: PaymentCreation,
      local: LocalPersistence,
      write: ModelWrite,
    ): { column: string; suggest: TSESLint.ReportSuggestionArray<MessageIds> } {
      const schemaColumns = columnsByDelegate()?.get(write.delegate);
      const column = pickColumn(creation, schemaColumns);
      const nodes = write.dataEntries.map((e) => e.node);
      if (nodes.length === 0 || nodes.some((n) => n.type !== AST_NODE_TYPES.ObjectExpression)) return { column, suggest: [] };
      // `upsert({ create: data, update: data })`: one object, one insertion (two would overlap).
      const objects = [...new Set(nodes as TSESTree.ObjectExpression[])];
      const hasColumn = objects.some((o) =>
        o.properties.some(
          (p) =>
            p.type === AST_NODE_TYPES.Property &&
            !p.computed &&
            ((p.key.type === AST_NODE_TYPES.Identifier && p.key.name === column) ||
              (p.key.type === AST_NODE_TYPES.Literal && p.key.value === column)),
        ),
      );
      if (hasColumn) return { column, suggest: [] };
      const idText = idExpressionAt(local, objects);
      if (idText !== null) {
        const text = idText === column ? column : `${column}: ${idText}`;
        return {
          column,
          suggest: [
            {
              messageId: 'suggestAddId',
              data: { text },
              fix: (fixer) => objects.map((o) => insertProperty(fixer, sourceCode, o, text)),
            },
          ],
        };
      }
      // `const { client_secret } = await stripe.paymentIntents.create(…)`: take the id out of the pattern too.
      const pattern = destructuringWithoutId(local, column, objects);
      if (!pattern) return { column, suggest: [] };
      return {
        column,
        suggest: [
          {
            messageId: 'suggestAddId',
            data: { text: column },
            fix: (fixer) => [
              insertIntoPattern(fixer, pattern, `id: ${column}`),
              ...objects.map((o) => insertProperty(fixer, sourceCode, o, column)),
            ],
          },
        ],
      };
    }

    /** The object pattern the create's result is destructured into, when it has no `id` and `column` is free. */
    function destructuringWithoutId(
      local: LocalPersistence,
      column: string,
      objects: TSESTree.ObjectExpression[],
    ): TSESTree.ObjectPattern | null {
      const first = local.flow.sites[0];
      if (!first || first.start !== local.flow.call || first.end.type !== 'bound') return null;
      const declarator = first.end.node;
      if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) {
        return null;
      }
      const pattern = declarator.id;
      if (local.flow.idPath.length !== 1 || local.flow.idPath[0] !== 'id') return null;
      const hasIdOrRest = pattern.properties.some(
        (p) =>
          p.type === AST_NODE_TYPES.RestElement ||
          p.computed ||
          (p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'id') ||
          (p.key.type === AST_NODE_TYPES.Literal && p.key.value === 'id'),
      );
      if (hasIdOrRest) return null;
      const free = (node: TSESTree.Node) => !ASTUtils.findVariable(sourceCode.getScope(node), column);
      if (!free(declarator) || !objects.every((o) => o.range[0] > declarator.range[1] && free(o))) return null;
      return pattern;
    }

    function insertIntoPattern(fixer: TSESLint.RuleFixer, pattern: TSESTree.ObjectPattern, text: string): TSESLint.RuleFix {
      const last = pattern.properties[pattern.properties.length - 1];
      if (!last) return fixer.replaceText(pattern, `{ ${text} }`);
      return fixer.insertTextAfter(last, `, ${text}`);
    }

    /** An expression for the id that is in scope (and already declared) at every one of `objects`. */
    function idExpressionAt(local: LocalPersistence, objects: TSESTree.ObjectExpression[]): string | null {
      const holders = [...local.flow.holders]
        .filter((h) => !h.promise && h.carry !== 'container')
        // `res` of a fetch holds the id only behind `await res.json()`: no expression to write.
        .filter((h) => h.carry === 'id' || !local.flow.idPath.slice(h.depth).some((s) => s.endsWith('()')))
        .sort((a, b) => (a.carry === b.carry ? 0 : a.carry === 'id' ? -1 : 1));
      for (const holder of holders) {
        const visible = objects.every((o) => {
          if (holder.identifier.range[1] > o.range[0]) return false;
          return findVariable(sourceCode.getScope(o), holder.identifier) === holder.variable;
        });
        if (visible) {
          const rest = local.flow.idPath.slice(holder.depth);
          return [holder.identifier.name, ...(holder.carry === 'id' ? [] : rest)].join('.');
        }
      }
      return null;
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const creation = getPaymentCreation(context, node);
        if (!creation || isSetupSession(context, creation)) return;
        // A payment for something else (a plan, a team subscription) has no booking to store its id on.
        const vocabulary = { keys: pickList(DEFAULT_BOOKING_ID_KEYS, getPluginSettings(context).keys), ...persistence };
        if (judgeCreation(context, creation, vocabulary).judged) creations.push(creation);
      },
      'Program:exit'() {
        const reportedWrites = new Set<ModelWrite>();
        for (const creation of creations) {
          let local: LocalPersistence;
          try {
            local = evaluateLocalPersistence(context, creation, persistence);
          } catch {
            continue; // unexpected syntax: unknown is not wrong
          }
          if (local.status !== 'missing') continue;
          const line = String(creation.call.loc.start.line);
          if (local.discarded) {
            const write = local.bookingWrites[0];
            if (write) {
              context.report({
                node: creation.call,
                messageId: 'discardedResult',
                data: { label: creation.label, delegate: write.delegate, writeLine: String(write.call.loc.start.line) },
              });
              continue;
            }
          } else {
            const write = local.bookingWrites.find(
              (w) => w.call.range[0] > creation.call.range[1] && !reportedWrites.has(w),
            );
            if (write) {
              reportedWrites.add(write);
              const { column, suggest } = suggestionFor(creation, local, write);
              context.report({
                node: write.call,
                messageId: 'bookingWriteWithoutId',
                data: { delegate: write.delegate, method: write.method, label: creation.label, line, column },
                suggest,
              });
              continue;
            }
          }
          if (!persistence.checkProject) continue;
          let elsewhere;
          try {
            elsewhere = findProviderIdWriteInProject(context, persistence, creation.provider);
          } catch {
            elsewhere = undefined;
          }
          if (elsewhere === null) {
            context.report({ node: creation.call, messageId: 'neverStored', data: { label: creation.label } });
          }
        }
      },
    };
  },
});
