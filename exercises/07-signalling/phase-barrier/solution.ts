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
  readonly #roundOver: Condition;

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
    this.#roundOver = Condition.from(partiesOrHandle.roundOver);
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
    return this.#roundOver.withLock(() => {
      const index = state[COUNT] as number;
      state[COUNT] = index + 1;
      const generation = state[GENERATION] as number;
      if (index === this.parties - 1) {
        // The last to arrive: the next round starts from 0, and the waiters learn that theirs is over.
        state[COUNT] = 0;
        state[GENERATION] = generation + 1;
        this.#roundOver.notifyAll();
      } else {
        // Watch the generation, not the count: the count is reset at once, and a fast thread
        // may already be counting the next round before a slow one wakes up.
        while (state[GENERATION] === generation) this.#roundOver.wait();
      }
      return index;
    });
  }
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
