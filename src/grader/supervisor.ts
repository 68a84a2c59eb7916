/**
 * The supervisor: a child process of the CLI, one per check. It starts the grading worker
 * first thing, so that the worker boots while the rest of the supervisor loads and the CLI
 * prepares the TypeScript; then it runs the job it is sent (superviseWorker.ts) and reports
 * one verdict. Learner code never runs on this thread.
 *
 * Started as a spare (a socket address after the heap limit), it boots the same way, then
 * waits on that socket for the next `check` (see spareSupervisor.ts).
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { permissionArgs } from './sandboxArgs.ts';
import { SPARE_IDLE_MS } from './spareAddress.ts';
import { ipcLink, listenAsSpare, type SupervisorLink } from './supervisorLink.ts';
import { trace } from './trace.ts';

trace('supervisor started');
const memoryMb = Number(process.argv[2] ?? 512);
const spareAddress = process.argv[3];
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

const supervise = (link: SupervisorLink): void =>
  void import('./superviseWorker.ts').then(({ superviseWorker }) => superviseWorker(worker, memoryMb, link));

if (spareAddress) {
  const leave = (): never => {
    // A spare removes its own scratch folder (the one place the sandbox lets it write).
    rmSync(os.tmpdir(), { recursive: true, force: true });
    process.exit(0);
  };
  // A worker that ends before any check took this spare could not grade one: leave (the next check clears the socket).
  worker.once('exit', leave);
  listenAsSpare({
    address: spareAddress,
    idleMs: Number(process.env['THREADLINGS_SPARE_IDLE_MS']) || SPARE_IDLE_MS,
    taken: (link) => {
      worker.off('exit', leave);
      supervise(link);
    },
    leave,
  });
} else {
  supervise(ipcLink(() => process.exit(0)));
}
