import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

type Bank = ReturnType<typeof Exercise.openBank>;

// The layout of the tellers' `stats` cells (STATS in the given part of the exercise).
const MAX_AUDITING = 1;
const GO = 2;
/** How long the tellers may take after GO before the check calls them stuck (they need a fraction of a second). */
const STUCK_MS = 4000;

/** The big run of the second case, reused by the third (starting workers is the slow part). */
let shared: Promise<Run> | undefined;
const TELLERS = 4;
const TRANSFERS = 10_000;

const sleep = (ms: number): Promise<'stuck'> => new Promise((resolve) => setTimeout(() => resolve('stuck'), ms));
const balancesOf = (bank: Bank): number[] => Array.from(new Int32Array(bank.balances));
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

interface Run {
  readonly initial: number[];
  readonly final: number[];
  readonly nets: number[][];
  /** The lowest balance any teller saw while they worked, and how often they saw one below 0. */
  readonly lowest: number;
  readonly overdrafts: number;
  readonly maxAuditing: number;
}

async function runBank(ex: typeof Exercise, t: Assertions, initial: number[], tellers: number, transfers: number): Promise<Run> {
  const bank = ex.openBank(initial);
  t.equal(balancesOf(bank), initial, `the balances of openBank(${JSON.stringify(initial)})`);
  const stats = new Int32Array(new SharedArrayBuffer(4 * 4));
  const running = ex.runTellers(bank, { tellers, transfers, stats: stats.buffer as SharedArrayBuffer });
  let settled = false;
  const quiet = running.then(() => (settled = true), () => (settled = true));
  // The tellers start working at GO; starting the workers can be slow on a busy machine, and is not being stuck.
  while (Atomics.load(stats, GO) === 0 && !settled) await Promise.race([quiet, sleep(5)]);
  const reports = await Promise.race([running, sleep(STUCK_MS)]);
  if (reports === 'stuck') {
    t.fail(
      `the ${tellers} tellers had not finished ${STUCK_MS / 1000} s later (they need a fraction of a second): they are stuck waiting ` +
        'for locks. If each account has its own lock, two tellers that lock the same two accounts in opposite orders wait for each ' +
        'other forever (a deadlock): lock them in a fixed order (lower index first), or use one lock for the whole bank.',
    );
  }
  return {
    initial,
    final: balancesOf(bank),
    nets: reports.map((report) => report.net),
    lowest: Math.min(...reports.map((report) => report.lowest)),
    overdrafts: sum(reports.map((report) => report.overdrafts)),
    maxAuditing: Atomics.load(stats, MAX_AUDITING),
  };
}

function checkBooks(t: Assertions, run: Run, tellers: number, transfers: number): void {
  const { initial, final, nets } = run;
  const what = `after ${tellers} tellers made ${transfers} transfers each`;
  const lowest = Math.min(run.lowest, ...final);
  t.ok(
    lowest >= 0,
    `${what}, the tellers saw an account below 0 ${run.overdrafts} times (down to ${lowest}): two tellers both saw enough money, and both took it. ` +
      'The balance check and the move must be one step, under a lock that every teller shares.',
  );
  const before = sum(initial);
  const after = sum(final);
  const expected = initial.map((balance, account) => balance + sum(nets.map((net) => net[account] ?? 0)));
  const wrong = expected.findIndex((balance, account) => balance !== final[account]);
  t.ok(
    before === after && wrong === -1,
    `${what}, the bank holds ${after} instead of ${before}` +
      (wrong === -1 ? '' : ` and account ${wrong} holds ${final[wrong]} although the transfers that succeeded leave it ${expected[wrong]}`) +
      ': updates were lost because tellers changed the same balance at the same time. Every teller must lock the same mutex ' +
      '(create it once in openBank and rebuild it from its handle in each thread; a mutex made per thread or per call protects nothing).',
  );
}

export default defineCheck<typeof Exercise>({
  exports: ['openBank', 'transfer', 'runTellers', 'runDuel'],
  cases: [
    {
      name: 'moves money on one thread, and declines what would overdraw',
      run(ex, t) {
        const bank = ex.openBank([100, 50, 0]);
        t.equal(ex.transfer(bank, 0, 1, 30), true, 'transfer(bank, 0, 1, 30) from [100, 50, 0]');
        t.equal(balancesOf(bank), [70, 80, 0], 'the balances after moving 30 from account 0 to account 1');
        t.equal(ex.transfer(bank, 2, 0, 1), false, 'transfer(bank, 2, 0, 1) from an empty account');
        t.equal(ex.transfer(bank, 1, 2, 80), true, 'transfer(bank, 1, 2, 80), the whole balance');
        t.equal(ex.transfer(bank, 0, 0, 5), false, 'transfer(bank, 0, 0, 5) to the same account (the audit refuses it)');
        t.equal(balancesOf(bank), [70, 0, 80], 'the balances after all that');
      },
    },
    {
      name: 'two tellers empty the same account at the same moment: only one of them gets the money',
      async run(ex, t) {
        const bank = ex.openBank([100, 0, 0]);
        const stats = new SharedArrayBuffer(8 * 4);
        const duel = ex.runDuel(bank, stats);
        let settled = false;
        const quiet = duel.then(() => (settled = true), () => (settled = true));
        while (Atomics.load(new Int32Array(stats), GO) === 0 && !settled) await Promise.race([quiet, sleep(5)]);
        const results = await Promise.race([duel, sleep(STUCK_MS)]);
        if (results === 'stuck') return t.fail(`the two tellers had not finished ${STUCK_MS / 1000} s later: they are stuck waiting for locks.`);
        const final = balancesOf(bank);
        t.ok(
          (final[0] as number) >= 0,
          `two tellers each moved 100 out of account 0, which held 100, and it ended at ${final[0]}: both checked the balance before ` +
            'either took the money (they met in the audit, between the check and the move). The check and the move must be one step, ' +
            'under a lock that both tellers share.',
        );
        t.equal(results.filter(Boolean).length, 1, 'how many of the two transfers of the whole balance returned true');
        t.equal(sum(final), 100, 'the money in the bank after the duel');
      },
    },
    {
      name: '4 tellers x 10,000 transfers at once: no money appears or vanishes, no account goes below 0',
      async run(ex, t) {
        shared = runBank(ex, t, [50, 50, 50], TELLERS, TRANSFERS);
        checkBooks(t, await shared, TELLERS, TRANSFERS);
      },
    },
    {
      name: 'the slow audit stays outside the lock, so tellers audit side by side',
      async run(ex, t) {
        const run = await shared?.catch(() => undefined);
        if (!run) return t.fail('not run: the tellers did not get through the case above, so there is nothing to look at yet. Fix that first.');
        t.ok(
          run.maxAuditing >= 2,
          `the ${TELLERS * TRANSFERS} audits never overlapped: each teller ran its 2 µs audit while holding the lock, so the tellers queued ` +
            'behind each other. The audit needs no balance: run it before you lock, and keep only the check and the move inside.',
        );
      },
    },
  ],
});
