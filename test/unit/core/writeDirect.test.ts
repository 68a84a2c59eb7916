import { describe, expect, it } from 'vitest';
import { writeDirect, type WriteSync } from '../../../src/cli/stdout.ts';

const errno = (code: string): Error => Object.assign(new Error(code), { code });

/** A stand-in for fs.writeSync that takes at most `chunk` bytes per call and fails as told. */
function sink(chunk: number, failAt?: { call: number; code: string }): { write: WriteSync; received: number[] } {
  const received: number[] = [];
  let calls = 0;
  const write: WriteSync = (_fd, data, offset, length) => {
    calls++;
    if (failAt && calls === failAt.call) throw errno(failAt.code);
    const n = Math.min(chunk, length);
    received.push(...data.subarray(offset, offset + n));
    return n;
  };
  return { write, received };
}

const data = Uint8Array.from({ length: 10 }, (_, i) => i);

describe('writeDirect', () => {
  it('writes everything, across partial writes', () => {
    const { write, received } = sink(3);
    expect(writeDirect(1, data, write)).toEqual({ outcome: 'written' });
    expect(received).toEqual([...data]);
  });

  it('hands what a full non-blocking pipe refused to the stream, and nothing twice', () => {
    const { write, received } = sink(4, { call: 2, code: 'EAGAIN' });
    const result = writeDirect(1, data, write);
    expect(result.outcome).toBe('blocked');
    expect(result.outcome === 'blocked' && [...received, ...result.rest]).toEqual([...data]);
  });

  it('leaves any other error to the stream, which reports it as Node does', () => {
    const result = writeDirect(1, data, sink(10, { call: 1, code: 'EIO' }).write);
    expect(result).toEqual({ outcome: 'blocked', rest: data });
  });

  it('stops quietly when the reader has gone', () => {
    expect(writeDirect(1, data, sink(4, { call: 2, code: 'EPIPE' }).write)).toEqual({ outcome: 'closed' });
  });
});
