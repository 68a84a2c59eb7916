import { describe, expect, it } from 'vitest';
import { anotherRound, TIMING_POLICY, type TimingPolicy } from '../../../src/check/timingSchedule.ts';

const policy: TimingPolicy = { minRuns: 3, maxRuns: 5, budgetMs: 1500, capMs: 5000 };

describe('anotherRound', () => {
  it('always times the minimum number of rounds, however slow, while they fit under the cap', () => {
    expect(anotherRound(0, 0, policy)).toBe(true);
    // warm-up of 1200 ms: 3 rounds more end at 4800 ms, under the 5000 ms cap.
    expect(anotherRound(0, 1200, policy)).toBe(true);
    expect(anotherRound(2, 3600, policy)).toBe(true);
  });

  it('gives up at once when the minimum cannot fit under the cap (a busy machine)', () => {
    // warm-up of 1300 ms: the 3 rounds would end at 5200 ms.
    expect(anotherRound(0, 1300, policy)).toBe(false);
    expect(anotherRound(2, 4000, policy)).toBe(false);
    expect(anotherRound(2, 5000, policy)).toBe(false);
  });

  it('adds rounds while the next one (predicted from the average so far) fits the budget', () => {
    // warm-up + 3 rounds of 250 ms: 1000 ms spent, a fifth 250 ms round still fits 1500 ms.
    expect(anotherRound(3, 1000, policy)).toBe(true);
    // warm-up + 4 rounds of 300 ms: 1500 ms spent, nothing more fits.
    expect(anotherRound(4, 1500, policy)).toBe(false);
    // warm-up + 3 rounds of 400 ms: 1600 ms, over the budget already.
    expect(anotherRound(3, 1600, policy)).toBe(false);
  });

  it('stops at the maximum number of rounds, however fast they are', () => {
    expect(anotherRound(4, 10, policy)).toBe(true);
    expect(anotherRound(5, 12, policy)).toBe(false);
  });

  it('uses at least 3 runs of each version by default, as the table promises', () => {
    expect(TIMING_POLICY.minRuns).toBeGreaterThanOrEqual(3);
    expect(TIMING_POLICY.capMs).toBeGreaterThan(TIMING_POLICY.budgetMs);
  });
});
