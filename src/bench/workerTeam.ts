import type { Worker } from 'node:worker_threads';
import { spawnHarness, type HarnessReply } from './workerHarness.ts';

/**
 * N worker threads started together, each given a fixed share of the work: the plain
 * "start N threads, split the list, join them all" pattern. Start-up happens in `start`,
 * outside the timed part of a run (bench pool measures what starting a worker costs).
 */
export class WorkerTeam {
  private nextId = 0;

  private constructor(private readonly workers: readonly Worker[]) {}

  static async start(size: number, taskModule: string): Promise<WorkerTeam> {
    const started = await Promise.allSettled(Array.from({ length: size }, () => spawnHarness(taskModule)));
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw failure.reason;
    }
    return new WorkerTeam(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Gives worker i the tasks of shares[i] (all at once) and resolves with every result. */
  run(shares: readonly (readonly unknown[])[]): Promise<unknown[][]> {
    return Promise.all(this.workers.map((worker, i) => this.ask(worker, shares[i] ?? [])));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private ask(worker: Worker, tasks: readonly unknown[]): Promise<unknown[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (reply: HarnessReply): void => {
        if (reply.type !== 'results' || reply.id !== id) return;
        cleanup();
        const [first] = reply.errors;
        if (first) reject(new Error(`a bench task failed on a worker: ${first[1]}`));
        else resolve(reply.results);
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number): void => onError(new Error(`a bench worker exited with code ${code}`));
      const cleanup = (): void => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ id, tasks });
    });
  }
}

/** Deals `items` out to `parts` shares, round-robin (share sizes differ by one at most). */
export function splitShares<T>(items: readonly T[], parts: number): T[][] {
  const shares: T[][] = Array.from({ length: Math.max(1, parts) }, () => []);
  items.forEach((item, i) => shares[i % shares.length]?.push(item));
  return shares;
}
