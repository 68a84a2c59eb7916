import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../cli/exitError.ts';
import { displayPath } from './paths.ts';
import { readCourseIndex, writeCourseIndex } from './courseIndex.ts';
import { splitFrontMatter } from './frontMatter.ts';
import { saveYamlCache } from './parseYaml.ts';
import { COURSE_FORMAT, courseSchemas, describeIssue } from './schema.ts';
import type { Course, Exercise, Lesson } from './types.ts';

const LESSON_FILE = /^(\d{2})-([a-z0-9-]+)\.md$/;
const EXERCISE_FILES = ['starter.ts', 'check.ts', 'solution.ts', 'hints.md'] as const;
const DEFAULT_TIMEOUT_MS = 10_000;

function broken(file: string, problem: string): Error {
  return environmentError(`Broken course content in ${displayPath(file)}: ${problem}. Fix the file, or reinstall threadlings.`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw broken(file, 'the file is missing or unreadable');
  }
}

function readManifest(root: string): void {
  const file = path.join(root, 'exercises', 'course.json');
  let json: unknown;
  try {
    json = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof SyntaxError) throw broken(file, `it is not valid JSON (${error.message})`);
    throw error;
  }
  const parsed = courseSchemas().courseManifestSchema.safeParse(json);
  if (!parsed.success) throw broken(file, describeIssue(parsed.error));
  if (parsed.data.format !== COURSE_FORMAT) {
    throw broken(file, `course format ${parsed.data.format} is not the format ${COURSE_FORMAT} this threadlings reads`);
  }
}

function humanize(name: string): string {
  const words = name.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function loadLesson(root: string, fileName: string, number: number, slug: string): Lesson {
  const file = path.join(root, 'lessons', fileName);
  const split = splitFrontMatter(readText(file));
  if (!split) throw broken(file, 'it has no front matter (a block between --- lines at the top)');
  const parsed = courseSchemas().lessonFrontMatterSchema.safeParse(split.data);
  if (!parsed.success) throw broken(file, describeIssue(parsed.error));
  const meta = parsed.data;
  if (meta.id !== slug) throw broken(file, `id "${meta.id}" does not match the file name's slug "${slug}"`);
  const dirName = fileName.slice(0, -3);
  const exercises = meta.exercises.map((entry): Exercise => {
    const spec = typeof entry === 'string' ? { name: entry } : entry;
    const dir = path.join(root, 'exercises', dirName, spec.name);
    let present: string[];
    try {
      present = readdirSync(dir);
    } catch {
      throw broken(file, `exercise "${spec.name}" has no folder ${displayPath(dir)}`);
    }
    const missing = EXERCISE_FILES.find((name) => !present.includes(name));
    if (missing) throw broken(path.join(dir, missing), 'the file is missing');
    return {
      id: `${slug}/${spec.name}`,
      name: spec.name,
      title: spec.title ?? humanize(spec.name),
      lessonId: slug,
      lessonDir: dirName,
      dir,
      timeoutMs: spec.timeout ?? DEFAULT_TIMEOUT_MS,
      starterFails: spec.starterFails ?? 'wrong-result',
      childProcesses: spec.childProcesses ?? false,
    };
  });
  return { number, id: slug, title: meta.title, python: meta.python, node: meta.node, demos: meta.demos, exercises, file, dirName };
}

/**
 * The whole course: lessons in order, each with its exercises. Read and validated when
 * something changed since the last command, else remembered (courseIndex.ts).
 */
export function loadCourse(root: string): Course {
  const remembered = readCourseIndex(root);
  if (remembered) return remembered;
  const course = readCourse(root);
  writeCourseIndex(course);
  return course;
}

function readCourse(root: string): Course {
  readManifest(root);
  const lessonsDir = path.join(root, 'lessons');
  let names: string[];
  try {
    names = readdirSync(lessonsDir).sort();
  } catch {
    throw broken(lessonsDir, 'the lessons folder is missing');
  }
  const lessons: Lesson[] = [];
  for (const name of names) {
    const match = LESSON_FILE.exec(name);
    if (!match) continue;
    const number = Number(match[1]);
    const previous = lessons.at(-1);
    if (previous?.number === number) throw broken(path.join(lessonsDir, name), `lesson number ${match[1]} is used twice`);
    lessons.push(loadLesson(root, name, number, match[2] ?? ''));
  }
  if (lessons.length === 0) throw broken(lessonsDir, 'it holds no lessons (files named like 01-topic.md)');
  saveYamlCache();
  return { root, lessons, exercises: lessons.flatMap((lesson) => lesson.exercises) };
}
