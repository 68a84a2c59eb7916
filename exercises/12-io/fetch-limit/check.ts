import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { defineCheck, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

/** Extra time a deadline grants after it passes (see `until`). */
const GRACE_MS = 50;
/** How long a correct solution gets to put its next request on the wire (it needs a few ms). */
const PATIENCE_MS = 500;
/** After the first requests arrive, how long extra ones get to show up. */
const SETTLE_MS = 100;
/** How long fetchAll gets to return once every response has been sent. */
const GUARD_MS = 2000;

const bodyOf = (index: number): string => `item ${index}`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A local server that holds every response until the check releases it, so the check (not
 * the clock) decides when requests finish and in which order. It counts requests in flight.
 */
class HoldingServer {
  inFlight = 0;
  maxInFlight = 0;
  readonly arrivals: number[] = [];
  readonly completions: number[] = [];
  private readonly held: { index: number; res: http.ServerResponse }[] = [];
  private flushing = false;
  private readonly waiters = new Set<() => void>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private base = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // The thread's first fetch loads the HTTP client; do that here, not in the learner's time.
    await (await fetch(`${this.base}/warm-up`)).text();
  }

  urls(count: number): string[] {
    return Array.from({ length: count }, (_, i) => `${this.base}/item/${i}`);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const match = /^\/item\/(\d+)$/.exec(req.url ?? '');
    if (!match) return void res.end('ok');
    const index = Number(match[1]);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.arrivals.push(index);
    res.once('close', () => {
      this.inFlight -= 1;
      this.completions.push(index);
      this.notify();
    });
    if (this.flushing) res.end(bodyOf(index));
    else this.held.push({ index, res });
    this.notify();
  }

  get finished(): number {
    return this.completions.length;
  }

  /** Answers the request that arrived last; false when nothing is held. */
  releaseLatest(): boolean {
    const latest = this.held.pop();
    latest?.res.end(bodyOf(latest.index));
    return latest !== undefined;
  }

  /** From now on every request is answered at once. */
  flush(): void {
    this.flushing = true;
    for (const { index, res } of this.held.splice(0)) res.end(bodyOf(index));
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /**
   * Resolves true as soon as `condition` holds, false if it still does not after `ms`.
   * After the deadline it waits GRACE_MS more: if the whole process was stalled, timers run
   * before the I/O that piled up meanwhile, and that I/O deserves its turn.
   */
  until(condition: () => boolean, ms: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer = setTimeout(() => {
        timer = setTimeout(done, GRACE_MS);
      }, ms);
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
    this.flush();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface Tracked<T> {
  settled: boolean;
  readonly promise: Promise<T>;
}

/** Runs fetchAll and lets the server know when it settles; a late rejection is never left unhandled. */
function track<T>(server: HoldingServer, run: () => Promise<T>): Tracked<T> {
  const tracked: Tracked<T> = { settled: false, promise: Promise.resolve().then(run) };
  tracked.promise.then(
    () => undefined,
    () => undefined,
  ).finally(() => {
    tracked.settled = true;
    server.notify();
  });
  return tracked;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Plays the server side of fetchAll(urls, limit): waits until as many requests are in flight
 * as the limit allows, then finishes the most recent one and waits for a new one to take its
 * place, until every URL is done. Returns what went wrong with the concurrency, if anything.
 */
async function serve(server: HoldingServer, run: Tracked<unknown>, count: number, limit: number): Promise<string | undefined> {
  const goal = (): number => Math.min(limit, count - server.finished);
  const ready = (): boolean => run.settled || server.inFlight >= goal();
  try {
    if (!(await server.until(ready, PATIENCE_MS))) {
      if (server.maxInFlight === 0) return `no request reached the server within ${PATIENCE_MS} ms of calling fetchAll.`;
      if (server.maxInFlight === 1) {
        return `only 1 request was in flight at a time: each fetch was awaited before the next one started, so nothing overlapped; start up to ${goal()} requests before awaiting any.`;
      }
      return `at most ${server.maxInFlight} requests were in flight at once, but the limit of ${limit} allows ${goal()}: start that many before awaiting any.`;
    }
    await sleep(SETTLE_MS);
    while (!run.settled && server.finished < count) {
      if (server.maxInFlight > limit) break;
      const finishedBefore = server.finished;
      if (!server.releaseLatest()) break;
      await server.until(() => server.finished > finishedBefore, PATIENCE_MS);
      if (!(await server.until(ready, PATIENCE_MS))) {
        const waiting = count - server.arrivals.length;
        return `after one request finished, no new one started within ${PATIENCE_MS} ms although ${plural(waiting, 'URL')} ${waiting === 1 ? 'was' : 'were'} still waiting and only ${plural(server.inFlight, 'request')} ${server.inFlight === 1 ? 'was' : 'were'} running: a free slot stayed idle (batches that wait for their slowest request do this, and so do URLs split among the runners in advance); start the next URL as soon as any request finishes.`;
      }
    }
    if (server.maxInFlight > limit) {
      const why = server.maxInFlight === count ? 'nothing held the extra requests back (a Promise.all over every URL starts them all at once)' : 'more requests started than the limit allows';
      return `${server.maxInFlight} requests were in flight at once, but the limit is ${limit}: ${why}.`;
    }
    return undefined;
  } finally {
    server.flush();
  }
}

/** Waits for fetchAll's result (rethrowing its error, which the grader reports with the line). */
async function resultOf<T>(run: Tracked<T>, fail: (message: string) => never): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      timer = setTimeout(() => resolve('late'), GRACE_MS);
    }, GUARD_MS);
  });
  try {
    const outcome = await Promise.race([run.promise.then((value) => ({ value })), guard]);
    if (outcome === 'late') fail(`fetchAll had not returned ${GUARD_MS / 1000} s after every response was sent.`);
    return outcome.value;
  } finally {
    clearTimeout(timer);
  }
}

/** The bodies must follow the URLs; name the usual mistake (finish order) when that is what happened. */
function expectInOrder(t: Assertions, server: HoldingServer, bodies: unknown, count: number, what: string): void {
  const expected = Array.from({ length: count }, (_, i) => bodyOf(i));
  const finishOrder = server.completions.map(bodyOf);
  if (!isDeepStrictEqual(finishOrder, expected) && isDeepStrictEqual(bodies, finishOrder)) {
    t.fail(`${what} returned the bodies in the order the responses finished (${finishOrder.join(', ')}), not the order of the URLs: store each body at its URL's index.`);
  }
  t.equal(bodies, expected, what);
}

async function withServer(body: (server: HoldingServer) => Promise<void>): Promise<void> {
  const server = new HoldingServer();
  await server.start();
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

/** The timing table: URLs of a server that answers each request after TIMING_DELAY_MS, like a slow API. */
const TIMING_URLS = 8;
const TIMING_LIMIT = 4;
const TIMING_DELAY_MS = 25;

interface SlowServer {
  readonly urls: string[];
  close(): Promise<void>;
}

async function startSlowServer(): Promise<SlowServer> {
  const server = http.createServer((req, res) => void setTimeout(() => res.end(`answer to ${req.url}`), TIMING_DELAY_MS));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urls: Array.from({ length: TIMING_URLS }, (_, i) => `${base}/item/${i}`),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export default defineCheck<typeof Exercise>({
  exports: ['fetchAll'],
  timing: {
    bound: 'io',
    parallel: TIMING_LIMIT,
    work: `fetch ${TIMING_URLS} URLs from a local server that answers each after ${TIMING_DELAY_MS} ms`,
    yours: `your fetchAll, limit ${TIMING_LIMIT}`,
    sequential: 'your fetchAll, limit 1',
    async prepare(ex) {
      const server = await startSlowServer();
      return {
        yours: () => ex.fetchAll(server.urls, TIMING_LIMIT),
        sequential: () => ex.fetchAll(server.urls, 1),
        close: () => server.close(),
      };
    },
  },
  cases: [
    {
      name: 'keeps exactly 3 requests in flight for 9 URLs with a limit of 3',
      run: (ex, t) =>
        withServer(async (server) => {
          const run = track(server, () => ex.fetchAll(server.urls(9), 3));
          const problem = await serve(server, run, 9, 3);
          if (problem) t.fail(problem);
          const bodies = await resultOf(run, t.fail);
          t.ok(Array.isArray(bodies) && bodies.length === 9, `fetchAll(9 URLs, 3) should return 9 bodies, got ${JSON.stringify(bodies)}.`);
          t.ok(server.arrivals.length === 9, `each URL should be fetched once: the server got ${server.arrivals.length} requests for 9 URLs.`);
        }),
    },
    {
      name: 'returns the bodies in the order of the URLs, not the order they finished',
      run: (ex, t) =>
        withServer(async (server) => {
          const run = track(server, () => ex.fetchAll(server.urls(6), 3));
          await serve(server, run, 6, 3);
          expectInOrder(t, server, await resultOf(run, t.fail), 6, 'fetchAll(6 URLs, 3)');
        }),
    },
    {
      name: 'fetches all 4 URLs at once when the limit is 10',
      run: (ex, t) =>
        withServer(async (server) => {
          const run = track(server, () => ex.fetchAll(server.urls(4), 10));
          const problem = await serve(server, run, 4, 10);
          if (problem) t.fail(problem);
          expectInOrder(t, server, await resultOf(run, t.fail), 4, 'fetchAll(4 URLs, 10)');
        }),
    },
    {
      name: 'returns [] for an empty list',
      run: (ex, t) =>
        withServer(async (server) => {
          const run = track(server, () => ex.fetchAll([], 3));
          t.equal(await resultOf(run, t.fail), [], 'fetchAll([], 3)');
        }),
    },
  ],
});
