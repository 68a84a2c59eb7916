import { confirm } from '@inquirer/prompts';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.ts';
import { Exit, usageError, type ExitCode } from '../exitError.ts';
import { resolveExercise } from '../../course/resolveId.ts';
import { displayPath } from '../../course/paths.ts';
import { exerciseFile, MARKER_DIR } from '../../progress/workspace.ts';

/** `threadlings reset <exercise> [--yes]`: puts the starter back, keeping the learner's file as a backup. */
export async function resetCommand(ctx: Context, id: string, yes: boolean): Promise<ExitCode> {
  const exercise = resolveExercise(ctx.course(), id);
  const workspace = ctx.workspace().dir;
  const file = exerciseFile(workspace, exercise);
  if (!yes) {
    if (!ctx.interactive) throw usageError(`Resetting replaces ${displayPath(file)} with the starter; pass --yes to confirm.`);
    const go = await confirm({ message: `Replace ${displayPath(file)} with the starter? (a backup is kept)`, default: false });
    if (!go) {
      ctx.print('Nothing changed.');
      return Exit.ok;
    }
  }
  let backup: string | undefined;
  if (existsSync(file)) {
    const backups = path.join(workspace, MARKER_DIR, 'backups');
    mkdirSync(backups, { recursive: true });
    backup = path.join(backups, `${exercise.lessonDir}-${exercise.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.ts`);
    copyFileSync(file, backup);
  }
  copyFileSync(path.join(exercise.dir, 'starter.ts'), file);
  ctx.print(`Restored the starter of ${exercise.id} in ${displayPath(file)}.${backup ? ` Your version is kept in ${displayPath(backup)}.` : ''}`);
  return Exit.ok;
}
