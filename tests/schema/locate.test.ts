import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { clearSchemaCache } from '../../src/schema/load.js';
import { locateSchema } from '../../src/schema/locate.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-locate-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
beforeEach(() => clearSchemaCache());

const MODEL = 'model Booking {\n  id String @id\n}\n';

let n = 0;
function project(files: Record<string, string>): string {
  const dir = path.join(tmpRoot, `p${n++}`);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

describe('locateSchema: each source, in order', () => {
  it('option → package.json → prisma.config.ts → prisma/schema.prisma → prisma/schema/ → schema.prisma', () => {
    const dir = project({
      'package.json': '{"prisma":{"schema":"from-package.prisma"}}',
      'from-package.prisma': MODEL,
      'prisma.config.ts': "export default { schema: 'from-config.prisma' };",
      'from-config.prisma': MODEL,
      'prisma/schema.prisma': MODEL,
      'prisma/schema/a.prisma': MODEL,
      'schema.prisma': MODEL,
      'option.prisma': MODEL,
    });
    const filename = path.join(dir, 'src', 'a.ts');
    const where = (schema?: string) => {
      const r = locateSchema({ filename, cwd: dir, schema });
      return r.status === 'found' ? [r.source, path.relative(dir, r.location)] : ['missing'];
    };
    const ladder: [string, string][] = [];
    ladder.push(where('option.prisma') as [string, string]);
    ladder.push(where() as [string, string]);
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    ladder.push(where() as [string, string]);
    fs.rmSync(path.join(dir, 'prisma.config.ts'));
    ladder.push(where() as [string, string]);
    fs.rmSync(path.join(dir, 'prisma/schema.prisma'));
    ladder.push(where() as [string, string]);
    fs.rmSync(path.join(dir, 'prisma/schema'), { recursive: true });
    ladder.push(where() as [string, string]);
    fs.rmSync(path.join(dir, 'schema.prisma'));
    ladder.push(where() as [string, string]);
    expect(ladder).toEqual([
      ['option', 'option.prisma'],
      ['package.json', 'from-package.prisma'],
      ['prisma.config', 'from-config.prisma'],
      ['default', path.join('prisma', 'schema.prisma')],
      ['default', path.join('prisma', 'schema')],
      ['default', 'schema.prisma'],
      ['missing'],
    ]);
  });

  it('a source that names a path that does not exist is passed over (except the option, which has no fallback)', () => {
    const dir = project({
      'package.json': '{"prisma":{"schema":"gone.prisma"}}',
      'prisma.config.ts': "export default { schema: 'also-gone.prisma' };",
      'schema.prisma': MODEL,
    });
    const filename = path.join(dir, 'a.ts');
    const r = locateSchema({ filename, cwd: dir });
    expect(r).toMatchObject({ status: 'found', source: 'default', location: path.join(dir, 'schema.prisma') });
    expect(r.searched).toEqual([
      `${path.join(dir, 'package.json')} (prisma.schema → ${path.join(dir, 'gone.prisma')})`,
      `${path.join(dir, 'prisma.config.ts')} (schema → ${path.join(dir, 'also-gone.prisma')})`,
      path.join(dir, 'prisma', 'schema.prisma'),
      path.join(dir, 'prisma', 'schema'),
      path.join(dir, 'schema.prisma'),
    ]);
    expect(locateSchema({ filename, cwd: dir, schema: 'gone.prisma' })).toEqual({ status: 'missing', searched: [path.join(dir, 'gone.prisma')] });
  });

  it('only the first config file is read, as Prisma reads one: a later .config/prisma.ts is not consulted', () => {
    const dir = project({
      'package.json': '{}',
      'prisma.config.ts': 'export default {};',
      '.config/prisma.ts': "export default { schema: '../elsewhere.prisma' };",
      'elsewhere.prisma': MODEL,
      'prisma/schema.prisma': MODEL,
    });
    const r = locateSchema({ filename: path.join(dir, 'a.ts'), cwd: dir });
    expect(r).toMatchObject({ status: 'found', source: 'default', location: path.join(dir, 'prisma/schema.prisma') });
    expect(r.searched[0]).toBe(`${path.join(dir, 'prisma.config.ts')} (no schema property)`);
    expect(r.searched.some((s) => s.includes(path.join(dir, '.config')))).toBe(false);
  });

  it('prisma/schema counts only as a folder, the two schema.prisma locations only as files', () => {
    const dir = project({ 'package.json': '{}', 'prisma/schema': 'not a folder', 'schema.prisma/keep': '' });
    expect(locateSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toMatchObject({ status: 'missing' });
  });

  it('paths of sources 2–6 are relative to the nearest package.json, not to cwd or the linted file', () => {
    const dir = project({ 'app/package.json': '{}', 'app/prisma/schema.prisma': MODEL, 'prisma/schema.prisma': MODEL });
    const r = locateSchema({ filename: path.join(dir, 'app', 'src', 'deep', 'a.ts'), cwd: dir });
    expect(r).toMatchObject({ status: 'found', location: path.join(dir, 'app', 'prisma', 'schema.prisma') });
  });
});
