import { readFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { defineCheck, describeValue, type Assertions } from 'threadlings/check';
import type * as Exercise from './solution.ts';

const INPUTS = [20_000, 3_000, 12_000, 1_000];
/** How long a child may take to be gone after withChildProcess resolved (a joined one is gone already). */
const GONE_WITHIN_MS = 1000;

/** The check's own prime count (a sieve), to compare the reports with. */
function primesBelow(n: number): number {
  const composite = new Uint8Array(n);
  let count = 0;
  for (let i = 2; i < n; i++) {
    if (composite[i]) continue;
    count++;
    for (let j = i * i; j < n; j += i) composite[j] = 1;
  }
  return count;
}

interface Where {
  readonly pid: number;
  readonly threadId: number;
}

/** Checks the reports' numbers and order; returns where each one says it ran. */
function checkReports(t: Assertions, call: string, reports: unknown): Where[] {
  const list = Array.isArray(reports) ? (reports as Partial<Exercise.Report>[]) : [];
  t.ok(Array.isArray(reports) && reports.length === INPUTS.length, `${call} resolved with ${describeValue(reports)}: expected ${INPUTS.length} reports, one per input.`);
  t.equal(
    list.map((report) => [report.n, report.primes]),
    INPUTS.map((n) => [n, primesBelow(n)]),
    `${call}: the [n, primes] of each report`,
  );
  return list.map((report) => ({ pid: Number(report.pid), threadId: Number(report.threadId) }));
}

/** The state letter of a process on Linux (R, S, Z...), undefined when it does not exist or /proc is not there. */
function processState(pid: number): { state: string; parent: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', parent: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = processState(pid);
  return stat?.state !== 'Z'; // a zombie has exited; Node reaps it at the next turn of the loop
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Set by the child-process case when the jobs ran in this very process. */
let childRanHere = false;
/** The processes the earlier child-process case reported: they must be gone too. */
const earlierPids: number[] = [];

export default defineCheck<typeof Exercise>({
  exports: ['withPromises', 'withWorkers', 'withChildProcess'],
  cases: [
    {
      name: 'withPromises: right counts, in input order, computed on the caller\'s own thread',
      async run(ex, t) {
        const where = checkReports(t, 'withPromises', await ex.withPromises(INPUTS));
        for (const place of where) {
          t.ok(
            place.pid === process.pid && place.threadId === threadId,
            `withPromises computed a report in process ${place.pid}, thread ${place.threadId}, not on the caller's thread (process ${process.pid}, thread ${threadId}): Promise.all starts no thread or process, so keep this one on the event loop.`,
          );
        }
      },
    },
    {
      name: 'withWorkers: right counts, in input order, computed in worker threads of this process',
      async run(ex, t) {
        const where = checkReports(t, 'withWorkers', await ex.withWorkers(INPUTS));
        for (const place of where) {
          t.ok(place.pid === process.pid, `withWorkers computed a report in process ${place.pid}, not this process (${process.pid}): that is a child process; a worker thread runs inside the caller's process.`);
          t.ok(place.threadId !== threadId, `withWorkers computed a report on thread ${threadId}, the caller's own thread: start a Worker for the jobs (a promise is not a thread).`);
        }
      },
    },
    {
      name: 'withChildProcess: right counts, in input order, computed in another process',
      async run(ex, t) {
        const reports = await ex.withChildProcess(INPUTS);
        if (Array.isArray(reports)) earlierPids.push(...reports.map((report) => Number((report as Partial<Exercise.Report>).pid)));
        const where = checkReports(t, 'withChildProcess', reports);
        for (const place of where) {
          if (place.pid === process.pid) {
            childRanHere = true;
            return t.fail(`withChildProcess computed a report in process ${process.pid}, the caller's own process: fork (or spawn process.execPath) a child process and run the jobs there.`);
          }
        }
      },
    },
    {
      name: 'withChildProcess leaves no process running once it resolved',
      async run(ex, t) {
        if (childRanHere) return t.fail('not run: withChildProcess starts no child process yet (see above).');
        const reports = (await ex.withChildProcess([1_000])) as Partial<Exercise.Report>[];
        const reported = reports.map((report) => Number(report.pid));
        t.ok(reported.some((pid) => Number.isInteger(pid) && pid > 1), `withChildProcess([1000]) resolved with ${describeValue(reports)}: no report names the process it ran in.`);
        const pids = [...new Set([...earlierPids, ...reported])].filter((pid) => Number.isInteger(pid) && pid > 1 && pid !== process.pid);
        const deadline = Date.now() + GONE_WITHIN_MS;
        let running = pids.filter(isRunning);
        while (running.length > 0 && Date.now() < deadline) {
          await sleep(20);
          running = running.filter(isRunning);
        }
        for (const pid of running) {
          // Only a process that is provably our own child is stopped here.
          if (processState(pid)?.parent === process.pid) process.kill(pid, 'SIGKILL');
        }
        t.ok(
          running.length === 0,
          `${running.length === 1 ? 'child process' : 'child processes'} ${running.join(', ')} ${running.length === 1 ? 'was' : 'were'} still running ${GONE_WITHIN_MS / 1000} s after withChildProcess resolved: the child was never joined. Resolve from its 'exit' event, after closing what keeps it alive (child.disconnect() for a forked child that listens for messages, or child.kill()).`,
        );
      },
    },
  ],
});
