import { inspect, types } from 'node:util';
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

// Captured when the grader loads, before any learner code runs: patching the originals later changes nothing here.
const { hasOwn, getPrototypeOf } = Object;
const { isNativeError } = types;
const show = inspect;
const asString = String;
const checkFailurePrototype: object = CheckFailure.prototype;
const errorPrototype: object = Error.prototype;

/** Whether `prototype` is on value's prototype chain (instanceof asks Symbol.hasInstance, which learner code can redefine on Error). */
function inherits(value: object, prototype: object): boolean {
  for (let proto: unknown = getPrototypeOf(value); proto !== null && proto !== undefined; proto = getPrototypeOf(proto)) {
    if (proto === prototype) return true;
  }
  return false;
}

function isCheckFailure(value: object): value is CheckFailure {
  return inherits(value, checkFailurePrototype);
}

/**
 * An Error: a native one, or one that a worker's 'error' event rebuilt from what the thread
 * threw (Node deserializes it as a plain object on Error.prototype, not a native error).
 */
function isError(value: unknown): value is Error {
  return isNativeError(value) || (typeof value === 'object' && value !== null && inherits(value, errorPrototype));
}

/** Quoted and cut short, for the learner's own strings inside a sentence. */
function quote(text: string): string {
  return `"${text.length > 200 ? `${text.slice(0, 200)}…` : text}"`;
}

/** Names a thrown value that is not an Error: its type and what it holds, without running any of its code. */
function describeValue(value: unknown): string {
  if (value === undefined || value === null) return asString(value);
  switch (typeof value) {
    case 'string':
      return `the string ${quote(value)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${asString(value)}`;
    case 'symbol':
      return `the symbol ${asString(value.description ?? '')}`;
    default: {
      const shown = show(value, { depth: 2, customInspect: false, getters: false, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 200 });
      return `${typeof value === 'function' ? 'a function' : 'an object'} ${shown.length > 300 ? `${shown.slice(0, 300)}…` : shown}`;
    }
  }
}

/** RangeErrors V8 throws when an array, string, Map or Set grows past its largest size (Node 22 throws where Node 20 crashes). */
const TOO_BIG = /^(?:Invalid string length|Map maximum size exceeded|Set maximum size exceeded|Array buffer allocation failed)$/;

function isTooBig(name: string, message: string, stack: string): boolean {
  if (name !== 'RangeError') return false;
  if (TOO_BIG.test(message)) return true;
  // `new Array(-1)` says the same: only growth by push and its kin is a bomb.
  return message === 'Invalid array length' && /\n\s+at Array\.(?:push|unshift|concat|splice) /.test(stack);
}

/** The sandbox's refusal (Node's permission model, see sandboxArgs.ts), as one sentence; undefined for any other error. */
function refusal(error: Error): string | undefined {
  const { code, permission, resource } = error as Error & { code?: unknown; permission?: unknown; resource?: unknown };
  if (code !== 'ERR_ACCESS_DENIED') return undefined;
  if (permission === 'ChildProcess') {
    return 'your code tried to start a process, and checks of this exercise may not: use worker threads (new Worker) for the work.';
  }
  if (permission === 'FileSystemWrite') {
    const where = typeof resource === 'string' ? ` ${resource}` : '';
    return `your code tried to write${where}; a check may write only under os.tmpdir() (a scratch folder of its own), never your progress, the course or the cache.`;
  }
  if (permission === 'TypeScript' && typeof resource === 'string') {
    return `${resource} cannot be loaded under the grader's sandbox: a check loads TypeScript only from your exercise's folder and the check's folder, so move the file there.`;
  }
  return `the grader's sandbox refused your code: ${asString(error.message)} (permission ${asString(permission)}).`;
}

function describe(error: unknown, isLearnerFile: (file: string) => boolean): DescribedError {
  if (typeof error === 'object' && error !== null && isCheckFailure(error)) {
    const { kind, message } = error;
    return hasOwn(error, 'race') && error.race ? { kind, message, race: error.race } : { kind, message };
  }
  if (isError(error)) {
    const { name, message, stack } = error;
    let location: SourceLocation | undefined;
    try {
      location = locateInStack(typeof stack === 'string' ? stack : undefined, isLearnerFile);
    } catch {
      location = undefined; // a patched String method; the message still counts
    }
    if (isTooBig(asString(name), asString(message), typeof stack === 'string' ? stack : '')) {
      const tooBig = `ran out of memory: a value grew past the largest size JavaScript allows (RangeError: ${asString(message)}); something keeps allocating without bound.`;
      return location ? { kind: 'out-of-memory', message: tooBig, location } : { kind: 'out-of-memory', message: tooBig };
    }
    const refused = refusal(error);
    const text = refused ?? `your code threw ${asString(name)}: ${asString(message)}`;
    return location ? { kind: 'crash', message: text, location } : { kind: 'crash', message: text };
  }
  return { kind: 'crash', message: `your code threw ${describeValue(error)} instead of an Error; throw new Error("…") so that the message comes with its line.` };
}

/**
 * Turns whatever a case threw into a failure kind, a sentence and a place in the learner's
 * file. Never throws, whatever the value: strings, undefined, objects whose toString or
 * getters throw, errors whose stack throws.
 */
export function describeError(error: unknown, isLearnerFile: (file: string) => boolean): DescribedError {
  try {
    return describe(error, isLearnerFile);
  } catch {
    return { kind: 'crash', message: 'your code threw a value that cannot even be read (reading it throws again); throw new Error("…") instead.' };
  }
}
