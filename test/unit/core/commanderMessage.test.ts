import { describe, expect, it } from 'vitest';
import { commanderMessage } from '../../../src/cli/commanderMessage.ts';

describe('commanderMessage', () => {
  it.each([
    ['commander.optionMissingArgument', "error: option '--workspace <dir>' argument missing", 'Option --workspace needs a value: --workspace <dir>.'],
    ['commander.optionMissingArgument', "error: option '-l, --level <n>' argument missing", 'Option --level needs a value: --level <n>.'],
    [
      'commander.invalidArgument',
      "error: option '--level <n>' argument '0' is invalid. a whole number from 1 to 99.",
      'Option --level got "0", but it takes a whole number from 1 to 99.',
    ],
    ['commander.missingArgument', "error: missing required argument 'exercise'", 'Missing the <exercise> argument.'],
    ['commander.excessArguments', "error: too many arguments for 'list'. Expected 0 arguments but got 1.", 'threadlings list takes no arguments, but got 1.'],
    ['commander.excessArguments', "error: too many arguments for 'hint'. Expected 1 argument but got 3.", 'threadlings hint takes at most 1 argument, but got 3.'],
    ['commander.unknownOption', "error: unknown option '--bogus'", "Unknown option '--bogus'."],
    ['commander.unknownOption', "error: unknown option '--jsn'\n(Did you mean --json?)", "Unknown option '--jsn' (Did you mean --json?)"],
  ])('%s: %j', (code, message, expected) => {
    expect(commanderMessage(code, message)).toBe(expected);
  });
});
