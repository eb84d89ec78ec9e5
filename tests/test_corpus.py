"""The dev corpus, scored by `zhfacts eval`, against floors that are only ever raised.

corpus/floors.json holds the per-type F1 floors, the sha256 of the gold files they were set
on, and the history of earlier floors. Changing gold without updating the hash fails (so a
floor is never met by quietly editing gold), and a floor below an earlier one fails.
"""
from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT
from pipeline import evaluate
sys.path.insert(0, str(ROOT / "corpus"))
from raise_floors import figures, score_corpus

CORPUS = ROOT / "corpus"
FLOORS = json.loads((CORPUS / "floors.json").read_text("utf-8"))
SEED = "000_da6288ff0e8b4f88"


@pytest.fixture(scope="module")
def scored(pipe):
    return score_corpus(pipe, CORPUS / "dev")


def test_gold_hash_matches_floors():
    assert FLOORS["gold_sha256"] == evaluate.gold_digest(CORPUS / "dev" / "gold"), "gold changed: re-score, then update gold_sha256 in corpus/floors.json"


def test_floors_only_go_up():
    for earlier in FLOORS.get("history", []):
        for k, v in earlier["floors"].items():
            assert FLOORS["floors"].get(k, 0) >= v, f"floor {k} lowered below {v} ({earlier.get('date')})"


def test_corpus_meets_floors(scored):
    gold, pred = scored
    summary, _ = evaluate.evaluate(gold, pred)
    got = figures(summary)
    below = {k: (round(got.get(k, 0), 3), v) for k, v in FLOORS["floors"].items() if got.get(k, 0) < v}
    assert not below, f"below floor (got, floor): {below}"
    assert not summary["problems"], summary["problems"]


def test_seed_article(scored):
    gold, pred = scored
    g, p = gold[SEED], pred[SEED]
    summary, report = evaluate.evaluate({SEED: g}, {SEED: p})
    assert summary["micro"]["f1"] >= 0.85
    assert summary["boilerplate"]["f1"] == 1.0
    assert {r["reason"] for r in p["removed"]} == {"spam", "navigation"}
    assert not [r for r in report if "trap taken" in r]
    assert "上线万元" in p["warnings"]
    assert not [f for f in p["facts"] if f["type"] == "money" and "上线万元" in f["text"]]
