import { Worker, parentPort, workerData } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/**
 * Single-thread cases script puts and gets and compare each job get() returns with a model
 * of the queue. The thread cases use 3 worker threads of the check's own (this file, started
 * with a role), which load the learner's file through its `moduleUrl`: two producers put
 * jobs taking turns (a baton in shared memory fixes the global order of the puts, so the
 * order get() must follow is exact), then a consumer thread drains the queue; and consumers
 * that wait on an empty queue while producers put.
 */
const ROLE = 'threadlings:queues/priority-queue';
/** A correct queue needs milliseconds here; this long without an answer means stuck. */
const STUCK_MS = 3000;

type Order = Exercise.Order;
type Put = readonly [job: number, priority: number];
type Command =
  | { readonly op: 'produce'; readonly queue: unknown; readonly turns: readonly (readonly Put[])[]; readonly baton?: SharedArrayBuffer; readonly me: number }
  | { readonly op: 'consume'; readonly queue: unknown; readonly claim: SharedArrayBuffer; readonly total: number };
type Reply = { readonly ok: true; readonly jobs: number[] } | { readonly ok: false; readonly error: string };

/** Producers with a baton take turns: producer `me` puts its turn t when the baton reads 2t + me. */
function produce(queue: InstanceType<typeof Exercise.WorkQueue>, command: Extract<Command, { op: 'produce' }>): number[] {
  const baton = command.baton && new Int32Array(command.baton);
  command.turns.forEach((puts, turn) => {
    if (baton) for (let now = Atomics.load(baton, 0); now !== 2 * turn + command.me; now = Atomics.load(baton, 0)) Atomics.wait(baton, 0, now, STUCK_MS);
    for (const [job, priority] of puts) queue.put(job, priority);
    if (baton) {
      Atomics.add(baton, 0, 1);
      Atomics.notify(baton, 0);
    }
  });
  return [];
}

/** Consumers claim a job before they get() it, so that together they take exactly `total`. */
function consume(queue: InstanceType<typeof Exercise.WorkQueue>, command: Extract<Command, { op: 'consume' }>): number[] {
  const claim = new Int32Array(command.claim);
  const jobs: number[] = [];
  while (Atomics.add(claim, 0, 1) < command.total) jobs.push(queue.get());
  return jobs;
}

async function actor(data: { readonly moduleUrl: string }): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const ex = (await import(data.moduleUrl)) as typeof Exercise;
  port.on('message', (command: Command) => {
    let reply: Reply;
    try {
      const queue = ex.WorkQueue.from(command.queue as Exercise.WorkQueueHandle);
      reply = { ok: true, jobs: command.op === 'produce' ? produce(queue, command) : consume(queue, command) };
    } catch (error) {
      reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage('loaded');
}

if ((workerData as { role?: string } | undefined)?.role === ROLE) await actor(workerData as { moduleUrl: string });

const sleep = (ms: number): Promise<'stuck'> => new Promise((resolve) => setTimeout(() => resolve('stuck'), ms));

/** The check's threads: A and B produce, C consumes (B consumes too in the last case). */
class Crew {
  readonly #workers: Worker[];

  constructor(moduleUrl: string) {
    this.#workers = Array.from({ length: 3 }, () => new Worker(new URL(import.meta.url), { workerData: { role: ROLE, moduleUrl } }));
  }

  #next<T>(n: number): Promise<T> {
    const worker = this.#workers[n] as Worker;
    return new Promise<T>((resolve, reject) => {
      const cleanup = (): void => void worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      const onMessage = (message: T): void => (cleanup(), resolve(message));
      const onError = (error: Error): void => (cleanup(), reject(error));
      const onExit = (code: number): void => (cleanup(), reject(new Error(`a thread of the check exited (code ${code})`)));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  }

  loaded(): Promise<unknown[]> {
    return Promise.all(this.#workers.map((_, n) => this.#next(n)));
  }

  send(n: number, command: Command): Promise<Reply> {
    const reply = this.#next<Reply>(n);
    (this.#workers[n] as Worker).postMessage(command);
    return reply;
  }

  terminate(): Promise<unknown> {
    return Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

let crew: Crew | undefined;

async function crewFor(ex: typeof Exercise): Promise<Crew> {
  if (!crew) {
    crew = new Crew(ex.moduleUrl);
    await crew.loaded();
  }
  return crew;
}

/** Ends the check's threads (a failed case may leave one blocked); the next case starts new ones. */
async function dismiss(): Promise<void> {
  const ending = crew;
  crew = undefined;
  await ending?.terminate();
}

/** Awaits every reply; fails the case at the first one that threw, or if they did not all come within STUCK_MS. */
async function allReplies(t: Assertions, replies: readonly Promise<Reply>[], what: string): Promise<number[][]> {
  const firstError = new Promise<Extract<Reply, { ok: false }>>((resolve) => {
    for (const reply of replies) void reply.then((r) => !r.ok && resolve(r), () => undefined);
  });
  const all = await Promise.race([Promise.all(replies), firstError, sleep(STUCK_MS)]);
  if (all === 'stuck' || !Array.isArray(all)) await dismiss();
  if (all === 'stuck') return t.fail(`${what} had not finished after ${STUCK_MS / 1000} s: a get() went on waiting although jobs had been put.`);
  if (!Array.isArray(all)) return t.fail(`${what}: a thread's put() or get() threw "${all.error}".`);
  return all.map((reply) => (reply.ok ? reply.jobs : []));
}

/** A job in the model of the queue: its global arrival number and, in thread cases, who put it. */
interface Entry {
  readonly job: number;
  readonly priority: number;
  readonly arrival: number;
  readonly producer?: string;
}

/** The entry a correct get() returns now. */
function nextOf(order: Order, waiting: readonly Entry[]): Entry {
  return waiting.reduce((best, e) =>
    order === 'lifo' ? (e.arrival > best.arrival ? e : best) : e.priority < best.priority || (e.priority === best.priority && e.arrival < best.arrival) ? e : best,
  );
}

const SHARED_COUNTER =
  'The arrival numbers must come from one counter that every thread shares (in `state`, updated holding the mutex): a counter in a field of the object counts only the puts of its own thread.';

/** One sentence for a get() that returned `got` when `expected` was due, with `waiting` in the queue. */
function wrongJob(order: Order, waiting: readonly Entry[], got: number, expected: Entry): string {
  const entry = waiting.find((e) => e.job === got);
  const by = (e: Entry): string => (e.producer ? ` (put by thread ${e.producer})` : '');
  if (!entry) return `get() returned ${got}, which is not a job waiting in the queue (job ${expected.job} was due): get() must return the job of the entry it removes.`;
  if (order === 'lifo') {
    return (
      `get() returned job ${got}${by(entry)} while job ${expected.job}${by(expected)}, put after it, was waiting: a LIFO queue hands out the newest job first. ` +
      (entry.producer && entry.producer !== expected.producer ? SHARED_COUNTER : 'Take the entry with the largest arrival number.')
    );
  }
  if (entry.priority !== expected.priority) {
    return `get() returned job ${got} (priority ${entry.priority}) while job ${expected.job} (priority ${expected.priority}) was waiting: a priority queue hands out the smallest priority number first.`;
  }
  return (
    `get() returned job ${got}${by(entry)} while job ${expected.job}${by(expected)}, of the same priority ${entry.priority}, had been put before it: ` +
    'equal priorities come out first in, first out. ' +
    (entry.producer && entry.producer !== expected.producer
      ? SHARED_COUNTER
      : 'The slots do not keep arrival order (taking a job moves the last entry into its slot), so compare the arrival numbers that put() gives each job.')
  );
}

/** Checks each job of `got` against the model, as one get() after another; `waiting` is the model (it is consumed). */
function expectGets(t: Assertions, order: Order, waiting: Entry[], got: readonly number[]): void {
  for (const job of got) {
    const expected = nextOf(order, waiting);
    t.ok(job === expected.job, wrongJob(order, waiting, job, expected));
    waiting.splice(waiting.indexOf(expected), 1);
  }
}

/** Runs a script on the calling thread: numbers are puts of [job, priority], 'get' takes one job. */
function runScript(t: Assertions, ex: typeof Exercise, order: Order, script: readonly (Put | 'get')[]): void {
  const queue = new ex.WorkQueue(order);
  const waiting: Entry[] = [];
  let arrivals = 0;
  for (const step of script) {
    if (step === 'get') expectGets(t, order, waiting, [queue.get()]);
    else {
      queue.put(...step);
      waiting.push({ job: step[0], priority: step[1], arrival: arrivals++ });
    }
  }
  t.equal(queue.size, waiting.length, 'size after the script');
}

/** Two producer threads take turns (A puts 3 jobs a turn, B 1), then thread C drains the queue. */
async function takeTurns(t: Assertions, ex: typeof Exercise, order: Order): Promise<void> {
  const team = await crewFor(ex);
  const queue = new ex.WorkQueue(order);
  const turns: [Put[][], Put[][]] = [[], []];
  const waiting: Entry[] = [];
  for (let turn = 0; turn < 4; turn++) {
    for (const [me, count] of [[0, 3], [1, 1]] as const) {
      const puts = Array.from({ length: count }, (): Put => {
        const arrival = waiting.length;
        const put: Put = [100 + arrival, (arrival * 7) % 3];
        waiting.push({ job: put[0], priority: put[1], arrival, producer: 'AB'[me] as string });
        return put;
      });
      turns[me].push(puts);
    }
  }
  const baton = new SharedArrayBuffer(4);
  await allReplies(t, [0, 1].map((me) => team.send(me, { op: 'produce', queue: queue.handle, turns: turns[me] as Put[][], baton, me })), 'the two producers');
  const [drained] = await allReplies(t, [team.send(2, { op: 'consume', queue: queue.handle, claim: new SharedArrayBuffer(4), total: waiting.length })], 'the consumer');
  expectGets(t, order, waiting, drained ?? []);
}

export default defineCheck<typeof Exercise>({
  exports: ['WorkQueue', 'moduleUrl'],
  cases: [
    {
      name: "priority: the smallest priority first, equal priorities first in, first out (one thread)",
      run(ex, t) {
        runScript(t, ex, 'priority', [[20, 2], [21, 0], [22, 1], [23, 1], [24, 1], [25, 2], 'get', 'get', 'get', [26, -1], [27, 1], 'get', 'get', 'get', 'get', 'get']);
      },
    },
    {
      name: 'lifo: the newest job first (one thread)',
      run(ex, t) {
        runScript(t, ex, 'lifo', [[30, 0], [31, 5], [32, 1], 'get', [33, 9], 'get', 'get', [34, 0], [35, 0], 'get', 'get', 'get']);
      },
    },
    {
      name: 'priority: two producer threads take turns, a consumer thread drains in order',
      async run(ex, t) {
        await takeTurns(t, ex, 'priority');
      },
    },
    {
      name: 'lifo: two producer threads take turns, a consumer thread drains in order',
      async run(ex, t) {
        await takeTurns(t, ex, 'lifo');
      },
    },
    {
      name: 'two consumer threads wait on an empty queue while two threads put: every job comes out once',
      async run(ex, t) {
        try {
          const team = await crewFor(ex);
          const queue = new ex.WorkQueue('priority');
          const claim = new SharedArrayBuffer(4);
          const total = 80;
          const consumers = [1, 2].map((n) => team.send(n, { op: 'consume', queue: queue.handle, claim, total }));
          await sleep(5); // the consumers find the queue empty and wait in get()
          const fromA = Array.from({ length: total / 2 }, (_, i): Put => [1000 + i, i % 4]);
          const producer = team.send(0, { op: 'produce', queue: queue.handle, turns: [fromA], me: 0 });
          for (let i = 0; i < total / 2; i++) queue.put(2000 + i, i % 5); // the grading thread is the second producer
          const [, ...got] = await allReplies(t, [producer, ...consumers], `${total} jobs through 2 consumer threads`);
          const received = got.flat().sort((a, b) => a - b);
          const sent = [...fromA.map(([job]) => job), ...Array.from({ length: total / 2 }, (_, i) => 2000 + i)];
          t.equal(received, sent, 'every job the consumers received, sorted (each exactly once)');
        } finally {
          await dismiss();
        }
      },
    },
  ],
});
