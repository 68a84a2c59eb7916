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
    expect(describeError(42, isLearner)).toEqual({ kind: 'crash', message: expect.stringMatching(/^your code threw the number 42 instead of an Error;/) });
  });

  it('names thrown values that are not Errors without running their code', () => {
    const message = (value: unknown): string => describeError(value, isLearner).message;
    expect(message('nope')).toMatch(/^your code threw the string "nope" instead of an Error; throw new Error/);
    expect(message(undefined)).toMatch(/^your code threw undefined instead of an Error/);
    expect(message(null)).toMatch(/^your code threw null instead/);
    expect(message(Symbol('s'))).toMatch(/^your code threw the symbol s instead/);
    expect(message(10n)).toMatch(/^your code threw the bigint 10 instead/);
    expect(message('x'.repeat(500))).toContain(`"${'x'.repeat(200)}…"`);
    const hostile = {
      code: 7,
      toString(): string {
        throw new Error('no toString');
      },
      [Symbol.for('nodejs.util.inspect.custom')](): string {
        throw new Error('no inspect');
      },
      get trap(): number {
        throw new Error('no getter');
      },
    };
    expect(message(hostile)).toMatch(/^your code threw an object \{ code: 7,/);
    expect(message(hostile)).not.toContain('[object Object]');
    expect(message(() => 1)).toMatch(/^your code threw a function /);
    for (const value of ['nope', undefined, hostile]) expect(describeError(value, isLearner).kind).toBe('crash');
  });

  it('reports a value grown past the largest size V8 allows as out of memory, but not a bad length', () => {
    const grown = new RangeError('Invalid array length');
    grown.stack = `RangeError: Invalid array length\n    at Array.push (<anonymous>)\n    at answer (file://${learner}:4:20)`;
    expect(describeError(grown, isLearner)).toEqual({
      kind: 'out-of-memory',
      message: expect.stringMatching(/^ran out of memory: a value grew past the largest size JavaScript allows \(RangeError: Invalid array length\)/),
      location: { file: learner, line: 4, column: 20 },
    });
    expect(describeError(new RangeError('Map maximum size exceeded'), isLearner).kind).toBe('out-of-memory');
    const negative = new RangeError('Invalid array length');
    negative.stack = `RangeError: Invalid array length\n    at answer (file://${learner}:2:9)`;
    expect(describeError(negative, isLearner)).toMatchObject({ kind: 'crash', message: 'your code threw RangeError: Invalid array length' });
  });

  it("describes an error a worker's 'error' event rebuilt (on Error.prototype, not native) as the error it was", () => {
    const rebuilt = Object.assign(Object.create(Error.prototype) as Error, {
      name: 'Error',
      message: 'task 1 failed',
      stack: 'Error: task 1 failed\n    at task (/ws/x.ts:3:9)',
    });
    expect(describeError(rebuilt, (file) => file === '/ws/x.ts')).toEqual({
      kind: 'crash',
      message: 'your code threw Error: task 1 failed',
      location: { file: '/ws/x.ts', line: 3, column: 9 },
    });
  });

  it('never throws, even for an Error whose fields throw when read', () => {
    const error = new Error('x');
    Object.defineProperty(error, 'message', {
      get() {
        throw new Error('no message');
      },
    });
    expect(describeError(error, isLearner)).toEqual({ kind: 'crash', message: expect.stringMatching(/cannot even be read/) });
  });

  it('recognises check failures even when Error.prototype and Symbol.hasInstance are tampered with', () => {
    const failure = new CheckFailure('f(1): expected 2, got 3.');
    const original = Object.getOwnPropertyDescriptor(Error, Symbol.hasInstance);
    Object.defineProperty(Error, Symbol.hasInstance, { value: () => false, configurable: true });
    (Object.prototype as Record<string, unknown>)['race'] = () => 'polluted';
    try {
      expect(describeError(failure, isLearner)).toEqual({ kind: 'wrong-result', message: 'f(1): expected 2, got 3.' });
    } finally {
      delete (Object.prototype as Record<string, unknown>)['race'];
      if (original) Object.defineProperty(Error, Symbol.hasInstance, original);
      else delete (Error as unknown as Record<symbol, unknown>)[Symbol.hasInstance];
    }
  });

  it("keeps a check failure's own kind and its race statistics", () => {
    expect(describeError(new CheckFailure('blocked for 812 ms', 'event-loop-stall'), isLearner)).toEqual({ kind: 'event-loop-stall', message: 'blocked for 812 ms' });
    const race = { runs: 20, failedRuns: 4, updates: 100, lost: 9 };
    expect(describeError(new CheckFailure('lost 9 of 100 updates', 'wrong-result', race), isLearner)).toEqual({ kind: 'wrong-result', message: 'lost 9 of 100 updates', race });
  });

  it("turns the sandbox's refusals into one sentence that says what was refused", () => {
    const refused = (permission: string, resource: string): Error =>
      Object.assign(new Error('Access to this API has been restricted'), { code: 'ERR_ACCESS_DENIED', permission, resource });
    expect(describeError(refused('FileSystemWrite', '/ws/.threadlings/progress.json'), isLearner).message).toBe(
      'your code tried to write /ws/.threadlings/progress.json; a check may write only under os.tmpdir() (a scratch folder of its own), never your progress, the course or the cache.',
    );
    expect(describeError(refused('ChildProcess', ''), isLearner)).toMatchObject({ kind: 'crash', message: expect.stringMatching(/^your code tried to start a process, and checks of this exercise may not/) });
    expect(describeError(refused('WorkerThreads', ''), isLearner).message).toContain("the grader's sandbox refused your code");
    expect(describeError(refused('TypeScript', '/elsewhere/far.ts'), isLearner).message).toMatch(/^\/elsewhere\/far\.ts cannot be loaded under the grader's sandbox: .* move the file there\.$/);
  });
});
