import type { Context } from '../context.ts';
import { Exit, usageError, type ExitCode } from '../exitError.ts';
import { displayPath } from '../../course/paths.ts';
import { DEMOS, findDemo } from '../../bench/demoCatalog.ts';
import { runBench } from '../../bench/runBench.ts';
import { saveBench } from '../../bench/savedBench.ts';
import { renderBenchReport, renderDemoList } from '../../render/benchTable.ts';
import { startSpinner } from '../startSpinner.ts';

export interface BenchFlags {
  readonly tasks?: number;
  readonly runs?: number;
  /** A comma-separated list, e.g. "1,2,4". */
  readonly workers?: string;
  readonly python?: boolean;
}

const MAX_WORKERS = 256;

/** `--workers 1,2,4` as sorted, distinct whole numbers from 1 to MAX_WORKERS. */
export function parseWorkerList(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part) || Number(part) < 1 || Number(part) > MAX_WORKERS)) {
    throw usageError(`--workers takes whole numbers from 1 to ${MAX_WORKERS} separated by commas, e.g. --workers 1,2,4 (got "${text}").`);
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** `threadlings bench [<demo>] [--json] [--tasks N] [--runs N] [--workers LIST] [--python]` */
export async function benchCommand(ctx: Context, id: string | undefined, flags: BenchFlags): Promise<ExitCode> {
  if (id === undefined) {
    if (ctx.json) {
      const demos = DEMOS.map(({ id: demo, title, summary, defaultTasks, tasksAre, python }) => ({
        id: demo,
        title,
        summary,
        defaultTasks,
        tasksAre,
        python: !!python,
        command: `threadlings bench ${demo}`,
      }));
      ctx.print(JSON.stringify({ demos }, null, 2));
    } else {
      ctx.print(renderDemoList(DEMOS, ctx.palette));
    }
    return Exit.ok;
  }
  const demo = findDemo(id);
  const maxTasks = demo.defaultTasks * 100;
  if (flags.tasks !== undefined && flags.tasks > maxTasks) {
    throw usageError(
      `bench ${demo.id} takes --tasks from 1 to ${maxTasks.toLocaleString('en-US')} (100 times its default of ${demo.defaultTasks.toLocaleString('en-US')}); pick a smaller number.`,
    );
  }
  const workers = flags.workers === undefined ? undefined : parseWorkerList(flags.workers);
  const spinner = await startSpinner(ctx, `bench ${demo.id}: starting`);
  const stopSpinner = (): void => void spinner?.stop();
  if (spinner) process.prependOnceListener('SIGINT', stopSpinner); // before main.ts prints "interrupted"
  const result = await runBench({
    demo,
    ...(flags.tasks === undefined ? {} : { tasks: flags.tasks }),
    ...(workers === undefined ? {} : { workers }),
    runs: flags.runs ?? 5,
    warmup: 1,
    python: !!flags.python,
    onProgress: (text) => {
      if (spinner) spinner.text = text;
    },
  }).finally(() => {
    process.off('SIGINT', stopSpinner);
    stopSpinner();
  });
  let saved: string | undefined;
  try {
    saved = await saveBench(ctx.workspace().dir, result);
  } catch (error) {
    ctx.note(`Could not save the result to the workspace (${(error as Error).message}).`);
  }
  ctx.print(ctx.json ? JSON.stringify(result, null, 2) : renderBenchReport(result, ctx.palette));
  if (saved && !ctx.json) ctx.note(ctx.palette.dim(`Saved to ${displayPath(saved)}; the lessons that go with this demo show your last run.`));
  return Exit.ok;
}
