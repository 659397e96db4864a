/**
 * The storing write behind a `stored` / `stored-elsewhere` persistence verdict, as evidence the audit can
 * cite and check against the schema: which model and column the provider id is written into, whether it
 * lands in a nested object (a JSON column) and whether the same write also sets the booking reference.
 * Reads only what the persistence analysis already found; never throws.
 */
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import type { PersistenceResult } from '../links/persistence.js';
import type { StoringWrite } from './types.js';

/** Keys that wrap a write's columns (`data`, upsert's `create` / `update`) rather than name a column. */
const WRAPPER_KEYS = new Set(['data', 'create', 'update']);
/** Keys of a nested relation write: `booking: { update: { paymentIntentId } }` writes the related model. */
const RELATION_WRITE_KEYS = new Set(['create', 'update', 'upsert', 'connectOrCreate', 'createMany', 'updateMany', 'set', 'data']);

const toPosix = (p: string): string => p.split(path.sep).join('/');

function keyName(property: TSESTree.Property): string | null {
  if (property.computed) return null;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal') return String(property.key.value);
  return null;
}

/** The member names of a callee, root first: `tx.booking.update` → ['tx', 'booking', 'update']. */
function calleeNames(node: TSESTree.Node): string[] {
  const names: string[] = [];
  let n: TSESTree.Node = node;
  while (n.type === 'MemberExpression') {
    names.unshift(!n.computed && n.property.type === 'Identifier' ? n.property.name : '');
    n = n.object;
  }
  if (n.type === 'Identifier') names.unshift(n.name);
  else if (n.type === 'ThisExpression') names.unshift('this');
  return names;
}

/** Whether an object literal sets the booking reference: `bookingId`, `booking_id`, `booking: { connect }`. */
function setsBookingRef(object: TSESTree.ObjectExpression, keys: readonly string[], bookingModels: readonly string[]): boolean {
  const names = new Set<string>();
  for (const key of keys) names.add(key.toLowerCase());
  for (const model of bookingModels) {
    const lower = model.toLowerCase();
    names.add(lower).add(`${lower}id`).add(`${lower}_id`);
  }
  return object.properties.some((p) => {
    if (p.type !== 'Property') return false;
    const name = keyName(p);
    return name !== null && names.has(name.toLowerCase()) && !(p.value.type === 'Literal' && p.value.value === null);
  });
}

interface EvidenceOptions {
  dir: string;
  keys: readonly string[];
  bookingModels: readonly string[];
}

/** The write a local `stored` verdict rests on: walks from the stored value up to the write call. */
function localWrite(persistence: PersistenceResult, file: string, options: EvidenceOptions): StoringWrite | undefined {
  const verdict = persistence.local.verdicts.find((v) => v.verdict === 'stored');
  if (!verdict) return undefined;
  const start = verdict.site.start;
  const end = verdict.site.end;
  if (end.type === 'member-assignment') {
    const names = calleeNames(end.target.object);
    const column = !end.target.computed && end.target.property.type === 'Identifier' ? end.target.property.name : '';
    return { model: names.at(-1) ?? '', column, file, line: end.target.loc.start.line, kind: 'local' };
  }
  // Up from the value: the keys of the object literals it sits in, outermost last, until the write call.
  const chain: { key: string; object: TSESTree.ObjectExpression }[] = [];
  let n: TSESTree.Node = start;
  let call: TSESTree.CallExpression | undefined;
  for (let depth = 0; n.parent && depth < 40; depth += 1) {
    const parent: TSESTree.Node = n.parent;
    if (parent.type === 'Property' && parent.value === n && parent.parent.type === 'ObjectExpression') {
      const key = keyName(parent);
      if (key !== null) chain.push({ key, object: parent.parent });
    } else if (parent.type === 'CallExpression' && parent.arguments.includes(n as TSESTree.CallExpressionArgument)) {
      call = parent;
      break;
    }
    n = parent;
  }
  if (!call) return undefined;
  const keys = chain.map((c) => c.key).reverse(); // outermost first: ['data', 'paymentIntentId']
  const objects = chain.map((c) => c.object).reverse();
  let i = WRAPPER_KEYS.has(keys[0] ?? '') ? 1 : 0;
  let model = calleeNames(call.callee).at(-2) ?? '';
  // A nested relation write: `data: { booking: { update: { paymentIntentId } } }` writes `booking`.
  while (i + 2 < keys.length && RELATION_WRITE_KEYS.has(keys[i + 1]!)) {
    model = keys[i]!;
    i += 2;
  }
  const column = keys[i];
  if (column === undefined) return undefined;
  const write: StoringWrite = { model, column, file, line: verdict.site.start.loc.start.line, kind: 'local' };
  if (i < keys.length - 1) write.nested = true;
  const row = objects[i];
  if (row && setsBookingRef(row, options.keys, options.bookingModels)) write.withBookingRef = true;
  return write;
}

/** The storing write behind a persistence verdict, or undefined when there is none to cite. */
export function storingWrite(persistence: PersistenceResult, file: string, options: EvidenceOptions): StoringWrite | undefined {
  try {
    if (persistence.status === 'stored') return localWrite(persistence, file, options);
    if (persistence.status === 'stored-elsewhere' && persistence.place?.kind === 'elsewhere') {
      const w = persistence.place;
      return {
        model: w.model,
        column: w.column,
        file: toPosix(path.isAbsolute(w.file) ? path.relative(options.dir, w.file) : w.file),
        line: w.line,
        kind: w.writeKind,
      };
    }
  } catch {
    // Evidence only: a write that cannot be described is no evidence.
  }
  return undefined;
}
