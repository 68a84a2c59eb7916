import { describe, expect, test } from 'vitest';
import { Barrier, BrokenBarrierError, lockState } from '../../../src/runtime/index.ts';
import { runWorker, runWorkers, sharedInts, until } from './workerHarness.ts';

describe('Barrier', () => {
  test('4 workers x 200 rounds: nobody starts a round before all finished the last', async () => {
    const barrier = new Barrier(4);
    const progress = sharedInts(4);
    const results = await runWorkers<{ indexes: number[]; ahead: number }>(4, `
      const b = rt.Barrier.from(data.b); const p = new Int32Array(data.p);
      const indexes = []; let ahead = 0;
      for (let round = 1; round <= 200; round++) {
        Atomics.store(p, index, round);
        indexes.push(b.wait(5000));
        for (let i = 0; i < 4; i++) if (Atomics.load(p, i) < round) ahead++;
      }
      return { indexes, ahead };
    `, { b: barrier.handle, p: progress.buffer });
    expect(results.map((r) => r.ahead)).toEqual([0, 0, 0, 0]);
    for (let round = 0; round < 200; round++) {
      expect(results.map((r) => r.indexes[round]).sort()).toEqual([0, 1, 2, 3]);
    }
    expect(barrier.generation).toBe(200);
    expect(barrier.broken).toBe(false);
  });

  test('a timeout breaks the barrier for every waiter and every later wait', async () => {
    const barrier = new Barrier(3, 'start');
    const patient = runWorker<string>('try { rt.Barrier.from(data).wait(10_000); return "passed"; } catch (e) { return e.name; }', barrier.handle);
    await until(() => barrier.waiting === 1, 'one worker waits');
    expect(() => barrier.wait(30)).toThrow(BrokenBarrierError);
    expect(await patient).toBe('BrokenBarrierError');
    expect(barrier.broken).toBe(true);
    expect(() => barrier.wait()).toThrow(/start is broken/);
    expect(lockState(barrier.handle).description).toBe('start: broken, 0 of 3 waiting');
    barrier.reset();
    expect(barrier.broken).toBe(false);
    const again = runWorkers<number>(2, 'return rt.Barrier.from(data).wait(5000);', barrier.handle);
    const mine = barrier.wait(5000);
    expect([mine, ...(await again)].sort()).toEqual([0, 1, 2]);
  });

  test('abort() breaks it for the threads already waiting', async () => {
    const barrier = new Barrier(2);
    const waiter = runWorker<string>('try { rt.Barrier.from(data).wait(); return "passed"; } catch (e) { return e.name; }', barrier.handle);
    await until(() => barrier.waiting === 1, 'one worker waits');
    barrier.abort();
    expect(await waiter).toBe('BrokenBarrierError');
    expect(() => new Barrier(0)).toThrow(RangeError);
    expect(new Barrier(1).wait()).toBe(0);
  });
});
