/** Loaded with `--import` in the supervisor, and so in every worker thread it starts. */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { distFile } from '../course/paths.ts';
import { defaultCacheDir } from './transformCache.ts';

// Worker execArgv replaces the inherited flags, so turn source maps on here, in every thread:
// stack traces then point at the learner's .ts line and column.
process.setSourceMapsEnabled(true);

register(pathToFileURL(distFile('grader/hooks.js')), {
  data: {
    cacheDir: defaultCacheDir(),
    aliases: {
      'threadlings/check': pathToFileURL(distFile('check/index.js')).href,
      'threadlings/runtime': pathToFileURL(distFile('runtime/index.js')).href,
    },
  },
});
