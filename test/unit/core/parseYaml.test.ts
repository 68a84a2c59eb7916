import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type * as ParseYamlModule from '../../../src/course/parseYaml.ts';

type ParseYaml = typeof ParseYamlModule;

let cacheDir: string;
const fresh = async (): Promise<ParseYaml> => {
  vi.resetModules();
  return import('../../../src/course/parseYaml.ts');
};

beforeEach(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-yaml-'));
  vi.stubEnv('THREADLINGS_CACHE_DIR', cacheDir);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('parseYaml', () => {
  it('parses YAML and saves what it parsed', async () => {
    const { parseYaml, saveYamlCache } = await fresh();
    expect(parseYaml('id: locks\nexercises:\n  - name: a\n    timeout: 20000\n')).toEqual({ id: 'locks', exercises: [{ name: 'a', timeout: 20000 }] });
    saveYamlCache();
    const saved = JSON.parse(readFileSync(path.join(cacheDir, 'front-matter-v1.json'), 'utf8')) as unknown[];
    expect(saved).toHaveLength(1);
  });

  it('answers from the cache in a later run, without parsing again', async () => {
    writeFileSync(path.join(cacheDir, 'front-matter-v1.json'), JSON.stringify([['id: x\n', { id: 'from the cache' }]]));
    const { parseYaml } = await fresh();
    expect(parseYaml('id: x\n')).toEqual({ id: 'from the cache' });
    expect(parseYaml('id: y\n')).toEqual({ id: 'y' });
  });

  it('ignores a damaged cache file and drops entries no longer used', async () => {
    writeFileSync(path.join(cacheDir, 'front-matter-v1.json'), '{ not json');
    const first = await fresh();
    expect(first.parseYaml('a: 1\n')).toEqual({ a: 1 });
    first.saveYamlCache();
    const second = await fresh();
    expect(second.parseYaml('b: 2\n')).toEqual({ b: 2 });
    second.saveYamlCache();
    const saved = JSON.parse(readFileSync(path.join(cacheDir, 'front-matter-v1.json'), 'utf8')) as [string, unknown][];
    expect(saved.map(([text]) => text)).toEqual(['b: 2\n']);
  });
});
