/**
 * One lint run, or a long-lived session? ESLint is run both ways: once (`eslint .` in a terminal, a
 * pre-commit hook, a CI job) and for as long as an editor stays open. In one run the files do not change
 * under ESLint (it writes `--fix` output only after every file is linted, and the linted file itself is read
 * from ESLint's memory), so what the project index, the project roots and the package.json caches read is
 * trusted for the whole run: nothing is listed or stat'ed twice. In a session they are checked again after
 * their TTL, so that edits are seen without a restart.
 *
 * Inferred as typescript-eslint infers its single run: `BOOKING_PAYMENT_SINGLE_RUN=true|false` decides
 * when set; else `CI=true`, or ESLint's own command (`node_modules/.bin/eslint`,
 * `node_modules/eslint/bin/eslint.js`) as the script, mean one run; anything else (an editor's ESLint
 * server, the Node API in a tool) is a session.
 */
import path from 'node:path';

const ESLINT_BINS = [path.normalize('node_modules/.bin/eslint'), path.normalize('node_modules/eslint/bin/eslint.js')];

function infer(): boolean {
  const declared = process.env.BOOKING_PAYMENT_SINGLE_RUN;
  if (declared === 'true' || declared === '1') return true;
  if (declared === 'false' || declared === '0') return false;
  if (process.env.CI === 'true') return true;
  const script = process.argv[1] ?? '';
  return ESLINT_BINS.some((bin) => script.endsWith(bin));
}

let singleRun = infer();

/** Whether this process is one lint run (see the module comment). */
export function isSingleRun(): boolean {
  return singleRun;
}

/** Declares the mode (tools, the bench); without an argument, infers it again from the environment. */
export function setSingleRun(value?: boolean): void {
  singleRun = value ?? infer();
}
