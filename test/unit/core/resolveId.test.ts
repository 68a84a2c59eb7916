import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadCourse } from '../../../src/course/loadCourse.ts';
import { editDistance, resolveExercise, resolveLesson, suggest } from '../../../src/course/resolveId.ts';

const course = loadCourse(fileURLToPath(new URL('../../fixtures/course', import.meta.url)));

describe('editDistance and suggest', () => {
  it('counts single edits', () => {
    expect(editDistance('check', 'chek')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests only close candidates', () => {
    expect(suggest('chek', ['check', 'lessons', 'list'])).toBe('check');
    expect(suggest('zzzzzz', ['check', 'lessons'])).toBeUndefined();
    // The shared lesson part does not make an unrelated name a typo.
    expect(suggest('threads/nope', ['threads/alive', 'threads/join-all'])).toBeUndefined();
    expect(suggest('threads/jion-all', ['threads/alive', 'threads/join-all'])).toBe('threads/join-all');
  });
});

describe('resolveLesson', () => {
  it('finds a lesson by number, zero-padded number, slug, file name or unique prefix', () => {
    for (const input of ['1', '01', 'basics', '01-basics', 'bas']) expect(resolveLesson(course, input).id).toBe('basics');
  });

  it('rejects an unknown lesson with exit 2 and a suggestion', () => {
    expect(() => resolveLesson(course, 'hostel')).toThrow(expect.objectContaining({ code: 2, message: expect.stringContaining('Did you mean "hostile"') }));
    expect(() => resolveLesson(course, '99')).toThrow(expect.objectContaining({ code: 2, message: expect.stringContaining('There is no lesson 99: the lessons are numbered 01 to 02.') }));
    expect(() => resolveLesson(course, '0')).toThrow(expect.objectContaining({ code: 2, message: expect.stringContaining('no lesson 0') }));
  });
});

describe('resolveExercise', () => {
  it('finds an exercise by id, folder-style id, lesson number, unique name or prefix', () => {
    for (const input of ['basics/add', '01-basics/add', '01/add', 'add', 'basics/ad', 'basics/add.ts']) {
      expect(resolveExercise(course, input).id).toBe('basics/add');
    }
  });

  it('names the candidates of an ambiguous prefix', () => {
    expect(() => resolveExercise(course, 'hostile/')).toThrow(/matches more than one exercise/);
  });

  it('suggests the closest id on a typo', () => {
    expect(() => resolveExercise(course, 'basic/addd')).toThrow(/Did you mean "basics\/add"/);
  });
});
