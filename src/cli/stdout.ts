/**
 * The CLI's standard output. On a terminal it is `process.stdout`, as usual. To a pipe or a
 * file it is written with `fs.writeSync`, which is what Node's own stream does for a file:
 * creating `process.stdout` for a pipe loads Node's stream and net modules, ~5-7 ms of every
 * command's start-up (measured, docs/decisions.md). A pipe that is full and non-blocking
 * hands the rest to `process.stdout`, which waits; a pipe whose reader has gone (`| head`)
 * ends the output quietly, as it does for any Unix tool. Windows keeps the stream, which
 * writes to a console as UTF-16 where raw bytes would depend on the console's code page.
 */
import { fstatSync, writeSync } from 'node:fs';

export type WriteSync = (fd: number, data: Uint8Array, offset: number, length: number) => number;

export type DirectWrite =
  | { readonly outcome: 'written' }
  /** The pipe is full and non-blocking (or another error): `rest` is left to the stream. */
  | { readonly outcome: 'blocked'; readonly rest: Uint8Array }
  /** Nobody reads any more (EPIPE). */
  | { readonly outcome: 'closed' };

/** Writes all of `data` to `fd` without waiting on an event loop; pure but for `write`. */
export function writeDirect(fd: number, data: Uint8Array, write: WriteSync): DirectWrite {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += write(fd, data, offset, data.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return { outcome: 'closed' };
      return { outcome: 'blocked', rest: data.subarray(offset) };
    }
  }
  return { outcome: 'written' };
}

/** Whether `fd` may be a terminal: only a character device can (asking node:tty costs its modules). */
export function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

let terminal: boolean | undefined;
/** Whether standard output is a terminal (fstat answers for a pipe or a file, without node:tty). */
export function stdoutIsTerminal(): boolean {
  return (terminal ??= (process.platform === 'win32' || isCharacterDevice(1)) && !!process.stdout.isTTY);
}

let mode: 'direct' | 'stream' | 'closed' | undefined;

export function writeStdout(text: string): void {
  mode ??= process.platform === 'win32' || stdoutIsTerminal() ? 'stream' : 'direct';
  if (mode === 'closed') return;
  if (mode === 'stream') {
    process.stdout.write(text);
    return;
  }
  const result = writeDirect(1, Buffer.from(text), writeSync);
  if (result.outcome === 'closed') mode = 'closed';
  if (result.outcome === 'blocked') {
    mode = 'stream';
    process.stdout.write(result.rest);
  }
}

/** Resolves once everything written has left the process (what it waits for is the stream's). */
export function stdoutFlushed(): Promise<void> {
  return mode === 'stream' ? new Promise((resolve) => process.stdout.write('', () => resolve())) : Promise.resolve();
}
