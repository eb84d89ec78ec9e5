"""The finder registry: rules/finders.tsv decides which finders run and in what order."""
import shutil

import pytest

from pipeline import Pipeline
from pipeline.find import DEFAULT_ORDER, REGISTRY, finder, order, registered
from pipeline.model import Fact
from pipeline.rules import RuleError, default_rules_dir, load_rules

TEXT = "2023年10月10日，全市137家企业投入15.6亿元，增长12%。"


def _rules_with(tmp_path, names):
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root)
    (root / "finders.tsv").write_text("name\n" + "".join(n + "\n" for n in names), encoding="utf-8")
    return root


def test_bundled_order_is_the_default_and_every_type_is_found():
    assert order(load_rules()) == list(DEFAULT_ORDER)
    types = {f.type for f in Pipeline().extract(TEXT, ref_date="2024-03-08").facts}
    assert {"date", "count", "money", "percent"} <= types


def test_a_finder_left_out_of_the_list_does_not_run(tmp_path):
    pipe = Pipeline(_rules_with(tmp_path, ["money", "date", "count", "award"]))
    types = {f.type for f in pipe.extract(TEXT, ref_date="2024-03-08").facts}
    assert "percent" not in types and {"money", "date", "count"} <= types


def test_unknown_finder_is_a_rule_error_naming_it(tmp_path):
    with pytest.raises(RuleError, match="phonee"):
        Pipeline(_rules_with(tmp_path, ["money", "phonee"]))


def test_a_registered_finder_runs_where_the_list_puts_it(tmp_path):
    seen = []

    @finder("test_probe")
    def build(rules):
        def find(ctx):
            seen.append(sorted({f.type for f in ctx.facts}))   # what the finders before it found
            i = ctx.text.index("全市")
            return [Fact(type="count", text="全市", start=i, end=i + 2, value=None,
                         rule="test.probe")]
        return find
    try:
        pipe = Pipeline(_rules_with(tmp_path, ["money", "test_probe", "count"]))
        facts = pipe.extract(TEXT, ref_date="2024-03-08").facts
        assert seen == [["money"]]
        assert any(f.rule == "test.probe" for f in facts)
    finally:
        REGISTRY.pop("test_probe", None)
    assert "test_probe" not in registered()
