/** Exit codes of the command-line contract (DESIGN §1). */
export const Exit = {
  ok: 0,
  failed: 1,
  usage: 2,
  environment: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof Exit)[keyof typeof Exit];

/**
 * An expected error: main.ts prints its message (one sentence, what is wrong and
 * what to do) and exits with its code, without a stack trace.
 */
export class ExitError extends Error {
  readonly code: ExitCode;

  constructor(message: string, code: ExitCode) {
    super(message);
    this.name = 'ExitError';
    this.code = code;
  }
}

export const usageError = (message: string): ExitError => new ExitError(message, Exit.usage);
export const environmentError = (message: string): ExitError => new ExitError(message, Exit.environment);
