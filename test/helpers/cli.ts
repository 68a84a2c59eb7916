/** Runs the built `threadlings` binary as a learner would, against a course and a temporary workspace. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../../bin/threadlings.js', import.meta.url));
export const fixtureCourse = fileURLToPath(new URL('../fixtures/course', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export function tempWorkspace(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'threadlings-cli-')), 'ws');
}

export function runCli(args: readonly string[], options: { workspace?: string; course?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', ...options.env };
  delete env['FORCE_COLOR'];
  if (options.course !== undefined) env['THREADLINGS_COURSE_DIR'] = options.course;
  if (options.workspace !== undefined) env['THREADLINGS_WORKSPACE'] = options.workspace;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}
