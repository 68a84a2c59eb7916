import { describe, expect, test } from 'vitest';
import { BroadcastChannel } from 'node:worker_threads';
import { DIAGNOSTICS_CHANNEL, RECORD_WAIT, type BlockedMessage } from '../../../src/runtime/diagnostics.ts';
import { Event, Mutex } from '../../../src/runtime/index.ts';
import { runWorker, until } from './workerHarness.ts';

/** Collects what the runtime reports on its diagnostics channel while `during` runs. */
async function listen<T>(during: (messages: BlockedMessage[]) => Promise<T>): Promise<{ messages: BlockedMessage[]; result: T }> {
  const channel = new BroadcastChannel(DIAGNOSTICS_CHANNEL);
  const messages: BlockedMessage[] = [];
  channel.onmessage = (event) => messages.push((event as { data: BlockedMessage }).data);
  try {
    return { messages, result: await during(messages) };
  } finally {
    channel.close();
  }
}

describe('long waits are reported on the diagnostics channel', () => {
  test('a thread blocked in lock() reports the lock, itself and its stack; its record clears when it gets the lock', async () => {
    const mutex = new Mutex('ledger');
    mutex.lock();
    const { messages, result } = await listen(async (seen) => {
      const done = runWorker<number>('const m = rt.Mutex.from(data); m.lock(); m.unlock(); return threadId;', mutex.handle);
      await until(() => seen.some((m) => m.type === 'blocked'), 'the waiting worker reports its wait');
      const record = new Int32Array(seen[0]!.record);
      const during = Atomics.load(record, RECORD_WAIT);
      mutex.unlock();
      const thread = await done;
      return { thread, during, after: Atomics.load(record, RECORD_WAIT) };
    });
    const blocked = messages[0]!;
    expect(blocked).toMatchObject({ type: 'blocked', thread: result.thread, target: { kind: 'mutex', name: 'ledger' } });
    expect(blocked.stack).toContain('lock');
    expect(result.during).toBe(blocked.wait);
    expect(result.after).toBe(0);
  });

  test('an Event wait is reported as a wait on the event', async () => {
    const event = new Event('go');
    const { messages } = await listen(async (seen) => {
      const done = runWorker('rt.Event.from(data).wait(); return 1;', event.handle);
      await until(() => seen.length > 0, 'the waiting worker reports its wait');
      event.set();
      return done;
    });
    expect(messages[0]).toMatchObject({ type: 'blocked', target: { kind: 'event', name: 'go' } });
  });
});
