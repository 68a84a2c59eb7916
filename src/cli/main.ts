/** The CLI's entry (run by start.ts through the code cache), and the only place that calls process.exit. */
import { Exit } from './exitError.ts';
import { trace } from '../grader/trace.ts';
import { stdoutFlushed } from './stdout.ts';

process.once('SIGINT', () => {
  process.stderr.write('\nthreadlings: interrupted.\n');
  process.exit(Exit.interrupted);
});

async function run(): Promise<number> {
  const { runProgram } = await import('./program.ts');
  return runProgram(process.argv);
}

void run()
  .then(async (code) => (await stdoutFlushed(), code))
  .then((code) => (trace('exit'), process.exit(code)));
