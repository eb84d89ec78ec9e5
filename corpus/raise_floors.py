"""Score the corpus and raise corpus/floors.json to today's figures (never lower them).

    .venv/bin/python corpus/raise_floors.py

Articles are scored at their gold ref_date, as tests/test_corpus.py does. A floor is the
figure rounded down to 0.01, less a margin of 0.01 (so
that a change trading one fact for another need not fail CI); earlier floors go to `history`, and the tests refuse a floor
below any of them, and floors set on other gold (the sha256 changes when gold does).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pipeline import Pipeline, evaluate  # noqa: E402


MARGIN = 0.01


def score_corpus(pipe: Pipeline, corpus: Path = HERE / "dev"):
    gold = evaluate.load_gold([corpus / "gold"])
    pred = {gid: pipe.extract((corpus / "articles" / f"{gid}.txt").read_text("utf-8"), id=gid,
                              ref_date=g.get("ref_date")).to_dict() for gid, g in gold.items()}
    return gold, pred


def figures(summary: dict) -> dict[str, float]:
    got = {k: s["f1"] for k, s in summary["types"].items()}
    got["micro"] = summary["micro"]["f1"]
    got["boilerplate_precision"] = summary["boilerplate"]["precision"]
    got["boilerplate_recall"] = summary["boilerplate"]["recall"]
    return got


def main() -> int:
    summary, _ = evaluate.evaluate(*score_corpus(Pipeline()))
    got = figures(summary)
    path = HERE / "floors.json"
    old = json.loads(path.read_text("utf-8")) if path.exists() else {"floors": {}, "history": []}
    floors = {k: max(round(math.floor(v * 100) / 100 - MARGIN, 2), old["floors"].get(k, 0)) for k, v in got.items()}
    lowered = {k: (floors.get(k), v) for k, v in old["floors"].items() if floors.get(k, 0) < v}
    if lowered:
        print(f"refusing to lower floors (now, floor): {lowered}")
        return 1
    if floors == old["floors"] and old.get("gold_sha256") == evaluate.gold_digest(HERE / "dev" / "gold"):
        print(json.dumps(got, indent=1))
        print("floors unchanged")
        return 0
    history = old.get("history", []) + ([{"date": old.get("date"), "floors": old["floors"]}] if old["floors"] else [])
    out = {"date": dt.date.today().isoformat(), "gold_sha256": evaluate.gold_digest(HERE / "dev" / "gold"),
           "floors": floors, "history": history}
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(got, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
