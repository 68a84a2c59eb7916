import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { COMMANDS, commandName } from '../../../src/cli/commandName.ts';
import { registerCommands } from '../../../src/cli/registerCommands.ts';
import { bundlePrefix, cacheFileName } from '../../../src/cli/runWithCodeCache.ts';

describe('commandName', () => {
  it('is the first word that is not an option', () => {
    expect(commandName(['check', 'threads/join-all'])).toBe('check');
    expect(commandName(['--no-color', 'progress', '--json'])).toBe('progress');
  });

  it('skips the value of --workspace, and is the menu when there is no command', () => {
    expect(commandName(['--workspace', 'my-ws', 'list'])).toBe('list');
    expect(commandName(['--workspace', 'my-ws'])).toBe('menu');
    expect(commandName([])).toBe('menu');
  });

  it('is "other" for a word that is no command, so that typos make no caches of their own', () => {
    expect(commandName(['progres'])).toBe('other');
    expect(commandName(['help', 'check'])).toBe('other');
  });

  it('knows exactly the commands the program registers', () => {
    const program = new Command('threadlings');
    registerCommands(program, () => ({ color: false }), () => {});
    expect([...COMMANDS].sort()).toEqual(program.commands.map((command) => command.name()).sort());
  });
});

describe('code cache file names', () => {
  const prefix = bundlePrefix({ size: 841_609, mtimeMs: 1796647927852.4 }, 'v20.20.2', 'x64');

  it('change with the bundle and with Node', () => {
    expect(prefix).toBe('v20.20.2-x64-841609-1796647927852-');
    expect(bundlePrefix({ size: 841_610, mtimeMs: 1796647927852.4 }, 'v20.20.2', 'x64')).not.toBe(prefix);
    expect(bundlePrefix({ size: 841_609, mtimeMs: 1796647927852.4 }, 'v20.20.3', 'x64')).not.toBe(prefix);
  });

  it('name one file per command, whatever the word', () => {
    expect(cacheFileName(prefix, 'progress')).toBe(`${prefix}progress.bin`);
    expect(cacheFileName(prefix, '../../etc/passwd')).toBe(`${prefix}______etc_passwd.bin`);
    expect(cacheFileName(prefix, '')).toBe(`${prefix}none.bin`);
  });
});
