import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { lockMutex, unlockMutex } from './atomicsMutex.ts';
import { runJob, type JobDeps } from './jobs.ts';
import { spin } from './kernels.ts';
import { httpGet } from './localServer.ts';

/**
 * The bench code that runs on worker threads, as the text of an ES module whose default
 * export runs one job. It is assembled from the source of self-contained functions, so
 * workers run exactly the code the main thread runs, and no extra build entry is needed:
 * our own workers load it as a data: URL, piscina (which wants a file) from a temp file.
 */
export function taskModuleSource(): string {
  return [
    "import http from 'node:http';",
    "import { setTimeout as sleep } from 'node:timers/promises';",
    `const spin = ${spin.toString()};`,
    `const httpGet = ${httpGet.toString()};`,
    `const lockMutex = ${lockMutex.toString()};`,
    `const unlockMutex = ${unlockMutex.toString()};`,
    `const runJob = ${runJob.toString()};`,
    'const deps = { spin, sleep, get: (url) => httpGet(http, url), lock: lockMutex, unlock: unlockMutex };',
    'export default function task(job) { return runJob(job, deps); }',
    '',
  ].join('\n');
}

export function dataUrl(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

let cachedUrl: string | undefined;

/** The task module as a data: URL, for `new Worker` and `import()`. */
export function taskModuleUrl(): string {
  return (cachedUrl ??= dataUrl(taskModuleSource()));
}

/** The same dependencies, for jobs that run on the main thread. */
export const mainThreadDeps: JobDeps = {
  spin,
  sleep: (ms) => sleep(ms),
  get: (url) => httpGet(http, url),
  lock: lockMutex,
  unlock: unlockMutex,
};

/**
 * The task module written to a fresh temp folder (for libraries that load tasks from a
 * file, such as piscina). The folder goes away on `remove()`, or when the process exits.
 */
export function writeTaskModule(): { readonly file: string; readonly url: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-bench-'));
  const file = path.join(dir, 'task.mjs');
  writeFileSync(file, taskModuleSource());
  const remove = (): void => {
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return { file, url: pathToFileURL(file).href, remove };
}
