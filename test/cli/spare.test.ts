/**
 * Spare supervisors (src/grader/spareSupervisor.ts): a check leaves one behind, the next check
 * uses it and gets the same verdict, and none is ever left behind for good. Each test runs the
 * CLI with its own TMPDIR, so that its spares (sockets, scratch folders, processes) are its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixtureCourse, runCli } from '../helpers/cli.ts';
import { until as waitUntil } from '../unit/runtime/workerHarness.ts';

const roots: string[] = [];

/** Conditions here run `ps`: look every 50 ms, for up to 8 s. */
const until = (condition: () => boolean, what: string, ms = 8000): Promise<void> => waitUntil(condition, what, ms, 50);

/** A workspace whose basics/add holds the passing solution, and a TMPDIR of its own. */
async function setUp(env: NodeJS.ProcessEnv = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'threadlings-spare-'));
  roots.push(root);
  const tmp = path.join(root, 'tmp');
  mkdirSync(tmp);
  const workspace = path.join(root, 'ws');
  const options = { workspace, course: fixtureCourse, env: { THREADLINGS_SPARE: '1', TMPDIR: tmp, THREADLINGS_TRACE: '1', ...env } };
  await runCli(['init'], { ...options, env: { ...options.env, THREADLINGS_SPARE: '0' } });
  copyFileSync(path.join(fixtureCourse, 'exercises', '01-basics', 'add', 'solution.ts'), path.join(workspace, '01-basics', 'add.ts'));
  const sockets = (): string[] => {
    const folder = path.join(tmp, `threadlings-${process.getuid?.() ?? 0}`);
    return existsSync(folder) ? readdirSync(folder).map((name) => path.join(folder, name)) : [];
  };
  const check = async (id: string) => {
    const result = await runCli(['check', id, '--json'], options);
    return { ...result, json: JSON.parse(result.stdout) as { passed: boolean; kind: string; summary: string; cases: { name: string; passed: boolean }[] } };
  };
  const scratches = (): string[] => readdirSync(tmp).filter((name) => name.startsWith('threadlings-scratch-'));
  const run = (args: string[]) => runCli(args, options);
  return { tmp, check, run, sockets, scratches, processes: () => processesUnder(tmp) };
}

/** The pids of the spares (and any supervisor) whose command line names a path under `dir`. */
function processesUnder(dir: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes(dir) && line.includes('supervisor.cjs'))
    .map((line) => Number.parseInt(line.trim(), 10));
}

const verdict = (json: { passed: boolean; kind: string; cases: { name: string; passed: boolean }[] }) => ({
  passed: json.passed,
  kind: json.kind,
  cases: json.cases.map(({ name, passed }) => ({ name, passed })),
});

afterAll(() => {
  for (const root of roots) {
    for (const pid of processesUnder(root)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
});

describe('spare supervisors', () => {
  it('a mistyped id keeps a spare waiting for the check spelled right', async () => {
    const { check, run, sockets, processes } = await setUp();
    await check('basics/add');
    await until(() => sockets().length === 1 && processes().length === 1, 'a spare waits');
    const [first] = processes();

    const mistyped = await run(['check', 'basics/adx']);
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('Did you mean "basics/add"');
    // The spare it connected to is killed, and a new one takes its place.
    await until(() => sockets().length === 1 && processes().length === 1 && processes()[0] !== first, 'a new spare waits');

    const right = await check('basics/add');
    expect(right.code).toBe(0);
    expect(right.stderr).toContain('spare taken');
  });

  it('a check leaves one spare; the next check uses it, with the same verdict, and leaves a new one', async () => {
    const { check, sockets, processes, scratches } = await setUp();
    const first = await check('basics/add');
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('spare taken');
    await until(() => sockets().length === 1 && processes().length === 1, 'a spare waits');
    const [spare] = processes();

    const second = await check('basics/add');
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('spare taken');
    expect(verdict(second.json)).toEqual(verdict(first.json));
    await until(() => processes().length === 1 && processes()[0] !== spare && sockets().length === 1, 'the used spare is gone and a new one waits');
    expect(scratches()).toHaveLength(1); // the new spare's: the used one's went with it
  });

  it('gives a failing check the same verdict through a spare as without', async () => {
    const { check, sockets } = await setUp();
    const cold = await check('basics/square');
    await until(() => sockets().length === 1, 'a spare waits');
    const warm = await check('basics/square');
    expect(warm.stderr).toContain('spare taken');
    expect([cold.code, warm.code]).toEqual([1, 1]);
    expect(warm.json.passed).toBe(false);
    expect(verdict(warm.json)).toEqual(verdict(cold.json));
  });

  it('when the code kills the spare, runs the check again in a fresh supervisor, whose death is the verdict', async () => {
    const { check, sockets } = await setUp();
    await check('basics/add');
    await until(() => sockets().length === 1, 'a spare waits');
    const result = await check('hostile/kill');
    expect(result.stderr).toContain('spare taken');
    expect(result.stderr).toContain('spare lost: running again');
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ passed: false, kind: 'crash' });
    expect(JSON.stringify(result.json)).toMatch(/killed by SIGTERM/);
  });

  it("clears a dead spare's socket and checks as usual", async () => {
    const { check, sockets, processes } = await setUp();
    await check('basics/add');
    await until(() => sockets().length === 1 && processes().length === 1, 'a spare waits');
    const [socket] = sockets();
    for (const pid of processes()) process.kill(-pid, 'SIGKILL'); // dies without removing its socket
    await until(() => processes().length === 0, 'the spare is dead');
    expect(sockets()).toEqual([socket]);

    const result = await check('basics/add');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('connecting to a spare');
    expect(result.stderr).not.toContain('spare taken');
    await until(() => processes().length === 1 && sockets().length === 1, 'a new spare waits');
    expect(sockets()).toEqual([socket]);
  });

  it('leaves when nobody comes in time, taking its socket and scratch folder with it', async () => {
    const { check, sockets, processes, scratches } = await setUp({ THREADLINGS_SPARE_IDLE_MS: '1000' });
    await check('basics/add');
    await until(() => sockets().length === 1 && processes().length === 1, 'a spare waits');
    expect(scratches()).toHaveLength(1);
    await until(() => processes().length === 0, 'the spare leaves', 10_000);
    expect(sockets()).toEqual([]);
    expect(scratches()).toEqual([]);
  });

  it('is never left with THREADLINGS_SPARE=0', async () => {
    const { check, sockets, processes } = await setUp({ THREADLINGS_SPARE: '0' });
    expect((await check('basics/add')).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sockets()).toEqual([]);
    expect(processes()).toEqual([]);
  });
});
