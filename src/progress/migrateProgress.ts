/**
 * Turns parsed progress.json into the current layout (PROGRESS_SCHEMA), pure.
 *
 * Layouts:
 * - schema 0, the pre-release layout: `{ "version": 0, "done": ["basics/add", ...] }`, a
 *   list of the exercises passed and nothing else. Each becomes `done` with 1 attempt.
 * - schema 1: `{ "schema": 1, "exercises": { id: ExerciseProgress }, "lessons": { id: LessonProgress } }`.
 *
 * An entry of `exercises` or `lessons` that does not validate is dropped (and returned, so
 * that the caller can keep it in a backup) while the rest is kept; a file whose overall shape
 * is wrong is a problem, and so is a schema newer than this threadlings knows.
 */
import { checkExerciseProgress, checkLessonProgress, PROGRESS_SCHEMA, type Progress } from './progressSchema.ts';

export interface DroppedEntry {
  readonly section: 'exercises' | 'lessons';
  readonly id: string;
  readonly value: unknown;
  /** What is wrong with it, e.g. `status: Invalid option`. */
  readonly problem: string;
}

export type Migrated =
  | { readonly ok: true; readonly progress: Progress; readonly from: number; readonly dropped: readonly DroppedEntry[] }
  | { readonly ok: false; readonly problem: string; readonly newerSchema?: number };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fromSchema0(json: Record<string, unknown>): Migrated {
  const done = json['done'];
  if (!Array.isArray(done) || !done.every((id) => typeof id === 'string')) {
    return { ok: false, problem: 'done: expected a list of exercise ids (old layout, version 0)' };
  }
  const progress: Progress = { schema: PROGRESS_SCHEMA, exercises: {}, lessons: {} };
  for (const id of done) progress.exercises[id] = { status: 'done', attempts: 1 };
  return { ok: true, progress, from: 0, dropped: [] };
}

function fromSchema1(json: Record<string, unknown>): Migrated {
  const progress: Progress = { schema: PROGRESS_SCHEMA, exercises: {}, lessons: {} };
  const dropped: DroppedEntry[] = [];
  const sections = [
    ['exercises', checkExerciseProgress],
    ['lessons', checkLessonProgress],
  ] as const;
  for (const [section, check] of sections) {
    const entries = json[section];
    if (!isRecord(entries)) return { ok: false, problem: `${section}: expected an object` };
    for (const [id, value] of Object.entries(entries)) {
      const checked = check(value);
      if (checked.ok) (progress[section] as Record<string, unknown>)[id] = checked.value;
      else dropped.push({ section, id, value, problem: checked.problem });
    }
  }
  return { ok: true, progress, from: 1, dropped };
}

export function migrateProgress(json: unknown): Migrated {
  if (!isRecord(json)) return { ok: false, problem: 'expected a JSON object' };
  if (json['schema'] === undefined && json['version'] === 0) return fromSchema0(json);
  const schema = json['schema'];
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) {
    return { ok: false, problem: 'schema: expected a whole number of 1 or more' };
  }
  if (schema > PROGRESS_SCHEMA) return { ok: false, problem: `schema ${schema} is newer than ${PROGRESS_SCHEMA}`, newerSchema: schema };
  return fromSchema1(json);
}
