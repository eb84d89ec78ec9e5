"""Pipeline speed against full-text jieba segmentation of the same input, in one process.

    .venv/bin/python benchmarks/speed.py                 # 400 corpus-based articles
    .venv/bin/python benchmarks/speed.py --input synthetic -n 1000
    .venv/bin/python benchmarks/speed.py --input FILE.jsonl   # your own articles (id, text)

Prints characters per second for Pipeline.process (clean → find → resolve, one core) and for
jieba.lcut over every article's whole text, and their ratio (pipeline ÷ jieba): above 1 the
pipeline is faster than segmenting the text once. Both are warmed up first (jieba's dictionary,
the rules); the pipeline's sentence-token cache is cleared between articles so corpus copies
cannot hit it.
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

    t0 = time.perf_counter()
    pipe = Pipeline()
    jieba.initialize()
    nlp.blank_zh()
    setup = time.perf_counter() - t0
    warm = common.texts("synthetic", 20, seed=999)  # other text: warms code paths, not caches
    for t in warm:
        pipe.extract(t, ref_date=args.ref_date)
        jieba.lcut(t)

    best_pipe = best_jieba = float("inf")
    facts = 0
    for _ in range(args.rounds):
        nlp.segment.cache_clear()
        nlp.segment_pos.cache_clear()
        t0 = time.perf_counter()
        facts = 0
        for d in docs:
            nlp.segment.cache_clear()
            nlp.segment_pos.cache_clear()
            facts += len(pipe.process(d).facts)
        best_pipe = min(best_pipe, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        best_jieba = min(best_jieba, time.perf_counter() - t0)

    p_cps, j_cps = chars / best_pipe, chars / best_jieba
    print(f"input: {args.input}, {len(texts)} articles, {chars} characters, {facts} facts "
          f"(setup {setup:.2f}s: rules + jieba dictionary)")
    print(f"pipeline : {p_cps:12,.0f} chars/s  ({len(texts) / best_pipe:,.1f} articles/s, best of {args.rounds})")
    print(f"jieba    : {j_cps:12,.0f} chars/s  (jieba.lcut of the full text)")
    print(f"ratio pipeline/jieba: {p_cps / j_cps:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
