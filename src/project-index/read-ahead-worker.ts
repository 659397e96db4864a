/**
 * The read-ahead thread (started by `read-ahead.ts`): reads and scans the files of each job it is sent,
 * with the same code as the index's own reads (`entry.ts`), and posts the entries back in small batches so
 * that the linting thread can take in what is done at any moment. A job ends at the first file that
 * certainly writes a candidate column, as a lookup does: the project stores the id, and the files after it
 * are read only if a lookup needs them (the write may not count for it). Nothing here may throw past one file.
 */
import path from 'node:path';
import { workerData, type MessagePort } from 'node:worker_threads';

import { packEntries, readFileEntry, type FileEntry } from './entry.js';
import { listedFolders, walkProject } from './walk.js';
import type { ReadAheadBatch, ReadAheadJob } from './read-ahead.js';
import { Vocabulary } from './vocabulary.js';

/** Entries per message: small enough that the first ones arrive early, large enough to cost little. */
const BATCH = 32;

const port = (workerData as { port: MessagePort }).port;

/** The listing with the files under `packageDir` first, as the lookups order it. */
function ownPackageFirst(files: string[], packageDir: string): string[] {
  const prefix = packageDir.endsWith(path.sep) ? packageDir : packageDir + path.sep;
  return [...files.filter((f) => f.startsWith(prefix)), ...files.filter((f) => !f.startsWith(prefix))];
}

function run(job: ReadAheadJob): void {
  try {
    work(job);
  } catch {
    // The job ends; the linting thread lists and reads what it needs itself.
    port.postMessage({
      root: job.root,
      generation: job.generation,
      files: [],
      entries: packEntries([]),
      last: true,
      busyMs: 0,
    } satisfies ReadAheadBatch);
  }
}

function work(job: ReadAheadJob): void {
  let listing: ReadAheadBatch['listing'];
  let order: string[];
  if (Array.isArray(job.files)) {
    order = job.files;
  } else {
    const at = Date.now();
    const walked = walkProject(job.root, new Map(), job.files.maxFiles);
    listing = { files: walked.files, truncated: walked.truncated, folders: listedFolders(walked.dirs), at };
    order = ownPackageFirst(walked.files, job.files.packageDir);
  }
  const vocabulary = Vocabulary.from(job.vocabulary);
  let files: string[] = [];
  let entries: FileEntry[] = [];
  let started = performance.now();
  const flush = (last: boolean): void => {
    const batch: ReadAheadBatch = {
      root: job.root,
      generation: job.generation,
      files,
      entries: packEntries(entries),
      last,
      busyMs: performance.now() - started,
    };
    if (listing) batch.listing = listing;
    listing = undefined;
    port.postMessage(batch);
    files = [];
    entries = [];
    started = performance.now();
  };
  for (let i = 0; i < order.length; i++) {
    const file = order[i]!;
    let entry: FileEntry | null = null;
    try {
      entry = readFileEntry(file, vocabulary, job.generation, Date.now());
    } catch {
      // Not known: the linting thread reads it itself when it needs it.
    }
    if (entry) {
      files.push(file);
      entries.push(entry);
      if (entry.writes.some((w) => !w.uncertain)) break;
    }
    if (files.length >= BATCH || (listing && files.length > 0)) flush(false);
  }
  flush(true);
}

port.on('message', (job: ReadAheadJob) => run(job));
