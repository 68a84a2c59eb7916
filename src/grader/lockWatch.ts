/**
 * Runs on the supervisor's main thread, where learner code never runs, so it is free to
 * listen while the learner's threads are stuck. It keeps the latest long wait each thread
 * reported (src/runtime/diagnostics.ts) and the names of the threads the grading thread
 * started; on a timeout, it reads from shared memory which of those waits are still going
 * on and who holds each awaited lock.
 */
import path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { DIAGNOSTICS_CHANNEL, RECORD_WAIT, type BlockedMessage, type ExitMessage, type ThreadMessage } from '../runtime/diagnostics.ts';
import { lockState, type RuntimeHandle } from '../runtime/lockState.ts';
import { locateInStack } from './describeError.ts';
import type { BlockedThread, ThreadInfo } from './waitForGraph.ts';

/** Learner code can post on the channel too: keep what it can make us hold bounded. */
const MAX_THREADS = 1024;
const MAX_STACK = 16_384;
/** A wait counts only if it is the same wait, on a lock with the same owner, this much later. */
const CONFIRM_MS = 50;

interface Wait {
  readonly message: BlockedMessage;
  readonly record: Int32Array;
}

interface Seen {
  readonly wait: Wait;
  readonly owner: number;
  readonly state?: string;
}

const isSab = (value: unknown): value is SharedArrayBuffer => value instanceof SharedArrayBuffer;

function asBlocked(data: unknown): BlockedMessage | undefined {
  const m = data as Partial<BlockedMessage> | null;
  if (!m || m.type !== 'blocked' || !Number.isInteger(m.thread) || !Number.isInteger(m.wait) || typeof m.stack !== 'string') return undefined;
  if (!isSab(m.record) || m.record.byteLength < 4) return undefined;
  const t = m.target;
  if (!t || typeof t.kind !== 'string' || typeof t.name !== 'string' || !isSab(t.buffer)) return undefined;
  return m as BlockedMessage;
}

function asExit(data: unknown): ExitMessage | undefined {
  const m = data as Partial<ExitMessage> | null;
  return m && m.type === 'exit' && Number.isInteger(m.thread) ? (m as ExitMessage) : undefined;
}

function asThread(data: unknown): ThreadMessage | undefined {
  const m = data as Partial<ThreadMessage> | null;
  if (!m || m.type !== 'thread' || !Number.isInteger(m.thread)) return undefined;
  if (m.name !== undefined && typeof m.name !== 'string') return undefined;
  if (m.stack !== undefined && typeof m.stack !== 'string') return undefined;
  return m as ThreadMessage;
}

/** A few words on the primitive's state that the wait clause does not already say. */
function stateOf(target: RuntimeHandle): { owner: number; state?: string } {
  const s = lockState(target);
  switch (target.kind) {
    case 'mutex':
    case 'rlock':
      return { owner: s.owner };
    case 'semaphore':
      return { owner: -1, state: `${s.value} free` };
    case 'barrier':
      return { owner: -1, state: `${s.waiters} of ${target.parties} waiting` };
    default:
      return { owner: -1 };
  }
}

export class LockWatch {
  readonly #channel = new BroadcastChannel(DIAGNOSTICS_CHANNEL);
  readonly #waits = new Map<number, Wait>();
  readonly #threads = new Map<number, ThreadMessage>();
  /** Threads known to have exited: a record they left set is stale, a lock they own is abandoned. */
  readonly #exited = new Set<number>();

  constructor() {
    this.#channel.unref();
    this.#channel.onmessage = (event: unknown) => {
      try {
        this.#take((event as { data: unknown }).data);
      } catch {
        // A malformed message is ignored: it can only make the explanation poorer.
      }
    };
  }

  #take(data: unknown): void {
    const blocked = asBlocked(data);
    if (blocked && (this.#waits.has(blocked.thread) || this.#waits.size < MAX_THREADS)) {
      this.#waits.set(blocked.thread, { message: { ...blocked, stack: blocked.stack.slice(0, MAX_STACK) }, record: new Int32Array(blocked.record, 0, 1) });
    }
    const thread = asThread(data);
    if (thread && (this.#threads.has(thread.thread) || this.#threads.size < MAX_THREADS)) {
      this.#threads.set(thread.thread, { ...this.#threads.get(thread.thread), ...thread, stack: thread.stack?.slice(0, MAX_STACK) });
    }
    const exit = asExit(data);
    if (exit && this.#exited.size < MAX_THREADS) {
      this.#exited.add(exit.thread);
      this.#waits.delete(exit.thread);
    }
  }

  /** The waits still going on right now, by thread. */
  #snapshot(): Map<number, Seen> {
    const seen = new Map<number, Seen>();
    for (const [thread, wait] of this.#waits) {
      if (this.#exited.has(thread) || Atomics.load(wait.record, RECORD_WAIT) !== wait.message.wait) continue;
      try {
        seen.set(thread, { wait, ...stateOf(wait.message.target as RuntimeHandle) });
      } catch {
        // Not a handle the runtime made: leave it out.
      }
    }
    return seen;
  }

  /**
   * The threads blocked on a runtime primitive now and still CONFIRM_MS later (same wait,
   * same owner), described with places in the learner's files.
   */
  async blocked(isLearnerFile: (file: string) => boolean): Promise<BlockedThread[]> {
    const before = this.#snapshot();
    if (before.size === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, CONFIRM_MS));
    const after = this.#snapshot();
    const place = (stack: string | undefined): string | undefined => {
      const location = locateInStack(stack, isLearnerFile);
      return location ? `${path.basename(location.file)}:${location.line}` : undefined;
    };
    const info = (id: number): ThreadInfo => {
      const t = this.#threads.get(id);
      const startedAt = place(t?.stack);
      return {
        id,
        ...(t?.name ? { name: t.name } : {}),
        ...(t?.grading ? { grading: true } : {}),
        ...(startedAt ? { startedAt } : {}),
        ...(this.#exited.has(id) ? { exited: true } : {}),
      };
    };
    const result: BlockedThread[] = [];
    for (const [thread, now] of after) {
      const then = before.get(thread);
      if (!then || then.wait !== now.wait || then.owner !== now.owner) continue;
      const { target, stack } = now.wait.message;
      const at = place(stack);
      result.push({
        thread: info(thread),
        on: { kind: target.kind, name: target.name, ...(now.state ? { state: now.state } : {}) },
        ...(now.owner !== -1 ? { owner: info(now.owner) } : {}),
        ...(at ? { at } : {}),
      });
    }
    return result;
  }

  close(): void {
    this.#channel.close();
  }
}
