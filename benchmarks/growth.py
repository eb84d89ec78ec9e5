"""How each stage's time grows on adversarial input: ratios time(10n) / time(n), n = 100, 1000,
10000.

    .venv/bin/python benchmarks/growth.py [--bound 30]

Every stage (clean, ref_date, each finder, resolve) runs on runs of one unit (numerals,
1,1,1…, 年年年…, spaces …) of growing length. Linear growth gives a ratio near 10, quadratic
near 100; ratios above --bound are listed and the exit status is 1. Stage times below 2 ms
are taken as 2 ms (noise, not growth). The units are tests/test_robustness.py's ADVERSARIAL.
"""
from __future__ import annotations

import argparse
import sys
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_robustness import ADVERSARIAL, REF  # noqa: E402

from pipeline import Pipeline, refdate  # noqa: E402
from pipeline import clean as clean_stage  # noqa: E402
from pipeline.context import Context  # noqa: E402
from pipeline.find import build_finders  # noqa: E402
from pipeline.model import Document  # noqa: E402
from pipeline.resolve import resolve  # noqa: E402

SIZES = (100, 1000, 10000)
FLOOR = 0.002


def best(fn, reps: int = 3) -> float:
    out = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t)
    return out


def stage_times(finders, clean, text: str) -> dict[str, float]:
    times = {"clean": best(lambda: clean(Document(id="x", text=text), frozenset())),
             "ref_date": best(lambda: refdate.infer_ref_date(text, {}, None))}
    ctx = Context(text=text, ref_date=REF)
    for name, find in finders:
        found: list = []

        def run(find=find, found=found):
            found[:] = find(Context(text=text, ref_date=REF, facts=list(ctx.facts)))
        times[name] = best(run)
        ctx.facts.extend(found)
    times["resolve"] = best(lambda: resolve(Context(text=text, ref_date=REF), list(ctx.facts)))
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bound", type=float, default=30)
    a = ap.parse_args()
    rules = Pipeline().rules
    finders, clean = build_finders(rules), clean_stage.build(rules)
    worst, bad = [], []
    for unit in ADVERSARIAL:
        times = {n: stage_times(finders, clean, (unit * (n // len(unit) + 1))[:n]) for n in SIZES}
        for small, big in pairwise(SIZES):
            for stage, t_big in times[big].items():
                ratio = t_big / max(times[small][stage], FLOOR)
                worst.append((ratio, unit, stage, small, big))
                if ratio > a.bound:
                    bad.append(worst[-1])
    worst.sort(reverse=True)
    print(f"{'ratio':>6}  {'stage':9} {'n→10n':12} unit")
    for ratio, unit, stage, small, big in worst[:15]:
        print(f"{ratio:6.1f}  {stage:9} {small:>5}→{big:<6} {unit!r}")
    print(f"{len(bad)} of {len(worst)} stage ratios above {a.bound:g}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
