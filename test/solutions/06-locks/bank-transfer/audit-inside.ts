/**
 * Wrong for this lesson: correct books, but the slow audit runs inside the lock, so tellers queue.
 *
 * A bank whose tellers are worker threads. Every teller moves money with transfer(), at
 * the same time as the others: no money may appear or vanish, and no account may go below 0.
 *
 * Python: `with bank.lock:` around the check and the move, the lock shared by all threads.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { Mutex, type MutexHandle } from 'threadlings/runtime';

export interface BankHandle {
  readonly balances: SharedArrayBuffer;
  readonly lock: MutexHandle;
}

/** Opens a bank with these starting balances (one Int32 cell per account). */
export function openBank(initial: readonly number[]): BankHandle {
  const balances = new Int32Array(new SharedArrayBuffer(initial.length * Int32Array.BYTES_PER_ELEMENT));
  balances.set(initial);
  return { balances: balances.buffer as SharedArrayBuffer, lock: new Mutex('bank').handle };
}

export function transfer(bank: BankHandle, from: number, to: number, amount: number): boolean {
  const balances = new Int32Array(bank.balances);
  return Mutex.from(bank.lock).withLock(() => {
    if ((balances[from] as number) < amount) return false;
    if (!audit(from, to, amount)) return false;
    balances[from] = (balances[from] as number) - amount;
    balances[to] = (balances[to] as number) + amount;
    return true;
  });
}

// ---- Given: the audit and the tellers. No need to change anything below this line. ----

/** Cells of the tellers' `stats`: audits running now, most at once, go, and the duel's meeting point. */
export const STATS = { auditing: 0, maxAuditing: 1, go: 2, duel: 3, inAudit: 4 } as const;
let auditStats: Int32Array | undefined;

/**
 * The bank's audit of a transfer: takes about 2 µs and needs no balance. In a duel
 * (`stats[duel]` set), the two duelling tellers wait in their audits until both are
 * there (at most 500 ms), so the two transfers are as close together as they can be.
 */
export function audit(from: number, to: number, amount: number): boolean {
  if (auditStats && Atomics.load(auditStats, STATS.duel) === 1) {
    Atomics.add(auditStats, STATS.inAudit, 1);
    Atomics.notify(auditStats, STATS.inAudit);
    const giveUp = performance.now() + 500;
    for (let seen = Atomics.load(auditStats, STATS.inAudit); seen < 2 && performance.now() < giveUp; seen = Atomics.load(auditStats, STATS.inAudit)) {
      Atomics.wait(auditStats, STATS.inAudit, seen, Math.max(0, giveUp - performance.now()));
    }
  }
  if (auditStats) {
    const now = Atomics.add(auditStats, STATS.auditing, 1) + 1;
    for (let most = Atomics.load(auditStats, STATS.maxAuditing); now > most; most = Atomics.load(auditStats, STATS.maxAuditing)) {
      Atomics.compareExchange(auditStats, STATS.maxAuditing, most, now);
    }
  }
  const until = performance.now() + 0.002;
  while (performance.now() < until);
  if (auditStats) Atomics.sub(auditStats, STATS.auditing, 1);
  return from !== to && Number.isInteger(amount) && amount > 0;
}

export interface TellerReport {
  /** What the transfers this teller made should have done to each account. */
  readonly net: number[];
  /** The lowest balance the teller saw (0 unless some account went below 0). */
  readonly lowest: number;
  /** How many times it saw an account below 0. */
  readonly overdrafts: number;
}

export interface TellerOptions {
  readonly tellers: number;
  readonly transfers: number;
  readonly stats: SharedArrayBuffer;
}

if (workerData?.role === 'teller') {
  const { bank, transfers, stats, seed } = workerData as TellerOptions & { bank: BankHandle; seed: number };
  auditStats = new Int32Array(stats);
  const accounts = bank.balances.byteLength / Int32Array.BYTES_PER_ELEMENT;
  parentPort?.postMessage('ready');
  Atomics.wait(auditStats, STATS.go, 0);
  // Each teller's own record of the money it moved: what every account should have gained or lost.
  const net = new Array<number>(accounts).fill(0);
  // The lowest balance this teller ever saw: below 0 means an account was overdrawn.
  const balances = new Int32Array(bank.balances);
  let lowest = 0;
  let overdrafts = 0;
  let random = seed;
  const next = (n: number): number => {
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return (random >>> 0) % n;
  };
  for (let i = 0; i < transfers; i++) {
    const from = next(accounts);
    const to = (from + 1 + next(accounts - 1)) % accounts;
    const amount = 1 + next(40);
    if (transfer(bank, from, to, amount)) {
      net[from] = (net[from] as number) - amount;
      net[to] = (net[to] as number) + amount;
    }
    const seen = balances[from] as number;
    if (seen < 0) overdrafts++;
    lowest = Math.min(lowest, seen);
  }
  parentPort?.postMessage({ net, lowest, overdrafts } satisfies TellerReport);
}

if (workerData?.role === 'duellist') {
  const { bank, stats, index } = workerData as { bank: BankHandle; stats: SharedArrayBuffer; index: number };
  auditStats = new Int32Array(stats);
  parentPort?.postMessage('ready');
  Atomics.wait(auditStats, STATS.go, 0);
  // Both duellists empty account 0 (holding 100) into an account of their own.
  parentPort?.postMessage(transfer(bank, 0, 1 + index, 100));
}

/** The next message of `worker`; rejects if it fails or exits first. */
function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve).once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a teller exited (code ${code}) before reporting`)));
  });
}

/** Runs two tellers that each try to move 100 out of account 0 at the same moment; resolves with what transfer() returned to each. */
export async function runDuel(bank: BankHandle, stats: SharedArrayBuffer): Promise<boolean[]> {
  const cells = new Int32Array(stats);
  Atomics.store(cells, STATS.duel, 1);
  const workers = [0, 1].map((index) => new Worker(new URL(import.meta.url), { workerData: { role: 'duellist', bank, stats, index } }));
  await Promise.all(workers.map((worker) => nextMessage(worker)));
  const results = workers.map((worker) => nextMessage<boolean>(worker));
  Atomics.store(cells, STATS.go, 1);
  Atomics.notify(cells, STATS.go);
  return Promise.all(results);
}

/** Runs `tellers` workers that each make `transfers` random transfers at the same time; resolves with their reports. */
export async function runTellers(bank: BankHandle, options: TellerOptions): Promise<TellerReport[]> {
  const stats = new Int32Array(options.stats);
  const workers = Array.from({ length: options.tellers }, (_, i) =>
    new Worker(new URL(import.meta.url), { workerData: { role: 'teller', bank, ...options, seed: 0x9e3779b9 + i * 7919 } }),
  );
  await Promise.all(workers.map((worker) => nextMessage(worker)));
  const reports = workers.map((worker) => nextMessage<TellerReport>(worker));
  Atomics.store(stats, STATS.go, 1);
  Atomics.notify(stats, STATS.go);
  return Promise.all(reports);
}
