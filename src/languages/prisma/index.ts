export type * from './ast.js';
;
export { parsePrisma, parseStats, type PrismaParseError, type PrismaParseResult } from './parser/index.js';
export { prismaLanguage, type PrismaLanguage } from './prisma-language.js';
export { PrismaSourceCode, type PrismaLanguageOptions, type PrismaSyntaxElement } from './prisma-source-code.js';
