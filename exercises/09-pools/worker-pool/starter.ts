/**
 * A fixed-size pool of worker threads (Python's ThreadPoolExecutor(max_workers=size)).
 * Like piscina, a pool runs a module, not a function: functions cannot travel between
 * threads, so a worker imports `taskFile` and calls its `task` export with an input.
 * This file is also the workers' code (role 'pool-worker').
 *
 * This version is not a pool yet: it starts a new thread for every task, however many
 * tasks there are, and throws each thread away afterwards.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

type Reply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

if (workerData?.role === 'pool-worker') {
  const { task } = (await import(workerData.taskFile as string)) as { task: (input: unknown) => unknown };
  // TODO: a pool worker stays alive and runs one task per message it receives, instead
  // of running the single input it was started with.
  try {
    parentPort?.postMessage({ ok: true, value: await task(workerData.input) } satisfies Reply);
  } catch (error) {
    parentPort?.postMessage({ ok: false, error } satisfies Reply);
  }
}

export class WorkerPool {
  readonly #taskFile: string;

  /** Should start `size` workers that each load `taskFile` (a file: URL of a module exporting `task`). */
  constructor(size: number, taskFile: string) {
    this.#taskFile = taskFile;
    // TODO: start `size` workers here, once, and keep track of which ones are idle.
  }

  /** Runs `task(input)` on the next free worker; settles with its result or its error. */
  submit(input: unknown): Promise<unknown> {
    // TODO: queue the input; hand it to an idle worker now or when one becomes free,
    // and settle this promise with the reply of the task it belongs to.
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'pool-worker', taskFile: this.#taskFile, input } });
      worker.once('message', (reply: Reply) => (reply.ok ? resolve(reply.value) : reject(reply.error)));
      worker.once('error', reject);
    });
  }

  /** Lets every submitted task finish, then stops the workers; resolves once they have exited. */
  async close(): Promise<void> {
    // TODO: wait for the submitted tasks, then terminate the workers and wait for them to exit.
  }
}
