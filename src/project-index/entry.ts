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

/**
 * Entries as the read-ahead thread posts them: what every entry has in typed arrays, objects only for the
 * few entries with writes or a skip. A structured clone of 32 entry objects measured 25-60 µs against
 * 5-12 µs in this form, and the linting thread pays it (docs/decisions/performance.md, issue 13).
 */
export interface PackedEntries {
  /** When the first of them was read: the earliest, so a revalidation comes no later than it would. */
  checkedAt: number;
  /** Per entry, its mtimeMs then its size. */
  stats: Float64Array;
  /** Per entry: 1 when it was scanned, 2 when it was parsed. */
  flags: Uint8Array;
  /** The entries with writes or a skip, by their position, in order. */
  details: { at: number; writes: ProviderIdWrite[]; skipped: FileEntry['skipped'] }[];
}

export function packEntries(entries: readonly FileEntry[]): PackedEntries {
  const stats = new Float64Array(entries.length * 2);
  const flags = new Uint8Array(entries.length);
  const details: PackedEntries['details'] = [];
  let checkedAt = Infinity;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    stats[2 * i] = e.mtimeMs;
    stats[2 * i + 1] = e.size;
    flags[i] = (e.scanned ? 1 : 0) | (e.parsed ? 2 : 0);
    if (e.writes.length > 0 || e.skipped) details.push({ at: i, writes: e.writes, skipped: e.skipped });
    checkedAt = Math.min(checkedAt, e.checkedAt);
  }
  return { checkedAt: entries.length > 0 ? checkedAt : 0, stats, flags, details };
}

/** The entries back, each with the vocabulary generation its batch was scanned with. */
export function unpackEntries(packed: PackedEntries, generation: number): FileEntry[] {
  const out: FileEntry[] = [];
  let d = 0;
  for (let i = 0; i < packed.flags.length; i++) {
    const detail = packed.details[d]?.at === i ? packed.details[d++] : undefined;
    const flags = packed.flags[i]!;
    out.push({
      mtimeMs: packed.stats[2 * i]!,
      size: packed.stats[2 * i + 1]!,
      generation,
      checkedAt: packed.checkedAt,
      scanned: (flags & 1) !== 0,
      parsed: (flags & 2) !== 0,
      writes: detail && detail.writes.length > 0 ? detail.writes : NO_WRITES,
      skipped: detail?.skipped ?? null,
    });
  }
  return out;
}
