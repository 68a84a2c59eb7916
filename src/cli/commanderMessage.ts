/**
 * Commander's parse errors, reworded as one sentence saying what is wrong (the caller adds
 * a second line pointing at --help). Pure.
 */
export function commanderMessage(code: string, message: string): string {
  // commander puts its suggestion on a line of its own: "(Did you mean --json?)"
  const text = message.replace(/^error: /, '').replace(/\n\((Did you mean .*\?)\)$/, ' ($1)');
  const missingValue = /^option '(-[\w-]+(?:, --[\w-]+)?) <(\w+)>' argument missing$/.exec(text);
  if (code === 'commander.optionMissingArgument' && missingValue) {
    const flag = missingValue[1]?.split(', ').at(-1) ?? '';
    return `Option ${flag} needs a value: ${flag} <${missingValue[2]}>.`;
  }
  const invalid = /^option '(-[\w-]+(?:, --[\w-]+)?)(?: <\w+>)?' argument '(.*)' is invalid\. (.*)$/s.exec(text);
  if (code === 'commander.invalidArgument' && invalid) {
    const flag = invalid[1]?.split(', ').at(-1) ?? '';
    return `Option ${flag} got "${invalid[2]}", but it takes ${invalid[3]}`;
  }
  const missingArgument = /^missing required argument '(\w+)'$/.exec(text);
  if (code === 'commander.missingArgument' && missingArgument) return `Missing the <${missingArgument[1]}> argument.`;
  const tooMany = /^too many arguments for '([\w ]+)'\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text);
  if (code === 'commander.excessArguments' && tooMany) {
    const expected = Number(tooMany[2]);
    return `threadlings ${tooMany[1]} takes ${expected === 0 ? 'no arguments' : `at most ${expected} argument${expected === 1 ? '' : 's'}`}, but got ${tooMany[3]}.`;
  }
  const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return /[.?)]$/.test(sentence) ? sentence : `${sentence}.`;
}
