import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir } from './paths.ts';
import type { Course } from './types.ts';
import { writeCacheFile } from './writeCacheFile.ts';

/**
 * The loaded course, remembered in the cache with a stamp (modification time and size) of
 * every file and folder it was read from, and of the code that read it. While every stamp
 * still matches, commands use it without reading and validating thirteen lessons again
 * (~10 ms of each command's start-up). Any change, a lesson edited, an exercise file added
 * or removed, a rebuilt threadlings, and the course is loaded and validated afresh.
 */
interface Index {
  readonly root: string;
  readonly stamps: readonly (readonly [string, string])[];
  readonly course: Course;
}

const VERSION = 1;

/** This file's own build: a rebuilt threadlings may read the course differently. */
const reader = fileURLToPath(import.meta.url);

function stamp(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

function indexFile(root: string, cacheDir: string): string {
  // One index per course folder (tests load fixture courses); the name only has to be distinct.
  let hash = 0;
  for (const char of root) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return path.join(cacheDir, `course-index-v${VERSION}-${(hash >>> 0).toString(36)}.json`);
}

/** What a course was read from: the manifest, the lessons folder and files, each exercise's folder. */
export function courseSources(course: Course): string[] {
  return [
    reader,
    path.join(course.root, 'exercises', 'course.json'),
    path.join(course.root, 'lessons'),
    ...course.lessons.map((lesson) => lesson.file),
    ...course.exercises.map((exercise) => exercise.dir),
  ];
}

/** The remembered course of `root`, if nothing it was read from has changed since. */
export function readCourseIndex(root: string, cacheDir: string = defaultCacheDir()): Course | undefined {
  let index: Index;
  try {
    index = JSON.parse(readFileSync(indexFile(root, cacheDir), 'utf8')) as Index;
  } catch {
    return undefined;
  }
  if (index.root !== root || !Array.isArray(index.stamps) || index.stamps.length === 0) return undefined;
  for (const [file, recorded] of index.stamps) if (stamp(file) !== recorded) return undefined;
  return index.course;
}

/** Remembers a course that was just loaded and validated. */
export function writeCourseIndex(course: Course, cacheDir: string = defaultCacheDir()): void {
  const stamps: [string, string][] = [];
  for (const file of courseSources(course)) {
    const now = stamp(file);
    if (now === undefined) return; // something vanished meanwhile: nothing to remember
    stamps.push([file, now]);
  }
  writeCacheFile(cacheDir, path.basename(indexFile(course.root, cacheDir)), JSON.stringify({ root: course.root, stamps, course } satisfies Index));
}
