import { describe, expect, it } from 'vitest';
import { isOutOfMemory, memoryCapMb, watchMemory } from '../../../src/grader/memoryWatch.ts';

const at = (rssMb: number, startMb = 100, recentGrowthMb = 0) => ({ rssMb, startMb, recentGrowthMb });

describe('memoryCapMb', () => {
  it('allows the heap twice over plus 512 MiB for buffers', () => {
    expect(memoryCapMb(512)).toBe(1536);
    expect(memoryCapMb(256)).toBe(1024);
  });
});

describe('isOutOfMemory', () => {
  it('while running, only past the cap counts, however fast it grows', () => {
    expect(isOutOfMemory(at(1536), 512, 'running')).toBe(false);
    expect(isOutOfMemory(at(1537), 512, 'running')).toBe(true);
    expect(isOutOfMemory(at(900, 100, 500), 512, 'running')).toBe(false);
  });

  it('when the time runs out, three quarters of the heap in use counts, growing or not', () => {
    expect(isOutOfMemory(at(384), 512, 'timeout')).toBe(false);
    expect(isOutOfMemory(at(385), 512, 'timeout')).toBe(true);
    expect(isOutOfMemory(at(2000), 512, 'timeout')).toBe(true);
  });

  it('when the time runs out, a quarter of the heap allocated since the start counts only while it still grows', () => {
    expect(isOutOfMemory(at(300, 100, 40), 512, 'timeout')).toBe(true);
    // Many threads started, then stuck: high but flat.
    expect(isOutOfMemory(at(300, 100, 2), 512, 'timeout')).toBe(false);
    // An endless loop that allocates a little.
    expect(isOutOfMemory(at(180, 100, 40), 512, 'timeout')).toBe(false);
    expect(isOutOfMemory(at(110), 512, 'timeout')).toBe(false);
  });
});

describe('watchMemory', () => {
  it('calls back once this process is over the cap, and never when stopped first', async () => {
    const seen: number[] = [];
    // A negative heap size puts the cap below any process, so the first sample is over it.
    const watch = watchMemory(-10_000, (reading) => seen.push(reading.rssMb), 5);
    await new Promise((resolve) => setTimeout(resolve, 60));
    watch.stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThan(0);
    const never: number[] = [];
    watchMemory(-10_000, (reading) => never.push(reading.rssMb), 5).stop();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(never).toEqual([]);
  });

  it('reads growth since the job started and over the last second', async () => {
    const watch = watchMemory(512, () => undefined, 5);
    watch.jobStarted();
    const first = watch.reading();
    expect(first.rssMb).toBeGreaterThan(0);
    const kept = Buffer.alloc(64 * 1024 * 1024, 1);
    const after = watch.reading();
    watch.stop();
    expect(kept.length).toBe(64 * 1024 * 1024);
    expect(after.rssMb - after.startMb).toBeGreaterThan(48);
    expect(after.recentGrowthMb).toBeGreaterThan(48);
  });
});
