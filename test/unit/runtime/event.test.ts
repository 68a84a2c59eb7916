import { describe, expect, test } from 'vitest';
import { Event, lockState } from '../../../src/runtime/index.ts';
import { runWorker, runWorkers, until } from './workerHarness.ts';

describe('Event', () => {
  test('set() releases every waiting worker at once', async () => {
    const event = new Event('go');
    const waiting = runWorkers<boolean>(3, 'return rt.Event.from(data).wait(5000);', event.handle);
    await until(() => event.waiters === 3, 'three workers wait');
    expect(lockState(event.handle).description).toBe('go: clear, 3 waiting');
    event.set();
    expect(await waiting).toEqual([true, true, true]);
    expect(event.isSet()).toBe(true);
    expect(event.wait(0)).toBe(true);
  });

  test('wait times out with false while the flag is clear', () => {
    const event = new Event();
    const started = performance.now();
    expect(event.wait(30)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    event.set();
    event.clear();
    expect(event.isSet()).toBe(false);
    expect(event.wait(0)).toBe(false);
  });

  test('a waiter woken by set() returns true even if clear() follows at once', async () => {
    const event = new Event();
    const waiter = runWorker<boolean>('return rt.Event.from(data).wait(5000);', event.handle);
    await until(() => event.waiters === 1, 'the worker waits');
    event.set();
    event.clear();
    expect(await waiter).toBe(true);
  });

  test('waitAsync keeps the event loop free and resolves on set() from a worker', async () => {
    const event = new Event();
    expect(await event.waitAsync(10)).toBe(false);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const pending = event.waitAsync(5000);
    await until(() => ticks >= 3, 'timers keep firing');
    await runWorker('rt.Event.from(data).set();', event.handle);
    expect(await pending).toBe(true);
    clearInterval(timer);
  });
});
