import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CheckFailure } from '../check/index.ts';
import type { FailureKind } from '../course/types.ts';
import type { RaceStats } from '../check/repeatRuns.ts';
import type { SourceLocation } from './protocol.ts';

const FRAME = /(?:\(|\s)((?:file:\/\/)?\/[^\s():]+):(\d+):(\d+)\)?$/;

/** The first stack frame that is in one of the given files (the learner's code). */
export function locateInStack(stack: string | undefined, isLearnerFile: (file: string) => boolean): SourceLocation | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line.trim());
    if (!match?.[1]) continue;
    const file = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1];
    if (isLearnerFile(file)) return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

export interface DescribedError {
  readonly kind: FailureKind;
  readonly message: string;
  readonly location?: SourceLocation;
  /** The race statistics of a failure measured over several runs. */
  readonly race?: RaceStats;
}

/** Turns whatever a case threw into a failure kind, a sentence and a place in the learner's file. */
export function describeError(error: unknown, isLearnerFile: (file: string) => boolean): DescribedError {
  if (error instanceof CheckFailure) return { kind: error.kind, message: error.message, ...(error.race ? { race: error.race } : {}) };
  if (error instanceof Error) {
    const location = locateInStack(error.stack, isLearnerFile);
    const message = `your code threw ${error.name}: ${error.message}`;
    return location ? { kind: 'crash', message, location } : { kind: 'crash', message };
  }
  return { kind: 'crash', message: `your code threw a value that is not an Error: ${inspect(error, { depth: 2 })}` };
}
