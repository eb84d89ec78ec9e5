"""The corpus sets (dev and test), scored as `zhfacts eval` scores them, against floors without
slack.

corpus/floors.json holds, per set, the floors (the measured figures themselves: the scorer is
deterministic) and the sha256 of the gold they were measured on, plus a history in which every
drop carries its reason. corpus/floors.py records new figures.
"""
from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT

from pipeline import evaluate

sys.path.insert(0, str(ROOT / "corpus"))
from floors import SETS, drops, measure

CORPUS = ROOT / "corpus"
STATE = json.loads((CORPUS / "floors.json").read_text("utf-8"))
PRESENT = [s for s in SETS if (CORPUS / s / "gold").is_dir()]


@pytest.mark.parametrize("name", PRESENT)
def test_gold_hash_matches_floors(name):
    recorded = STATE["sets"][name]["gold_sha256"]
    assert recorded == evaluate.gold_digest(CORPUS / name / "gold"), (
        f"{name} gold changed: run corpus/floors.py to record its floors on the new gold")


@pytest.mark.parametrize("name", PRESENT)
def test_set_meets_its_floors(pipe, name):
    got = measure(pipe, name)
    below = {k: (got.get(k, 0.0), v) for k, v in STATE["sets"][name]["floors"].items()
             if got.get(k, 0.0) < v}
    assert not below, f"{name} below its floors (now, floor): {below}"


def test_every_drop_in_history_has_a_reason():
    last: dict[str, dict[str, float]] = {}
    for entry in STATE["history"]:
        down = drops(last.get(entry["set"], {}), entry["floors"])
        if down:
            assert entry.get("reason") not in (None, "", "measured"), (
                f"{entry['date']} {entry['set']}: floors dropped {down} with no reason")
        last[entry["set"]] = entry["floors"]
    for name, state in STATE["sets"].items():
        assert last.get(name) == state["floors"], (
            f"{name}: current floors are not the last history entry"
        )
