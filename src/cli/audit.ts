#!/usr/bin/env node
// The `booking-payment-audit` (and `eslint-plugin-booking-payment`) command. See ./main.ts.
import { main } from './main.js';
import { guardBrokenPipe } from './pipe.js';

const rethrow = (error: Error): void => {
  throw error;
};
// `audit | head`: a closed pipe ends the output, not the command; the exit code stays the verdict's.
guardBrokenPipe(process.stdout, rethrow);
guardBrokenPipe(process.stderr, () => undefined);

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  statusLines: process.stderr.isTTY !== true,
});
