import type { Context } from '../context.ts';
import { Exit, ExitError, type ExitCode } from '../exitError.ts';
import { displayPath } from '../../course/paths.ts';
import { resolveExercise } from '../../course/resolveId.ts';
import type { Exercise } from '../../course/types.ts';
import { startSupervisor, type Supervisor } from '../../grader/startSupervisor.ts';
import { readProgress } from '../../progress/progressStore.ts';
import { summarize } from '../../progress/summarize.ts';
import { exerciseFile } from '../../progress/workspace.ts';
import { renderCheckReport } from '../../render/checkReport.ts';
import { renderExerciseList } from '../../render/exerciseList.ts';
import { gradeAndRecord } from '../gradeAndRecord.ts';
import { listenForKeys } from '../keyInput.ts';
import { watchForSaves } from '../watchFile.ts';

/** The first exercise after `current` (in course order, wrapping) that is not done yet. */
function nextPending(ctx: Context, current?: Exercise): Exercise | undefined {
  const summary = summarize(ctx.course(), readProgress(ctx.workspace().dir));
  const all = summary.lessons.flatMap((l) => l.exercises);
  const start = current ? all.findIndex((e) => e.exercise.id === current.id) + 1 : 0;
  const ordered = [...all.slice(start), ...all.slice(0, start)];
  return ordered.find((e) => e.status !== 'done' && e.exercise.id !== current?.id)?.exercise;
}

/**
 * `threadlings watch [<exercise>] [--poll]`: grades the exercise, grades it again on every
 * save, and moves on after a pass. A spare supervisor is always booted and waiting, so
 * a save is graded without paying for a process start.
 */
export async function watchCommand(ctx: Context, id: string | undefined, poll: boolean): Promise<ExitCode> {
  const workspace = ctx.workspace().dir;
  let exercise = id ? resolveExercise(ctx.course(), id) : nextPending(ctx);
  if (!exercise) {
    ctx.print(ctx.palette.pass('Every exercise is done. Well threaded!'));
    return Exit.ok;
  }
  const { palette } = ctx;
  // A spare supervisor boots while the learner types; it fits the exercise's sandbox (gradeFile replaces one that does not).
  let spare: Supervisor = startSupervisor({ childProcesses: exercise.childProcesses });
  let stopWatching = (): void => {};
  let grading = false;
  let again = false;

  const banner = (ex: Exercise): string =>
    palette.dim(`Watching ${displayPath(exerciseFile(workspace, ex))}: save to check again. `) +
    palette.dim('Keys: n next · h hint · l list · c check all · r reset · q quit');

  const grade = async (): Promise<void> => {
    if (grading) {
      again = true;
      return;
    }
    grading = true;
    const current = exercise as Exercise;
    const supervisor = spare;
    spare = startSupervisor({ childProcesses: current.childProcesses });
    if (ctx.interactive) process.stdout.write('\u001bc');
    const graded = await gradeAndRecord(workspace, current, supervisor, { timing: true });
    ctx.print(renderCheckReport(current, graded.result, palette));
    if (graded.saveError) ctx.note(`threadlings: ${graded.saveError.message}`); // keep watching: the verdict stands
    grading = false;
    if (graded.result.passed) {
      const next = nextPending(ctx, current);
      if (!next) {
        ctx.print(palette.pass('That was the last one: every exercise is done!'));
      } else {
        ctx.print(palette.pass(`Moving on to ${next.id}.`));
        follow(next);
        return;
      }
    }
    ctx.print(banner(current));
    if (again) {
      again = false;
      await grade();
    }
  };

  const follow = (next: Exercise): void => {
    stopWatching();
    exercise = next;
    stopWatching = watchForSaves(exerciseFile(workspace, next), () => void grade().catch(fail), { poll });
    void grade().catch(fail);
  };

  let finish: (code: ExitCode) => void = () => {};
  const done = new Promise<ExitCode>((resolve) => (finish = resolve));
  const fail = (error: unknown): void => {
    if (error instanceof ExitError) ctx.note(palette.fail(error.message));
    else finish(Exit.failed);
  };

  const onKey = async (key: string): Promise<void> => {
    const current = exercise as Exercise;
    if (key === 'q') return finish(Exit.ok);
    if (key === 'n') {
      const next = nextPending(ctx, current);
      if (next) follow(next);
      else ctx.print('No other exercise is pending.');
    }
    if (key === 'h') await (await import('./hint.ts')).hintCommand(ctx, current.id, undefined);
    if (key === 'l') ctx.print(renderExerciseList(summarize(ctx.course(), readProgress(workspace)), workspace, palette));
    if (key === 'c') await (await import('./check.ts')).checkCommand(ctx, undefined, true);
    if (key === 'r') await (await import('./reset.ts')).resetCommand(ctx, current.id, true);
  };

  const stopKeys = listenForKeys((key) => void onKey(key).catch(fail), () => finish(Exit.interrupted));
  follow(exercise);
  const code = await done;
  stopKeys();
  stopWatching();
  spare.cancel();
  return code;
}
