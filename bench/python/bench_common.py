"""Shared by the threadlings Python benchmarks: the kernel, the clock and the JSON output.

The scripts are run by `threadlings bench io --python` and `threadlings bench cpu --python`,
and can be run by hand:  python3 bench/python/cpu_bench.py --tasks 16 --ms 25
They print one line of JSON (the last line of their output) with every timed run.
"""
import argparse
import json
import platform
import sys
import time


def spin(iterations, seed):
    """xorshift32 for `iterations` steps: the same kernel, step for step, as src/bench/kernels.ts."""
    x = (seed & 0xFFFFFFFF) or 1
    for _ in range(iterations):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
    return x


def calibrate_spin(target_ms):
    """How many spin iterations take about target_ms here: the fastest of three trials
    (any one can be preempted on a busy machine), grown until it lasts long enough to time."""
    iterations = 1 << 10
    while True:
        trials = []
        for _ in range(3):
            started = time.perf_counter()
            spin(iterations, 7)
            trials.append((time.perf_counter() - started) * 1000)
        ms = min(trials)
        if ms >= 10 or iterations >= 1 << 28:
            return max(1, round(iterations * target_ms / max(ms, 0.001)))
        iterations *= 2


def split_shares(items, parts):
    """Round-robin shares, like splitShares in src/bench/workerTeam.ts."""
    return [items[i::parts] for i in range(parts)]


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--tasks", type=int, default=16)
    parser.add_argument("--ms", type=float, default=25.0, help="per task: computing (cpu) or waiting (io)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--workers", default="1,2,4", help="thread or process counts, e.g. 1,2,4")
    parser.add_argument("--cores", type=int, default=None)
    args = parser.parse_args()
    args.workers = [int(n) for n in args.workers.split(",") if n.strip()]
    return args


def measure(run, runs, warmup):
    """Warm-up runs, then timed runs; milliseconds of each timed run."""
    for _ in range(warmup):
        run()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def row(strategy, label, workers, runs):
    return {"strategy": strategy, "label": label, "workers": workers, "runs": runs}


def gil_enabled():
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def emit(workload, rows):
    print(json.dumps({
        "python": platform.python_version(),
        "gil": gil_enabled(),
        "workload": workload,
        "results": rows,
    }))
