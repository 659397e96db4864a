/**
 * `booking-payment/prisma`: an ESLint language (the languages API of ESLint 9.15+ and 10, the shape of
 * @eslint/json) for `.prisma` schema files, so rules can report on the schema itself — in the editor, on
 * the line of `model Booking`. A syntax error is a parse error with its line and column, never a crash.
 */
import type { File, Language, OkParseResult, ParseResult } from '@eslint/core';

import { type PrismaNode, type PrismaSchema, visitorKeys } from './ast.js';
import { parsePrisma } from './parser/index.js';
import { type PrismaLanguageOptions, PrismaSourceCode } from './prisma-source-code.js';

export type PrismaLanguage = Language<{
  LangOptions: PrismaLanguageOptions;
  Code: PrismaSourceCode;
  RootNode: PrismaSchema;
  Node: PrismaNode;
}>;

export const prismaLanguage: PrismaLanguage = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 1,
  nodeTypeKey: 'type',
  visitorKeys,
  defaultLanguageOptions: {},

  validateLanguageOptions() {
    // The language has no options. Options meant for other languages (a shared `languageOptions`
    // block) are ignored rather than rejected.
  },

  parse(file: File): ParseResult<PrismaSchema> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const result = parsePrisma(text, { validate: true });
    if (result.ok) return { ok: true, ast: result.ast };
    return {
      ok: false,
      errors: result.errors.map((e) => ({ message: e.message, line: e.line, column: e.column })),
    };
  },

  createSourceCode(file: File, input: OkParseResult<PrismaSchema>): PrismaSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PrismaSourceCode({ text, ast: input.ast });
  },
};
