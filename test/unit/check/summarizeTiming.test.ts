import { describe, expect, it } from 'vitest';
import { idealOf, summarizeTiming } from '../../../src/check/summarizeTiming.ts';
import type { TimingSample } from '../../../src/grader/protocol.ts';

function sample(extra: Partial<TimingSample> = {}, yours = [110, 100, 130], sequential = [200, 210, 190]): TimingSample {
  return {
    work: 'count the primes below 2,000,000',
    bound: 'cpu',
    cores: 2,
    loadAverage: 0.4,
    yours: { label: 'your countPrimesParallel', warmupMs: 150, runs: yours },
    sequential: { label: 'the same count on one thread', warmupMs: 220, runs: sequential },
    ...extra,
  };
}

describe('idealOf', () => {
  it('CPU work: the cores, or fewer threads when the work caps them', () => {
    expect(idealOf({ bound: 'cpu', cores: 2 })).toEqual({ ideal: 2, reason: '2 cores' });
    expect(idealOf({ bound: 'cpu', cores: 8, parallel: 4 })).toEqual({ ideal: 4, reason: '4 threads at a time, on 8 cores' });
    expect(idealOf({ bound: 'cpu', cores: 2, parallel: 4 })).toEqual({ ideal: 2, reason: '2 cores' });
    expect(idealOf({ bound: 'cpu', cores: 1 })).toEqual({ ideal: 1, reason: '1 core' });
  });

  it('waiting: full overlap of as many waits as may run at once, whatever the cores', () => {
    expect(idealOf({ bound: 'io', cores: 2, parallel: 4 })).toEqual({ ideal: 4, reason: '4 waits at a time, fully overlapped' });
  });
});

describe('summarizeTiming', () => {
  it('keeps the raw runs and adds medians, spread, speed-up, ideal and efficiency', () => {
    const result = summarizeTiming(sample());
    expect(result.yours).toEqual({ label: 'your countPrimesParallel', warmupMs: 150, runs: [110, 100, 130], medianMs: 110, minMs: 100, maxMs: 130 });
    expect(result.sequential).toMatchObject({ runs: [200, 210, 190], medianMs: 200, minMs: 190, maxMs: 210 });
    expect(result.speedup).toBeCloseTo(200 / 110);
    expect(result).toMatchObject({ ideal: 2, idealReason: '2 cores', work: 'count the primes below 2,000,000', cores: 2 });
    expect(result.efficiency).toBeCloseTo(200 / 110 / 2);
    expect(result.notes).toEqual([]);
    expect(Object.keys(result)).not.toContain('startup');
  });

  it('summarizes the start-up row too, when there is one', () => {
    const result = summarizeTiming({ ...sample(), startup: { label: 'your countPrimesParallel(2)', warmupMs: 90, runs: [80, 70, 75] } });
    expect(result.startup).toEqual({ label: 'your countPrimesParallel(2)', warmupMs: 90, runs: [80, 70, 75], medianMs: 75, minMs: 70, maxMs: 80 });
  });

  it('says in one line when the machine is busy and the speed-up falls short', () => {
    const busy = summarizeTiming(sample({ loadAverage: 5.1 }, [140, 150, 145]));
    expect(busy.notes).toEqual([
      'This machine is busy (1-minute load average 5.1 on 2 cores): other programs share the cores, so the times are slower and noisier than on an idle machine.',
    ]);
    expect(summarizeTiming(sample({ loadAverage: 5.1 })).notes).toEqual([]);
  });

  it('names a costly start-up, measured, when it explains the shortfall', () => {
    const startup = { label: 'your countPrimesParallel(2)', warmupMs: 200, runs: [180, 190, 170] };
    const slow = summarizeTiming(sample({ startup }, [300, 280, 290]));
    expect(slow.notes).toEqual([
      'Your version spends about 180 of its 290 ms getting started (the start-up row), before any work is shared out: threads started once and reused (a pool, lesson 09), or more work per start, pay that back.',
    ]);
    expect(summarizeTiming(sample({ startup, loadAverage: 3 }, [300, 280, 290])).notes).toHaveLength(2);
    // A cheap start-up is not the explanation: the generic line stays.
    const cheap = summarizeTiming(sample({ startup: { ...startup, runs: [20, 20, 20] } }, [400, 380, 420]));
    expect(cheap.notes).toEqual([expect.stringMatching(/^Far below the ideal: part of your version still runs one piece after another/)]);
  });

  it('on a quiet machine, names what in the code makes the speed-up far below the ideal', () => {
    expect(summarizeTiming(sample({}, [140, 150, 145])).notes).toEqual([]);
    expect(summarizeTiming(sample({}, [400, 380, 420])).notes[0]).toMatch(/^Far below the ideal: part of your version still runs one piece after another/);
    const io = summarizeTiming(sample({ bound: 'io', parallel: 4 }, [150, 150, 150]));
    expect(io.notes).toEqual(['Far below the ideal: fewer waits overlap in your version than the limit allows.']);
  });

  it('says so when the learner beats the ideal: less work, not more parallelism', () => {
    expect(summarizeTiming(sample({}, [20, 21, 22])).notes).toEqual([expect.stringMatching(/^Faster than the ideal: your version does less work/)]);
  });
});
