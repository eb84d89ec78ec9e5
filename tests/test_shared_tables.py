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
    assert {r["cue"] for r in rows} == {"yes", "no"}


def test_conversion_only_pairs_convert_but_are_no_script_cue():
    rows = load_rules().lexicon("script_pairs")
    cue = script.cue_pairs(rows)
    # 臺/台 and 決/决 convert (a Taiwan page's 減少, 決賽, 臺套 read as the rules' words) …
    assert "臺灣決賽減少".translate(script.BUNDLED_TABLE) == "台湾决赛减少"
    # … but 台 is written in Traditional text too: it is not counted as Simplified evidence
    assert "台" not in {r["simplified"] for r in cue}
    assert "臺" not in {r["traditional"] for r in cue} and len(cue) < len(rows)


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


def test_one_for_one_is_str_translate():
    import random
    rnd = random.Random(14)
    table = script.BUNDLED_TABLE
    keys = list(table)
    texts = ["", "報道", "臺灣決賽減少" * 20, "據統計，今年上半年" * 30]
    for _ in range(300):
        n = rnd.randrange(0, 200)
        texts.append("".join(
            chr(rnd.choice(keys)) if rnd.random() < 0.5
            else chr(rnd.choice([rnd.randrange(0x10FFFF), rnd.randrange(0xD800, 0xE000),
                                 rnd.randrange(0x4E00, 0xA000)]))
            for _ in range(n)))
    # (a deletion, a string of several characters, a key beyond the BMP: str.translate itself)
    for t in texts:
        for tab in (table, {ord("據"): None}, {ord("報"): "报道"}, {0x20000: "x"}):
            assert script.one_for_one(t, tab) == t.translate(tab)
