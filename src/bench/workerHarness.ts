import { Worker } from 'node:worker_threads';
import { dataUrl } from './taskModule.ts';

/** main -> worker: run these tasks (all at once: the async ones overlap on the worker's event loop). */
export interface HarnessRequest {
  readonly id: number;
  readonly tasks: readonly unknown[];
  /** Let the worker end once it has answered (a worker used for one task only). */
  readonly exit?: boolean;
}

/** worker -> main */
export type HarnessReply =
  | { readonly type: 'ready' }
  | { readonly type: 'results'; readonly id: number; readonly results: unknown[]; readonly errors: (readonly [number, string])[] };

interface Port {
  on(event: 'message', listener: (message: HarnessRequest) => void): void;
  postMessage(message: HarnessReply): void;
  close(): void;
}

/**
 * The loop of a worker thread: answers each request with one message holding every
 * result, so that a batch of tiny tasks costs one message each way. Synchronous results
 * are sent at once; if any task returns a promise, the reply waits for all of them.
 * Self-contained: its source text is what the worker runs (see harnessSource).
 */
export function harnessMain(port: Port, handler: (task: unknown) => unknown): void {
  port.on('message', (request) => {
    const results: unknown[] = new Array(request.tasks.length);
    const errors: [number, string][] = [];
    const pending: Promise<void>[] = [];
    const fail = (index: number, error: unknown): void => {
      errors.push([index, error instanceof Error ? error.message : String(error)]);
    };
    request.tasks.forEach((task, index) => {
      try {
        const value = handler(task);
        if (typeof (value as PromiseLike<unknown> | undefined)?.then === 'function') {
          const promise = Promise.resolve(value);
          pending.push(promise.then((v) => void (results[index] = v), (error: unknown) => fail(index, error)));
        } else {
          results[index] = value;
        }
      } catch (error) {
        fail(index, error);
      }
    });
    const reply = (): void => {
      port.postMessage({ type: 'results', id: request.id, results, errors });
      if (request.exit) port.close();
    };
    if (pending.length === 0) reply();
    else void Promise.all(pending).then(reply);
  });
}

/** The worker's entry module: load the task module, start the loop, say ready. */
export function harnessSource(taskModule: string): string {
  return [
    "import { parentPort } from 'node:worker_threads';",
    `const { default: handler } = await import(${JSON.stringify(taskModule)});`,
    `(${harnessMain.toString()})(parentPort, handler);`,
    "parentPort.postMessage({ type: 'ready' });",
    '',
  ].join('\n');
}

const entries = new Map<string, URL>();

/**
 * Starts one worker running the harness over `taskModule` (a file: or data: URL of an
 * ES module whose default export runs one task); resolves once it is ready for work.
 */
export function spawnHarness(taskModule: string): Promise<Worker> {
  let entry = entries.get(taskModule);
  if (!entry) entries.set(taskModule, (entry = new URL(dataUrl(harnessSource(taskModule)))));
  const worker = new Worker(entry);
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    const onExit = (code: number): void => reject(new Error(`a bench worker exited with code ${code} before it was ready`));
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.once('message', (message: HarnessReply) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (message.type === 'ready') resolve(worker);
      else reject(new Error('a bench worker answered before it was ready'));
    });
  });
}
