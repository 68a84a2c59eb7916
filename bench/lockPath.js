// Micro-benchmark of the runtime's lock paths (run `npm run build` first):
//   node bench/lockPath.js
// uncontended: one thread, Mutex.lock()/unlock() and RLock.lock()/unlock() in a loop.
// contended: 2 workers x N withLock() increments of one shared counter.
// Prints ns per lock/unlock pair; compare before and after a change to the runtime.
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';

// Another build of the runtime to compare with can be given: node bench/lockPath.js /path/to/runtime.js
const runtimeUrl = process.argv[2] ? new URL(process.argv[2], 'file://' + process.cwd() + '/') : new URL('../dist/runtime/index.js', import.meta.url);
const rt = await import(runtimeUrl.href);
const N = 2_000_000;
const CONTENDED = 200_000;

function timeIt(label, n, fn) {
  fn(n / 10); // warm up
  const best = [];
  for (let run = 0; run < 5; run++) {
    const began = process.hrtime.bigint();
    fn(n);
    best.push(Number(process.hrtime.bigint() - began) / n);
  }
  best.sort((a, b) => a - b);
  console.log(`${label}: ${best[0].toFixed(1)} ns per pair (median ${best[2].toFixed(1)})`);
}

if (isMainThread) {
  const mutex = new rt.Mutex('bench');
  timeIt('Mutex uncontended lock+unlock', N, (n) => {
    for (let i = 0; i < n; i++) {
      mutex.lock();
      mutex.unlock();
    }
  });
  const rlock = new rt.RLock('bench');
  timeIt('RLock uncontended lock+unlock', N, (n) => {
    for (let i = 0; i < n; i++) {
      rlock.lock();
      rlock.unlock();
    }
  });
  const shared = new rt.Mutex('shared');
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const began = process.hrtime.bigint();
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { argv: process.argv.slice(2), workerData: { handle: shared.handle, counter: counter.buffer } });
          worker.once('exit', resolve).once('error', reject);
        }),
    ),
  );
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  console.log(`Mutex contended, 2 workers x ${CONTENDED} withLock(): ${ms.toFixed(0)} ms, counter ${counter[0]} (expected ${2 * CONTENDED})`);
} else {
  const mutex = rt.Mutex.from(workerData.handle);
  const counter = new Int32Array(workerData.counter);
  for (let i = 0; i < CONTENDED; i++) mutex.withLock(() => counter[0]++);
  parentPort?.close();
}
