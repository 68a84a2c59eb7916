// Wrong: a timeout without backing off. The teller keeps the first lock while it retries
// the second, so the cycle never breaks.
import { Worker, threadId, workerData } from 'node:worker_threads';
import { Mutex, type MutexHandle } from 'threadlings/runtime';

export interface Transfer {
  readonly from: number;
  readonly to: number;
  readonly amount: number;
}

export function transfer(bank: Bank, { from, to, amount }: Transfer): void {
  bank.lock(from);
  while (!bank.tryLock(to, 10)) {
    // try again, still holding `from`
  }
  bank.move(from, to, amount);
  bank.unlock(to);
  bank.unlock(from);
}

// ---------------------------------------------------------------------------------------
// Given: the bank as one teller thread sees it.

/** What the caller (the check) prepares and hands to runTellers(). */
export interface BankHandle {
  /** One balance per account. */
  readonly balances: Int32Array;
  /** One Mutex per account, guarding its balance. */
  readonly locks: readonly MutexHandle[];
  /** The check's view of the tellers; the Bank keeps it up to date. */
  readonly board: Int32Array;
}

// Board cells: a header, then one row per teller.
const LINE_UP = 0; // > 0: on its first lock, each teller waits for the others to make their first move
const TELLERS = 1;
const READY = 2;
const CHANGES = 3;
const MOVES = 4;
const HEADER = 5;
const THREAD = 0; // the teller's threadId
const WANTS = 1; // the account it is waiting to lock, or -1
const HOW = 2; // 0: not waiting, 1: in lock(), 2: in tryLock()
const LINED_UP = 3; // 1 once it has held its first lock
const ROW = 4;

export class Bank {
  readonly #balances: Int32Array;
  readonly #locks: Mutex[];
  readonly #board: Int32Array;
  readonly #row: number;

  constructor(handle: BankHandle, teller: number) {
    this.#balances = handle.balances;
    this.#locks = handle.locks.map((lock) => Mutex.from(lock));
    this.#board = handle.board;
    this.#row = HEADER + teller * ROW;
  }

  get accounts(): number {
    return this.#locks.length;
  }

  /** Blocks until this teller holds the account's lock. */
  lock(account: number): void {
    this.#note(account, 1);
    this.#lockOf(account).lock();
    this.#note(-1, 0);
    this.#lineUp();
  }

  /** Takes the account's lock if it is free within `timeoutMs`; true when taken. */
  tryLock(account: number, timeoutMs: number): boolean {
    this.#note(account, 2);
    const taken = this.#lockOf(account).tryLock(timeoutMs);
    this.#note(-1, 0);
    if (taken) this.#lineUp();
    return taken;
  }

  unlock(account: number): void {
    this.#lockOf(account).unlock();
  }

  /** Moves `amount` from one account to the other; this teller must hold both locks. */
  move(from: number, to: number, amount: number): void {
    if (this.#lockOf(from).owner !== threadId || this.#lockOf(to).owner !== threadId) {
      throw new Error(`move(${from}, ${to}) needs the locks of both accounts, held by this teller`);
    }
    this.#balances[from]! -= amount;
    this.#balances[to]! += amount;
    Atomics.add(this.#board, MOVES, 1);
  }

  #lockOf(account: number): Mutex {
    const lock = this.#locks[account];
    if (!lock) throw new RangeError(`there is no account ${account}`);
    return lock;
  }

  /** Tells the check what this teller waits for (it draws the wait-for graph from this). */
  #note(account: number, how: number): void {
    Atomics.store(this.#board, this.#row + WANTS, account);
    Atomics.store(this.#board, this.#row + HOW, how);
    this.#bump();
  }

  #bump(): void {
    Atomics.add(this.#board, CHANGES, 1);
    Atomics.notify(this.#board, CHANGES);
  }

  /**
   * Under the check: the first time this teller holds a lock, it waits (at most 300 ms)
   * until every other teller holds a lock too, or is blocked waiting for one. So if the
   * lock order can deadlock, it does, on every run, instead of once in a while.
   */
  #lineUp(): void {
    const board = this.#board;
    if (Atomics.load(board, LINE_UP) === 0 || Atomics.load(board, this.#row + LINED_UP) === 1) return;
    Atomics.store(board, this.#row + LINED_UP, 1);
    this.#bump();
    const others = Array.from({ length: Atomics.load(board, TELLERS) }, (_, teller) => HEADER + teller * ROW);
    const deadline = performance.now() + 300;
    for (;;) {
      const changes = Atomics.load(board, CHANGES);
      const left = deadline - performance.now();
      if (left <= 0 || others.every((row) => this.#hasMoved(row))) return;
      Atomics.wait(board, CHANGES, changes, Math.min(left, 5));
    }
  }

  /** A teller has made its first move once it holds a lock, or waits for one that another teller holds. */
  #hasMoved(row: number): boolean {
    const board = this.#board;
    if (Atomics.load(board, row + LINED_UP) === 1) return true;
    const owner = Atomics.load(board, row + HOW) === 0 ? -1 : (this.#locks[Atomics.load(board, row + WANTS)]?.owner ?? -1);
    return owner !== -1 && owner !== Atomics.load(board, row + THREAD);
  }

  /** Each teller signs in, then waits until all have, so they all start together. */
  static startLine(board: Int32Array, teller: number): void {
    Atomics.store(board, HEADER + teller * ROW + THREAD, threadId);
    Atomics.add(board, READY, 1);
    Atomics.notify(board, READY);
    const tellers = Atomics.load(board, TELLERS);
    for (let ready = Atomics.load(board, READY); ready < tellers; ready = Atomics.load(board, READY)) {
      Atomics.wait(board, READY, ready, 5000);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Given: one worker thread per teller (this same file, started with role 'teller').

interface TellerData {
  readonly role: 'teller';
  readonly bank: BankHandle;
  readonly teller: number;
  readonly plan: readonly Transfer[];
}

if (workerData?.role === 'teller') {
  const { bank, teller, plan } = workerData as TellerData;
  Bank.startLine(bank.board, teller);
  const mine = new Bank(bank, teller);
  for (const step of plan) transfer(mine, step);
}

/** Runs one teller thread per plan; resolves when every teller has done all its transfers. */
export async function runTellers(bank: BankHandle, plans: readonly (readonly Transfer[])[]): Promise<void> {
  const tellers = plans.map(
    (plan, teller) =>
      new Promise<void>((resolve, reject) => {
        const data: TellerData = { role: 'teller', bank, teller, plan };
        const worker = new Worker(new URL(import.meta.url), { workerData: data });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`teller ${teller} exited with code ${code}`))));
      }),
  );
  await Promise.all(tellers);
}
