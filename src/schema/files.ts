/** The file-system reads the schema modules share: the size bound on what they read, and a bounded read. */
import fs from 'node:fs';

/** Files larger than this are not parsed (a lint run must stay bounded); they come back as a read error. */
export const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

/** `ENOENT`, `EACCES` … of a failed read, else its message. */
function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ?? e?.message ?? String(error);
}

export type RegularFileRead = { ok: true; buffer: Buffer } | { ok: false; message: string };

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most `maxBytes`, never blocking: the open is non-blocking (a named pipe opens
 * at once and is then refused), the kind is taken from the open descriptor (no swap between a stat and the
 * open), and at most `maxBytes` are read whatever the size says (`/proc` files say 0, and `/proc/kmsg`'s read
 * would wait for kernel messages).
 */
export function readRegularFile(file: string, maxBytes: number = MAX_SCHEMA_BYTES): RegularFileRead {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, message: `the file cannot be read (${errnoText(error)})` };
  }
  try {
    const st = fs.fstatSync(fd);
    // A directory, a named pipe (reading it would block the lint run), a socket, a device.
    if (!st.isFile()) return { ok: false, message: 'the path is not a regular file' };
    const tooLarge = (size: number): RegularFileRead => ({
      ok: false,
      message: `the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${maxBytes / 1024 / 1024} MB this plugin reads`,
    });
    if (st.size > maxBytes) return tooLarge(st.size);
    const chunks: Buffer[] = [];
    let total = 0;
    // One byte past the bound tells an over-long file (its size may have been 0 or stale) from one that fits.
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
    }
    if (total > maxBytes) return tooLarge(total);
    return { ok: true, buffer: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, message: `the file cannot be read (${errnoText(error)})` };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
}
