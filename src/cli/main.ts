/**
 * The entry point, and the only place that calls process.exit. It stays tiny so that it
 * runs before the rest of the CLI is even loaded: for `check`, the grading supervisor
 * starts booting here, in parallel with loading the program; `--version` loads nothing.
 */
import module from 'node:module';
import { startSupervisorEarly } from '../grader/startSupervisor.ts';
import { Exit } from './exitError.ts';
import { packageVersion } from './packageVersion.ts';

// Node 22.1+ keeps V8's compiled code of the modules loaded from here on (a no-op on Node 20).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const args = process.argv.slice(2);
if (args.includes('check') && !args.includes('--all') && !args.includes('--help') && !args.includes('-h')) {
  startSupervisorEarly();
}

process.once('SIGINT', () => {
  process.stderr.write('\nthreadlings: interrupted.\n');
  process.exit(Exit.interrupted);
});

async function run(): Promise<number> {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    process.stdout.write(`${packageVersion()}\n`);
    return Exit.ok;
  }
  const { runProgram } = await import('./program.ts');
  return runProgram(process.argv);
}

const code = await run();
process.stdout.write('', () => process.exit(code));
