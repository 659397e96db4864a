// `npm run demo` (after the build): lints examples/booking-app with its own eslint.config.js, shows what
// `configs.strict` adds, and runs booking-payment-audit on it. Exits 0 although the example has problems
// (it is a demo); exits 1 only when something crashes. With `--lint-only`, prints only the lint's stylish
// output (what README's "What you see" shows; tests/docs.test.ts keeps the two equal).
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = path.join(root, 'examples', 'booking-app');
const entry = pathToFileURL(path.join(root, 'dist', 'index.js')).href;

// The example is never installed: its eslint.config.js imports the plugin by package name, and the
// example's own package.json stops Node's self-reference to this repository. When that import finds
// nothing, resolve it to this repository's build.
const hook = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier === 'eslint-plugin-booking-payment') return { url: ${JSON.stringify(entry)}, shortCircuit: true };
    throw error;
  }
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const relative = (results) => results.map((r) => ({ ...r, filePath: path.relative(root, r.filePath) }));
const key = (file, m) => `${file}:${m.line}:${m.column}:${m.ruleId}:${m.message}`;

try {
  const eslint = new ESLint({ cwd: exampleDir });
  const results = await eslint.lintFiles(['.']);
  const stylish = await eslint.loadFormatter('stylish');
  const problems = results.reduce((n, r) => n + r.messages.length, 0);
  const lintOutput = (await stylish.format(relative(results))) || 'no problems\n';
  if (process.argv.includes('--lint-only')) {
    console.log(lintOutput.trim());
    process.exit(0);
  }
  console.log(`$ eslint examples/booking-app   (configs.recommended + configs.prisma, ${results.length} files)\n`);
  console.log(lintOutput);

  // What configs.strict (with configs['prisma-strict']) adds: the stricter options of three rules.
  const strictRules = {
    'booking-payment/require-booking-id-metadata': ['error', { requirePaymentIntentMetadata: true }],
    'booking-payment/require-booking-payment-column': ['error', { requireUnique: true }],
  };
  const strictPrismaRule = 'booking-payment/prisma-booking-payment-column';
  const strict = new ESLint({
    cwd: exampleDir,
    overrideConfig: [
      { files: ['**/*.{ts,js}'], rules: strictRules },
      { files: ['**/*.prisma'], rules: { [strictPrismaRule]: ['error', { requireUnique: true }] } },
    ],
    ruleFilter: ({ ruleId }) => ruleId in strictRules || ruleId === strictPrismaRule,
  });
  const seen = new Set(results.flatMap((r) => r.messages.map((m) => key(r.filePath, m))));
  const extra = (await strict.lintFiles(['.']))
    .map((r) => ({ ...r, messages: r.messages.filter((m) => !seen.has(key(r.filePath, m))) }))
    .filter((r) => r.messages.length > 0)
    .map((r) => ({ ...r, errorCount: r.messages.length, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 }));
  console.log("$ eslint examples/booking-app   (what configs.strict and configs['prisma-strict'] add: requirePaymentIntentMetadata, requireUnique)\n");
  console.log((await stylish.format(relative(extra))) || 'nothing more\n');

  const { runAudit, formatReport } = await import(pathToFileURL(path.join(root, 'dist', 'audit', 'index.js')).href);
  const report = await runAudit({ dir: exampleDir });
  console.log('$ booking-payment-audit examples/booking-app\n');
  console.log(formatReport(report, 'text'));
  console.log(
    `(demo: ${problems} problem${problems === 1 ? '' : 's'} reported in the example; the audit would exit ${report.status === 'fail' ? 1 : 0})`,
  );
} catch (error) {
  console.error(`The demo crashed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
}
