import { defineCheck, describeValue } from 'threadlings/check';
import type * as Exercise from './solution.ts';

const MIB = 1024 * 1024;

/** A buffer of `size` bytes holding 0, 1, ..., 255, 0, 1, ... and the sum of those bytes. */
function patterned(size: number): { buffer: ArrayBuffer; sum: number } {
  const bytes = new Uint8Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    bytes[i] = i & 0xff;
    sum += i & 0xff;
  }
  return { buffer: bytes.buffer, sum };
}

export default defineCheck<typeof Exercise>({
  exports: ['sumInWorker'],
  cases: [
    {
      name: 'resolves with the sum of the bytes',
      async run(ex, t) {
        const { buffer, sum } = patterned(1000);
        t.equal(await ex.sumInWorker(buffer), sum, 'sumInWorker(a 1000-byte buffer holding 0, 1, ..., 255, 0, 1, ...)');
      },
    },
    {
      name: "a 16 MiB buffer moves to the worker: afterwards the caller's copy is empty (byteLength 0)",
      async run(ex, t) {
        const { buffer, sum } = patterned(16 * MIB);
        const result = await ex.sumInWorker(buffer);
        t.equal(result, sum, 'sumInWorker(a 16 MiB buffer)');
        t.ok(
          buffer.byteLength === 0,
          `after sumInWorker the caller's buffer still has all ${describeValue(buffer.byteLength)} bytes: the worker got a copy (structured clone), so 16 MiB were copied instead of moved; list the buffer itself in the Worker's transferList (or postMessage's transfer list) to transfer it.`,
        );
      },
    },
    {
      name: 'an empty buffer sums to 0',
      async run(ex, t) {
        t.equal(await ex.sumInWorker(new ArrayBuffer(0)), 0, 'sumInWorker(an empty buffer)');
      },
    },
  ],
});
