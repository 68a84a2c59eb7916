import { afterEach, describe, expect, it } from 'vitest';
import { BroadcastChannel, threadId } from 'node:worker_threads';
import { LockWatch } from '../../../src/grader/lockWatch.ts';
import type { BlockedThread } from '../../../src/grader/waitForGraph.ts';
import { DIAGNOSTICS_CHANNEL, RECORD_WAIT, type DiagnosticsMessage } from '../../../src/runtime/diagnostics.ts';
import { Mutex, Semaphore } from '../../../src/runtime/index.ts';

const learner = '/ws/11-deadlocks/transfers.ts';
const isLearner = (file: string): boolean => file === learner;
const stackAt = (line: number): string => `Error: blocked\n    at Mutex.lock (file:///pkg/dist/runtime/index.js:1:1)\n    at transfer (file://${learner}:${line}:5)`;

let watch: LockWatch | undefined;
let sender: BroadcastChannel | undefined;

afterEach(() => {
  watch?.close();
  sender?.close();
});

/**
 * Posts `messages` to a new LockWatch as the runtime in other threads would, then asks it
 * what is blocked until the last message's thread shows up (messages from one sender
 * arrive in order, so all the others have been taken in by then).
 */
async function blockedAfter(messages: readonly unknown[], lastThread: number): Promise<BlockedThread[]> {
  watch = new LockWatch();
  sender = new BroadcastChannel(DIAGNOSTICS_CHANNEL);
  for (const message of messages) sender.postMessage(message);
  for (let tries = 0; tries < 200; tries++) {
    const blocked = await watch.blocked(isLearner);
    if (blocked.some((b) => b.thread.id === lastThread)) return blocked;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`thread ${lastThread} never showed up`);
}

function record(wait: number): SharedArrayBuffer {
  const cells = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(cells, RECORD_WAIT, wait);
  return cells.buffer as SharedArrayBuffer;
}

describe('LockWatch', () => {
  it('reads who waits for which lock, who owns it, and where, from the reports and shared memory', async () => {
    const mutex = new Mutex('account 1');
    mutex.lock();
    const messages: DiagnosticsMessage[] = [
      { type: 'thread', thread: 5, name: 'bob', stack: `Error: started\n    at run (file://${learner}:40:3)` },
      { type: 'blocked', thread: 5, wait: 1, record: record(1), target: mutex.handle, stack: stackAt(22) },
    ];
    const blocked = await blockedAfter(messages, 5);
    mutex.unlock();
    expect(blocked).toEqual([
      { thread: { id: 5, name: 'bob', startedAt: 'transfers.ts:40' }, on: { kind: 'mutex', name: 'account 1' }, owner: { id: threadId }, at: 'transfers.ts:22' },
    ]);
  });

  it('leaves out waits that ended, threads that exited, and messages that are not the runtime\'s', async () => {
    const semaphore = new Semaphore(0, 'slots');
    const messages: unknown[] = [
      { type: 'blocked', thread: 6, wait: 2, record: record(0), target: semaphore.handle, stack: '' }, // woke up since
      { type: 'blocked', thread: 7, wait: 1, record: record(1), target: semaphore.handle, stack: '' },
      { type: 'exit', thread: 7 },
      { type: 'blocked', thread: 8, wait: 1, record: record(1), target: { kind: 'mutex', name: 'x', buffer: new SharedArrayBuffer(0) }, stack: '' },
      { type: 'blocked', thread: 'nine' },
      null,
      'PASS',
      { type: 'blocked', thread: 10, wait: 1, record: record(1), target: semaphore.handle, stack: stackAt(9) },
    ];
    const blocked = await blockedAfter(messages, 10);
    expect(blocked).toEqual([{ thread: { id: 10 }, on: { kind: 'semaphore', name: 'slots', state: '0 free' }, at: 'transfers.ts:9' }]);
  });

  it('reports nothing when no thread reported a wait', async () => {
    watch = new LockWatch();
    expect(await watch.blocked(isLearner)).toEqual([]);
  });
});
