import * as nodeCrypto from 'node:crypto';
import { environmentError } from '../../cli/exitError.ts';
import type { Cell } from '../measure.ts';
import { plural, type DemoPlan, type DemoSettings } from '../demoPlan.ts';
import { lastJsonLine, runChild } from '../children.ts';

export const PBKDF2_TASK_MS = 25;

/**
 * What runs in each child process: one untimed round (which also starts the threadpool
 * and warms the process), then the timed round: `tasks` pbkdf2 calls, one after another
 * (sync) or all at once (async, so libuv runs them on its threadpool); prints the timed
 * milliseconds as JSON. Self-contained: it runs from its source text as a `node -e` script.
 */
function childMain(crypto: typeof nodeCrypto, mode: 'sync' | 'async', tasks: number, iterations: number): void {
  const call = (): Promise<unknown> => new Promise((resolve, reject) => crypto.pbkdf2('secret', 'salt', iterations, 32, 'sha256', (e, key) => (e ? reject(e) : resolve(key))));
  const round = async (): Promise<void> => {
    if (mode === 'sync') for (let i = 0; i < tasks; i++) crypto.pbkdf2Sync('secret', 'salt', iterations, 32, 'sha256');
    else await Promise.all(Array.from({ length: tasks }, call));
  };
  void round().then(async () => {
    const started = performance.now();
    await round();
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - started })}\n`);
  });
}

/** pbkdf2 iterations for about `targetMs` per call: the fastest of three trials, grown until timeable. */
function calibratePbkdf2(targetMs: number): number {
  let iterations = 4096;
  const trial = (): number => {
    const started = performance.now();
    nodeCrypto.pbkdf2Sync('secret', 'salt', iterations, 32, 'sha256');
    return performance.now() - started;
  };
  for (;;) {
    const ms = Math.min(trial(), trial(), trial());
    if (ms >= 20 || iterations >= 1 << 26) return Math.max(1, Math.round((iterations * targetMs) / Math.max(ms, 0.001)));
    iterations *= 2;
  }
}

function childCell(mode: 'sync' | 'async', size: number, tasks: number, iterations: number): Cell {
  const script = `(${childMain.toString()})(require('node:crypto'), ${JSON.stringify(mode)}, ${tasks}, ${iterations});`;
  return {
    group: 'pbkdf2',
    strategy: mode === 'sync' ? 'sequential' : 'threadpool',
    label: mode === 'sync' ? 'sequential (pbkdf2Sync)' : 'Promise.all, UV_THREADPOOL_SIZE',
    workers: mode === 'sync' ? 1 : size,
    run: async () => {
      const env = { ...process.env, UV_THREADPOOL_SIZE: String(size) };
      const result = await runChild(process.execPath, ['-e', script], env);
      const parsed = lastJsonLine(result.stdout) as { ms?: unknown } | undefined;
      if (result.code !== 0 || typeof parsed?.ms !== 'number') {
        throw environmentError(`A bench child process failed (exit ${result.code ?? result.signal}): ${result.stderr.trim().split('\n')[0] ?? 'no output'}`);
      }
      return { ms: parsed.ms };
    },
  };
}

/**
 * libuv's threadpool: crypto.pbkdf2, fs and dns.lookup run on a pool of UV_THREADPOOL_SIZE
 * threads (4 by default), fixed when the process first uses it, so each size needs its
 * own child process. Calls beyond the pool size queue up, whatever Promise.all says.
 */
export async function threadpoolDemo(settings: DemoSettings): Promise<DemoPlan> {
  const { tasks, cores } = settings;
  const iterations = calibratePbkdf2(PBKDF2_TASK_MS);
  return {
    workload: { taskMs: PBKDF2_TASK_MS, iterations, digest: 'sha256', process: 'one child process per run' },
    groups: [
      {
        name: 'pbkdf2',
        description: `${plural(tasks, 'crypto.pbkdf2 call')} of ~${PBKDF2_TASK_MS} ms each`,
        idealReason: plural(cores, 'core'),
        ideal: tasks / Math.ceil(tasks / cores),
      },
    ],
    cells: [childCell('sync', 4, tasks, iterations), ...settings.workers.map((size) => childCell('async', size, tasks, iterations))],
    notes: ['Each run is a fresh child process with its own UV_THREADPOOL_SIZE; its start-up is outside the clock.'],
  };
}
