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
