/**
 * Wrong: cancel() also "cancels" a running task: it rejects the promise and returns true while the task keeps running.
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

export interface Future<T> {
  /** Settles with the task's result or error; rejects with CancelledError if it was cancelled. */
  readonly promise: Promise<T>;
  /** Cancels the task if it has not started: true if it is (now) cancelled, false if it runs or ran. */
  cancel(): boolean;
}

interface Entry<I, O> {
  readonly input: I;
  state: 'pending' | 'running' | 'done' | 'cancelled';
  resolve(value: O): void;
  reject(reason: unknown): void;
}

export class Executor<I, O> {
  readonly #maxWorkers: number;
  readonly #run: (input: I) => Promise<O>;
  readonly #queue: Entry<I, O>[] = [];
  readonly #unsettled = new Set<Promise<unknown>>();
  #running = 0;
  #shutdown = false;

  constructor(maxWorkers: number, run: (input: I) => Promise<O>) {
    this.#maxWorkers = maxWorkers;
    this.#run = run;
  }

  submit(input: I): Future<O> {
    if (this.#shutdown) throw new Error('cannot submit after shutdown()');
    let entry!: Entry<I, O>;
    const promise = new Promise<O>((resolve, reject) => {
      entry = { input, state: 'pending', resolve, reject };
    });
    const settled: Promise<boolean> = promise.then(
      () => this.#unsettled.delete(settled),
      () => this.#unsettled.delete(settled),
    );
    this.#unsettled.add(settled);
    this.#queue.push(entry);
    this.#dispatch();
    return { promise, cancel: () => this.#cancel(entry) };
  }

  /** Refuses new tasks, optionally cancels the waiting ones, and resolves once every other task has settled. */
  async shutdown(options: { cancelPending?: boolean } = {}): Promise<void> {
    this.#shutdown = true;
    if (options.cancelPending) for (const entry of [...this.#queue]) this.#cancel(entry);
    while (this.#unsettled.size > 0) await Promise.allSettled([...this.#unsettled]);
  }

  #cancel(entry: Entry<I, O>): boolean {
    if (entry.state === 'cancelled') return true;
    if (entry.state === 'done') return false;
    entry.state = 'cancelled';
    if (this.#queue.includes(entry)) this.#queue.splice(this.#queue.indexOf(entry), 1);
    entry.reject(new CancelledError('the task was cancelled before it started'));
    return true;
  }

  #dispatch(): void {
    while (this.#running < this.#maxWorkers && this.#queue.length > 0) {
      const entry = this.#queue.shift() as Entry<I, O>;
      entry.state = 'running';
      this.#running += 1;
      this.#run(entry.input)
        .then(entry.resolve, entry.reject)
        .finally(() => {
          entry.state = 'done';
          this.#running -= 1;
          this.#dispatch();
        });
    }
  }
}
