/**
 * Watches the supervisor's resident memory. The worker's resourceLimits cap only its
 * JavaScript heap: ArrayBuffers and Buffers live outside it, and a huge array or Map can
 * crash V8 before the heap limit is reached. The whole process is what the machine pays
 * for, so that is what is measured.
 */

const MIB = 1024 * 1024;
/** How far back "still growing" looks. */
const RECENT_MS = 1000;

/** What the watch saw of the process's resident memory, in MiB. */
export interface MemoryReading {
  /** Now. */
  readonly rssMb: number;
  /** When the job arrived, before the learner's code loaded. */
  readonly startMb: number;
  /** How much it grew over the last second. */
  readonly recentGrowthMb: number;
}

/** The resident memory a check may use in all, for a worker heap capped at `heapMb`: the heap twice over (copies while it grows), plus room for buffers. */
export function memoryCapMb(heapMb: number): number {
  return 2 * heapMb + 512;
}

/**
 * Whether a check is out of memory. While it runs: over the cap. When its time runs out, a
 * heap filling up with many small objects may not have hit its limit yet (it spends its time
 * collecting garbage, all the more on a busy machine): three quarters of the heap's size in use
 * counts, and so does a quarter of it allocated since the job began and still growing.
 */
export function isOutOfMemory(reading: MemoryReading, heapMb: number, moment: 'running' | 'timeout'): boolean {
  if (moment === 'running') return reading.rssMb > memoryCapMb(heapMb);
  if (reading.rssMb > (heapMb * 3) / 4) return true;
  return reading.rssMb - reading.startMb > heapMb / 4 && reading.recentGrowthMb > heapMb / 32;
}

/** The process's resident memory now, in MiB. */
function residentMb(): number {
  return process.memoryUsage.rss() / MIB;
}

export interface MemoryWatch {
  /** Marks the start of the job: growth is counted from here. */
  jobStarted(): void;
  /** What it sees now. */
  reading(): MemoryReading;
  stop(): void;
}

/** Samples resident memory every `intervalMs`; calls `onOver` (once) when it goes over the cap. */
export function watchMemory(heapMb: number, onOver: (reading: MemoryReading) => void, intervalMs = 25): MemoryWatch {
  let startMb = residentMb();
  const recent: { at: number; mb: number }[] = [];
  const reading = (): MemoryReading => {
    const rssMb = residentMb();
    const at = performance.now();
    while (recent.length > 1 && (recent[1] as { at: number }).at <= at - RECENT_MS) recent.shift();
    recent.push({ at, mb: rssMb });
    return { rssMb, startMb, recentGrowthMb: rssMb - (recent[0] as { mb: number }).mb };
  };
  const timer = setInterval(() => {
    const now = reading();
    if (!isOutOfMemory(now, heapMb, 'running')) return;
    clearInterval(timer);
    onOver(now);
  }, intervalMs);
  timer.unref();
  return {
    jobStarted: () => {
      startMb = residentMb();
    },
    reading,
    stop: () => clearInterval(timer),
  };
}
