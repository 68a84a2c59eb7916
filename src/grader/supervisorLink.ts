import net, { type Socket } from 'node:net';
import os from 'node:os';
import { readJsonLines, writeJsonLine } from './jsonLines.ts';
import type { RunMessage, SpareHello, SupervisorMessage } from './protocol.ts';

/** How a supervisor hears its job and reports back: over IPC when the CLI spawned it for this check, over a socket when it is a spare. */
export interface SupervisorLink {
  send(message: SupervisorMessage): Promise<void>;
  /** Jobs that arrived before a handler was set are delivered to it first. */
  onRun(handler: (message: RunMessage) => void): void;
}

/** Holds messages until someone listens: a message nobody listens for is lost. */
function inbox(): { deliver(message: RunMessage): void; onRun(handler: (message: RunMessage) => void): void } {
  const queued: RunMessage[] = [];
  let listener: ((message: RunMessage) => void) | undefined;
  return {
    deliver: (message) => (listener ? listener(message) : void queued.push(message)),
    onRun: (handler) => {
      listener = handler;
      queued.splice(0).forEach(handler);
    },
  };
}

/** The IPC channel to the CLI that spawned this supervisor; `gone` runs when the CLI disconnects. */
export function ipcLink(gone: () => void): SupervisorLink {
  const box = inbox();
  process.on('message', (message: RunMessage) => box.deliver(message));
  process.on('disconnect', gone);
  return {
    send: (message) =>
      new Promise((resolve) => {
        if (!process.send) return resolve();
        process.send(message, undefined, {}, () => resolve());
      }),
    onRun: box.onRun,
  };
}

export interface SpareOptions {
  /** The socket it listens on (see spareAddress.ts). */
  readonly address: string;
  /** How long it waits for a check before it leaves. */
  readonly idleMs: number;
  /** A CLI took it: start supervising. */
  readonly taken: (link: SupervisorLink) => void;
  /** Nobody came in time, another spare holds the address, or the CLI went away. */
  readonly leave: () => void;
}

/**
 * A spare: listens on a local socket for the next `check` of the same CLI, environment and
 * folder, serves the first one to connect and no other (closing the server removes the socket
 * file), and leaves when that CLI goes away or when nobody comes for `idleMs`.
 */
export function listenAsSpare({ address, idleMs, taken, leave }: SpareOptions): void {
  let socket: Socket | undefined;
  const server = net.createServer((connection) => {
    if (socket) return void connection.destroy();
    socket = connection;
    clearTimeout(idle);
    server.close();
    connection.on('error', () => {});
    connection.on('close', leave);
    const box = inbox();
    readJsonLines<RunMessage>(connection, box.deliver);
    void writeJsonLine(connection, { type: 'hello', pid: process.pid, scratch: os.tmpdir() } satisfies SpareHello);
    taken({ send: async (message) => void (await writeJsonLine(connection, message)), onRun: box.onRun });
  });
  server.on('error', leave); // EADDRINUSE: a spare for the same check is already waiting
  server.listen(address);
  const idle = setTimeout(() => server.close(leave), idleMs);
}
