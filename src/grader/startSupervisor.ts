import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCacheDir, distFile } from '../course/paths.ts';
import { graderEnv } from './graderEnv.ts';
import { permissionFlag, sandboxArgs } from './sandboxArgs.ts';
import { trace } from './trace.ts';

const DEFAULT_MEMORY_MB = 512;

export interface SupervisorOptions {
  /** The grading worker's heap limit. */
  readonly memoryMb?: number;
  /** Whether the code under check may start child processes (the exercise says so). */
  readonly childProcesses?: boolean;
}

/** A supervisor process, started ahead of time so that it boots while the CLI does other work. */
export interface Supervisor {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly childProcesses: boolean;
  /** Kills it and every process the learner's code started (for example a blocked `execSync`). */
  cancel(): void;
}

/** Each live supervisor and its scratch folder. */
const live = new Map<ChildProcess, string>();

/** Kills a supervisor's whole process group: it runs in its own, so grandchildren die with it. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function removeScratch(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // Learner code may have made it unremovable (chmod); it is only a temporary folder.
  }
}

// However the CLI ends (a verdict, an error, Ctrl-C), no supervisor outlives it, nor its scratch folder.
process.on('exit', () => {
  for (const [child, scratch] of live) {
    killGroup(child);
    removeScratch(scratch);
  }
});

/**
 * Starts a supervisor in its own process group, sandboxed by Node's permission model: what
 * runs under it may write only to a scratch folder of its own (its os.tmpdir()), removed
 * when it exits. See sandboxArgs.ts.
 */
export function startSupervisor({ memoryMb = DEFAULT_MEMORY_MB, childProcesses = false }: SupervisorOptions = {}): Supervisor {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'threadlings-scratch-'));
  // Fetched here, not imported: start.ts loads this module for every command, and only
  // `check` spawns.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn(
    process.execPath,
    // No V8 flags: a V8 heap flag makes V8 refuse Node's built-in code cache, which costs
    // ~15 ms here and ~70 ms more when the worker boots. Source maps are the worker's job
    // (its stacks arrive mapped), and the supervisor's own heap needs no limit.
    [...sandboxArgs({ scratchDir: scratch, childProcesses, permissionFlag: permissionFlag() }), distFile('grader/supervisor.cjs'), String(memoryMb)],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: graderEnv(process.env, defaultCacheDir(), scratch),
      detached: true, // its own process group, so that a kill reaches what learner code spawned
    },
  );
  trace('supervisor spawned');
  live.set(child, scratch);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      removeScratch(scratch);
      resolve();
    }),
  );
  return { child, exited, childProcesses, cancel: () => killGroup(child) };
}

/**
 * The supervisor started early. start.ts and the CLI's bundle each hold a copy of this
 * module (they are separate bundles), so it is handed over through a global.
 */
const EARLY = Symbol.for('threadlings.earlySupervisor');
const slot = globalThis as { [EARLY]?: Supervisor };

/** Called first thing by start.ts for `check`, so that the supervisor boots while the CLI loads. */
export function startSupervisorEarly(): void {
  slot[EARLY] ??= startSupervisor();
}

/** The supervisor started early, if any (each is used once). */
export function takeEarlySupervisor(): Supervisor | undefined {
  const taken = slot[EARLY];
  delete slot[EARLY];
  return taken;
}
