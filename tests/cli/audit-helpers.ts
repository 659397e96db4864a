/**
 * What the audit's tests share: small projects (../temp-project.ts), and the CLI's `main` run in-process with
 * its output captured.
 */
import { main } from '../../src/cli/main.js';

export { projectWriter } from '../temp-project.js';

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
