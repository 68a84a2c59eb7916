import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCourse } from '../../../src/course/loadCourse.ts';

const fixture = fileURLToPath(new URL('../../fixtures/course', import.meta.url));
const temporary: string[] = [];

function copyOfFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-course-'));
  temporary.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadCourse', () => {
  it('reads lessons in order with their exercises and defaults', () => {
    const course = loadCourse(fixture);
    expect(course.lessons.map((l) => l.id)).toEqual(['basics', 'hostile']);
    const loop = course.exercises.find((e) => e.id === 'hostile/loop');
    expect(loop).toMatchObject({ timeoutMs: 1500, starterFails: 'timeout', lessonDir: '02-hostile' });
    expect(course.exercises.find((e) => e.id === 'basics/add')).toMatchObject({ timeoutMs: 10_000, starterFails: 'wrong-result', title: 'Add two numbers' });
  });

  it('names the file and the field of invalid front matter (exit 3)', () => {
    const dir = copyOfFixture();
    const file = path.join(dir, 'lessons', '01-basics.md');
    writeFileSync(file, '---\nid: basics\ntitle: T\npython: p\nnode: n\nexercises:\n  - name: add\n    timeout: 5\n---\nbody\n');
    expect(() => loadCourse(dir)).toThrow(expect.objectContaining({ code: 3, message: expect.stringMatching(/01-basics\.md.*exercises\.0/) }));
  });

  it('rejects a lesson whose id does not match its file name', () => {
    const dir = copyOfFixture();
    writeFileSync(path.join(dir, 'lessons', '01-basics.md'), '---\nid: other\ntitle: T\npython: p\nnode: n\n---\n');
    expect(() => loadCourse(dir)).toThrow(/does not match the file name/);
  });

  it('reports a missing exercise file', () => {
    const dir = copyOfFixture();
    rmSync(path.join(dir, 'exercises', '01-basics', 'add', 'check.ts'));
    expect(() => loadCourse(dir)).toThrow(expect.objectContaining({ code: 3, message: expect.stringContaining('check.ts') }));
  });

  it('refuses a course format it does not understand', () => {
    const dir = copyOfFixture();
    writeFileSync(path.join(dir, 'exercises', 'course.json'), '{"format": 2, "title": "x"}');
    expect(() => loadCourse(dir)).toThrow(/course format 2/);
  });
});
