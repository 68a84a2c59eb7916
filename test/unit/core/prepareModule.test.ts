import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prepareModule } from '../../../src/grader/prepareModule.ts';
import { TsSyntaxError } from '../../../src/grader/transformTs.ts';

const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-prepare-'));
const file = '/ws/02-threads/join-all.ts';
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function codeOf(moduleUrl: string | undefined): string {
  expect(moduleUrl).toBeDefined();
  return readFileSync(fileURLToPath(moduleUrl ?? ''), 'utf8');
}

describe('prepareModule', () => {
  it('prepares a file that imports built-ins and the course modules, with absolute course URLs', async () => {
    const source = "import { Worker } from 'node:worker_threads';\nimport { Mutex } from 'threadlings/runtime';\nexport const x: number = 1;\nexport const w = [Worker, Mutex];\n";
    const { moduleUrl } = await prepareModule(file, source, cacheDir);
    const code = codeOf(moduleUrl);
    expect(moduleUrl).toMatch(/\.mjs$/);
    expect(code).toContain('"node:worker_threads"');
    expect(code).toMatch(/from "file:\/\/\/.*\/dist\/runtime\/index\.js"/);
    expect(code).not.toContain(': number');
  });

  it('keeps import.meta.url (and filename, dirname) naming the learner file, and maps back to it', async () => {
    const { moduleUrl } = await prepareModule(file, 'export const here = [import.meta.url, import.meta.filename, import.meta.dirname];\n', cacheDir);
    const code = codeOf(moduleUrl);
    expect(code).toContain(JSON.stringify(pathToFileURL(file).href));
    expect(code).toContain(JSON.stringify(file));
    const map = JSON.parse(Buffer.from(/base64,(\S+)/.exec(code)?.[1] ?? '', 'base64').toString('utf8')) as { sourceRoot: string; sources: string[] };
    expect(map.sources.map((source) => new URL(map.sourceRoot + source).href)).toEqual([pathToFileURL(file).href]);
  });

  it('reuses the cached module for the same source', async () => {
    const source = 'export const same = 1;\n';
    const first = await prepareModule(file, source, cacheDir);
    const second = await prepareModule(file, source, cacheDir);
    expect(second.moduleUrl).toBe(first.moduleUrl);
  });

  it('leaves to the loader hooks what it cannot prepare', async () => {
    const cases = [
      "import { helper } from './helper.ts';\nexport const x = helper;\n",
      "export const lazy = () => import('./other.ts');\n",
      "import { Piscina } from 'piscina';\nexport const p = Piscina;\n",
      "export const runtime = import.meta.resolve('threadlings/runtime');\n",
      "import * as util from 'node:util';\ntry { (util as { x?: number }).x = 1; } catch {}\nexport const u = util;\n",
    ];
    for (const source of cases) expect(await prepareModule(file, source, cacheDir), source).toEqual({ file });
  });

  it('reports a syntax error with its place in the learner file', async () => {
    const error = await prepareModule(file, 'export const x = ;\n', cacheDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TsSyntaxError);
    expect((error as TsSyntaxError).location).toEqual({ file, line: 1, column: 18 });
  });
});
