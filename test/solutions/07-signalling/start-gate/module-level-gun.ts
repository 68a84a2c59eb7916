/**
 * Wrong: one Event for every race; once the first race sets it, later races start on their own.
 *
 * A race between worker threads: every runner walks to the starting gate and waits there
 * until the starting gun fires; then they all run. Nobody may leave before the gun.
 *
 * Python: `gun = threading.Event()`; each runner calls `gun.wait()`; the starter calls `gun.set()`.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { Event, type EventHandle } from 'threadlings/runtime';

// ---- Given: the track. No need to change it. ----

/** Cells of `track`, the race's instrumentation (the check fires `gunFired` just before start()). */
export const TRACK = { atGate: 0, started: 1, early: 2, gunFired: 3, finished: 4 } as const;

/** A runner arrives at the gate (call it before waiting for the gun). */
export function reachGate(track: SharedArrayBuffer): void {
  const cells = new Int32Array(track);
  Atomics.add(cells, TRACK.atGate, 1);
  Atomics.notify(cells, TRACK.atGate);
}

/** The race itself: records the start (early if the gun has not fired yet) and runs for 50 ms. */
export function run(track: SharedArrayBuffer): void {
  const cells = new Int32Array(track);
  Atomics.add(cells, TRACK.started, 1);
  if (Atomics.load(cells, TRACK.gunFired) === 0) Atomics.add(cells, TRACK.early, 1);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); // running: sleeps 50 ms (nobody changes that cell)
  Atomics.add(cells, TRACK.finished, 1);
}

/** Resolves once `runners` runners have reached the gate (it polls, so the event loop stays free). */
export async function allAtGate(track: SharedArrayBuffer, runners: number): Promise<void> {
  const cells = new Int32Array(track);
  while (Atomics.load(cells, TRACK.atGate) < runners) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Resolves when `worker` exits; rejects if it fails. */
export function exitOf(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('exit', () => resolve()).once('error', reject);
  });
}

// ---- Your part ----

interface Runner {
  readonly track: SharedArrayBuffer;
  readonly gun: EventHandle;
}

if (workerData?.role === 'runner') {
  const { track, gun } = workerData as Runner;
  reachGate(track);
  Event.from(gun).wait(); // sleeps until the gun is set
  run(track);
  parentPort?.postMessage('done');
}

const gun = new Event('starting-gun');

export interface Race {
  /** Fires the starting gun. */
  start(): void;
  /** Resolves when every runner has finished. */
  readonly finished: Promise<void>;
}

/** Puts `runners` workers at the gate; resolves once all of them are there, waiting for start(). */
export async function prepareRace(runners: number, track: SharedArrayBuffer): Promise<Race> {
  const workers = Array.from({ length: runners }, () =>
    new Worker(new URL(import.meta.url), { workerData: { role: 'runner', track, gun: gun.handle } satisfies Runner & { role: string } }),
  );
  const finished = Promise.all(workers.map(exitOf)).then(() => undefined);
  await allAtGate(track, runners);
  return { start: () => gun.set(), finished };
}
