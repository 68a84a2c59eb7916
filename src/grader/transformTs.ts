import type { Message, TransformOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './protocol.ts';
import { cacheKey, isCached, readCached, writeCached } from './transformCache.ts';

export function transformOptions(file: string): TransformOptions {
  return {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    platform: 'node',
    sourcemap: 'inline',
    sourcefile: file,
    logLevel: 'silent',
  } as TransformOptions;
}

/** A TypeScript file the learner wrote could not be parsed. */
export class TsSyntaxError extends Error {
  readonly location: SourceLocation | undefined;

  constructor(message: string, location: SourceLocation | undefined) {
    super(message);
    this.name = 'TsSyntaxError';
    this.location = location;
  }
}

function toSyntaxError(file: string, error: unknown): Error {
  const errors = (error as { errors?: Message[] }).errors;
  const first = errors?.[0];
  if (!first) return error as Error;
  const location = first.location
    ? { file, line: first.location.line, column: first.location.column + 1 }
    : undefined;
  return new TsSyntaxError(first.text, location);
}

/** Transforms running in this thread, so that two callers of one file share one esbuild run. */
const transforming = new Map<string, Promise<string>>();

/** Transforms one TypeScript file to JavaScript, through the cache. Throws TsSyntaxError. */
export async function transformFile(file: string, source: string, cacheDir: string): Promise<string> {
  const key = cacheKey(file, source);
  const cached = readCached(cacheDir, key);
  if (cached !== undefined) return cached;
  // A file that did not parse is remembered too: under the grader's sandbox esbuild cannot
  // start (it is a process), so the syntax error must come from the cache the CLI filled.
  const failed = readCached(cacheDir, key, ERROR_EXTENSION);
  if (failed !== undefined) throw syntaxErrorFrom(failed);
  const id = `${cacheDir}\0${key}`;
  let pending = transforming.get(id);
  if (!pending) {
    pending = transformUncached(file, source, cacheDir, key).finally(() => transforming.delete(id));
    transforming.set(id, pending);
  }
  return pending;
}

async function transformUncached(file: string, source: string, cacheDir: string, key: string): Promise<string> {
  const { transform } = await import('esbuild');
  let code: string;
  try {
    ({ code } = await transform(source, transformOptions(file)));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_ACCESS_DENIED') {
      // Reported by describeError as the sandbox's refusal, not as something the learner's code threw.
      throw Object.assign(new Error(`esbuild cannot start under the grader's sandbox to transform ${file}`), {
        code: 'ERR_ACCESS_DENIED',
        permission: 'TypeScript',
        resource: file,
      });
    }
    const syntaxError = toSyntaxError(file, error);
    if (syntaxError instanceof TsSyntaxError) {
      writeCached(cacheDir, key, JSON.stringify({ message: syntaxError.message, location: syntaxError.location }), ERROR_EXTENSION);
    }
    throw syntaxError;
  }
  writeCached(cacheDir, key, code);
  return code;
}

const ERROR_EXTENSION = '.error.json';

function syntaxErrorFrom(json: string): TsSyntaxError {
  const { message, location } = JSON.parse(json) as { message: string; location?: SourceLocation };
  return new TsSyntaxError(message, location);
}

/** Whether `transformFile` would answer from the cache (code or a remembered syntax error), without reading it. */
export function isTransformCached(file: string, source: string, cacheDir: string): boolean {
  const key = cacheKey(file, source);
  return isCached(cacheDir, key) || isCached(cacheDir, key, ERROR_EXTENSION);
}

export function urlToFile(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}
