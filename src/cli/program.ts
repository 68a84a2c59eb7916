/**
 * The command-line program: parses arguments with commander, runs one command and maps
 * whatever it throws to one line and an exit code. Commands are loaded lazily, so that
 * `threadlings --version` does not pay for what `threadlings check` needs.
 */
import { Command, CommanderError, Option } from 'commander';
import { Exit, ExitError, type ExitCode } from './exitError.ts';
import type { GlobalOptions } from './context.ts';
import { commanderMessage } from './commanderMessage.ts';
import { packageVersion } from './packageVersion.ts';
import { registerCommands } from './registerCommands.ts';
import { stdoutIsTerminal, writeStdout } from './stdout.ts';

function buildProgram(setCode: (code: ExitCode) => void): Command {
  const program = new Command('threadlings')
    .description('Learn concurrency by doing: lessons and graded exercises on Node worker threads.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .addOption(new Option('--workspace <dir>', 'your exercise files (default: nearest .threadlings/ folder, or ./workspace)').env('THREADLINGS_WORKSPACE'))
    .option('--no-color', 'plain output without colours (also NO_COLOR=1)')
    .option('--debug', 'print stack traces of internal errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Help and --version go where the CLI's own output goes (stdout.ts): not through a
      // stream when standard output is a pipe or a file. Help has no colours to keep.
      writeOut: writeStdout,
      getOutHelpWidth: () => (stdoutIsTerminal() ? process.stdout.columns : 80),
      getOutHasColors: () => false,
      outputError: () => {},
    });
  registerCommands(program, () => program.opts<GlobalOptions>(), setCode);
  return program;
}

export async function runProgram(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = Exit.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (error) {
    return report(error, argv.includes('--debug'));
  }
}

function report(error: unknown, debug: boolean): ExitCode {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return Exit.ok; // --help, --version
    process.stderr.write(`threadlings: ${commanderMessage(error.code, error.message)}\nRun \`threadlings --help\` for usage.\n`);
    return Exit.usage;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    process.stderr.write('\n');
    return Exit.interrupted; // Ctrl-C at a prompt
  }
  if (error instanceof ExitError) {
    process.stderr.write(`threadlings: ${error.message}\n`);
    return error.code;
  }
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `threadlings: internal error: ${detail}. This is a bug; please report it with the command you ran` +
      `${debug ? '.' : ' and the output of the same command with --debug.'}\n`,
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return Exit.failed;
}
