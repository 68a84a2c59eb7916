// Builds dist/ with esbuild. Run by `npm install` (prepare) and `npm test`.
// The CLI is one CommonJS bundle, dist/cli/main.cjs, which dist/cli/start.cjs runs through
// V8's code cache (src/cli/runWithCodeCache.ts); what a command does not use is wrapped
// in lazy initialisers and never runs. The grader, the check API and the runtime are ES
// modules, split into shared chunks.
import { build } from 'esbuild';
import { cliPlugins } from './buildPlugins.js';
import { esmBanner } from './esmBanner.js';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

// Build beside dist/ and swap it in at the end, so that checks running meanwhile keep working.
const root = new URL('..', import.meta.url);
const next = new URL(`dist.next-${process.pid}`, root);

const common = {
  absWorkingDir: root.pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Dependencies are bundled (tree-shaken, no module resolution at start-up) except
  // esbuild, which runs a native binary, and piscina, which starts its own workers.
  // cli-table3 requires @colors/colors only to colour a table's frame, which we never do
  // (src/render/table.ts), so its 40 KB are left out of the bundle.
  external: ['esbuild', 'piscina', '@colors/colors', '@colors/colors/*'],
  sourcemap: false,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: {
    'grader/worker': './src/grader/worker.ts',
    'grader/register': './src/grader/register.ts',
    'grader/nestedPrelude': './src/grader/nestedPrelude.ts',
    'grader/hooks': './src/grader/hooks.ts',
    'grader/api': './src/grader/api.ts',
    'check/index': './src/check/index.ts',
    'runtime/index': './src/runtime/index.ts',
  },
  outdir: next.pathname,
  splitting: true,
  format: 'esm',
  // CommonJS dependencies expect require, __filename and __dirname.
  banner: { js: esmBanner },
  chunkNames: 'chunks/[name]-[hash]',
});

// CommonJS has no import.meta: every use (paths.ts) is given the bundle's own URL, which
// sits two levels below the package root like every ES chunk does.
const cli = {
  ...common,
  outdir: path.join(next.pathname, 'cli'),
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // import() of esbuild and piscina becomes require(): a script run through the code cache
  // has no loader for import() on Node 20.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: cliPlugins,
  minifyWhitespace: true,
  minifySyntax: true,
};
await build({ ...cli, entryPoints: { main: './src/cli/main.ts' } });
await build({ ...cli, entryPoints: { start: './src/cli/start.ts' } });
// The supervisor too: a CommonJS entry starts its worker ~14 ms sooner than an ES module.
await build({ ...cli, outdir: path.join(next.pathname, 'grader'), entryPoints: { supervisor: './src/grader/supervisor.ts' } });

const old = new URL(`dist.old-${process.pid}`, root);
await rename(new URL('dist', root), old).catch(() => {});
await rename(next, new URL('dist', root));
await rm(old, { recursive: true, force: true });
