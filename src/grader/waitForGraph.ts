/**
 * The wait-for graph of the threads that were stuck when a check timed out: thread ->
 * the lock it waits for -> the thread holding that lock. A cycle in it is a deadlock.
 * Pure: the supervisor reads the facts from shared memory (lockWatch.ts), this module
 * finds the cycle and says it in one paragraph.
 */
import type { HandleKind } from '../runtime/shared.ts';

export interface ThreadInfo {
  readonly id: number;
  /** The `name` option of its `new Worker`. */
  readonly name?: string;
  /** The thread that runs the check's cases, and so the learner's exported functions. */
  readonly grading?: boolean;
  /** Where its `new Worker` call is, e.g. `deadlock.ts:30`. */
  readonly startedAt?: string;
  /** It has ended: a lock it still owns was never unlocked. */
  readonly exited?: boolean;
}

export interface BlockedThread {
  readonly thread: ThreadInfo;
  /** The runtime primitive it is blocked on; `state` says more, e.g. `0 permits free`. */
  readonly on: { readonly kind: HandleKind; readonly name: string; readonly state?: string };
  /** For a Mutex or RLock: the thread holding it (none when it is free). */
  readonly owner?: ThreadInfo;
  /** Where it waits in the learner's code, e.g. `deadlock.ts:14`. */
  readonly at?: string;
}

export interface Explanation {
  /** True when the threads wait for each other in a cycle. */
  readonly deadlock: boolean;
  readonly text: string;
}

const isLock = (kind: HandleKind): boolean => kind === 'mutex' || kind === 'rlock';

/** `thread 2 (worker "alice")`, `thread 1 (the check's thread)`, `thread 3 (started at x.ts:9)`. */
export function threadLabel(thread: ThreadInfo): string {
  if (thread.name) return `thread ${thread.id} (worker "${thread.name}")`;
  if (thread.grading) return `thread ${thread.id} (the thread that calls your code)`;
  if (thread.startedAt) return `thread ${thread.id} (a worker started at ${thread.startedAt})`;
  return `thread ${thread.id}`;
}

/** A primitive's name as it reads in a sentence: bare when it is one word, quoted otherwise. */
export function primitiveName(name: string): string {
  return /^[\w#.[\]:-]+$/.test(name) ? name : `"${name}"`;
}

/**
 * A cycle of threads each waiting for a lock that the next one holds, starting at the
 * lowest thread id (so the same deadlock always reads the same), or undefined.
 */
export function findCycle(blocked: readonly BlockedThread[]): BlockedThread[] | undefined {
  const byThread = new Map(blocked.map((b) => [b.thread.id, b]));
  const next = (b: BlockedThread): BlockedThread | undefined =>
    isLock(b.on.kind) && b.owner && b.owner.id !== b.thread.id ? byThread.get(b.owner.id) : undefined;
  for (const start of [...byThread.keys()].sort((a, b) => a - b)) {
    const path: BlockedThread[] = [];
    const seen = new Set<number>();
    for (let at = byThread.get(start); at && !seen.has(at.thread.id); at = next(at)) {
      seen.add(at.thread.id);
      path.push(at);
    }
    const last = path.at(-1);
    const closing = last ? next(last) : undefined;
    if (!closing || !seen.has(closing.thread.id)) continue;
    const cycle = path.slice(path.findIndex((b) => b.thread.id === closing.thread.id));
    const lowest = cycle.reduce((low, b, index) => (b.thread.id < (cycle[low]?.thread.id ?? Infinity) ? index : low), 0);
    return [...cycle.slice(lowest), ...cycle.slice(0, lowest)];
  }
  return undefined;
}

const where = (b: BlockedThread): string => (b.at ? ` at ${b.at}` : '');

/** What one blocked thread waits on, as a clause: `waits for a permit of semaphore slots (0 free)`. */
export function waitClause(b: BlockedThread): string {
  const name = primitiveName(b.on.name);
  const state = b.on.state ? ` (${b.on.state})` : '';
  switch (b.on.kind) {
    case 'mutex':
    case 'rlock':
    {
      const holder = b.owner ? `, held by ${threadLabel(b.owner)}${b.owner.exited ? ', which ended without unlocking it' : ''}` : '';
      return `waits for ${b.on.kind === 'rlock' ? 'rlock' : 'lock'} ${name}${holder}`;
    }
    case 'condition':
      return `waits on condition ${name} for a notify()${state}`;
    case 'event':
      return `waits for event ${name} to be set${state}`;
    case 'semaphore':
      return `waits for a permit of semaphore ${name}${state}`;
    case 'barrier':
      return `waits at barrier ${name}${state}`;
    default:
      return `waits on ${b.on.kind} ${name}${state}`;
  }
}

/** The deadlock (or, without a cycle, what each stuck thread waits on) as one paragraph. */
export function explainBlocked(blocked: readonly BlockedThread[]): Explanation {
  const cycle = findCycle(blocked);
  if (!cycle) {
    const sorted = [...blocked].sort((a, b) => a.thread.id - b.thread.id);
    return { deadlock: false, text: `Blocked at that moment: ${sorted.map((b) => `${threadLabel(b.thread)} ${waitClause(b)}${where(b)}`).join('; ')}.` };
  }
  const steps = cycle.map((b, index) => {
    const previous = cycle[(index + cycle.length - 1) % cycle.length] as BlockedThread;
    return `${threadLabel(b.thread)} holds ${primitiveName(previous.on.name)} and waits for ${primitiveName(b.on.name)}${where(b)}`;
  });
  const first = cycle[0] as BlockedThread;
  const arrows = [...cycle.map((b) => `${b.thread.id} → ${primitiveName(b.on.name)}`), String(first.thread.id)].join(' → ');
  const inCycle = new Set(cycle.map((b) => b.thread.id));
  const others = blocked.filter((b) => !inCycle.has(b.thread.id)).sort((a, b) => a.thread.id - b.thread.id);
  const also = others.length > 0 ? ` Also blocked: ${others.map((b) => `${threadLabel(b.thread)} ${waitClause(b)}${where(b)}`).join('; ')}.` : '';
  return { deadlock: true, text: `${steps.join('; ')}. Cycle: ${arrows}.${also}` };
}
