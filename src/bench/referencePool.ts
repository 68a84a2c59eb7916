import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnHarness, type HarnessReply } from './workerHarness.ts';

export interface ReferencePoolOptions {
  /** A file: or data: URL of an ES module whose default export runs one task. */
  readonly taskModule: string;
  /** Worker threads (default: os.availableParallelism()). */
  readonly size?: number;
  /** Most tasks in one message (default 256). */
  readonly maxBatch?: number;
  /** Batches each worker holds at once, so it never waits for the next message (default 2). */
  readonly batchesPerWorker?: number;
}

interface Pending {
  readonly task: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly batches: Map<number, Pending[]>;
}

/**
 * A small worker pool, written to be read: the workers start once and are reused; tasks
 * wait in one queue and leave it in batches, one message per batch each way; each worker
 * holds a few batches at once, so that while it works on one the next is already there.
 * This is what makes many tiny tasks cheap: per-message costs are paid per batch.
 */
export class ReferencePool<T = unknown, R = unknown> {
  readonly size: number;
  readonly maxBatch: number;
  readonly batchesPerWorker: number;
  private readonly slots: Slot[];
  private queue: Pending[] = [];
  private head = 0;
  private nextId = 0;
  private scheduled = false;
  private destroyed = false;

  private constructor(workers: Worker[], options: ReferencePoolOptions) {
    this.size = workers.length;
    this.maxBatch = options.maxBatch ?? 256;
    this.batchesPerWorker = options.batchesPerWorker ?? 2;
    this.slots = workers.map((worker) => ({ worker, batches: new Map() }));
    for (const slot of this.slots) {
      slot.worker.on('message', (reply: HarnessReply) => this.settle(slot, reply));
      slot.worker.on('error', (error) => this.fail(slot, error));
      slot.worker.on('exit', (code) => this.fail(slot, new Error(`a pool worker exited with code ${code}`)));
    }
  }

  /** Starts the workers and resolves once every one is ready. */
  static async start<T = unknown, R = unknown>(options: ReferencePoolOptions): Promise<ReferencePool<T, R>> {
    const size = Math.max(1, options.size ?? os.availableParallelism());
    const started = await Promise.allSettled(Array.from({ length: size }, () => spawnHarness(options.taskModule)));
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw failure.reason;
    }
    return new ReferencePool<T, R>(workers, options);
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  run(task: T): Promise<R> {
    if (this.destroyed) return Promise.reject(new Error('the pool was destroyed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true; // dispatch once the caller has queued all it has for now
        queueMicrotask(() => this.dispatch());
      }
    });
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    const error = new Error('the pool was destroyed');
    const inFlight = this.slots.flatMap((slot) => [...slot.batches.values()].flat());
    for (const pending of [...this.queue.slice(this.head), ...inFlight]) pending.reject(error);
    this.queue = [];
    this.head = 0;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    this.scheduled = false;
    for (;;) {
      if (this.queued === 0 || this.destroyed) break;
      // The least busy worker that has room for another batch.
      let slot: Slot | undefined;
      for (const candidate of this.slots) {
        if (candidate.batches.size < this.batchesPerWorker && (!slot || candidate.batches.size < slot.batches.size)) slot = candidate;
      }
      if (!slot) break;
      // Share what is queued evenly over the batches that can go out now, up to maxBatch,
      // so that a few slow tasks (waiting on I/O) all get in flight at once.
      const room = this.slots.reduce((sum, s) => sum + Math.max(0, this.batchesPerWorker - s.batches.size), 0);
      const count = Math.min(this.maxBatch, Math.ceil(this.queued / Math.max(1, room)));
      const batch = this.queue.slice(this.head, this.head + count);
      this.head += count;
      const id = this.nextId++;
      slot.batches.set(id, batch);
      slot.worker.postMessage({ id, tasks: batch.map((pending) => pending.task) });
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private settle(slot: Slot, reply: HarnessReply): void {
    if (reply.type !== 'results') return;
    const batch = slot.batches.get(reply.id);
    if (!batch) return;
    slot.batches.delete(reply.id);
    const failed = new Map(reply.errors);
    batch.forEach((pending, index) => {
      const message = failed.get(index);
      if (message === undefined) pending.resolve(reply.results[index]);
      else pending.reject(new Error(message));
    });
    this.dispatch();
  }

  /** A worker crashed: its tasks fail; the pool carries on with the others. */
  private fail(slot: Slot, error: Error): void {
    for (const batch of slot.batches.values()) for (const pending of batch) pending.reject(error);
    slot.batches.clear();
    if (this.destroyed) return;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (this.slots.length === 0) void this.destroy();
    else this.dispatch();
  }
}
