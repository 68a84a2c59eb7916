/**
 * Counts what this thread (and the workers it pipes) prints, at the source. The supervisor
 * counts what reaches it too, but a worker's output travels on its own port and can still be
 * in flight, or be dropped by terminate(), when the verdict arrives (Node 22 does both), so a
 * flood is judged on the larger of the two counts.
 */
import type { Writable } from 'node:stream';

/** Wraps write() on stdout and stderr; returns a function that reads the byte count so far. */
export function countOutput(streams: readonly Writable[] = [process.stdout, process.stderr]): () => number {
  let bytes = 0;
  for (const stream of streams) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
      return write(chunk, ...rest);
    }) as Writable['write'];
  }
  return () => bytes;
}
