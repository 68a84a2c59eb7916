import { performance } from 'node:perf_hooks';

const enabled = !!process.env['THREADLINGS_TRACE'];

/** With THREADLINGS_TRACE=1, prints how long after process start each grading phase happened (for latency work). */
export function trace(phase: string): void {
  if (enabled) process.stderr.write(`[trace ${process.pid}] ${performance.now().toFixed(1)} ms ${phase}\n`);
}
