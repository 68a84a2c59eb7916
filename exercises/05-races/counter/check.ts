import { Worker, parentPort, workerData } from 'node:worker_threads';
import { defineCheck, repeatRuns } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/**
 * The check runs `increment` in 4 worker threads of its own (this file, started with a
 * role), which load the learner's file through its `moduleUrl`. Each round lines the
 * workers up at a start gate, opens it, lets them call `increment` for WINDOW_MS, then
 * compares the counter with the number of calls. A lost update needs two threads in the
 * same read-modify-write at once. RUNS rounds always run, so that a failure says how many
 * updates were lost in how many runs; with that many, even on a busy machine a racy
 * increment fails every time, while a correct one costs about RUNS x WINDOW_MS of work.
 */
const ROLE = 'threadlings:races/counter';
const WORKERS = 4;
const WINDOW_MS = 40;
const RUNS = 20;
// Control cells, each on its own 64-byte cache line.
const GO = 0;
const STOP = 16;

interface HammerData {
  readonly role: string;
  readonly moduleUrl: string;
  readonly counter: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

/** A worker of the check: waits at the gate each round, then calls increment until told to stop. */
async function hammer(data: HammerData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const ex = (await import(data.moduleUrl)) as typeof Exercise;
  const counter = new Int32Array(data.counter);
  const control = new Int32Array(data.control);
  port.on('message', (round: number) => {
    port.postMessage('ready');
    Atomics.wait(control, GO, round - 1);
    let calls = 0;
    while (Atomics.load(control, STOP) !== round) {
      ex.increment(counter);
      calls++;
    }
    port.postMessage(calls);
  });
  port.postMessage('loaded');
}

if ((workerData as HammerData | undefined)?.role === ROLE) await hammer(workerData as HammerData);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n: number): string => n.toLocaleString('en-US');

/** The check's workers, driven round by round from the grading thread. */
class Crew {
  readonly counter = new Int32Array(new SharedArrayBuffer(64));
  private readonly control = new Int32Array(new SharedArrayBuffer(64 * 2));
  private readonly workers: Worker[];

  constructor(moduleUrl: string) {
    const data: HammerData = { role: ROLE, moduleUrl, counter: this.counter.buffer as SharedArrayBuffer, control: this.control.buffer as SharedArrayBuffer };
    this.workers = Array.from({ length: WORKERS }, () => new Worker(new URL(import.meta.url), { workerData: data }));
  }

  /** One message from every worker, or the first error (a crash in increment) or early exit. */
  private fromEach<T>(): Promise<T[]> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<T>((resolve, reject) => {
            const cleanup = (): void => {
              worker.off('message', onMessage).off('error', onError).off('exit', onExit);
            };
            const onMessage = (message: T): void => (cleanup(), resolve(message));
            const onError = (error: Error): void => (cleanup(), reject(error));
            const onExit = (code: number): void => (cleanup(), reject(new Error(`a worker running increment exited (code ${code})`)));
            worker.on('message', onMessage).on('error', onError).on('exit', onExit);
          }),
      ),
    );
  }

  loaded(): Promise<unknown[]> {
    return this.fromEach();
  }

  /** Runs one round; returns how many times each worker called increment. */
  async round(round: number): Promise<number[]> {
    Atomics.store(this.counter, 0, 0);
    const ready = this.fromEach<string>();
    for (const worker of this.workers) worker.postMessage(round);
    await ready;
    const done = this.fromEach<number>();
    Atomics.store(this.control, GO, round);
    Atomics.notify(this.control, GO);
    await sleep(WINDOW_MS);
    Atomics.store(this.control, STOP, round);
    return done;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['increment', 'moduleUrl'],
  cases: [
    {
      name: 'adds 1 to counter[0] on one thread',
      run(ex, t) {
        const counter = new Int32Array(new SharedArrayBuffer(16));
        for (let i = 0; i < 5; i++) ex.increment(counter);
        t.equal([...counter], [5, 0, 0, 0], 'counter after 5 calls of increment(counter)');
      },
    },
    {
      name: `loses no update with ${WORKERS} worker threads calling it at once`,
      async run(ex, t) {
        const crew = new Crew(ex.moduleUrl);
        try {
          await crew.loaded();
          const stats = await repeatRuns(RUNS, async (run) => {
            const calls = (await crew.round(run)).reduce((a, b) => a + b, 0);
            const counted = Atomics.load(crew.counter, 0);
            t.ok(
              counted <= calls,
              `counter[0] ended at ${count(counted)} after ${count(calls)} calls of increment in run ${run}: each call must add exactly 1.`,
            );
            return { updates: calls, lost: calls - counted };
          });
          t.noLostUpdates(
            stats,
            ` (${WORKERS} workers calling increment at the same time): ` +
              'a read-modify-write that is not atomic lets two threads read the same value and both write value + 1; ' +
              'use Atomics.add (separate Atomics.load and Atomics.store calls are not enough).',
          );
        } finally {
          await crew.close();
        }
      },
    },
  ],
});
