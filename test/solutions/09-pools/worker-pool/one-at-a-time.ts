/**
 * Wrong: starts `size` workers but only hands out a task when no task is running, so tasks run one by one.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';

type Reply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

if (workerData?.role === 'pool-worker') {
  const { task } = (await import(workerData.taskFile as string)) as { task: (input: unknown) => unknown };
  parentPort?.on('message', async (input: unknown) => {
    try {
      parentPort?.postMessage({ ok: true, value: await task(input) } satisfies Reply);
    } catch (error) {
      parentPort?.postMessage({ ok: false, error } satisfies Reply);
    }
  });
}

interface Job {
  readonly input: unknown;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

export class WorkerPool {
  readonly #taskFile: string;
  readonly #workers = new Set<Worker>();
  readonly #idle: Worker[] = [];
  readonly #waiting: Job[] = [];
  /** The job each busy worker is running: its reply settles exactly that job. */
  readonly #running = new Map<Worker, Job>();
  readonly #unsettled = new Set<Promise<unknown>>();
  #closed = false;

  /** Starts `size` workers that each load `taskFile` (a file: URL of a module exporting `task`). */
  constructor(size: number, taskFile: string) {
    this.#taskFile = taskFile;
    for (let i = 0; i < size; i++) this.#start();
  }

  /** Runs `task(input)` on the next free worker; settles with its result or its error. */
  submit(input: unknown): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('submit() after close()'));
    const result = new Promise((resolve, reject) => this.#waiting.push({ input, resolve, reject }));
    this.#unsettled.add(result);
    const forget = (): void => void this.#unsettled.delete(result);
    result.then(forget, forget);
    this.#dispatch();
    return result;
  }

  /** Lets every submitted task finish, then stops the workers; resolves once they have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#unsettled]);
    await Promise.all([...this.#workers].map((worker) => worker.terminate()));
  }

  #start(): void {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'pool-worker', taskFile: this.#taskFile } });
    worker.on('message', (reply: Reply) => {
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      this.#idle.push(worker);
      if (reply.ok) job?.resolve(reply.value);
      else job?.reject(reply.error);
      this.#dispatch();
    });
    worker.on('error', (error) => {
      // The thread is gone: fail its job and put a fresh worker in its place.
      this.#running.get(worker)?.reject(error);
      this.#running.delete(worker);
      this.#workers.delete(worker);
      const idle = this.#idle.indexOf(worker);
      if (idle >= 0) this.#idle.splice(idle, 1);
      if (!this.#closed) this.#start();
      this.#dispatch();
    });
    this.#workers.add(worker);
    this.#idle.push(worker);
  }

  #dispatch(): void {
    while (this.#running.size === 0 && this.#idle.length > 0 && this.#waiting.length > 0) {
      const worker = this.#idle.shift() as Worker;
      const job = this.#waiting.shift() as Job;
      this.#running.set(worker, job);
      worker.postMessage(job.input);
    }
  }
}
