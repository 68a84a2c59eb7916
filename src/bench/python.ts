import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../course/paths.ts';
import type { RowInput } from './buildResults.ts';
import { lastJsonLine, runChild } from './children.ts';

/** What the Node side of a demo asks of its Python twin. */
export interface PythonRequest {
  /** A script in bench/python/, e.g. cpu_bench.py */
  readonly script: string;
  readonly tasks: number;
  /** Per task: computing (cpu) or waiting (io). */
  readonly ms: number;
  readonly runs: number;
  readonly warmup: number;
  readonly workers: readonly number[];
  readonly cores: number;
}

export type PythonOutcome =
  | { readonly ok: true; readonly version: string; readonly gil: boolean; readonly rows: RowInput[] }
  | { readonly ok: false; readonly note: string };

interface ScriptOutput {
  python: string;
  gil: boolean;
  results: { strategy: string; label: string; workers: number; runs: number[] }[];
}

function isScriptOutput(value: unknown): value is ScriptOutput {
  const v = value as ScriptOutput | undefined;
  return (
    typeof v?.python === 'string' &&
    Array.isArray(v.results) &&
    v.results.every((r) => typeof r.strategy === 'string' && typeof r.workers === 'number' && Array.isArray(r.runs) && r.runs.every((ms) => typeof ms === 'number'))
  );
}

export function pythonScript(script: string): string {
  return path.join(packageRoot, 'bench', 'python', script);
}

/**
 * Runs the Python version of a workload with python3 from PATH and turns its JSON into
 * rows of group "python". Never fails the bench: without python3 (or on any error) the
 * outcome is a one-line note instead.
 */
export async function runPythonBench(request: PythonRequest, group = 'python'): Promise<PythonOutcome> {
  const file = pythonScript(request.script);
  if (!existsSync(file)) return { ok: false, note: `Python comparison skipped: ${file} is missing.` };
  const args = [
    file,
    ...['--tasks', String(request.tasks), '--ms', String(request.ms), '--runs', String(request.runs)],
    ...['--warmup', String(request.warmup), '--workers', request.workers.join(','), '--cores', String(request.cores)],
  ];
  let result;
  try {
    result = await runChild('python3', args, { ...process.env, PYTHONDONTWRITEBYTECODE: '1' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, note: 'Python comparison skipped: python3 is not on PATH.' };
    return { ok: false, note: `Python comparison skipped: python3 did not start (${(error as Error).message}).` };
  }
  const output = lastJsonLine(result.stdout);
  if (result.code !== 0 || !isScriptOutput(output)) {
    const why = result.stderr.trim().split('\n').at(-1) ?? `exit code ${result.code}`;
    return { ok: false, note: `Python comparison skipped: ${request.script} failed (${why}).` };
  }
  const rows = output.results.map(
    (r): RowInput => ({
      group,
      strategy: `python-${r.strategy}`,
      label: `Python ${r.label}`,
      runtime: 'python',
      workers: r.workers,
      warmupRuns: request.warmup,
      runs: r.runs.map((ms) => ({ ms })),
    }),
  );
  return { ok: true, version: output.python, gil: output.gil !== false, rows };
}
