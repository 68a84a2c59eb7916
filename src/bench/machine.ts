import os from 'node:os';
import type { Machine } from './benchResult.ts';

/** What the timings were measured on: shown above every table and kept in the JSON. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(),
    cpuModel: (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

/** Powers of two from 1 up to twice the cores: 1, 2, 4 on a 2-core machine. */
export function defaultWorkerCounts(cores: number): number[] {
  const counts: number[] = [];
  for (let n = 1; n <= Math.max(2, 2 * cores); n *= 2) counts.push(n);
  return counts;
}
