import { spawn, type ChildProcess } from 'node:child_process';
import { defaultCacheDir, distFile } from '../course/paths.ts';
import { trace } from './trace.ts';

const DEFAULT_MEMORY_MB = 512;

/** A supervisor process, started ahead of time so that it boots while the CLI does other work. */
export interface Supervisor {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Kills it and every process the learner's code started (for example a blocked `execSync`). */
  cancel(): void;
}

const live = new Set<ChildProcess>();

/** Kills a supervisor's whole process group: it runs in its own, so grandchildren die with it. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

// However the CLI ends (a verdict, an error, Ctrl-C), no supervisor outlives it.
process.on('exit', () => {
  for (const child of live) killGroup(child);
});

export function startSupervisor(memoryMb = DEFAULT_MEMORY_MB): Supervisor {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      `--max-old-space-size=${memoryMb + 256}`,
      distFile('grader/supervisor.js'),
      String(memoryMb),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, THREADLINGS_CACHE_DIR: defaultCacheDir() },
      detached: true, // its own process group, so that a kill reaches what learner code spawned
    },
  );
  trace('supervisor spawned');
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  return { child, exited, cancel: () => killGroup(child) };
}

let early: Supervisor | undefined;

/** Called first thing by main.ts for `check`, so that the supervisor boots while the CLI loads. */
export function startSupervisorEarly(): void {
  early ??= startSupervisor();
}

/** The supervisor started early, if any (each is used once). */
export function takeEarlySupervisor(): Supervisor | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
