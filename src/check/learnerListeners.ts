import type { EventEmitter } from 'node:events';

/** Marks the grader's own listeners on the workers learner code starts (src/grader/threadTracker.ts). */
export const GRADER_LISTENER = Symbol.for('threadlings.graderListener');

/** How many of an emitter's listeners for `event` are not the grader's own (a check's, or the learner's). */
export function learnerListeners(emitter: EventEmitter, event: string | symbol): number {
  return emitter.listeners(event).filter((listener) => !(GRADER_LISTENER in listener)).length;
}
