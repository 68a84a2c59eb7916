import { locateInStack } from './describeError.ts';
import type { WorkerRecord } from './findUnjoined.ts';
import type { SeenWorker } from './threadTracker.ts';

/**
 * Who started a worker, from its creation stack: the innermost frame in either the learner's
 * files or the check file decides. A worker whose stack names neither (it was lost across a
 * callback, or a library started it on its own) counts as not the learner's: no false alarm.
 * Pure.
 */
export function workerRecord(seen: SeenWorker, isLearnerFile: (file: string) => boolean, checkFile: string): WorkerRecord {
  const { listened, terminated, unrefd } = seen;
  const location = locateInStack(seen.stack, (file) => file === checkFile || isLearnerFile(file));
  if (!location || location.file === checkFile) return { listened, terminated, unrefd, byLearner: false };
  return { listened, terminated, unrefd, byLearner: true, location };
}
