// Correct, written another way: no Condition at all. The count and the generation are
// changed with Atomics, and waiters sleep with Atomics.wait on the generation cell.
/**
 * A reusable barrier for phased work (Python's threading.Barrier): each of `parties`
 * threads calls wait() when it has finished a step, and nobody starts the next step until
 * all of them have arrived; then they all go on together. The same barrier serves every
 * round: after step 1, after step 2, and so on.
 *
 * Python: `barrier = threading.Barrier(3)`; each thread: `for step in steps: work(step); barrier.wait()`.
 */
import { Condition, Mutex, type ConditionHandle } from 'threadlings/runtime';

export interface PhaseBarrierHandle {
  readonly parties: number;
  /** 4 Int32 cells for the barrier's state, all 0 at first, shared by every thread. */
  readonly state: SharedArrayBuffer;
  /** A Condition (and its Mutex, which guards `state`) to sleep on until a round is over. */
  readonly roundOver: ConditionHandle;
}

/** The cell of `state` that counts the threads that have arrived in this round. */
const COUNT = 0;
/** The cell of `state` that numbers the rounds: it changes when a round is over. */
const GENERATION = 1;

export class PhaseBarrier {
  readonly handle: PhaseBarrierHandle;
  readonly parties: number;
  readonly #state: Int32Array;

  /** A new barrier for `parties` threads, or (with a handle from another thread) the same barrier as that one. */
  constructor(partiesOrHandle: number | PhaseBarrierHandle) {
    if (typeof partiesOrHandle === 'number') {
      if (!Number.isInteger(partiesOrHandle) || partiesOrHandle < 1) throw new RangeError(`parties must be a whole number >= 1, got ${partiesOrHandle}`);
      partiesOrHandle = {
        parties: partiesOrHandle,
        state: new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT),
        roundOver: new Condition(new Mutex('phase-barrier')).handle,
      };
    }
    this.handle = partiesOrHandle;
    this.parties = partiesOrHandle.parties;
    this.#state = new Int32Array(partiesOrHandle.state);
  }

  static from(handle: PhaseBarrierHandle): PhaseBarrier {
    return new PhaseBarrier(handle);
  }

  /**
   * Waits until `parties` threads have called wait() in this round, then returns this
   * thread's arrival index: 0 for the first to arrive, parties - 1 for the last (the one
   * whose arrival lets everybody go on).
   */
  wait(): number {
    const state = this.#state;
    // Read before arriving: this round cannot end before this thread has counted itself in.
    const generation = Atomics.load(state, GENERATION);
    const index = Atomics.add(state, COUNT, 1);
    if (index === this.parties - 1) {
      Atomics.store(state, COUNT, 0);
      Atomics.add(state, GENERATION, 1);
      Atomics.notify(state, GENERATION);
    } else {
      while (Atomics.load(state, GENERATION) === generation) Atomics.wait(state, GENERATION, generation);
    }
    return index;
  }
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
