import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** Extra time a deadline grants after it passes (see `until`). */
const GRACE_MS = 50;

/** What the server does on one attempt: answer with a status, answer 200, or never answer. */
type Step = 503 | 404 | 'ok' | 'hang';

interface Attempt {
  /** When the request reached the server (performance.now()). */
  readonly at: number;
  /** When its connection or response closed: answered, or aborted by the client. */
  closedAt?: number;
}

const payloadOf = (path: string): string => `payload of ${path}`;
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const ms = (value: number): string => `${Math.round(value)} ms`;
const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : inspect(error));

/**
 * A local server that follows a script per path (the last step repeats) and records every
 * attempt: when it arrived and when it closed. Nothing here depends on the learner's clock.
 */
class ScriptedServer {
  private readonly log = new Map<string, Attempt[]>();
  private readonly waiters = new Set<() => void>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private base = '';

  constructor(private readonly scripts: Readonly<Record<string, readonly Step[]>>) {}

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // The thread's first fetch loads the HTTP client; do that here, not in the learner's time.
    await (await fetch(`${this.base}/warm-up`)).text();
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  attempts(path: string): readonly Attempt[] {
    return this.log.get(path) ?? [];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    const script = this.scripts[path];
    if (!script) return void res.end('ok');
    const attempts = this.log.get(path) ?? [];
    this.log.set(path, attempts);
    const step = script[Math.min(attempts.length, script.length - 1)] ?? 'ok';
    const attempt: Attempt = { at: performance.now() };
    attempts.push(attempt);
    res.once('close', () => {
      attempt.closedAt = performance.now();
      for (const waiter of [...this.waiters]) waiter();
    });
    if (step === 'hang') return;
    res.statusCode = step === 'ok' ? 200 : step;
    res.end(step === 'ok' ? payloadOf(path) : `status ${step}`);
  }

  /**
   * Resolves true as soon as `condition` holds, false if it still does not after `timeoutMs`.
   * After the deadline it waits GRACE_MS more: if the whole process was stalled, timers run
   * before the I/O that piled up meanwhile, and that I/O deserves its turn.
   */
  until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer = setTimeout(() => {
        timer = setTimeout(done, GRACE_MS);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(condition());
      };
      const check = (): void => {
        if (condition()) done();
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

type Outcome = { readonly state: 'resolved'; readonly value: unknown } | { readonly state: 'rejected'; readonly error: unknown } | { readonly state: 'pending' };

/** How the learner's call ended within `limitMs`; a late rejection is handled, never left loose. */
async function within(run: () => Promise<unknown>, limitMs: number): Promise<Outcome> {
  const settled = Promise.resolve()
    .then(run)
    .then(
      (value): Outcome => ({ state: 'resolved', value }),
      (error: unknown): Outcome => ({ state: 'rejected', error }),
    );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      timer = setTimeout(() => resolve({ state: 'pending' }), GRACE_MS);
    }, limitMs);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function withServer(scripts: Record<string, readonly Step[]>, body: (server: ScriptedServer) => Promise<void>): Promise<void> {
  const server = new ScriptedServer(scripts);
  await server.start();
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

export default defineCheck<typeof Exercise>({
  exports: ['fetchWithRetry'],
  cases: [
    {
      name: 'retries 503 answers, doubling the wait each time, and returns the body',
      run: (ex, t: Assertions) =>
        withServer({ '/flaky': [503, 503, 503, 'ok'] }, async (server) => {
          const options = { retries: 4, baseDelayMs: 50, timeoutMs: 1000 };
          const outcome = await within(() => ex.fetchWithRetry(server.url('/flaky'), options), 2000);
          const attempts = server.attempts('/flaky');
          if (outcome.state === 'pending') t.fail(`fetchWithRetry was still running after 2 s, with ${attempts.length} attempts made.`);
          if (outcome.state === 'rejected') {
            if (attempts.length === 1) {
              t.fail(`fetchWithRetry gave up after the first attempt (${describe(outcome.error)}): a 503 is a temporary failure, so retry it, up to options.retries times.`);
            }
            t.fail(`fetchWithRetry threw ${describe(outcome.error)} after ${attempts.length} attempts, but the 4th attempt gets a 200 and retries: 4 allows 5.`);
          }
          t.equal(outcome.value, payloadOf('/flaky'), `fetchWithRetry(url, ${inspect(options)})`);
          t.ok(attempts.length === 4, `made ${attempts.length} attempts for a URL that answers on the 4th: stop as soon as an attempt succeeds.`);
          const gaps = attempts.slice(1).map((attempt, i) => attempt.at - attempts[i]!.at);
          const expected = gaps.map((_, n) => options.baseDelayMs * 2 ** n);
          // No wait at all shows as gaps of a few ms; one slow moment of the machine may stretch one of them, not all.
          if (gaps.filter((gap) => gap < 0.5 * options.baseDelayMs).length >= 2) {
            t.fail(`the attempts were ${gaps.map(ms).join(', ')} apart: the retries came without a wait. Wait options.baseDelayMs (50 ms) before the first retry and double it each time, or the retries hammer a server that is already struggling.`);
          }
          const short = gaps.findIndex((gap, n) => gap < 0.8 * expected[n]!);
          t.ok(
            short === -1,
            `the attempts were ${gaps.map(ms).join(', ')} apart, but the waits should double: at least ${expected.join(', ')} ms (baseDelayMs * 2 ** (n - 1) before retry n); wait ${short + 1} was too short, so this is not exponential backoff.`,
          );
        }),
    },
    {
      name: 'aborts an attempt that hangs after timeoutMs, then retries',
      run: (ex, t: Assertions) =>
        withServer({ '/slow': ['hang', 'ok'] }, async (server) => {
          const options = { retries: 2, baseDelayMs: 50, timeoutMs: 200 };
          const called = performance.now();
          const outcome = await within(() => ex.fetchWithRetry(server.url('/slow'), options), 1500);
          const attempts = server.attempts('/slow');
          const first = attempts[0];
          if (outcome.state === 'pending') {
            if (attempts.length === 1 && first?.closedAt === undefined) {
              t.fail('fetchWithRetry was still waiting after 1.5 s for an attempt the server never answers: nothing aborted it. Give each attempt a timeout: fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) }).');
            }
            t.fail(`fetchWithRetry was still running after 1.5 s, with ${attempts.length} attempts made; the second attempt is answered at once.`);
          }
          if (outcome.state === 'rejected') {
            if (attempts.length === 1) {
              t.fail(`after the first attempt timed out, no second attempt reached the server and fetchWithRetry threw ${describe(outcome.error)}. A timeout is worth retrying, and each attempt needs its own AbortSignal.timeout(): a signal that has fired stays aborted, so sharing one fails every later attempt at once.`);
            }
            t.fail(`fetchWithRetry threw ${describe(outcome.error)} after ${attempts.length} attempts, but the second attempt is answered with a 200.`);
          }
          t.equal(outcome.value, payloadOf('/slow'), `fetchWithRetry(url, ${inspect(options)})`);
          if (first === undefined) return t.fail('the server saw no attempt at all.');
          if (!(await server.until(() => first.closedAt !== undefined, 500))) {
            t.fail('fetchWithRetry returned, but the attempt that hung was never cancelled: its request stayed open. Racing a timer only stops waiting; pass an AbortSignal to fetch so the request itself is aborted.');
          }
          // Measured from the call for the lower bound and from the request's arrival for the upper one,
          // so a slow moment of the machine between the two can only widen the margins.
          const closedAt = first.closedAt ?? 0;
          const sinceCall = closedAt - called;
          t.ok(sinceCall >= 0.5 * options.timeoutMs, `the hung attempt was aborted ${ms(sinceCall)} after fetchWithRetry was called, but timeoutMs is ${options.timeoutMs}: give each attempt the whole timeoutMs.`);
          const sinceArrival = closedAt - first.at;
          t.ok(sinceArrival <= 4 * options.timeoutMs, `the hung attempt was only aborted ${ms(sinceArrival)} after it reached the server, but timeoutMs is ${options.timeoutMs}.`);
          t.ok(attempts.length === 2, `made ${plural(attempts.length, 'attempt')}; the second one succeeds, so 2 are enough.`);
        }),
    },
    {
      name: 'throws once the first try and options.retries retries have all failed',
      run: (ex, t: Assertions) =>
        withServer({ '/down': [503] }, async (server) => {
          const options = { retries: 2, baseDelayMs: 20, timeoutMs: 1000 };
          const outcome = await within(() => ex.fetchWithRetry(server.url('/down'), options), 1500);
          const attempts = server.attempts('/down').length;
          if (outcome.state === 'pending') {
            t.fail(`fetchWithRetry was still retrying after 1.5 s (${attempts} attempts so far) against a server that always answers 503: stop after options.retries retries (3 attempts in all) and throw.`);
          }
          if (outcome.state === 'resolved') {
            t.fail(`fetchWithRetry returned ${inspect(outcome.value)} although every attempt got a 503: throw once the last attempt has failed.`);
          }
          t.ok(attempts === 3, `made ${plural(attempts, 'attempt')} with retries: 2; expected 3 (the first try and 2 retries).`);
        }),
    },
    {
      name: 'does not retry a 404',
      run: (ex, t: Assertions) =>
        withServer({ '/missing': [404] }, async (server) => {
          const options = { retries: 3, baseDelayMs: 20, timeoutMs: 1000 };
          const outcome = await within(() => ex.fetchWithRetry(server.url('/missing'), options), 1500);
          const attempts = server.attempts('/missing').length;
          if (outcome.state === 'pending') t.fail(`fetchWithRetry was still running after 1.5 s (${attempts} attempts) for a URL that answers 404.`);
          if (outcome.state === 'resolved') t.fail(`fetchWithRetry returned ${inspect(outcome.value)} for a 404: an answer that is not ok must throw.`);
          t.ok(
            attempts === 1,
            `retried a 404 (${attempts} attempts): a 4xx answer says the request itself is wrong, and asking again will not change it. Throw at once; retry only 5xx answers, network errors and timeouts.`,
          );
        }),
    },
  ],
});
