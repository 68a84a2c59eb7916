/** The CLI's commands (registerCommands.ts; a test keeps the two lists equal). */
export const COMMANDS = ['lessons', 'lesson', 'list', 'check', 'watch', 'hint', 'solution', 'reset', 'progress', 'init', 'completion', 'bench', 'dev'] as const;

/**
 * The command a run of the CLI is for: the first word that is neither an option nor the
 * value of `--workspace`; `menu` when there is none, `other` when it is no command (a typo,
 * `help`). Names the code cache of that command, so there is one cache per command at most.
 */
export function commandName(argv: readonly string[]): string {
  const word = argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--workspace');
  if (word === undefined) return 'menu';
  return (COMMANDS as readonly string[]).includes(word) ? word : 'other';
}
