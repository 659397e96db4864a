/**
 * `booking-payment-audit [dir] [--format text|json|sarif]`: the command-line frame around the audit.
 * The result goes to stdout; progress goes to stderr, only when stderr is a terminal.
 * Exit codes: 0 both links present (or N/A), 1 a link is missing, 2 usage error or the audit could not run.
 */
import { parseArgs } from 'node:util';

import {
  AUDIT_FORMATS,
  AUDIT_TOOL,
  AuditError,
  AuditUsageError,
  exitCodeFor,
  formatReport,
  runAudit,
  type AuditFormat,
} from '../audit/index.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export const USAGE = `Usage: booking-payment-audit [dir] [--format text|json|sarif]

Checks that bookings and payments are linked both ways in the project at dir (default: .):
the booking stores the payment provider's id, and the payment carries the booking id.

Options:
  -f, --format <name>  text (default), json or sarif (SARIF 2.1.0, for code scanning)
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 both links present (or N/A: no payment SDK in package.json),
            1 a link is missing, 2 usage error or the audit could not run.
`;

function isFormat(value: string): value is AuditFormat {
  return (AUDIT_FORMATS as readonly string[]).includes(value);
}

/** Runs the command; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr.write(`booking-payment-audit: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${AUDIT_TOOL.version}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!isFormat(format)) {
    io.stderr.write(`booking-payment-audit: unknown format "${format}" (use text, json or sarif)\n\n${USAGE}`);
    return 2;
  }
  if (positionals.length > 1) {
    io.stderr.write(`booking-payment-audit: one directory at a time (got ${positionals.length})\n\n${USAGE}`);
    return 2;
  }

  const progress = io.stderr.isTTY === true;
  let seen = 0;
  let last = 0;
  try {
    const report = await runAudit({
      dir: positionals[0] ?? '.',
      ...(progress
        ? {
            onFile: (file: string) => {
              seen += 1;
              const now = Date.now();
              if (now - last < 100) return;
              last = now;
              io.stderr.write(`\r\x1b[Kbooking-payment-audit: ${seen} files read (${file})`);
            },
          }
        : {}),
    });
    if (progress && seen > 0) io.stderr.write('\r\x1b[K');
    io.stdout.write(formatReport(report, format));
    return exitCodeFor(report);
  } catch (error) {
    if (progress && seen > 0) io.stderr.write('\r\x1b[K');
    if (error instanceof AuditUsageError) {
      io.stderr.write(`booking-payment-audit: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AuditError) {
      io.stderr.write(`booking-payment-audit: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`booking-payment-audit: the audit could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
