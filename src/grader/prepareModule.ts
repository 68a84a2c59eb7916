import type { Plugin } from 'esbuild';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { courseAliases } from './courseAliases.ts';
import { cacheKey, isCached, writeCached } from './transformCache.ts';
import { transformFile } from './transformTs.ts';

/**
 * A TypeScript file made ready for the grading worker. When `moduleUrl` is set it is plain
 * JavaScript in the cache that imports only Node's built-ins and the course's own modules
 * (by absolute URL), so the worker imports it with no loader hooks at all. Otherwise (a
 * relative import, another package, `import.meta.resolve`) the worker installs the hooks.
 */
export interface PreparedModule {
  readonly file: string;
  readonly moduleUrl?: string;
}

const MODULE_EXTENSION = '.mjs';
const NEEDS_HOOKS_EXTENSION = '.hooks';

/** What the module imports decides whether it can run without the hooks. */
function importsPlugin(aliases: Readonly<Record<string, string>>, needsHooks: () => void): Plugin {
  return {
    name: 'threadlings-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const alias = aliases[args.path];
        if (alias) return { path: alias, external: true };
        if (!isBuiltin(args.path)) needsHooks();
        return { path: args.path, external: true };
      });
    },
  };
}

/** Prepares one file, through the cache; throws TsSyntaxError (from the hooks' transform) when it does not parse. */
export async function prepareModule(file: string, source: string, cacheDir: string): Promise<PreparedModule> {
  const aliases = courseAliases();
  const key = cacheKey(`${file}\0module\0${JSON.stringify(aliases)}`, source);
  const cached = path.join(cacheDir, `${key}${MODULE_EXTENSION}`);
  if (isCached(cacheDir, key, MODULE_EXTENSION)) return { file, moduleUrl: pathToFileURL(cached).href };
  if (isCached(cacheDir, key, NEEDS_HOOKS_EXTENSION)) return viaHooks(file, source, cacheDir);

  let hooks = source.includes('import.meta.resolve');
  const { build } = await import('esbuild');
  const fileUrl = pathToFileURL(file).href;
  let code = '';
  try {
    const result = await build({
      stdin: { contents: source, loader: 'ts', sourcefile: path.basename(file), resolveDir: path.dirname(file) },
      absWorkingDir: path.dirname(file),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      // The map names the learner's own file, wherever the cached copy lives.
      sourceRoot: `${pathToFileURL(path.dirname(file)).href}/`,
      // The module still knows where it came from: `new Worker(new URL(import.meta.url))` works.
      define: {
        'import.meta.url': JSON.stringify(fileUrl),
        'import.meta.filename': JSON.stringify(file),
        'import.meta.dirname': JSON.stringify(path.dirname(file)),
      },
      plugins: [importsPlugin(aliases, () => (hooks = true))],
      logLevel: 'silent',
    });
    code = result.outputFiles[0]?.text ?? '';
  } catch {
    // Bundling is stricter than Node (it refuses, say, assigning to an imported namespace):
    // whatever it refuses runs through the hooks, where a real syntax error is reported.
    hooks = true;
  }
  if (!hooks && writeCached(cacheDir, key, code, MODULE_EXTENSION)) return { file, moduleUrl: pathToFileURL(cached).href };
  writeCached(cacheDir, key, '', NEEDS_HOOKS_EXTENSION);
  return viaHooks(file, source, cacheDir);
}

/** The hooks will load the file itself; fill their transform cache now, while the supervisor boots. */
async function viaHooks(file: string, source: string, cacheDir: string): Promise<PreparedModule> {
  await transformFile(file, source, cacheDir);
  return { file };
}
