import type { Context } from '../context.ts';
import { Exit, type ExitCode } from '../exitError.ts';
import { displayPath } from '../../course/paths.ts';
import { locateWorkspace, openWorkspace } from '../../progress/workspace.ts';

/** `threadlings init [dir]`: creates (or completes) a workspace. */
export async function initCommand(ctx: Context, dir: string | undefined): Promise<ExitCode> {
  const course = ctx.course();
  const location = dir ? locateWorkspace({ flag: dir }) : ctx.workspaceLocation();
  const opened = openWorkspace(location, course);
  const where = displayPath(opened.dir);
  if (opened.created) ctx.print(`Created a workspace in ${where} with ${opened.added.length} exercise files.`);
  else if (opened.added.length > 0) ctx.print(`The workspace in ${where} already existed; added ${opened.added.length} new exercise files.`);
  else ctx.print(`The workspace in ${where} is ready; nothing to add.`);
  if (dir && location.dir !== ctx.workspaceLocation().dir) {
    ctx.print(`Use it with --workspace ${where}, THREADLINGS_WORKSPACE=${where}, or by running threadlings from inside it.`);
  }
  ctx.print('Start with `npx threadlings lesson 01`.');
  return Exit.ok;
}
