/**
 * Where the Prisma schema of a linted file is. First match wins (paths of options and settings are relative
 * to ESLint's cwd):
 *   1. the rule option / `settings['booking-payment'].schema` (a file or a folder);
 *   2. the nearest package.json's `prisma.schema`;
 *   3. the `schema` property of `prisma.config.ts` (or `.mts`, `.js`, `.mjs`, `.config/prisma.ts`; Prisma
 *      reads one), read statically by `./prisma-config.ts`;
 *   4. `prisma/schema.prisma`; 5. a `prisma/schema/` folder; 6. `schema.prisma`
 *   (2–6 relative to the directory of the nearest package.json, or cwd when there is none).
 * A folder is a multi-file schema (`./load.ts` reads every `.prisma` file in it).
 *
 * A location outside the project is `refused` (never read): inside ESLint's cwd, or inside the top-most
 * ancestor folder of the linted file that has a package.json (never the file system's root or the home
 * folder themselves). A setting of `/` or `/proc/kmsg` must not make every lint walk or wait on the system.
 */
import os from 'node:os';
import path from 'node:path';

import { findNearestPackageJson, readPackageJson } from '../project/package-json.js';
import { isSingleRun } from '../project/run-mode.js';
import { statOrUndefined } from '../util/fs.js';
import { readPrismaConfigSchema } from './prisma-config.js';

export interface LocateSchemaOptions {
  /** The file being linted (absolute); the search starts at its directory. */
  filename: string;
  /** ESLint's cwd: option and settings paths are relative to it. */
  cwd: string;
  /** The rule option or `settings['booking-payment'].schema`. */
  schema?: string | undefined;
}

export type SchemaLocation =
  | { status: 'found'; location: string; source: 'option' | 'package.json' | 'prisma.config' | 'default'; searched: string[] }
  | { status: 'missing'; searched: string[] }
  /** Found, but outside the project: not read (`message` says why and what to do). */
  | { status: 'refused'; location: string; message: string; searched: string[] };

type Found = Extract<SchemaLocation, { status: 'found' }>;

const CONFIG_FILES = ['prisma.config.ts', 'prisma.config.mts', 'prisma.config.js', 'prisma.config.mjs', path.join('.config', 'prisma.ts')];
const DEFAULT_FOLDER = path.join('prisma', 'schema');
const DEFAULT_LOCATIONS = [path.join('prisma', 'schema.prisma'), DEFAULT_FOLDER, 'schema.prisma'];

/**
 * In one lint run (project/run-mode.ts), answers per package: the nearest package.json's folder, or a
 * file's own folder without one (every file of a package has the same schema). In a session every call
 * searches again, so a schema or config file added is seen at once.
 */
const located = new Map<string, SchemaLocation>();
const MAX_LOCATED = 2000;

/** Where the schema is for a linted file (see the module comment for the order). Never throws. */
export function locateSchema({ filename, cwd, schema }: LocateSchemaOptions): SchemaLocation {
  if (!isSingleRun()) return insideProject(findSchema({ filename, cwd, schema }), filename, cwd);
  const dir = path.dirname(path.resolve(cwd, filename));
  const pkgFile = findNearestPackageJson(dir);
  const key = `${pkgFile ? path.dirname(pkgFile) : dir}\0${path.resolve(cwd)}\0${schema ?? ''}`;
  let where = located.get(key);
  if (!where) {
    where = insideProject(findSchema({ filename, cwd, schema }), filename, cwd);
    if (located.size >= MAX_LOCATED) located.clear();
    located.set(key, where);
  }
  return where;
}

function findSchema({ filename, cwd, schema }: LocateSchemaOptions): SchemaLocation {
  const searched: string[] = [];
  if (schema) return fromOption(path.resolve(cwd, schema), searched);
  const pkgFile = findNearestPackageJson(path.dirname(path.resolve(cwd, filename)));
  const root = pkgFile ? path.dirname(pkgFile) : cwd;
  const found =
    (pkgFile ? fromPackageJson(pkgFile, root, searched) : undefined) ?? fromPrismaConfig(root, searched) ?? fromDefaults(root, searched);
  return found ?? { status: 'missing', searched };
}

/** `child` is `parent` or below it (lexically: `..` segments resolved, links not followed). */
function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Folders that are never a project by themselves: the file system's root and the home folder. */
function isTooBroad(folder: string): boolean {
  return path.parse(folder).root === folder || folder === path.resolve(os.homedir());
}

/**
 * The folders a schema may be in: ESLint's cwd, and the top-most ancestor of the linted file's folder that
 * has a package.json (a workspace root above the package), neither being the root or the home folder.
 */
export function projectFolders(filename: string, cwd: string): string[] {
  const folders: string[] = [];
  const absCwd = path.resolve(cwd);
  if (!isTooBroad(absCwd)) folders.push(absCwd);
  let top: string | undefined;
  for (let dir = path.dirname(path.resolve(cwd, filename)); ; ) {
    if (!isTooBroad(dir) && statOrUndefined(path.join(dir, 'package.json'))?.isFile()) top = dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (top !== undefined && !folders.includes(top)) folders.push(top);
  return folders;
}

/** A found location outside every project folder becomes `refused`. */
function insideProject(where: SchemaLocation, filename: string, cwd: string): SchemaLocation {
  if (where.status !== 'found') return where;
  const folders = projectFolders(filename, cwd);
  if (folders.some((folder) => isWithin(folder, where.location))) return where;
  return {
    status: 'refused',
    location: where.location,
    searched: where.searched,
    message:
      `the schema path \`${where.location}\` (from ${where.source === 'default' ? 'the default locations' : where.source === 'option' ? 'the rule option or settings' : where.source}) ` +
      `is outside the project (${folders.length > 0 ? folders.join(', ') : 'no project folder: no package.json above the file, and ESLint runs from the root or home folder'}), so it is not read; ` +
      "set settings['booking-payment'].schema to the schema file or folder inside the project",
  };
}

/** 1. The option: it is the location, found or not (no fallback past an explicit setting). */
function fromOption(p: string, searched: string[]): SchemaLocation {
  searched.push(p);
  return statOrUndefined(p) ? { status: 'found', location: p, source: 'option', searched } : { status: 'missing', searched };
}

/** 2. `"prisma": { "schema": "…" }` in the nearest package.json, when that path exists. */
function fromPackageJson(pkgFile: string, root: string, searched: string[]): Found | undefined {
  const prisma = readPackageJson(pkgFile)?.prisma;
  const declared =
    prisma && typeof prisma === 'object' && typeof (prisma as { schema?: unknown }).schema === 'string'
      ? (prisma as { schema: string }).schema
      : undefined;
  if (!declared) return undefined;
  const p = path.resolve(root, declared);
  searched.push(`${pkgFile} (prisma.schema → ${p})`);
  return statOrUndefined(p) ? { status: 'found', location: p, source: 'package.json', searched } : undefined;
}

/** 3. The first config file there is (Prisma reads one), when its `schema` is static and exists. */
function fromPrismaConfig(root: string, searched: string[]): Found | undefined {
  for (const configName of CONFIG_FILES) {
    const configFile = path.join(root, configName);
    const configStats = statOrUndefined(configFile);
    if (!configStats) continue;
    if (!configStats.isFile()) {
      // A folder, a device, or a named pipe (reading it would block the lint run forever): not a config file.
      searched.push(`${configFile} (not a regular file)`);
      continue;
    }
    const read = readPrismaConfigSchema(configFile);
    searched.push(
      read.status === 'found'
        ? `${configFile} (schema → ${read.schema})`
        : read.status === 'no-schema'
          ? `${configFile} (no schema property)`
          : `${configFile} (not statically readable: ${read.reason})`,
    );
    if (read.status === 'found' && statOrUndefined(read.schema)) {
      return { status: 'found', location: read.schema, source: 'prisma.config', searched };
    }
    return undefined; // Prisma reads one config file
  }
  return undefined;
}

/** 4–6. Prisma's default places: a file, a folder, a file. */
function fromDefaults(root: string, searched: string[]): Found | undefined {
  for (const candidate of DEFAULT_LOCATIONS) {
    const p = path.join(root, candidate);
    searched.push(p);
    const st = statOrUndefined(p);
    if (st && (candidate === DEFAULT_FOLDER ? st.isDirectory() : st.isFile())) {
      return { status: 'found', location: p, source: 'default', searched };
    }
  }
  return undefined;
}
