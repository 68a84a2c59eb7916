import { describe, expect, it } from 'vitest';
import { migrateProgress } from '../../../src/progress/migrateProgress.ts';
import { PROGRESS_SCHEMA } from '../../../src/progress/progressSchema.ts';

describe('migrateProgress', () => {
  it('keeps a valid current file as it is', () => {
    const json = { schema: 1, exercises: { 'a/b': { status: 'done', attempts: 3, bestMs: 2 } }, lessons: { a: { readAt: '2026-01-01T00:00:00.000Z' } } };
    expect(migrateProgress(json)).toEqual({ ok: true, progress: json, from: 1, dropped: [] });
  });

  it('turns the pre-release layout (version 0, a list of done ids) into done exercises with one attempt', () => {
    expect(migrateProgress({ version: 0, done: ['basics/add', 'threads/join'] })).toEqual({
      ok: true,
      from: 0,
      dropped: [],
      progress: {
        schema: PROGRESS_SCHEMA,
        exercises: { 'basics/add': { status: 'done', attempts: 1 }, 'threads/join': { status: 'done', attempts: 1 } },
        lessons: {},
      },
    });
    expect(migrateProgress({ version: 0, done: 'basics/add' })).toMatchObject({ ok: false, problem: expect.stringContaining('done') });
  });

  it('recognises a newer schema without touching it', () => {
    expect(migrateProgress({ schema: 99, whatever: true })).toEqual({ ok: false, problem: expect.stringContaining('newer'), newerSchema: 99 });
  });

  it('drops the invalid entries and keeps the others', () => {
    const result = migrateProgress({
      schema: 1,
      exercises: { good: { status: 'failing', attempts: 2 }, bad: { status: 'won', attempts: 1 }, worse: 'x' },
      lessons: { fine: {}, odd: { readAt: 5 } },
    });
    expect(result).toMatchObject({
      ok: true,
      progress: { exercises: { good: { status: 'failing', attempts: 2 } }, lessons: { fine: {} } },
      dropped: [
        { section: 'exercises', id: 'bad', value: { status: 'won', attempts: 1 }, problem: expect.stringContaining('status') },
        { section: 'exercises', id: 'worse', value: 'x' },
        { section: 'lessons', id: 'odd', value: { readAt: 5 }, problem: expect.stringContaining('readAt') },
      ],
    });
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a missing schema', { exercises: {}, lessons: {} }],
    ['a fractional schema', { schema: 1.5, exercises: {}, lessons: {} }],
    ['exercises that are not an object', { schema: 1, exercises: [], lessons: {} }],
    ['missing lessons', { schema: 1, exercises: {} }],
  ])('calls %s a problem', (_, json) => {
    expect(migrateProgress(json)).toMatchObject({ ok: false, problem: expect.any(String) });
    expect(migrateProgress(json)).not.toHaveProperty('newerSchema');
  });
});
