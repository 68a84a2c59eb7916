import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';
import { until } from '../unit/runtime/workerHarness.ts';

const course = fixtureCourse;
const workspace = tempWorkspace();
const check = (id: string) => runCli(['check', id, '--json'], { workspace, course });

beforeAll(async () => {
  await runCli(['init'], { workspace, course });
});

describe('misbehaving learner code is contained, explained and never passes', () => {
  // How long it takes (timeout + start-up) is measured by `npm run bench:cli`, not asserted here.
  it('an endless loop is stopped by its timeout and reported as one', async () => {
    const result = await check('hostile/loop');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      passed: false,
      kind: 'timeout',
      summary: expect.stringMatching(/^timed out after 1\.5 s during "answers 42"/),
    });
  });

  it('process.exit(0) at the top is reported as exiting before the cases ran', async () => {
    const result = await check('hostile/exit');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ passed: false, kind: 'exited-early', summary: expect.stringContaining('before its cases ran') });
  });

  it('a syntax error is one message naming file:line:col in the learner file', async () => {
    const result = await runCli(['check', 'hostile/syntax'], { workspace, course });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${path.join(workspace, '02-hostile', 'syntax.ts')}:2:14: Unexpected ";"`);
  });

  it('a crash names the error and its line in the learner file', async () => {
    const json = JSON.parse((await check('hostile/crash')).stdout);
    expect(json).toMatchObject({ passed: false, kind: 'crash' });
    expect(json.cases[0].message).toContain('TypeError');
    expect(json.cases[0].location).toEqual({ file: path.join(workspace, '02-hostile', 'crash.ts'), line: 3, column: 28 });
  });

  it('a memory bomb is reported as out of memory', async () => {
    expect(JSON.parse((await check('hostile/oom')).stdout)).toMatchObject({ passed: false, kind: 'out-of-memory' });
  });

  it('forged messages, patched assertions and printing PASS do not pass', async () => {
    const result = await check('hostile/forge');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.passed).toBe(false);
    expect(json.output).toContain('PASS');
  });

  it('writing the progress file, the transform cache or through a shell is refused; the verdict stands', async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'threadlings-forge-cache-'));
    const progressFile = path.join(workspace, '.threadlings', 'progress.json');
    const result = await runCli(['check', 'hostile/forge-progress', '--json'], { workspace, course, env: { THREADLINGS_CACHE_DIR: cache } });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ passed: false, kind: 'wrong-result' });
    expect(existsSync(path.join(cache, 'forged.mjs'))).toBe(false);
    expect(JSON.parse(readFileSync(progressFile, 'utf8')).exercises['hostile/forge-progress']).toMatchObject({ status: 'failing', attempts: 1 });

    const write = JSON.parse((await check('hostile/forge-write')).stdout);
    expect(write).toMatchObject({ passed: false, kind: 'crash' });
    expect(write.summary).toContain(`your code tried to write ${progressFile}; a check may write only under os.tmpdir()`);
    expect(JSON.parse(readFileSync(progressFile, 'utf8')).exercises['hostile/forge-write']).toMatchObject({ status: 'failing', attempts: 1 });
  });

  it('after all that, the progress file is intact and counts every attempt as failing', async () => {
    const progress = JSON.parse(readFileSync(path.join(workspace, '.threadlings', 'progress.json'), 'utf8'));
    for (const id of ['hostile/loop', 'hostile/exit', 'hostile/syntax', 'hostile/crash', 'hostile/oom', 'hostile/forge']) {
      expect(progress.exercises[id]).toMatchObject({ status: 'failing', attempts: 1 });
    }
  });

  it.each([
    ['hostile/leak', 'leaked-worker', /2 worker threads your code started were still running/],
    ['hostile/unjoined', 'unjoined-worker', /both workers your code started were never joined: .*\(the first started at unjoined\.ts:11\)/],
    ['hostile/spawnmany', 'crash', /more than 64 worker threads at once/],
    ['hostile/waitforever', 'timeout', /timed out/],
    ['hostile/stack', 'crash', /RangeError: Maximum call stack size exceeded/],
    ['hostile/kill', 'crash', /killed by SIGTERM/],
    ['hostile/flood', 'output-flood', /printed more than \d+ KiB/], // at least 1024; Node 22's own count can be higher
    ['hostile/late', 'crash', /rejected after the answer was returned/],
    ['hostile/exit1', 'exited-early', /^your code exited \(exit code 1\) before its cases ran/],
    ['hostile/exit-in-case', 'exited-early', /^your code exited \(exit code 0\) during "answers 42", before the cases finished/],
  ])('%s is reported as %s', async (id, kind, message) => {
    const json = JSON.parse((await check(id)).stdout);
    expect(json).toMatchObject({ passed: false, kind });
    if (message.source.startsWith('^')) expect(json.summary).toMatch(message);
    else expect(JSON.stringify(json)).toMatch(message);
  });

  // Each is stopped before it takes the machine with it: the heap limit, V8's own size limits, or the
  // supervisor's watch on resident memory (Buffers and ArrayBuffers live outside the heap). Peaks stay near 1.5 GiB.
  it.each([
    // Its heap fills slowly: a 20 s timeout, so that a busy machine still gets there.
    ['hostile/oom-objects', /^ran out of memory during "answers 42"/],
    // Node 20 crashes at V8's largest array; Node 22 throws a RangeError in the case instead.
    ['hostile/oom-array', /^ran out of memory/],
    ['hostile/oom-buffers', /^ran out of memory during "answers 42" \(it went over the limit of 1536 MiB, Buffers and ArrayBuffers included/],
  ])('%s is reported as out of memory', async (id, message) => {
    const result = await check(id);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ passed: false, kind: 'out-of-memory' });
    expect(json.cases[0]).toMatchObject({ status: 'fail', kind: 'out-of-memory', message: expect.stringMatching(message) });
    expect(json.cases[0].message).toMatch(/something keeps allocating without bound\.$/);
  });

  it('values thrown instead of Errors are failures that name the value', async () => {
    const json = JSON.parse((await check('hostile/throw-values')).stdout);
    expect(json).toMatchObject({ passed: false, kind: 'crash', summary: '3 of 3 cases failed.' });
    expect(json.cases.map((c: { message: string }) => c.message)).toEqual([
      expect.stringMatching(/^your code threw the string "nope" instead of an Error/),
      expect.stringMatching(/^your code threw undefined instead of an Error/),
      expect.stringMatching(/^your code threw an object \{ code: 7, /),
    ]);
    expect(JSON.stringify(json)).not.toContain('[object Object]');
  });

  it.skipIf(process.platform === 'win32' || spawnSync('sh', ['-c', 'command -v mkfifo']).status !== 0)(
    'reading a FIFO nobody writes to is stopped by its timeout',
    async () => {
      const json = JSON.parse((await check('hostile/fifo')).stdout);
      expect(json).toMatchObject({ passed: false, kind: 'timeout', summary: expect.stringMatching(/^timed out after 1\.5 s during "answers 42"/) });
    },
  );

  it('patched globals, prototypes, JSON, console and assert still end as the real wrong result', async () => {
    const result = await check('hostile/forge-globals');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ passed: false, kind: 'wrong-result', summary: '2 of 2 cases failed.' });
    expect(json.cases).toMatchObject([
      { status: 'fail', kind: 'wrong-result', message: 'answer(): expected 42, got 41.' },
      { status: 'fail', kind: 'wrong-result', message: 'answer() the second time: expected 42, got 41.' },
    ]);
  });

  it('after the new hostile fixtures, the CLI still answers and progress counts each as failing', async () => {
    const ids = ['hostile/exit1', 'hostile/exit-in-case', 'hostile/oom-objects', 'hostile/oom-array', 'hostile/oom-buffers', 'hostile/throw-values', 'hostile/forge-globals'];
    const progress = JSON.parse(readFileSync(path.join(workspace, '.threadlings', 'progress.json'), 'utf8'));
    for (const id of ids) expect(progress.exercises[id]).toMatchObject({ status: 'failing', attempts: 1 });
    const list = await runCli(['list'], { workspace, course });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('oom-buffers');
  });

  it('a blocking native call is stopped, and the process it started is killed with it', async () => {
    const result = await check('hostile/blocking');
    expect(JSON.parse(result.stdout)).toMatchObject({ passed: false, kind: 'timeout' });
    // SIGKILL went to its process group before the verdict; on a loaded machine the process
    // may take a moment to be gone from the process table.
    const sleeping = (): boolean => spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout.split('\n').some((line) => line.trim() === 'sleep 60');
    await until(() => !sleeping(), 'the sleep the exercise started is gone', 5000, 50);
  });

  it('the same files with the fix in place pass', async () => {
    copyFileSync(path.join(course, 'exercises', '02-hostile', 'loop', 'solution.ts'), path.join(workspace, '02-hostile', 'loop.ts'));
    expect((await check('hostile/loop')).code).toBe(0);
  });
});

describe('dev check', () => {
  it('proves every fixture starter fails for its intended reason and every solution passes', async () => {
    const result = await runCli(['dev', 'check'], { workspace, course });
    expect(result.stdout).toMatch(/dev check: \d+ passed, 0 failed/);
    expect(result.code).toBe(0);
  }, 300_000);
});
