"""Where the pipeline's time goes: each stage timed alone on the same articles, in one process.

    .venv/bin/python benchmarks/stages.py               # 300 corpus-based articles
    .venv/bin/python benchmarks/stages.py --input synthetic --backend jieba

Runs Pipeline.process's stages one after another per article (clean, locale, ref_date, the
sentence split the finders share, each finder of rules/finders.tsv in order, resolve), adds up
each stage's time over all articles (best of R rounds), and prints each stage's share and its
speed in characters/s, next to jieba.lcut over the same text: a stage below jieba's speed alone
keeps the whole pipeline below it. Token caches are cleared before every article, as in speed.py.
"""
from __future__ import annotations

import argparse
import time

import common
import jieba

from pipeline import Pipeline, nlp, refdate
from pipeline.context import Context
from pipeline.find import build_finders
from pipeline.model import Document
from pipeline.resolve import resolve


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--input", default="corpus", help="corpus | synthetic | FILE.jsonl")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--backend", choices=nlp.BACKENDS, default=None,
                    help="default: rjieba when installed")
    ap.add_argument("--ref-date", default="2024-03-08")
    args = ap.parse_args(argv)
    if args.backend:
        nlp.use_backend(args.backend)
    texts = common.texts(args.input, args.n)
    chars = sum(map(len, texts))
    pipe = Pipeline()
    finders = build_finders(pipe.rules)
    jieba.initialize()
    clock = time.perf_counter

    def one_round() -> dict[str, float]:
        t: dict[str, float] = {}

        def add(name, t0):
            t[name] = t.get(name, 0.0) + clock() - t0
        for i, text in enumerate(texts):
            nlp.clear_caches()
            t0 = clock()
            cleaned = pipe._clean(Document(id=str(i), text=text), frozenset())
            add("clean", t0)
            t0 = clock()
            meta = dict(cleaned.meta)
            meta["locale"] = pipe._locale(cleaned.text, meta, None)
            add("locale", t0)
            t0 = clock()
            refdate.infer_ref_date(cleaned.text, meta, None)
            add("ref_date (inferred, then the given one used)", t0)
            ctx = Context(text=cleaned.text, ref_date=args.ref_date, meta=meta)
            # what the finders share, made once per article by the first one that asks: timed
            # apart, so that it is not charged to whichever finder runs first (the candidate
            # scan of pipeline/scan.py is made by a declared rule that needs it, and charged there)
            t0 = clock()
            ctx.sentence_index(0)          # splits the sentences
            add("shared: sentence split", t0)
            for name, find in finders:
                t0 = clock()
                ctx.facts.extend(find(ctx))
                add(f"find: {name}", t0)
            t0 = clock()
            resolve(ctx, ctx.facts)
            add("resolve", t0)
            t0 = clock()                       # in turn with the stages: the same load for all
            jieba.lcut(text)
            add("jieba.lcut (for comparison)", t0)
        return t

    one_round()                                  # warm-up
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for k, v in one_round().items():
            best[k] = min(best.get(k, v), v)
    ref = best.pop("jieba.lcut (for comparison)")
    total = sum(best.values())
    print(
        f"{args.input}: {len(texts)} articles, {chars:,} characters, backend {nlp.backend().name}, "
        f"best of {args.rounds}"
    )
    print(f"{'stage':46s} {'ms':>8s} {'share':>6s} {'chars/s':>12s} {'÷ jieba':>8s}")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"{k:46s} {v * 1000:8.1f} {v / total:6.1%} {chars / v:12,.0f} {ref / v:8.2f}")
    print(
        f"{'all stages':46s} {total * 1000:8.1f} {1:6.1%} {chars / total:12,.0f} {ref / total:8.2f}"
    )
    print(f"{'jieba.lcut of the same text':46s} {ref * 1000:8.1f} {'':6s} "
          f"{chars / ref:12,.0f} {1:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
