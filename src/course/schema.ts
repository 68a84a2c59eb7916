import { z } from 'zod';

/** The course format this version of threadlings reads. */
export const COURSE_FORMAT = 1;

export const courseManifestSchema = z.object({
  format: z.number().int(),
  title: z.string().min(1),
});

const failureKind = z.enum([
  'wrong-result',
  'timeout',
  'crash',
  'exited-early',
  'syntax-error',
  'missing-export',
  'out-of-memory',
]);

const exerciseEntry = z.union([
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an exercise name is lower-case words joined by -'),
  z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an exercise name is lower-case words joined by -'),
    title: z.string().min(1).optional(),
    timeout: z.number().int().min(100).max(120_000).optional(),
    starterFails: failureKind.optional(),
  }),
]);

export const lessonFrontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lesson id is lower-case words joined by -'),
  title: z.string().min(1),
  python: z.string().min(1),
  node: z.string().min(1),
  exercises: z.array(exerciseEntry).default([]),
  demos: z.array(z.string()).default([]),
});

export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

/** One line naming the first problem: `exercises.1.timeout: Too small: expected ...`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'front matter';
  return `${where}: ${issue.message}`;
}
