import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeCacheFile } from '../course/writeCacheFile.ts';

/** Bump when the transform's options change, so that old cache entries are not reused. */
const TRANSFORM_VERSION = '1';

export function cacheKey(file: string, source: string): string {
  return createHash('sha1').update(`${TRANSFORM_VERSION}\0${file}\0${source}`).digest('hex');
}

export function readCached(cacheDir: string, key: string, extension = '.js'): string | undefined {
  try {
    return readFileSync(path.join(cacheDir, `${key}${extension}`), 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes one entry; false when the cache cannot be written (that only costs speed). */
export function writeCached(cacheDir: string, key: string, code: string, extension = '.js'): boolean {
  return writeCacheFile(cacheDir, `${key}${extension}`, code);
}

export function isCached(cacheDir: string, key: string, extension = '.js'): boolean {
  return existsSync(path.join(cacheDir, `${key}${extension}`));
}
