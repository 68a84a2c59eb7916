import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** Writes one entry atomically; false when the cache cannot be written (that only costs speed). */
export function writeCached(cacheDir: string, key: string, code: string, extension = '.js'): boolean {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const target = path.join(cacheDir, `${key}${extension}`);
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, target);
    return true;
  } catch {
    return false;
  }
}
