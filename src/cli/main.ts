/**
 * The entry point, and the only place that calls process.exit. It stays tiny so that it
 * runs before the rest of the CLI is even loaded: for `check`, the grading supervisor
 * starts booting here, in parallel with loading the program.
 */
import { startSupervisorEarly } from '../grader/startSupervisor.ts';
import { Exit } from './exitError.ts';

const args = process.argv.slice(2);
if (args.includes('check') && !args.includes('--all') && !args.includes('--help') && !args.includes('-h')) {
  startSupervisorEarly();
}

process.once('SIGINT', () => {
  process.stderr.write('\nthreadlings: interrupted.\n');
  process.exit(Exit.interrupted);
});

const { runProgram } = await import('./program.ts');
const code = await runProgram(process.argv);
process.stdout.write('', () => process.exit(code));
