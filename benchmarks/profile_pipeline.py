"""cProfile of Pipeline.process over corpus-based articles: where the time goes, by file and by
function, for whoever speeds up a stage.

    .venv/bin/python benchmarks/profile_pipeline.py            # 342 articles (the dev corpus ×3)
    .venv/bin/python benchmarks/profile_pipeline.py -n 600 --top 40 --backend jieba

Prints the time spent inside each file of the project (own time of its functions; regex and
other C calls are charged to the function that made them) and the functions with the most
cumulative time. Token caches are cleared before every article, as in speed.py. cProfile slows
Python code more than C code, so the shares are a guide, not a measurement: speed.py and
stages.py measure.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
from collections import defaultdict
from pathlib import Path

import common

from pipeline import Pipeline, nlp
from pipeline.model import Document


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=342)
    ap.add_argument("--input", default="corpus", help="corpus | synthetic | FILE.jsonl")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--backend", choices=nlp.BACKENDS, default=None)
    ap.add_argument("--ref-date", default="2024-03-08")
    args = ap.parse_args(argv)
    if args.backend:
        nlp.use_backend(args.backend)
    docs = [Document(id=str(i), text=t, ref_date=args.ref_date)
            for i, t in enumerate(common.texts(args.input, args.n))]
    pipe = Pipeline()
    for t in common.texts("synthetic", 20, seed=999):
        pipe.extract(t, ref_date=args.ref_date)
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        nlp.clear_caches()
        pipe.process(d)
    prof.disable()
    st = pstats.Stats(prof)
    root = str(common.ROOT) + "/"
    own: dict[str, float] = defaultdict(float)
    for (path, _line, _fn), (_cc, _nc, tt, _ct, callers) in st.stats.items():
        # C functions (path "~") are charged to the project file that called them
        if path == "~":
            for (cpath, _l, _f), (_a, _b, ctt, _d) in callers.items():
                own[cpath] += ctt
        else:
            own[path] += tt
    total = st.total_tt
    print(f"{len(docs)} articles, backend {nlp.backend().name}, {total:.2f} s under cProfile\n")
    print("own time by file (C calls charged to their caller):")
    for path, t in sorted(own.items(), key=lambda kv: -kv[1])[:args.top]:
        name = (
            path[len(root) :]
            if path.startswith(root)
            else Path(path).name
            if "site-packages" in path
            else path
        )
        print(f"  {t:7.3f} s {t / total:6.1%}  {name}")
    print(f"\nfunctions by cumulative time (top {args.top}):")
    st.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
