import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes one cache file atomically (temporary file + rename); false when the cache cannot be written, which only costs speed. */
export function writeCacheFile(cacheDir: string, name: string, content: string | Uint8Array): boolean {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const target = path.join(cacheDir, name);
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, content);
    renameSync(temporary, target);
    return true;
  } catch {
    return false;
  }
}
