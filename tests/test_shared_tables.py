"""Building blocks shared by several stages, written once: the Traditional → Simplified table
(pipeline/script.py, rules/lexicons/script_pairs.tsv), alternation() and FULL_DATE
(pipeline/patterns.py)."""
from __future__ import annotations

import regex

from pipeline import script
from pipeline.patterns import FULL_DATE, alternation
from pipeline.rules import load_rules


def test_script_pairs_are_one_character_for_one_and_never_ambiguous():
    rows = load_rules().lexicon("script_pairs")
    seen: dict[str, str] = {}
    for r in rows:
        t, s = r["traditional"], r["simplified"]
        assert len(t) == 1 and len(s) == 1, r
        assert seen.setdefault(t, s) == s, f"{t} is both {seen[t]} and {s}"
    assert script.pairs_table(rows) == script.BUNDLED
    assert "報道".translate(script.BUNDLED_TABLE) == "报道"


def test_alternation_takes_the_longest_word_and_never_the_empty_one():
    rx = regex.compile(alternation(["个", "个月", "", "月"]))
    assert rx.match("个月后").group() == "个月"
    assert rx.search("今天") is None


def test_full_date_reads_the_printed_forms_and_only_whole_dates():
    rx = regex.compile(FULL_DATE)
    for text, ymd in (("发布时间：2024-03-08 10:21", ("2024", "03", "08")),
                      ("2024年3月8日电", ("2024", "3", "8")),
                      ("日期 2024 / 3 / 8", ("2024", "3", "8")),
                      ("2019.07.01上线", ("2019", "07", "01"))):
        m = rx.search(text)
        assert m and (m.group("y"), m.group("m"), m.group("d")) == ymd, text
    for text in ("编号12024-03-08", "2024-3月8日", "2024-03-081", "1899-01-01"):
        assert rx.search(text) is None, text
