"""Peak memory of `zhfacts extract` as the input grows: streaming keeps it flat.

    .venv/bin/python benchmarks/memory.py -n 1000            # N and 4N articles
    .venv/bin/python benchmarks/memory.py -n 1000 --jobs 2

For N and 4N articles it writes a JSONL file, runs the CLI on it in a fresh process
(output to /dev/null) and records peak resident memory: the kernel's peak for the main
process (wait4), and main + workers sampled every 20 ms with psutil when it is installed
(it comes with the dask extra). A ratio near 1.0 between 4N and N
means memory does not grow with the input.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

try:
    import psutil
except ImportError:  # the kernel's peak of the main process only
    psutil = None


def measure(src: Path, jobs: int, extra: list[str]) -> dict[str, float]:
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(src), "-o", os.devnull,
           "--jobs", str(jobs), "--no-progress", *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=common.ROOT)
    peak_main = peak_tree = 0
    p = psutil.Process(proc.pid) if psutil is not None else None
    while True:  # reap with wait4 (not poll) to get the kernel's rusage of the tree
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if p is not None:
            try:
                main = p.memory_info().rss
                tree = main + sum(c.memory_info().rss for c in p.children(recursive=True))
                peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
            except psutil.Error:
                pass
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if status != 0:
        raise SystemExit(f"zhfacts failed with status {status}")
    # ru_maxrss (KiB): the kernel's peak for the main process and the children it reaped
    return {"seconds": time.perf_counter() - t0, "max_process_mb": ru.ru_maxrss / 1024,
            "main_mb": peak_main / 2**20, "tree_mb": peak_tree / 2**20}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="N: runs N and 4N articles")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--input", default="corpus", choices=("corpus", "synthetic"))
    ap.add_argument("--no-repeats", action="store_true")
    args = ap.parse_args(argv)
    extra = ["--no-repeats"] if args.no_repeats else []
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.n, 4 * args.n):
            src = Path(tmp) / f"in{n}.jsonl"
            common.write_jsonl(src, common.texts(args.input, n))
            r = measure(src, args.jobs, extra)
            src.unlink()
            rows.append((n, r))
            print(f"N={n:>7}: {r['seconds']:7.1f}s  main (kernel) {r['max_process_mb']:7.1f} MB"
                  + (f"  main {r['main_mb']:7.1f} MB  main+workers {r['tree_mb']:7.1f} MB" if psutil else ""))
    (n1, a), (n4, b) = rows
    print(f"peak RSS ratio {n4}/{n1} articles: main (kernel) {b['max_process_mb'] / a['max_process_mb']:.2f}"
          + (f", main+workers {b['tree_mb'] / a['tree_mb']:.2f}" if psutil else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
