/**
 * The command a run of the CLI is for: the first word that is neither an option nor the
 * value of `--workspace` (none: the interactive menu). Names the code cache of that command.
 */
export function commandName(argv: readonly string[]): string {
  return argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--workspace') ?? 'menu';
}
