import { Chalk, type ChalkInstance } from 'chalk';

/** The few styles threadlings uses, so that colour means the same thing everywhere. */
export interface Palette {
  readonly enabled: boolean;
  readonly chalk: ChalkInstance;
  pass(text: string): string;
  fail(text: string): string;
  pending(text: string): string;
  heading(text: string): string;
  dim(text: string): string;
  code(text: string): string;
}

export function createPalette(enabled: boolean): Palette {
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
  return {
    enabled,
    chalk,
    pass: (text) => chalk.green(text),
    fail: (text) => chalk.red(text),
    pending: (text) => chalk.yellow(text),
    heading: (text) => chalk.bold.cyan(text),
    dim: (text) => chalk.dim(text),
    code: (text) => chalk.cyan(text),
  };
}
