/**
 * The grader's sandbox (docs/decisions.md): TypeScript beside the learner's file still loads
 * through the loader hooks, where esbuild cannot start, because the CLI filled their cache;
 * what lies elsewhere is refused in one sentence. The forging attempts are in hostileCode.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';

const workspace = tempWorkspace();
// A cache of its own, so that every transform below really happens in this run.
const env = { THREADLINGS_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), 'threadlings-sandbox-cache-')) };
const check = async (id: string) => JSON.parse((await runCli(['check', id, '--json'], { workspace, course: fixtureCourse, env })).stdout);
const lessonDir = path.join(workspace, '01-basics');

beforeAll(async () => {
  await runCli(['init'], { workspace, course: fixtureCourse, env });
  mkdirSync(path.join(lessonDir, 'helpers'), { recursive: true });
  writeFileSync(path.join(lessonDir, 'helpers', 'sum.ts'), 'export const sum = (a: number, b: number): number => a + b;\n');
  // A worker started from another .ts file than the learner's: it runs through the hooks.
  writeFileSync(
    path.join(lessonDir, 'adder.ts'),
    "import { parentPort, workerData } from 'node:worker_threads';\nimport { sum } from './helpers/sum.ts';\nconst { a, b } = workerData as { a: number; b: number };\nparentPort?.postMessage(sum(a, b));\n",
  );
});

describe("the grader's sandbox", () => {
  it('loads TypeScript beside the learner file through the hooks: a relative import, a worker from another file', async () => {
    writeFileSync(
      path.join(lessonDir, 'add.ts'),
      [
        "import { Worker } from 'node:worker_threads';",
        "import { sum } from './helpers/sum.ts';",
        'export function add(a: number, b: number): number {',
        "  const viaWorker = new Worker(new URL('./adder.ts', import.meta.url), { workerData: { a, b } });",
        "  viaWorker.on('message', () => void viaWorker.terminate());",
        '  return sum(a, b);',
        '}',
        '',
      ].join('\n'),
    );
    expect(await check('basics/add')).toMatchObject({ passed: true });
  });

  it('reports a syntax error in a helper beside the learner file, remembered from the cache', async () => {
    writeFileSync(path.join(lessonDir, 'helpers', 'sum.ts'), 'export const sum = (a: number, b: number): number => a + ;\n');
    const json = await check('basics/add');
    expect(json).toMatchObject({ passed: false, kind: 'crash' });
    expect(json.summary).toContain('Unexpected ";"');
    writeFileSync(path.join(lessonDir, 'helpers', 'sum.ts'), 'export const sum = (a: number, b: number): number => a + b;\n');
  });

  it('refuses, in one sentence, TypeScript from a folder the CLI did not prepare', async () => {
    const elsewhere = path.join(path.dirname(workspace), 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(path.join(elsewhere, 'far.ts'), `export const far = (a: number, b: number): number => a + b; // ${Date.now()}\n`);
    writeFileSync(path.join(lessonDir, 'add.ts'), "import { far } from '../../elsewhere/far.ts';\nexport const add = far;\n");
    const json = await check('basics/add');
    expect(json).toMatchObject({ passed: false });
    expect(json.summary).toContain(`${path.join(elsewhere, 'far.ts')} cannot be loaded under the grader's sandbox`);
  });
});
