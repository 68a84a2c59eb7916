import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prefillTransforms } from '../../../src/grader/prefillTransforms.ts';
import { isTransformCached, transformFile, TsSyntaxError } from '../../../src/grader/transformTs.ts';

describe('prefillTransforms', () => {
  it('caches every .ts file beside the given files, syntax errors included, so that no transform is needed later', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'threadlings-prefill-'));
    const cache = path.join(dir, 'cache');
    mkdirSync(path.join(dir, 'lesson', 'helpers'), { recursive: true });
    mkdirSync(path.join(dir, 'lesson', 'node_modules'));
    const files = {
      good: [path.join(dir, 'lesson', 'a.ts'), 'export const a: number = 1;'],
      nested: [path.join(dir, 'lesson', 'helpers', 'b.ts'), 'export const b = (x: string): string => x;'],
      broken: [path.join(dir, 'lesson', 'c.ts'), 'export const c = ;'],
      skipped: [path.join(dir, 'lesson', 'node_modules', 'd.ts'), 'export const d = 1;'],
    } as const;
    for (const [file, source] of Object.values(files)) writeFileSync(file, source);

    await prefillTransforms([path.join(dir, 'lesson'), path.join(dir, 'lesson')], cache);

    for (const key of ['good', 'nested', 'broken'] as const) expect(isTransformCached(files[key][0], files[key][1], cache)).toBe(true);
    expect(isTransformCached(...files.skipped, cache)).toBe(false);
    expect(readdirSync(cache).filter((name) => name.endsWith('.error.json'))).toHaveLength(1);
    // The remembered syntax error comes back as one, with its place, without esbuild.
    const error = await transformFile(...files.broken, cache).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TsSyntaxError);
    expect((error as TsSyntaxError).location).toMatchObject({ file: files.broken[0], line: 1 });
  });
});
