// Correct, written another way: the runtime's Barrier does the whole job (count,
// generation, sleeping); this class only passes its handle around.
/**
 * A reusable barrier for phased work (Python's threading.Barrier): each of `parties`
 * threads calls wait() when it has finished a step, and nobody starts the next step until
 * all of them have arrived; then they all go on together. The same barrier serves every
 * round: after step 1, after step 2, and so on.
 *
 * Python: `barrier = threading.Barrier(3)`; each thread: `for step in steps: work(step); barrier.wait()`.
 */
import { Barrier, type BarrierHandle } from 'threadlings/runtime';

export interface PhaseBarrierHandle {
  readonly parties: number;
  readonly barrier: BarrierHandle;
}

export class PhaseBarrier {
  readonly handle: PhaseBarrierHandle;
  readonly parties: number;
  readonly #barrier: Barrier;

  constructor(partiesOrHandle: number | PhaseBarrierHandle) {
    this.handle = typeof partiesOrHandle === 'number' ? { parties: partiesOrHandle, barrier: new Barrier(partiesOrHandle, 'phases').handle } : partiesOrHandle;
    this.parties = this.handle.parties;
    this.#barrier = Barrier.from(this.handle.barrier);
  }

  static from(handle: PhaseBarrierHandle): PhaseBarrier {
    return new PhaseBarrier(handle);
  }

  wait(): number {
    return this.#barrier.wait();
  }
}

/** Lets the check load this file in its own worker threads (leave it as it is). */
export const moduleUrl = import.meta.url;
