import { Separator, select } from '@inquirer/prompts';
import type { Context } from '../context.ts';
import { Exit, ExitError, type ExitCode } from '../exitError.ts';
import type { Exercise, Lesson } from '../../course/types.ts';
import { readProgress } from '../../progress/progressStore.ts';
import { exerciseProgressOf, type ExerciseStatus } from '../../progress/progressSchema.ts';
import { summarize, type CourseSummary } from '../../progress/summarize.ts';
import { exerciseFile } from '../../progress/workspace.ts';
import { displayPath } from '../../course/paths.ts';
import { statusLabel } from '../../render/exerciseList.ts';

type Action = () => Promise<unknown>;

/** Runs one action of the menu; an expected error is shown and the menu goes on. */
async function attempt(ctx: Context, action: Action): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    ctx.note(ctx.palette.fail(error.message));
  }
}

function summaryOf(ctx: Context): CourseSummary {
  return summarize(ctx.course(), readProgress(ctx.workspace().dir));
}

function statusOf(ctx: Context, exercise: Exercise): ExerciseStatus {
  return exerciseProgressOf(readProgress(ctx.workspace().dir), exercise.id).status;
}

async function readLesson(ctx: Context, lesson: Lesson): Promise<void> {
  const { lessonCommand } = await import('./lesson.ts');
  await attempt(ctx, () => lessonCommand(ctx, lesson.id, true));
}

/** What to do with one exercise: check, hint, solution, reset, until the learner goes back. */
async function exerciseMenu(ctx: Context, exercise: Exercise): Promise<void> {
  for (;;) {
    const status = statusOf(ctx, exercise);
    const file = displayPath(exerciseFile(ctx.workspace().dir, exercise));
    const choice = await select({
      message: `${exercise.id} (${statusLabel(status, ctx.palette)}) - edit ${file}, then:`,
      choices: [
        { name: 'Check my file', value: 'check' },
        { name: 'Show a hint', value: 'hint' },
        { name: 'Show the solution', value: 'solution' },
        { name: 'Reset to the starter', value: 'reset' },
        { name: 'Back', value: 'back' },
      ],
    });
    if (choice === 'back') return;
    if (choice === 'check') await attempt(ctx, async () => (await import('./check.ts')).checkCommand(ctx, exercise.id, false));
    if (choice === 'hint') await attempt(ctx, async () => (await import('./hint.ts')).hintCommand(ctx, exercise.id, undefined));
    if (choice === 'solution') await attempt(ctx, async () => (await import('./solution.ts')).solutionCommand(ctx, exercise.id, false));
    if (choice === 'reset') await attempt(ctx, async () => (await import('./reset.ts')).resetCommand(ctx, exercise.id, false));
    if (choice === 'check' && statusOf(ctx, exercise) === 'done') return;
  }
}

/** "Continue where I left off": the next unread lesson, or the next exercise not done. */
async function continueCourse(ctx: Context): Promise<void> {
  const next = summaryOf(ctx).next;
  if (!next) {
    ctx.print(ctx.palette.pass('Every exercise is done. Well threaded!'));
    return;
  }
  if (next.type === 'lesson') {
    await readLesson(ctx, next.lesson);
    const after = summaryOf(ctx).next;
    if (after?.type === 'exercise') await exerciseMenu(ctx, after.exercise);
    return;
  }
  await exerciseMenu(ctx, next.exercise);
}

async function chooseLesson(ctx: Context): Promise<void> {
  const summary = summaryOf(ctx);
  const lesson = await select<Lesson | undefined>({
    message: 'Which lesson?',
    pageSize: 15,
    choices: [
      ...summary.lessons.map(({ lesson, read, done, exercises }) => ({
        name: `${String(lesson.number).padStart(2, '0')} ${lesson.title}  ${ctx.palette.dim(`${read ? 'read' : 'unread'}, ${done}/${exercises.length} done`)}`,
        value: lesson,
      })),
      new Separator(),
      { name: 'Back', value: undefined },
    ],
  });
  if (lesson) await readLesson(ctx, lesson);
}

async function chooseExercise(ctx: Context): Promise<void> {
  const summary = summaryOf(ctx);
  const exercise = await select<Exercise | undefined>({
    message: 'Which exercise?',
    pageSize: 15,
    choices: [
      ...summary.lessons.flatMap(({ exercises }) =>
        exercises.map((e) => ({ name: `${e.exercise.id}  ${statusLabel(e.status, ctx.palette)}`, value: e.exercise })),
      ),
      new Separator(),
      { name: 'Back', value: undefined },
    ],
  });
  if (exercise) await exerciseMenu(ctx, exercise);
}

async function chooseDemo(ctx: Context): Promise<void> {
  const { DEMOS } = await import('../../bench/demoCatalog.ts');
  const demo = await select<string | undefined>({
    message: 'Which timing demo? (each takes a few seconds to a minute)',
    choices: [...DEMOS.map((d) => ({ name: `${d.id.padEnd(11)} ${ctx.palette.dim(d.summary)}`, value: d.id })), new Separator(), { name: 'Back', value: undefined }],
  });
  if (demo) await attempt(ctx, async () => (await import('./bench.ts')).benchCommand(ctx, demo, {}));
}

/** `threadlings` on a terminal: the interactive menu. Ctrl-C at any prompt exits 130. */
export async function menuCommand(ctx: Context): Promise<ExitCode> {
  let last = 'continue';
  for (;;) {
    const summary = summaryOf(ctx);
    const nextLabel = !summary.next
      ? 'Continue (everything is done!)'
      : summary.next.type === 'lesson'
        ? `Continue: read lesson ${String(summary.next.lesson.number).padStart(2, '0')}, ${summary.next.lesson.title}`
        : `Continue: exercise ${summary.next.exercise.id}`;
    const choice = await select({
      message: `threadlings - ${summary.exercisesDone}/${summary.exercisesTotal} exercises done. What next?`,
      default: last,
      choices: [
        { name: nextLabel, value: 'continue' },
        { name: 'Lessons', value: 'lessons' },
        { name: 'Exercises', value: 'exercises' },
        { name: 'Progress', value: 'progress' },
        { name: 'Timing lab', value: 'bench' },
        { name: 'Quit', value: 'quit' },
      ],
    });
    if (choice === 'quit') return Exit.ok;
    last = choice;
    if (choice === 'continue') await continueCourse(ctx);
    if (choice === 'lessons') await chooseLesson(ctx);
    if (choice === 'exercises') await chooseExercise(ctx);
    if (choice === 'progress') await attempt(ctx, async () => (await import('./progress.ts')).progressCommand(ctx));
    if (choice === 'bench') await chooseDemo(ctx);
  }
}
