/**
 * Lesson 12 (io): every verdict is deterministic. Each starter fails 20 times out of 20
 * for the lesson's reason, each solution passes 20 times out of 20, and the alternative
 * right answers and the common wrong ones under test/solutions/12-io/ get the verdict
 * and the message they should, 3 times each.
 */
import { describe, expect, it } from 'vitest';
import type { FailureKind } from '../../src/course/types.ts';
import type { GradeResult } from '../../src/grader/protocol.ts';
import { gradeTimes, solutionFile } from '../helpers/grading.ts';

const REPEATS = 20;
const VARIANT_REPEATS = 3;
const TIMEOUT_MS = 240_000;

/** "pass", or "fail <kind>: <case>: <message> | <case>: <message> || <summary>": the failing cases, in order. */
function verdict(result: GradeResult): string {
  if (result.passed) return 'pass';
  const failed = result.cases.filter((c) => c.status === 'fail');
  const cases = failed.map((c) => `${c.name}: ${c.message ?? ''}`).join(' | ');
  return `fail ${result.kind}: ${cases} || ${result.summary}`;
}

interface Expectation {
  /** The verdict's failure kind (default: wrong-result). */
  readonly kind?: FailureKind;
  /** Name of the first case that must fail. */
  readonly failsAt: string;
  /** What its message must say. */
  readonly message: RegExp;
  /** Later cases that must fail too, with what they must say. */
  readonly also?: readonly RegExp[];
}

async function expectVerdicts(id: string, file: string, times: number, expected: Expectation | 'pass'): Promise<void> {
  const verdicts = (await gradeTimes(id, file, times)).map(verdict);
  if (expected === 'pass') {
    expect(verdicts).toEqual(Array(times).fill('pass'));
    return;
  }
  for (const seen of verdicts) {
    expect(seen).toContain(`fail ${expected.kind ?? 'wrong-result'}: ${expected.failsAt}: `);
    expect(seen).toMatch(expected.message);
    for (const more of expected.also ?? []) expect(seen).toMatch(more);
  }
}

const variant = (exercise: string, name: string): string => solutionFile(`12-io/${exercise}/${name}.ts`);

describe('io/fetch-limit', () => {
  const id = 'io/fetch-limit';
  const concurrency = 'keeps exactly 3 requests in flight for 9 URLs with a limit of 3';

  it(`the starter (one request at a time) fails ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'starter.ts', REPEATS, { failsAt: concurrency, message: /only 1 request was in flight at a time/ });
  }, TIMEOUT_MS);

  it(`the solution passes ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'solution.ts', REPEATS, 'pass');
  }, TIMEOUT_MS);

  it('accepts a semaphore, and names the mistake of each wrong answer (unbounded, batches, split in advance, finish order)', async () => {
    await expectVerdicts(id, variant('fetch-limit', 'semaphore'), VARIANT_REPEATS, 'pass');
    await expectVerdicts(id, variant('fetch-limit', 'unbounded'), VARIANT_REPEATS, {
      failsAt: concurrency,
      message: /9 requests were in flight at once, but the limit is 3.*Promise\.all/,
    });
    await expectVerdicts(id, variant('fetch-limit', 'batches'), VARIANT_REPEATS, { failsAt: concurrency, message: /a free slot stayed idle/ });
    await expectVerdicts(id, variant('fetch-limit', 'split'), VARIANT_REPEATS, { failsAt: concurrency, message: /a free slot stayed idle/ });
    await expectVerdicts(id, variant('fetch-limit', 'finish-order'), VARIANT_REPEATS, {
      failsAt: 'returns the bodies in the order of the URLs, not the order they finished',
      message: /in the order the responses finished \(item 2, item 3, item 4, item 5, item 1, item 0\)/,
    });
  }, TIMEOUT_MS);
});

describe('io/retry', () => {
  const id = 'io/retry';
  const backoff = 'retries 503 answers, doubling the wait each time, and returns the body';
  const hang = 'aborts an attempt that hangs after timeoutMs, then retries';

  it(`the starter (no retry, no timeout) fails ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'starter.ts', REPEATS, { failsAt: backoff, message: /gave up after the first attempt.*503 is a temporary failure/ });
  }, TIMEOUT_MS);

  it(`the solution passes ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'solution.ts', REPEATS, 'pass');
  }, TIMEOUT_MS);

  it('accepts recursion with an AbortController and jitter', async () => {
    await expectVerdicts(id, variant('retry', 'recursive'), VARIANT_REPEATS, 'pass');
  }, TIMEOUT_MS);

  it('names the timeout mistakes: none, a race that never aborts, one shared signal', async () => {
    await expectVerdicts(id, variant('retry', 'no-timeout'), VARIANT_REPEATS, { failsAt: hang, message: /still waiting after 1\.5 s.*nothing aborted it/ });
    await expectVerdicts(id, variant('retry', 'race-no-abort'), VARIANT_REPEATS, { failsAt: hang, message: /never cancelled: its request stayed open/ });
    await expectVerdicts(id, variant('retry', 'shared-signal'), VARIANT_REPEATS, { failsAt: hang, message: /no second attempt reached the server.*its own AbortSignal\.timeout/ });
  }, TIMEOUT_MS);

  it('names the backoff mistakes: no wait, a wait that never grows, retrying a 404', async () => {
    // Usually "came without a wait"; when the machine stalls inside two of the three gaps, the
    // general backoff message names the same mistake, so either is right.
    await expectVerdicts(id, variant('retry', 'no-backoff'), VARIANT_REPEATS, { failsAt: backoff, message: /the retries came without a wait|the waits should double/ });
    await expectVerdicts(id, variant('retry', 'constant-backoff'), VARIANT_REPEATS, { failsAt: backoff, message: /the waits should double.*not exponential backoff/ });
    await expectVerdicts(id, variant('retry', 'retries-404'), VARIANT_REPEATS, { failsAt: 'does not retry a 404', message: /retried a 404 \(4 attempts\)/ });
  }, TIMEOUT_MS);
});

describe('io/hash-folder', () => {
  const id = 'io/hash-folder';
  const limit = 'keeps exactly 3 reads running for 12 files with a limit of 3';

  it(`the starter (every read at once) fails ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'starter.ts', REPEATS, { failsAt: limit, message: /12 files were being read at once, but the limit is 3/ });
  }, TIMEOUT_MS);

  it(`the solution passes ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'solution.ts', REPEATS, 'pass');
  }, TIMEOUT_MS);

  it('accepts a p-limit style helper, and names the mistake of each wrong answer', async () => {
    await expectVerdicts(id, variant('hash-folder', 'limiter'), VARIANT_REPEATS, 'pass');
    await expectVerdicts(id, variant('hash-folder', 'sequential'), VARIANT_REPEATS, { failsAt: limit, message: /only 1 file was read at a time/ });
    await expectVerdicts(id, variant('hash-folder', 'hash-string'), VARIANT_REPEATS, {
      failsAt: 'hashes the bytes of every file with SHA-256',
      message: /hash of bytes\.bin is wrong.*hash the Buffer itself/,
    });
    await expectVerdicts(id, variant('hash-folder', 'own-reads'), VARIANT_REPEATS, {
      failsAt: 'hashes the bytes of every file with SHA-256',
      message: /no file was read through the readFile you were given/,
    });
  }, TIMEOUT_MS);
});

describe('io/rate-limit', () => {
  const id = 'io/rate-limit';
  const burst = 'starts at most 4 of 12 tasks in any 100 ms';

  it(`the starter (no limit at all) fails ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'starter.ts', REPEATS, { failsAt: burst, message: /all 12 tasks started within \d+ ms, but at most 4 may start in any 100 ms/ });
  }, TIMEOUT_MS);

  it(`the solution passes ${REPEATS} times out of ${REPEATS}`, async () => {
    await expectVerdicts(id, 'solution.ts', REPEATS, 'pass');
  }, TIMEOUT_MS);

  it('accepts slots that come back an interval after they were taken, and names each wrong answer', async () => {
    await expectVerdicts(id, variant('rate-limit', 'slots'), VARIANT_REPEATS, 'pass');
    await expectVerdicts(id, variant('rate-limit', 'concurrency-limit'), VARIANT_REPEATS, { failsAt: burst, message: /5 tasks started within \d+ ms.*not limiting how many \*start\*/ });
    await expectVerdicts(id, variant('rate-limit', 'fixed-window'), VARIANT_REPEATS, {
      failsAt: 'counts any 200 ms window, not fixed ones (3 calls, then 5 more 100 ms later; 4 per 200 ms)',
      message: /a counter that resets every 200 ms lets up to twice the limit through/,
    });
    await expectVerdicts(id, variant('rate-limit', 'one-per-interval'), VARIANT_REPEATS, {
      failsAt: 'starts each task as soon as the limit allows',
      message: /the last of 12 tasks started \d+ ms after the first/,
    });
    await expectVerdicts(id, variant('rate-limit', 'one-chain'), VARIANT_REPEATS, {
      kind: 'wrong-result', // the first failed case; the crash that follows is in the summary
      failsAt: 'starts each task as soon as the limit allows',
      message: /holds tasks longer than the limit needs/,
      // The chain's last link rejects with nobody listening: the grader reports the unhandled rejection.
      also: [/Error: task 1 failed.*an unhandled rejection/],
    });
  }, TIMEOUT_MS);
});

describe.runIf(process.env.IO_STRESS)('stress (IO_STRESS=1): the solutions, many more times', () => {
  for (const id of ['io/fetch-limit', 'io/retry', 'io/hash-folder', 'io/rate-limit']) {
    it(`${id} passes 60 times out of 60`, async () => {
      await expectVerdicts(id, 'solution.ts', 60, 'pass');
    }, 600_000);
  }
});
