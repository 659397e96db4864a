/**
 * Reading one source file safely: only a regular file (a FIFO, a device or a socket is never read — it
 * could block the index; it is opened without waiting and told apart by fstat first), with one open,
 * bounded in size. A file too large to read is
 * streamed through the cheap "mentions a candidate column" test only, so that a file that cannot hold a
 * write does not make the index unknown.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

/** Files up to this size are read and scanned (above MAX_PARSE_CHARS, by the lenient quick scan only). */
const MAX_READ_BYTES = 8_000_000;
/** Above MAX_READ_BYTES, at most this much is streamed through the mention test. */
const MAX_STREAM_BYTES = 64_000_000;
const STREAM_CHUNK = 1 << 20;
/** Carried over between streamed chunks, so that a name cut in two is still found. */
const STREAM_OVERLAP = 256;

export type SkipReason = 'too-large' | 'unreadable' | 'not-regular';

export type FileRead =
  | { kind: 'text'; mtimeMs: number; size: number; text: string }
  | { kind: 'skipped'; reason: SkipReason; mtimeMs: number; size: number; mayHoldWrite: boolean };

/** mtime and size of a regular file (no link followed); null when it is gone or not a regular file. */
export function statRegular(file: string): { mtimeMs: number; size: number } | null {
  try {
    const st = lstatSync(file);
    return st.isFile() ? { mtimeMs: st.mtimeMs, size: st.size } : null;
  } catch {
    return null;
  }
}

let buffer = Buffer.allocUnsafe(64 * 1024);

/** Does a too-large file's text mention a candidate column? Read in chunks; true when it cannot be told. */
function streamMentions(fd: number, size: number, mentions: (text: string) => boolean): boolean {
  if (size > MAX_STREAM_BYTES) return true;
  const chunk = Buffer.allocUnsafe(STREAM_CHUNK);
  let carry = '';
  for (let offset = 0; offset < size; ) {
    const r = readSync(fd, chunk, 0, STREAM_CHUNK, offset);
    if (r === 0) break;
    offset += r;
    const text = carry + chunk.toString('latin1', 0, r);
    if (mentions(text)) return true;
    carry = text.slice(-STREAM_OVERLAP);
  }
  return false;
}

/**
 * Reads a source file with one open: its mtime, size and text, or why it was skipped. Null when it is
 * gone. `mentions` decides whether a file too large to read could hold a write.
 */
export function readSource(file: string, mentions: (text: string) => boolean): FileRead | null {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO opens at once (no wait for a writer) and is then told apart by fstat, before any read.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    const st = statRegular(file);
    return { kind: 'skipped', reason: st ? 'unreadable' : 'not-regular', mtimeMs: st?.mtimeMs ?? 0, size: st?.size ?? 0, mayHoldWrite: st !== null };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'skipped', reason: 'not-regular', mtimeMs: stat.mtimeMs, size: 0, mayHoldWrite: false };
    if (stat.size > MAX_READ_BYTES) {
      return { kind: 'skipped', reason: 'too-large', mtimeMs: stat.mtimeMs, size: stat.size, mayHoldWrite: streamMentions(fd, stat.size, mentions) };
    }
    if (buffer.length < stat.size) buffer = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const r = readSync(fd, buffer, read, stat.size - read, read);
      if (r === 0) break;
      read += r;
    }
    const text = buffer.toString('utf8', 0, read);
    // The shared buffer does not outlive a large file.
    if (buffer.length > 1 << 20) buffer = Buffer.allocUnsafe(64 * 1024);
    return { kind: 'text', mtimeMs: stat.mtimeMs, size: stat.size, text };
  } catch {
    return { kind: 'skipped', reason: 'unreadable', mtimeMs: 0, size: 0, mayHoldWrite: true };
  } finally {
    closeSync(fd);
  }
}
