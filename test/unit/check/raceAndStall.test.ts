import { describe, expect, it } from 'vitest';
import { assertions, CheckFailure, describeRace, describeStall, repeatRuns, watchEventLoop, type LoopWatch } from '../../../src/check/index.ts';

describe('repeatRuns and noLostUpdates', () => {
  it('runs every round in order and totals updates, losses and failed runs', async () => {
    const seen: number[] = [];
    const stats = await repeatRuns(4, (run) => {
      seen.push(run);
      return { updates: 1000, lost: run % 2 === 0 ? 10 * run : 0 };
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(stats).toMatchObject({ runs: 4, failedRuns: 2, updates: 4000, lost: 60 });
    expect(stats.tallies).toHaveLength(4);
    expect(describeRace(stats)).toBe('lost 60 of 4,000 updates, failed in 2 of 4 runs');
  });

  it('lets a run fail without a lost update', async () => {
    const stats = await repeatRuns(2, async (run) => ({ updates: 5, lost: 0, failed: run === 2 }));
    expect(stats.failedRuns).toBe(1);
  });

  it('refuses a run count that is not a whole number >= 1', async () => {
    await expect(repeatRuns(0, () => ({ updates: 0, lost: 0 }))).rejects.toThrow(/whole number of runs >= 1, got 0/);
  });

  it('fails with the statistics attached, and passes when nothing was lost', async () => {
    const lossy = await repeatRuns(3, (run) => ({ updates: 1_000_000, lost: run === 3 ? 1234 : 0 }));
    let failure: unknown;
    try {
      assertions.noLostUpdates(lossy, ' (2 workers).');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CheckFailure);
    expect(failure).toMatchObject({
      kind: 'wrong-result',
      message: 'lost 1,234 of 3,000,000 updates, failed in 1 of 3 runs (2 workers).',
      race: { runs: 3, failedRuns: 1, updates: 3_000_000, lost: 1234 },
    });
    expect(Object.keys((failure as CheckFailure).race ?? {})).toEqual(['runs', 'failedRuns', 'updates', 'lost']);
    expect(() => assertions.noLostUpdates({ runs: 3, failedRuns: 0, updates: 10, lost: 0 }, '')).not.toThrow();
  });
});

describe('watchEventLoop and noStall', () => {
  const watch = (longestStallMs: number, tookMs: number): LoopWatch<number> => ({ result: 1, longestStallMs, tookMs, ticks: 3, tickMs: 10 });
  const limits = { maxMs: 200, maxShare: 0.25, what: 'work()' };

  it('measures a stall of a blocked event loop, and returns the result', async () => {
    const watched = await watchEventLoop(async () => {
      const until = performance.now() + 60;
      while (performance.now() < until); // blocks this thread's event loop
      return 42;
    }, 5);
    expect(watched.result).toBe(42);
    expect(watched.longestStallMs).toBeGreaterThanOrEqual(60);
    expect(watched.tookMs).toBeGreaterThanOrEqual(watched.longestStallMs);
  });

  it('fails as an event-loop stall only over both limits, saying how long the loop was blocked', () => {
    expect(() => assertions.noStall(watch(150, 160), limits, '')).not.toThrow();
    expect(() => assertions.noStall(watch(300, 6000), limits, '')).not.toThrow();
    let failure: unknown;
    try {
      assertions.noStall(watch(812.4, 836), limits, '; run it in a Worker.');
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({
      kind: 'event-loop-stall',
      message:
        'the event loop was blocked for 812 ms while it should have been serving I/O: a timer due every 10 ms waited that long, ' +
        '97% of the 836 ms that work() took (it ticked 3 times in all); run it in a Worker.',
    });
    expect(describeStall(watch(5, 0), 'x')).toContain('100% of the 0 ms');
  });
});
