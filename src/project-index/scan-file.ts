/**
 * One file's provider-id writes: the quick scan when it settles the file, else the program scan over
 * typescript-estree's AST, else (no parser, a file that does not parse, or one too large to parse) the
 * quick scan again, leniently: linear in the text, it records what brackets prove a write and marks what
 * they cannot settle `uncertain`; a read (`where`, `select`, a `findMany` argument) is never a write.
 */
import { createRequire } from 'node:module';

import type { TSESTree } from '@typescript-eslint/utils';

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

/** The columns a scan records, and a cheap necessary condition on a text that holds one. */
export interface ScanVocabulary {
  matches: (name: string) => boolean;
  mentions: (text: string) => boolean;
}

export interface FileScan {
  /** The text mentions a candidate column, so it was read closely. */
  scanned: boolean;
  /** It had to be parsed. */
  parsed: boolean;
  writes: ProviderIdWrite[];
}

/** Texts larger than this are not parsed (the lenient quick scan reads them). */
const MAX_PARSE_CHARS = 1_000_000;

const JSX_FILE = /\.[jt]sx$/;
const PLAIN_JS_FILE = /\.[cm]?js$/;

function tryParse(p: EstreeParser, text: string, jsx: boolean): TSESTree.Program | null {
  try {
    return p.parse(text, { loc: true, range: true, jsx, comment: false, tokens: false, errorOnUnknownASTType: false });
  } catch {
    return null;
  }
}

/**
 * Scans one file's text for writes of a candidate column (`.jsx`/`.tsx` are always parsed: their tags and
 * text are no JavaScript tokens).
 */
export function scanFile(text: string, file: string, vocabulary: ScanVocabulary): FileScan {
  if (!vocabulary.mentions(text)) return { scanned: false, parsed: false, writes: [] };
  const jsx = JSX_FILE.test(file);
  if (!jsx) {
    const quick = quickScan(text, file, vocabulary.matches);
    if (quick.certain) return { scanned: true, parsed: false, writes: quick.writes };
  }
  const p = text.length <= MAX_PARSE_CHARS ? getParser() : null;
  if (p) {
    // A `.js` file may hold JSX, and plain JavaScript parses the same with JSX on (no `<T>x` casts): one parse.
    const ast = tryParse(p, text, jsx || PLAIN_JS_FILE.test(file));
    if (ast) return { scanned: true, parsed: true, writes: scanProgram(ast, file, vocabulary.matches) };
  }
  return { scanned: true, parsed: false, writes: quickScan(text, file, vocabulary.matches, { lenient: true }).writes };
}
