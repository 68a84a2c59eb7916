import os from 'node:os';
import type { Context } from '../context.ts';
import { Exit, usageError, type ExitCode } from '../exitError.ts';
import { resolveExercise } from '../../course/resolveId.ts';
import type { Exercise } from '../../course/types.ts';
import { takeEarlySupervisor } from '../../grader/earlySupervisor.ts';
import { leaveSpare } from '../../grader/spareSupervisor.ts';
import { gradeAndRecord, gradedToJson } from '../gradeAndRecord.ts';
import { mapLimited } from '../../grader/mapLimited.ts';
import type { WorkerEvent } from '../../grader/protocol.ts';
import { trace } from '../../grader/trace.ts';
import { renderCheckReport } from '../../render/checkReport.ts';
import { startSpinner } from '../startSpinner.ts';

/** `threadlings check <exercise> | --all [--json]` */
export async function checkCommand(ctx: Context, id: string | undefined, all: boolean): Promise<ExitCode> {
  if (all === (id !== undefined)) {
    throw usageError(all ? 'Give either an exercise or --all, not both.' : 'Name the exercise to check (e.g. `threadlings check threads/join`), or pass --all.');
  }
  if (!all) {
    // The supervisor boots (and starts its worker) while the course loads and the TypeScript is transformed.
    const { supervisor, spareAddress } = takeEarlySupervisor();
    let exercise: Exercise;
    let workspace: string;
    try {
      exercise = resolveExercise(ctx.course(), id ?? '');
      workspace = ctx.workspace().dir;
    } catch (error) {
      supervisor.cancel();
      // A mistyped id is mostly followed by the same command spelled right: a spare for it.
      leaveSpare(spareAddress);
      throw error;
    }
    const spinner = await startSpinner(ctx, `Checking ${exercise.id}…`);
    const onEvent = (event: WorkerEvent): void => {
      if (spinner && event.type === 'timing-start') spinner.text = `Passed; timing your solution against a sequential run…`;
    };
    const graded = await gradeAndRecord(workspace, exercise, supervisor, { timing: true, onEvent }).finally(() => spinner?.stop());
    ctx.print(ctx.json ? JSON.stringify(gradedToJson(graded), null, 2) : renderCheckReport(exercise, graded.result, ctx.palette));
    trace('printed');
    // The next check is most likely of this exercise again: a spare supervisor boots for it now.
    if (!exercise.childProcesses) leaveSpare(spareAddress);
    if (graded.saveError) throw graded.saveError; // after the verdict: the grading stands, the record failed (exit 3)
    return graded.result.passed ? Exit.ok : Exit.failed;
  }
  const course = ctx.course();
  const workspace = ctx.workspace().dir;
  const limit = Math.max(1, os.availableParallelism());
  const results = await mapLimited(course.exercises, limit, async (exercise) => {
    const graded = await gradeAndRecord(workspace, exercise);
    if (!ctx.json) ctx.print(renderCheckReport(exercise, graded.result, ctx.palette).split('\n')[0] ?? '');
    return graded;
  });
  const passed = results.filter((r) => r.result.passed).length;
  if (ctx.json) {
    ctx.print(JSON.stringify({ passed, failed: results.length - passed, results: results.map(gradedToJson) }, null, 2));
  } else {
    ctx.print(`${passed} of ${results.length} exercises pass.`);
  }
  const saveError = results.find((r) => r.saveError)?.saveError;
  if (saveError) throw saveError;
  return passed === results.length ? Exit.ok : Exit.failed;
}
