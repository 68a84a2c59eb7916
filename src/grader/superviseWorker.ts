import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import path from 'node:path';
import { buildResult, type Ending } from './buildResult.ts';
import { describeError } from './describeError.ts';
import { LockWatch } from './lockWatch.ts';
import { isOutOfMemory, memoryCapMb, watchMemory } from './memoryWatch.ts';
import { explainBlocked } from './waitForGraph.ts';
import type { GradeJob, RunMessage, WorkerEvent } from './protocol.ts';
import type { SupervisorLink } from './supervisorLink.ts';
import { OutputCollector } from './outputCollector.ts';
import { trace } from './trace.ts';

/**
 * Everything the supervisor does once its worker is booting: enforces the timeout, captures
 * output, watches memory and locks, and reports one verdict to the CLI over `link`.
 */
export function superviseWorker(worker: Worker, memoryMb: number, link: SupervisorLink): void {
  /** Learner threads report long waits here; on a timeout it tells who waits for whom (deadlocks). */
  const locks = new LockWatch();

  // The heap limit does not cover Buffers and ArrayBuffers: the process's resident memory is watched as well.
  const memory = watchMemory(memoryMb, (reading) => void finish({ type: 'out-of-memory', usedMb: Math.round(reading.rssMb), limitMb: memoryCapMb(memoryMb) }));
  const output = new OutputCollector(64 * 1024);
  /** Printing more than this is a flood: the check stops there. */
  const FLOOD_BYTES = 1024 * 1024;
  const collect = (chunk: Buffer): void => {
    output.add(chunk);
    if (output.total > FLOOD_BYTES) void finish({ type: 'output-flood', bytes: output.total });
  };
  worker.stdout.on('data', collect);
  worker.stderr.on('data', collect);

  const events: WorkerEvent[] = [];
  let finished = false;
  let job: GradeJob | undefined;

  async function finish(ending: Ending): Promise<void> {
    if (finished) return;
    finished = true;
    const stopping = worker.terminate();
    // Over the memory cap, every moment counts: report at once and let the CLI kill this process.
    if (ending.type !== 'out-of-memory' || ending.limitMb === undefined) {
      await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, 300))]);
      await new Promise((resolve) => setImmediate(resolve)); // output still in flight
    }
    drainEvents();
    // A flood that ended before anything else did is still a flood, whatever the cases said. The
    // worker's own count also covers output still in flight, or dropped by terminate().
    const printed = Math.max(output.total, ...events.map((event) => (event.type === 'done' ? (event.outputBytes ?? 0) : 0)));
    const verdict: Ending = ending.type === 'done' && printed > FLOOD_BYTES ? { type: 'output-flood', bytes: printed } : ending;
    await link.send({ type: 'result', result: buildResult(events, verdict, output.snapshot()) });
    // Stay up: the CLI reads the verdict, then kills this process group (and anything the learner left behind).
  }

  function isLearnerFile(file: string): boolean {
    if (!job) return false;
    return file !== job.checkFile && (file === job.learnerFile || file.startsWith(path.dirname(job.learnerFile) + path.sep));
  }

  let results: MessagePort | undefined;

  /** Takes in events the worker sent before it died: its exit can overtake them. */
  function drainEvents(): void {
    if (!results) return;
    for (let message = receiveMessageOnPort(results); message; message = receiveMessageOnPort(results)) {
      events.push(message.message as WorkerEvent);
    }
  }

  worker.on('error', (error: Error & { code?: string }) => {
    drainEvents();
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return void finish({ type: 'out-of-memory' });
    const described = describeError(error, isLearnerFile);
    void finish({ type: 'uncaught', message: described.message, ...(described.location ? { location: described.location } : {}) });
  });
  worker.on('exit', (code) => {
    drainEvents();
    const ended = events.some((event) => event.type === 'done' || event.type === 'load-error');
    void finish(ended ? { type: 'done' } : { type: 'exited', code });
  });

  function run(received: GradeJob): void {
    trace('job received');
    job = received;
    const { port1, port2 } = new MessageChannel();
    results = port1;
    port1.on('message', (event: WorkerEvent) => {
      events.push(event);
      void link.send({ type: 'event', event });
      if (event.type === 'done' || event.type === 'load-error') void finish({ type: 'done' });
    });
    worker.postMessage({ job, channel: port2 }, [port2]);
    memory.jobStarted();
    const timedOut = async (): Promise<void> => {
      const reading = memory.reading();
      trace(`timeout: ${Math.round(reading.rssMb)} MiB resident, ${Math.round(reading.startMb)} at the start, +${Math.round(reading.recentGrowthMb)} in the last second`);
      const blocked = await locks.blocked(isLearnerFile);
      // A deadlock is a deadlock whatever the memory; otherwise a heap filling up is why the time ran out.
      const deadlock = blocked.length > 0 && explainBlocked(blocked).deadlock;
      if (!deadlock && isOutOfMemory(reading, memoryMb, 'timeout')) {
        return finish({ type: 'out-of-memory', usedMb: Math.round(reading.rssMb), afterMs: received.timeoutMs });
      }
      return finish({ type: 'timeout', ms: received.timeoutMs, blocked });
    };
    setTimeout(() => void timedOut(), received.timeoutMs).unref();
  }

  link.onRun((message: RunMessage) => {
    if (message.type === 'run' && !job) run(message.job);
  });
}
