import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isTransformCached, transformFile } from './transformTs.ts';

/** How deep below each folder, and how many files at most: a workspace is small, anything bigger is not ours to transform. */
const MAX_DEPTH = 2;
const MAX_FILES = 200;

async function typeScriptFiles(dir: string, depth: number, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (found.length >= MAX_FILES) return;
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) await typeScriptFiles(full, depth + 1, found);
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(full);
  }
}

/**
 * Fills the transform cache for every TypeScript file beside the check and the learner's file,
 * so that the loader hooks under the grader's sandbox (where esbuild, a process, cannot start)
 * find each file a worker or an import may load, syntax errors included.
 */
export async function prefillTransforms(dirs: readonly string[], cacheDir: string): Promise<void> {
  const files: string[] = [];
  for (const dir of new Set(dirs)) await typeScriptFiles(dir, 0, files);
  await Promise.all(
    [...new Set(files)].map(async (file) => {
      const source = await readFile(file, 'utf8').catch(() => undefined);
      if (source === undefined || isTransformCached(file, source, cacheDir)) return;
      await transformFile(file, source, cacheDir).catch(() => {}); // a syntax error is cached as one
    }),
  );
}
