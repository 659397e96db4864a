import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from '../dist/index.js';
const dir = process.argv[2];
const rule = process.argv[3];
const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, stats: true, overrideConfig: [{ files: ['**/*.ts'], plugins: { 'booking-payment': plugin }, languageOptions: { parser: tsParser }, rules: { [rule]: 'error' } }] });
for (let k = 0; k < 3; k++) {
const results = await eslint.lintFiles(['src']);
let t = 0, n = 0; for (const r of results) for (const p of r.stats.times.passes) for (const [id, x] of Object.entries(p.rules ?? {})) { t += x.total; n++; }
console.log(rule, t.toFixed(1), 'ms');
}
