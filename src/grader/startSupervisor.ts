import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCacheDir, distFile } from '../course/paths.ts';
import { graderEnv } from './graderEnv.ts';
import type { RunMessage, SupervisorMessage } from './protocol.ts';
import { permissionFlag, sandboxArgs } from './sandboxArgs.ts';
import { trace } from './trace.ts';

export const DEFAULT_MEMORY_MB = 512;

export interface SupervisorOptions {
  /** The grading worker's heap limit. */
  readonly memoryMb?: number;
  /** Whether the code under check may start child processes (the exercise says so). */
  readonly childProcesses?: boolean;
}

/** How a supervisor process ended without a verdict. */
export interface SupervisorDeath {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The start of what it printed to stderr (V8 says "heap out of memory" there). */
  readonly stderr: string;
}

/** A supervisor process, started ahead of time so that it boots while the CLI does other work. */
export interface Supervisor {
  readonly exited: Promise<void>;
  readonly childProcesses: boolean;
  /** Kills it and every process the learner's code started (for example a blocked `execSync`). */
  cancel(): void;
  /**
   * Sends it the job, then hands over every message it sends back. If it ends without a
   * verdict, `onDeath` says how; `undefined` means a spare was lost on the way (spareSupervisor.ts),
   * and the job should run again in a fresh supervisor, whose death would say why.
   */
  run(message: RunMessage, onMessage: (message: SupervisorMessage) => void, onDeath: (death: SupervisorDeath | undefined) => void): void;
}

/** Each live supervisor and its scratch folder. */
const live = new Map<ChildProcess, string>();

/** Kills a supervisor's whole process group: it runs in its own, so grandchildren die with it. */
export function killGroup(pid: number | undefined, fallback?: ChildProcess): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    fallback?.kill('SIGKILL');
  }
}

export function removeScratch(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // Learner code may have made it unremovable (chmod); it is only a temporary folder.
  }
}

// However the CLI ends (a verdict, an error, Ctrl-C), no supervisor outlives it, nor its scratch folder.
process.on('exit', () => {
  for (const [child, scratch] of live) {
    killGroup(child.pid, child);
    removeScratch(scratch);
  }
});

/** A new scratch folder for a supervisor: its os.tmpdir(), and the only place its sandbox may write. */
export function makeScratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), SCRATCH_PREFIX));
}
const SCRATCH_PREFIX = 'threadlings-scratch-';

/** Whether a folder is one makeScratch() made (a spare names its own; the CLI removes only those). */
export function isScratch(dir: string): boolean {
  return path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith(SCRATCH_PREFIX);
}

/** The command line and environment of a supervisor (`spare`: the socket it waits on instead of an IPC channel). */
export function supervisorCommand(
  scratch: string,
  { childProcesses = false, memoryMb = DEFAULT_MEMORY_MB }: SupervisorOptions,
  spare?: string,
): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    // No V8 flags: a V8 heap flag makes V8 refuse Node's built-in code cache, which costs
    // ~15 ms here and ~70 ms more when the worker boots. Source maps are the worker's job
    // (its stacks arrive mapped), and the supervisor's own heap needs no limit.
    args: [
      ...sandboxArgs({ scratchDir: scratch, childProcesses, permissionFlag: permissionFlag() }),
      distFile('grader/supervisor.cjs'),
      String(memoryMb),
      ...(spare ? [spare] : []),
    ],
    env: graderEnv(process.env, defaultCacheDir(), scratch),
  };
}

/**
 * Starts a supervisor in its own process group, sandboxed by Node's permission model: what
 * runs under it may write only to a scratch folder of its own (its os.tmpdir()), removed
 * when it exits. See sandboxArgs.ts.
 */
export function startSupervisor(options: SupervisorOptions = {}): Supervisor {
  const childProcesses = options.childProcesses ?? false;
  const scratch = makeScratch();
  const { args, env } = supervisorCommand(scratch, options);
  // Fetched here, not imported: start.ts loads this module for every command, and only
  // `check` spawns.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env,
    detached: true, // its own process group, so that a kill reaches what learner code spawned
  });
  trace('supervisor spawned');
  live.set(child, scratch);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      removeScratch(scratch);
      resolve();
    }),
  );
  const run: Supervisor['run'] = (message, onMessage, onDeath) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 16_384) stderr += chunk.toString('utf8');
    });
    child.on('message', onMessage);
    // A death (it may have died while the TypeScript was transformed) is only final once the
    // IPC channel has closed: messages still in flight are delivered before 'close'.
    const died = (): void => onDeath({ code: child.exitCode, signal: child.signalCode, stderr });
    child.once('close', died);
    if (!child.connected) return void exited.then(() => setImmediate(died));
    child.send(message, (error) => {
      if (error) void exited.then(() => setImmediate(died));
    });
  };
  return { exited, childProcesses, cancel: () => killGroup(child.pid, child), run };
}
