import { Worker } from 'node:worker_threads';

/** Wrong: right order, but each worker is awaited before the next one starts. */
export async function mapInWorkers<R>(inputs: readonly unknown[], workerFile: URL): Promise<R[]> {
  const results: R[] = [];
  for (const input of inputs) {
    results.push(
      await new Promise<R>((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: input });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    );
  }
  return results;
}
