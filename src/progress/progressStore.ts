import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../cli/exitError.ts';
import { displayPath } from '../course/paths.ts';
import { describeIssue } from '../course/schema.ts';
import { emptyProgress, progressSchema, type Progress } from './progressSchema.ts';

export function progressFile(workspace: string): string {
  return path.join(workspace, '.threadlings', 'progress.json');
}

/** Moves a file that cannot be read aside and explains where it went (exit 3). */
function corrupt(file: string, problem: string): Error {
  const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, backup);
  return environmentError(
    `Your progress file ${displayPath(file)} is damaged (${problem}); it was moved to ${displayPath(backup)}. ` +
      'Run the command again to start a fresh progress file, or repair the backup and move it back.',
  );
}

/** Parses progress.json text; pure apart from the error it builds. */
export function parseProgress(text: string): { ok: true; progress: Progress } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON: ${(error as Error).message}` };
  }
  const parsed = progressSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: describeIssue(parsed.error) };
  return { ok: true, progress: parsed.data };
}

/** Reads the workspace's progress; a missing file is empty progress, a damaged one is kept aside. */
export function readProgress(workspace: string): Progress {
  const file = progressFile(workspace);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyProgress();
    throw environmentError(`Cannot read ${displayPath(file)} (${(error as Error).message}); check the file's permissions.`);
  }
  const result = parseProgress(text);
  if (!result.ok) throw corrupt(file, result.problem);
  return result.progress;
}

function importWriter() {
  return Promise.all([import('proper-lockfile'), import('write-file-atomic')]);
}
let writer: ReturnType<typeof importWriter> | undefined;

/** The lock and atomic-write modules, loaded once; `check` starts loading them while it grades. */
export function loadWriter(): ReturnType<typeof importWriter> {
  writer ??= importWriter();
  return writer;
}

/**
 * Read-modify-write under a cross-process lock, written atomically (write + rename),
 * so that concurrent `check` runs never lose an update.
 */
export async function updateProgress(workspace: string, change: (progress: Progress) => void): Promise<Progress> {
  const [{ default: lockfile }, { default: writeFileAtomic }] = await loadWriter();
  const file = progressFile(workspace);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 50, minTimeout: 20, maxTimeout: 200, randomize: true },
    });
  } catch (error) {
    throw environmentError(`Cannot lock ${displayPath(file)} (${(error as Error).message}); is the workspace writable?`);
  }
  try {
    const progress = readProgress(workspace);
    change(progress);
    try {
      await writeFileAtomic(file, `${JSON.stringify(progress, null, 2)}\n`);
    } catch (error) {
      throw environmentError(`Cannot write ${displayPath(file)} (${(error as Error).message}); is the workspace writable?`);
    }
    return progress;
  } finally {
    await release();
  }
}
