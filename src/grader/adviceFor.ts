/**
 * One line of advice that follows the kind of failure (and, for a wrong result, what the
 * check measured): the general lesson of a deadlock, a race or a stall, shown under every
 * failing report and in `--json` as `advice`. The exercise's own hints.md goes deeper.
 */
import type { FailureKind } from '../course/types.ts';
import type { CaseResult } from './protocol.ts';

const BY_KIND: Partial<Record<FailureKind, string>> = {
  deadlock:
    'Take locks in one global order (for example the lower account number first), or take the second one with tryLock(timeout) ' +
    'and, when it fails, release what you hold, pause a random moment and start over.',
  timeout:
    'Find the wait that nobody ends: every lock taken is released on every path (withLock or try/finally), every wait() has a ' +
    "set(), notify() or message that really comes, every worker you wait for really exits, and every loop has a way out.",
  'leaked-worker':
    'A worker runs, and keeps the program alive, until its code ends or someone ends it: keep every Worker you start, and in ' +
    "a finally block await its 'exit' or terminate() it, so that an error on the way cannot leave it behind.",
  'unjoined-worker':
    "Whoever starts a Worker owns its outcome: wrap its 'message', 'error' and 'exit' events in a Promise and await it (the " +
    'join() of Python), so that its result arrives and its errors surface; terminate() it if you no longer need it, or unref() it ' +
    'if it is meant to be a daemon.',
  'event-loop-stall':
    'Move CPU-heavy work off the calling thread into a Worker, or cut it into slices that yield with setImmediate; async and ' +
    'await alone move no work anywhere.',
};

const RACE =
  'Make every read-modify-write of shared memory one atomic step (Atomics.add, a compareExchange loop), or do it holding a ' +
  'lock; a race that lost nothing in one run still fails in the next.';

/** The advice for a failure of `kind`, given its cases; undefined when there is no general advice. */
export function adviceFor(kind: FailureKind | undefined, cases: readonly CaseResult[]): string | undefined {
  if (!kind) return undefined;
  if (kind === 'wrong-result' && cases.some((c) => c.status === 'fail' && c.race)) return RACE;
  return BY_KIND[kind];
}
