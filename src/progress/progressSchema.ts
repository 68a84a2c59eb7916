import * as z from 'zod/mini';

/** Version of progress.json's layout; bump it with a migration in migrateProgress.ts. */
export const PROGRESS_SCHEMA = 1;

export const exerciseProgressSchema = z.object({
  status: z.enum(['pending', 'failing', 'done']),
  attempts: z.int().check(z.minimum(0)),
  startedAt: z.optional(z.string()),
  firstPassAt: z.optional(z.string()),
  lastCheckedAt: z.optional(z.string()),
  bestMs: z.optional(z.number().check(z.minimum(0))),
  hintsShown: z.optional(z.int().check(z.minimum(0))),
});

export const lessonProgressSchema = z.object({
  readAt: z.optional(z.string()),
});

export const progressSchema = z.object({
  schema: z.literal(PROGRESS_SCHEMA),
  exercises: z.record(z.string(), exerciseProgressSchema),
  lessons: z.record(z.string(), lessonProgressSchema),
});

export type Progress = z.infer<typeof progressSchema>;
export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;
export type ExerciseStatus = ExerciseProgress['status'];

export function emptyProgress(): Progress {
  return { schema: PROGRESS_SCHEMA, exercises: {}, lessons: {} };
}

export function exerciseProgressOf(progress: Progress, id: string): ExerciseProgress {
  return progress.exercises[id] ?? { status: 'pending', attempts: 0 };
}
