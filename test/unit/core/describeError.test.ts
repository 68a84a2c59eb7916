import { describe, expect, it } from 'vitest';
import { CheckFailure } from '../../../src/check/index.ts';
import { describeError, locateInStack } from '../../../src/grader/describeError.ts';

const learner = '/ws/02-threads/join.ts';
const isLearner = (file: string): boolean => file === learner;

describe('locateInStack', () => {
  it('finds the first frame in the learner file, with or without file URLs', () => {
    const stack = [
      'TypeError: boom',
      '    at inner (file:///pkg/dist/check/index.js:10:5)',
      `    at join (file://${learner}:12:7)`,
      `    at ${learner}:3:1`,
    ].join('\n');
    expect(locateInStack(stack, isLearner)).toEqual({ file: learner, line: 12, column: 7 });
    expect(locateInStack(`Error\n    at ${learner}:3:1`, isLearner)).toEqual({ file: learner, line: 3, column: 1 });
    expect(locateInStack('Error: no frames', isLearner)).toBeUndefined();
  });
});

describe('describeError', () => {
  it('separates wrong results from crashes and odd throws', () => {
    expect(describeError(new CheckFailure('f(1): expected 2, got 3.'), isLearner)).toEqual({ kind: 'wrong-result', message: 'f(1): expected 2, got 3.' });
    const crash = new RangeError('too far');
    crash.stack = `RangeError: too far\n    at f (file://${learner}:5:9)`;
    expect(describeError(crash, isLearner)).toEqual({
      kind: 'crash',
      message: 'your code threw RangeError: too far',
      location: { file: learner, line: 5, column: 9 },
    });
    expect(describeError(42, isLearner)).toEqual({ kind: 'crash', message: 'your code threw a value that is not an Error: 42' });
  });

  it("keeps a check failure's own kind and its race statistics", () => {
    expect(describeError(new CheckFailure('blocked for 812 ms', 'event-loop-stall'), isLearner)).toEqual({ kind: 'event-loop-stall', message: 'blocked for 812 ms' });
    const race = { runs: 20, failedRuns: 4, updates: 100, lost: 9 };
    expect(describeError(new CheckFailure('lost 9 of 100 updates', 'wrong-result', race), isLearner)).toEqual({ kind: 'wrong-result', message: 'lost 9 of 100 updates', race });
  });
});
