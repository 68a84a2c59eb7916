import { writeSync } from 'node:fs';

const enabled = !!process.env['THREADLINGS_TRACE'];

/**
 * With THREADLINGS_TRACE=1, prints how long after process start each phase happened (for
 * latency work). It writes straight to file descriptor 2 and reads the global `performance`
 * only when tracing, so that tracing does not load the modules whose cost it measures.
 */
export function trace(phase: string): void {
  if (enabled) writeSync(2, `[trace ${process.pid}] ${performance.now().toFixed(1)} ms ${phase}\n`);
}
