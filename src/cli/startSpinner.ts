import type { Ora } from 'ora';
import type { Context } from './context.ts';

/**
 * An ora spinner on standard error while a person watches (not for --json or a pipe), or none.
 * None either on a terminal that reports no width (a pseudo-terminal made without a size, as
 * `script` makes one): ora divides by the width to know how many lines to clear, and with 0
 * it clears lines forever. Its stdin discarder stays off: it puts the terminal in raw mode
 * without reading it, which swallows Ctrl-C, and the terminal must keep turning Ctrl-C into
 * SIGINT (main.ts).
 */
export async function startSpinner(ctx: Context, text: string): Promise<Ora | undefined> {
  if (!ctx.interactive || ctx.json || !process.stderr.columns) return undefined;
  return (await import('ora')).default({ text, discardStdin: false }).start();
}
