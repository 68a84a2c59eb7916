// Alternative correct answer: a global order of the forks. Everyone picks up the
// lower-numbered fork first, so the last philosopher reaches right first and the ring breaks.
import { Worker, threadId, workerData } from 'node:worker_threads';
import { Mutex, type MutexHandle } from 'threadlings/runtime';

export function dine(table: Table): void {
  const first = Math.min(table.leftFork, table.rightFork);
  const second = Math.max(table.leftFork, table.rightFork);
  table.pickUp(first);
  table.pickUp(second);
  table.eat();
  table.putDown(second);
  table.putDown(first);
}

// ---------------------------------------------------------------------------------------
// Given: the table as one philosopher sees it.

/** What the caller (the check) prepares and hands to runTable(). */
export interface TableHandle {
  /** One Mutex per fork; there are as many forks as seats. */
  readonly forks: readonly MutexHandle[];
  /** The check's view of the philosophers; the Table keeps it up to date. */
  readonly board: Int32Array;
}

// Board cells: a header, then one row per philosopher.
const LINE_UP = 0; // > 0: on its first fork, each philosopher waits for the others to make their first move
const SEATS = 1;
const READY = 2;
const CHANGES = 3;
const MEALS = 4;
const HEADER = 5;
const THREAD = 0; // the philosopher's threadId
const WANTS = 1; // the fork it is waiting to pick up, or -1
const HOW = 2; // 0: not waiting, 1: in pickUp(), 2: in tryPickUp()
const LINED_UP = 3; // 1 once it has held its first fork
const EATEN = 4; // meals eaten
const ROW = 5;

export class Table {
  readonly seat: number;
  readonly #forks: Mutex[];
  readonly #board: Int32Array;
  readonly #row: number;
  readonly #nap = new Int32Array(new SharedArrayBuffer(4));

  constructor(handle: TableHandle, seat: number) {
    this.seat = seat;
    this.#forks = handle.forks.map((fork) => Mutex.from(fork));
    this.#board = handle.board;
    this.#row = HEADER + seat * ROW;
  }

  get seats(): number {
    return this.#forks.length;
  }

  get leftFork(): number {
    return this.seat;
  }

  get rightFork(): number {
    return (this.seat + 1) % this.seats;
  }

  /** Blocks until this philosopher holds the fork. */
  pickUp(fork: number): void {
    this.#note(fork, 1);
    this.#forkOf(fork).lock();
    this.#note(-1, 0);
    this.#lineUp();
  }

  /** Picks the fork up if it is free within `timeoutMs`; true when picked up. */
  tryPickUp(fork: number, timeoutMs: number): boolean {
    this.#note(fork, 2);
    const taken = this.#forkOf(fork).tryLock(timeoutMs);
    this.#note(-1, 0);
    if (taken) this.#lineUp();
    return taken;
  }

  putDown(fork: number): void {
    this.#forkOf(fork).unlock();
  }

  /** Eats one meal (it takes a moment); this philosopher must hold both of its forks. */
  eat(): void {
    if (this.#forkOf(this.leftFork).owner !== threadId || this.#forkOf(this.rightFork).owner !== threadId) {
      throw new Error(`philosopher ${this.seat} tried to eat without holding forks ${this.leftFork} and ${this.rightFork}`);
    }
    Atomics.wait(this.#nap, 0, 0, 1);
    Atomics.add(this.#board, this.#row + EATEN, 1);
    Atomics.add(this.#board, MEALS, 1);
  }

  #forkOf(fork: number): Mutex {
    const mutex = this.#forks[fork];
    if (!mutex) throw new RangeError(`there is no fork ${fork}`);
    return mutex;
  }

  /** Tells the check what this philosopher waits for (it draws the wait-for graph from this). */
  #note(fork: number, how: number): void {
    Atomics.store(this.#board, this.#row + WANTS, fork);
    Atomics.store(this.#board, this.#row + HOW, how);
    this.#bump();
  }

  #bump(): void {
    Atomics.add(this.#board, CHANGES, 1);
    Atomics.notify(this.#board, CHANGES);
  }

  /**
   * Under the check: the first time this philosopher holds a fork, it waits (at most
   * 300 ms) until every other philosopher holds a fork too, or is blocked waiting for one.
   * So if the way forks are picked up can deadlock, it does, on every run.
   */
  #lineUp(): void {
    const board = this.#board;
    if (Atomics.load(board, LINE_UP) === 0 || Atomics.load(board, this.#row + LINED_UP) === 1) return;
    Atomics.store(board, this.#row + LINED_UP, 1);
    this.#bump();
    const others = Array.from({ length: Atomics.load(board, SEATS) }, (_, seat) => HEADER + seat * ROW);
    const deadline = performance.now() + 300;
    for (;;) {
      const changes = Atomics.load(board, CHANGES);
      const left = deadline - performance.now();
      if (left <= 0 || others.every((row) => this.#hasMoved(row))) return;
      Atomics.wait(board, CHANGES, changes, Math.min(left, 5));
    }
  }

  /** A philosopher has made its first move once it holds a fork, or waits for one another philosopher holds. */
  #hasMoved(row: number): boolean {
    const board = this.#board;
    if (Atomics.load(board, row + LINED_UP) === 1) return true;
    const owner = Atomics.load(board, row + HOW) === 0 ? -1 : (this.#forks[Atomics.load(board, row + WANTS)]?.owner ?? -1);
    return owner !== -1 && owner !== Atomics.load(board, row + THREAD);
  }

  /** Each philosopher sits down, then waits until all have, so they all start together. */
  static startLine(board: Int32Array, seat: number): void {
    Atomics.store(board, HEADER + seat * ROW + THREAD, threadId);
    Atomics.add(board, READY, 1);
    Atomics.notify(board, READY);
    const seats = Atomics.load(board, SEATS);
    for (let ready = Atomics.load(board, READY); ready < seats; ready = Atomics.load(board, READY)) {
      Atomics.wait(board, READY, ready, 5000);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Given: one worker thread per philosopher (this same file, started with role 'philosopher').

interface PhilosopherData {
  readonly role: 'philosopher';
  readonly table: TableHandle;
  readonly seat: number;
  readonly meals: number;
}

if (workerData?.role === 'philosopher') {
  const { table, seat, meals } = workerData as PhilosopherData;
  Table.startLine(table.board, seat);
  const place = new Table(table, seat);
  for (let meal = 0; meal < meals; meal++) dine(place);
}

/** Seats one philosopher thread per fork; resolves when every one has eaten all its meals. */
export async function runTable(table: TableHandle, meals: number): Promise<void> {
  const philosophers = table.forks.map(
    (_, seat) =>
      new Promise<void>((resolve, reject) => {
        const data: PhilosopherData = { role: 'philosopher', table, seat, meals };
        const worker = new Worker(new URL(import.meta.url), { workerData: data });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`philosopher ${seat} exited with code ${code}`))));
      }),
  );
  await Promise.all(philosophers);
}
