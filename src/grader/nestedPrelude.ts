/**
 * Loaded with `--import` in a worker thread that runs JavaScript the CLI prepared (see
 * nestedStart.ts): it installs no loader hooks, but sends the workers this thread starts the
 * same way, so that one started from a TypeScript file still gets them.
 */
import { installNestedWorker } from './installNestedWorker.ts';

installNestedWorker();
