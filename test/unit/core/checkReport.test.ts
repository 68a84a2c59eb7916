import { describe, expect, it } from 'vitest';
import type { Exercise } from '../../../src/course/types.ts';
import { buildResult } from '../../../src/grader/buildResult.ts';
import type { WorkerEvent } from '../../../src/grader/protocol.ts';
import { createPalette } from '../../../src/render/palette.ts';
import { renderCheckReport } from '../../../src/render/checkReport.ts';

const exercise = { id: 'deadlocks/transfers' } as Exercise;
const palette = createPalette(false);
const quiet = { text: '', truncated: false };
const started: WorkerEvent[] = [{ type: 'loaded', cases: ['two tellers'] }, { type: 'case-start', index: 0 }];

describe('renderCheckReport with failure kinds', () => {
  it('labels a deadlock and shows the advice for it before the hint command', () => {
    const blocked = [
      { thread: { id: 2, name: 'alice' }, on: { kind: 'mutex' as const, name: 'b' }, owner: { id: 3 } },
      { thread: { id: 3 }, on: { kind: 'mutex' as const, name: 'a' }, owner: { id: 2, name: 'alice' } },
    ];
    const lines = renderCheckReport(exercise, buildResult(started, { type: 'timeout', ms: 3000, blocked }, quiet), palette).split('\n');
    expect(lines[0]).toBe(
      '✗ FAIL deadlocks/transfers [deadlock]: deadlock during "two tellers": thread 2 (worker "alice") holds a and waits for b; ' +
        'thread 3 holds b and waits for a. Cycle: 2 → b → 3 → a → 2.',
    );
    expect(lines.at(-2)).toMatch(/^ {2}Advice: Take locks in one global order/);
    expect(lines.at(-1)).toBe('  Stuck? npx threadlings hint deadlocks/transfers');
  });

  it('labels an event-loop stall reported by a case', () => {
    const events: WorkerEvent[] = [
      ...started,
      { type: 'case-end', index: 0, ok: false, ms: 900, kind: 'event-loop-stall', message: 'the event loop was blocked for 812 ms while it should have been serving I/O' },
      { type: 'done' },
    ];
    const report = renderCheckReport(exercise, buildResult(events, { type: 'done' }, quiet), palette);
    expect(report).toContain('[event-loop stall]: 1 of 1 cases failed.');
    expect(report).toContain('Advice: Move CPU-heavy work off the calling thread');
  });

  it('shows no advice on a pass', () => {
    const events: WorkerEvent[] = [...started, { type: 'case-end', index: 0, ok: true, ms: 1 }, { type: 'done' }];
    const result = buildResult(events, { type: 'done' }, quiet);
    expect(result.advice).toBeUndefined();
    expect(renderCheckReport(exercise, result, palette)).not.toContain('Advice');
  });
});
