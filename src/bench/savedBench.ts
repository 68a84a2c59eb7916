import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_SCHEMA, DEMO_IDS, type BenchResult } from './benchResult.ts';

/** Where the learner's last run of a demo is kept: `<workspace>/.threadlings/bench/<demo>.json`. */
export function savedBenchFile(workspaceDir: string, demo: string): string {
  return path.join(workspaceDir, '.threadlings', 'bench', `${demo}.json`);
}

/** Writes the result atomically (write + rename), replacing the previous run of the demo. */
export async function saveBench(workspaceDir: string, result: BenchResult): Promise<string> {
  const { default: writeFileAtomic } = await import('write-file-atomic');
  const file = savedBenchFile(workspaceDir, result.demo);
  mkdirSync(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

function looksLikeResult(value: unknown, demo: string): value is BenchResult {
  const v = value as BenchResult | undefined;
  return (
    v?.schema === BENCH_SCHEMA &&
    v.demo === demo &&
    typeof v.machine?.cores === 'number' &&
    Array.isArray(v.groups) &&
    Array.isArray(v.notes) &&
    Array.isArray(v.results) &&
    v.results.every((r) => typeof r.group === 'string' && typeof r.label === 'string' && typeof r.medianMs === 'number' && Array.isArray(r.runs))
  );
}

/** The last saved run of a demo, or undefined if there is none or it cannot be read. */
export function loadSavedBench(workspaceDir: string, demo: string): BenchResult | undefined {
  if (!(DEMO_IDS as readonly string[]).includes(demo)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(savedBenchFile(workspaceDir, demo), 'utf8'));
    return looksLikeResult(parsed, demo) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
