/**
 * The CLI's side of a spare, against a stand-in spare: a socket server at the address the CLI
 * computes, speaking the same lines. The real thing is tested end to end in test/cli/spare.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readJsonLines } from '../../../src/grader/jsonLines.ts';
import type { GradeResult, RunMessage, SupervisorMessage } from '../../../src/grader/protocol.ts';
import { spareAddress, spareOrNewSupervisor } from '../../../src/grader/spareSupervisor.ts';
import { makeScratch } from '../../../src/grader/startSupervisor.ts';

const saved = { TMPDIR: process.env['TMPDIR'], THREADLINGS_SPARE: process.env['THREADLINGS_SPARE'] };
let tmp = '';
let server: net.Server | undefined;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlings-spare-unit-'));
  process.env['TMPDIR'] = tmp;
  process.env['THREADLINGS_SPARE'] = '1';
});

afterEach(() => {
  server?.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** A stand-in spare: a process group to kill (a sleeping child) and a scratch folder to remove. */
function standIn(onConnection: (socket: net.Socket, hello: () => void) => void) {
  const group = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
  const scratch = makeScratch();
  const address = spareAddress() as string;
  const gone = new Promise<string | null>((resolve) => group.once('exit', (_code, signal) => resolve(signal)));
  server = net.createServer((socket) => {
    server?.close();
    onConnection(socket, () => socket.write(`${JSON.stringify({ type: 'hello', pid: group.pid, scratch })}\n`));
  });
  return new Promise<{ scratch: string; gone: Promise<string | null> }>((resolve) => server?.listen(address, () => resolve({ scratch, gone })));
}

const job: RunMessage = { type: 'run', job: { checkFile: 'check.ts', learnerFile: 'add.ts', timeoutMs: 1000, modules: {} } };
const result = { passed: true, kind: 'pass', summary: 'all 1 cases passed', cases: [], output: '' } as unknown as GradeResult;

describe.skipIf(process.platform === 'win32')('spareOrNewSupervisor', () => {
  it('sends the job to the spare, hands back what it answers, and kills its group and removes its scratch folder when cancelled', async () => {
    const received: RunMessage[] = [];
    const { scratch, gone } = await standIn((socket, hello) => {
      hello();
      readJsonLines<RunMessage>(socket, (message) => {
        received.push(message);
        socket.write(`${JSON.stringify({ type: 'result', result })}\n`);
      });
    });
    const supervisor = spareOrNewSupervisor(spareAddress());
    const answer = await new Promise<SupervisorMessage>((resolve, reject) =>
      supervisor.run(job, resolve, () => reject(new Error('lost'))),
    );
    expect(received).toEqual([job]);
    expect(answer).toEqual({ type: 'result', result });
    supervisor.cancel();
    expect(await gone).toBe('SIGKILL');
    await supervisor.exited;
    expect(existsSync(scratch)).toBe(false);
  });

  it('reports a spare lost between its hello and the job, so that the job runs again elsewhere', async () => {
    const { gone } = await standIn((socket, hello) => {
      hello();
      setTimeout(() => socket.destroy(), 20); // it dies before the CLI sends the job
    });
    const supervisor = spareOrNewSupervisor(spareAddress());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const death = await new Promise((resolve) => supervisor.run(job, () => resolve('a message'), resolve));
    expect(death).toBeUndefined();
    expect(await gone).toBe('SIGKILL');
  });
});
