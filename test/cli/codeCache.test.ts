/** The CLI's bundle runs through V8's code cache (src/cli/runWithCodeCache.ts); the cache only ever saves time. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';

// Node 22.1+ caches with module.enableCompileCache, in its own format; the hand-made cache is Node 20's.
const handMade = !(module as { enableCompileCache?: unknown }).enableCompileCache;

describe.runIf(handMade)('the code cache', () => {
  const workspace = tempWorkspace();
  beforeAll(async () => {
    expect((await runCli(['init'], { course: fixtureCourse, workspace })).code).toBe(0);
  });
  const run = (cacheDir: string, env: NodeJS.ProcessEnv = {}) =>
    runCli(['list'], { course: fixtureCourse, workspace, env: { THREADLINGS_CACHE_DIR: cacheDir, ...env } });
  const caches = (cacheDir: string): string[] => {
    try {
      return readdirSync(path.join(cacheDir, 'v8')).filter((name) => name.endsWith('.bin'));
    } catch {
      return [];
    }
  };

  it('is written by the first run of a command and used, unchanged, by the next', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-v8-'));
    const first = await run(cacheDir);
    expect(first.code).toBe(0);
    const [name] = caches(cacheDir);
    expect(name).toMatch(new RegExp(`^${process.version}-${process.arch}-\\d+-\\d+-list\\.bin$`));
    const file = path.join(cacheDir, 'v8', name ?? '');
    const written = statSync(file).mtimeMs;
    const second = await run(cacheDir);
    expect(second).toMatchObject({ code: 0, stdout: first.stdout, stderr: first.stderr });
    expect(statSync(file).mtimeMs).toBe(written); // accepted by V8, so not rewritten
  });

  it('is replaced when V8 refuses it (damaged), and the command runs as usual', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-v8-'));
    const first = await run(cacheDir);
    const file = path.join(cacheDir, 'v8', caches(cacheDir)[0] ?? '');
    writeFileSync(file, 'not a code cache');
    const damaged = await run(cacheDir);
    expect(damaged).toMatchObject({ code: 0, stdout: first.stdout, stderr: first.stderr });
    expect(readFileSync(file).length).toBeGreaterThan(10_000);
  });

  it('is skipped without a word when it cannot be written, or when THREADLINGS_NO_CODE_CACHE is set', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'threadlings-v8-'));
    const blocked = path.join(base, 'a-file');
    writeFileSync(blocked, ''); // the cache folder cannot be made inside a file
    const unwritable = await run(blocked);
    expect(unwritable.code).toBe(0);
    expect(unwritable.stderr).toBe('');
    const off = await run(base, { THREADLINGS_NO_CODE_CACHE: '1' });
    expect(off.code).toBe(0);
    expect(caches(base)).toEqual([]);
  });
});

describe.runIf(!handMade)("Node's own compile cache (Node 22.1+)", () => {
  it('is kept in the cache folder, and the command runs the same from it', async () => {
    const workspace = tempWorkspace();
    expect((await runCli(['init'], { course: fixtureCourse, workspace })).code).toBe(0);
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-v8-'));
    const run = () => runCli(['list'], { course: fixtureCourse, workspace, env: { THREADLINGS_CACHE_DIR: cacheDir } });
    const first = await run();
    expect(first.code).toBe(0);
    expect(readdirSync(path.join(cacheDir, 'v8'), { recursive: true }).length).toBeGreaterThan(0);
    expect(await run()).toMatchObject({ code: 0, stdout: first.stdout, stderr: first.stderr });
  });
});
