/**
 * One file as the index knows it: when it was read, and its provider-id writes (or why it was not read
 * closely). Made here for the index's own reads and for the read-ahead thread's, so both are one shape.
 */
import { readSource, type SkipReason } from './read.js';
import { scanFile, type FileScan, type ScanVocabulary } from './scan-file.js';
import type { ProviderIdWrite } from './writes.js';

export interface FileEntry extends FileScan {
  mtimeMs: number;
  size: number;
  /** The vocabulary generation it was scanned with. */
  generation: number;
  /** When its mtime and size were last compared with the disk (or it was read). */
  checkedAt: number;
  skipped: { file: string; reason: SkipReason; size: number; mayHoldWrite: boolean } | null;
}

const NO_WRITES: ProviderIdWrite[] = [];

/** Reads and scans a file (regular files only, bounded: `read.ts`). Null when it is gone. */
export function readFileEntry(file: string, vocabulary: ScanVocabulary, generation: number, now: number): FileEntry | null {
  const read = readSource(file, vocabulary.mentions);
  if (!read) return null;
  // One literal shape for every entry (no spreads): 20,000 entries share one hidden class.
  if (read.kind === 'skipped') {
    const { reason, size, mayHoldWrite } = read;
    return {
      mtimeMs: read.mtimeMs,
      size: read.size,
      generation,
      checkedAt: now,
      scanned: false,
      parsed: false,
      writes: NO_WRITES,
      skipped: { file, reason, size, mayHoldWrite },
    };
  }
  const scan = scanFile(read.text, file, vocabulary);
  return {
    mtimeMs: read.mtimeMs,
    size: read.size,
    generation,
    checkedAt: now,
    scanned: scan.scanned,
    parsed: scan.parsed,
    writes: scan.writes.length > 0 ? scan.writes : NO_WRITES,
    skipped: null,
  };
}
