/**
 * Module customization hooks, registered in the threads and child processes that learner
 * code or a check starts (and in the grading worker only when it was given TypeScript the
 * CLI could not prepare, see prepareModule.ts): TypeScript files are transformed with
 * esbuild through a cache that the CLI has usually filled already, and `threadlings/check`
 * and `threadlings/runtime` resolve to the built course API.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformFile } from './transformTs.ts';

interface HookData {
  readonly cacheDir: string;
  readonly aliases: Readonly<Record<string, string>>;
}

let data: HookData = { cacheDir: '', aliases: {} };

export function initialize(received: HookData): void {
  data = received;
}

type NextResolve = (specifier: string, context: unknown) => Promise<{ url: string }>;
type NextLoad = (url: string, context: unknown) => Promise<unknown>;

export async function resolve(specifier: string, context: { parentURL?: string }, next: NextResolve): Promise<unknown> {
  const alias = data.aliases[specifier];
  if (alias) return { url: alias, shortCircuit: true };
  // TypeScript style: `import './helper.js'` names helper.ts when only the .ts file exists.
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.startsWith('file:')) {
    const candidate = new URL(specifier, context.parentURL);
    if (!existsSync(candidate) && existsSync(new URL(`${candidate.href.slice(0, -3)}.ts`))) {
      return { url: `${candidate.href.slice(0, -3)}.ts`, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url: string, context: unknown, next: NextLoad): Promise<unknown> {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, 'utf8');
  const code = await transformFile(file, source, data.cacheDir);
  return { format: 'module', source: code, shortCircuit: true };
}
