import { pathToFileURL } from 'node:url';
import { distFile } from '../course/paths.ts';

/** The course's own modules, as checks and learners import them, mapped to the built files. */
export function courseAliases(): Readonly<Record<string, string>> {
  return {
    'threadlings/check': pathToFileURL(distFile('check/index.js')).href,
    'threadlings/runtime': pathToFileURL(distFile('runtime/index.js')).href,
  };
}
