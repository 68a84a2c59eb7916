/**
 * Runs a check's timing side in the grading worker, after every case passed: one warm-up
 * of each version, then rounds that alternate which version goes first, and reports the
 * raw times as events. Anything that goes wrong ends in a `timing-skipped` event with one
 * sentence; the verdict is already settled by then.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { TimedVersion, TimingSample, WorkerEvent } from '../grader/protocol.ts';
import { TIMING_POLICY, anotherRound } from './timingSchedule.ts';
import type { TimingRuns, TimingSide } from './timingSide.ts';

// Captured when the grader loads, before any learner code runs.
const now = performance.now.bind(performance);
const timeout = setTimeout;
const cancel = clearTimeout;

/** Stops the timing runs with a sentence for the learner. */
class TimingStopped extends Error {}

const messageOf = (error: unknown): string => String((error as { message?: unknown } | null)?.message ?? error).replace(/\.$/, '');
const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Awaits `promise`, or throws TimingStopped with `why` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = timeout(() => reject(new TimingStopped(why)), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    cancel(timer);
  }
}

const CAP_REASON = `the timing runs were stopped: at this pace they would take more than ${TIMING_POLICY.capMs / 1000} s (is the machine busy?)`;

async function timeOnce(run: () => unknown, who: string, deadline: number): Promise<number> {
  const began = now();
  try {
    await within(Promise.resolve().then(run), deadline - began, CAP_REASON);
  } catch (error) {
    if (error instanceof TimingStopped) throw error;
    throw new TimingStopped(`${who} threw during a timing run: ${messageOf(error)}`);
  }
  return round(now() - began);
}

async function sample<M>(side: TimingSide<M>, runs: TimingRuns): Promise<TimingSample> {
  const started = now();
  const deadline = started + TIMING_POLICY.capMs;
  const loadAverage = round(os.loadavg()[0] ?? 0);
  const times = { yours: [] as number[], sequential: [] as number[] };
  const timeYours = (): Promise<number> => timeOnce(() => runs.yours(), 'your version', deadline);
  const timeSequential = (): Promise<number> => timeOnce(() => runs.sequential(), 'the sequential version', deadline);
  const sequentialWarmup = await timeSequential();
  const yoursWarmup = await timeYours();
  let rounds = 0;
  while (anotherRound(rounds, now() - started)) {
    // Alternate which goes first, so that a slow spell on the machine hits both alike.
    if (rounds % 2 === 0) {
      times.sequential.push(await timeSequential());
      times.yours.push(await timeYours());
    } else {
      times.yours.push(await timeYours());
      times.sequential.push(await timeSequential());
    }
    rounds += 1;
  }
  if (rounds < TIMING_POLICY.minRuns) throw new TimingStopped(CAP_REASON);
  const version = (label: string, warmupMs: number, ms: number[]): TimedVersion => ({ label, warmupMs, runs: ms });
  return {
    work: side.work,
    bound: side.bound,
    ...(side.parallel === undefined ? {} : { parallel: side.parallel }),
    cores: os.availableParallelism(),
    loadAverage,
    yours: version(side.yours, yoursWarmup, times.yours),
    sequential: version(side.sequential, sequentialWarmup, times.sequential),
  };
}

/** Times the learner's version against the sequential one and sends the outcome. */
export async function measureTiming<M>(side: TimingSide<M>, exercise: M, send: (event: WorkerEvent) => void): Promise<void> {
  send({ type: 'timing-start' });
  let runs: TimingRuns | undefined;
  try {
    const prepared = await within(Promise.resolve().then(() => side.prepare(exercise)), TIMING_POLICY.capMs, CAP_REASON).catch((error: unknown) => {
      throw error instanceof TimingStopped ? error : new TimingStopped(`the timing runs could not be set up: ${messageOf(error)}`);
    });
    runs = prepared;
    send({ type: 'timing', sample: await sample(side, prepared) });
  } catch (error) {
    send({ type: 'timing-skipped', reason: `${error instanceof TimingStopped ? error.message : `the timing runs failed: ${messageOf(error)}`}.` });
  } finally {
    const closing = runs?.close;
    if (closing) await within(Promise.resolve().then(() => closing.call(runs)), 1000, 'close').catch(() => undefined);
  }
}
