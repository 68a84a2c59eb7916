/**
 * Correct, another way: cancelled jobs stay in the queue and the dispatcher skips them
 * (lazy deletion); each job carries its own cancel().
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

export interface Future<T> {
  readonly promise: Promise<T>;
  cancel(): boolean;
}

interface Job {
  started: boolean;
  cancelled: boolean;
  start(): void;
  cancel(): boolean;
}

export class Executor<I, O> {
  readonly #queue: Job[] = [];
  readonly #all: Promise<unknown>[] = [];
  #active = 0;
  #closed = false;

  constructor(
    readonly maxWorkers: number,
    readonly run: (input: I) => Promise<O>,
  ) {}

  submit(input: I): Future<O> {
    if (this.#closed) return { promise: Promise.reject(new Error('executor is shut down')), cancel: () => false };
    let resolve!: (value: O) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<O>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const job: Job = {
      started: false,
      cancelled: false,
      start: () => {
        job.started = true;
        this.#active++;
        this.run(input)
          .then(resolve, reject)
          .finally(() => {
            this.#active--;
            this.#pump();
          });
      },
      cancel: () => {
        if (job.started) return false;
        if (!job.cancelled) {
          job.cancelled = true;
          reject(new CancelledError());
        }
        return true;
      },
    };
    this.#queue.push(job);
    this.#all.push(promise.catch(() => undefined));
    this.#pump();
    return { promise, cancel: job.cancel };
  }

  async shutdown(options?: { cancelPending?: boolean }): Promise<void> {
    this.#closed = true;
    if (options?.cancelPending) for (const job of this.#queue) job.cancel();
    await Promise.allSettled(this.#all);
  }

  #pump(): void {
    while (this.#active < this.maxWorkers && this.#queue.length > 0) {
      const job = this.#queue.shift() as Job;
      if (!job.cancelled) job.start();
    }
  }
}
