import type { Command } from 'commander';
import type { Context } from '../context.ts';
import { Exit, usageError, type ExitCode } from '../exitError.ts';
import { bashCompletion, zshCompletion, type CompletionCommand } from '../../render/completionScript.ts';

const EXERCISE_COMMANDS = new Set(['check', 'watch', 'hint', 'solution', 'reset']);

function describe(program: Command): CompletionCommand[] {
  return program.commands.map((command) => ({
    name: command.name(),
    options: command.options.filter((option) => !option.hidden).map((option) => option.long ?? option.short ?? '').filter(Boolean),
    argument: EXERCISE_COMMANDS.has(command.name()) ? 'exercise' : command.name() === 'lesson' ? 'lesson' : 'none',
  }));
}

/** `threadlings completion bash|zsh`, and `--ids exercise|lesson` for the scripts themselves. */
export async function completionCommand(ctx: Context, program: Command, shell: string | undefined, ids: string | undefined): Promise<ExitCode> {
  if (ids) {
    const course = ctx.course();
    if (ids === 'exercise') ctx.print(course.exercises.map((e) => e.id).join('\n'));
    else if (ids === 'lesson') ctx.print(course.lessons.map((l) => l.id).join('\n'));
    else throw usageError(`--ids takes "exercise" or "lesson", not "${ids}".`);
    return Exit.ok;
  }
  if (shell === 'bash') ctx.print(bashCompletion(describe(program)));
  else if (shell === 'zsh') ctx.print(zshCompletion(describe(program)));
  else throw usageError(`Name the shell: \`threadlings completion bash\` or \`threadlings completion zsh\`${shell ? `, not "${shell}"` : ''}.`);
  return Exit.ok;
}
