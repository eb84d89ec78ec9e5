"""The one candidate scan (pipeline/scan.py) against the finders, in one process.

    .venv/bin/python benchmarks/scan.py                  # 400 corpus-based articles
    .venv/bin/python benchmarks/scan.py --input synthetic -n 1000

Cleans every article once, then times on the clean bodies: the scan alone, and each finder of
rules/finders.tsv with the scan already done (what a finder that consumes candidates pays for
its own work), article by article in turn so the ratios hold on a busy machine. Prints
characters per second and the ratios scan ÷ all finders and scan ÷ each finder, and how many
candidates of each kind the scan found.
"""

from __future__ import annotations

import argparse
import collections
import time

import common

from pipeline import Pipeline
from pipeline.context import Context
from pipeline.find import build_finders
from pipeline.scan import scan


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=400, help="articles (default 400)")
    ap.add_argument("--input", default="corpus", help="corpus | synthetic | FILE.jsonl")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3, help="best of R rounds (default 3)")
    ap.add_argument("--ref-date", default="2024-03-08")
    args = ap.parse_args(argv)

    pipe = Pipeline()
    bodies = []
    for t in common.texts(args.input, args.n, args.seed):
        art = pipe.extract(t, ref_date=args.ref_date)
        if not art.error:
            bodies.append((art.text, art.meta))
    chars = sum(len(b) for b, _ in bodies)
    finders = build_finders(pipe.rules)
    for text, meta in bodies[:20]:  # warm-up
        ctx = Context(text=text, ref_date=args.ref_date, meta=dict(meta))
        scan(ctx, pipe.rules)
        for _, find in finders:
            ctx.facts.extend(find(ctx))

    best = collections.defaultdict(lambda: float("inf"))
    kinds: collections.Counter = collections.Counter()
    clock = time.perf_counter
    for r in range(args.rounds):
        spent = collections.defaultdict(float)
        for text, meta in bodies:
            ctx = Context(text=text, ref_date=args.ref_date, meta=dict(meta))
            t0 = clock()
            cands = scan(ctx, pipe.rules)
            spent["scan"] += clock() - t0
            if r == 0:
                kinds.update(
                    c.kind if c.kind != "numeral" else f"numeral:{c.follow or '-'}" for c in cands
                )
            for name, find in finders:
                t0 = clock()
                ctx.facts.extend(find(ctx))
                spent[name] += clock() - t0
        for k, v in spent.items():
            best[k] = min(best[k], v)

    total = sum(v for k, v in best.items() if k != "scan")
    print(
        f"input: {args.input}, {len(bodies)} clean bodies, {chars:,} characters, "
        f"best of {args.rounds} rounds"
    )
    print(f"{'scan':12s}: {chars / best['scan']:12,.0f} chars/s")
    for name, _ in finders:
        print(
            f"{name:12s}: {chars / best[name]:12,.0f} chars/s   "
            f"scan / {name}: {best['scan'] / best[name]:.2f}"
        )
    print(f"ratio scan / all finders: {best['scan'] / total:.2f}")
    print("candidates: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
