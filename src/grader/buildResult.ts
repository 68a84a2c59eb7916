import path from 'node:path';
import { summarizeTiming } from '../check/summarizeTiming.ts';
import type { FailureKind } from '../course/types.ts';
import { adviceFor } from './adviceFor.ts';
import type { CaseResult, GradeResult, SourceLocation, WorkerEvent } from './protocol.ts';
import { explainBlocked, type BlockedThread } from './waitForGraph.ts';

/** How the grading run ended, as the supervisor (or the CLI, for a hard kill) saw it. */
export type Ending =
  | { readonly type: 'done' }
  /** `blocked`: the threads stuck on runtime primitives at that moment (lockWatch.ts). */
  | { readonly type: 'timeout'; readonly ms: number; readonly blocked?: readonly BlockedThread[] }
  | { readonly type: 'exited'; readonly code: number }
  /**
   * `limitMb`: the process went over this resident-memory cap (memoryWatch.ts), `usedMb` being
   * what it held; `afterMs`: the time ran out with `usedMb` in use, a heap filling up.
   */
  | { readonly type: 'out-of-memory'; readonly usedMb?: number; readonly limitMb?: number; readonly afterMs?: number }
  | { readonly type: 'output-flood'; readonly bytes: number }
  | { readonly type: 'uncaught'; readonly message: string; readonly location?: SourceLocation }
  | { readonly type: 'killed'; readonly detail: string }
  | { readonly type: 'syntax-error'; readonly message: string; readonly location?: SourceLocation };

export interface Output {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Folds the worker's events and the way the run ended into one verdict, with advice for a
 * failure. Pure. Once the
 * worker has said `timing-start` (every case passed, no worker leaked), nothing that
 * happens afterwards changes the verdict: it only costs the timing table.
 */
export function buildResult(events: readonly WorkerEvent[], ending: Ending, output: Output): GradeResult {
  const timingStarted = events.some((event) => event.type === 'timing-start');
  const verdict = verdictOf(events, timingStarted ? { type: 'done' } : ending, output);
  if (!verdict.passed) {
    const advice = adviceFor(verdict.kind, verdict.cases);
    return advice ? { ...verdict, advice } : verdict;
  }
  if (!timingStarted) return verdict;
  const sample = events.find((event) => event.type === 'timing');
  if (sample) return { ...verdict, timing: summarizeTiming(sample.sample) };
  const skipped = events.find((event) => event.type === 'timing-skipped');
  if (skipped) return { ...verdict, timingSkipped: skipped.reason };
  return { ...verdict, timingSkipped: `the timing runs were cut short: ${cutShort(ending)}.` };
}

/** What stopped the timing runs, after the verdict was settled. */
function cutShort(ending: Ending): string {
  switch (ending.type) {
    case 'timeout':
      return `they ran into the check's time limit of ${(ending.ms / 1000).toFixed(1)} s`;
    case 'exited':
      return `your code ended its thread (exit code ${ending.code})`;
    case 'out-of-memory':
      return 'your code ran out of memory';
    case 'output-flood':
      return `your code printed more than ${Math.floor(ending.bytes / 1024)} KiB`;
    case 'uncaught':
      return `your code threw outside any awaited code (${ending.message})`;
    case 'killed':
      return `the check process died (${ending.detail})`;
    default:
      return 'they never reported back';
  }
}

function verdictOf(events: readonly WorkerEvent[], ending: Ending, output: Output): GradeResult {
  let names: readonly string[] = [];
  const finished = new Map<number, CaseResult>();
  let running: number | undefined;
  let loadError: Extract<WorkerEvent, { type: 'load-error' }> | undefined;
  let leaked: Extract<WorkerEvent, { type: 'leaked' }> | undefined;
  let unjoined: Extract<WorkerEvent, { type: 'unjoined' }> | undefined;
  for (const event of events) {
    if (event.type === 'loaded') names = event.cases;
    else if (event.type === 'case-start') running = event.index;
    else if (event.type === 'load-error') loadError = event;
    else if (event.type === 'leaked') leaked = event;
    else if (event.type === 'unjoined') unjoined = event;
    else if (event.type === 'case-end') {
      running = undefined;
      const { ok, ms, kind, message, location, race } = event;
      finished.set(event.index, {
        name: names[event.index] ?? `case ${event.index + 1}`,
        status: ok ? 'pass' : 'fail',
        ms,
        ...(kind ? { kind } : {}),
        ...(message ? { message } : {}),
        ...(location ? { location } : {}),
        ...(race ? { race } : {}),
      });
    }
  }
  const interrupted = interruption(ending, running === undefined ? undefined : names[running], names.length > 0);
  const cases = names.map((name, index): CaseResult => {
    const done = finished.get(index);
    if (done) return done;
    if (index === running && interrupted) return { name, status: 'fail', kind: interrupted.kind, message: interrupted.summary };
    return { name, status: 'not-run' };
  });
  const workMs = [...finished.values()].reduce((sum, c) => sum + (c.ms ?? 0), 0);
  const base = { output: output.text, outputTruncated: output.truncated, workMs, cases };
  if (loadError) {
    return { ...base, passed: false, kind: loadError.kind, summary: loadError.message, ...(loadError.location ? { location: loadError.location } : {}) };
  }
  if (interrupted) {
    // A case that failed before the interruption is the first thing to fix: report its kind.
    const earlier = cases.find((c, index) => c.status === 'fail' && index !== running);
    if (earlier?.kind) {
      return { ...base, passed: false, kind: earlier.kind, summary: `"${earlier.name}" failed; then ${interrupted.summary}` };
    }
    return { ...base, passed: false, kind: interrupted.kind, summary: interrupted.summary, ...(interrupted.location ? { location: interrupted.location } : {}) };
  }
  const failed = cases.filter((c) => c.status === 'fail');
  const first = failed[0];
  if (first) {
    return {
      ...base,
      passed: false,
      kind: first.kind ?? 'wrong-result',
      summary: `${failed.length} of ${cases.length} cases failed.`,
      ...(first.location ? { location: first.location } : {}),
    };
  }
  if (cases.length === 0) return { ...base, passed: false, kind: 'crash', summary: 'the check has no cases; this is a bug in the course.' };
  const notRun = cases.filter((c) => c.status !== 'pass').length;
  if (notRun > 0) return { ...base, passed: false, kind: 'crash', summary: `${notRun} of ${cases.length} cases never reported a result.` };
  if (leaked) {
    const threads = leaked.running === 1 ? '1 worker thread' : `${leaked.running} worker threads`;
    return {
      ...base,
      passed: false,
      kind: 'leaked-worker',
      summary:
        `every case passed, but ${threads} your code started ${leaked.running === 1 ? 'was' : 'were'} still running afterwards: ` +
        "wait for each worker's 'exit' (the join() of Python), terminate() it, or unref() it if it is meant to be a daemon.",
    };
  }
  if (unjoined) {
    return {
      ...base,
      passed: false,
      kind: 'unjoined-worker',
      summary: unjoinedSummary(unjoined),
      ...(unjoined.location ? { location: unjoined.location } : {}),
    };
  }
  return { ...base, passed: true, summary: `all ${cases.length} cases passed.` };
}

/** "every case passed, but 2 of the 3 workers your code started were never joined: …" */
function unjoinedSummary({ unjoined, started, location }: Extract<WorkerEvent, { type: 'unjoined' }>): string {
  const one = unjoined === 1;
  const which =
    unjoined < started
      ? `${unjoined} of the ${started} workers your code started ${one ? 'was' : 'were'}`
      : one
        ? 'the worker your code started was'
        : `${unjoined === 2 ? 'both' : `all ${unjoined}`} workers your code started were`;
  const where = location ? ` (${one ? '' : 'the first '}started at ${path.basename(location.file)}:${location.line})` : '';
  return (
    `every case passed, but ${which} never joined: nobody listened for ${one ? 'its' : 'their'} 'exit', 'error' or messages, ` +
    `so ${one ? 'its result and any error it threw were' : 'their results and any errors they threw were'} lost${where}.`
  );
}

interface Interruption {
  readonly kind: FailureKind;
  readonly summary: string;
  readonly location?: SourceLocation;
}

function interruption(ending: Ending, runningCase: string | undefined, loaded: boolean): Interruption | undefined {
  const during = runningCase ? ` during "${runningCase}"` : loaded ? '' : ' while loading your file';
  switch (ending.type) {
    case 'done':
      return undefined;
    case 'timeout': {
      const explained = ending.blocked && ending.blocked.length > 0 ? explainBlocked(ending.blocked) : undefined;
      if (explained?.deadlock) return { kind: 'deadlock', summary: `deadlock${during}: ${explained.text}` };
      return {
        kind: 'timeout',
        summary:
          `timed out after ${(ending.ms / 1000).toFixed(1)} s${during}: something never finished (an endless loop, or a wait nobody ends).` +
          (explained ? ` ${explained.text}` : ''),
      };
    }
    case 'exited':
      return {
        kind: 'exited-early',
        summary: loaded
          ? `your code exited (exit code ${ending.code})${during}, before the cases finished; do not call process.exit in an exercise.`
          : `your code exited (exit code ${ending.code}) before its cases ran; do not call process.exit in an exercise.`,
      };
    case 'out-of-memory':
      return { kind: 'out-of-memory', summary: `ran out of memory${during}${memoryDetail(ending)}: something keeps allocating without bound.` };
    case 'output-flood':
      return {
        kind: 'output-flood',
        summary: `your code printed more than ${Math.floor(ending.bytes / 1024)} KiB${during}, so the check was stopped: remove the printing from loops.`,
      };
    case 'uncaught':
      return {
        kind: 'crash',
        summary: `${ending.message}${during}, outside any awaited code (an error thrown in a callback or an unhandled rejection).`,
        ...(ending.location ? { location: ending.location } : {}),
      };
    case 'killed':
      return { kind: 'crash', summary: `the check process died${during}: ${ending.detail}.` };
    case 'syntax-error':
      return { kind: 'syntax-error', summary: ending.message, ...(ending.location ? { location: ending.location } : {}) };
  }
}

/** How much memory an out-of-memory ending had in use, when the supervisor measured it. */
function memoryDetail(ending: Extract<Ending, { type: 'out-of-memory' }>): string {
  if (ending.limitMb !== undefined) return ` (it went over the limit of ${ending.limitMb} MiB, Buffers and ArrayBuffers included, so the check was stopped)`;
  if (ending.afterMs !== undefined && ending.usedMb !== undefined) {
    return ` (${ending.usedMb} MiB in use when its ${(ending.afterMs / 1000).toFixed(1)} s were up: a heap that fills up spends its time collecting garbage)`;
  }
  return '';
}
