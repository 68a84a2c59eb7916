// Wrong: the pool is right, but each file is decoded to a string before hashing.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export type ReadFile = (file: string) => Promise<Buffer>;

export async function hashFolder(dir: string, limit: number, readFile: ReadFile): Promise<Record<string, string>> {
  const names = await readdir(dir);
  const hashes: Record<string, string> = {};
  let next = 0;
  async function runner(): Promise<void> {
    while (next < names.length) {
      const name = names[next++]!;
      const text = (await readFile(path.join(dir, name))).toString();
      hashes[name] = createHash('sha256').update(text).digest('hex');
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, names.length) }, runner));
  return hashes;
}
