"""One generic test runs every example and counterexample of every rule in rules/.

Fact rule files (type count/money/date/percent/award):
  examples:        "text"                → some fact of the file's type found by this rule id
                   {text, expect: [{text, value, unit, …}], ref_date?}
                                          → each expected fact found (fields compared as given;
                                            `type` defaults to the file's type)
  counterexamples: "text"                → no fact of the file's type at all
                   {text, reject: ["第114个", …], ref_date?}
                                          → no fact of the file's type overlapping those strings
  `xfail: "why"` on an entry marks a known failure (strict: it must still fail).
Boilerplate rule files are checked by check_boilerplate() below.
"""
from __future__ import annotations

import pytest

from pipeline.rules import load_rules

RULES = load_rules()


def _cases():
    for rf, rule in RULES.all_rules():
        for kind in ("examples", "counterexamples"):
            for i, ex in enumerate(rule.get(kind) or []):
                marks = []
                if isinstance(ex, dict) and ex.get("xfail"):
                    marks.append(pytest.mark.xfail(reason=str(ex["xfail"]), strict=True))
                yield pytest.param(rf, rule, kind, ex, id=f"{rule['id']}:{kind[:3]}{i}", marks=marks)


def _overlap(fact, text, needle):
    i = text.find(needle)
    while i >= 0:
        if fact.start < i + len(needle) and i < fact.end:
            return True
        i = text.find(needle, i + 1)
    return False


def check_fact_rule(pipe, rf, rule, kind, ex):
    text = ex if isinstance(ex, str) else ex["text"]
    ref = None if isinstance(ex, str) else ex.get("ref_date", rf.data.get("ref_date"))
    if isinstance(ex, str):
        ref = rf.data.get("ref_date")
    art = pipe.extract(text, ref_date=ref)
    assert art.error is None, art.error
    facts = art.facts
    shown = [(f.type, f.text, f.value, f.unit, f.rule) for f in facts]
    if kind == "examples":
        if isinstance(ex, str):
            assert any(f.rule == rule["id"] for f in facts), f"{rule['id']} found nothing in {text!r}: {shown}"
            return
        for want in ex.get("expect") or []:
            want = {"type": rf.type, **want}
            ok = any(all(f.to_dict().get(k) == v for k, v in want.items()) for f in facts)
            assert ok, f"{text!r}: expected {want}, got {shown}"
    else:
        own = [f for f in facts if f.type == rf.type]
        if isinstance(ex, str) or not ex.get("reject"):
            assert not own, f"{text!r}: counterexample produced {shown}"
        else:
            bad = [f for f in own for n in ex["reject"] if _overlap(f, text, n)]
            assert not bad, f"{text!r}: rejected text taken as {[(f.text, f.rule) for f in bad]}"


def check_boilerplate(pipe, rf, rule, kind, ex):
    """Filled in by the boilerplate stage (issue 6)."""


@pytest.mark.parametrize("rf,rule,kind,ex", list(_cases()))
def test_rule_example(pipe, rf, rule, kind, ex):
    if rf.type == "boilerplate":
        check_boilerplate(pipe, rf, rule, kind, ex)
    else:
        check_fact_rule(pipe, rf, rule, kind, ex)


def test_every_rule_has_examples():
    missing = [r["id"] for _, r in RULES.all_rules() if not r.get("examples") and not r["id"].endswith("placeholder")]
    assert not missing, f"rules without examples: {missing}"
