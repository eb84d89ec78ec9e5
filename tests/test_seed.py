"""The seed article, end to end: every fact type, its two junk lines, its trap and its warning.

The one place the seed's score is checked; other test files use the `seed` fixture for what
their own module does with it.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SEED_ID, SHARED, score, shared_scorer


def test_seed_scores_one_on_every_type(seed):
    summary, report = seed.summary()
    assert not summary["problems"], summary["problems"]
    assert summary["micro"]["f1"] == 1.0, report
    for kind, s in summary["types"].items():
        assert s["f1"] == 1.0, (kind, [r for r in report if kind in r])


def test_seed_removes_lines_17_and_18_only(seed):
    removed = {r["line"]: r["reason"] for r in seed.record["removed"]}
    assert removed == {17: "spam", 18: "navigation"}


def test_seed_takes_no_trap_and_warns_about_the_unit_less_amount(seed):
    _, report = seed.summary()
    assert not [r for r in report if "trap taken" in r]
    assert "上线万元" in seed.record["warnings"]
    assert not [f for f in seed.record["facts"] if f["type"] == "money" and "上线万元" in f["text"]]


def test_seed_copy_in_corpus_equals_the_shared_one(seed):
    shared = SHARED / "corpus-seed" / f"{SEED_ID}.txt"
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == seed.text


def test_shared_scorer_gives_the_same_figures(seed, tmp_path):
    """The official scorer, run as the hook runs it, agrees with ours on the seed."""
    if shared_scorer() is None:
        pytest.skip("no ../shared/tools/score.py beside this checkout")
    pred = tmp_path / "seed.jsonl"
    pred.write_text(json.dumps(seed.record, ensure_ascii=False) + "\n", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / f"{SEED_ID}.gold.json").write_text(json.dumps(seed.gold, ensure_ascii=False),
                                               encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(gold),
                          "--pred", str(pred), "--json"], capture_output=True, text=True,
                          check=True)
    theirs = json.loads(out.stdout)
    ours, _ = score({SEED_ID: seed.gold}, {SEED_ID: seed.record})
    assert (
        theirs["micro"] == ours["micro"]
        and theirs["boilerplate"]["f1"] == ours["boilerplate"]["f1"]
    )
