import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The package root. Every built file sits two levels below it (dist/cli/main.cjs,
 * dist/chunks/x.js) and so does every source file (src/course/paths.ts).
 */
export const packageRoot: string = fileURLToPath(new URL('../..', import.meta.url));

/** Where the course content lives; tests point it at a fixture course. */
export function courseRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['THREADLINGS_COURSE_DIR'];
  return override ? path.resolve(override) : packageRoot;
}

/** A built file of the grader or runtime, as an absolute path. */
export function distFile(relative: string): string {
  return path.join(packageRoot, 'dist', relative);
}

/** Paths shown to the learner: relative to the current folder when shorter. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && relative.length < file.length ? relative : file;
}

/**
 * threadlings' own cache: prepared TypeScript (shared by the CLI, which fills it, and the
 * grader's threads, which read it) and parsed front matter.
 */
export function defaultCacheDir(): string {
  return process.env['THREADLINGS_CACHE_DIR'] ?? path.join(packageRoot, 'node_modules', '.cache', 'threadlings');
}
