import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineCheck, type Assertions } from 'threadlings/check';
import { Mutex, lockState } from 'threadlings/runtime';
import type * as Exercise from './solution.ts';

type Transfer = Exercise.Transfer;

// The board the starter's Bank keeps up to date (see "Given" in the exercise file).
const LINE_UP = 0;
const TELLERS = 1;
const READY = 2;
const MOVES = 4;
const HEADER = 5;
const THREAD = 0;
const WANTS = 1;
const HOW = 2;
const ROW = 4;
const IN_TRY_LOCK = 2;

const now = performance.now.bind(performance);
/** A cycle of tellers blocked in lock() for this long, with no money moving, is a deadlock. */
const CONFIRM_LOCK_MS = 250;
/** Holding one lock while retrying tryLock() on another: a backoff solution clears such a cycle far sooner. */
const CONFIRM_TRY_MS = 1000;
/** Starting a worker thread that loads TypeScript takes ~100-300 ms on a busy 2-core machine. */
const START_PATIENCE_MS = 8000;
/** Once all tellers are in, correct solutions finish in well under a second. */
const PATIENCE_MS = 3000;

interface Edge {
  readonly teller: number;
  readonly wants: number;
  readonly holder: number;
  readonly trying: boolean;
}

/** The wait-for graph: teller -> the teller holding the account it waits for. Returns a cycle, if any. */
function findCycle(board: Int32Array, locks: readonly Mutex[], tellers: number): Edge[] | undefined {
  const tellerOfThread = new Map<number, number>();
  for (let t = 0; t < tellers; t++) tellerOfThread.set(Atomics.load(board, HEADER + t * ROW + THREAD), t);
  const edges = new Map<number, Edge>();
  for (let t = 0; t < tellers; t++) {
    const row = HEADER + t * ROW;
    const how = Atomics.load(board, row + HOW);
    const wants = Atomics.load(board, row + WANTS);
    const holder = tellerOfThread.get(locks[wants]?.owner ?? -1);
    if (how !== 0 && holder !== undefined && holder !== t) edges.set(t, { teller: t, wants, holder, trying: how === IN_TRY_LOCK });
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
    if (at !== undefined && seen.has(at)) return path.slice(path.findIndex((edge) => edge.teller === at));
  }
  return undefined;
}

function describeCycle(cycle: readonly Edge[]): string {
  const held = new Map(cycle.map((edge) => [edge.holder, edge.wants]));
  const steps = cycle.map(
    (edge) => `teller ${edge.teller} holds account ${held.get(edge.teller)} and waits for account ${edge.wants}, which teller ${edge.holder} holds`,
  );
  const waits = `deadlock, a wait-for cycle: ${steps.join('; ')}.`;
  if (cycle.some((edge) => edge.trying)) {
    return (
      `${waits} The tellers keep the lock they hold while they retry the other one with tryLock(), so nobody ever ` +
      'lets go: a timeout only helps if you back off (unlock what you hold, pause a random moment, start the ' +
      'transfer over), or take the locks in one global order instead'
    );
  }
  const orders = cycle.map((edge) => `teller ${edge.teller} took account ${held.get(edge.teller)} before account ${edge.wants}`);
  const shape = cycle.length === 2 ? 'in opposite orders' : 'in orders that go round a ring';
  return (
    `${waits} The locks were taken ${shape} (${orders.join(', ')}). Take both locks in one global order, e.g. the ` +
    'lower account number first, whichever way the money goes'
  );
}

/** Runs the tellers and watches them: fails naming the cycle on a deadlock, instead of hanging. */
async function runAndWatch(ex: typeof Exercise, start: readonly number[], plans: readonly Transfer[][], t: Assertions): Promise<Int32Array> {
  const tellers = plans.length;
  const locks = start.map((_, account) => new Mutex(`account ${account}`));
  const balances = new Int32Array(new SharedArrayBuffer(4 * start.length));
  balances.set(start);
  const board = new Int32Array(new SharedArrayBuffer(4 * (HEADER + ROW * tellers)));
  board[LINE_UP] = 1;
  board[TELLERS] = tellers;
  for (let teller = 0; teller < tellers; teller++) {
    board[HEADER + teller * ROW + THREAD] = -1;
    board[HEADER + teller * ROW + WANTS] = -1;
  }
  let settled: { error?: unknown } | undefined;
  Promise.resolve()
    .then(() => ex.runTellers({ balances, locks: locks.map((lock) => lock.handle), board }, plans))
    .then(
      () => (settled = {}),
      (error: unknown) => (settled = { error }),
    );

  const startedAt = now();
  while (!settled && Atomics.load(board, READY) < tellers) {
    if (now() - startedAt > START_PATIENCE_MS) {
      t.fail(`only ${Atomics.load(board, READY)} of ${tellers} teller threads had started ${START_PATIENCE_MS / 1000} s after runTellers() was called`);
    }
    await sleep(10);
  }
  const began = now();
  let moves = -1;
  let lastMove = began;
  // The cycle seen last: since when, and when last (a teller between two tryLock() calls
  // drops out of the graph for a moment; that does not break the cycle).
  let seen: { key: string; since: number; last: number } | undefined;
  while (!settled) {
    const at = now();
    const movesNow = Atomics.load(board, MOVES);
    if (movesNow !== moves) [moves, lastMove] = [movesNow, at];
    const cycle = findCycle(board, locks, tellers);
    if (cycle) {
      const key = JSON.stringify(cycle.map(({ teller, wants, holder }) => [teller, wants, holder]));
      if (seen?.key === key) seen.last = at;
      else seen = { key, since: at, last: at };
      const confirm = cycle.some((edge) => edge.trying) ? CONFIRM_TRY_MS : CONFIRM_LOCK_MS;
      if (at - seen.since >= confirm && at - lastMove >= confirm) t.fail(describeCycle(cycle));
    } else if (seen && at - seen.last > 100) {
      seen = undefined;
    }
    if (at - began > PATIENCE_MS) {
      const total = plans.reduce((sum, plan) => sum + plan.length, 0);
      const states = locks.map((lock) => lockState(lock.handle).description).join('; ');
      t.fail(
        `runTellers() had not finished ${PATIENCE_MS / 1000} s after every teller started: ${moves} of ${total} transfers done, the last one ` +
          `${Math.round(at - lastMove)} ms ago (${states}). If the locks keep changing hands but no money moves, the ` +
          'tellers back off and retry in lockstep (a livelock): pause a random moment before retrying',
      );
    }
    await sleep(10);
  }
  if ('error' in settled) throw settled.error;
  return balances;
}

/** Small deterministic pseudo-random numbers, so every run grades the same transfers. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
}

function expectedBalances(start: readonly number[], plans: readonly Transfer[][]): number[] {
  const result = [...start];
  for (const { from, to, amount } of plans.flat()) {
    result[from]! -= amount;
    result[to]! += amount;
  }
  return result;
}

export default defineCheck<typeof Exercise>({
  exports: ['runTellers'],
  cases: [
    {
      name: 'two tellers moving money in opposite directions never deadlock',
      async run(ex, t) {
        const start = [1000, 1000];
        const plans = [
          Array.from({ length: 100 }, (_, i): Transfer => ({ from: 0, to: 1, amount: 1 + (i % 7) })),
          Array.from({ length: 100 }, (_, i): Transfer => ({ from: 1, to: 0, amount: 1 + (i % 5) })),
        ];
        const balances = await runAndWatch(ex, start, plans, t);
        t.equal([...balances], expectedBalances(start, plans), 'the balances after every transfer');
      },
    },
    {
      name: 'four tellers over five accounts, in every direction: no deadlock, no money lost',
      async run(ex, t) {
        const start = [500, 400, 300, 200, 100];
        const next = numbers(11);
        const plans = Array.from({ length: 4 }, (_, teller) => {
          // Each teller's first transfer goes to the next teller's account: 0 -> 1 -> 2 -> 3 -> 0, a ring.
          const plan: Transfer[] = [{ from: teller, to: (teller + 1) % 4, amount: 10 }];
          while (plan.length < 150) {
            const from = next() % 5;
            const to = (from + 1 + (next() % 4)) % 5;
            plan.push({ from, to, amount: 1 + (next() % 20) });
          }
          return plan;
        });
        const balances = await runAndWatch(ex, start, plans, t);
        const total = balances.reduce((sum, balance) => sum + balance, 0);
        t.ok(total === 1500, `the accounts hold ${total} in total after the transfers, not 1500: money was created or lost`);
        t.equal([...balances], expectedBalances(start, plans), 'the balances after every transfer');
      },
    },
  ],
});
