// Wrong: one file after another; nothing overlaps.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export type ReadFile = (file: string) => Promise<Buffer>;

export async function hashFolder(dir: string, _limit: number, readFile: ReadFile): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of await readdir(dir)) {
    hashes[name] = createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex');
  }
  return hashes;
}
