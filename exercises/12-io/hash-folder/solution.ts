import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Reads a whole file, like fs.promises.readFile(file). */
export type ReadFile = (file: string) => Promise<Buffer>;

/**
 * Return `{ [file name]: sha256 hex digest }` for every file in `dir`, reading each file
 * through `readFile`, with at most `limit` reads running at once.
 */
export async function hashFolder(dir: string, limit: number, readFile: ReadFile): Promise<Record<string, string>> {
  const names = await readdir(dir);
  const hashes: Record<string, string> = {};
  let next = 0;
  // `limit` runners; each reads its next file (off the main thread, in libuv's pool) and
  // hashes it (on this thread, synchronously) before taking another.
  async function runner(): Promise<void> {
    while (next < names.length) {
      const name = names[next++]!;
      const data = await readFile(path.join(dir, name));
      hashes[name] = createHash('sha256').update(data).digest('hex');
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, names.length) }, runner));
  return hashes;
}
