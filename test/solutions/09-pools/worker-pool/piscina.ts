/**
 * Correct, the library way: piscina is such a pool. minThreads = maxThreads = size keeps
 * exactly `size` threads alive; `name: 'task'` picks the task module's export. piscina's
 * own close() waits only for tasks that have started (in 5.3.2 a task still queued can be
 * rejected with "Terminating worker thread"), so close() first waits for every task.
 */
import { Piscina } from 'piscina';

export class WorkerPool {
  readonly #pool: Piscina;
  readonly #submitted: Promise<unknown>[] = [];
  #closed = false;

  constructor(size: number, taskFile: string) {
    this.#pool = new Piscina({ filename: taskFile, name: 'task', minThreads: size, maxThreads: size });
  }

  submit(input: unknown): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('submit() after close()'));
    const result = this.#pool.run(input);
    this.#submitted.push(result);
    return result;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled(this.#submitted);
    await this.#pool.close();
  }
}
