import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResult, StrategyResult } from '../../../src/bench/benchResult.ts';
import { saveBench } from '../../../src/bench/savedBench.ts';
import { chartSeries, formatDuration, formatRange, formatSpeedup, renderBenchReport, renderBenchTable, renderDemoList, renderSavedBench } from '../../../src/render/benchTable.ts';
import { createPalette } from '../../../src/render/palette.ts';
import { renderSpeedupChart } from '../../../src/render/speedupChart.ts';

const plain = createPalette(false);

function row(group: string, strategy: string, label: string, workers: number, medianMs: number, speedup: number | null, extra: Partial<StrategyResult> = {}): StrategyResult {
  return {
    group,
    strategy,
    label,
    runtime: strategy.startsWith('python') ? 'python' : 'node',
    workers,
    warmupRuns: 1,
    runs: [{ ms: medianMs * 0.98 }, { ms: medianMs }, { ms: medianMs * 1.05 }],
    medianMs,
    minMs: medianMs * 0.98,
    maxMs: medianMs * 1.05,
    speedup,
    ideal: 2,
    efficiency: speedup === null ? null : speedup / 2,
    ...extra,
  };
}

const result: BenchResult = {
  schema: 1,
  demo: 'cpu',
  title: 'CPU-bound: only threads on more cores go faster',
  startedAt: '2025-01-02T03:04:05.000Z',
  durationMs: 12_000,
  machine: { cores: 2, cpuModel: 'Test CPU @ 3.0GHz', node: 'v20.20.2', platform: 'linux', arch: 'x64' },
  settings: { tasks: 16, runs: 3, warmup: 1, workers: [1, 2, 4], python: true },
  workload: { taskMs: 25, iterations: 15_000_000 },
  groups: [
    { name: 'cpu', description: '16 tasks of ~25 ms of computing', idealReason: '2 cores' },
    { name: 'python', description: 'the same workload in Python 3.11.7 (GIL on)', idealReason: '2 cores' },
  ],
  results: [
    row('cpu', 'sequential', 'sequential', 1, 400, 1),
    row('cpu', 'promise-all', 'Promise.all (main thread)', 1, 404, 0.99),
    row('cpu', 'workers', 'worker threads', 1, 402, 0.995),
    row('cpu', 'workers', 'worker threads', 2, 205, 1.95),
    row('cpu', 'workers', 'worker threads', 4, 210, 1.9),
    row('cpu', 'pool', 'reference pool', 2, 207, 1.93, { note: '77 tasks/s' }),
    row('python', 'python-sequential', 'Python sequential', 1, 410, 1),
    row('python', 'python-threading', 'Python threading.Thread', 2, 2400, 0.17),
    row('python', 'python-threading', 'Python threading.Thread', 4, 2600, 0.158),
  ],
  notes: ['A note for the reader.'],
  python: { version: '3.11.7', gil: true },
};

describe('the bench table', () => {
  it('shows strategy, workers, median, spread, speedup, efficiency and ideal per row', () => {
    expect(renderBenchTable(result, plain)).toMatchInlineSnapshot(`
      "┌──────────┬───────────────────────────┬─────────┬────────┬─────────────┬─────────┬────────────┬───────┬────────────┐
      │ workload │ strategy                  │ workers │ median │     min-max │ speedup │ efficiency │ ideal │ note       │
      │ cpu      │ sequential                │       1 │ 400 ms │  392-420 ms │   1.00x │        50% │  2.0x │            │
      │          │ Promise.all (main thread) │       1 │ 404 ms │  396-424 ms │   0.99x │        50% │  2.0x │            │
      │          │ worker threads            │       1 │ 402 ms │  394-422 ms │   0.99x │        50% │  2.0x │            │
      │          │ worker threads            │       2 │ 205 ms │  201-215 ms │   1.95x │        98% │  2.0x │            │
      │          │ worker threads            │       4 │ 210 ms │  206-221 ms │   1.90x │        95% │  2.0x │            │
      │          │ reference pool            │       2 │ 207 ms │  203-217 ms │   1.93x │        97% │  2.0x │ 77 tasks/s │
      │ python   │ Python sequential         │       1 │ 410 ms │  402-431 ms │   1.00x │        50% │  2.0x │            │
      │          │ Python threading.Thread   │       2 │ 2.40 s │ 2.35-2.52 s │   0.17x │         9% │  2.0x │            │
      │          │ Python threading.Thread   │       4 │ 2.60 s │ 2.55-2.73 s │   0.16x │         8% │  2.0x │            │
      └──────────┴───────────────────────────┴─────────┴────────┴─────────────┴─────────┴────────────┴───────┴────────────┘"
    `);
  });

  it('has header, table, chart and notes in the report', () => {
    expect(renderBenchReport(result, plain)).toMatchInlineSnapshot(`
      "Timing lab: cpu CPU-bound: only threads on more cores go faster
      2 cores · Test CPU @ 3.0GHz · Node v20.20.2 (linux x64) · 1 warm-up + 3 timed runs per row, median shown
      cpu: 16 tasks of ~25 ms of computing; ideal 2.0x (2 cores)
      python: the same workload in Python 3.11.7 (GIL on); ideal 2.0x (2 cores)
      ┌──────────┬───────────────────────────┬─────────┬────────┬─────────────┬─────────┬────────────┬───────┬────────────┐
      │ workload │ strategy                  │ workers │ median │     min-max │ speedup │ efficiency │ ideal │ note       │
      │ cpu      │ sequential                │       1 │ 400 ms │  392-420 ms │   1.00x │        50% │  2.0x │            │
      │          │ Promise.all (main thread) │       1 │ 404 ms │  396-424 ms │   0.99x │        50% │  2.0x │            │
      │          │ worker threads            │       1 │ 402 ms │  394-422 ms │   0.99x │        50% │  2.0x │            │
      │          │ worker threads            │       2 │ 205 ms │  201-215 ms │   1.95x │        98% │  2.0x │            │
      │          │ worker threads            │       4 │ 210 ms │  206-221 ms │   1.90x │        95% │  2.0x │            │
      │          │ reference pool            │       2 │ 207 ms │  203-217 ms │   1.93x │        97% │  2.0x │ 77 tasks/s │
      │ python   │ Python sequential         │       1 │ 410 ms │  402-431 ms │   1.00x │        50% │  2.0x │            │
      │          │ Python threading.Thread   │       2 │ 2.40 s │ 2.35-2.52 s │   0.17x │         9% │  2.0x │            │
      │          │ Python threading.Thread   │       4 │ 2.60 s │ 2.55-2.73 s │   0.16x │         8% │  2.0x │            │
      └──────────┴───────────────────────────┴─────────┴────────┴─────────────┴─────────┴────────────┴───────┴────────────┘

      Speedup by number of workers  (┆ marks the ideal)
      cpu: worker threads              1 │██████████████▎             ┆ │ 0.99x
                                       2 │███████████████████████████▉┆ │ 1.95x
                                       4 │███████████████████████████▏┆ │ 1.90x
      python: Python threading.Thread  2 │██▍                         ┆ │ 0.17x
                                       4 │██▎                         ┆ │ 0.16x

      A note for the reader."
    `);
  });

  it('charts each strategy tried with more than one thread count', () => {
    expect(chartSeries(result).map((s) => [s.label, s.points.map((p) => p.workers)])).toEqual([
      ['cpu: worker threads', [1, 2, 4]],
      ['python: Python threading.Thread', [2, 4]],
    ]);
  });

  it('formats times, ranges and speed-ups compactly', () => {
    expect([formatDuration(0.5), formatDuration(4.25), formatDuration(101.4), formatDuration(1234), formatDuration(98_765), formatDuration(Number.NaN)]).toEqual([
      '0.50 ms',
      '4.3 ms',
      '101 ms',
      '1.23 s',
      '98.8 s',
      '-',
    ]);
    expect([formatRange(98, 103), formatRange(900, 1100)]).toEqual(['98-103 ms', '0.90-1.10 s']);
    expect([formatSpeedup(0.034), formatSpeedup(1.956), formatSpeedup(15.84), formatSpeedup(150), formatSpeedup(null)]).toEqual([
      '0.034x',
      '1.96x',
      '15.8x',
      '150x',
      '-',
    ]);
  });

  it('has no colour codes when colour is off, and some when it is on', () => {
    expect(renderBenchReport(result, plain)).not.toContain('\u001b[');
    expect(renderBenchReport(result, createPalette(true))).toContain('\u001b[');
  });
});

describe('the speed-up chart', () => {
  it('draws one bar per thread count with the ideal marked', () => {
    const chart = renderSpeedupChart([{ label: 'workers', ideal: 2, points: [{ workers: 1, speedup: 1 }, { workers: 2, speedup: 1.9 }, { workers: 4, speedup: 0.5 }] }], plain, 20);
    expect(chart).toMatchInlineSnapshot(`
      "Speedup by number of workers  (┆ marks the ideal)
      workers  1 │█████████▌        ┆ │ 1.00x
               2 │██████████████████▏ │ 1.90x
               4 │████▊             ┆ │ 0.50x"
    `);
  });

  it('has nothing to draw without points', () => {
    expect(renderSpeedupChart([], plain)).toBeUndefined();
    expect(renderSpeedupChart([{ label: 'x', ideal: 2, points: [] }], plain)).toBeUndefined();
  });
});

describe('the saved bench', () => {
  it('is undefined before the demo ran, and the last table after', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'threadlings-bench-test-'));
    expect(renderSavedBench(workspace, 'cpu', plain)).toBeUndefined();
    const file = await saveBench(workspace, result);
    expect(file).toBe(path.join(workspace, '.threadlings', 'bench', 'cpu.json'));
    const shown = renderSavedBench(workspace, 'cpu', plain);
    expect(shown?.split('\n')[0]).toBe('Your last run of `threadlings bench cpu` (2025-01-02 03:04 UTC):');
    expect(shown).toContain(renderBenchTable(result, plain));
    expect(renderSavedBench(workspace, 'race', plain)).toBeUndefined();
    expect(renderSavedBench(workspace, '../../etc', plain)).toBeUndefined();
  });
});

describe('the demo list', () => {
  it('has one line per demo and says how to run one', () => {
    const text = renderDemoList([{ id: 'io', summary: 'waits' }, { id: 'threadpool', summary: 'pbkdf2' }], plain);
    expect(text).toContain('  io          waits\n  threadpool  pbkdf2');
    expect(text).toContain('threadlings bench <demo>');
  });
});
