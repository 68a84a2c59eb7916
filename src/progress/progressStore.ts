import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../cli/exitError.ts';
import { displayPath } from '../course/paths.ts';
import { migrateProgress, type DroppedEntry, type Migrated } from './migrateProgress.ts';
import { emptyProgress, PROGRESS_SCHEMA, type Progress } from './progressSchema.ts';

export function progressFile(workspace: string): string {
  return path.join(workspace, '.threadlings', 'progress.json');
}

/**
 * Lock timing. A holder refreshes the lock's mtime every `update` ms while it holds it (it
 * holds it for a read and a write, milliseconds); a lock not refreshed for `stale` ms was
 * left by a killed process and is taken over, so a `kill -9` costs the next command at most
 * `stale` ms. The retries span several times `stale`, so that 20 processes queueing for the
 * lock, or one waiting for a stale lock, all get it.
 */
export const LOCK_OPTIONS = {
  realpath: false,
  stale: 3_000,
  update: 1_000,
  retries: { retries: 150, minTimeout: 20, maxTimeout: 150, randomize: true },
} as const;

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

/** One line on stderr (never part of --json output); the command carries on. */
function warn(text: string): void {
  process.stderr.write(`threadlings: ${text}\n`);
}

/** Moves a file that cannot be read aside and explains where it went (exit 3). */
function corrupt(file: string, problem: string): Error {
  const backup = `${file}.corrupt-${stamp()}`;
  try {
    renameSync(file, backup);
  } catch (error) {
    return environmentError(
      `Your progress file ${displayPath(file)} is damaged (${problem}) and could not be moved aside (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); move it away yourself and run the command again.`,
    );
  }
  return environmentError(
    `Your progress file ${displayPath(file)} is damaged (${problem}); it was moved to ${displayPath(backup)}. ` +
      'Run the command again to start a fresh progress file, or repair the backup and move it back.',
  );
}

/** A file written by a later threadlings: left exactly as it is (exit 3). */
function newer(file: string, schema: number): Error {
  return environmentError(
    `Your progress file ${displayPath(file)} was written by a newer threadlings (progress schema ${schema}; this one reads up to ${PROGRESS_SCHEMA}) and was left untouched; upgrade threadlings to use it.`,
  );
}

/** The one-sentence error for a progress file that cannot be written (exit 3). */
export function notWritable(target: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const advice =
    code === 'EISDIR'
      ? `it is a folder, so remove or rename it`
      : `make it writable (e.g. \`chmod -R u+w ${displayPath(path.dirname(target))}\`) or use another workspace with --workspace`;
  return environmentError(`Your progress could not be saved because ${displayPath(target)} is not writable (${code}); ${advice}, then run the command again.`);
}

/** Parses progress.json text and brings it to the current layout; pure. */
export function parseProgress(text: string): Migrated {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON: ${(error as Error).message}` };
  }
  return migrateProgress(json);
}

interface Loaded {
  readonly progress: Progress;
  readonly from: number;
  readonly dropped: readonly DroppedEntry[];
}

/** `saving`: the read is the first half of a save, so a file that cannot be read cannot be saved either. */
function load(workspace: string, saving: boolean): Loaded {
  const file = progressFile(workspace);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { progress: emptyProgress(), from: PROGRESS_SCHEMA, dropped: [] };
    if (code === 'EISDIR') {
      throw saving ? notWritable(file, error) : environmentError(`Your progress file ${displayPath(file)} is a folder, not a file; remove or rename it and run the command again.`);
    }
    throw environmentError(`Cannot read ${displayPath(file)} (${code ?? (error as Error).message}); check the file's permissions.`);
  }
  const result = parseProgress(text);
  if (!result.ok) throw result.newerSchema === undefined ? corrupt(file, result.problem) : newer(file, result.newerSchema);
  return result;
}

const describeDropped = (dropped: readonly DroppedEntry[]): string =>
  `${dropped.length} invalid ${dropped.length === 1 ? 'entry' : 'entries'} (${dropped.map((d) => `${d.section}.${d.id}.${d.problem}`).join('; ')})`;

/**
 * Reads the workspace's progress: a missing file is empty progress, a damaged one is kept
 * aside (exit 3), one from a newer threadlings is left alone (exit 3). Invalid entries are
 * ignored with a warning; the next save sets them aside (updateProgress).
 */
export function readProgress(workspace: string): Progress {
  const { progress, dropped } = load(workspace, false);
  if (dropped.length > 0) {
    const them = dropped.length === 1 ? 'it' : 'them';
    warn(`${displayPath(progressFile(workspace))} has ${describeDropped(dropped)}, ignored for now; the next save of your progress moves ${them} to a backup.`);
  }
  return progress;
}

/** Keeps entries that did not validate in `progress.json.dropped-<time>`, under the lock. */
function setAside(file: string, dropped: readonly DroppedEntry[]): void {
  const backup = `${file}.dropped-${stamp()}`;
  const kept: Record<string, Record<string, unknown>> = { exercises: {}, lessons: {} };
  for (const entry of dropped) (kept[entry.section] ??= {})[entry.id] = entry.value;
  try {
    writeFileSync(backup, `${JSON.stringify({ problems: dropped.map((d) => `${d.section}.${d.id}.${d.problem}`), ...kept }, null, 2)}\n`);
  } catch (error) {
    throw notWritable(backup, error);
  }
  warn(`Moved ${describeDropped(dropped)} of ${displayPath(file)} to ${displayPath(backup)}; the rest of your progress is kept.`);
}

/**
 * A write goes to `progress.json.<pid>` and is renamed over the file; a process killed in
 * between leaves that file behind. Every write happens under the lock, so while we hold it
 * any such file is an orphan.
 */
function removeOrphanedTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length))) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // best effort: a leftover temporary file is untidy, not harmful
  }
}

/** Writes the whole file or nothing, and makes it durable before it replaces the old one. */
function writeDurably(file: string, text: string): void {
  const temporary = `${file}.${process.pid}`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Whatever stands there is removed under the lock next time, if it is a file.
    }
    throw error;
  }
}

const importLock = () => import('proper-lockfile');
let lockModule: ReturnType<typeof importLock> | undefined;

/** The lock module, loaded once; `check` starts loading it while it grades. */
export function loadLock(): ReturnType<typeof importLock> {
  lockModule ??= importLock();
  return lockModule;
}

type Release = () => void | Promise<void>;

/**
 * Takes the lock: at once when it is free (nearly always, and synchronously, which saves
 * milliseconds on every `check`), else by waiting with retries for the holder to let go.
 */
async function takeLock(file: string, onCompromised: (error: Error) => void): Promise<Release> {
  const { default: lockfile } = await loadLock();
  try {
    try {
      return lockfile.lockSync(file, { ...LOCK_OPTIONS, retries: 0, onCompromised });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      return await lockfile.lock(file, { ...LOCK_OPTIONS, onCompromised });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw environmentError(`Another threadlings is holding ${displayPath(file)}.lock and did not let go; wait a few seconds and run the command again.`);
    }
    throw notWritable(path.dirname(file), error); // the lock is a folder made beside the file
  }
}

/**
 * Read-modify-write under a cross-process lock, written atomically (write, fsync, rename),
 * so that concurrent `check` runs never lose an update and a killed one never leaves half a file.
 */
export async function updateProgress(workspace: string, change: (progress: Progress) => void): Promise<Progress> {
  const file = progressFile(workspace);
  let compromised: Error | undefined;
  // By default proper-lockfile throws from a timer, which would crash the command.
  const release = await takeLock(file, (error) => (compromised = error));
  try {
    removeOrphanedTempFiles(file);
    const { progress, from, dropped } = load(workspace, true);
    if (dropped.length > 0) setAside(file, dropped);
    if (from < PROGRESS_SCHEMA) warn(`Updated ${displayPath(file)} from the old layout (version ${from}) to schema ${PROGRESS_SCHEMA}.`);
    change(progress);
    if (compromised) {
      throw environmentError(`Lost the lock on ${displayPath(file)} (${compromised.message}), so nothing was saved; run the command again.`);
    }
    try {
      writeDurably(file, `${JSON.stringify(progress, null, 2)}\n`);
    } catch (error) {
      throw notWritable(file, error);
    }
    return progress;
  } finally {
    try {
      await release();
    } catch {
      // Fails only when the lock was compromised, reported above.
    }
  }
}
