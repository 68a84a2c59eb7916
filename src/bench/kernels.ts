/**
 * The CPU kernel of the timing lab: `iterations` steps of xorshift32. Pure integer work
 * the JIT cannot skip, since the final state is returned. bench/python/common.py has the
 * same kernel, step for step, so both languages do the same work per task.
 *
 * Self-contained on purpose (no free variables): its source text is also sent to worker
 * threads (see taskModule.ts).
 */
export function spin(iterations: number, seed: number): number {
  let x = (seed | 0) || 1;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x >>> 0;
}

/**
 * How many `spin` iterations take about `targetMs` on this thread. Each step times the
 * fastest of three trial runs (the first runs may still be unoptimized code, and any run
 * can be preempted on a busy machine), growing the trial until it lasts long enough to
 * time, then scales. Warms the JIT on the way.
 */
export function calibrateSpin(targetMs: number, now: () => number = () => performance.now()): number {
  let iterations = 1 << 16;
  const trial = (): number => {
    const started = now();
    spin(iterations, 7);
    return now() - started;
  };
  for (;;) {
    const ms = Math.min(trial(), trial(), trial());
    if (ms >= 10 || iterations >= 1 << 30) return Math.max(1, Math.round((iterations * targetMs) / Math.max(ms, 0.001)));
    iterations = Math.min(1 << 30, Math.ceil(iterations * Math.min(16, Math.max(2, 15 / Math.max(ms, 0.01)))));
  }
}
