/**
 * Spare supervisors. Booting a supervisor and its worker costs a fresh process ~100 ms before
 * any grading can start, so after a `check` the CLI leaves one spare behind: booted, sandboxed
 * and idle, waiting on a local socket for the next `check` (see supervisorLink.ts). The next
 * check of the same CLI build, Node, environment and folder connects and uses it at once;
 * anything else (the first check, a spare that timed out, a changed environment) starts a
 * supervisor as before. A spare serves one check, then dies with it like any supervisor.
 *
 * `THREADLINGS_SPARE=0` turns spares off.
 */
import { existsSync, unlinkSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { distFile } from '../course/paths.ts';
import { readJsonLines, writeJsonLine } from './jsonLines.ts';
import type { SpareHello, SupervisorMessage } from './protocol.ts';
import { spareFolder, spareKey } from './spareAddress.ts';
import { isScratch, killGroup, makeScratch, removeScratch, startSupervisor, supervisorCommand, type Supervisor } from './startSupervisor.ts';
import { trace } from './trace.ts';

/** Where a spare for a check started here and now waits, or undefined when spares are off or cannot work here. */
export function spareAddress(): string | undefined {
  if (process.env['THREADLINGS_SPARE'] === '0') return undefined;
  const folder = spareFolder();
  if (!folder) return undefined;
  const { args, env: supervisorEnv } = supervisorCommand('', {});
  const key = spareKey({
    execPath: process.execPath,
    nodeVersion: process.version,
    args,
    env: supervisorEnv,
    cwd: process.cwd(),
    builtFiles: [distFile('grader/supervisor.cjs'), distFile('grader/worker.js')],
  });
  return path.join(folder, `${key}.sock`);
}

/**
 * Leaves a spare at `address` (spareAddress()) for the next check, unless one already waits
 * there (or a dead one left its socket, which the next check clears).
 */
export function leaveSpare(address: string | undefined): void {
  if (!address || existsSync(address)) return;
  const scratch = makeScratch();
  const { args, env } = supervisorCommand(scratch, {}, address);
  const { spawn } = process.getBuiltinModule('node:child_process');
  try {
    spawn(process.execPath, args, { stdio: 'ignore', env, detached: true }).unref();
    trace('spare left');
  } catch {
    removeScratch(scratch); // no spare: the next check starts its own
  }
}

/**
 * A supervisor for a check: the spare waiting for it if there is one, else a new one. When
 * the spare turns out to be gone before it took the job (it timed out that very moment, or it
 * was killed and left its socket file), a new supervisor takes over without a word.
 */
export function spareOrNewSupervisor(address: string | undefined): Supervisor {
  if (!address || !existsSync(address)) return startSupervisor();
  const { connect } = process.getBuiltinModule('node:net');
  trace('connecting to a spare');
  const socket: Socket = connect(address);
  let hello: SpareHello | undefined;
  let replacement: Supervisor | undefined;
  let cancelled = false;
  let refused = false;
  let resolveExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => (resolveExited = resolve));
  let onMessage: (message: SupervisorMessage) => void = () => {};
  let onLost: () => void = () => {};
  let job: Parameters<Supervisor['run']> | undefined;

  const end = (): void => {
    if (!hello) return;
    killGroup(hello.pid);
    if (isScratch(hello.scratch)) removeScratch(hello.scratch);
  };
  process.once('exit', end); // no supervisor outlives the CLI

  readJsonLines<SupervisorMessage | SpareHello>(socket, (message) => {
    if (message.type !== 'hello') return onMessage(message);
    if (hello) return;
    hello = message;
    trace('spare taken');
    if (job) send(...job);
  });
  const send = (...[message, messages, onDeath]: Parameters<Supervisor['run']>): void => {
    onMessage = messages;
    onLost = () => onDeath(undefined);
    // A spare that died between its hello and the job is lost like one that dies while grading.
    void writeJsonLine(socket, message).then((written) => written || onLost());
    // While the spare grades, this thread idles: it loads what leaving the next spare will need (~5 ms).
    setImmediate(() => process.getBuiltinModule('node:child_process'));
  };
  socket.on('error', (error: NodeJS.ErrnoException) => {
    refused = error.code === 'ECONNREFUSED';
  });
  socket.once('close', () => {
    if (hello || cancelled) {
      end();
      resolveExited();
      return onLost();
    }
    // Gone before it said hello: a dead spare's socket file is removed, and a new supervisor does the work.
    if (refused) {
      try {
        unlinkSync(address);
      } catch {
        // another check removed it first
      }
    }
    replacement = startSupervisor();
    void replacement.exited.then(resolveExited);
    if (job) replacement.run(...job);
  });

  return {
    exited,
    childProcesses: false,
    cancel: () => {
      cancelled = true;
      if (replacement) return replacement.cancel();
      end();
      socket.destroy();
    },
    run: (...args) => {
      if (replacement) return replacement.run(...args);
      job = args;
      if (hello) send(...args);
    },
  };
}
