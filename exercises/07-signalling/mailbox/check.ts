import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

// Cells of `office` (OFFICE in the given part of the exercise).
const RECEIVERS_GO = 0;
const RECEIVED = 2;
const SENDERS = 2;
const RECEIVERS = 3;
const LETTERS = 300; // per sender
const CAPACITY = 2;
/** The post office needs a fraction of a second; this long without a single letter received means stuck. */
const STUCK_MS = 3000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the post office, watching the count of received letters; 'stuck' when it stops moving. */
async function runOffice(ex: typeof Exercise, box: InstanceType<typeof Exercise.Mailbox>): Promise<number[][] | 'stuck'> {
  const office = new Int32Array(new SharedArrayBuffer(4 * 4));
  const run = ex.runPostOffice(box.handle, { senders: SENDERS, receivers: RECEIVERS, letters: LETTERS, office: office.buffer as SharedArrayBuffer });
  let result: number[][] | undefined;
  let failure: unknown;
  const settled = run.then((r) => (result = r), (e: unknown) => (failure = e ?? new Error('the post office failed')));
  let last = -1;
  let lastChange = Date.now();
  while (result === undefined && failure === undefined) {
    const received = Atomics.load(office, RECEIVED);
    // Until the receivers' GO, the workers are still starting (slow on a busy machine): that is not being stuck.
    if (received !== last || Atomics.load(office, RECEIVERS_GO) === 0) [last, lastChange] = [received, Date.now()];
    else if (Date.now() - lastChange > STUCK_MS) return 'stuck';
    await Promise.race([settled, sleep(50)]);
  }
  if (failure !== undefined) throw failure;
  return result as number[][];
}

function describe(letter: number): string {
  return Number.isInteger(letter) && letter >= 1e6 ? `letter ${letter % 1e6} of sender ${Math.floor(letter / 1e6) - 1}` : String(letter);
}

function checkDelivery(t: Assertions, got: number[][]): void {
  const sent = new Set(Array.from({ length: SENDERS * LETTERS }, (_, i) => (Math.floor(i / LETTERS) + 1) * 1e6 + (i % LETTERS)));
  const all = got.flat();
  const strangers = all.filter((letter) => !sent.has(letter));
  const seen = new Map<number, number>();
  for (const letter of all) seen.set(letter, (seen.get(letter) ?? 0) + 1);
  const twice = [...seen].filter(([letter, n]) => n > 1 && sent.has(letter)).map(([letter]) => letter);
  const missing = [...sent].filter((letter) => !seen.has(letter));
  const loop = 'Wait in a while loop, not an if: a wake-up does not promise anything (another thread may have been first, and wait() can return spuriously).';
  t.ok(
    strangers.length === 0 && twice.length === 0,
    `receivers got ${strangers.length} values nobody sent` +
      (strangers.length > 0 ? ` (such as ${describe(strangers[0] as number)})` : '') +
      ` and ${twice.length} letters more than once` +
      (twice.length > 0 ? ` (such as ${describe(twice[0] as number)})` : '') +
      ': receive() took a letter from an empty mailbox. ' +
      `While it is empty, receive() must wait on a Condition that send() notifies. ${loop}`,
  );
  t.ok(
    missing.length === 0,
    `${missing.length} of ${sent.size} letters never arrived (such as ${describe(missing[0] as number)}): send() wrote into a full ` +
      `mailbox, over a letter nobody had taken yet. While it is full, send() must wait on a Condition that receive() notifies. ${loop}`,
  );
  for (const [receiver, letters] of got.entries()) {
    for (let sender = 0; sender < SENDERS; sender++) {
      const fromSender = letters.filter((letter) => Math.floor(letter / 1e6) === sender + 1);
      const backwards = fromSender.findIndex((letter, i) => i > 0 && letter < (fromSender[i - 1] as number));
      t.ok(
        backwards === -1,
        `receiver ${receiver} got ${describe(fromSender[backwards] as number)} after ${describe(fromSender[backwards - 1] as number)}: ` +
          'the mailbox must hand out letters oldest first.',
      );
    }
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['Mailbox', 'runPostOffice'],
  cases: [
    {
      name: 'one thread: letters come out oldest first, also through a handle',
      run(ex, t) {
        const box = new ex.Mailbox(3);
        box.send(1.5);
        box.send(2);
        box.send(3);
        const other = ex.Mailbox.from(box.handle);
        t.equal([box.receive(), other.receive()], [1.5, 2], 'the first two letters received after sending 1.5, 2, 3');
        other.send(4);
        t.equal([box.receive(), box.receive()], [3, 4], 'the next two, after sending 4 through the rebuilt mailbox');
      },
    },
    {
      name: `${SENDERS} senders x ${LETTERS} letters, ${RECEIVERS} receivers, room for ${CAPACITY}: every letter arrives once, in order`,
      async run(ex, t) {
        const got = await runOffice(ex, new ex.Mailbox(CAPACITY));
        if (got === 'stuck') {
          return t.fail(
            `no letter moved for ${STUCK_MS / 1000} s: threads sleep on a Condition that nobody notifies. After send() adds a letter, ` +
              'notify the Condition receivers wait on; after receive() takes one, notify the one senders wait on (with a single ' +
              'Condition for both, notifyAll(), or a sender may wake only other senders).',
          );
        }
        checkDelivery(t, got);
      },
    },
  ],
});
