/** Loaded with `--import` in the learner's worker threads that run TypeScript the CLI did not prepare. */
import { installHooks } from './installHooks.ts';

installHooks();
