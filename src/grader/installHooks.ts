import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { defaultCacheDir, distFile } from '../course/paths.ts';
import { courseAliases } from './courseAliases.ts';

/**
 * Registers the TypeScript loader hooks in this thread. In Node 20 the hooks run on a thread
 * of their own (about 50 ms to start), so the grader only installs them where a module
 * cannot be prepared ahead of time: see prepareModule.ts.
 */
export function installHooks(): void {
  // Stack traces then point at the learner's .ts line and column.
  process.setSourceMapsEnabled(true);
  register(pathToFileURL(distFile('grader/hooks.js')), { data: { cacheDir: defaultCacheDir(), aliases: courseAliases() } });
}
