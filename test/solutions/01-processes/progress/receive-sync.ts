// Alternative correct answer: progress still travels by message, but on a private
// MessageChannel that progress() drains synchronously with receiveMessageOnPort, so it
// does not need this thread's event loop to run.
import { MessageChannel, Worker, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';

function step(seed: number): number {
  let x = seed;
  for (let i = 0; i < 100_000; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}

if (workerData?.role === 'count') {
  const { limit, port } = workerData as { limit: number; port: MessagePort };
  let seed = 1;
  for (let done = 1; done <= limit; done++) {
    seed = step(seed);
    port.postMessage(done);
  }
  port.close();
}

export interface Job {
  progress(): number;
  readonly finished: Promise<number>;
}

export function countInWorker(limit: number): Job {
  const { port1, port2 } = new MessageChannel();
  let count = 0;
  const progress = (): number => {
    for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) count = message.message as number;
    return count;
  };
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'count', limit, port: port2 }, transferList: [port2] });
  const finished = new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => {
      const final = progress();
      port1.close();
      resolve(final);
    });
  });
  return { progress, finished };
}
