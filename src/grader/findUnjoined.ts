/**
 * Unjoined workers: workers the learner's code started whose outcome nobody listened for.
 * Such a worker may have ended fine, but its result and any error it threw went nowhere;
 * the same code with a real result to deliver loses it. Pure.
 */
import type { SourceLocation } from './protocol.ts';

/** What the grader knows of one worker started from the grading thread, once the cases are over. */
export interface WorkerRecord {
  /** Someone other than the grader attached an 'exit', 'error', 'message' or 'messageerror' listener. */
  readonly listened: boolean;
  /** terminate() was called on it. */
  readonly terminated: boolean;
  /** unref() was called on it: a daemon by design. */
  readonly unrefd: boolean;
  /** The learner's code started it (not the check). */
  readonly byLearner: boolean;
  /** Where in the learner's file it was started, when the creation stack says. */
  readonly location?: SourceLocation;
}

export interface UnjoinedReport {
  /** Workers the learner started that nobody joined. */
  readonly unjoined: number;
  /** Workers the learner started in all. */
  readonly started: number;
  /** Where the first unjoined worker with a known place was started. */
  readonly location?: SourceLocation;
}

/** The learner's workers that nobody listened to, terminated or unref()'d; undefined when there are none. */
export function findUnjoined(records: readonly WorkerRecord[]): UnjoinedReport | undefined {
  const mine = records.filter((record) => record.byLearner);
  const unjoined = mine.filter((record) => !record.listened && !record.terminated && !record.unrefd);
  if (unjoined.length === 0) return undefined;
  const location = unjoined.find((record) => record.location)?.location;
  return { unjoined: unjoined.length, started: mine.length, ...(location ? { location } : {}) };
}
