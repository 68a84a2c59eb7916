// A correct alternative: a small `limit(fn)` helper (like the p-limit package) and one task per file.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export type ReadFile = (file: string) => Promise<Buffer>;

function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    if (active >= max) return;
    const start = queue.shift();
    if (start) {
      active += 1;
      start();
    }
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active -= 1;
            next();
          });
      });
      next();
    });
}

export async function hashFolder(dir: string, limit: number, readFile: ReadFile): Promise<Record<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const run = limiter(limit);
  const pairs = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        run(async () => {
          const hash = createHash('sha256');
          hash.update(await readFile(join(dir, entry.name)));
          return [entry.name, hash.digest('hex')] as const;
        }),
      ),
  );
  return Object.fromEntries(pairs);
}
