import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWorkerCounts } from '../../src/bench/machine.ts';
import { fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';

// Structure only: timings are never asserted (they are measured and reported by hand).
const workspace = tempWorkspace();
const bench = (...args: string[]) => runCli(['--workspace', workspace, 'bench', ...args], { course: fixtureCourse });

interface Row {
  group: string;
  strategy: string;
  label: string;
  runtime: string;
  workers: number;
  warmupRuns: number;
  runs: { ms: number; lostUpdates?: number }[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  speedup: number | null;
  ideal: number;
  efficiency: number | null;
}

function parse(stdout: string) {
  expect(stdout).not.toContain('\u001b[');
  return JSON.parse(stdout) as { schema: number; demo: string; groups: { name: string }[]; results: Row[]; notes: string[]; [key: string]: unknown };
}

function expectWellFormed(json: ReturnType<typeof parse>, demo: string, runs: number) {
  expect(json).toMatchObject({
    schema: 1,
    demo,
    title: expect.any(String),
    startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    durationMs: expect.any(Number),
    machine: { cores: expect.any(Number), cpuModel: expect.any(String), node: process.version, platform: process.platform, arch: process.arch },
    settings: { runs, warmup: 1, workers: expect.any(Array), python: expect.any(Boolean), tasks: expect.any(Number) },
    workload: expect.any(Object),
    notes: expect.any(Array),
  });
  const groups = json.groups.map((g) => g.name);
  expect(json.results.length).toBeGreaterThan(1);
  for (const row of json.results) {
    expect(groups).toContain(row.group);
    expect(row).toMatchObject({ label: expect.any(String), workers: expect.any(Number), warmupRuns: 1, ideal: expect.any(Number) });
    expect(row.runs).toHaveLength(runs);
    for (const run of row.runs) expect(run.ms).toBeGreaterThan(0);
    expect(row.minMs).toBeLessThanOrEqual(row.medianMs);
    expect(row.medianMs).toBeLessThanOrEqual(row.maxMs);
  }
  for (const group of groups) {
    const baseline = json.results.find((r) => r.group === group && /(^|-)sequential$/.test(r.strategy));
    expect(baseline?.speedup).toBe(1);
  }
  // Saved for the lessons, the same as printed.
  const saved = path.join(workspace, '.threadlings', 'bench', `${demo}.json`);
  expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(json);
}

describe('threadlings bench', () => {
  it('lists the demos without one, as text or JSON', async () => {
    const text = await bench();
    expect(text.code).toBe(0);
    for (const demo of ['io', 'cpu', 'mixed', 'race', 'pool', 'threadpool']) expect(text.stdout).toMatch(new RegExp(`^  ${demo} `, 'm'));
    const json = await bench('--json');
    expect(JSON.parse(json.stdout).demos.map((d: { id: string }) => d.id)).toEqual(['io', 'cpu', 'mixed', 'race', 'pool', 'threadpool']);
  });

  it('io --json: every strategy on timers and on the local HTTP server', async () => {
    const result = await bench('io', '--json', '--tasks', '4', '--runs', '1');
    expect(result.code).toBe(0);
    const json = parse(result.stdout);
    expectWellFormed(json, 'io', 1);
    expect(json.groups.map((g) => g.name)).toEqual(['timers', 'http']);
    const workers = defaultWorkerCounts(os.availableParallelism());
    for (const group of ['timers', 'http']) {
      expect(json.results.filter((r) => r.group === group).map((r) => `${r.strategy}:${r.workers}`)).toEqual([
        'sequential:1',
        'promise-all:1',
        ...workers.map((n) => `workers:${n}`),
        `pool:${os.availableParallelism()}`,
      ]);
    }
  });

  it('cpu --json with --workers', async () => {
    const json = parse((await bench('cpu', '--json', '--tasks', '2', '--runs', '2', '--workers', '2,1')).stdout);
    expectWellFormed(json, 'cpu', 2);
    expect(json.results.filter((r) => r.strategy === 'workers').map((r) => r.workers)).toEqual([1, 2]);
  });

  it('race --json: lost updates are counted per run', async () => {
    const json = parse((await bench('race', '--json', '--tasks', '100000', '--runs', '1', '--workers', '2')).stdout);
    expectWellFormed(json, 'race', 1);
    expect(json.results.map((r) => r.strategy)).toEqual(['sequential', 'plain', 'atomics', 'mutex']);
    for (const row of json.results) expect(row.runs[0]?.lostUpdates).toEqual(expect.any(Number));
    for (const row of json.results.filter((r) => r.strategy !== 'plain')) expect(row.runs[0]?.lostUpdates).toBe(0);
  });

  it('pool --json: worker per task, the reference pool and piscina', async () => {
    const json = parse((await bench('pool', '--json', '--tasks', '50', '--runs', '1')).stdout);
    expectWellFormed(json, 'pool', 1);
    expect(json.results.map((r) => r.strategy)).toEqual(['sequential', 'worker-per-task', 'pool', 'piscina']);
  });

  it('threadpool --json: a child process per UV_THREADPOOL_SIZE', async () => {
    const json = parse((await bench('threadpool', '--json', '--tasks', '2', '--runs', '1', '--workers', '1,2')).stdout);
    expectWellFormed(json, 'threadpool', 1);
    expect(json.results.map((r) => `${r.strategy}:${r.workers}`)).toEqual(['sequential:1', 'threadpool:1', 'threadpool:2']);
  });

  it('--python adds Python rows, or a one-line note without python3', async () => {
    const withPython = parse((await bench('cpu', '--json', '--tasks', '2', '--runs', '1', '--workers', '2', '--python')).stdout);
    const pythonRows = withPython.results.filter((r) => r.runtime === 'python');
    if (pythonRows.length > 0) {
      expect(withPython.groups.map((g) => g.name)).toContain('python');
      expect(pythonRows.map((r) => r.strategy)).toContain('python-multiprocessing');
    } else {
      expect(withPython.notes.join('\n')).toMatch(/Python comparison skipped/);
    }
    const noPython = await runCli(['--workspace', workspace, 'bench', 'cpu', '--tasks', '2', '--runs', '1', '--workers', '2', '--python'], {
      course: fixtureCourse,
      env: { PATH: mkdtempSync(path.join(os.tmpdir(), 'threadlings-no-python-')) }, // an empty folder: no python3 on PATH
    });
    expect(noPython.code).toBe(0);
    expect(noPython.stdout).toContain('Python comparison skipped: python3 is not on PATH.');
  });

  it('answers an unknown demo or a bad --workers with a usage error', async () => {
    const typo = await bench('cpo');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown demo "cpo". Did you mean "cpu"?');
    const badWorkers = await bench('cpu', '--workers', '0,2');
    expect(badWorkers.code).toBe(2);
    expect(badWorkers.stderr).toContain('--workers takes whole numbers');
    expect(existsSync(path.join(workspace, '.threadlings', 'bench', 'cpo.json'))).toBe(false);
  });
});
