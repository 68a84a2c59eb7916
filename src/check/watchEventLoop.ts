/**
 * Event-loop stalls, measured with a heartbeat: a timer due every `tickMs` on the calling
 * thread notes the longest wait between two of its ticks while the work runs. A thread
 * whose event loop is blocked cannot run the timer, so the gap is how long it could not
 * serve I/O (timers, sockets, messages). A heartbeat rather than
 * perf_hooks.monitorEventLoopDelay: it measures exactly the span of the work, with no
 * sampling resolution to configure, and counts its ticks as evidence.
 */
import { performance } from 'node:perf_hooks';

export interface LoopWatch<T> {
  readonly result: T;
  /** The longest time the timer had to wait between two ticks (or until the work ended). */
  readonly longestStallMs: number;
  /** How long the work took. */
  readonly tookMs: number;
  readonly ticks: number;
  readonly tickMs: number;
}

const now = performance.now.bind(performance);

/** Runs `work` while a timer ticks every `tickMs` on this thread; returns its result and the longest stall. */
export async function watchEventLoop<T>(work: () => Promise<T>, tickMs = 10): Promise<LoopWatch<T>> {
  const began = now();
  let last = began;
  let longest = 0;
  let ticks = 0;
  const note = (): void => {
    const at = now();
    longest = Math.max(longest, at - last);
    last = at;
  };
  const timer = setInterval(() => {
    ticks++;
    note();
  }, tickMs);
  try {
    const result = await work();
    note();
    return { result, longestStallMs: longest, tookMs: last - began, ticks, tickMs };
  } finally {
    clearInterval(timer);
  }
}

/** The limits of `t.noStall`: a stall fails only when it is over both. */
export interface StallLimits {
  /** Longest acceptable stall, in ms. */
  readonly maxMs: number;
  /** Longest acceptable stall as a share of the work's time (0..1); a busy machine stretches every gap. */
  readonly maxShare?: number;
  /** What ran, for the message: `countPrimesInBackground(4000000)`. */
  readonly what: string;
}

/** Whether `watch` shows a stall over the limits. */
export function stalled(watch: LoopWatch<unknown>, limits: StallLimits): boolean {
  return watch.longestStallMs > limits.maxMs && watch.longestStallMs > (limits.maxShare ?? 0) * watch.tookMs;
}

/** `the event loop was blocked for 812 ms while it should have been serving I/O: a timer due every 10 ms waited that long, ...`. */
export function describeStall(watch: LoopWatch<unknown>, what: string): string {
  const stall = Math.round(watch.longestStallMs);
  const share = watch.tookMs > 0 ? Math.round((100 * watch.longestStallMs) / watch.tookMs) : 100;
  return (
    `the event loop was blocked for ${stall} ms while it should have been serving I/O: a timer due every ${watch.tickMs} ms ` +
    `waited that long, ${share}% of the ${Math.round(watch.tookMs)} ms that ${what} took (it ticked ${watch.ticks} times in all)`
  );
}
