import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { countOutput } from '../../../src/grader/countOutput.ts';

function sink(): { stream: Writable; written: Buffer[] } {
  const written: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk);
      callback();
    },
  });
  return { stream, written };
}

describe('countOutput', () => {
  it('counts bytes written as strings and buffers on every stream, and still writes them', () => {
    const out = sink();
    const err = sink();
    const printed = countOutput([out.stream, err.stream]);
    expect(printed()).toBe(0);
    out.stream.write('héllo\n'); // é is two bytes in UTF-8
    err.stream.write(Buffer.from([1, 2, 3]));
    out.stream.write(new Uint8Array(10), () => {});
    expect(printed()).toBe(7 + 3 + 10);
    expect(Buffer.concat(out.written).subarray(0, 7).toString()).toBe('héllo\n');
    expect(Buffer.concat(err.written)).toEqual(Buffer.from([1, 2, 3]));
  });

  it('counts what a piped stream writes into it', async () => {
    const out = sink();
    const printed = countOutput([out.stream]);
    const { Readable } = await import('node:stream');
    await new Promise<void>((resolve) => Readable.from(['abc', 'de']).pipe(out.stream).on('finish', () => resolve()));
    expect(printed()).toBe(5);
  });
});
