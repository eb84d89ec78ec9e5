"""The money candidate pattern runs in `re` (faster) except on a text holding a digit only
`regex`'s \\d knows: both engines must find the same matches, groups included."""
import re

import regex
from conftest import REF_DATE, ROOT
from test_numbers import ADVERSARIAL

from pipeline.find import money
from pipeline.scan import _NEWER_DIGITS


def _texts(pipe):
    texts = [pipe.extract(p.read_text("utf-8"), ref_date=REF_DATE).text
             for p in sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt"))]
    for rule in pipe.rules.file("money").rules:
        for ex in (rule.get("examples") or []) + (rule.get("counterexamples") or []):
            texts.append(ex if isinstance(ex, str) else ex["text"])
    return texts + ADVERSARIAL


def _found(pattern, text):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_the_candidate_pattern_finds_the_same_in_re_and_regex(pipe):
    pick = money.build(pipe.rules).pick_candidates
    checked = 0
    for t in _texts(pipe):
        fast = pick(t)
        assert isinstance(fast, re.Pattern), t
        full = regex.compile(fast.pattern)
        got = _found(fast, t)
        assert got == _found(full, t), t
        checked += len(got)
    assert checked > 1000


def test_a_text_with_a_digit_re_does_not_know_is_read_by_regex(pipe):
    pick = money.build(pipe.rules).pick_candidates
    digit = min(_NEWER_DIGITS)
    text = f"补贴{digit}{digit}元，另发5元"
    pat = pick(text)
    assert isinstance(pat, regex.Pattern)
    assert [m.group("num") for m in pat.finditer(text)] == [digit * 2, "5"]
    assert isinstance(pick("补贴5元"), re.Pattern)


def test_a_look_behind_of_words_of_several_lengths_reads_alike():
    words = ["元", "块钱", "元钱"]
    one = regex.compile("(?:" + "|".join(words) + r")?(?<=" + "|".join(words) + ")人民币")
    split = re.compile("(?:" + "|".join(words) + r")?" + money._behind_any(words) + "人民币")
    for t in ("5元人民币", "5块钱人民币", "5钱人民币", "人民币", "元钱人民币x"):
        assert [m.span() for m in one.finditer(t)] == [m.span() for m in split.finditer(t)], t
    assert money._behind_any([]) == ""


def test_the_percent_patterns_find_the_same_in_re_and_regex(pipe):
    """percent's patterns run in `re` with NUMBER_SPACED's look-behinds of one to three spaces
    written as fixed-width ones: the same matches as `regex` (spaced numerals included)."""
    from pipeline.find import percent
    pats, pats_re = percent.build(pipe.rules).patterns
    spaced = ["约 30 %，负3.9%，5%-10%，百 分 之 二 十，千分之五，0.8 个 百 分 点，三成半，半成。",
              "达 9.5   成，上升 0.85  个   百  分  点，百 万  分  之 五，约 12.5   %。",
              "约七 成六，五  三成，3   五成，二 .三五%，百分百，1 000 %。"]
    texts = [*_texts(pipe), *spaced]
    checked = 0
    for rule, pat in pats.items():
        fast = pats_re[rule]
        assert isinstance(fast, re.Pattern), rule
        for t in texts:
            got = _found(fast, t)
            assert got == _found(pat, t), (rule, t)
            checked += len(got)
    assert checked > 100


def test_the_fixed_width_look_behinds_read_as_the_spaced_ones():
    from pipeline.find import percent
    texts = [a + " " * k + b for a in "五3x" for b in "3五" for k in range(5)]
    for spaced, fixed in percent._FIXED_BEHIND.items():
        one, two = regex.compile(spaced + "[3五]"), re.compile(fixed + "[3五]")
        for t in texts:
            assert [one.match(t, i) is None for i in range(len(t))] == \
                [two.match(t, i) is None for i in range(len(t))], (spaced, t)
