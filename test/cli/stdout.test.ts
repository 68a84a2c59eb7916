// Standard output to a pipe or a file is written without Node's stream (src/cli/stdout.ts).
// The output must be the same wherever it goes, and nothing may be lost or crash.
import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, fixtureCourse, runCli, tempWorkspace } from '../helpers/cli.ts';
import { until } from '../unit/runtime/workerHarness.ts';

const workspace = tempWorkspace();
const env = { ...process.env, CI: 'true', THREADLINGS_COURSE_DIR: fixtureCourse, THREADLINGS_WORKSPACE: workspace };

/** Runs the CLI with its standard output in a file; resolves with the file's content and the exit code. */
function runToFile(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'threadlings-out-')), 'out.txt');
  const fd = openSync(file, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: readFileSync(file, 'utf8'), stderr }));
  });
}

describe('standard output to a pipe or a file', () => {
  beforeAll(async () => {
    await runCli(['init'], { workspace, course: fixtureCourse });
  });

  it('is the same in a file as in a pipe', async () => {
    for (const args of [['--version'], ['--help'], ['progress'], ['lessons', '--json'], ['lesson', '01', '--no-pager'], ['check', 'basics/add']]) {
      const piped = await runCli(args, { workspace, course: fixtureCourse });
      const filed = await runToFile(args);
      expect({ args, code: filed.code, stdout: filed.stdout }).toEqual({ args, code: piped.code, stdout: piped.stdout });
    }
  });

  it('ends quietly when the reader has gone', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'lesson', '01', '--no-pager'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // long before the CLI has started, let alone written
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stderr }));
    });
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it('hands the rest to the stream when a non-blocking pipe is full, and loses nothing', async () => {
    // A program that writes 1 MB through writeStdout into a FIFO opened non-blocking (a pipe
    // holds 64 KB), then waits for stdoutFlushed and exits at once, as main.ts does.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlings-fifo-'));
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const program = path.join(dir, 'writer.cjs');
    const bundle = await build({
      stdin: {
        contents: `import { writeStdout, stdoutFlushed } from ${JSON.stringify(path.resolve('src/cli/stdout.ts'))};
          for (let i = 0; i < 1024; i++) writeStdout(String(i % 10).repeat(1023) + '\\n');
          stdoutFlushed().then(() => process.exit(0));`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    writeFileSync(program, bundle.outputFiles[0]?.text ?? '');
    const writeEnd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
    const reader = new net.Socket({ fd: openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
    let received = '';
    reader.on('data', (chunk: Buffer) => (received += chunk.toString()));
    reader.pause(); // let the pipe fill up first
    const code = await new Promise<number | null>((resolve, reject) => {
      // Through a shell: Node's spawn makes a child's fds 0-2 blocking, but not fd 3, which
      // the shell then makes the program's standard output, non-blocking as opened.
      const child = spawn('sh', ['-c', 'exec "$0" "$1" 1>&3 3>&-', process.execPath, program], { stdio: ['ignore', 'inherit', 'inherit', writeEnd] });
      closeSync(writeEnd);
      setTimeout(() => reader.resume(), 300);
      child.once('error', reject);
      child.once('close', resolve);
    });
    expect(code).toBe(0);
    // What the writer left in the pipe when it exited is still on its way to the reader.
    await until(() => received.length >= 1024 * 1024, 'the reader has all 1 MB', 5000, 10);
    reader.destroy();
    expect(received.length).toBe(1024 * 1024);
    expect(received.split('\n').slice(0, 1024).every((line, i) => line === String(i % 10).repeat(1023))).toBe(true);
  });
});
