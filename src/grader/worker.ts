/**
 * The grading worker: a fresh thread per check. It receives the job and a private
 * MessagePort (the only channel results travel on), loads the check, then the learner's
 * module, and runs the cases one by one.
 */
import { MessagePort, parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { assertions, type CheckDefinition } from '../check/index.ts';
import { measureTiming } from '../check/measureTiming.ts';
import { countOutput } from './countOutput.ts';
import { describeError } from './describeError.ts';
import { installHooks } from './installHooks.ts';
import { isQuiet } from './isQuiet.ts';
import { findUnjoined } from './findUnjoined.ts';
import { PREPARED_ENV, registerArgs } from './nestedStart.ts';
import { settleWorkers, trackWorkers } from './threadTracker.ts';
import { workerRecord } from './workerRecord.ts';
import type { GradeJob, WorkerEvent } from './protocol.ts';
import { trace } from './trace.ts';

trace('worker module running');

// This thread imports JavaScript the CLI prepared and so skips the loader hooks' start-up cost,
// but what it starts (workers, child processes) may load TypeScript: they inherit the hooks,
// as if this thread had been started with them.
process.execArgv.push(...registerArgs());
trackWorkers();
const printed = countOutput();

let hooksInstalled = false;

/** The URL to import a file by: its prepared JavaScript, or the file itself through the loader hooks. */
function importUrl(job: GradeJob, file: string): string {
  const url = pathToFileURL(file).href;
  const prepared = job.modules[url];
  if (prepared !== undefined) return prepared;
  if (!hooksInstalled) installHooks();
  hooksInstalled = true;
  return url;
}

/** How long workers may take to wind down after the cases before they count as leaked. */
const LEAK_GRACE_MS = 500;
/** A moment after the last case, when timers or workers are still about, so that a rejection or throw they leave behind still surfaces. */
const AFTERMATH_MS = 20;

// Captured before any learner code runs: learner code may patch globals and built-in prototypes
// (setTimeout, Promise, Function.prototype.call, Array.prototype.map...), and nothing here may
// depend on what it leaves behind. Built-ins are not frozen: exercises use them legitimately.
const postMessage = MessagePort.prototype.postMessage;
const now = performance.now.bind(performance);
const NativePromise = Promise;
const defer = setImmediate;
const sleep = setTimeout;
const activeResources = process.getActiveResourcesInfo.bind(process);
const pause = (wait: (done: () => void) => void): Promise<void> => new NativePromise<void>((resolve) => wait(() => resolve()));

function start(job: GradeJob, channel: MessagePort): void {
  // Workers the learner starts from a prepared file run it without the hooks (nestedStart.ts).
  process.env[PREPARED_ENV] = JSON.stringify(job.modules);
  const post = postMessage.bind(channel);
  const send = (event: WorkerEvent): void => post(event);
  const learnerDir = path.dirname(job.learnerFile);
  const isLearnerFile = (file: string): boolean =>
    file !== job.checkFile && (file === job.learnerFile || file.startsWith(learnerDir + path.sep));
  // Stay alive until the supervisor ends this thread, so that a natural exit never races the verdict.
  channel.on('message', () => {});
  void run(job, send, isLearnerFile);
}

async function run(job: GradeJob, send: (event: WorkerEvent) => void, isLearnerFile: (file: string) => boolean): Promise<void> {
  let check: CheckDefinition<Record<string, unknown>>;
  let learner: Record<string, unknown>;
  try {
    check = ((await import(importUrl(job, job.checkFile))) as { default: typeof check }).default;
  } catch (error) {
    send({ type: 'load-error', kind: 'crash', message: `the check itself failed to load: ${String(error)}` });
    return;
  }
  trace('check loaded');
  // Read before the learner's module runs, and walked with plain loops afterwards.
  const cases = [...check.cases];
  const names = cases.map((c) => c.name);
  const exportNames = [...check.exports];
  try {
    learner = (await import(importUrl(job, job.learnerFile))) as Record<string, unknown>;
  } catch (error) {
    const described = describeError(error, isLearnerFile);
    send({ type: 'load-error', ...described, message: `${described.message} (while loading the file, before any case ran)` });
    return;
  }
  trace('learner module loaded');
  let missing = '';
  for (let i = 0; i < exportNames.length; i++) {
    const name = exportNames[i] as string;
    if (!(name in learner)) missing += `${missing ? ', ' : ''}\`${name}\``;
  }
  if (missing) {
    send({ type: 'load-error', kind: 'missing-export', message: `your file must export ${missing}; did you rename or remove it?` });
    return;
  }
  send({ type: 'loaded', cases: names });
  let passed = true;
  for (let index = 0; index < cases.length; index++) {
    const testCase = cases[index] as (typeof cases)[number];
    send({ type: 'case-start', index });
    const began = now();
    try {
      await testCase.run(learner, assertions);
      send({ type: 'case-end', index, ok: true, ms: now() - began });
    } catch (error) {
      passed = false;
      send({ type: 'case-end', index, ok: false, ms: now() - began, ...describeError(error, isLearnerFile) });
    }
  }
  await pause((done) => defer(done));
  if (!isQuiet(activeResources())) await pause((done) => sleep(done, AFTERMATH_MS));
  const threads = await settleWorkers(LEAK_GRACE_MS);
  const unjoined = findUnjoined(threads.workers.map((seen) => workerRecord(seen, isLearnerFile, job.checkFile)));
  if (threads.running > 0) send({ type: 'leaked', running: threads.running, started: threads.started });
  else if (unjoined) send({ type: 'unjoined', ...unjoined });
  else if (passed && job.timing && check.timing) await measureTiming(check.timing, learner, send);
  send({ type: 'done', outputBytes: printed() });
}

parentPort?.once('message', (message: { job: GradeJob; channel: MessagePort }) => {
  start(message.job, message.channel);
});
