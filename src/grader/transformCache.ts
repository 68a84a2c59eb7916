import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../course/paths.ts';

/** Bump when the transform's options change, so that old cache entries are not reused. */
const TRANSFORM_VERSION = '1';

/** The cache of transformed TypeScript, shared by the CLI (which fills it) and the loader hooks (which read it). */
export function defaultCacheDir(): string {
  return process.env['THREADLINGS_CACHE_DIR'] ?? path.join(packageRoot, 'node_modules', '.cache', 'threadlings');
}

export function cacheKey(file: string, source: string): string {
  return createHash('sha1').update(`${TRANSFORM_VERSION}\0${file}\0${source}`).digest('hex');
}

export function readCached(cacheDir: string, key: string): string | undefined {
  try {
    return readFileSync(path.join(cacheDir, `${key}.js`), 'utf8');
  } catch {
    return undefined;
  }
}

export function writeCached(cacheDir: string, key: string, code: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const target = path.join(cacheDir, `${key}.js`);
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, target);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

/** Where the cache goes when the package folder is read-only. */
export function fallbackCacheDir(): string {
  return path.join(os.tmpdir(), 'threadlings-cache');
}
