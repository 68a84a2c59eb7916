import * as z from 'zod/mini';

/** The course format this version of threadlings reads. */
export const COURSE_FORMAT = 1;

/**
 * The schemas, built on first use: zod takes ~6 ms to build them, and a command whose
 * course comes from the index (courseIndex.ts) never validates anything.
 */
export function courseSchemas() {
  schemas ??= buildSchemas();
  return schemas;
}
let schemas: ReturnType<typeof buildSchemas> | undefined;

function buildSchemas() {
  const courseManifestSchema = z.object({
    format: z.int(),
    title: z.string().check(z.minLength(1)),
  });
  const failureKind = z.enum([
    'wrong-result',
    'timeout',
    'crash',
    'exited-early',
    'syntax-error',
    'missing-export',
    'out-of-memory',
    'leaked-worker',
    'unjoined-worker',
    'deadlock',
    'event-loop-stall',
    'output-flood',
  ]);

  const slug = (what: string) => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, `${what} is lower-case words joined by -`));
  const text = () => z.string().check(z.minLength(1));

  const exerciseEntry = z.union([
    slug('an exercise name'),
    z.strictObject({
      name: slug('an exercise name'),
      title: z.optional(text()),
      timeout: z.optional(z.int().check(z.minimum(100), z.maximum(120_000))),
      starterFails: z.optional(failureKind),
      childProcesses: z.optional(z.boolean()),
    }),
  ]);

  const lessonFrontMatterSchema = z.strictObject({
    id: slug('a lesson id'),
    title: text(),
    python: text(),
    node: text(),
    exercises: z._default(z.array(exerciseEntry), []),
    demos: z._default(z.array(z.string()), []),
  });
  return { courseManifestSchema, lessonFrontMatterSchema };
}

export type LessonFrontMatter = z.infer<ReturnType<typeof courseSchemas>['lessonFrontMatterSchema']>;

/** One line naming the first problem: `exercises.1.timeout: Too small: expected ...`. */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'front matter';
  return `${where}: ${issue.message}`;
}
