/**
 * How a worker that learner code starts gets going. Starting a thread with the TypeScript
 * loader hooks costs Node 20 a hooks thread of its own (about 80 ms more than a plain
 * worker's 35 ms), which would make every learner's thread look slow in the timing tables.
 * So a worker whose file the CLI already prepared as plain JavaScript (see prepareModule.ts;
 * typically `new Worker(new URL(import.meta.url))`) runs that JavaScript with only a light
 * prelude; anything else runs its TypeScript through the hooks, as before.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { distFile } from '../course/paths.ts';
import { permissionArgs, withSandbox } from './sandboxArgs.ts';

/** Where the map of prepared modules (file URL -> prepared module URL) travels to nested threads. */
export const PREPARED_ENV = 'THREADLINGS_PREPARED';

/**
 * This thread's sandbox (the permission flags it was started with, see sandboxArgs.ts), read
 * when the grader loads, before any learner code could change process.execArgv.
 */
const SANDBOX = permissionArgs(process.execArgv);

export interface NestedStart {
  readonly filename: string | URL;
  readonly options: WorkerOptions;
}

/** The flags that install the TypeScript loader hooks in a thread or process. */
export function registerArgs(): string[] {
  return ['--import', pathToFileURL(distFile('grader/register.js')).href];
}

/** The execArgv of a thread that may load TypeScript: the loader hooks. */
export function hooksExecArgv(): string[] {
  return [...SANDBOX, '--enable-source-maps', ...registerArgs()];
}

/** The execArgv of a thread that runs prepared JavaScript: the prelude that sends its own workers the same way. */
export function preludeExecArgv(): string[] {
  return [...SANDBOX, '--enable-source-maps', '--import', pathToFileURL(distFile('grader/nestedPrelude.js')).href];
}

/** The file URL a worker's filename names, or undefined for what is not a file (eval code, data: URLs). */
export function fileHref(filename: string | URL, cwd = process.cwd()): string | undefined {
  const href = filename instanceof URL ? filename.href : filename;
  if (href.startsWith('file:')) return href;
  if (/^[a-z][a-z\d+.-]*:/i.test(href)) return undefined;
  return pathToFileURL(path.resolve(cwd, href)).href;
}

/**
 * Decides how to start a worker (pure apart from `prepared`). The learner's own execArgv and
 * eval code are left as they were asked for, apart from the hooks, and always within the
 * sandbox: a worker given an execArgv takes its permissions from that alone.
 */
export function nestedStart(
  filename: string | URL,
  options: WorkerOptions | undefined,
  prepared: (href: string) => string | undefined,
  argv: { readonly hooks: string[]; readonly prelude: string[]; readonly sandbox: readonly string[] },
): NestedStart {
  if (options?.execArgv !== undefined) return { filename, options: { ...options, execArgv: withSandbox(options.execArgv, argv.sandbox) } };
  const href = options?.eval ? undefined : fileHref(filename);
  const moduleUrl = href === undefined ? undefined : prepared(href);
  if (moduleUrl === undefined) return { filename, options: { ...options, execArgv: argv.hooks } };
  return { filename: new URL(moduleUrl), options: { ...options, execArgv: argv.prelude } };
}

/** How a worker that learner code asked for is started in this thread (see nestedStart). */
export function learnerWorkerStart(filename: string | URL, options: WorkerOptions | undefined): NestedStart {
  return nestedStart(filename, options, preparedModule, { hooks: hooksExecArgv(), prelude: preludeExecArgv(), sandbox: SANDBOX });
}

const runnable = new Map<string, boolean>();
/** The last map read from the environment, kept while the environment holds the same text. */
let parsed: { readonly text: string; readonly modules: Readonly<Record<string, string>> } | undefined;

/**
 * The prepared module for a file, read from this thread's environment; undefined when there is
 * none, or when the module imports something at run time (`import(...)`), which needs the hooks.
 */
export function preparedModule(href: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const text = env[PREPARED_ENV] ?? '{}';
  if (parsed?.text !== text) {
    try {
      parsed = { text, modules: JSON.parse(text) as Record<string, string> };
    } catch {
      return undefined;
    }
  }
  const moduleUrl = parsed.modules[href];
  if (typeof moduleUrl !== 'string') return undefined;
  let ok = runnable.get(moduleUrl);
  if (ok === undefined) {
    try {
      ok = !readFileSync(new URL(moduleUrl), 'utf8').includes('import(');
    } catch {
      ok = false;
    }
    runnable.set(moduleUrl, ok);
  }
  return ok ? moduleUrl : undefined;
}
