"""Rules written wholly in YAML (pipeline/find/declared.py), the rule schema
(pipeline/find/schema.py) and the one candidate scan (pipeline/scan.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.core import Pipeline
from pipeline.find import schema
from pipeline.rules import RuleError, default_rules_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent


def _rules_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), dst)
    return dst


def _add_rule(root: Path, name: str, rule: dict) -> None:
    """Append `rule` to rules/NAME.yaml as a user would: a new entry at the end of the file."""
    path = root / f"{name}.yaml"
    block = yaml.safe_dump([rule], allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n")
        + "\n"
        + "".join("  " + line for line in block.splitlines(True)),
        encoding="utf-8",
    )


# slang for US dollars (刀乐, 美刀 is already a currency word): a rule a user adds to money.yaml
USD_SLANG = {
    "id": "money.usd_slang",
    "description": "an amount in 刀乐 (slang for US dollars)",
    "pattern": "{QUAL_BEFORE}(?P<num>{NUMBER})刀乐{QUAL_AFTER}",
    "candidate": "numeral",
    "guards": ["not_in_url", "ascii_edges"],
    "value": "number",
    "unit": "USD",
    "examples": [
        {
            "text": "这款耳机在海外只卖约50刀乐，国内贵了不少。",
            "expect": [{"text": "约50刀乐", "value": 50, "unit": "USD", "qualifier": "about"}],
        }
    ],
    "counterexamples": ["详见 www.example.com/50刀乐 页面。"],
}

# analysts' shorthand for percentage points: 提升3个pct
PCT_POINTS = {
    "id": "percent.pct_points",
    "description": "N个pct: percentage points in analysts' shorthand",
    "pattern": "(?P<num>{NUMBER})[ ]?(?:个[ ]?)?pct(?![A-Za-z])",
    "guards": [{"not_after": ["v"]}],
    "value": "number",
    "unit": "pp",
    "tags": ["percentage_points"],
    "examples": [
        {
            "text": "公司毛利率同比提升3.5个pct，净利率提升1个pct。",
            "expect": [
                {"text": "3.5个pct", "value": 3.5, "unit": "pp"},
                {"text": "1个pct", "value": 1, "unit": "pp"},
            ],
        }
    ],
    "counterexamples": ["他在文件夹里存了3个pctx文件。"],
}


@pytest.mark.parametrize(
    "name,rule", [("money", USD_SLANG), ("percent", PCT_POINTS)], ids=["money", "percent"]
)
def test_a_rule_added_to_a_yaml_file_fires(tmp_path, name, rule):
    from tests.test_rules import check_fact_rule

    root = _rules_copy(tmp_path)
    before = Pipeline(rules_dir=root)
    text = rule["examples"][0]["text"]
    assert not [f for f in before.extract(text).facts if f.rule == rule["id"]]
    _add_rule(root, name, rule)
    pipe = Pipeline(rules_dir=root)
    rf = pipe.rules.file(name)
    entry = rf.rule(rule["id"])
    facts = [f for f in pipe.extract(text).facts if f.rule == rule["id"]]
    assert [(f.text, f.value, f.unit) for f in facts] == [
        (w["text"], w["value"], w["unit"]) for w in rule["examples"][0]["expect"]
    ]
    for kind in (
        "examples",
        "counterexamples",
    ):  # the rule's own examples, as tests/test_rules.py runs them
        for ex in entry[kind]:
            check_fact_rule(pipe, rf, entry, kind, ex)


def test_candidate_kind_limits_where_a_rule_runs(tmp_path):
    """`candidate: numeral` gives the same facts as a whole-text pass; a kind that never holds
    the match (a currency symbol before the number) finds nothing."""
    root = _rules_copy(tmp_path)
    _add_rule(
        root,
        "money",
        {k: v for k, v in USD_SLANG.items() if k != "candidate"} | {"id": "money.slang_all"},
    )
    _add_rule(root, "money", USD_SLANG | {"id": "money.slang_cand"})
    _add_rule(root, "money", USD_SLANG | {"id": "money.slang_cur", "candidate": "currency"})
    pipe = Pipeline(rules_dir=root)
    from pipeline.context import Context
    from pipeline.find.declared import build

    find = build(pipe.rules)
    text = "第一家店卖50刀乐。第二家卖60刀乐，第三家不卖。\n网页 www.example.com/70刀乐 已下架。"
    facts = find(Context(text=text))
    by = {
        r: [(f.start, f.end, f.value) for f in facts if f.rule == r]
        for r in ("money.slang_all", "money.slang_cand", "money.slang_cur")
    }
    assert by["money.slang_all"] == by["money.slang_cand"] and len(by["money.slang_all"]) == 2
    assert by["money.slang_cur"] == []


def test_unknown_keys_are_rejected_with_file_and_rule(tmp_path):
    root = _rules_copy(tmp_path)
    path = root / "percent.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    separators: [至", "    seperators: [至", 1),
        encoding="utf-8",
    )
    with pytest.raises(
        RuleError,
        match=r"percent\.yaml: rule percent\.range: unknown key `seperators` "
        r"\(did you mean `separators`\?\)",
    ):
        Pipeline(rules_dir=root)  # load_rules checks every file against the schema


def test_unknown_guard_builder_and_kind_are_rejected(tmp_path):
    from pipeline.find.declared import declared_rules

    for bad, message in (
        (USD_SLANG | {"guards": ["not_in_ulr"]}, "no guard named 'not_in_ulr'"),
        (USD_SLANG | {"value": "numbr"}, "no value builder named 'numbr'"),
        (USD_SLANG | {"candidate": "numeral:colour"}, "candidate must be one of"),
        (
            {k: v for k, v in USD_SLANG.items() if k not in ("pattern", "candidate")},
            "needs a `pattern` or a `candidate`",
        ),
    ):
        root = _rules_copy(tmp_path / str(abs(hash(message))))
        _add_rule(root, "money", bad)
        with pytest.raises(RuleError, match=r"money\.yaml: rule money\.usd_slang"):
            declared_rules(load_rules(root))


def test_the_bundled_rules_fit_the_schema_and_defaults_fill_in():
    rules = load_rules()
    schema.check(rules)
    rf = rules.file("percent")
    del rf.rule("percent.range")["separators"]
    rf.data["guards"].pop("cheng_not_before")
    schema.fill(rules)
    assert (
        rf.rule("percent.range")["separators"]
        == schema.RULE_KEYS["percent.range"]["separators"].default
    )
    assert rf.data["guards"]["cheng_not_before"] == []


# -- the one candidate scan ------------------------------------------------------------------

# which candidates a fact of each type must overlap
_NEEDS = {
    "money": lambda c: (
        (c.kind == "numeral" and c.follow == "currency")
        or c.kind == "currency"
        or c.kind == "numeral"
    ),  # bare amounts after a money word (投资230亿), shared lists
    "percent": lambda c: (c.kind == "numeral" and c.follow == "percent") or c.kind == "percent",
    "date": lambda c: (
        (c.kind == "numeral" and c.follow == "date") or c.kind == "date" or c.kind == "numeral"
    ),
    "count": lambda c: c.kind == "numeral",
    "award": lambda c: c.kind == "award",
}


def test_the_scan_finds_where_the_facts_of_the_dev_corpus_are(pipe):
    """Every count, money, percent and date fact the pipeline finds in corpus/dev overlaps a
    candidate of the one scan (of the kind its finder needs); awards nearly all."""
    from pipeline import letterspacing
    from pipeline.context import Context
    from pipeline.find.simplified import simplified_context
    from pipeline.scan import scan
    from pipeline.script import simplified_table

    table = simplified_table(pipe.rules)
    total: dict[str, int] = {}
    missed: dict[str, list] = {}
    for path in sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt")):
        art = pipe.extract(path.read_text(encoding="utf-8"), id=path.stem)
        # a text holding Traditional characters is read through its Simplified copy, the
        # finders' view of it (find/simplified.py): the scan of that copy, at the same offsets;
        # a text set letter by letter is read closed up (letterspacing.py): its offsets mapped
        view, to = art.text, None
        if letterspacing.spaced(view):
            view, where = letterspacing.strip(view)
            to = {o: i for i, o in enumerate(where)}
        ctx = Context(text=view)
        cands = scan(simplified_context(ctx, table) or ctx, pipe.rules)
        for f in art.facts:
            total[f.type] = total.get(f.type, 0) + 1
            start, end = (to[f.start], to[f.end - 1] + 1) if to else (f.start, f.end)
            near = cands.between(max(0, start - 40), end)
            if not any(c.start < end and start < c.end and _NEEDS[f.type](c) for c in near):
                missed.setdefault(f.type, []).append((path.stem, f.text, f.rule))
    assert total.get("money") and total.get("percent") and total.get("date") and total.get("count")
    for t in ("money", "percent", "date", "count"):
        assert not missed.get(t), (
            f"{t}: {len(missed[t])} of {total[t]} facts hold no candidate: {missed[t][:5]}"
        )
    assert len(missed.get("award", [])) <= total["award"] // 10, missed.get("award")


def test_a_declared_pattern_is_probed_with_its_parts_filled_in(tmp_path):
    """rules.probe_patterns expands a declared rule's parts before probing: a nested repeat
    behind {QUAL_BEFORE} is caught, naming the file and the rule."""
    from pipeline.rules import probe_patterns

    root = _rules_copy(tmp_path)
    slow = "{QUAL_BEFORE}(?P<num>(?:\\d+\\s?)+)(?:刀乐|$)"
    _add_rule(root, "money", USD_SLANG | {"pattern": slow})
    with pytest.raises(RuleError, match=r"money\.yaml: rule money\.usd_slang: pattern takes over"):
        probe_patterns(load_rules(root))


def test_every_declared_pattern_keeps_its_prefilter(pipe):
    # a declared pattern runs only on texts holding one of its literal words (its `needs`, read by
    # triggers.required): a part of NUMBER that reader cannot parse (a \u escape, say) empties the
    # words, and the pattern is then searched over every text
    from pipeline.clean.triggers import required
    from pipeline.find.declared import declared_rules
    from pipeline.numerals import NUMBER

    assert required(r"(?P<num>" + NUMBER + r")\s?基点")[0] == frozenset({"基点"})
    for r in declared_rules(pipe.rules):
        if r.regex is not None:
            assert r.needs, r.id
