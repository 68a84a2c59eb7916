/**
 * The supervisor: a child process of the CLI, one per check. It starts the grading worker
 * first thing, so that the worker boots while the rest of the supervisor loads and the CLI
 * prepares the TypeScript; then it runs the job it is sent (superviseWorker.ts) and reports
 * one verdict over IPC. Learner code never runs on this thread.
 */
import { Worker } from 'node:worker_threads';
import type { RunMessage } from './protocol.ts';
import { permissionArgs } from './sandboxArgs.ts';
import { trace } from './trace.ts';

trace('supervisor started');
const memoryMb = Number(process.argv[2] ?? 512);
const worker = new Worker(new URL('./worker.js', import.meta.url), {
  // No loader hooks here: the CLI prepared the check and the learner's file as JavaScript, and the
  // worker installs the hooks only for TypeScript it was not given (see prepareModule.ts).
  // A worker given an execArgv takes its permissions from it alone: it carries the sandbox's.
  execArgv: [...permissionArgs(process.execArgv), '--enable-source-maps'],
  stdout: true,
  stderr: true,
  resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
});
worker.on('online', () => trace('worker online'));
process.on('disconnect', () => process.exit(0));
// A job that arrives while the rest loads waits here: an IPC message nobody listens for is lost.
const queued: RunMessage[] = [];
const queue = (message: RunMessage): void => void queued.push(message);
process.on('message', queue);
void import('./superviseWorker.ts').then(({ superviseWorker }) => {
  process.off('message', queue);
  superviseWorker(worker, memoryMb, queued);
});
