/**
 * How many timing runs to make: at least `minRuns` of each version after one warm-up, more
 * while they fit in the budget, and never past the cap (a busy machine gets no table).
 */
export interface TimingPolicy {
  readonly minRuns: number;
  readonly maxRuns: number;
  /** Total time, warm-up included, that another round must fit in. */
  readonly budgetMs: number;
  /** Past this, the runs stop even before `minRuns`. */
  readonly capMs: number;
}

export const TIMING_POLICY: TimingPolicy = { minRuns: 3, maxRuns: 5, budgetMs: 1500, capMs: 5000 };

/**
 * Whether to time another round (one run of each version), given the rounds timed so far
 * and the time spent, warm-up included. Pure. When it says no before `minRuns`, the runs
 * are abandoned: the machine is too busy for a table.
 */
export function anotherRound(rounds: number, elapsedMs: number, policy: TimingPolicy = TIMING_POLICY): boolean {
  if (elapsedMs >= policy.capMs) return false;
  // The warm-up is a round too: the average round so far predicts the next ones.
  const perRound = elapsedMs / (rounds + 1);
  // The minimum is always timed, unless it cannot fit under the cap: then stop at once.
  if (rounds < policy.minRuns) return elapsedMs + (policy.minRuns - rounds) * perRound <= policy.capMs;
  return rounds < policy.maxRuns && elapsedMs + perRound <= policy.budgetMs;
}
