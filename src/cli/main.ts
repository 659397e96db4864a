/**
 * `booking-payment-audit [dir] [--format text|json|sarif] [--defaults] [--typed]`: the command-line frame
 * around the audit. The result goes to stdout; progress goes to stderr: a live line on a terminal, a start
 * and a finished line when piped (`statusLines`).
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
import { printable } from '../audit/format-text.js';
import { OPTIONS, unknownOption } from './options.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /**
   * Status lines on stderr when it is not a terminal (piped, as in CI): a start line with the file count
   * and a finished line with the time. The command sets it; an embedding caller may leave it off.
   */
  statusLines?: boolean;
}

const USAGE = `Usage: booking-payment-audit [dir] [--format text|json|sarif] [--defaults] [--typed]

Checks that bookings and payments are linked both ways in the project at dir (default: .):
the booking stores the payment provider's id, and the payment carries the booking id.

At a workspace root (or a folder whose app is in a subfolder) every package with a payment SDK
is audited, one section each, with an overall line.

Options:
  -f, --format <name>  text (default), json or sarif (SARIF 2.1.0, for code scanning)
      --defaults       audit with the built-in defaults instead of the project's ESLint config
                       (when the config cannot be loaded); the report says so
      --typed          keep the config's type-aware parser options (project, projectService);
                       slower, and the audit does not need types
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 both links present (or N/A: no payment SDK in package.json),
            1 a link is missing or unverified, 2 usage error or the audit could not run.
`;

function isFormat(value: string): value is AuditFormat {
  return (AUDIT_FORMATS as readonly string[]).includes(value);
}

/** Runs the command; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const unknown = unknownOption(argv);
  if (unknown) {
    io.stderr.write(`booking-payment-audit: ${printable(unknown)}\n\n${USAGE}`);
    return 2;
  }
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
  const status = !progress && io.statusLines === true;
  const started = Date.now();
  let seen = 0;
  let last = 0;
  try {
    const report = await runAudit({
      dir: positionals[0] ?? '.',
      ...(values.defaults ? { defaults: true } : {}),
      ...(values.typed ? { typed: true } : {}),
      ...(progress
        ? {
            onFile: (file: string) => {
              seen += 1;
              const now = Date.now();
              if (now - last < 100) return;
              last = now;
              io.stderr.write(`\r\x1b[Kbooking-payment-audit: ${seen} files read (${printable(file)})`);
            },
          }
        : {}),
      ...(status
        ? {
            onStart: (count: number, dir: string) => {
              io.stderr.write(`booking-payment-audit: reading ${count} JS/TS file${count === 1 ? '' : 's'} in ${printable(dir)}\n`);
            },
          }
        : {}),
    });
    if (progress && seen > 0) io.stderr.write('\r\x1b[K');
    if (status) {
      io.stderr.write(
        `booking-payment-audit: finished in ${((Date.now() - started) / 1000).toFixed(1)} s (${report.filesLinted} file${report.filesLinted === 1 ? '' : 's'} read)\n`,
      );
    }
    io.stdout.write(formatReport(report, format));
    return exitCodeFor(report);
  } catch (error) {
    if (progress && seen > 0) io.stderr.write('\r\x1b[K');
    // Messages are printed line by line through printable(): a path or an error text cannot drive the terminal.
    const lines = (text: string): string => text.split('\n').map(printable).join('\n');
    if (error instanceof AuditUsageError) {
      io.stderr.write(`booking-payment-audit: ${lines(error.message)}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AuditError) {
      io.stderr.write(`booking-payment-audit: ${lines(error.message)}\n`);
      return 2;
    }
    io.stderr.write(`booking-payment-audit: the audit could not run: ${lines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return 2;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
  });
}
