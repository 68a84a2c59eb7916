/**
 * What `bin/threadlings.js` runs: answers `--version` at once, and otherwise runs the CLI's
 * bundle (main.ts and all it loads) through V8's code cache. For `check`, the grading
 * supervisor starts booting first, so that it boots while the CLI loads. This file stays
 * tiny, because everything here happens before any command can start.
 */
import path from 'node:path';
import { commandName } from './commandName.ts';
import { runWithCodeCache } from './runWithCodeCache.ts';
import { defaultCacheDir, packageRoot } from '../course/paths.ts';
import { packageVersion } from './packageVersion.ts';
import { startSupervisorEarly } from '../grader/earlySupervisor.ts';
import { writeStdout } from './stdout.ts';

const args = process.argv.slice(2);
const command = commandName(args);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  writeStdout(`${packageVersion()}\n`);
} else {
  if (command === 'check' && !args.includes('--all') && !args.includes('--help') && !args.includes('-h')) startSupervisorEarly();
  runWithCodeCache({
    file: path.join(packageRoot, 'dist', 'cli', 'main.cjs'),
    cacheDir: process.env['THREADLINGS_NO_CODE_CACHE'] ? undefined : defaultCacheDir(),
    label: command,
  });
}

