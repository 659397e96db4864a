/** The file-system reads the schema modules share: a stat that never throws, and the size bound on what they read. */
import fs from 'node:fs';

/** Files larger than this are not parsed (a lint run must stay bounded); they come back as a read error. */
export const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

/** `fs.statSync`, or undefined when the path does not exist or cannot be reached (a dangling link, a loop). */
export function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** `ENOENT`, `EACCES` … of a failed read, else its message. */
export function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ?? e?.message ?? String(error);
}
