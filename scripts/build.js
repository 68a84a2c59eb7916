// Builds dist/ with esbuild. Run by `npm install` (prepare) and `npm test`.
// Each entry is an ES module; the CLI's commands are split into chunks so that
// a command only loads what it uses.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
await rm(new URL('dist', root), { recursive: true, force: true });

await build({
  absWorkingDir: root.pathname,
  entryPoints: Object.fromEntries(Object.entries({
    'cli/main': './src/cli/main.ts',
    'grader/supervisor': './src/grader/supervisor.ts',
    'grader/worker': './src/grader/worker.ts',
    'grader/register': './src/grader/register.ts',
    'grader/hooks': './src/grader/hooks.ts',
    'check/index': './src/check/index.ts',
    'runtime/index': './src/runtime/index.ts',
  }).filter(([, file]) => existsSync(new URL(file, root)))),
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
