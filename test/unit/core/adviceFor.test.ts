import { describe, expect, it } from 'vitest';
import { adviceFor } from '../../../src/grader/adviceFor.ts';
import type { CaseResult } from '../../../src/grader/protocol.ts';

const failed: CaseResult = { name: 'a', status: 'fail', kind: 'wrong-result', message: 'expected 2, got 3.' };
const raced: CaseResult = { ...failed, race: { runs: 20, failedRuns: 3, updates: 1000, lost: 7 } };

describe('adviceFor', () => {
  it('gives each concurrency failure kind its own advice', () => {
    expect(adviceFor('deadlock', [])).toMatch(/^Take locks in one global order/);
    expect(adviceFor('timeout', [])).toMatch(/^Find the wait that nobody ends/);
    expect(adviceFor('leaked-worker', [])).toMatch(/^A worker runs, and keeps the program alive, until its code ends or someone ends it/);
    expect(adviceFor('event-loop-stall', [])).toMatch(/^Move CPU-heavy work off the calling thread/);
    expect(adviceFor('unjoined-worker', [])).toMatch(/^Whoever starts a Worker owns its outcome: wrap its 'message', 'error' and 'exit' events in a Promise and await it/);
  });

  it('advises on races only for a wrong result that carries race statistics', () => {
    expect(adviceFor('wrong-result', [raced])).toMatch(/^Make every read-modify-write of shared memory one atomic step/);
    expect(adviceFor('wrong-result', [failed])).toBeUndefined();
  });

  it('has nothing general to say about a crash, a syntax error or a pass', () => {
    expect(adviceFor('crash', [])).toBeUndefined();
    expect(adviceFor('syntax-error', [])).toBeUndefined();
    expect(adviceFor(undefined, [])).toBeUndefined();
  });
});
