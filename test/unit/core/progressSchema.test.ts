import { describe, expect, it } from 'vitest';
import { checkExerciseProgress, checkLessonProgress } from '../../../src/progress/progressSchema.ts';

describe('the checks of progress.json entries', () => {
  it('keeps a valid exercise entry, with only the fields it knows', () => {
    const entry = { status: 'done', attempts: 3, startedAt: 'a', firstPassAt: 'b', lastCheckedAt: 'c', bestMs: 12.5, hintsShown: 0, extra: true };
    expect(checkExerciseProgress(entry)).toEqual({
      ok: true,
      value: { status: 'done', attempts: 3, startedAt: 'a', firstPassAt: 'b', lastCheckedAt: 'c', bestMs: 12.5, hintsShown: 0 },
    });
    expect(checkExerciseProgress({ status: 'pending', attempts: 0 })).toEqual({ ok: true, value: { status: 'pending', attempts: 0 } });
  });

  it.each([
    ['not an object', 'x', 'expected an object'],
    ['a list', [], 'expected an object'],
    ['null', null, 'expected an object'],
    ['no status', { attempts: 1 }, 'status: missing'],
    ['an unknown status', { status: 'won', attempts: 1 }, 'status: expected one of "pending", "failing", "done"'],
    ['no attempts', { status: 'done' }, 'attempts: missing'],
    ['negative attempts', { status: 'done', attempts: -1 }, 'attempts: expected a whole number of 0 or more'],
    ['fractional attempts', { status: 'done', attempts: 1.5 }, 'attempts: expected a whole number of 0 or more'],
    ['attempts as text', { status: 'done', attempts: '2' }, 'attempts: expected a whole number of 0 or more'],
    ['a date that is a number', { status: 'done', attempts: 1, firstPassAt: 5 }, 'firstPassAt: expected a string'],
    ['a negative time', { status: 'done', attempts: 1, bestMs: -3 }, 'bestMs: expected a number of 0 or more'],
    ['hints as a fraction', { status: 'done', attempts: 1, hintsShown: 0.5 }, 'hintsShown: expected a whole number of 0 or more'],
  ])('names what is wrong with an exercise entry: %s', (_, entry, problem) => {
    expect(checkExerciseProgress(entry)).toEqual({ ok: false, problem });
  });

  it('checks lesson entries', () => {
    expect(checkLessonProgress({ readAt: '2026-12-07T10:00:00.000Z', other: 1 })).toEqual({ ok: true, value: { readAt: '2026-12-07T10:00:00.000Z' } });
    expect(checkLessonProgress({})).toEqual({ ok: true, value: {} });
    expect(checkLessonProgress({ readAt: 5 })).toEqual({ ok: false, problem: 'readAt: expected a string' });
  });
});
