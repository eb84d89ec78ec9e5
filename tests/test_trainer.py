"""The line scorers' trainer (corpus/train_line_scorer.py): a prior keeps the committed weights
unless the new lines pull them away."""
import importlib.util
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

_spec = importlib.util.spec_from_file_location(
    "train_line_scorer", Path(__file__).parents[1] / "corpus" / "train_line_scorer.py")
assert _spec and _spec.loader
trainer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trainer)
NS = len(trainer.FEATURES)


def _rows():
    """Two words: 版权 always on junk lines, 发展 on body lines."""
    shape = [0.0] * NS
    junk, body = (shape, {"版权"}, set(), "copyright", 1.0), (shape, {"发展"}, set(), None, 1.0)
    return [junk] * 5 + [body] * 5


def test_without_a_prior_the_words_learn_their_side():
    _, table = trainer.train_words(_rows(), ["版权", "发展"], steps=300)
    assert table["版权"][0] > 0.5 > -0.5 > table["发展"][0]


def test_a_strong_prior_holds_the_committed_weights_against_the_lines():
    prior = ([0.0] * NS, {"版权": (-2.0, 0.0), "发展": (2.0, 0.0)})
    _, table = trainer.train_words(_rows(), ["版权", "发展"], steps=300, l2=1.5, prior=prior)
    assert table["版权"][0] == pytest.approx(-2.0, abs=0.4)
    _, free = trainer.train_words(_rows(), ["版权", "发展"], steps=300, l2=0.003, prior=prior)
    assert free["版权"][0] > table["版权"][0] + 1.0     # a weak prior lets the lines pull


def test_a_reason_prior_starts_the_softmax_where_it_was():
    reasons = ["navigation", "copyright"]
    prior = ([[0.0] * NS, [0.0] * NS], {"版权": [3.0, -3.0]})
    _, table = trainer.train_reasons(_rows(), ["版权"], reasons, steps=50, l2=1.5, prior=prior)
    assert table["版权"][0] > table["版权"][1]
    _, learnt = trainer.train_reasons(_rows(), ["版权"], reasons, steps=300)
    assert learnt["版权"][1] > learnt["版权"][0]
