"""One generic test runs every example and counterexample of every rule in rules/.

Fact rule files (type count/money/date/percent/award):
  examples:        "text"                → some fact of the file's type found by this rule id
                   {text, expect: [{text, value, unit, …}], ref_date?}
                                          → each expected fact found (fields compared as given;
                                            `type` defaults to the file's type, `rule` to the
                                            example's rule: name another rule where that one
                                            finds it), and `expect` lists EVERY fact of the
                                            file's type in the text: one exact reading
  counterexamples: "text"                → no fact of the file's type at all
                   {text, reject: ["第114个", …], ref_date?}
                                          → no fact of the file's type overlapping those strings
  `xfail: "why"` on an entry marks a known failure (strict: it must still fail).
Boilerplate rule files are checked by check_boilerplate() below.
"""
from __future__ import annotations

import pytest

from pipeline.clean import examples
from pipeline.rules import load_rules

RULES = load_rules()


def _cases():
    for rf, rule in RULES.all_rules():
        for kind in ("examples", "counterexamples"):
            for i, ex in enumerate(rule.get(kind) or []):
                marks = []
                if isinstance(ex, dict) and ex.get("xfail"):
                    marks.append(pytest.mark.xfail(reason=str(ex["xfail"]), strict=True))
                yield pytest.param(rf, rule, kind, ex, id=f"{rule['id']}:{kind[:3]}{i}",
                                   marks=marks)


def _overlap(fact, text, needle):
    i = text.find(needle)
    while i >= 0:
        if fact.start < i + len(needle) and i < fact.end:
            return True
        i = text.find(needle, i + 1)
    return False


def match_expect(facts, wants):
    """Pair each wanted fact (a dict of fields) with a distinct fact, the wants with the most
    fields first; returns (wants left unmatched, facts left unpaired)."""
    free = list(facts)
    missing = []
    for want in sorted(wants, key=lambda w: -len(w)):
        hit = next((f for f in free if all(f.to_dict().get(k) == v for k, v in want.items())),
                   None)
        if hit is None:
            missing.append(want)
        else:
            free.remove(hit)
    return missing, free


def expected(rf, rule, ex) -> list[dict]:
    return [{"type": rf.type, "rule": rule["id"], **want} for want in ex.get("expect") or []]


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
        if isinstance(ex, str) or not ex.get("expect"):
            assert any(f.rule == rule["id"] for f in facts), (
                f"{rule['id']} found nothing in {text!r}: {shown}"
            )
            return
        missing, free = match_expect(facts, expected(rf, rule, ex))
        assert not missing, f"{text!r}: expected {missing}, got {shown}"
        extra = [(f.text, f.value, f.rule) for f in free if f.type == rf.type]
        assert not extra, (
            f"{text!r}: `expect` must list every {rf.type} fact of the text; also found {extra}"
        )
    else:
        own = [f for f in facts if f.type == rf.type]
        if isinstance(ex, str) or not ex.get("reject"):
            assert not own, f"{text!r}: counterexample produced {shown}"
        else:
            bad = [f for f in own for n in ex["reject"] if _overlap(f, text, n)]
            assert not bad, f"{text!r}: rejected text taken as {[(f.text, f.rule) for f in bad]}"


def check_boilerplate(pipe, rf, rule, kind, ex):
    """Boilerplate rules: each example line (several lines: one string with \\n), placed in a small
    article (pipeline/clean/examples.py: three paragraphs, the example above, between or under
    them), is removed with the rule's reason, and at least one of its lines by this rule id;
    each counterexample line stays in the body. `keep` lists context lines that must stay (an
    example's other lines must go; a counterexample's other lines may go). Keys: `text`,
    `zone` (head | middle | tail, default tail), `meta` (expected meta values), `repeated: true`
    (the lines are given to clean() as lines the batch found repeated), `reason` (the reason
    expected instead of the rule's: a scorer whose reason a model gives, line by line)."""
    ex, lines, at = examples.article(ex)
    own, zone, body = ex["text"].split("\n"), ex.get("zone", "tail"), examples.BODY
    repeated = frozenset(own) if ex.get("repeated") else frozenset()
    from pipeline.model import Document
    cleaned = pipe.clean(Document(id="t", text="\n".join(lines)), repeated)
    got = {r.line: r for r in cleaned.removed}
    for i, line in enumerate(lines):  # the article's own paragraphs always stay
        if line in body:
            assert i not in got, f"body paragraph removed next to {ex['text']!r}: {got[i]}"
    if kind == "examples":
        missing = [lines[i] for i in at if i not in got and lines[i] not in (ex.get("keep") or ())]
        assert not missing, f"{rule['id']}: not removed in the {zone}: {missing}"
        reasons = ({ex["reason"]} if ex.get("reason") else
                   {rule["reason"], (rule.get("then") or {}).get("reason", rule["reason"])})
        wrong = [(got[i].text, got[i].reason) for i in at
                 if i in got and got[i].rule == rule["id"] and got[i].reason not in reasons]
        assert not wrong, f"{rule['id']}: removed with another reason than {reasons}: {wrong}"
        others = [(got[i].text, got[i].rule) for i in at if i in got]
        assert any(i in got and got[i].rule == rule["id"] for i in at), (
            f"{rule['id']}: lines removed by other rules: {others}")
        for key, value in (ex.get("meta") or {}).items():
            assert cleaned.meta.get(key) == value, (
                f"meta {key}: {cleaned.meta.get(key)!r} != {value!r}"
            )
    else:
        taken = [(got[i].text, got[i].rule) for i in at if i in got
                 and lines[i] in (ex.get("keep") or own)]
        assert not taken, f"counterexample removed in the {zone}: {taken}"
        assert cleaned.text.split("\n") == [ln for i, ln in enumerate(lines) if i not in got]


@pytest.mark.parametrize("rf,rule,kind,ex", list(_cases()))
def test_rule_example(pipe, rf, rule, kind, ex):
    if rf.type == "boilerplate":
        check_boilerplate(pipe, rf, rule, kind, ex)
    else:
        check_fact_rule(pipe, rf, rule, kind, ex)


def test_every_rule_has_examples():
    # a give-back (caption_described) or a keeper (caption_story) removes nothing: its
    # counterexamples are its cases
    missing = [r["id"] for _, r in RULES.all_rules() if not r.get("examples")
               and not r["id"].endswith("placeholder")
               and not (r.get("detector") in ("caption_described", "caption_story")
                        and r.get("counterexamples"))]
    assert not missing, f"rules without examples: {missing}"
