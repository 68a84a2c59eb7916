import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

type Queue<T> = InstanceType<typeof Exercise.BoundedQueue<T>>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Long enough for any wake-up the queue schedules (promises, timers of a few ms) to have run. */
const SETTLE_MS = 30;
/** How long the many-producers case may take; it needs about 50 ms here (2-core VM, Node 20). */
const DEADLINE_MS = 3000;

/** Waits up to `ms` for `condition`, looking again every few ms; returns whether it held. */
async function eventually(condition: () => boolean, ms = 500): Promise<boolean> {
  const until = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > until) return false;
    await sleep(5);
  }
  return true;
}

/** Tracks whether `promise` has settled, and with what. */
function track<T>(promise: Promise<T>): { readonly settled: boolean; readonly value: T | undefined } {
  const state: { settled: boolean; value: T | undefined } = { settled: false, value: undefined };
  void promise.then((value) => {
    state.settled = true;
    state.value = value;
  });
  return state;
}

async function putAll<T>(t: Assertions, queue: Queue<T>, items: readonly T[]): Promise<void> {
  for (const item of items) {
    const put = track(queue.put(item));
    t.ok(await eventually(() => put.settled), `put(${String(item)}) on a queue with ${queue.size} of ${queue.capacity} items never resolved, although there was room.`);
  }
}

async function getOne<T>(t: Assertions, queue: Queue<T>, what: string): Promise<T | undefined> {
  const got = track(queue.get());
  t.ok(await eventually(() => got.settled), `get() never resolved although the queue held ${what}.`);
  return got.value;
}

/** Many producers, few consumers, a small queue: the producers must be held back. */
async function crowd(t: Assertions, ex: typeof Exercise): Promise<void> {
  const capacity = 3;
  const producers = 3;
  const perProducer = 40;
  const queue = new ex.BoundedQueue<number>(capacity);
  let largest = 0;
  let putsDone = 0;
  let gets = 0;
  let occupancy = 0;
  const received: number[] = [];
  const produce = async (p: number): Promise<void> => {
    for (let i = 0; i < perProducer; i++) {
      await queue.put(p * 1000 + i);
      putsDone += 1;
      largest = Math.max(largest, queue.size);
    }
  };
  const consume = async (): Promise<void> => {
    for (;;) {
      const item = await queue.get();
      gets += 1;
      if (item < 0) return;
      received.push(item);
      // A slow consumer: come back on a later turn of the event loop. All promise
      // callbacks have run by then, so puts resolved minus gets is what the queue holds.
      await new Promise((resolve) => setImmediate(resolve));
      occupancy = Math.max(occupancy, putsDone - gets);
    }
  };
  const work = (async () => {
    const consumers = [consume(), consume()];
    await Promise.all(Array.from({ length: producers }, (_, p) => produce(p)));
    await queue.put(-1);
    await queue.put(-1);
    await Promise.all(consumers);
  })();
  const finished = await Promise.race([work.then(() => true), sleep(DEADLINE_MS).then(() => false)]);
  const worst = Math.max(largest, occupancy);
  t.ok(
    worst <= capacity,
    `with ${producers} fast producers and 2 slow consumers, the queue held ${worst} items at once (capacity ${capacity}): ` +
      'put() must wait while the queue is full, so producers cannot run ahead of consumers.',
  );
  t.ok(
    finished,
    `${producers} producers and 2 consumers had not finished after ${DEADLINE_MS / 1000} s (${received.length} of ${producers * perProducer} items arrived): ` +
      'a waiting put() or get() was never woken. Every get() that makes room must wake a waiting put(), and every put() must wake a waiting get().',
  );
  const sorted = [...received].sort((a, b) => a - b);
  const expected = Array.from({ length: producers * perProducer }, (_, k) => Math.floor(k / perProducer) * 1000 + (k % perProducer));
  t.equal(sorted, expected, `the items the consumers received, sorted (each item exactly once)`);
  for (let p = 0; p < producers; p++) {
    const mine = received.filter((item) => Math.floor(item / 1000) === p);
    t.equal(mine, expected.slice(p * perProducer, (p + 1) * perProducer), `producer ${p}'s items, in the order the consumers got them (first in, first out)`);
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['BoundedQueue'],
  cases: [
    {
      name: 'hands items out first in, first out',
      async run(ex, t: Assertions) {
        const queue = new ex.BoundedQueue<number>(8);
        await putAll(t, queue, [1, 2, 3, 4, 5]);
        t.equal(queue.size, 5, 'size after 5 puts');
        const out: (number | undefined)[] = [];
        for (let i = 0; i < 5; i++) out.push(await getOne(t, queue, `${5 - i} items`));
        t.equal(out, [1, 2, 3, 4, 5], 'five get() calls after put(1) ... put(5)');
        t.equal(queue.size, 0, 'size after taking every item');
      },
    },
    {
      name: 'get() waits while the queue is empty; waiting getters are served in turn',
      async run(ex, t: Assertions) {
        const queue = new ex.BoundedQueue<string>(2);
        const order: string[] = [];
        const first = track(queue.get().then((item) => order.push(`first got ${item}`)));
        const second = track(queue.get().then((item) => order.push(`second got ${item}`)));
        await sleep(SETTLE_MS);
        t.ok(!first.settled && !second.settled, 'get() on an empty queue resolved at once: it must wait until an item is put.');
        await putAll(t, queue, ['a', 'b']);
        t.ok(await eventually(() => first.settled && second.settled), 'two get() calls were waiting and two items were put, but a get() never resolved: every put() must wake a waiting get().');
        t.equal(order, ['first got a', 'second got b'], 'which waiting get() received which item (the one that waited longest goes first)');
        t.equal(queue.size, 0, 'size after the waiting getters took both items');
      },
    },
    {
      name: 'put() waits while the queue is full, until a get() makes room',
      async run(ex, t: Assertions) {
        const queue = new ex.BoundedQueue<string>(2);
        await putAll(t, queue, ['a', 'b']);
        const third = track(queue.put('c'));
        const fourth = track(queue.put('d'));
        await sleep(SETTLE_MS);
        t.ok(
          !third.settled,
          `put('c') on a full queue (2 items, capacity 2) resolved at once, and the queue now holds ${queue.size} items: ` +
            'put() must wait while the queue is full; that wait is what holds a fast producer back.',
        );
        t.ok(!fourth.settled, "a second put() on a full queue resolved at once: put() must wait while the queue is full.");
        t.equal(await getOne(t, queue, 'two items'), 'a', 'get() on the full queue');
        t.ok(
          await eventually(() => third.settled),
          "get() took an item from the full queue, but the waiting put('c') never resolved: taking an item must let the oldest waiting put() go ahead.",
        );
        t.ok(!fourth.settled, "one get() made room for one item, yet both waiting put() calls resolved: the queue now holds more than its capacity.");
        t.equal(queue.size, 2, "size once put('c') went ahead");
        const rest = [await getOne(t, queue, "'b' and 'c'")];
        t.ok(await eventually(() => fourth.settled), "a second get() made room, but the waiting put('d') never resolved.");
        rest.push(await getOne(t, queue, "'c' and 'd'"), await getOne(t, queue, "'d'"));
        t.equal(rest, ['b', 'c', 'd'], 'the next three get() calls (items that waited to be put keep their turn)');
      },
    },
    {
      name: '3 fast producers, 2 slow consumers: never over capacity, nothing lost',
      async run(ex, t: Assertions) {
        await crowd(t, ex);
      },
    },
  ],
});
