"""The clean stage's speed-ups of issue 13 keep every result: a rule led by \\d wakes only on a
line that starts with a digit, the fields detector's flags read at load give what the key
entries say, and a page's proposals are what the rules propose, first one asked at once."""
from __future__ import annotations

import pytest
import regex

from pipeline import Pipeline, clean
from pipeline.clean import triggers, twins
from pipeline.clean.detectors import PatternRule
from pipeline.clean.page import Proposals


@pytest.fixture(scope="module")
def cleaner():
    return clean.Cleaner(Pipeline().rules)


def test_digits_are_what_regex_reads_as_d():
    d = twins.digits()
    assert {"0", "9", "٣", "३", "０"} <= d           # ASCII, Arabic-Indic, Devanagari, full-width
    assert not {"a", "一", "十", " ", "½", "²"} & d   # no letter, Han numeral, space, other number
    assert all(regex.fullmatch(r"\d", c) for c in d)


@pytest.mark.parametrize("pattern,first,last", [
    (r"^\d{1,2}(?:\s+\d{1,2}){1,11}$", None, None),      # any digit; a digit's end is unread
    (r"^[\d-]+版$", {"-"}, {"版"}),                        # a class holding \d: its digits too
    (r"^(?:第)?\d+页$", {"第"}, {"页"}),                   # an optional part, then a digit
])
def test_a_digit_led_pattern_tells_its_first_characters(pattern, first, last):
    want = twins.digits() | (frozenset(first) if first else frozenset())
    assert triggers.first_chars(pattern) == want
    # a digit is not a string any line must hold
    assert not any(len(s) > 64 for s in triggers.required(pattern))
    assert triggers.last_chars(pattern) == (frozenset(last) if last else None)


def _slot_of(cl, rule_id: str) -> int:
    """The bits of the rule's slots."""
    bits = 0
    for k, (r, *_rest) in enumerate(cl._calls):
        if isinstance(r, PatternRule) and r.id == rule_id:
            bits |= 1 << k
    assert bits, rule_id
    return bits


def test_a_han_led_line_does_not_wake_a_digit_led_rule(cleaner):
    bits = _slot_of(cleaner, "boilerplate.epaper.page_numbers")
    assert cleaner._wake(clean.norm("1 2 3 4 5")) & bits
    assert cleaner._wake(clean.norm("１ ２ ３")) & bits        # full-width: NFKC makes it ASCII
    assert not cleaner._wake(clean.norm("分享到 微信 微博")) & bits
    # and the rule still takes its line
    assert [p.rule for p in cleaner.proposals(clean.norm("1 2 3 4 5"))][:1] == [
        "boilerplate.epaper.page_numbers"]


@pytest.mark.parametrize("line", [
    "来源：无锡日报 发布时间：2025-10-28 09:15 浏览次数：3562",
    "发布时间：2026-04-28 信息来源：市总工会宣教部 阅读：1286",
    "【责任编辑：王新】",
    "作 者：王某 | 来源：某报",
    "浏览：1432次发布时间：2024-03-08",
    "时间：2024-03-08 10:21",
    "时间：9:00—15:00",
    "主办：某市人民政府办公室 地址：某路1号",
    "分享到：微信 微博 QQ空间",
    "今天，苏州市举行表彰大会。",
])
def test_fields_flags_are_the_key_entries(cleaner, line):
    """The flags read once per key give the proposal the key entries give."""
    fd = cleaner.fields
    for word, entry in fd.info.items():
        assert fd._flags[word] == (entry.get("reason"), entry.get("field"),
                                   bool(entry.get("strong")), entry.get("numeric"),
                                   bool(entry.get("date_only")), bool(entry.get("terms")))
    n = clean.norm(line)
    want = [p for p in (r.propose(n) for r in cleaner.rules) if p is not None]
    assert cleaner.proposals(n) == want


def test_a_page_asks_the_first_proposal_at_once_and_the_rest_when_read(cleaner):
    lines = ["分享到：微信 微博 QQ空间", "", "今天，苏州市举行表彰大会，表彰了一批先进集体和个人。"]
    page = cleaner.page(lines)
    first, blank, body = page.props
    assert isinstance(first, Proposals) and first._got and first[0].reason == "share"
    assert blank == () and body == ()            # no rule proposes: no object
    assert list(first) == cleaner.proposals(clean.norm(lines[0]))


def test_a_set_every_branch_requires_a_part_of_is_required():
    """第…版|[A-Z]…版: every branch holds 版, whatever else it requires first."""
    pattern = r"(?:第\s*[A-Z]?\d{1,3}\s*版|[A-Z]\d{1,2}\s*版)"
    assert frozenset({"版"}) in triggers.required(pattern)
    assert triggers.pattern_triggers(pattern)[0] == frozenset({"版"})
    # a branch without it: nothing of the kind
    assert frozenset({"版"}) not in triggers.required(r"第\d+版|第\d+期")


def test_digit_line_ends_are_read_only_when_asked():
    assert triggers.last_chars(r"^\d+$") is None
    assert triggers.last_chars(r"^\d+$", wide=True) == twins.digits()
    assert triggers.last_chars(r"\d{1,2}\s*$", wide=True) == twins.digits() | triggers._SPACE
    assert triggers.last_chars(r"\d+版?$", wide=True) == twins.digits() | {"版"}


def test_digit_ended_rules_still_take_their_lines(cleaner):
    """A rule ending in \\d is asked of a line ending in a digit, and of no other."""
    n = clean.norm("1 2 3 4 5")
    assert cleaner.proposals(n)[0].rule == "boilerplate.epaper.page_numbers"
    bits = _slot_of(cleaner, "boilerplate.epaper.page_numbers")
    assert not cleaner._wake(clean.norm("1 2 3 4 页")) & bits


def test_a_class_range_with_an_escaped_end_is_read():
    # (boilerplate.spam.script opens with ^(?=[\x20-\x7e]+$): a Chinese line no longer wakes it)
    assert triggers.first_chars(r"^[a-\x63]x") == {"a", "b", "c"}
    assert triggers.first_chars(r"^(?=[\x20-\x7e]+$)(?:var|let)\s") == {"v", "l"}
    assert triggers.first_chars(r"^[a-\dz]x") is None     # a class escape as an end: not read
