import { spawn, type ChildProcess } from 'node:child_process';
import { distFile } from '../course/paths.ts';
import { defaultCacheDir } from './transformCache.ts';
import { trace } from './trace.ts';

const DEFAULT_MEMORY_MB = 512;

/** A supervisor process, started ahead of time so that it boots while the CLI does other work. */
export interface Supervisor {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Ends it without grading (for example when the exercise id turned out to be wrong). */
  cancel(): void;
}

export function startSupervisor(memoryMb = DEFAULT_MEMORY_MB): Supervisor {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      `--max-old-space-size=${memoryMb + 256}`,
      distFile('grader/supervisor.js'),
      String(memoryMb),
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, THREADLINGS_CACHE_DIR: defaultCacheDir() } },
  );
  trace('supervisor spawned');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, cancel: () => void child.kill('SIGKILL') };
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
