/**
 * A stat that never throws. A missing file is the usual answer of the folder walks (is there a
 * package.json, a lockfile here?); `throwIfNoEntry: false` answers it without building an error, which
 * costs three times the stat itself (measured in docs/decisions/performance.md, issue 13).
 */
import fs from 'node:fs';

/** `fs.statSync`, or undefined when the path does not exist or cannot be reached (a dangling link, a loop). */
export function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
