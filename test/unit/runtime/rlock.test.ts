import { describe, expect, test } from 'vitest';
import { threadId } from 'node:worker_threads';
import { lockState, RLock } from '../../../src/runtime/index.ts';
import { runWorker, runWorkers, sharedInts, until } from './workerHarness.ts';

describe('RLock', () => {
  test('the holder may lock again; it is free after as many unlocks', () => {
    const lock = new RLock();
    lock.lock();
    lock.lock();
    expect(lock.tryLock()).toBe(true);
    expect(lock.count).toBe(3);
    expect(lockState(lock.handle)).toMatchObject({ kind: 'rlock', owner: threadId, value: 3 });
    lock.unlock();
    lock.unlock();
    expect(lock.owner).toBe(threadId);
    lock.unlock();
    expect(lock.owner).toBe(-1);
    expect(lock.count).toBe(0);
    expect(() => lock.unlock()).toThrow(/it is not locked/);
  });

  test('4 workers x 50k nested increments lose no update', async () => {
    const lock = new RLock();
    const counter = sharedInts(1);
    await runWorkers(4, `
      const r = rt.RLock.from(data.r); const c = new Int32Array(data.c);
      const bump = () => r.withLock(() => { c[0] = c[0] + 1; });
      for (let i = 0; i < 50_000; i++) r.withLock(bump);
    `, { r: lock.handle, c: counter.buffer });
    expect(counter[0]).toBe(200_000);
    expect(lock.owner).toBe(-1);
  });

  test('another thread can neither unlock it nor enter while it is held', async () => {
    const lock = new RLock('r');
    lock.lock();
    lock.lock();
    const seen = await runWorker<{ error: string; got: boolean }>(`
      const r = rt.RLock.from(data);
      let error = '';
      try { r.unlock(); } catch (e) { error = e.message; }
      return { error, got: r.tryLock(20) };
    `, lock.handle);
    expect(seen.got).toBe(false);
    expect(seen.error).toMatch(/unlock\(\) on r from thread \d+, but it is held by thread/);
    const waiter = runWorker('const r = rt.RLock.from(data); r.lock(); const depth = r.count; r.unlock(); return depth;', lock.handle);
    await until(() => lock.waiters === 1, 'the worker waits');
    lock.unlock();
    expect(lock.waiters).toBe(1);
    lock.unlock();
    expect(await waiter).toBe(1);
  });

  test('lockAsync and the acquire() guard', async () => {
    const lock = new RLock();
    await lock.lockAsync();
    {
      using _again = lock.acquire();
      expect(lock.count).toBe(2);
    }
    expect(lock.count).toBe(1);
    lock.unlock();
    expect(await lock.withLockAsync(async () => lock.count)).toBe(1);
  });
});
