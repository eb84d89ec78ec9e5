"""Pipeline speed against full-text segmentation of the same input, in one process.

    .venv/bin/python benchmarks/speed.py                 # 400 corpus-based articles
    .venv/bin/python benchmarks/speed.py --input synthetic -n 1000
    .venv/bin/python benchmarks/speed.py --input FILE.jsonl   # your own articles (id, text)

Prints characters per second for Pipeline.process (clean → find → resolve, one core) with each
NLP backend (rjieba when the `fast` extra is installed, and jieba), for jieba.lcut over every
article's whole text, and for rjieba.cut and rjieba.tag when installed; then the ratios
pipeline ÷ jieba.lcut (above 1 the pipeline is faster than segmenting the text once with
jieba). It checks that both backends found the same facts. Everything is warmed up first
(dictionaries, rules); the pipeline's token caches are cleared before every article so that
corpus copies cannot hit them.
"""
from __future__ import annotations

import argparse
import json
import time

import common  # noqa: F401  (puts the project on sys.path)

import jieba

from pipeline import Pipeline, nlp
from pipeline.model import Document


def load(kind: str, n: int, seed: int) -> list[str]:
    if kind in ("corpus", "synthetic"):
        return common.texts(kind, n, seed)
    with open(kind, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()][:n]


def rjieba_module():
    try:
        import rjieba
        return rjieba
    except ImportError:
        return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=400, help="articles (default 400)")
    ap.add_argument("--input", default="corpus", help="corpus | synthetic | FILE.jsonl")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3, help="best of R rounds each (default 3)")
    ap.add_argument("--ref-date", default="2024-03-08")
    args = ap.parse_args(argv)

    texts = load(args.input, args.n, args.seed)
    chars = sum(len(t) for t in texts)
    docs = [Document(id=f"b{i}", text=t, ref_date=args.ref_date) for i, t in enumerate(texts)]
    rj = rjieba_module()
    backends = ["rjieba", "jieba"] if rj else ["jieba"]

    t0 = time.perf_counter()
    pipe = Pipeline()
    jieba.initialize()
    setup = time.perf_counter() - t0
    warm = common.texts("synthetic", 20, seed=999)  # other text: warms code paths, not caches
    for name in backends:
        nlp.use_backend(name)
        for t in warm:
            pipe.extract(t, ref_date=args.ref_date)
    for t in warm:
        jieba.lcut(t)
        if rj:
            rj.cut(t)
            rj.tag(t)

    def run_pipeline():
        out = []
        for d in docs:
            nlp.clear_caches()
            out.append(pipe.process(d).to_dict()["facts"])
        return out

    timers = {f"pipeline ({b})": b for b in backends}
    timers["jieba.lcut"] = lambda: [jieba.lcut(t) for t in texts]
    if rj:
        timers["rjieba.cut"] = lambda: [rj.cut(t) for t in texts]
        timers["rjieba.tag"] = lambda: [rj.tag(t) for t in texts]
    best = {k: float("inf") for k in timers}
    facts: dict[str, list] = {}
    for _ in range(args.rounds):          # interleaved, so load on the machine hits all alike
        for label, what in timers.items():
            if isinstance(what, str):
                nlp.use_backend(what)
                t0 = time.perf_counter()
                facts[what] = run_pipeline()
            else:
                t0 = time.perf_counter()
                what()
            best[label] = min(best[label], time.perf_counter() - t0)

    cps = {k: chars / v for k, v in best.items()}
    n_facts = sum(map(len, facts[backends[0]]))
    print(f"input: {args.input}, {len(texts)} articles, {chars:,} characters, {n_facts} facts "
          f"(setup {setup:.2f}s: rules + jieba dictionary), best of {args.rounds} rounds")
    for label, v in cps.items():
        print(f"{label:20s}: {v:12,.0f} chars/s")
    for b in backends:
        print(f"ratio pipeline ({b}) / jieba.lcut: {cps[f'pipeline ({b})'] / cps['jieba.lcut']:.2f}")
    if rj:
        same = facts["rjieba"] == facts["jieba"]
        print(f"ratio pipeline (rjieba) / pipeline (jieba): {cps['pipeline (rjieba)'] / cps['pipeline (jieba)']:.2f}")
        print(f"facts with rjieba and with jieba: {'identical' if same else 'DIFFERENT'}")
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
