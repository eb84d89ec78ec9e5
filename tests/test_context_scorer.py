"""The context scorer (pipeline/clean/context_scorer.py): a learned model over the word scorer's
judgement of a line and of the lines around it, for every line the rules and the word scorer
left standing; and its trainer (corpus/train_line_scorer.py --context)."""
from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from pipeline.clean import build, context_scorer
from pipeline.clean.context_scorer import NAMES, ContextScorer
from pipeline.model import Document
from pipeline.rules import RuleError, load_rules

CORPUS = Path(__file__).parents[1] / "corpus"

PAGE = [
    "秭归脐橙借电商走俏全国",
    "3月11日,在秭归县一家电商产业园的分拣车间里,工人们正忙着将刚采摘的脐橙分级、装箱、打包。"
    "今年以来,该县借助直播电商拓宽销路,脐橙线上销售量同比增长23%。",
    "据介绍,秭归县现有脐橙种植面积40万亩,年产量超过100万吨,电商企业和网店超过2000家。",
    "编辑:王晓",
    "荆楚融媒网版权所有 Copyright © 2005-2024 jcrm. All Rights Reserved",
    "县农业农村局相关负责人表示,将继续完善冷链物流体系,让更多优质脐橙走出大山。",
]


@pytest.fixture(scope="module")
def cleaner():
    return build(load_rules()).cleaner


def _page(cleaner, text):
    """The page as the context scorer finds it: after the rules, the shape passes and the
    word scorer."""
    return cleaner.scored_page(Document(id="t", text=text))


def test_a_rights_line_between_paragraphs_goes_and_the_credit_and_the_body_stay(cleaner):
    got = {r.line: r for r in cleaner.clean(Document(id="t", text="\n".join(PAGE))).removed}
    assert got[4].rule == "boilerplate.scored.context" and got[4].reason == "copyright"
    # the credit (编辑:王晓) is the rules' to read, and no model's: a bare editor's name goes by
    # the fields detector wherever it stands
    assert got[3].rule == "boilerplate.metadata.fields" and set(got) == {3, 4}


BODY = ("江城市今年共新建改建城市公园28座,新增绿地面积120公顷,市民出门五百米见绿的目标"
        "基本实现。\n市园林局负责人介绍,明年还将推进15座口袋公园建设,重点补齐老城区的绿化短板。")


@pytest.mark.parametrize("last", ["完", "(待续)", "收藏家", "2024年3月1日", "江城市园林局",
                                  "城市频道", "城市快讯 > 民生"])
def test_an_articles_own_last_word_stays_where_the_rules_found_no_furniture(cleaner, last):
    # (a trail too: with nothing else removed, a short last line is left to the rules)
    got = cleaner.clean(Document(id="t", text=f"江城新增口袋公园\n{BODY}\n{last}")).removed
    assert not got


def test_it_never_judges_the_headline_or_a_paragraph(cleaner):
    page = _page(cleaner, "\n".join(PAGE))
    judged = context_scorer.features(page, cleaner.word_scorer)
    assert judged, "the lines between the paragraphs are judged"
    assert page.headline not in judged and not set(page.anchors) & set(judged)
    assert all(len(v) == len(NAMES) for v in judged.values())


def _articles():
    for part in ("dev", "test"):
        yield from sorted((CORPUS / part / "articles").glob("*.txt"))


def test_the_lines_left_unread_could_not_have_gone(cleaner):
    """Apply leaves a line out before its costly features are read when no value of them
    could lift it to the threshold: on every corpus article, exactly the lines a full reading
    takes."""
    scorer = cleaner.context_scorer
    cut = math.log(scorer.threshold / (1 - scorer.threshold))
    pruned_away = 0
    for path in _articles():
        page = _page(cleaner, path.read_text(encoding="utf-8"))
        full = context_scorer.features(page, cleaner.word_scorer)
        fast = context_scorer.features(page, cleaner.word_scorer, scorer.weights, cut)
        assert {i for i, v in full.items() if scorer.probability(v) >= scorer.threshold} == \
            {i for i, v in fast.items() if scorer.probability(v) >= scorer.threshold}, path.name
        assert all(fast[i] == full[i] for i in fast)
        pruned_away += len(full) - len(fast)
    assert pruned_away > 100     # (it does leave lines out)


def test_a_scorer_entry_with_other_features_or_a_threshold_out_of_range_is_refused():
    entry = {"id": "x", "features": list(NAMES), "weights": [0.0] * len(NAMES), "threshold": 0.8}
    ContextScorer("scored.yaml", entry)
    with pytest.raises(RuleError, match="features"):
        ContextScorer("scored.yaml", {**entry, "features": list(NAMES[:-1])})
    with pytest.raises(RuleError, match="weights"):
        ContextScorer("scored.yaml", {**entry, "weights": [0.0]})
    with pytest.raises(RuleError, match="threshold"):
        ContextScorer("scored.yaml", {**entry, "threshold": 1.0})
    with pytest.raises(RuleError, match="threshold"):
        ContextScorer("scored.yaml", {k: v for k, v in entry.items() if k != "threshold"})


np = pytest.importorskip("numpy")


@pytest.fixture(scope="module")
def trainer():
    spec = importlib.util.spec_from_file_location(
        "train_line_scorer", CORPUS / "train_line_scorer.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_trained_weights_read_raw_features_as_the_model_read_standardised_ones(trainer):
    """The trainer standardises the features, and folds the means and spreads back into one
    weight a raw feature (the intercept into `bias`): the scorer reads values as it computes
    them. A feature that tells junk from body learns its side; a constant one weighs nothing."""
    rng = np.random.default_rng(0)
    n = len(NAMES)
    X = rng.normal(3.0, 2.0, size=(400, n))
    X[:, NAMES.index("bias")] = 1.0
    X[:, NAMES.index("guard_cut_end")] = 0.0      # a guard no line meets
    tell = NAMES.index("word_p")
    y = (X[:, tell] + rng.normal(0, 0.5, 400) > 3.0).astype(float)
    w = trainer.train_context(X, y, np.ones(400))
    p = 1 / (1 + np.exp(-(X @ w)))
    assert ((p >= 0.5) == (y == 1)).mean() > 0.85
    assert w[tell] > 0 and w[NAMES.index("guard_cut_end")] == 0.0
    # the penalty is on standardised weights: a feature given in other units (a length in
    # tens of characters) gets a weight in those units, and every line the same probability
    scaled = X.copy()
    scaled[:, NAMES.index("chars")] *= 10.0
    w10 = trainer.train_context(scaled, y, np.ones(400))
    assert w10[NAMES.index("chars")] == pytest.approx(w[NAMES.index("chars")] / 10, rel=1e-6)
    assert np.allclose(1 / (1 + np.exp(-(scaled @ w10))), p)
