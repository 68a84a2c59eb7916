import { describe, expect, test } from 'vitest';
import { threadId } from 'node:worker_threads';
import { lockState, Mutex } from '../../../src/runtime/index.ts';
import { runWorker, runWorkers, sharedInts, until } from './workerHarness.ts';

describe('Mutex across worker threads', () => {
  test('4 workers x 100k increments under lock() lose no update', async () => {
    const mutex = new Mutex();
    const counter = sharedInts(1);
    await runWorkers(4, `
      const m = rt.Mutex.from(data.m); const c = new Int32Array(data.c);
      for (let i = 0; i < 100_000; i++) { m.lock(); c[0] = c[0] + 1; m.unlock(); }
    `, { m: mutex.handle, c: counter.buffer });
    expect(counter[0]).toBe(400_000);
    expect(mutex.owner).toBe(-1);
    expect(mutex.locked).toBe(false);
  });

  test('withLock, tryLock and the acquire() guard also exclude each other', async () => {
    const mutex = new Mutex('shared');
    const counter = sharedInts(1);
    await runWorkers(4, `
      const m = rt.Mutex.from(data.m); const c = new Int32Array(data.c);
      for (let i = 0; i < 30_000; i++) {
        if (i % 3 === 0) m.withLock(() => { c[0] = c[0] + 1; });
        else if (i % 3 === 1) { while (!m.tryLock(5)); c[0] = c[0] + 1; m.unlock(); }
        else { const guard = m.acquire(); try { c[0] = c[0] + 1; } finally { guard[Symbol.dispose](); } }
      }
    `, { m: mutex.handle, c: counter.buffer });
    expect(counter[0]).toBe(120_000);
  });

  test('`using` releases the guard at the end of the block, once', () => {
    const mutex = new Mutex();
    {
      using _held = mutex.acquire();
      expect(mutex.owner).toBe(threadId);
    }
    expect(mutex.owner).toBe(-1);
    expect(mutex.tryLock()).toBe(true);
    mutex.unlock();
  });

  test('names default per kind and travel with the handle', async () => {
    const a = new Mutex();
    const b = new Mutex();
    expect(a.name).toMatch(/^mutex#\d+$/);
    expect(a.name).not.toBe(b.name);
    expect(new Mutex('accounts').name).toBe('accounts');
    expect(await runWorker('return rt.Mutex.from(data).name;', new Mutex('ledger').handle)).toBe('ledger');
    expect(() => Mutex.from({ kind: 'event' } as never)).toThrow(/expected the handle of a mutex/);
  });

  test('the owner threadId lives in shared memory; unlock from another thread throws', async () => {
    const mutex = new Mutex('m');
    mutex.lock();
    expect(mutex.owner).toBe(threadId);
    const seen = await runWorker<{ owner: number; error: string }>(`
      const m = rt.Mutex.from(data);
      let error = '';
      try { m.unlock(); } catch (e) { error = e.message; }
      return { owner: m.owner, error };
    `, mutex.handle);
    expect(seen.owner).toBe(threadId);
    expect(seen.error).toMatch(/unlock\(\) on m from thread \d+, but it is held by thread/);
    mutex.unlock();
    expect(() => mutex.unlock()).toThrow(/it is not locked/);
  });

  test('locking twice from the holding thread throws instead of deadlocking', () => {
    const mutex = new Mutex();
    mutex.lock();
    expect(() => mutex.lock()).toThrow(/not reentrant/);
    expect(mutex.tryLock(10)).toBe(false);
    mutex.unlock();
  });

  test('tryLock times out while another thread holds it, and succeeds once it lets go', async () => {
    const mutex = new Mutex();
    const gate = sharedInts(1);
    const holder = runWorker(`
      const m = rt.Mutex.from(data.m); const g = new Int32Array(data.g);
      m.lock(); Atomics.store(g, 0, 1); Atomics.notify(g, 0);
      Atomics.wait(g, 0, 1); m.unlock();
    `, { m: mutex.handle, g: gate.buffer });
    await until(() => Atomics.load(gate, 0) === 1, 'the worker holds the mutex');
    expect(mutex.tryLock()).toBe(false);
    const started = performance.now();
    expect(mutex.tryLock(40)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    const waiter = runWorker('const m = rt.Mutex.from(data); const ok = m.tryLock(5000); m.unlock(); return ok;', mutex.handle);
    await until(() => mutex.waiters === 1, 'a second worker waits for the mutex');
    expect(lockState(mutex.handle)).toMatchObject({ kind: 'mutex', owner: expect.any(Number), waiters: 1, value: 1 });
    Atomics.store(gate, 0, 2);
    Atomics.notify(gate, 0);
    await holder;
    expect(await waiter).toBe(true);
    expect(lockState(mutex.handle).description).toMatch(/free, 0 waiting/);
  });

  test('lockAsync waits without blocking the event loop', async () => {
    const mutex = new Mutex();
    const gate = sharedInts(1);
    const holder = runWorker(`
      const m = rt.Mutex.from(data.m); const g = new Int32Array(data.g);
      m.lock(); Atomics.store(g, 0, 1); Atomics.wait(g, 0, 1); m.unlock();
    `, { m: mutex.handle, g: gate.buffer });
    await until(() => Atomics.load(gate, 0) === 1, 'the worker holds the mutex');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let acquired = false;
    const locking = mutex.lockAsync().then(() => (acquired = true));
    await until(() => ticks >= 5, 'timers keep firing');
    expect(acquired).toBe(false);
    Atomics.store(gate, 0, 2);
    Atomics.notify(gate, 0);
    await locking;
    clearInterval(timer);
    expect(mutex.owner).toBe(threadId);
    mutex.unlock();
    await holder;
    expect(await mutex.withLockAsync(async () => mutex.owner)).toBe(threadId);
  });
});
