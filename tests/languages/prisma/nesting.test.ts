import { describe, expect, it } from 'vitest';

import { parsePrisma } from '../../../src/languages/prisma/parser/index.js';
import { MAX_NESTING } from '../../../src/languages/prisma/parser/members.js';
import { readSchemaModels } from '../../../src/schema/model.js';

const calls = (n: number) => `model Booking {\n  id String @id @default(${'dbgenerated('.repeat(n)}${')'.repeat(n)})\n}\n`;
const lists = (n: number) => `model Booking {\n  id String @id\n  @@index([${'['.repeat(n)}${']'.repeat(n)}])\n}\n`;

describe('bracket nesting is bounded', () => {
  it('reads nesting up to the bound', () => {
    expect(parsePrisma(calls(MAX_NESTING - 1)).ok).toBe(true);
    expect(parsePrisma(lists(MAX_NESTING - 2)).ok).toBe(true);
  });

  it.each([
    ['calls', calls, 500, 2],
    ['calls', calls, 20_000, 2],
    ['lists', lists, 500, 3],
    ['lists', lists, 20_000, 3],
  ])('%s nested %i deep: a syntax error at the bracket that goes too deep, not a stack overflow at 1:1', (_, make, depth, line) => {
    const text = make(depth);
    const result = parsePrisma(text, { validate: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [error] = result.errors;
    expect(error?.message).toBe(`Brackets nested deeper than ${MAX_NESTING} levels in model \`Booking\``);
    expect(error?.line).toBe(line);
    expect(text[error!.offset]).toMatch(/[[(]/);
    // The schema loader's reader says the same.
    const models = readSchemaModels(text, 'schema.prisma');
    expect(models.ok).toBe(false);
  });
});
