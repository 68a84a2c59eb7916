import type { ExerciseProgress } from './progressSchema.ts';

/**
 * Time from the first check of an exercise to its first pass (or to its last check while
 * it is not solved yet): how long the learner worked on it, as far as threadlings can tell.
 */
export function timeSpentMs(progress: ExerciseProgress): number {
  if (!progress.startedAt) return 0;
  const end = progress.firstPassAt ?? progress.lastCheckedAt;
  if (!end) return 0;
  return Math.max(0, Date.parse(end) - Date.parse(progress.startedAt));
}

/** `45 s`, `12 min`, `1 h 05 min`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
