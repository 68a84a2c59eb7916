import { describe, expect, it } from 'vitest';
import { efficiency, idealSpeedup, median, speedup, spread } from '../../../src/bench/stats.ts';

describe('bench statistics', () => {
  it('median: the middle value, the mean of the two middle values, NaN for nothing', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('median does not reorder its input', () => {
    const runs = [5, 1, 4];
    median(runs);
    expect(runs).toEqual([5, 1, 4]);
  });

  it('spread: median, min and max of the runs', () => {
    expect(spread([110, 100, 130, 90, 120])).toEqual({ medianMs: 110, minMs: 90, maxMs: 130 });
    expect(spread([]).medianMs).toBeNaN();
  });

  it('speedup: baseline over time', () => {
    expect(speedup(400, 200)).toBe(2);
    expect(speedup(400, 800)).toBe(0.5);
    expect(speedup(400, 0)).toBeNaN();
    expect(speedup(Number.NaN, 100)).toBeNaN();
  });

  it('efficiency: speedup over the ideal', () => {
    expect(efficiency(1.8, 2)).toBeCloseTo(0.9);
    expect(efficiency(16, 16)).toBe(1);
    expect(efficiency(1, 0)).toBeNaN();
  });

  it('ideal for CPU-bound work: the cores, or the tasks if fewer, rounded to whole tasks per core', () => {
    expect(idealSpeedup({ tasks: 16, ioMs: 0, cpuMs: 25 }, 2)).toBe(2);
    expect(idealSpeedup({ tasks: 16, ioMs: 0, cpuMs: 25 }, 8)).toBe(8);
    expect(idealSpeedup({ tasks: 1, ioMs: 0, cpuMs: 25 }, 4)).toBe(1);
    expect(idealSpeedup({ tasks: 3, ioMs: 0, cpuMs: 10 }, 2)).toBe(1.5); // 2 rounds of work on 2 cores
  });

  it('ideal for I/O-bound work: full overlap, whatever the cores', () => {
    expect(idealSpeedup({ tasks: 16, ioMs: 100, cpuMs: 0 }, 2)).toBe(16);
    expect(idealSpeedup({ tasks: 16, ioMs: 100, cpuMs: 0 }, 64)).toBe(16);
  });

  it('ideal for mixed work: waits overlapped, then the computing shared over the cores', () => {
    // 16 x (40 + 20) = 960 ms at best becomes 40 + 8 x 20 = 200 ms
    expect(idealSpeedup({ tasks: 16, ioMs: 40, cpuMs: 20 }, 2)).toBeCloseTo(4.8);
    expect(idealSpeedup({ tasks: 0, ioMs: 40, cpuMs: 20 }, 2)).toBe(1);
  });
});
