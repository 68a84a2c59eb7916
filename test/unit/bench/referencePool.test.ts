import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../src/bench/jobs.ts';
import { spin } from '../../../src/bench/kernels.ts';
import { ReferencePool } from '../../../src/bench/referencePool.ts';
import { dataUrl, taskModuleUrl } from '../../../src/bench/taskModule.ts';
import { splitShares, WorkerTeam } from '../../../src/bench/workerTeam.ts';

const pools: { destroy(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.destroy()));
});

describe('ReferencePool', () => {
  it('runs many tiny tasks on reused workers, each result to its own caller', async () => {
    const pool = await ReferencePool.start<Job, number>({ taskModule: taskModuleUrl(), size: 2 });
    pools.push(pool);
    const jobs: Job[] = Array.from({ length: 2000 }, (_, i) => ({ kind: 'spin', iterations: 50, seed: i + 1 }));
    const results = await Promise.all(jobs.map((job) => pool.run(job)));
    expect(results).toEqual(jobs.map((job) => (job.kind === 'spin' ? spin(job.iterations, job.seed) : -1)));
    expect(pool.queued).toBe(0);
  });

  it('puts every waiting task in flight at once, overlapping them inside the workers', async () => {
    // Each task notes when it started, then waits 300 ms: all must start before any ends.
    const taskModule = dataUrl('export default async () => { const t = Date.now(); await new Promise((r) => setTimeout(r, 300)); return t; }');
    const pool = await ReferencePool.start<number, number>({ taskModule, size: 2 });
    pools.push(pool);
    const starts = await Promise.all(Array.from({ length: 16 }, (_, i) => pool.run(i)));
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(300);
  });

  it('rejects the task that throws, and only that one', async () => {
    const taskModule = dataUrl('export default (x) => { if (x < 0) throw new Error(`negative: ${x}`); return x * 2; }');
    const pool = await ReferencePool.start<number, number>({ taskModule, size: 2, maxBatch: 4 });
    pools.push(pool);
    const settled = await Promise.allSettled([1, -2, 3].map((x) => pool.run(x)));
    expect(settled).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('negative: -2') },
      { status: 'fulfilled', value: 6 },
    ]);
  });

  it('refuses work once destroyed', async () => {
    const pool = await ReferencePool.start<number, number>({ taskModule: dataUrl('export default (x) => x;'), size: 1 });
    await pool.destroy();
    await expect(pool.run(1)).rejects.toThrow('destroyed');
  });

  it('fails to start with a clear error when the task module is broken', async () => {
    await expect(ReferencePool.start({ taskModule: dataUrl('export default ('), size: 1 })).rejects.toThrow();
  });
});

describe('WorkerTeam', () => {
  it('gives each worker its share', async () => {
    const team = await WorkerTeam.start(2, taskModuleUrl());
    try {
      const shares = splitShares<Job>([1, 2, 3].map((seed) => ({ kind: 'spin', iterations: 10, seed })), 2);
      expect(await team.run(shares)).toEqual([[spin(10, 1), spin(10, 3)], [spin(10, 2)]]);
    } finally {
      await team.close();
    }
  });

  it('splits round-robin', () => {
    expect(splitShares([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
    expect(splitShares([1], 3)).toEqual([[1], [], []]);
  });
});
