/**
 * The read-ahead: one worker thread that reads and scans a project's files while ESLint lints other
 * files, so that the first "is the id stored anywhere?" of a project finds most files already known. It also
 * lists the project (the walk) when the index has not yet.
 *
 * ESLint lints on one thread; the read-ahead's file reads (the index's largest cost: an open, a stat, a
 * read and a close per file) move to another. It starts when the first file of a project that depends on a
 * payment SDK is linted (`readAheadProject` in `./index.ts`), and hands back entries of the same shape
 * the index makes itself (`./entry.ts`). Nothing waits for it: a lookup takes in what has arrived
 * (`drainReadAhead`, synchronous) and reads every other file itself, as without it. An entry is only ever
 * a file as it was on disk when read (its mtime and size are checked like any other after the TTL).
 *
 * Off with `BOOKING_PAYMENT_READ_AHEAD=0`, when `node:worker_threads` cannot start the thread, or when the
 * thread's script is not next to this module (the TypeScript sources under test). Any failure turns it off
 * for the process; it never affects an answer, only how soon it comes. The thread never keeps the process
 * alive, and stops after a few idle seconds.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

import type { PackedEntries } from './entry.js';
import type { ListedFolder } from './walk.js';
import type { VocabularyDescription } from './vocabulary.js';

export interface ReadAheadJob {
  root: string;
  /** The vocabulary generation of the index state the entries are for (stale ones are dropped). */
  generation: number;
  vocabulary: VocabularyDescription;
  /** The files to read, in order; or, when the project is not listed yet, what to list (`walk.ts`). */
  files: string[] | { maxFiles: number; packageDir: string };
}

export interface ReadAheadBatch {
  root: string;
  generation: number;
  /** The project's listing (when the job listed it: first batch only), with the folders and when it began. */
  listing?: { files: string[]; truncated: boolean; folders: ListedFolder[]; at: number };
  files: string[];
  /** The files' entries (`entry.ts`: unpackEntries). */
  entries: PackedEntries;
  /** The job's last batch (it read every file, or ended at a write). */
  last: boolean;
  /** Time the thread spent on this batch (ms). */
  busyMs: number;
}

const ENV = 'BOOKING_PAYMENT_READ_AHEAD';
/** The thread stops after this long without work (ms); the next job starts a new one. */
const IDLE_MS = 5000;

interface Thread {
  worker: Worker;
  port: MessagePort;
  /** Jobs sent and not yet finished. */
  outstanding: number;
  idle: ReturnType<typeof setTimeout> | null;
}

let thread: Thread | null = null;
/** Set once anything failed: the read-ahead stays off for this process. */
let broken = false;
let receiver: ((batch: ReadAheadBatch) => void) | null = null;

/** Since the process started: files read ahead, and the thread's busy time (ms). For the bench and tests. */
export const readAheadStats = { files: 0, busyMs: 0, threads: 0 };

function workerScript(): string | null {
  try {
    const file = fileURLToPath(new URL('./read-ahead-worker.js', import.meta.url));
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Whether a job may be sent (not turned off, not broken, the thread's script present). */
export function readAheadEnabled(): boolean {
  return !broken && process.env[ENV] !== '0' && (thread !== null || workerScript() !== null);
}

function receive(message: unknown): void {
  const batch = message as ReadAheadBatch;
  const current = thread;
  if (current) {
    if (batch.last) current.outstanding = Math.max(0, current.outstanding - 1);
    if (current.outstanding === 0) scheduleStop(current);
  }
  readAheadStats.files += batch.files.length;
  readAheadStats.busyMs += batch.busyMs;
  receiver?.(batch);
}

function scheduleStop(current: Thread): void {
  if (current.idle) clearTimeout(current.idle);
  current.idle = setTimeout(() => {
    if (thread === current && current.outstanding === 0) stopReadAhead();
  }, IDLE_MS);
  current.idle.unref();
}

function start(): Thread | null {
  const script = workerScript();
  if (!script) return null;
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { port: port2 }, transferList: [port2] });
  worker.unref();
  worker.on('error', () => {
    broken = true;
    stopReadAhead();
  });
  worker.on('exit', () => {
    if (thread?.worker === worker) thread = null;
  });
  port1.on('message', receive);
  port1.unref();
  readAheadStats.threads++;
  return { worker, port: port1, outstanding: 0, idle: null };
}

/**
 * Sends a job to the read-ahead thread (started on first use); its entries go to `onBatch`, as they
 * arrive between lints or when a lookup drains them. False when the read-ahead is off. Never throws.
 */
export function submitReadAhead(job: ReadAheadJob, onBatch: (batch: ReadAheadBatch) => void): boolean {
  if (!readAheadEnabled() || (Array.isArray(job.files) && job.files.length === 0)) return false;
  try {
    thread ??= start();
    if (!thread) return false;
    receiver = onBatch;
    if (thread.idle) clearTimeout(thread.idle);
    thread.idle = null;
    thread.outstanding++;
    thread.port.postMessage(job);
    return true;
  } catch {
    broken = true;
    stopReadAhead();
    return false;
  }
}

/** Takes in, synchronously, every batch the thread has finished so far. */
export function drainReadAhead(): void {
  const current = thread;
  if (!current || current.outstanding === 0) return;
  try {
    for (let m = receiveMessageOnPort(current.port); m; m = receiveMessageOnPort(current.port)) receive(m.message);
  } catch {
    // A closed port: nothing more will come.
  }
}

/**
 * Whether every job sent to the thread is finished (or no thread runs).
 * @public
 */
export function readAheadIdle(): boolean {
  return (thread?.outstanding ?? 0) === 0;
}

/** Stops the thread (a later job starts a new one). */
export function stopReadAhead(): void {
  const current = thread;
  thread = null;
  if (!current) return;
  if (current.idle) clearTimeout(current.idle);
  current.port.close();
  void current.worker.terminate().catch(() => undefined);
}
