import { watch, watchFile, unwatchFile, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Calls `onChange` after `file` was saved, debounced. Watches the folder rather than the
 * file, because many editors save by writing a new file and renaming it over the old one.
 * With `poll`, stats the file every 250 ms instead (for file systems without events).
 * Returns a function that stops watching.
 */
export function watchForSaves(file: string, onChange: () => void, options: { poll: boolean; debounceMs?: number }): () => void {
  const debounceMs = options.debounceMs ?? 80;
  let timer: NodeJS.Timeout | undefined;
  const fire = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  if (options.poll) {
    const listener = (current: { mtimeMs: number; size: number }, previous: { mtimeMs: number; size: number }): void => {
      if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) fire();
    };
    watchFile(file, { interval: 250 }, listener);
    return () => {
      clearTimeout(timer);
      unwatchFile(file, listener);
    };
  }
  const name = path.basename(file);
  const watcher: FSWatcher = watch(path.dirname(file), (_event, changed) => {
    if (changed === null || changed.toString() === name) fire();
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
