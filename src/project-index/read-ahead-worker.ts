/**
 * The read-ahead thread (started by `read-ahead.ts`): reads and scans the files of each job it is sent,
 * with the same code as the index's own reads (`entry.ts`), and posts the entries back in small batches so
 * that the linting thread can take in what is done at any moment. Nothing here may throw past one file.
 */
import { workerData, type MessagePort } from 'node:worker_threads';

import { readFileEntry, type FileEntry } from './entry.js';
import type { ReadAheadBatch, ReadAheadJob } from './read-ahead.js';
import { Vocabulary } from './vocabulary.js';

/** Entries per message: small enough that the first ones arrive early, large enough to cost little. */
const BATCH = 32;

const port = (workerData as { port: MessagePort }).port;

function run(job: ReadAheadJob): void {
  const vocabulary = Vocabulary.from(job.vocabulary);
  let files: string[] = [];
  let entries: FileEntry[] = [];
  let started = performance.now();
  const flush = (): void => {
    const batch: ReadAheadBatch = { root: job.root, generation: job.generation, files, entries, busyMs: performance.now() - started };
    port.postMessage(batch);
    files = [];
    entries = [];
    started = performance.now();
  };
  for (const file of job.files) {
    let entry: FileEntry | null = null;
    try {
      entry = readFileEntry(file, vocabulary, job.generation, Date.now());
    } catch {
      // Not known: the linting thread reads it itself when it needs it.
    }
    if (entry) {
      files.push(file);
      entries.push(entry);
    }
    if (entries.length >= BATCH) flush();
  }
  flush();
}

port.on('message', (job: ReadAheadJob) => run(job));
