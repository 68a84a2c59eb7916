import { describe, expect, it } from 'vitest';
import { lockMutex, unlockMutex } from '../../../src/bench/atomicsMutex.ts';
import { RACE_SLOTS, runJob, type Job } from '../../../src/bench/jobs.ts';
import { calibrateSpin, spin } from '../../../src/bench/kernels.ts';
import { mainThreadDeps, taskModuleSource } from '../../../src/bench/taskModule.ts';

describe('the CPU kernel', () => {
  it('is xorshift32, bit for bit the same as bench/python/bench_common.py', () => {
    expect(spin(1000, 7)).toBe(3443389508); // python3 -c "from bench_common import spin; print(spin(1000, 7))"
    expect(spin(12345, 99)).toBe(4090996374);
    expect(spin(0, 0)).toBe(1);
  });

  it('calibrates by scaling a timed trial run to the target time', () => {
    let clock = 0;
    const fake = () => (clock += 25); // the first trial (65,536 steps) seems to take 25 ms
    expect(calibrateSpin(50, fake)).toBe(131_072);
    expect(calibrateSpin(5, fake)).toBe(13_107);
  });
});

describe('runJob on the main thread', () => {
  it('runs CPU jobs synchronously and waiting jobs as promises', async () => {
    expect(runJob({ kind: 'spin', iterations: 1000, seed: 7 }, mainThreadDeps)).toBe(3443389508);
    await expect(runJob({ kind: 'sleep', ms: 1 }, mainThreadDeps)).resolves.toBe(1);
    await expect(runJob({ kind: 'mixed', ms: 1, iterations: 1000, seed: 7 }, mainThreadDeps)).resolves.toBe(3443389508);
  });

  it.each(['plain', 'atomics', 'mutex'] as const)('counts every increment of a lone %s racer', (method) => {
    const buffer = new SharedArrayBuffer(16);
    const cells = new Int32Array(buffer);
    cells[RACE_SLOTS.go] = 1;
    const job: Job = { kind: 'race', method, buffer, slots: RACE_SLOTS, increments: 10_000 };
    expect(runJob(job, mainThreadDeps)).toBe(10_000);
    expect(cells[RACE_SLOTS.counter]).toBe(10_000);
    expect(cells[RACE_SLOTS.lock]).toBe(0);
  });
});

describe('the Atomics mutex', () => {
  it('goes 0 -> 1 -> 0 without waiters', () => {
    const cells = new Int32Array(new SharedArrayBuffer(4));
    lockMutex(cells, 0);
    expect(cells[0]).toBe(1);
    unlockMutex(cells, 0);
    expect(cells[0]).toBe(0);
  });
});

describe('the task module sent to workers', () => {
  it('is built from the source of self-contained functions and exports one task function', () => {
    const source = taskModuleSource();
    expect(source).toContain('export default function task(job)');
    expect(source).toContain('const runJob = function runJob(');
  });
});
