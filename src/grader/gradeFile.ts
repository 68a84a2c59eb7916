import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildResult, type Ending } from './buildResult.ts';
import { prefillTransforms } from './prefillTransforms.ts';
import { prepareModule } from './prepareModule.ts';
import type { GradeJob, GradeResult, RunMessage, SupervisorMessage, WorkerEvent } from './protocol.ts';
import { defaultCacheDir } from '../course/paths.ts';
import { startSupervisor, type Supervisor, type SupervisorDeath } from './startSupervisor.ts';
import { TsSyntaxError } from './transformTs.ts';
import { trace } from './trace.ts';

export interface GradeRequest {
  readonly checkFile: string;
  readonly learnerFile: string;
  readonly timeoutMs: number;
  /** The code under check may start child processes (exercises about processes); otherwise the sandbox refuses. */
  readonly childProcesses?: boolean;
  /** After a pass, time the solution against a sequential run (exercises with a timing side; adds up to ~1.5 s). */
  readonly timing?: boolean;
  /** Called as each case starts and ends (for live output). */
  readonly onEvent?: (event: WorkerEvent) => void;
}

/** How long past the timeout the supervisor gets before it is killed outright. */
const HARD_KILL_GRACE_MS = 1500;
const NO_OUTPUT = { text: '', truncated: false };

/** Prepares the check and the learner's file as JavaScript in the cache while the supervisor boots. */
async function prepareModules(files: readonly string[]): Promise<Record<string, string>> {
  const cacheDir = defaultCacheDir();
  const prepared = await Promise.all(files.map(async (file) => prepareModule(file, await readFile(file, 'utf8'), cacheDir)));
  const modules: Record<string, string> = {};
  for (const { file, moduleUrl } of prepared) if (moduleUrl) modules[pathToFileURL(file).href] = moduleUrl;
  return modules;
}

/**
 * Grades one file against one check: spawns a supervisor (which starts a fresh worker),
 * overlaps that with the TypeScript transform, and turns whatever happens into a verdict.
 */
export async function gradeFile(request: GradeRequest, ready?: Supervisor): Promise<GradeResult> {
  const childProcesses = request.childProcesses ?? false;
  // One started ahead of time with another sandbox (it could not know the exercise) is replaced.
  if (ready && ready.childProcesses !== childProcesses) ready.cancel();
  const supervisor = ready?.childProcesses === childProcesses ? ready : startSupervisor({ childProcesses });
  let modules: Record<string, string>;
  try {
    [modules] = await Promise.all([
      prepareModules([request.checkFile, request.learnerFile]),
      prefillTransforms([path.dirname(request.checkFile), path.dirname(request.learnerFile)], defaultCacheDir()),
    ]);
  } catch (error) {
    supervisor.cancel();
    await supervisor.exited;
    if (error instanceof TsSyntaxError) {
      const ending: Ending = { type: 'syntax-error', message: error.message, ...(error.location ? { location: error.location } : {}) };
      return buildResult([], ending, NO_OUTPUT);
    }
    throw error;
  }
  trace('typescript ready');
  return supervise(supervisor, request, modules);
}

function supervise(supervisor: Supervisor, request: GradeRequest, modules: Readonly<Record<string, string>>): Promise<GradeResult> {
  const events: WorkerEvent[] = [];
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: GradeResult | Promise<GradeResult>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hardKill);
      supervisor.cancel(); // also ends whatever the learner's code spawned and left running
      resolve(result);
    };
    const hardKill = setTimeout(() => {
      supervisor.cancel();
      settle(buildResult(events, { type: 'timeout', ms: request.timeoutMs }, NO_OUTPUT));
    }, request.timeoutMs + HARD_KILL_GRACE_MS);
    const job: GradeJob = {
      checkFile: request.checkFile,
      learnerFile: request.learnerFile,
      timeoutMs: request.timeoutMs,
      modules,
      ...(request.timing ? { timing: true } : {}),
    };
    supervisor.run(
      { type: 'run', job } satisfies RunMessage,
      (message: SupervisorMessage) => {
        trace(message.type === 'event' ? `event ${message.event.type}` : 'result');
        if (message.type === 'event') {
          events.push(message.event);
          request.onEvent?.(message.event);
        } else settle(message.result);
      },
      (death) => {
        if (settled) return;
        if (death) return settle(buildResult(events, deathOf(death), NO_OUTPUT));
        // A spare lost on the way: the job runs again in a fresh supervisor, whose death (if it dies too) says why.
        trace('spare lost: running again');
        settle(supervise(startSupervisor({ childProcesses: supervisor.childProcesses }), request, modules));
      },
    );
  });
}

function deathOf({ code, signal, stderr }: SupervisorDeath): Ending {
  // V8 ends the whole process when the heap is exhausted, or when one array or table grows past the largest size it allows.
  if (/heap out of memory|Allocation failed|invalid size error|invalid table size/i.test(stderr)) return { type: 'out-of-memory' };
  if (signal) return { type: 'killed', detail: `it was killed by ${signal} (did your code call process.kill?)` };
  return { type: 'killed', detail: `it exited with code ${code ?? 'unknown'}` };
}
