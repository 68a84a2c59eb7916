/**
 * lockState(handle): a snapshot of who holds a primitive and how many threads wait on it,
 * read straight from its shared memory (for deadlock diagnostics: "thread 3 holds
 * mutex#1 and waits for mutex#2"). Works from any thread that has the handle.
 */
import { Barrier, type BarrierHandle } from './barrier.ts';
import { Condition, type ConditionHandle } from './condition.ts';
import { Event, type EventHandle } from './event.ts';
import { Mutex, type MutexHandle } from './mutex.ts';
import { RLock, type RLockHandle } from './rlock.ts';
import { Semaphore, type SemaphoreHandle } from './semaphore.ts';
import type { HandleKind } from './shared.ts';
import { SharedQueue, type SharedQueueHandle } from './sharedQueue.ts';

export type RuntimeHandle =
  | MutexHandle
  | RLockHandle
  | SemaphoreHandle
  | EventHandle
  | ConditionHandle
  | BarrierHandle
  | SharedQueueHandle;

export interface LockState {
  readonly kind: HandleKind;
  readonly name: string;
  /** threadId of the holder (for a Condition or SharedQueue: of its mutex); -1 when free or not ownable. */
  readonly owner: number;
  /** Threads blocked on it right now. */
  readonly waiters: number;
  /** RLock: lock depth. Semaphore: free permits. Barrier: generation. SharedQueue: size. Event: 1 if set. */
  readonly value: number;
  /** One line, e.g. `mutex#1: held by thread 3, 2 waiting`. */
  readonly description: string;
}

function describe(name: string, owner: number, waiters: number, extra = ''): string {
  const held = owner === -1 ? 'free' : `held by thread ${owner}`;
  return `${name}: ${held}${extra}, ${waiters} waiting`;
}

/** Reads the state of any runtime primitive from its handle. */
export function lockState(handle: RuntimeHandle): LockState {
  const make = (owner: number, waiters: number, value: number, extra = ''): LockState => ({
    kind: handle.kind,
    name: handle.name,
    owner,
    waiters,
    value,
    description: describe(handle.name, owner, waiters, extra),
  });
  switch (handle.kind) {
    case 'mutex': {
      const m = Mutex.from(handle);
      return make(m.owner, m.waiters, m.locked ? 1 : 0);
    }
    case 'rlock': {
      const r = RLock.from(handle);
      return make(r.owner, r.waiters, r.count, r.count > 1 ? ` (${r.count} deep)` : '');
    }
    case 'semaphore': {
      const s = Semaphore.from(handle);
      return { ...make(-1, s.waiters, s.available), description: `${handle.name}: ${s.available} permits free, ${s.waiters} waiting` };
    }
    case 'event': {
      const e = Event.from(handle);
      return { ...make(-1, e.waiters, e.isSet() ? 1 : 0), description: `${handle.name}: ${e.isSet() ? 'set' : 'clear'}, ${e.waiters} waiting` };
    }
    case 'condition': {
      const c = Condition.from(handle);
      return make(c.mutex.owner, c.waiters, 0, ` (mutex ${c.mutex.name})`);
    }
    case 'barrier': {
      const b = Barrier.from(handle);
      const state = b.broken ? 'broken' : `generation ${b.generation}`;
      return { ...make(-1, b.waiting, b.generation), description: `${handle.name}: ${state}, ${b.waiting} of ${b.parties} waiting` };
    }
    case 'queue': {
      const q = SharedQueue.from(handle);
      return make(q.mutex.owner, q.waiters, q.size, ` (${q.size}/${q.capacity} items)`);
    }
    default:
      throw new TypeError(`lockState needs the handle of a runtime primitive (its .handle property), got ${String((handle as { kind?: unknown }).kind)}`);
  }
}
