/**
 * Runs small JavaScript bodies in real worker threads against the built runtime
 * (dist/runtime/index.js; run `node scripts/build.js` first). A body sees `rt` (the
 * runtime module), `data` (structured-cloned, so handles and SharedArrayBuffers work),
 * `index` (0..count-1) and `threadId`, and may `return` (or await) a result.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const runtimeUrl = new URL('../../../dist/runtime/index.js', import.meta.url);

function source(body: string): string {
  if (!existsSync(fileURLToPath(runtimeUrl))) throw new Error('dist/runtime/index.js is missing: run `node scripts/build.js` first');
  return [
    "import { workerData, parentPort, threadId } from 'node:worker_threads';",
    `import * as rt from ${JSON.stringify(runtimeUrl.href)};`,
    'const { data, index } = workerData;',
    `const result = await (async () => {\n${body}\n})();`,
    'parentPort.postMessage({ result });',
  ].join('\n');
}

/** Starts one worker running `body`; resolves with what it returns, rejects with what it throws. */
export function runWorker<T = unknown>(body: string, data: unknown = {}, index = 0): Promise<T> {
  const worker = new Worker(source(body), { eval: true, workerData: { data, index } });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (message: { result: T }) => resolve(message.result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker exited with code ${code} before returning`)));
  });
}

/** Starts `count` workers running the same body (each with its own `index`); resolves with all results. */
export function runWorkers<T = unknown>(count: number, body: string, data: unknown = {}): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => runWorker<T>(body, data, index)));
}

/** Spins (without blocking the event loop for long) until `condition()` holds, or throws after `ms`; looks every `everyMs`. */
export async function until(condition: () => boolean, what: string, ms = 5000, everyMs = 1): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** An Int32Array over a fresh SharedArrayBuffer, for counters the workers share. */
export function sharedInts(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * 4));
}
