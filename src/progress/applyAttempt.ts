import type { Progress } from './progressSchema.ts';

/** Records one graded attempt in the progress (mutates it). Pure apart from that. */
export function applyAttempt(progress: Progress, id: string, attempt: { passed: boolean; workMs: number }, now: Date): void {
  const previous = progress.exercises[id] ?? { status: 'pending' as const, attempts: 0 };
  const stamp = now.toISOString();
  const next = { ...previous, attempts: previous.attempts + 1, lastCheckedAt: stamp };
  next.startedAt ??= stamp;
  if (attempt.passed) {
    next.status = 'done';
    next.firstPassAt ??= stamp;
    next.bestMs = Math.round(Math.min(previous.bestMs ?? Infinity, attempt.workMs) * 10) / 10;
  } else if (previous.status !== 'done') {
    next.status = 'failing';
  }
  progress.exercises[id] = next;
}
