import { emitKeypressEvents } from 'node:readline';
import { createInterface } from 'node:readline';

/**
 * Single-key commands: on a terminal each key press counts at once (raw mode); otherwise
 * each line read from stdin counts by its first character (so tests and pipes can drive it).
 * Ctrl-C calls `onInterrupt`. Returns a function that restores the terminal.
 */
export function listenForKeys(onKey: (key: string) => void, onInterrupt: () => void): () => void {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    emitKeypressEvents(stdin);
    stdin.setRawMode(true);
    const listener = (text: string | undefined, key: { ctrl?: boolean; name?: string } | undefined): void => {
      if (key?.ctrl && key.name === 'c') onInterrupt();
      else if (text) onKey(text.toLowerCase());
    };
    stdin.on('keypress', listener);
    stdin.resume();
    return () => {
      stdin.off('keypress', listener);
      stdin.setRawMode(false);
      stdin.pause();
    };
  }
  const lines = createInterface({ input: stdin });
  lines.on('line', (line) => {
    const key = line.trim().charAt(0).toLowerCase();
    if (key) onKey(key);
  });
  return () => lines.close();
}
