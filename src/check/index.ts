/**
 * The API that exercises' check.ts files use: `import { defineCheck } from 'threadlings/check'`.
 * A check names the exports it needs and lists cases; each case receives the learner's
 * module and a small assertion toolkit whose failures read as plain sentences.
 */
import { inspect, isDeepStrictEqual } from 'node:util';
import type { TimingSide } from './timingSide.ts';

export type { CpuTimingSide, IoTimingSide, TimingRuns, TimingSide } from './timingSide.ts';

/** A case failed because the learner's result was wrong (not because their code crashed). */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailure';
  }
}

// Captured when the check loads, before any learner code runs, so patching them later changes nothing.
const deepEqual = isDeepStrictEqual;
const show = (value: unknown): string => inspect(value, { depth: 4, breakLength: Infinity, maxArrayLength: 20 });

export interface Assertions {
  /** Deep, strict equality: `what` names the value, e.g. "sum([1, 2])". */
  equal<T>(actual: T, expected: T, what: string): void;
  /** Fails with `message` unless the condition holds. */
  ok(condition: unknown, message: string): void;
  /** Fails the case with `message`. */
  fail(message: string): never;
  /** Awaits `promise` and fails with `message` unless it rejects; returns the rejection. */
  rejects(promise: Promise<unknown>, message: string): Promise<unknown>;
}

export const assertions: Assertions = {
  equal(actual, expected, what) {
    if (!deepEqual(actual, expected)) {
      throw new CheckFailure(`${what}: expected ${show(expected)}, got ${show(actual)}.`);
    }
  },
  ok(condition, message) {
    if (!condition) throw new CheckFailure(message);
  },
  fail(message) {
    throw new CheckFailure(message);
  },
  async rejects(promise, message) {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new CheckFailure(message);
  },
};

export interface CheckCase<M> {
  readonly name: string;
  run(exercise: M, t: Assertions): void | Promise<void>;
}

export interface CheckDefinition<M> {
  /** Exports the learner's file must keep; a missing one is reported before any case runs. */
  readonly exports: readonly (keyof M & string)[];
  readonly cases: readonly CheckCase<M>[];
  /**
   * Optional: after a pass, `threadlings check` times the learner's version against a
   * sequential one and shows the table (see timingSide.ts). It never affects the verdict.
   */
  readonly timing?: TimingSide<M>;
}

/** Declares a check; `M` is the exercise module's type (`typeof import('./starter.ts')`). */
export function defineCheck<M>(definition: CheckDefinition<M>): CheckDefinition<M> {
  return definition;
}

export { show as describeValue };
