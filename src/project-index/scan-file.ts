/**
 * One file's provider-id writes: the quick scan when it settles the file, else the program scan over
 * typescript-estree's AST, else (no parser, or a file that does not parse) a lenient text match.
 */
import { createRequire } from 'node:module';

import type { TSESTree } from '@typescript-eslint/utils';

import type { Candidates } from './candidates.js';
import { scanProgram } from './program-scan.js';
import { quickScan } from './quick-scan/scanner.js';
import type { ProviderIdWrite } from './writes.js';

interface EstreeParser {
  parse(code: string, options: Record<string, unknown>): TSESTree.Program;
}
let parser: EstreeParser | null | undefined;

/** typescript-estree, loaded on first need (it needs `typescript`; without it, files are scanned as text). */
function getParser(): EstreeParser | null {
  if (parser !== undefined) return parser;
  try {
    const require = createRequire(import.meta.url);
    parser = require('@typescript-eslint/typescript-estree') as EstreeParser;
  } catch {
    parser = null;
  }
  return parser;
}

/** Without a parser: `col: value` / `.col = value` in the text (lenient, so that it can only silence). */
function scanText(text: string, file: string, matches: (name: string) => boolean): ProviderIdWrite[] {
  const out: ProviderIdWrite[] = [];
  const re = /(?:\.|\b)([A-Za-z_$][\w$]*)\s*(?::|=(?!=))\s*(?!null\b|undefined\b)[^\s,}]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1]!;
    if (!matches(name)) continue;
    const before = text.slice(0, m.index);
    const line = before.split('\n').length;
    out.push({ file, line, column: m.index - before.lastIndexOf('\n'), delegate: '', idColumn: name, kind: 'orm-write' });
  }
  return out;
}

export interface FileScan {
  /** The text mentions a candidate column, so it was read closely. */
  scanned: boolean;
  /** It had to be parsed. */
  parsed: boolean;
  writes: ProviderIdWrite[];
}

const JSX_FILE = /\.[jt]sx$/;

/** Scans one file's text for writes of a candidate column (JSX is always parsed: its tags and text are no JavaScript tokens). */
export function scanFile(text: string, file: string, candidates: Candidates): FileScan {
  if (!candidates.mentions(text)) return { scanned: false, parsed: false, writes: [] };
  const jsx = JSX_FILE.test(file);
  if (!jsx) {
    const quick = quickScan(text, file, candidates.matches);
    if (quick.certain) return { scanned: true, parsed: false, writes: quick.writes };
  }
  const p = getParser();
  if (!p) return { scanned: true, parsed: false, writes: scanText(text, file, candidates.matches) };
  try {
    const ast = p.parse(text, { loc: true, range: true, jsx, comment: false, tokens: false, errorOnUnknownASTType: false });
    return { scanned: true, parsed: true, writes: scanProgram(ast, file, candidates.matches) };
  } catch {
    return { scanned: true, parsed: false, writes: scanText(text, file, candidates.matches) };
  }
}
