"""The Recognizers-Text conformance suite (../shared/benchmarks), scored by `zhfacts eval`.

Floors per fact type; the figures and the remaining misses are in the issue notes.
"""
import json

import pytest
from conftest import SHARED

from pipeline import evaluate

SUITE = SHARED / "benchmarks" / "recognizers.jsonl"
FLOORS = {"money": 0.97, "percent": 0.97, "date": 0.95}  # issue targets: 0.90, 0.90, 0.85


@pytest.fixture(scope="module")
def summary(pipe):
    gold = evaluate.load_gold([SUITE])
    pred = {}
    for line in SUITE.read_text("utf-8").splitlines():
        case = json.loads(line)
        pred[case["id"]] = pipe.extract(case["text"], id=case["id"],
                                        ref_date=case.get("ref_date")).to_dict()
    return evaluate.evaluate(gold, pred)[0]


@pytest.mark.skipif(not SUITE.exists(), reason="../shared/benchmarks is not beside the checkout")
@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_conformance_floor(summary, kind):
    assert summary["types"][kind]["f1"] >= FLOORS[kind], summary["types"][kind]
