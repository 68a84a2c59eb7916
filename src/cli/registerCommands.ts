import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Context, GlobalOptions } from './context.ts';
import { usageError, type ExitCode } from './exitError.ts';
import { suggest } from '../course/resolveId.ts';

type Run = (context: Context) => Promise<ExitCode>;

/** A parser for a whole-number option from 1 to `max`. */
function wholeNumber(max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || parsed < 1 || parsed > max) {
      throw new InvalidArgumentError(`a whole number from 1 to ${max.toLocaleString('en-US')}.`);
    }
    return parsed;
  };
}
/** --tasks: the real limit depends on the demo (bench.ts). */
const MAX_TASKS = 1_000_000_000;
/** Timed runs per bench row: more than this would take hours for no better median. */
export const MAX_RUNS = 100;

function example(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/** Declares every command; each one loads its module only when it runs. */
export function registerCommands(program: Command, globals: () => GlobalOptions, setCode: (code: ExitCode) => void): void {
  const run = (json: boolean, action: Run) => async () => {
    const { createContext } = await import('./context.ts');
    setCode(await action(createContext(globals(), json)));
  };

  program.allowExcessArguments(true).action(async () => {
    const [stray] = program.args;
    if (stray !== undefined) {
      const guess = suggest(stray, program.commands.map((command) => command.name()));
      throw usageError(`Unknown command "${stray}".${guess ? ` Did you mean "${guess}"?` : ''} Run \`threadlings --help\` to see the commands.`);
    }
    await run(false, async (ctx) =>
      ctx.interactive ? (await import('./commands/menu.ts')).menuCommand(ctx) : (await import('./commands/overview.ts')).overviewCommand(ctx),
    )();
  });

  program
    .command('lessons')
    .description('list the lessons in order, with what you have read and done')
    .option('--json', 'machine-readable output')
    .addHelpText('after', example(['threadlings lessons', 'threadlings lessons --json']))
    .action((opts: { json?: boolean }) =>
      run(!!opts.json, async (ctx) => (await import('./commands/lessons.ts')).lessonsCommand(ctx))(),
    );

  program
    .command('lesson')
    .description('read one lesson (by number or name) and mark it read')
    .argument('<lesson>', 'lesson number or name, e.g. 02 or threads')
    .option('--no-pager', 'print straight to the terminal instead of through a pager')
    .addHelpText('after', example(['threadlings lesson 02', 'threadlings lesson threads --no-pager']))
    .action((id: string, opts: { pager: boolean }) =>
      run(false, async (ctx) => (await import('./commands/lesson.ts')).lessonCommand(ctx, id, opts.pager))(),
    );

  program
    .command('list')
    .description('list the exercises in order with their status')
    .option('--json', 'machine-readable output')
    .addHelpText('after', example(['threadlings list', 'threadlings list --json']))
    .action((opts: { json?: boolean }) =>
      run(!!opts.json, async (ctx) => (await import('./commands/list.ts')).listCommand(ctx))(),
    );

  program
    .command('check')
    .description('grade your file for an exercise (or --all of them)')
    .argument('[exercise]', 'exercise id, e.g. threads/join')
    .option('--all', 'grade every exercise, several at once')
    .option('--json', 'machine-readable output')
    .addHelpText('after', example(['threadlings check threads/join', 'threadlings check --all --json']))
    .action((id: string | undefined, opts: { all?: boolean; json?: boolean }) =>
      run(!!opts.json, async (ctx) => (await import('./commands/check.ts')).checkCommand(ctx, id, !!opts.all))(),
    );

  program
    .command('watch')
    .description('check an exercise on every save, and move on to the next one after a pass')
    .argument('[exercise]', 'exercise id (default: the next one not done)')
    .option('--poll', 'poll the file for changes (for file systems without change events)')
    .addHelpText('after', example(['threadlings watch', 'threadlings watch threads/join --poll']))
    .action((id: string | undefined, opts: { poll?: boolean }) =>
      run(false, async (ctx) => (await import('./commands/watch.ts')).watchCommand(ctx, id, !!opts.poll))(),
    );

  program
    .command('hint')
    .description('show the next hint for an exercise (one level more each time)')
    .argument('<exercise>', 'exercise id, e.g. threads/join')
    .option('--level <n>', 'show hints up to this level', wholeNumber(99))
    .addHelpText('after', example(['threadlings hint threads/join', 'threadlings hint threads/join --level 2']))
    .action((id: string, opts: { level?: number }) =>
      run(false, async (ctx) => (await import('./commands/hint.ts')).hintCommand(ctx, id, opts.level))(),
    );

  program
    .command('solution')
    .description('show the reference solution of an exercise you have passed')
    .argument('<exercise>', 'exercise id, e.g. threads/join')
    .option('--force', 'show it even though you have not passed yet')
    .addHelpText('after', example(['threadlings solution threads/join']))
    .action((id: string, opts: { force?: boolean }) =>
      run(false, async (ctx) => (await import('./commands/solution.ts')).solutionCommand(ctx, id, !!opts.force))(),
    );

  program
    .command('reset')
    .description('put the starter file of an exercise back (your version is kept in .threadlings/backups)')
    .argument('<exercise>', 'exercise id, e.g. threads/join')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', example(['threadlings reset threads/join --yes']))
    .action((id: string, opts: { yes?: boolean }) =>
      run(false, async (ctx) => (await import('./commands/reset.ts')).resetCommand(ctx, id, !!opts.yes))(),
    );

  program
    .command('progress')
    .description('show your progress: per lesson, totals, attempts and best times')
    .option('--json', 'machine-readable output')
    .addHelpText('after', example(['threadlings progress', 'threadlings progress --json']))
    .action((opts: { json?: boolean }) =>
      run(!!opts.json, async (ctx) => (await import('./commands/progress.ts')).progressCommand(ctx))(),
    );

  program
    .command('init')
    .description('create a workspace: your exercise files and progress')
    .argument('[dir]', 'where to create it (default: the --workspace, or ./workspace in the clone)')
    .addHelpText('after', example(['threadlings init', 'threadlings init ~/threadlings-work']))
    .action((dir: string | undefined) =>
      run(false, async (ctx) => (await import('./commands/init.ts')).initCommand(ctx, dir))(),
    );

  program
    .command('completion')
    .description('print a shell completion script (bash or zsh)')
    .argument('[shell]', 'bash or zsh')
    .addOption(new Option('--ids <kind>', 'print exercise or lesson ids (used by the scripts)').hideHelp())
    .addHelpText('after', example(['threadlings completion bash >> ~/.bashrc', 'threadlings completion zsh >> ~/.zshrc']))
    .action((shell: string | undefined, opts: { ids?: string }) =>
      run(false, async (ctx) => (await import('./commands/completion.ts')).completionCommand(ctx, program, shell, opts.ids))(),
    );

  // --- bench (Timing lab, DESIGN §6) ---
  program
    .command('bench')
    .description('timing lab: one workload under several strategies (sequential, Promise.all, workers, pools), timed side by side')
    .argument('[demo]', 'io, cpu, mixed, race, pool or threadpool (none: list them)')
    .option('--json', 'machine-readable output: every run')
    .option('--tasks <n>', 'how many tasks (per demo default; at most 100 times it)', wholeNumber(MAX_TASKS))
    .option('--runs <n>', `timed runs per row, after one warm-up (default 5, at most ${MAX_RUNS})`, wholeNumber(MAX_RUNS))
    .option('--workers <list>', 'thread counts to try, e.g. 1,2,4 (default: 1, 2, 4... up to twice the cores)')
    .option('--python', 'also run the Python version (io, cpu) when python3 is on PATH')
    .addHelpText('after', example(['threadlings bench', 'threadlings bench cpu', 'threadlings bench io --python', 'threadlings bench pool --json --runs 3']))
    .action((demo: string | undefined, opts: { json?: boolean; tasks?: number; runs?: number; workers?: string; python?: boolean }) =>
      run(!!opts.json, async (ctx) => (await import('./commands/bench.ts')).benchCommand(ctx, demo, opts))(),
    );
  // --- end bench ---

  program
    .command('dev')
    .description('tools for course authors')
    .command('check')
    .description('prove every starter fails for its intended reason and every solution passes')
    .argument('[exercises...]', 'only these exercises (ids or prefixes such as a lesson slug)')
    .addHelpText('after', example(['threadlings dev check', 'threadlings dev check locks/counter']))
    .action((ids: string[]) => run(false, async (ctx) => (await import('./commands/devCheck.ts')).devCheckCommand(ctx, ids))());

  // Only the program itself takes stray words (to say "unknown command"); its commands
  // inherited that setting, but `threadlings list extra` is a usage error.
  const strict = (command: Command): void => {
    command.allowExcessArguments(false);
    command.commands.forEach(strict);
  };
  program.commands.forEach(strict);
}
