import { Worker, parentPort, workerData } from 'node:worker_threads';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/**
 * The check runs WORKERS threads of its own (this file, started with a role) through STEPS
 * steps, each followed by wait() on the learner's barrier; they load the learner's file
 * through its `moduleUrl`. Everything they do is recorded in shared memory:
 * - When a worker starts step s + 1, it checks that all workers have arrived at the barrier
 *   after step s; if not, it records a violation (who ran ahead, who was still behind).
 * - In each step one worker is late: the check holds it in its step until every other
 *   worker has arrived at the barrier, then HOLD_MS more, unless one of them starts the next
 *   step before. A barrier that lets a thread through early is caught in the act; a correct
 *   one never lets anybody start the next step, so this only costs HOLD_MS per step.
 * - The index wait() returns to each worker in each round, and where every worker is.
 */
const ROLE = 'threadlings:signalling/phase-barrier';
const WORKERS = 3;
const STEPS = 5;
const HOLD_MS = 30;
/** A correct barrier needs microseconds per round; this long without any progress means stuck. */
const STUCK_MS = 2000;

// Cells of `record` (Int32).
const GO = 0;
const PROGRESS = 1;
/** 0, or the step (1-based; STEPS + 1 for "finished") that a worker started too early. */
const EARLY_STEP = 2;
const EARLY_WORKER = 3;
const BEHIND_WORKER = 4;
/** Per step s (1-based): how many workers have started it (STEPS + 1: finished). */
const STARTED = 8;
/** Per round r (1-based): how many workers have arrived at the barrier after step r. */
const ARRIVED = STARTED + STEPS + 2;
/** Per worker: where it is, 2s - 1 while in step s, 2s while waiting after step s, DONE when finished. */
const WHERE = ARRIVED + STEPS + 2;
const DONE = 2 * STEPS + 1;
/** Per round and worker: the index wait() returned, plus 1 (0: not returned yet). */
const INDEX = WHERE + WORKERS;
const CELLS = INDEX + STEPS * WORKERS;

interface Job {
  readonly role: string;
  readonly moduleUrl: string;
  readonly barrier: unknown;
  readonly record: SharedArrayBuffer;
  readonly worker: number;
}

const nap = new Int32Array(new SharedArrayBuffer(4));
const sleepHere = (ms: number): unknown => Atomics.wait(nap, 0, 0, ms);

/** Holds the late worker in step `step` until the others have arrived after it, then HOLD_MS more or until one runs ahead. */
function holdBack(record: Int32Array, step: number): void {
  const giveUp = performance.now() + STUCK_MS;
  while (Atomics.load(record, ARRIVED + step) < WORKERS - 1 && performance.now() < giveUp) sleepHere(1);
  const until = performance.now() + HOLD_MS;
  while (Atomics.load(record, STARTED + step + 1) === 0 && performance.now() < until) sleepHere(1);
}

/** Starting step `step` (or finishing, at STEPS + 1): everybody must have arrived after the step before. */
function begin(record: Int32Array, worker: number, step: number): void {
  if (step > 1 && Atomics.load(record, ARRIVED + step - 1) < WORKERS && Atomics.compareExchange(record, EARLY_STEP, 0, step) === 0) {
    Atomics.store(record, EARLY_WORKER, worker);
    // Name the worker the check held back, if it is still behind; else any worker that is.
    const notArrived = (other: number): boolean => Atomics.load(record, WHERE + other) < 2 * (step - 1);
    let behind = notArrived((step - 1) % WORKERS) ? (step - 1) % WORKERS : -1;
    for (let other = 0; other < WORKERS && behind < 0; other++) if (notArrived(other)) behind = other;
    Atomics.store(record, BEHIND_WORKER, behind);
  }
  Atomics.add(record, STARTED + step, 1);
  Atomics.store(record, WHERE + worker, step > STEPS ? DONE : 2 * step - 1);
  Atomics.add(record, PROGRESS, 1);
}

async function work(job: Job): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const ex = (await import(job.moduleUrl)) as typeof Exercise;
  const barrier = ex.PhaseBarrier.from(job.barrier as Exercise.PhaseBarrierHandle);
  const record = new Int32Array(job.record);
  port.postMessage('loaded');
  Atomics.wait(record, GO, 0);
  for (let step = 1; step <= STEPS; step++) {
    begin(record, job.worker, step);
    if (job.worker === step % WORKERS) holdBack(record, step);
    Atomics.add(record, ARRIVED + step, 1);
    Atomics.store(record, WHERE + job.worker, 2 * step);
    Atomics.add(record, PROGRESS, 1);
    const index = barrier.wait();
    Atomics.store(record, INDEX + (step - 1) * WORKERS + job.worker, Number.isInteger(index) && index >= 0 && index < 1000 ? index + 1 : 1000);
    Atomics.add(record, PROGRESS, 1);
  }
  begin(record, job.worker, STEPS + 1);
  port.postMessage('done');
}

if ((workerData as Job | undefined)?.role === ROLE) await work(workerData as Job);

const sleep = (ms: number): Promise<'stuck'> => new Promise((resolve) => setTimeout(() => resolve('stuck'), ms));

/** Each worker's next message, or its error (a throw in wait()) or early exit as a rejection. */
function nextMessage(worker: Worker, n: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => void worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    const onMessage = (message: unknown): void => (cleanup(), resolve(message));
    const onError = (error: Error): void => (cleanup(), reject(error));
    const onExit = (code: number): void => (cleanup(), reject(new Error(`worker ${n} exited (code ${code}) before it finished its steps`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/** Runs the workers; resolves 'stuck' if nothing moved for STUCK_MS, 'ran-ahead' as soon as a worker started a step early. */
async function runSteps(ex: typeof Exercise, record: Int32Array): Promise<'finished' | 'stuck' | 'ran-ahead'> {
  const barrier = new ex.PhaseBarrier(WORKERS);
  const workers = Array.from(
    { length: WORKERS },
    (_, worker) =>
      new Worker(new URL(import.meta.url), {
        workerData: { role: ROLE, moduleUrl: ex.moduleUrl, barrier: barrier.handle, record: record.buffer as SharedArrayBuffer, worker } satisfies Job,
      }),
  );
  try {
    await Promise.all(workers.map((w, n) => nextMessage(w, n)));
    const finished = Promise.all(workers.map((w, n) => nextMessage(w, n)));
    Atomics.store(record, GO, 1);
    Atomics.notify(record, GO);
    let [last, lastChange] = [-1, Date.now()];
    for (;;) {
      if ((await Promise.race([finished, sleep(50)])) !== 'stuck') return 'finished';
      if (Atomics.load(record, EARLY_STEP) !== 0) return 'ran-ahead';
      const progress = Atomics.load(record, PROGRESS);
      if (progress !== last) [last, lastChange] = [progress, Date.now()];
      else if (Date.now() - lastChange > STUCK_MS) return 'stuck';
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const list = (items: readonly number[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const ROUND =
  'The last thread to arrive must end the round: reset the count for the next round, bump a round (generation) number, and ' +
  'notifyAll(). The others sleep in a loop until the generation they arrived in has changed: not until the count reaches ' +
  'parties (it is reset at once, and may already count the next round), and not just once (a wake-up is only a hint).';

function checkRanAhead(t: Assertions, record: Int32Array): void {
  const step = Atomics.load(record, EARLY_STEP);
  if (step === 0) return;
  const [early, behind] = [Atomics.load(record, EARLY_WORKER), Atomics.load(record, BEHIND_WORKER)];
  const ahead = step > STEPS ? `finished all ${STEPS} steps` : `started step ${step}`;
  const held = behind === (step - 1) % WORKERS ? ' (the check held it there)' : '';
  const lag = behind >= 0 ? `while worker ${behind} was still in step ${step - 1}${held}` : `before all ${WORKERS} workers had arrived after step ${step - 1}`;
  t.fail(
    `worker ${early} ${ahead} ${lag}: wait() let it go before all ${WORKERS} parties had arrived. ` +
      (step === 2
        ? 'wait() must block until `parties` threads have called it in this round, sleeping on the Condition (no spinning).'
        : `The barrier held the first ${step - 2 === 1 ? 'round' : `${step - 2} rounds`}, so it is not reusable. ${ROUND}`),
  );
}

function describeStuck(record: Int32Array): string {
  const where = Array.from({ length: WORKERS }, (_, w) => Atomics.load(record, WHERE + w));
  const waiting = where.filter((at) => at > 0 && at % 2 === 0 && at < DONE);
  const first = Math.min(...waiting) / 2;
  const stillIn = where.flatMap((at, w) => (at === 2 * first ? [w] : []));
  const arrived = Atomics.load(record, ARRIVED + first);
  const others = where.flatMap((at, w) => (at !== 2 * first ? [`worker ${w} ${at === DONE ? 'finished' : at % 2 === 0 ? `waits after step ${at / 2}` : `is in step ${(at + 1) / 2}`}`] : []));
  return (
    `nothing moved for ${STUCK_MS / 1000} s: worker${stillIn.length > 1 ? 's' : ''} ${list(stillIn)} still wait${stillIn.length > 1 ? '' : 's'} in wait() after step ` +
    `${first}, which ${arrived} of ${WORKERS} workers reached` +
    (others.length > 0 ? `, while ${others.join(' and ')}` : '') +
    (arrived >= WORKERS
      ? `. Everybody arrived, yet the waiters never noticed that their round was over. ${ROUND}`
      : '. A worker is missing from that round, so it can never complete: is the count shared by every thread (in `state`)?')
  );
}

function checkIndices(t: Assertions, record: Int32Array): void {
  for (let round = 1; round <= STEPS; round++) {
    const got = Array.from({ length: WORKERS }, (_, w) => Atomics.load(record, INDEX + (round - 1) * WORKERS + w) - 1);
    const sorted = [...got].sort((a, b) => a - b);
    t.ok(
      sorted.every((index, i) => index === i),
      `in round ${round}, wait() returned ${list(got.map((i) => (i >= 999 ? -1 : i)))} to workers 0 to ${WORKERS - 1}: each thread must get a ` +
        `different number from 0 to ${WORKERS - 1}, its arrival position in the round (0 for the first, ${WORKERS - 1} for the last; Python's ` +
        "Barrier.wait() returns it). Return the count as it was when this thread arrived, and start from 0 again in every round.",
    );
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['PhaseBarrier', 'moduleUrl'],
  cases: [
    {
      name: `${WORKERS} workers x ${STEPS} steps: nobody starts a step before all have finished the one before`,
      async run(ex, t) {
        const record = new Int32Array(new SharedArrayBuffer(CELLS * 4));
        const outcome = await runSteps(ex, record);
        checkRanAhead(t, record);
        if (outcome === 'stuck') t.fail(describeStuck(record));
        checkIndices(t, record);
      },
    },
  ],
});
