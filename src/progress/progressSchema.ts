/**
 * The layout of progress.json, and the checks of its entries. Written out by hand rather than
 * with zod (which validates the course manifest): building these few zod schemas cost ~3 ms
 * of every command that reads progress, for seven fields (measured, docs/decisions.md).
 */

/** Version of progress.json's layout; bump it with a migration in migrateProgress.ts. */
export const PROGRESS_SCHEMA = 1;

export const EXERCISE_STATUSES = ['pending', 'failing', 'done'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

export interface ExerciseProgress {
  status: ExerciseStatus;
  attempts: number;
  startedAt?: string;
  firstPassAt?: string;
  lastCheckedAt?: string;
  bestMs?: number;
  hintsShown?: number;
}

export interface LessonProgress {
  readAt?: string;
}

export interface Progress {
  schema: typeof PROGRESS_SCHEMA;
  exercises: Record<string, ExerciseProgress>;
  lessons: Record<string, LessonProgress>;
}

/** An entry as read from the file: the entry with only the fields it knows, or what is wrong with it. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

type Field = (value: unknown) => string | undefined;
const text: Field = (value) => (typeof value === 'string' ? undefined : 'expected a string');
const count: Field = (value) => (Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'expected a whole number of 0 or more');
const duration: Field = (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'expected a number of 0 or more');
const status: Field = (value) =>
  (EXERCISE_STATUSES as readonly unknown[]).includes(value) ? undefined : `expected one of ${EXERCISE_STATUSES.map((s) => `"${s}"`).join(', ')}`;

/** Checks `value` field by field (required ones must be there, optional ones may be absent) and keeps only those fields. */
function checkEntry<T>(value: unknown, required: Record<string, Field>, optional: Record<string, Field>): Checked<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'expected an object' };
  const entry = value as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(required)) {
    const problem = entry[name] === undefined ? 'missing' : field(entry[name]);
    if (problem) return { ok: false, problem: `${name}: ${problem}` };
    kept[name] = entry[name];
  }
  for (const [name, field] of Object.entries(optional)) {
    if (entry[name] === undefined) continue;
    const problem = field(entry[name]);
    if (problem) return { ok: false, problem: `${name}: ${problem}` };
    kept[name] = entry[name];
  }
  return { ok: true, value: kept as T };
}

export function checkExerciseProgress(value: unknown): Checked<ExerciseProgress> {
  return checkEntry(value, { status, attempts: count }, { startedAt: text, firstPassAt: text, lastCheckedAt: text, bestMs: duration, hintsShown: count });
}

export function checkLessonProgress(value: unknown): Checked<LessonProgress> {
  return checkEntry(value, {}, { readAt: text });
}

export function emptyProgress(): Progress {
  return { schema: PROGRESS_SCHEMA, exercises: {}, lessons: {} };
}

export function exerciseProgressOf(progress: Progress, id: string): ExerciseProgress {
  return progress.exercises[id] ?? { status: 'pending', attempts: 0 };
}
