import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.ts';
import { Exit, usageError, type ExitCode } from '../exitError.ts';
import { resolveExercise } from '../../course/resolveId.ts';
import type { Exercise } from '../../course/types.ts';
import { gradeFile } from '../../grader/gradeFile.ts';
import { startSupervisor, takeEarlySupervisor, type Supervisor } from '../../grader/startSupervisor.ts';
import { mapLimited } from '../../grader/mapLimited.ts';
import { trace } from '../../grader/trace.ts';
import type { GradeResult } from '../../grader/protocol.ts';
import { applyAttempt } from '../../progress/applyAttempt.ts';
import { updateProgress } from '../../progress/progressStore.ts';
import { exerciseFile } from '../../progress/workspace.ts';
import { renderCheckReport } from '../../render/checkReport.ts';

interface Graded {
  readonly exercise: Exercise;
  readonly file: string;
  readonly result: GradeResult;
  readonly attempts: number;
}

async function gradeAndRecord(workspace: string, exercise: Exercise, supervisor?: Supervisor): Promise<Graded> {
  const file = exerciseFile(workspace, exercise);
  const request = { checkFile: path.join(exercise.dir, 'check.ts'), learnerFile: file, timeoutMs: exercise.timeoutMs };
  const result = await gradeFile(request, supervisor);
  trace('graded');
  const progress = await updateProgress(workspace, (p) => applyAttempt(p, exercise.id, result, new Date()));
  trace('progress saved');
  return { exercise, file, result, attempts: progress.exercises[exercise.id]?.attempts ?? 1 };
}

function toJson({ exercise, file, result, attempts }: Graded): object {
  return { exercise: exercise.id, file, attempts, ...result };
}

/** `threadlings check <exercise> | --all [--json]` */
export async function checkCommand(ctx: Context, id: string | undefined, all: boolean): Promise<ExitCode> {
  if (all === (id !== undefined)) {
    throw usageError(all ? 'Give either an exercise or --all, not both.' : 'Name the exercise to check (e.g. `threadlings check threads/join`), or pass --all.');
  }
  if (!all) {
    // The supervisor boots (and starts its worker) while the course loads and the TypeScript is transformed.
    const supervisor = takeEarlySupervisor() ?? startSupervisor();
    let exercise: Exercise;
    let workspace: string;
    try {
      exercise = resolveExercise(ctx.course(), id ?? '');
      workspace = ctx.workspace().dir;
    } catch (error) {
      supervisor.cancel();
      throw error;
    }
    const spinner = ctx.interactive && !ctx.json ? (await import('ora')).default(`Checking ${exercise.id}…`).start() : undefined;
    const graded = await gradeAndRecord(workspace, exercise, supervisor).finally(() => spinner?.stop());
    ctx.print(ctx.json ? JSON.stringify(toJson(graded), null, 2) : renderCheckReport(exercise, graded.result, ctx.palette));
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
    ctx.print(JSON.stringify({ passed, failed: results.length - passed, results: results.map(toJson) }, null, 2));
  } else {
    ctx.print(`${passed} of ${results.length} exercises pass.`);
  }
  return passed === results.length ? Exit.ok : Exit.failed;
}
