"""Score the corpus sets and record their floors in corpus/floors.json.

    .venv/bin/python corpus/floors.py                  # print today's figures, record rises
    .venv/bin/python corpus/floors.py --drop "why"     # record a drop, with its reason

The scorer is deterministic, so a floor is the measured figure itself (rounded down to four
decimals), with no margin: any drop fails tests/test_corpus.py until it is recorded here with a
reason, and the reason stays in `history` for the next engineer to read.

Two sets are scored, each at the `ref_date` of its gold files:
- `dev`  (corpus/dev):  the articles the rules are developed against;
- `test` (corpus/test): articles written apart, in the manner of real pages, that nobody tunes on.

A set's floors belong to its gold: `gold_sha256` changes when gold does, and then the floors
must be recorded again (a gold edit is a change worth a history line too).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pipeline import Pipeline, evaluate  # noqa: E402

FLOORS = HERE / "floors.json"
SETS = ("dev", "test")


def score_corpus(pipe: Pipeline, corpus: Path = HERE / "dev") -> tuple[dict, dict]:
    """Gold and predictions of one set, each article extracted at its gold ref_date."""
    gold = evaluate.load_gold([corpus / "gold"])
    pred = {gid: pipe.extract((corpus / "articles" / f"{gid}.txt").read_text("utf-8"), id=gid,
                              ref_date=g.get("ref_date")).to_dict() for gid, g in gold.items()}
    return gold, pred


def figures(summary: dict) -> dict[str, float]:
    """The figures a floor is kept for: F1 per type, micro F1, boilerplate P/R and, when the
    gold carries reasons, the share of removed junk lines given the right reason."""
    got = {k: s["f1"] for k, s in summary["types"].items()}
    got["micro"] = summary["micro"]["f1"]
    got["boilerplate_precision"] = summary["boilerplate"]["precision"]
    got["boilerplate_recall"] = summary["boilerplate"]["recall"]
    reasons = summary["boilerplate"].get("reason_accuracy")
    if reasons is not None:
        got["boilerplate_reason_accuracy"] = reasons
    return got


def as_floor(value: float) -> float:
    return math.floor(value * 10_000 + 1e-9) / 10_000


def measure(pipe: Pipeline, name: str) -> dict[str, float]:
    summary, _ = evaluate.evaluate(*score_corpus(pipe, HERE / name))
    return {k: as_floor(v) for k, v in figures(summary).items()}


def load() -> dict:
    if FLOORS.exists():
        return json.loads(FLOORS.read_text("utf-8"))
    return {"sets": {}, "history": []}


def drops(old: dict[str, float], new: dict[str, float]) -> dict[str, tuple[float, float]]:
    return {k: (v, new.get(k, 0.0)) for k, v in old.items() if new.get(k, 0.0) < v}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--drop", metavar="REASON",
                    help="record floors that went down, with this reason")
    ap.add_argument("--reason", default="",
                    help="a note for the history line of a rise or gold change")
    args = ap.parse_args(argv)
    state, pipe, today = load(), Pipeline(), dt.date.today().isoformat()
    changed = False
    for name in SETS:
        if not (HERE / name / "gold").is_dir():
            continue
        new = measure(pipe, name)
        digest = evaluate.gold_digest(HERE / name / "gold")
        old = state["sets"].get(name, {})
        print(f"{name}: " + json.dumps(new, ensure_ascii=False))
        if old.get("floors") == new and old.get("gold_sha256") == digest:
            continue
        down = drops(old.get("floors", {}), new)
        if down and not args.drop:
            print(f"{name}: floors would drop (floor, now): {down}; rerun with --drop \"reason\"")
            return 1
        state["sets"][name] = {"gold_sha256": digest, "floors": new}
        state["history"].append({"date": today, "set": name, "floors": new,
                                 "reason": args.drop if down else (args.reason or "measured")})
        changed = True
    if changed:
        FLOORS.write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("floors.json updated")
    else:
        print("floors unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
