/**
 * threadlings/runtime: the shared-memory primitives exercises may import. Each is backed
 * by a SharedArrayBuffer; pass `x.handle` to another thread (workerData or postMessage)
 * and rebuild it there with `X.from(handle)`.
 */
export { Mutex, type MutexHandle } from './mutex.ts';
export { RLock, type RLockHandle } from './rlock.ts';
export { Semaphore, type SemaphoreHandle } from './semaphore.ts';
export { Event, type EventHandle } from './event.ts';
export { Condition, SPURIOUS_EVERY, type ConditionHandle } from './condition.ts';
export { Barrier, BrokenBarrierError, type BarrierHandle } from './barrier.ts';
export { SharedQueue, type SharedQueueHandle } from './sharedQueue.ts';
export { lockState, type LockState, type RuntimeHandle } from './lockState.ts';
export { currentThread, type HandleKind } from './shared.ts';
