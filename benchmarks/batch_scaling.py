"""Throughput of the batch runner with --jobs 1 against --jobs 2 (and more, if given).

    .venv/bin/python benchmarks/batch_scaling.py -n 2000
    .venv/bin/python benchmarks/batch_scaling.py -n 2000 --jobs 1 2 4 --no-repeats

Writes N articles to a temporary JSONL file, then runs pipeline.batch.run over it (reading,
the repeat pass, the workers and JSONL writing to /dev/null, pool start-up included) for each
jobs value, and prints articles/s and the speed-up over jobs=1. The machine's core count
bounds the speed-up; a one-core machine shows none.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import common  # noqa: F401

from pipeline import batch, sinks


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--input", default="corpus", choices=("corpus", "synthetic"))
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-repeats", action="store_true")
    ap.add_argument("--chunk-size", type=int, default=batch.DEFAULT_CHUNK)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        texts = common.texts(args.input, args.n)
        common.write_jsonl(src, texts)
        chars = sum(map(len, texts))
        del texts
        print(f"{args.n} articles, {chars} characters, {len(os.sched_getaffinity(0))} cores available, "
              f"repeats {'off' if args.no_repeats else 'on'}, chunk {args.chunk_size}")
        base = None
        for jobs in args.jobs:
            t0 = time.perf_counter()
            with open(os.devnull, "w", encoding="utf-8") as null:
                n = sinks.write(batch.run([str(src)], jobs=jobs, repeats=not args.no_repeats,
                                          chunk_size=args.chunk_size), stream=null)
            dt = time.perf_counter() - t0
            assert n == args.n, (n, args.n)
            rate = n / dt
            base = base or rate
            print(f"jobs={jobs}: {dt:7.2f}s  {rate:8.1f} articles/s  {chars / dt:10,.0f} chars/s  "
                  f"speed-up {rate / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
