import { describe, expect, it } from 'vitest';
import { measureTiming } from '../../../src/check/measureTiming.ts';
import type { TimingSide } from '../../../src/check/timingSide.ts';
import type { WorkerEvent } from '../../../src/grader/protocol.ts';

interface Fake {
  fast(): Promise<number>;
}

const exercise: Fake = { fast: () => Promise.resolve(1) };

function side(prepare: TimingSide<Fake>['prepare']): TimingSide<Fake> {
  return { bound: 'io', parallel: 4, work: 'nothing much', yours: 'your fast', sequential: 'one at a time', prepare };
}

async function eventsOf(timing: TimingSide<Fake>): Promise<WorkerEvent[]> {
  const events: WorkerEvent[] = [];
  await measureTiming(timing, exercise, (event) => events.push(event));
  return events;
}

describe('measureTiming', () => {
  it('announces the timing, then sends one warm-up and at least 3 runs of each version, and closes', async () => {
    const calls = { yours: 0, sequential: 0, close: 0 };
    const events = await eventsOf(
      side((ex) => ({
        yours: () => ((calls.yours += 1), ex.fast()),
        sequential: () => void (calls.sequential += 1),
        close: () => void (calls.close += 1),
      })),
    );
    expect(events.map((e) => e.type)).toEqual(['timing-start', 'timing']);
    const timing = events[1];
    if (timing?.type !== 'timing') throw new Error('no timing event');
    const { sample } = timing;
    expect(sample).toMatchObject({ work: 'nothing much', bound: 'io', parallel: 4, yours: { label: 'your fast' }, sequential: { label: 'one at a time' } });
    expect(sample.yours.runs.length).toBeGreaterThanOrEqual(3);
    expect(sample.yours.runs).toHaveLength(sample.sequential.runs.length);
    expect(calls).toEqual({ yours: sample.yours.runs.length + 1, sequential: sample.sequential.runs.length + 1, close: 1 });
    expect(sample.cores).toBeGreaterThanOrEqual(1);
  });

  it('times the start-up row as often as the others when the check has one', async () => {
    let startups = 0;
    const timing: TimingSide<Fake> = {
      ...side(() => ({ yours: () => undefined, sequential: () => undefined, startup: () => void (startups += 1) })),
      startup: 'your fast, on nothing',
    };
    const [, event] = await eventsOf(timing);
    if (event?.type !== 'timing') throw new Error('no timing event');
    expect(event.sample.startup?.label).toBe('your fast, on nothing');
    expect(event.sample.startup?.runs).toHaveLength(event.sample.yours.runs.length);
    expect(startups).toBe(event.sample.yours.runs.length + 1);
  });

  it('skips the table with one sentence when the learner code throws, and still closes', async () => {
    let closed = false;
    const events = await eventsOf(
      side(() => ({
        yours: () => Promise.reject(new Error('socket hang up')),
        sequential: () => undefined,
        close: () => void (closed = true),
      })),
    );
    expect(events).toEqual([{ type: 'timing-start' }, { type: 'timing-skipped', reason: 'your version threw during a timing run: socket hang up.' }]);
    expect(closed).toBe(true);
  });

  it('skips the table when the timing cannot be set up', async () => {
    const events = await eventsOf(
      side(() => {
        throw new Error('listen EADDRINUSE');
      }),
    );
    expect(events[1]).toEqual({ type: 'timing-skipped', reason: 'the timing runs could not be set up: listen EADDRINUSE.' });
  });
});
