import type { Socket } from 'node:net';

/**
 * Messages between the CLI and a spare supervisor, over a local socket: one JSON value per
 * line (JSON escapes every newline inside a value). Calls `onMessage` for each complete line.
 */
export function readJsonLines<T>(socket: Socket, onMessage: (message: T) => void): void {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let end = pending.indexOf('\n');
    while (end >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      let message: T;
      try {
        message = JSON.parse(line) as T;
      } catch {
        return void socket.destroy(); // not one of ours: the other side treats it as a lost link
      }
      onMessage(message);
      end = pending.indexOf('\n');
    }
  });
}

/** Writes one message; resolves false when the socket is gone. */
export function writeJsonLine(socket: Socket, message: unknown): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed || !socket.writable) return resolve(false);
    socket.write(`${JSON.stringify(message)}\n`, (error) => resolve(!error));
  });
}
