"""CPU-bound tasks in Python: sequential, threading, ThreadPoolExecutor, multiprocessing.

With the GIL, threads take turns on one core: threading is no faster than sequential.
Processes each have their own interpreter (and GIL), so they use every core.
"""
import multiprocessing
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from bench_common import calibrate_spin, emit, measure, parse_args, row, spin, split_shares


def task(job):
    iterations, seed = job
    return spin(iterations, seed)


def run_share(share):
    for job in share:
        task(job)


def with_threads(jobs, n):
    def run():
        threads = [threading.Thread(target=run_share, args=(share,)) for share in split_shares(jobs, n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return run


def main():
    args = parse_args(__doc__)
    cores = args.cores or os.cpu_count() or 1
    iterations = calibrate_spin(args.ms)
    jobs = [(iterations, seed) for seed in range(1, args.tasks + 1)]
    rows = [row("sequential", "sequential", 1, measure(lambda: [task(job) for job in jobs], args.runs, args.warmup))]
    for n in args.workers:
        rows.append(row("threading", "threading.Thread", n, measure(with_threads(jobs, n), args.runs, args.warmup)))
    with ThreadPoolExecutor(max_workers=cores) as executor:
        rows.append(row("thread-pool", "ThreadPoolExecutor", cores,
                        measure(lambda: list(executor.map(task, jobs)), args.runs, args.warmup)))
    for n in args.workers:
        with multiprocessing.Pool(n) as pool:  # started before the clock, like the Node pools
            pool.map(task, [(1, 1)] * n)
            rows.append(row("multiprocessing", "multiprocessing.Pool", n,
                            measure(lambda: pool.map(task, jobs, chunksize=1), args.runs, args.warmup)))
    emit({"taskMs": args.ms, "iterations": iterations, "kernel": "xorshift32"}, rows)


if __name__ == "__main__":
    main()
