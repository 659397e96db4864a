// booking-payment-audit on a generated 5,000-file monorepo: a workspace root without a payment SDK and
// 10 packages, each with its own package.json (stripe), Prisma schema and 500 files of which 1 % create
// payments (bench/corpus.mjs). The root audit finds and audits every package; measured untyped (the
// default) and with a type-aware config whose options the audit drops unless --typed.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runAudit } from '../dist/audit/index.js';
import { generateCorpus } from './corpus.mjs';

const FILES = Number(process.env.BENCH_AUDIT_FILES ?? 5000);
const PACKAGES = 10;

const SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Booking {
  id              String  @id
  status          String
  total           Int
  paymentIntentId String? @unique
}
`;

function generateMonorepo(root) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  let payments = 0;
  for (let p = 0; p < PACKAGES; p++) {
    const dir = path.join(root, 'packages', `app${p}`);
    payments += generateCorpus(dir, FILES / PACKAGES);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `app${p}`, private: true, dependencies: { stripe: '*' } }));
    rmSync(path.join(dir, 'package-lock.json'), { force: true });
    mkdirSync(path.join(dir, 'prisma'), { recursive: true });
    writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), SCHEMA);
    mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'lib', 'prisma.ts'), "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
  }
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }));
  return payments;
}

export default async function bench() {
  const root = path.join(os.tmpdir(), `booking-payment-audit-bench-${process.pid}`);
  const payments = generateMonorepo(root);
  const files = readdirSync(path.join(root, 'packages')).length;
  try {
    const start = process.hrtime.bigint();
    const report = await runAudit({ dir: root });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(
      `audit of a ${FILES}-file monorepo (${files} packages, ${payments} payment files): ${(ms / 1000).toFixed(1)} s, ` +
        `${report.filesLinted} files read, status ${report.status}`,
    );
    // A type-aware config: dropped by default, so the audit costs the same.
    writeFileSync(
      path.join(root, 'eslint.config.js'),
      "export default [{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } }];\n",
    );
    const typedStart = process.hrtime.bigint();
    await runAudit({ dir: root });
    const typedMs = Number(process.hrtime.bigint() - typedStart) / 1e6;
    console.log(`same, with a projectService config (dropped without --typed): ${(typedMs / 1000).toFixed(1)} s`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

