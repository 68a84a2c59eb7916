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

interface Version {
  readonly label: string;
  readonly run: () => unknown;
  readonly who: string;
  warmupMs: number;
  readonly runs: number[];
}

/** The versions to time: the sequential one, the learner's, and their start-up alone when the check has one. */
function versionsOf<M>(side: TimingSide<M>, runs: TimingRuns): Version[] {
  const version = (label: string, run: () => unknown, who: string): Version => ({ label, run, who, warmupMs: 0, runs: [] });
  const startup = runs.startup;
  return [
    version(side.sequential, () => runs.sequential(), 'the sequential version'),
    version(side.yours, () => runs.yours(), 'your version'),
    ...(side.startup !== undefined && startup ? [version(side.startup, () => startup.call(runs), 'your version')] : []),
  ];
}

async function sample<M>(side: TimingSide<M>, runs: TimingRuns): Promise<TimingSample> {
  const started = now();
  const deadline = started + TIMING_POLICY.capMs;
  const loadAverage = round(os.loadavg()[0] ?? 0);
  const versions = versionsOf(side, runs);
  for (const version of versions) version.warmupMs = await timeOnce(version.run, version.who, deadline);
  let rounds = 0;
  while (anotherRound(rounds, now() - started)) {
    // Rotate which goes first, so that a slow spell on the machine hits every version alike.
    for (let i = 0; i < versions.length; i++) {
      const version = versions[(rounds + i) % versions.length] as Version;
      version.runs.push(await timeOnce(version.run, version.who, deadline));
    }
    rounds += 1;
  }
  if (rounds < TIMING_POLICY.minRuns) throw new TimingStopped(CAP_REASON);
  const [sequential, yours, startup] = versions.map(({ label, warmupMs, runs: ms }): TimedVersion => ({ label, warmupMs, runs: ms }));
  return {
    work: side.work,
    bound: side.bound,
    ...(side.parallel === undefined ? {} : { parallel: side.parallel }),
    cores: os.availableParallelism(),
    loadAverage,
    yours: yours as TimedVersion,
    sequential: sequential as TimedVersion,
    ...(startup ? { startup } : {}),
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
