import type { Message, TransformOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './protocol.ts';
import { cacheKey, readCached, writeCached } from './transformCache.ts';

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

/** Transforms one TypeScript file to JavaScript, through the cache. Throws TsSyntaxError. */
export async function transformFile(file: string, source: string, cacheDir: string): Promise<string> {
  const key = cacheKey(file, source);
  const cached = readCached(cacheDir, key);
  if (cached !== undefined) return cached;
  const { transform } = await import('esbuild');
  let code: string;
  try {
    ({ code } = await transform(source, transformOptions(file)));
  } catch (error) {
    throw toSyntaxError(file, error);
  }
  writeCached(cacheDir, key, code);
  return code;
}

export function urlToFile(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}
