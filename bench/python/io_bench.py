"""I/O-bound tasks in Python: each waits (time.sleep / asyncio.sleep) for --ms.

Threads drop the GIL while they wait, so threading overlaps I/O; so does asyncio, on one
thread, like Node's event loop. A pool of N threads or processes overlaps N at a time.
"""
import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench_common import emit, measure, parse_args, row


def wait(seconds):
    time.sleep(seconds)
    return seconds


def main():
    args = parse_args(__doc__)
    cores = args.cores or os.cpu_count() or 1
    seconds = args.ms / 1000
    waits = [seconds] * args.tasks

    def sequential():
        for s in waits:
            wait(s)

    def thread_per_task():
        threads = [threading.Thread(target=wait, args=(s,)) for s in waits]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    async def gather():
        await asyncio.gather(*(asyncio.sleep(s) for s in waits))

    rows = [row("sequential", "sequential", 1, measure(sequential, args.runs, args.warmup))]
    rows.append(row("threading", "threading.Thread per task", args.tasks, measure(thread_per_task, args.runs, args.warmup)))
    size = max(args.workers)
    with ThreadPoolExecutor(max_workers=size) as executor:
        rows.append(row("thread-pool", "ThreadPoolExecutor", size,
                        measure(lambda: list(executor.map(wait, waits)), args.runs, args.warmup)))
    rows.append(row("asyncio", "asyncio.gather", 1, measure(lambda: asyncio.run(gather()), args.runs, args.warmup)))
    with multiprocessing.Pool(cores) as pool:  # started before the clock, like the Node pools
        pool.map(wait, [0] * cores)
        rows.append(row("multiprocessing", "multiprocessing.Pool", cores,
                        measure(lambda: pool.map(wait, waits, chunksize=1), args.runs, args.warmup)))
    emit({"waitMs": args.ms}, rows)


if __name__ == "__main__":
    main()
