// Builds dist/ with esbuild. Run by `npm install` (prepare) and `npm test`.
// Each entry is an ES module; the CLI's commands are split into chunks so that
// a command only loads what it uses.
import { build } from 'esbuild';
import { esmBanner } from './esmBanner.js';
import { rename, rm } from 'node:fs/promises';

// Build beside dist/ and swap it in at the end, so that checks running meanwhile keep working.
const root = new URL('..', import.meta.url);
const next = new URL(`dist.next-${process.pid}`, root);

await build({
  absWorkingDir: root.pathname,
  entryPoints: {
    'cli/main': './src/cli/main.ts',
    'grader/supervisor': './src/grader/supervisor.ts',
    'grader/worker': './src/grader/worker.ts',
    'grader/register': './src/grader/register.ts',
    'grader/nestedPrelude': './src/grader/nestedPrelude.ts',
    'grader/hooks': './src/grader/hooks.ts',
    'grader/api': './src/grader/api.ts',
    'check/index': './src/check/index.ts',
    'runtime/index': './src/runtime/index.ts',
  },
  outdir: next.pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies are bundled (tree-shaken, no module resolution at start-up) except
  // esbuild, which runs a native binary, and piscina, which starts its own workers.
  // cli-table3 requires @colors/colors only to colour a table's frame, which we never do
  // (src/render/table.ts), so its 40 KB are left out of the bundle.
  external: ['esbuild', 'piscina', '@colors/colors', '@colors/colors/*'],
  // CommonJS dependencies expect require, __filename and __dirname.
  banner: { js: esmBanner },
  sourcemap: false,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

const old = new URL(`dist.old-${process.pid}`, root);
await rename(new URL('dist', root), old).catch(() => {});
await rename(next, new URL('dist', root));
await rm(old, { recursive: true, force: true });
