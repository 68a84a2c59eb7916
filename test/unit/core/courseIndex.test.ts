import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCourseIndex } from '../../../src/course/courseIndex.ts';
import { loadCourse } from '../../../src/course/loadCourse.ts';

const fixture = fileURLToPath(new URL('../../fixtures/course', import.meta.url));
const temporary: string[] = [];
const previousCacheDir = process.env['THREADLINGS_CACHE_DIR'];

/** A copy of the fixture course, with a cache of its own. */
function course(): { dir: string; cacheDir: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'threadlings-index-'));
  temporary.push(base);
  const dir = path.join(base, 'course');
  cpSync(fixture, dir, { recursive: true });
  const cacheDir = path.join(base, 'cache');
  process.env['THREADLINGS_CACHE_DIR'] = cacheDir;
  return { dir, cacheDir };
}

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (previousCacheDir === undefined) delete process.env['THREADLINGS_CACHE_DIR'];
  else process.env['THREADLINGS_CACHE_DIR'] = previousCacheDir;
});

describe('the course index', () => {
  it('remembers a loaded course, and the next load is the same course', () => {
    const { dir, cacheDir } = course();
    expect(readCourseIndex(dir, cacheDir)).toBeUndefined();
    const first = loadCourse(dir);
    expect(readCourseIndex(dir, cacheDir)).toEqual(first);
    expect(loadCourse(dir)).toEqual(first);
  });

  it('is not used once a lesson changed: the change shows', () => {
    const { dir } = course();
    loadCourse(dir);
    const file = path.join(dir, 'lessons', '01-basics.md');
    writeFileSync(file, '---\nid: basics\ntitle: Renamed\npython: p\nnode: n\nexercises: [add]\n---\nbody\n');
    const again = loadCourse(dir);
    expect(again.lessons[0]).toMatchObject({ title: 'Renamed', exercises: [expect.objectContaining({ id: 'basics/add' })] });
  });

  it('is not used once an exercise file is gone: the error shows', () => {
    const { dir } = course();
    loadCourse(dir);
    rmSync(path.join(dir, 'exercises', '01-basics', 'add', 'hints.md'));
    expect(() => loadCourse(dir)).toThrow(expect.objectContaining({ code: 3, message: expect.stringMatching(/hints\.md/) }));
  });

  it('is not used once a lesson is added, nor when the index itself is damaged', () => {
    const { dir, cacheDir } = course();
    loadCourse(dir);
    cpSync(path.join(dir, 'lessons', '01-basics.md'), path.join(dir, 'lessons', '03-extra.md'));
    writeFileSync(path.join(dir, 'lessons', '03-extra.md'), '---\nid: extra\ntitle: Extra\npython: p\nnode: n\n---\nbody\n');
    expect(loadCourse(dir).lessons.map((lesson) => lesson.id)).toEqual(['basics', 'hostile', 'extra']);
    for (const name of readdirSync(cacheDir)) if (name.startsWith('course-index')) writeFileSync(path.join(cacheDir, name), '{"root": 3');
    expect(loadCourse(dir).lessons).toHaveLength(3);
  });
});
