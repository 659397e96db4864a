/**
 * Is the id of a created payment kept where the booking can find it?
 *
 * - **stored**: the id (or the whole object, or a variable holding the id) is a value in the data of a
 *   Prisma-style write on a booking-like or payment-like model — whatever the column is called — or in a
 *   provider-id column of any model, or it is assigned onto an entity (`booking.paymentIntentId = intent.id`).
 * - **passed on**: it is returned to the caller or given to another function; that code is judged elsewhere.
 *   Echoing it in an HTTP response or a log line is neither, and so is reading only `client_secret` or `url`.
 * - **missing**: every use was seen and none keeps the id. **unknown**: some use could not be followed.
 *
 * With the project index, a locally missing id that some other file stores (a webhook) is `stored-elsewhere`.
 *
 * A result says where as data (`Place`: the model and column of the storing write, the kind of hand-over, the
 * other file's write); `where` is that place rendered for people.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  classifyDelegate,
  dataRegions,
  getFileModelWrites,
  isDatabaseLookup,
  type DataRegion,
  type ModelWrite,
  type ModelWriteMethod,
} from '../detect/model-writes.js';
import { providerIdColumnMatcher } from '../config/vocabulary.js';
import type { PaymentCreation } from '../detect/payment-creation.js';
import { followPaymentValue, type FlowSite, type ValueFlow } from './value-flow/index.js';
import {
  findStoredProviderId,
  scanLiveSource,
  storedModel,
  type ProviderIdWrite,
  type StoredIdAnswer,
} from '../project-index/index.js';
import {
  containsNode,
  enclosingFunction,
  type FunctionNode,
  memberChain,
  staticPropertyName,
  unwrapExpression,
} from '../util/ast.js';
import { propertyKeyName, type Scope } from '../util/static-value.js';

type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface PersistenceOptions {
  bookingModels?: readonly string[] | undefined;
  paymentModels?: readonly string[] | undefined;
  idColumns?: readonly string[] | undefined;
  /** The Prisma schema path (settings `schema`), for the project index's candidate columns. */
  schema?: string | undefined;
  /** Whether to consult the project index (default true). */
  checkProject?: boolean | undefined;
}

export type LocalStatus = 'stored' | 'passed-on' | 'missing' | 'unknown';
export type PersistenceStatus = LocalStatus | 'stored-elsewhere';

/** Where a payment's id is kept, handed over, or could not be judged. Lines are 1-based. */
export type Place =
  /** In the data of a model write: `prisma.booking.update({ data: { paymentIntentId: intent.id } })`. */
  | {
      kind: 'model-write';
      /** The delegate written, as in the code (`booking`). */
      model: string;
      method: ModelWriteMethod;
      /** The client expression's text (`prisma`, `this.prisma`, `tx`). */
      client: string;
      /** The keys from the write's data object down to the value, outermost first (`['paymentIntentId']`). */
      path: string[];
      /** The model's column the value goes into: the first key of `path`, null when there is none. */
      column: string | null;
      file: string;
      line: number;
    }
  /** Assigned onto an object: `booking.paymentIntentId = intent.id` (object `booking`, column `paymentIntentId`). */
  | { kind: 'member-assignment'; object: string; column: string | null; file: string; line: number }
  /** Handed to the caller. */
  | { kind: 'returned'; file: string; line: number }
  | { kind: 'exported'; file: string; line: number }
  /** Given to a function (`callee` is its text, at most 40 characters). */
  | { kind: 'argument'; callee: string; file: string; line: number }
  /** Written by another file of the project (or this file's live buffer), from the project index. */
  | { kind: 'elsewhere'; model: string; column: string; file: string; line: number; writeKind: ProviderIdWrite['kind'] }
  /**
   * The project index cannot say: it could not be built, or (with `reason`) it skipped files that may
   * store the id (`skippedFiles`, absolute paths) or could not parse one that mentions it.
   */
  | { kind: 'no-index'; reason?: string; skippedFiles?: string[] };

/** A place as people read it (`prisma.booking.update data.paymentIntentId`, `returned to the caller` …). */
export function describePlace(place: Place): string {
  switch (place.kind) {
    case 'model-write':
      return `${place.client.length > 30 ? '…' : place.client}.${place.model}.${place.method} ${['data', ...place.path].join('.')}`;
    case 'member-assignment':
      return `${place.object}.${place.column ?? '…'}`;
    case 'returned':
      return 'returned to the caller';
    case 'exported':
      return 'exported';
    case 'argument':
      return `passed to ${place.callee}`;
    case 'elsewhere':
      return `${place.file}:${place.line}`;
    case 'no-index':
      return place.reason ? `the project index cannot tell: ${place.reason}` : 'the project index could not be built';
  }
}

export interface SiteVerdict {
  site: FlowSite;
  verdict: 'stored' | 'passed-on' | 'echoed' | 'neither' | 'unknown';
  place?: Place;
}

export interface LocalPersistence {
  status: LocalStatus;
  /** For `stored` / `passed-on` / `unknown`: the deciding site's place. */
  place?: Place;
  /** `place` rendered (e.g. `prisma.booking.update data.paymentIntentId`, `returned to the caller`). */
  where?: string;
  flow: ValueFlow;
  verdicts: SiteVerdict[];
  /** The create's result is dropped (`await stripe.paymentIntents.create(…);`). */
  discarded: boolean;
  /** The id is sent to the browser or a log (and nowhere that keeps it). */
  echoed: boolean;
  /** The function the payment is created in (through `$transaction`/`.then` callbacks), or the Program. */
  host: FunctionNode | TSESTree.Program;
  /** Writes on booking-like models in the host, in source order. */
  bookingWrites: ModelWrite[];
}

export interface PersistenceResult {
  status: PersistenceStatus;
  place?: Place;
  /** `place` rendered. */
  where?: string;
  local: LocalPersistence;
}

const RESPONSE_ROOTS = new Set(['res', 'response', 'reply', 'resp', 'rep']);
const RESPONSE_METHODS = new Set(['send', 'end', 'write', 'jsonp', 'json', 'status', 'redirect']);
const LOG_ROOTS = new Set(['console', 'logger', 'log', 'pino', 'winston', 'bunyan', 'signale', 'consola']);
const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'dir']);
const LOG_FUNCTIONS = new Set(['log', 'debug']);
const RESPONSE_CLASSES = new Set(['Response', 'NextResponse']);

/** An identifier bound to an import from a relative or aliased path of the project (`./`, `../`, `@/`, `~/`). */
function isLocalImport(id: TSESTree.Identifier, scope: Scope): boolean {
  const def = ASTUtils.findVariable(scope, id)?.defs[0];
  return (
    def?.type === 'ImportBinding' &&
    def.parent.type === AST_NODE_TYPES.ImportDeclaration &&
    /^(?:\.{1,2}\/|[@~]\/)/.test(def.parent.source.value)
  );
}

/**
 * An HTTP response or a log line: `res.json(…)`, `res.status(200).send(…)`, `NextResponse.json(…)`,
 * `Response.json(…)`, `new Response(…)`, `console.log(…)`, `this.logger.info(…)`, `req.log.warn(…)`.
 */
export function isEchoCall(
  call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
  scope: Scope | null = null,
): boolean {
  if (call.type === AST_NODE_TYPES.TaggedTemplateExpression) return false;
  const callee = unwrapExpression(call.callee);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    return callee.type === AST_NODE_TYPES.Identifier && RESPONSE_CLASSES.has(callee.name);
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // `log(…)` imported from the project's own module may write anywhere (an audit trail): not an echo.
    return LOG_FUNCTIONS.has(callee.name) && !(scope && isLocalImport(callee, scope));
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const { root, names } = memberChain(callee);
  const method = names[names.length - 1] ?? null;
  const rootName = root.type === AST_NODE_TYPES.Identifier ? root.name : null;
  if (method === 'json' && call.arguments.length > 0) return true; // res.json, c.json, NextResponse.json, Response.json
  if (method !== null && RESPONSE_METHODS.has(method) && rootName !== null && RESPONSE_ROOTS.has(rootName)) return true;
  if (method !== null && LOG_METHODS.has(method)) {
    if (rootName !== null && LOG_ROOTS.has(rootName)) return true;
    if (names.slice(0, -1).some((n) => n === 'logger' || n === 'log')) return true;
  }
  return false;
}

/** The property keys from `node` up to (not including) `region`, innermost first. */
function keyPath(node: TSESTree.Node, region: TSESTree.Node): string[] {
  const keys: string[] = [];
  for (let n: TSESTree.Node | undefined = node; n && n !== region; n = n.parent) {
    if (n.parent?.type === AST_NODE_TYPES.Property && n.parent.value === n && !n.parent.computed) {
      const key = propertyKeyName(n.parent, null);
      if (key !== null) keys.push(key);
    }
  }
  return keys;
}

function isBookingEntityName(name: string, options: PersistenceOptions): boolean {
  return classifyDelegate(name, options) !== null;
}

/** The function a creation belongs to: through `$transaction(async (tx) => …)` and `.then(…)` callbacks. */
export function hostFunction(node: TSESTree.Node): FunctionNode | TSESTree.Program {
  let fn = enclosingFunction(node);
  while (fn) {
    const parent = fn.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      break;
    }
    const callee = unwrapExpression(parent.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : null;
    if (name !== '$transaction' && name !== 'then' && name !== 'catch' && name !== 'finally') break;
    fn = enclosingFunction(parent);
  }
  if (fn) return fn;
  let n: TSESTree.Node = node;
  while (n.parent) n = n.parent;
  return n as TSESTree.Program;
}

/**
 * `try { create(…) } catch { prisma.booking.update(…) }`: the failure path never holds the payment, so its
 * booking write is not one that could have stored the id.
 */
function inCatchOfCreatingTry(write: TSESTree.Node, creation: TSESTree.Node): boolean {
  for (let n = write.parent; n; n = n.parent) {
    if (n.type === AST_NODE_TYPES.CatchClause && n.parent.type === AST_NODE_TYPES.TryStatement) {
      if (containsNode(n.parent.block, creation)) return true;
    }
  }
  return false;
}

/** Steps of the per-file write index, for tests and benches: they grow with the file, not creations × writes. */
export const persistenceStats = { writesVisited: 0, ancestorsVisited: 0, regionBuilds: 0 };

/** A file's model writes indexed once: their data regions by node, and the writes inside a host function. */
interface FileWriteIndex {
  /** The writes whose call lies inside `host`, in source order (cached per host). */
  writesIn(host: TSESTree.Node): ModelWrite[];
  /** The data regions that hold `node` (not `node` itself), in the order of the file's writes. */
  regionsAround(node: TSESTree.Node): DataRegion[];
}

const writeIndexCache = new WeakMap<readonly ModelWrite[], FileWriteIndex>();

function fileWriteIndex(writes: readonly ModelWrite[]): FileWriteIndex {
  const cached = writeIndexCache.get(writes);
  if (cached) return cached;
  let regions: DataRegion[] | undefined;
  let regionOrder: Map<TSESTree.Node, number[]> | undefined;
  const byHost = new WeakMap<TSESTree.Node, ModelWrite[]>();
  const built: FileWriteIndex = {
    writesIn(host) {
      const known = byHost.get(host);
      if (known) return known;
      // `writes` is sorted by start: the first one at or after the host's start, then those inside it.
      let lo = 0;
      let hi = writes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((writes[mid] as ModelWrite).call.range[0] < host.range[0]) lo = mid + 1;
        else hi = mid;
      }
      const inside: ModelWrite[] = [];
      for (let i = lo; i < writes.length; i++) {
        const w = writes[i] as ModelWrite;
        persistenceStats.writesVisited++;
        if (w.call.range[0] >= host.range[1]) break;
        if (containsNode(host, w.call)) inside.push(w);
      }
      byHost.set(host, inside);
      return inside;
    },
    regionsAround(node) {
      if (!regions || !regionOrder) {
        persistenceStats.regionBuilds++;
        regions = writes.flatMap((w) => dataRegions(w));
        regionOrder = new Map();
        regions.forEach((region, i) => {
          const list = regionOrder!.get(region.node);
          if (list) list.push(i);
          else regionOrder!.set(region.node, [i]);
        });
      }
      // A region holds `node` exactly when its node is one of `node`'s ancestors (ranges nest in a tree).
      const found: number[] = [];
      for (let n = node.parent; n; n = n.parent) {
        persistenceStats.ancestorsVisited++;
        const at = regionOrder.get(n);
        if (at) found.push(...at);
      }
      if (found.length === 0) return [];
      const all = regions;
      return found.sort((a, b) => a - b).map((i) => all[i] as DataRegion);
    },
  };
  writeIndexCache.set(writes, built);
  return built;
}

/** Classifies the payment's value in the file it is created in (no project index). */
export function evaluateLocalPersistence(
  context: RuleContextLike,
  creation: Pick<PaymentCreation, 'call'> & Partial<Pick<PaymentCreation, 'idPath'>>,
  options: PersistenceOptions = {},
): LocalPersistence {
  const sourceCode = context.sourceCode;
  const flow = followPaymentValue(context, creation.call, creation.idPath);
  const isIdColumn = providerIdColumnMatcher(options.idColumns);
  const index = fileWriteIndex(getFileModelWrites(context));
  const host = hostFunction(creation.call);
  const bookingWrites = index
    .writesIn(host)
    .filter((w) => classifyDelegate(w.delegate, options) === 'booking' && !inCatchOfCreatingTry(w.call, creation.call));

  const verdicts: SiteVerdict[] = [];
  for (const site of flow.sites) {
    verdicts.push(judgeSite(site));
  }

  function judgeSite(site: FlowSite): SiteVerdict {
    // Inside the data of a write: stored when the model is booking/payment-like or the column names an id.
    // (Not when only another field is read there: `data: { note: intent.client_secret }`.)
    // Another field of the result (`intent.latest_charge`) counts only when it lands in a provider-id column.
    const otherField = site.end.type === 'ignored';
    for (const region of site.end.type === 'discarded' ? [] : index.regionsAround(site.start)) {
      const keys = keyPath(site.start, region.node);
      // The key the value sits under (a nested write's column, for `data: { payment: { create: { ref } } }`).
      const innerKey = keys[0];
      const path = keys.slice().reverse();
      const write = region.write;
      const place: Place = {
        kind: 'model-write',
        model: write.delegate,
        method: write.method,
        client: sourceCode.getText(write.client),
        path,
        column: path[0] ?? null,
        file: context.filename,
        line: write.call.loc.start.line,
      };
      if (otherField) {
        if (innerKey !== undefined && isIdColumn(innerKey)) return { site, verdict: 'stored', place };
        continue;
      }
      if (classifyDelegate(write.delegate, options) !== null) return { site, verdict: 'stored', place };
      if (innerKey !== undefined && isIdColumn(innerKey)) return { site, verdict: 'stored', place };
      return { site, verdict: 'unknown', place };
    }
    const end = site.end;
    const at = { file: context.filename, line: end.node.loc.start.line };
    switch (end.type) {
      case 'bound':
        return { site, verdict: 'neither' }; // its holders' references are sites of their own
      case 'returned':
        return { site, verdict: 'passed-on', place: { kind: 'returned', ...at } };
      case 'exported':
        return { site, verdict: 'passed-on', place: { kind: 'exported', ...at } };
      case 'argument': {
        const call = end.call;
        if (call.type === AST_NODE_TYPES.CallExpression && isDatabaseLookup(call, sourceCode.getScope(call), options)) {
          return { site, verdict: 'neither' }; // a lookup (`findFirst({ where: { paymentIntentId } })`)
        }
        if (isEchoCall(call, sourceCode.getScope(call))) return { site, verdict: 'echoed' };
        const callee = call.type === AST_NODE_TYPES.TaggedTemplateExpression ? call.tag : call.callee;
        const place: Place = { kind: 'argument', callee: sourceCode.getText(callee).slice(0, 40), ...at };
        return { site, verdict: 'passed-on', place };
      }
      case 'member-assignment': {
        const target = end.target;
        const column = staticPropertyName(target);
        const object = sourceCode.getText(unwrapExpression(target.object));
        const objectName = object.split('.').pop() ?? object;
        const place: Place = { kind: 'member-assignment', object, column, file: context.filename, line: target.loc.start.line };
        if ((column !== null && isIdColumn(column)) || isBookingEntityName(objectName, options)) {
          return { site, verdict: 'stored', place };
        }
        return { site, verdict: 'unknown', place };
      }
      case 'discarded':
      case 'ignored':
        return { site, verdict: 'neither' };
      case 'unknown':
        return { site, verdict: 'unknown' };
    }
  }

  const first = (v: SiteVerdict['verdict']) => verdicts.find((x) => x.verdict === v);
  const stored = first('stored');
  const passed = first('passed-on');
  const unknown = first('unknown');
  const deciding = stored ?? passed ?? unknown;
  const status: LocalStatus = stored ? 'stored' : passed ? 'passed-on' : unknown ? 'unknown' : 'missing';
  const result: LocalPersistence = {
    status,
    flow,
    verdicts,
    discarded: flow.discarded,
    echoed: verdicts.some((v) => v.verdict === 'echoed'),
    host,
    bookingWrites,
  };
  if (deciding?.place) Object.assign(result, withPlace(deciding.place));
  return result;
}

/**
 * The full verdict for a payment creation: local, then — when the id is missing here — the project index
 * (`stored-elsewhere` when another file writes a provider-id column, `missing` when none does, `unknown`
 * when the index could not be built).
 */
export function evaluatePersistence(
  context: RuleContextLike,
  creation: Pick<PaymentCreation, 'call'> & Partial<Pick<PaymentCreation, 'idPath' | 'provider'>>,
  options: PersistenceOptions = {},
): PersistenceResult {
  const local = evaluateLocalPersistence(context, creation, options);
  if (local.status !== 'missing' || options.checkProject === false) {
    return { status: local.status, local, ...(local.place ? withPlace(local.place) : {}) };
  }
  const answer = findStoredIdInProject(context, options, creation.provider);
  if (answer.status === 'unknown') {
    const skippedFiles = answer.skippedFiles.map((f) => f.file);
    return { status: 'unknown', local, ...withPlace({ kind: 'no-index', reason: answer.reason, ...(skippedFiles.length > 0 ? { skippedFiles } : {}) }) };
  }
  if (answer.status === 'not-found') return { status: 'missing', local };
  const { delegate, idColumn: column, file, line, kind: writeKind } = answer.write;
  const model = storedModel(answer.write) ?? delegate;
  return { status: 'stored-elsewhere', local, ...withPlace({ kind: 'elsewhere', model, column, file, line, writeKind }) };
}

function withPlace(place: Place): { place: Place; where: string } {
  return { place, where: describePlace(place) };
}

/**
 * Is the provider's id stored anywhere in the project? The project index (other files, from disk; the
 * linted file's own package first), then this file as it is now (possibly unsaved: its live AST).
 */
function findStoredIdInProject(context: RuleContextLike, options: PersistenceOptions, provider?: string): StoredIdAnswer {
  const filename = context.filename;
  const indexOptions = {
    cwd: context.cwd,
    idColumns: options.idColumns,
    bookingModels: options.bookingModels,
    paymentModels: options.paymentModels,
    schema: options.schema,
  };
  const answer = findStoredProviderId(filename, indexOptions, { provider, exclude: filename });
  if (answer.status === 'stored') return answer;
  const own = scanLiveSource(context.sourceCode.ast, filename, indexOptions, provider, context.sourceCode.text)[0];
  return own ? { status: 'stored', write: own } : answer;
}

/**
 * A write of the provider's id anywhere in the project, null when there is none, undefined when that
 * cannot be said (the project index skipped a file that may hold one, or could not be built).
 */
export function findProviderIdWriteInProject(
  context: RuleContextLike,
  options: PersistenceOptions,
  provider?: string,
): ProviderIdWrite | null | undefined {
  const answer = findStoredIdInProject(context, options, provider);
  return answer.status === 'stored' ? answer.write : answer.status === 'not-found' ? null : undefined;
}
