/**
 * Turns the raw timing runs of a check into the table's numbers: medians, the speed-up
 * over the sequential version, the ideal and how much of it was reached. Pure.
 */
import { efficiency, speedup, spread } from '../bench/stats.ts';
import type { TimedSummary, TimedVersion, TimingResult, TimingSample } from '../grader/protocol.ts';

/** Below this share of the ideal on a busy machine, the table says the machine is busy. */
const CLOSE = 0.8;
/** Below this share of the ideal on a quiet machine, the table says what in the code may cause it. */
const FAR_BELOW = 0.5;
/** A start-up at least this share of the learner's time is worth a word. */
const STARTUP_SHARE = 0.3;
/** Above the ideal by this factor, the versions cannot be doing the same work. */
const ABOVE = 1.25;

/** The best speed-up the work allows here: the cores (or fewer threads) for CPU work, full overlap for waits. */
export function idealOf(sample: Pick<TimingSample, 'bound' | 'parallel' | 'cores'>): { ideal: number; reason: string } {
  const cores = Math.max(1, sample.cores);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (sample.bound === 'io') {
    const parallel = Math.max(1, sample.parallel ?? 1);
    return { ideal: parallel, reason: `${plural(parallel, 'wait')} at a time, fully overlapped` };
  }
  if (sample.parallel !== undefined && sample.parallel < cores) {
    const parallel = Math.max(1, sample.parallel);
    return { ideal: parallel, reason: `${plural(parallel, 'thread')} at a time, on ${plural(cores, 'core')}` };
  }
  return { ideal: cores, reason: plural(cores, 'core') };
}

function summarize(version: TimedVersion): TimedSummary {
  return { ...version, ...spread(version.runs) };
}

/** At most two lines under the table: a busy machine and a costly start-up, or what else may be wrong. */
function notesFor(sample: TimingSample, measured: number, ideal: number, yours: TimedSummary, startup?: TimedSummary): string[] {
  if (!Number.isFinite(measured)) return [];
  if (measured > ABOVE * ideal) {
    return ['Faster than the ideal: your version does less work than the sequential one (a better algorithm, not more parallelism).'];
  }
  const reached = measured / ideal;
  if (reached >= CLOSE) return [];
  const notes: string[] = [];
  if (sample.loadAverage >= sample.cores) {
    const cores = `${sample.cores} core${sample.cores === 1 ? '' : 's'}`;
    notes.push(
      `This machine is busy (1-minute load average ${sample.loadAverage.toFixed(1)} on ${cores}): other programs share the cores, so the times are slower and noisier than on an idle machine.`,
    );
  }
  if (startup && startup.medianMs >= STARTUP_SHARE * yours.medianMs) {
    notes.push(
      `Your version spends about ${Math.round(startup.medianMs)} of its ${Math.round(yours.medianMs)} ms getting started (the start-up row), before any work is shared out: ` +
        'threads started once and reused (a pool, lesson 09), or more work per start, pay that back.',
    );
  }
  if (notes.length > 0 || reached >= FAR_BELOW) return notes;
  return [
    sample.bound === 'cpu'
      ? 'Far below the ideal: part of your version still runs one piece after another, or starting its threads costs more than this much work.'
      : 'Far below the ideal: fewer waits overlap in your version than the limit allows.',
  ];
}

export function summarizeTiming(sample: TimingSample): TimingResult {
  const { startup: rawStartup, ...rest } = sample;
  const yours = summarize(sample.yours);
  const sequential = summarize(sample.sequential);
  const startup = rawStartup ? summarize(rawStartup) : undefined;
  const measured = speedup(sequential.medianMs, yours.medianMs);
  const { ideal, reason } = idealOf(sample);
  const notes = notesFor(sample, measured, ideal, yours, startup);
  return {
    ...rest,
    yours,
    sequential,
    ...(startup ? { startup } : {}),
    speedup: measured,
    ideal,
    idealReason: reason,
    efficiency: efficiency(measured, ideal),
    notes,
  };
}
