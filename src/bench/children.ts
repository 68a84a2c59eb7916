import { spawn } from 'node:child_process';

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<number>();

/** Kills every child still running, and everything it started (its process group). */
function killAll(): void {
  for (const pid of running) {
    try {
      if (process.platform === 'win32') process.kill(pid, 'SIGKILL');
      else process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

let hooked = false;

/**
 * Runs a child process to the end and collects its output. Each child leads its own
 * process group, and whatever is still running when this process exits (Ctrl-C included:
 * main.ts exits on SIGINT) is killed with its whole group, so nothing is left behind:
 * not the child, nor the processes a Python multiprocessing pool starts.
 */
export function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildResult> {
  if (!hooked) {
    hooked = true;
    process.on('exit', killAll);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => {
      if (pid !== undefined) running.delete(pid);
      reject(error);
    });
    child.once('close', (code, signal) => {
      if (pid !== undefined) running.delete(pid);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The last line of a child's output that parses as JSON (children print their result last). */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line);
    } catch {
      // not this one
    }
  }
  return undefined;
}
