/**
 * Workspace packages of a monorepo root (npm/yarn `workspaces`, pnpm-workspace.yaml), so that an audit run
 * at the root of a monorepo whose root package.json lists no payment SDK does not answer "N/A" while an app
 * inside it takes payments.
 */
import fs from 'node:fs';
import path from 'node:path';

import { escapeRegExp } from '../config/vocabulary.js';
import { isSkippedFolder } from '../project/layout.js';
import { getPaymentSdks, readPackageJson, type PaymentSdk } from '../project/package-json.js';

const MAX_DEPTH = 4;

/** The workspace patterns declared at `root` (package.json `workspaces`, pnpm-workspace.yaml `packages`). */
function workspacePatterns(root: string): string[] {
  const patterns: string[] = [];
  const pkg = readPackageJson(path.join(root, 'package.json'));
  const ws = pkg?.workspaces;
  const list = Array.isArray(ws) ? ws : ws && typeof ws === 'object' ? (ws as { packages?: unknown }).packages : undefined;
  if (Array.isArray(list)) patterns.push(...list.filter((p): p is string => typeof p === 'string'));
  try {
    const yaml = fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
    let inPackages = false;
    for (const line of yaml.split(/\r?\n/)) {
      if (/^packages\s*:/.test(line)) {
        inPackages = true;
        continue;
      }
      if (inPackages) {
        const item = /^\s+-\s*['"]?([^'"#]+?)['"]?\s*(?:#.*)?$/.exec(line);
        if (item) patterns.push(item[1]!);
        else if (/^\S/.test(line)) inPackages = false;
      }
    }
  } catch {
    // no pnpm workspace file
  }
  return patterns;
}

function expand(root: string, segments: string[], depth = 0): string[] {
  if (segments.length === 0) return fs.existsSync(path.join(root, 'package.json')) ? [root] : [];
  if (depth > MAX_DEPTH) return [];
  const [head, ...rest] = segments as [string, ...string[]];
  const children = (): string[] => {
    try {
      return fs
        .readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !isSkippedFolder(e.name))
        .map((e) => path.join(root, e.name));
    } catch {
      return [];
    }
  };
  if (head === '**') {
    return [...expand(root, rest, depth + 1), ...children().flatMap((c) => expand(c, segments, depth + 1))];
  }
  if (head.includes('*')) {
    const re = new RegExp(`^${head.split('*').map(escapeRegExp).join('[^/]*')}$`);
    return children()
      .filter((c) => re.test(path.basename(c)))
      .flatMap((c) => expand(c, rest, depth + 1));
  }
  return expand(path.join(root, head), rest, depth + 1);
}

/** Workspace packages under `root` that list a payment SDK: directory (relative) and SDKs. */
export function workspacePackagesWithSdks(root: string): { dir: string; sdks: PaymentSdk[] }[] {
  const patterns = workspacePatterns(root);
  const excluded = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/\/+$/, ''));
  const dirs = new Set<string>();
  for (const pattern of patterns.filter((p) => !p.startsWith('!'))) {
    for (const dir of expand(root, pattern.replace(/^\.\//, '').replace(/\/+$/, '').split('/').filter(Boolean))) {
      const rel = path.relative(root, dir).split(path.sep).join('/');
      if (rel !== '' && !excluded.includes(rel)) dirs.add(dir);
    }
  }
  return [...dirs]
    .sort()
    .map((dir) => ({ dir: path.relative(root, dir).split(path.sep).join('/'), sdks: getPaymentSdks(dir) }))
    .filter((p) => p.sdks.length > 0);
}
