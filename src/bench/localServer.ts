import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) that answers every request after
 * `delayMs`: a stand-in for a slow remote service that never leaves the machine.
 * It runs on the main thread's event loop, which stays free while the demo waits.
 */
export function startSlowServer(delayMs: number): Promise<SlowServer> {
  const server = http.createServer((_request, response) => {
    setTimeout(() => response.end('ok\n'), delayMs);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * One GET; resolves with the number of bytes received. Self-contained (the http module
 * is a parameter): its source text is also sent to worker threads.
 */
export function httpGet(client: typeof http, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    client
      .get(url, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve(bytes));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}
