import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineCheck, type Assertions } from 'threadlings/check';
import { Mutex, lockState } from 'threadlings/runtime';
import type * as Exercise from './solution.ts';

// The board the starter's Table keeps up to date (see "Given" in the exercise file).
const LINE_UP = 0;
const SEATS = 1;
const READY = 2;
const MEALS = 4;
const HEADER = 5;
const THREAD = 0;
const WANTS = 1;
const HOW = 2;
const EATEN = 4;
const ROW = 5;
const IN_TRY_PICK_UP = 2;

const now = performance.now.bind(performance);
/** A cycle of philosophers blocked in pickUp() for this long, with nobody eating, is a deadlock. */
const CONFIRM_LOCK_MS = 250;
/** Holding one fork while retrying tryPickUp() on the other: a backoff solution clears such a cycle far sooner. */
const CONFIRM_TRY_MS = 1000;
/** Starting a worker thread that loads TypeScript takes ~100-300 ms on a busy 2-core machine. */
const START_PATIENCE_MS = 8000;
/** Once seated, correct solutions finish in well under a second. */
const PATIENCE_MS = 3000;

interface Edge {
  readonly seat: number;
  readonly wants: number;
  readonly holder: number;
  readonly trying: boolean;
}

/** The wait-for graph: philosopher -> the philosopher holding the fork it waits for. Returns a cycle, if any. */
function findCycle(board: Int32Array, forks: readonly Mutex[]): Edge[] | undefined {
  const seats = forks.length;
  const seatOfThread = new Map<number, number>();
  for (let seat = 0; seat < seats; seat++) seatOfThread.set(Atomics.load(board, HEADER + seat * ROW + THREAD), seat);
  const edges = new Map<number, Edge>();
  for (let seat = 0; seat < seats; seat++) {
    const row = HEADER + seat * ROW;
    const how = Atomics.load(board, row + HOW);
    const wants = Atomics.load(board, row + WANTS);
    const holder = seatOfThread.get(forks[wants]?.owner ?? -1);
    if (how !== 0 && holder !== undefined && holder !== seat) edges.set(seat, { seat, wants, holder, trying: how === IN_TRY_PICK_UP });
  }
  for (const start of edges.keys()) {
    const path: Edge[] = [];
    const seen = new Set<number>();
    let at: number | undefined = start;
    while (at !== undefined && !seen.has(at)) {
      seen.add(at);
      const edge = edges.get(at);
      if (!edge) break;
      path.push(edge);
      at = edge.holder;
    }
    if (at !== undefined && seen.has(at)) return path.slice(path.findIndex((edge) => edge.seat === at));
  }
  return undefined;
}

function describeCycle(cycle: readonly Edge[], seats: number): string {
  const held = new Map(cycle.map((edge) => [edge.holder, edge.wants]));
  const steps = cycle.map(
    (edge) => `philosopher ${edge.seat} holds fork ${held.get(edge.seat)} and waits for fork ${edge.wants}, which philosopher ${edge.holder} holds`,
  );
  const round = cycle.length === seats ? ` round the whole table (all ${seats} philosophers)` : '';
  const waits = `deadlock, a wait-for cycle${round}: ${steps.join('; ')}.`;
  if (cycle.some((edge) => edge.trying)) {
    return (
      `${waits} They keep the fork they hold while they retry the other one with tryPickUp(), so nobody ever lets ` +
      'go: a timeout only helps if you back off (put the fork down, pause a random moment, try again), or pick the ' +
      'forks up in one global order instead'
    );
  }
  return (
    `${waits} Every philosopher reached for the same side first, so they all hold one fork and wait for their ` +
    "neighbour's. Break the symmetry: pick up the lower-numbered fork first (then one philosopher reaches to the " +
    'other side first), or give up the first fork when the second is not free within a few ms and try again later'
  );
}

/** Runs the philosophers and watches them: fails naming the cycle on a deadlock, instead of hanging. */
async function dineAndWatch(ex: typeof Exercise, seats: number, meals: number, t: Assertions): Promise<number[]> {
  const forks = Array.from({ length: seats }, (_, fork) => new Mutex(`fork ${fork}`));
  const board = new Int32Array(new SharedArrayBuffer(4 * (HEADER + ROW * seats)));
  board[LINE_UP] = 1;
  board[SEATS] = seats;
  for (let seat = 0; seat < seats; seat++) {
    board[HEADER + seat * ROW + THREAD] = -1;
    board[HEADER + seat * ROW + WANTS] = -1;
  }
  let settled: { error?: unknown } | undefined;
  Promise.resolve()
    .then(() => ex.runTable({ forks: forks.map((fork) => fork.handle), board }, meals))
    .then(
      () => (settled = {}),
      (error: unknown) => (settled = { error }),
    );

  const startedAt = now();
  while (!settled && Atomics.load(board, READY) < seats) {
    if (now() - startedAt > START_PATIENCE_MS) {
      t.fail(`only ${Atomics.load(board, READY)} of ${seats} philosopher threads had sat down ${START_PATIENCE_MS / 1000} s after runTable() was called`);
    }
    await sleep(10);
  }
  const began = now();
  let eaten = -1;
  let lastMeal = began;
  // The cycle seen last: since when, and when last (a philosopher between two tryPickUp()
  // calls drops out of the graph for a moment; that does not break the cycle).
  let seen: { key: string; since: number; last: number } | undefined;
  while (!settled) {
    const at = now();
    const eatenNow = Atomics.load(board, MEALS);
    if (eatenNow !== eaten) [eaten, lastMeal] = [eatenNow, at];
    const cycle = findCycle(board, forks);
    if (cycle) {
      const key = JSON.stringify(cycle.map(({ seat, wants, holder }) => [seat, wants, holder]));
      if (seen?.key === key) seen.last = at;
      else seen = { key, since: at, last: at };
      const confirm = cycle.some((edge) => edge.trying) ? CONFIRM_TRY_MS : CONFIRM_LOCK_MS;
      if (at - seen.since >= confirm && at - lastMeal >= confirm) t.fail(describeCycle(cycle, seats));
    } else if (seen && at - seen.last > 100) {
      seen = undefined;
    }
    if (at - began > PATIENCE_MS) {
      const states = forks.map((fork) => lockState(fork.handle).description).join('; ');
      t.fail(
        `runTable() had not finished ${PATIENCE_MS / 1000} s after every philosopher sat down: ${eaten} of ${seats * meals} meals eaten, the last ` +
          `one ${Math.round(at - lastMeal)} ms ago (${states}). If the forks keep changing hands but nobody eats, the ` +
          'philosophers back off and retry in lockstep (a livelock): pause a random moment before trying again',
      );
    }
    await sleep(10);
  }
  if ('error' in settled) throw settled.error;
  return Array.from({ length: seats }, (_, seat) => Atomics.load(board, HEADER + seat * ROW + EATEN));
}

export default defineCheck<typeof Exercise>({
  exports: ['runTable'],
  cases: [
    {
      name: 'five philosophers eat 20 meals each, and nobody deadlocks or starves',
      async run(ex, t) {
        const eaten = await dineAndWatch(ex, 5, 20, t);
        t.equal(eaten, [20, 20, 20, 20, 20], 'meals eaten by each philosopher');
      },
    },
  ],
});
