"""zhfacts against JioNLP's money and time extraction, on the same text, in one process.

    pip install -e ".[bench]"                          # JioNLP is an optional benchmark dependency
    .venv/bin/python benchmarks/peers.py               # 300 corpus-based articles
    .venv/bin/python benchmarks/peers.py --input synthetic -n 500

Times, best of R rounds each: jionlp.ner.extract_money + jionlp.ner.extract_time (time_base
fixed) over every article's whole text; the zhfacts pipeline (clean → all finders → resolve);
and zhfacts' money and date finders alone on the same text (no clean stage, no other finder).
Prints characters/s and the ratios zhfacts ÷ JioNLP. Network access is refused while JioNLP
runs (its dictionaries ship inside the package), so a run proves it works offline. JioNLP's
error log (a traceback for each string its time parser gives up on) is silenced.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import socket
import time

import common

from pipeline import Pipeline, nlp
from pipeline.context import Context
from pipeline.find import build_finders
from pipeline.model import Document


class _NoNetwork:
    def __enter__(self):
        self._connect = socket.socket.connect

        def refuse(*a, **k):
            raise OSError("peers.py: network access refused during the benchmark")
        socket.socket.connect = refuse
        return self

    def __exit__(self, *exc):
        socket.socket.connect = self._connect


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--input", default="corpus", help="corpus | synthetic | FILE.jsonl")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ref-date", default="2024-03-08")
    args = ap.parse_args(argv)
    try:
        with _NoNetwork():
            import jionlp
    except ImportError:
        raise SystemExit('JioNLP is not installed: pip install -e ".[bench]" '
                         '(or pip install jionlp)') from None
    logging.getLogger().setLevel(logging.CRITICAL)   # JioNLP logs a traceback per unparsed time
    texts = common.texts(args.input, args.n)
    chars = sum(map(len, texts))
    base = dt.datetime.fromisoformat(args.ref_date).timestamp()
    pipe = Pipeline()
    finders = dict(build_finders(pipe.rules))
    money_date = [finders["money"], finders["date"]]
    docs = [Document(id=str(i), text=t, ref_date=args.ref_date) for i, t in enumerate(texts)]

    def run_jionlp(i):
        t = texts[i]
        return len(jionlp.ner.extract_money(t)) + len(jionlp.ner.extract_time(t, time_base=base))

    def run_pipeline(i):
        nlp.clear_caches()
        return sum(f.type in ("money", "date") for f in pipe.process(docs[i]).facts)

    def run_finders(i):
        nlp.clear_caches()
        ctx = Context(text=texts[i], ref_date=args.ref_date, meta={"locale": "zh-CN"})
        return sum(len(find(ctx)) for find in money_date)

    timers = {"JioNLP extract_money + extract_time": run_jionlp,
              "zhfacts pipeline (all stages)": run_pipeline,
              "zhfacts money + date finders only": run_finders}
    clock = time.perf_counter
    with _NoNetwork():
        for t in common.texts("synthetic", 10, seed=999):   # warm-up: dictionaries load lazily
            jionlp.ner.extract_money(t)
            jionlp.ner.extract_time(t, time_base=base)
            pipe.extract(t, ref_date=args.ref_date)
        best = {k: float("inf") for k in timers}
        found = {}
        # article by article, each in turn: the same load for all
        for _ in range(args.rounds):
            spent = dict.fromkeys(timers, 0.0)
            found = dict.fromkeys(timers, 0)
            for i in range(len(texts)):
                for k, f in timers.items():
                    t0 = clock()
                    found[k] += f(i)
                    spent[k] += clock() - t0
            for k, v in spent.items():
                best[k] = min(best[k], v)
    print(f"{args.input}: {len(texts)} articles, {chars:,} characters, best of {args.rounds}, "
          f"JioNLP {getattr(jionlp, '__version__', '?')} (ran with network access refused), "
          f"zhfacts NLP backend {nlp.backend().name}")
    for k, v in best.items():
        print(f"{k:38s}: {chars / v:12,.0f} chars/s   ({found[k]} money/time facts)")
    ref = best["JioNLP extract_money + extract_time"]
    for k in list(best)[1:]:
        print(f"ratio {k} / JioNLP: {ref / best[k]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
