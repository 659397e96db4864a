/**
 * What the audit's tests share: small projects written to a temporary directory (removed after the file's
 * tests), and the CLI's `main` run in-process with its output captured.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll } from 'vitest';

import { main } from '../../src/cli/main.js';

/** A writer of projects under one temporary folder, removed when the calling test file ends. */
export function projectWriter(prefix: string): (files: Record<string, string>) => string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  let counter = 0;
  return (files) => {
    const dir = path.join(tmp, `p${++counter}`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
}

export interface AuditRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `booking-payment-audit <args>` in-process; `tty` makes stderr a terminal, `statusLines` the bin's piped lines. */
export async function runAuditCli(args: string[], options: { tty?: boolean; statusLines?: boolean } = {}): Promise<AuditRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: options.tty ?? false },
    ...(options.statusLines ? { statusLines: true } : {}),
  });
  return { code, stdout, stderr };
}

/** The report's last line (the verdict). */
export const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1)!;
