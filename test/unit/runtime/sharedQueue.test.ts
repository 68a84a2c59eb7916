import { describe, expect, test } from 'vitest';
import { lockState, SharedQueue } from '../../../src/runtime/index.ts';
import { runWorker, runWorkers, until } from './workerHarness.ts';

describe('SharedQueue', () => {
  test('keeps FIFO order through a 4-slot ring between two workers', async () => {
    const queue = new SharedQueue(4);
    const [, got] = await runWorkers<number[] | undefined>(2, `
      const q = rt.SharedQueue.from(data);
      if (index === 0) { for (let i = 0; i < 5000; i++) q.put(i + 0.5); return; }
      const got = []; for (let i = 0; i < 5000; i++) got.push(q.get());
      return got;
    `, queue.handle);
    expect(got).toEqual(Array.from({ length: 5000 }, (_, i) => i + 0.5));
    expect(queue.size).toBe(0);
  });

  test('3 producers and 3 consumers move every item exactly once', async () => {
    const queue = new SharedQueue(8);
    const results = await runWorkers<number[]>(6, `
      const q = rt.SharedQueue.from(data);
      if (index < 3) { for (let i = 0; i < 2000; i++) q.put(index * 10_000 + i); return []; }
      const got = []; for (let i = 0; i < 2000; i++) got.push(q.get());
      return got;
    `, queue.handle);
    const all = results.flat().sort((a, b) => a - b);
    const expected = [0, 1, 2].flatMap((p) => Array.from({ length: 2000 }, (_, i) => p * 10_000 + i));
    expect(all).toEqual(expected);
  });

  test('put blocks while full and get while empty, until the timeout', () => {
    const queue = new SharedQueue(2, 'jobs');
    expect(queue.get(20)).toBeUndefined();
    expect(queue.put(1)).toBe(true);
    expect(queue.put(2, 0)).toBe(true);
    const started = performance.now();
    expect(queue.put(3, 30)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(queue.size).toBe(2);
    expect(lockState(queue.handle)).toMatchObject({ kind: 'queue', name: 'jobs', owner: -1, value: 2 });
    expect([queue.get(), queue.get(0)]).toEqual([1, 2]);
  });

  test('a blocked put wakes when a worker takes an item', async () => {
    const queue = new SharedQueue(1);
    queue.put(1);
    const taker = runWorker('const q = rt.SharedQueue.from(data); return q.get();', queue.handle);
    expect(queue.put(2, 5000)).toBe(true);
    expect(await taker).toBe(1);
    expect(queue.get(0)).toBe(2);
  });

  test('lockState counts a worker blocked in get() as a waiter', async () => {
    const queue = new SharedQueue(2, 'inbox');
    const taker = runWorker('return rt.SharedQueue.from(data).get(5000);', queue.handle);
    await until(() => lockState(queue.handle).waiters === 1, 'the worker waits in get()');
    expect(lockState(queue.handle).description).toBe('inbox: free (0/2 items), 1 waiting');
    queue.put(9);
    expect(await taker).toBe(9);
  });

  test('join waits until every item had taskDone()', async () => {
    const queue = new SharedQueue(4);
    for (let i = 0; i < 3; i++) queue.put(i);
    expect(queue.join(10)).toBe(false);
    const worker = runWorker('const q = rt.SharedQueue.from(data); for (let i = 0; i < 3; i++) { q.get(); q.taskDone(); }', queue.handle);
    expect(queue.join(5000)).toBe(true);
    await worker;
    expect(queue.unfinished).toBe(0);
    expect(() => queue.taskDone()).toThrow(/more times than items were put/);
    await until(() => queue.size === 0, 'the queue is empty');
  });
});
