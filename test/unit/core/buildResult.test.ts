import { describe, expect, it } from 'vitest';
import { buildResult } from '../../../src/grader/buildResult.ts';
import type { WorkerEvent } from '../../../src/grader/protocol.ts';

const quiet = { text: '', truncated: false };
const loaded: WorkerEvent = { type: 'loaded', cases: ['first', 'second'] };

describe('buildResult', () => {
  it('passes when every case passed and the run finished', () => {
    const events: WorkerEvent[] = [
      loaded,
      { type: 'case-start', index: 0 },
      { type: 'case-end', index: 0, ok: true, ms: 2 },
      { type: 'case-start', index: 1 },
      { type: 'case-end', index: 1, ok: true, ms: 3 },
      { type: 'done' },
    ];
    expect(buildResult(events, { type: 'done' }, quiet)).toMatchObject({ passed: true, workMs: 5, summary: 'all 2 cases passed.' });
  });

  it('reports failed cases with the kind of the first failure', () => {
    const events: WorkerEvent[] = [
      loaded,
      { type: 'case-end', index: 0, ok: false, ms: 1, kind: 'wrong-result', message: 'f(1): expected 2, got 3.' },
      { type: 'case-end', index: 1, ok: true, ms: 1 },
      { type: 'done' },
    ];
    const result = buildResult(events, { type: 'done' }, quiet);
    expect(result).toMatchObject({ passed: false, kind: 'wrong-result', summary: '1 of 2 cases failed.' });
    expect(result.cases[0]).toMatchObject({ status: 'fail', message: 'f(1): expected 2, got 3.' });
  });

  it('names the case a timeout interrupted and marks the rest not run', () => {
    const events: WorkerEvent[] = [loaded, { type: 'case-start', index: 0 }];
    const result = buildResult(events, { type: 'timeout', ms: 1500 }, quiet);
    expect(result).toMatchObject({ passed: false, kind: 'timeout' });
    expect(result.summary).toContain('during "first"');
    expect(result.cases.map((c) => c.status)).toEqual(['fail', 'not-run']);
  });

  it('never passes a run that exited before its cases ran, even after a forged "done"', () => {
    expect(buildResult([], { type: 'exited', code: 0 }, quiet)).toMatchObject({ passed: false, kind: 'exited-early' });
    const forged: WorkerEvent[] = [loaded, { type: 'done' }];
    expect(buildResult(forged, { type: 'done' }, quiet).passed).toBe(false);
  });

  it('turns a load error into the verdict', () => {
    const events: WorkerEvent[] = [{ type: 'load-error', kind: 'missing-export', message: 'your file must export `f`' }];
    expect(buildResult(events, { type: 'done' }, quiet)).toMatchObject({ passed: false, kind: 'missing-export' });
  });

  it('reports out of memory and a killed process', () => {
    expect(buildResult([loaded], { type: 'out-of-memory' }, quiet).kind).toBe('out-of-memory');
    expect(buildResult([loaded], { type: 'killed', detail: 'it was killed by SIGKILL' }, quiet)).toMatchObject({ kind: 'crash' });
  });

  it('says how much memory was in use when the supervisor measured it', () => {
    const running: WorkerEvent[] = [loaded, { type: 'case-start', index: 0 }];
    const overCap = buildResult(running, { type: 'out-of-memory', usedMb: 1600, limitMb: 1536 }, quiet);
    expect(overCap).toMatchObject({ passed: false, kind: 'out-of-memory' });
    expect(overCap.summary).toMatch(/^ran out of memory during "first" \(it went over the limit of 1536 MiB, Buffers and ArrayBuffers included/);
    const full = buildResult(running, { type: 'out-of-memory', usedMb: 530, afterMs: 10_000 }, quiet);
    expect(full.summary).toMatch(/^ran out of memory during "first" \(530 MiB in use when its 10\.0 s were up: a heap that fills up/);
    expect(buildResult(running, { type: 'out-of-memory' }, quiet).summary).toBe('ran out of memory during "first": something keeps allocating without bound.');
  });

  it('says when the code exited: before the cases ran, or during which case', () => {
    expect(buildResult([], { type: 'exited', code: 1 }, quiet).summary).toMatch(/^your code exited \(exit code 1\) before its cases ran/);
    const during = buildResult([loaded, { type: 'case-start', index: 1 }], { type: 'exited', code: 0 }, quiet);
    expect(during).toMatchObject({ passed: false, kind: 'exited-early' });
    expect(during.summary).toMatch(/^your code exited \(exit code 0\) during "second", before the cases finished/);
  });
});

describe('buildResult with an earlier failure', () => {
  it('reports the first failed case, not the hang that came after it', () => {
    const events: WorkerEvent[] = [
      { type: 'loaded', cases: ['first', 'second'] },
      { type: 'case-end', index: 0, ok: false, ms: 1, kind: 'wrong-result', message: 'lost 3 updates' },
      { type: 'case-start', index: 1 },
    ];
    const result = buildResult(events, { type: 'timeout', ms: 1000 }, { text: '', truncated: false });
    expect(result).toMatchObject({ passed: false, kind: 'wrong-result' });
    expect(result.summary).toMatch(/^"first" failed; then timed out/);
  });
});

describe('buildResult with a timing side', () => {
  const quietRun = { text: '', truncated: false };
  const passedCases: WorkerEvent[] = [
    { type: 'loaded', cases: ['first'] },
    { type: 'case-start', index: 0 },
    { type: 'case-end', index: 0, ok: true, ms: 4 },
  ];
  const sample: WorkerEvent = {
    type: 'timing',
    sample: {
      work: 'fetch 8 URLs',
      bound: 'io',
      parallel: 4,
      cores: 2,
      loadAverage: 0.5,
      yours: { label: 'your fetchAll, limit 4', warmupMs: 70, runs: [60, 58, 62] },
      sequential: { label: 'your fetchAll, limit 1', warmupMs: 230, runs: [220, 230, 225] },
    },
  };

  it('carries the summarized timing with a pass, and leaves workMs to the cases', () => {
    const result = buildResult([...passedCases, { type: 'timing-start' }, sample, { type: 'done' }], { type: 'done' }, quietRun);
    expect(result).toMatchObject({ passed: true, workMs: 4, timing: { ideal: 4, yours: { medianMs: 60 }, sequential: { medianMs: 225 } } });
    expect(result.timing?.speedup).toBeCloseTo(225 / 60);
    expect(result.timingSkipped).toBeUndefined();
  });

  it('passes on the reason when the timing was skipped', () => {
    const skipped: WorkerEvent = { type: 'timing-skipped', reason: 'your version threw during a timing run: boom.' };
    const result = buildResult([...passedCases, { type: 'timing-start' }, skipped, { type: 'done' }], { type: 'done' }, quietRun);
    expect(result).toMatchObject({ passed: true, timingSkipped: 'your version threw during a timing run: boom.' });
    expect(result.timing).toBeUndefined();
  });

  it('keeps the pass when the timing runs hit the time limit or crash: timing never changes a verdict', () => {
    const started = [...passedCases, { type: 'timing-start' } as const];
    const late = buildResult(started, { type: 'timeout', ms: 10_000 }, quietRun);
    expect(late).toMatchObject({ passed: true, timingSkipped: "the timing runs were cut short: they ran into the check's time limit of 10.0 s." });
    expect(buildResult(started, { type: 'uncaught', message: 'Error: late' }, quietRun)).toMatchObject({ passed: true });
    expect(buildResult(started, { type: 'exited', code: 1 }, quietRun).passed).toBe(true);
  });

  it('never attaches timing to a failure, nor lets a timing event turn a failure into a pass', () => {
    const failed: WorkerEvent[] = [
      { type: 'loaded', cases: ['first'] },
      { type: 'case-end', index: 0, ok: false, ms: 1, kind: 'wrong-result', message: 'wrong' },
      { type: 'timing-start' },
      sample,
      { type: 'done' },
    ];
    const result = buildResult(failed, { type: 'done' }, quietRun);
    expect(result.passed).toBe(false);
    expect(result.timing).toBeUndefined();
    expect(result.timingSkipped).toBeUndefined();
  });

  it('has no timing fields when none was measured', () => {
    const result = buildResult([...passedCases, { type: 'done' }], { type: 'done' }, quietRun);
    expect(Object.keys(result)).not.toContain('timing');
    expect(Object.keys(result)).not.toContain('timingSkipped');
  });
});

describe('buildResult on a timeout with blocked threads', () => {
  const started: WorkerEvent[] = [loaded, { type: 'case-start', index: 0 }];
  const alice = { id: 3, name: 'alice' };
  const bob = { id: 4, name: 'bob' };

  it('reports a wait-for cycle as a deadlock, naming both threads, both locks and the cycle', () => {
    const blocked = [
      { thread: alice, on: { kind: 'mutex' as const, name: 'b' }, owner: bob },
      { thread: bob, on: { kind: 'mutex' as const, name: 'a' }, owner: alice },
    ];
    const result = buildResult(started, { type: 'timeout', ms: 2000, blocked }, quiet);
    expect(result).toMatchObject({ passed: false, kind: 'deadlock' });
    expect(result.summary).toBe(
      'deadlock during "first": thread 3 (worker "alice") holds a and waits for b; thread 4 (worker "bob") holds b and waits for a. Cycle: 3 → b → 4 → a → 3.',
    );
    expect(result.cases[0]).toMatchObject({ status: 'fail', kind: 'deadlock' });
  });

  it('keeps a timeout without a cycle a timeout, and says what the threads wait on', () => {
    const blocked = [{ thread: alice, on: { kind: 'event' as const, name: 'go' }, at: 'x.ts:3' }];
    const result = buildResult(started, { type: 'timeout', ms: 1500, blocked }, quiet);
    expect(result.kind).toBe('timeout');
    expect(result.summary).toMatch(/^timed out after 1\.5 s during "first": .* Blocked at that moment: thread 3 \(worker "alice"\) waits for event go to be set at x\.ts:3\.$/);
  });
});

describe('buildResult with unjoined workers', () => {
  const passed: WorkerEvent[] = [loaded, { type: 'case-end', index: 0, ok: true, ms: 1 }, { type: 'case-end', index: 1, ok: true, ms: 1 }];
  const at = { file: '/ws/02-threads/basics.ts', line: 12, column: 3 };

  it('fails a run whose cases passed as unjoined-worker, saying how many, where the first started, and with advice', () => {
    const result = buildResult([...passed, { type: 'unjoined', unjoined: 2, started: 3, location: at }, { type: 'done' }], { type: 'done' }, quiet);
    expect(result).toMatchObject({ passed: false, kind: 'unjoined-worker', location: at, advice: expect.stringMatching(/^Whoever starts a Worker owns its outcome/) });
    expect(result.summary).toBe(
      "every case passed, but 2 of the 3 workers your code started were never joined: nobody listened for their 'exit', 'error' or messages, " +
        'so their results and any errors they threw were lost (the first started at basics.ts:12).',
    );
  });

  it('words one worker, both and all, and leaves the place out when no stack gave it', () => {
    const summary = (unjoined: number, started: number) =>
      buildResult([...passed, { type: 'unjoined', unjoined, started }, { type: 'done' }], { type: 'done' }, quiet).summary;
    expect(summary(1, 1)).toBe(
      "every case passed, but the worker your code started was never joined: nobody listened for its 'exit', 'error' or messages, so its result and any error it threw were lost.",
    );
    expect(summary(1, 4)).toMatch(/^every case passed, but 1 of the 4 workers your code started was never joined: nobody listened for its /);
    expect(summary(2, 2)).toMatch(/^every case passed, but both workers your code started were never joined/);
    expect(summary(5, 5)).toMatch(/^every case passed, but all 5 workers your code started were never joined/);
  });

  it('lets a failed case and a leaked worker come first', () => {
    const unjoined: WorkerEvent = { type: 'unjoined', unjoined: 1, started: 1 };
    const failed: WorkerEvent[] = [loaded, { type: 'case-end', index: 0, ok: false, ms: 1, kind: 'wrong-result', message: 'f(): expected 1, got 2.' }];
    expect(buildResult([...failed, unjoined, { type: 'done' }], { type: 'done' }, quiet).kind).toBe('wrong-result');
    expect(buildResult([...passed, { type: 'leaked', running: 1, started: 1 }, unjoined, { type: 'done' }], { type: 'done' }, quiet).kind).toBe('leaked-worker');
  });
});
