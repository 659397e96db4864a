/**
 * What a write of a provider id looks like, shared by the program scan and the quick scan: which calls
 * write (by the member chain of their callee), and under which keys a provider-id name is no column written.
 */
import { WRITE_METHODS as PRISMA_WRITE_METHODS } from '../detect/model-writes.js';

export interface ProviderIdWrite {
  /** Absolute path of the file. */
  file: string;
  /** 1-based line and column of the written property (or assignment). */
  line: number;
  column: number;
  /** The model delegate (`booking`), or the object assigned to / written through (`booking`, `repo`). */
  delegate: string;
  /** The provider-id column written (`paymentIntentId`). */
  idColumn: string;
  /** `model-write`: a Prisma-style write; `orm-write`: another ORM's write call; `assignment`: `x.col = …`. */
  kind: 'model-write' | 'orm-write' | 'assignment';
  /**
   * The object keys from the write call's argument down to the column (`['data']`, `['data', 'payment',
   * 'create']`); empty for an assignment or a key of the argument itself.
   */
  path: string[];
  /** Read leniently from a file that could not be parsed: the brackets around it did not prove a write. */
  uncertain?: true;
}

/** Prisma's nested-write operators: under a relation field, they write into the related model. */
const NESTED_WRITE_OPS: ReadonlySet<string> = new Set(['create', 'createMany', 'update', 'updateMany', 'upsert', 'connectOrCreate', 'data']);

/**
 * The model (delegate) a write stores its column in: the call's delegate, or — for a Prisma nested write
 * (`data: { payment: { create: { stripeSessionId } } }`) — the relation field written through. Null when
 * the column sits inside an object value that is no nested write (`data: { meta: { paymentIntentId } }`:
 * a JSON column's content, not a column).
 */
export function storedModel(write: Pick<ProviderIdWrite, 'delegate' | 'path'>): string | null {
  const keys = write.path;
  let i = keys[0] === 'data' ? 1 : 0;
  let model = write.delegate;
  while (i < keys.length) {
    const relation = keys[i++]!;
    if (i >= keys.length || !NESTED_WRITE_OPS.has(keys[i]!)) return null;
    while (i < keys.length && NESTED_WRITE_OPS.has(keys[i]!)) i++;
    model = relation;
  }
  return model;
}

/** Write-like method names of Prisma and other ORMs: an object argument with a provider-id key is a write. */
const ORM_WRITE_METHODS = new Set([
  'create',
  'update',
  'upsert',
  'updateMany',
  'createMany',
  'createManyAndReturn',
  'updateManyAndReturn',
  'insert',
  'insertMany',
  'insertOne',
  'updateOne',
  'save',
  'set',
  'values',
  'merge',
  'patch',
  'assign',
  'findOneAndUpdate',
  'findByIdAndUpdate',
]);

/**
 * Stripe SDK resources: their create/update calls send ids to the provider, they do not store them. (Generic
 * names such as `payments` or `orders` are left out: a service of the project may be called that.)
 */
const PROVIDER_RESOURCES = new Set([
  'paymentIntents',
  'checkout',
  'sessions',
  'charges',
  'refunds',
  'customers',
  'subscriptions',
  'invoices',
  'setupIntents',
  'paymentLinks',
  'prices',
  'products',
  'transfers',
]);

/** Keys under which a provider-id name is not a column written: lookups and provider metadata. */
export const NON_DATA_KEYS: ReadonlySet<string> = new Set(['where', 'metadata', 'select', 'include', 'orderBy', 'cursor']);

/**
 * The write a call makes, from the member chain of its callee (`prisma.booking.update` → ['prisma',
 * 'booking', 'update']; null for a part that is not a plain name): null when the method is not a write or
 * the chain goes through a provider resource. `delegate` is the object written through (`booking`).
 */
export function writeCall(chain: readonly (string | null)[]): { delegate: string; kind: 'model-write' | 'orm-write' } | null {
  const method = chain[chain.length - 1];
  if (!method || !ORM_WRITE_METHODS.has(method)) return null;
  if (chain.some((name) => name !== null && PROVIDER_RESOURCES.has(name))) return null;
  const owner = chain[chain.length - 2] ?? null;
  const prisma = PRISMA_WRITE_METHODS.has(method) && owner !== null && chain.length >= 3;
  return { delegate: owner ?? '', kind: prisma ? 'model-write' : 'orm-write' };
}
