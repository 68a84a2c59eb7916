/**
 * Loaded with `--import` in the learner's worker threads (and child processes) that run
 * TypeScript the CLI did not prepare: the loader hooks, and the workers they start stay
 * inside the grader's sandbox.
 */
import { installHooks } from './installHooks.ts';
import { installNestedWorker } from './installNestedWorker.ts';

installHooks();
installNestedWorker();
