/**
 * Correct: a pool of `limit` workers that take file ids from a shared counter; no semaphore needed.
 *
 * Download `count` files, one worker thread per file, all started at once: but the server
 * takes at most `limit` connections at a time. A semaphore with `limit` permits is the
 * door: each worker takes a permit before it connects and gives it back after.
 *
 * Python: `slots = threading.Semaphore(limit)`, then `with slots: download(id)` in each thread.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

// ---- Given: the server and a helper. No need to change them. ----

/** Cells of `trace`, the server's instrumentation (the check counts the workers you start). */
export const TRACE = { open: 0, mostOpen: 1, served: 2, started: 3, loaded: 4 } as const;

// Every worker that loads this file with a `trace` in its workerData is counted as loaded.
if (workerData?.trace instanceof SharedArrayBuffer) {
  const cells = new Int32Array(workerData.trace);
  Atomics.add(cells, TRACE.loaded, 1);
  Atomics.notify(cells, TRACE.loaded);
}

/**
 * Downloads file `id` over one connection and returns its checksum. The connection stays
 * open until every worker started so far has loaded (at most 8 s), so that downloads that
 * may overlap do overlap, then 100 ms more.
 */
export function download(id: number, trace: SharedArrayBuffer): number {
  const cells = new Int32Array(trace);
  const open = Atomics.add(cells, TRACE.open, 1) + 1;
  for (let most = Atomics.load(cells, TRACE.mostOpen); open > most; most = Atomics.load(cells, TRACE.mostOpen)) {
    Atomics.compareExchange(cells, TRACE.mostOpen, most, open);
  }
  const giveUp = performance.now() + 8000;
  for (let loaded = Atomics.load(cells, TRACE.loaded); loaded < Atomics.load(cells, TRACE.started); loaded = Atomics.load(cells, TRACE.loaded)) {
    const left = giveUp - performance.now();
    if (left <= 0) break;
    Atomics.wait(cells, TRACE.loaded, loaded, left);
  }
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); // a 100 ms transfer (nobody changes that cell)
  Atomics.add(cells, TRACE.served, 1);
  Atomics.sub(cells, TRACE.open, 1);
  return (id * 2654435761) >>> 16;
}

/** The first message of `worker` (its result); rejects if it fails or exits without one. */
export function resultOf<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve).once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a worker exited (code ${code}) without sending its result`)));
  });
}

// ---- Your part ----

interface Job {
  readonly next: SharedArrayBuffer;
  readonly count: number;
  readonly trace: SharedArrayBuffer;
}

if (workerData?.role === 'pool') {
  const { next, count, trace } = workerData as Job;
  const cursor = new Int32Array(next);
  const done: [number, number][] = [];
  for (let id = Atomics.add(cursor, 0, 1); id < count; id = Atomics.add(cursor, 0, 1)) done.push([id, download(id, trace)]);
  parentPort?.postMessage(done);
}

export async function downloadAll(count: number, limit: number, trace: SharedArrayBuffer): Promise<number[]> {
  const next = new SharedArrayBuffer(4);
  const workers = Array.from({ length: Math.min(limit, count) }, () =>
    new Worker(new URL(import.meta.url), { workerData: { role: 'pool', next, count, trace } satisfies Job & { role: string } }),
  );
  const checksums = new Array<number>(count);
  for (const done of await Promise.all(workers.map((worker) => resultOf<[number, number][]>(worker)))) {
    for (const [id, checksum] of done) checksums[id] = checksum;
  }
  return checksums;
}
