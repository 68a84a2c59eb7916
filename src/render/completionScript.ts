/** What completion needs to know about one command. */
export interface CompletionCommand {
  readonly name: string;
  readonly options: readonly string[];
  /** Completes its first argument with exercise ids, lesson ids, or nothing. */
  readonly argument: 'exercise' | 'lesson' | 'none';
}

const GLOBAL = ['--workspace', '--no-color', '--debug', '--help', '--version'];

/** A bash completion script; ids come from `threadlings completion --ids <kind>` at completion time. */
export function bashCompletion(commands: readonly CompletionCommand[]): string {
  const cases = commands
    .map((c) => {
      const ids = c.argument === 'none' ? '' : `$(threadlings completion --ids ${c.argument} 2>/dev/null) `;
      return `    ${c.name}) words="${ids}${[...c.options, '--help'].join(' ')}" ;;`;
    })
    .join('\n');
  return `# threadlings bash completion. Install: threadlings completion bash >> ~/.bashrc
_threadlings() {
  local cur command words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  command="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} ${GLOBAL.join(' ')}" -- "$cur") )
    return
  fi
  case "$command" in
${cases}
    *) words="${GLOBAL.join(' ')}" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -F _threadlings threadlings
`;
}

/** A zsh completion script (uses bash completion through bashcompinit, the portable route). */
export function zshCompletion(commands: readonly CompletionCommand[]): string {
  return `# threadlings zsh completion. Install: threadlings completion zsh >> ~/.zshrc
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(commands).replace(/^# .*\n/, '')}`;
}
