"""pipeline.numerals: written numbers → values, measured on the Recognizers-Text numeral suite."""
from __future__ import annotations

import json

import pytest
import regex
from conftest import SHARED

from pipeline.numerals import NUMBER, NUMBER_SPACED, parse_number, parse_quantity

SUITE = SHARED / "benchmarks" / "recognizers_numbers.jsonl"


def _close(a, b) -> bool:
    return a is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))


@pytest.mark.skipif(not SUITE.exists(), reason="shared numeral suite not present")
def test_recognizers_numeral_values():
    """Every numeral the suite lists, parsed alone, gives the suite's value (floor 0.98; 1.0
    measured)."""
    total, bad = 0, []
    for line in SUITE.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        for e in case["expect"]:
            total += 1
            got = parse_number(e["text"])
            if not _close(got, e["value"]):
                bad.append((e["text"], e["value"], got))
    assert total > 300
    acc = 1 - len(bad) / total
    assert acc >= 0.98, f"accuracy {acc:.3f}; first misses {bad[:10]}"


@pytest.mark.skipif(not SUITE.exists(), reason="shared numeral suite not present")
def test_recognizers_negative_cases_are_not_numbers():
    """Texts the suite says hold no number (万, 一切 …) do not parse as a whole."""
    for line in SUITE.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if not case["expect"] and len(case["text"]) <= 3:
            assert parse_number(case["text"]) is None, case["text"]


@pytest.mark.parametrize("text,value", [
    ("1,184.74", 1184.74), ("1,050,000,000", 1050000000), ("１２３", 123), ("２．５", 2.5),
    ("４，５６５", 4565), ("-2.5", -2.5), (".5", 0.5),
    ("十三", 13), ("两千", 2000), ("一千零五", 1005), ("三万五", 35000), ("四百五", 450),
    ("十", 10), ("一百零一", 101), ("二〇二三", 2023), ("廿三", 23), ("卅", 30), ("两", 2),
    ("壹佰万", 1000000), ("贰拾叁", 23), ("肆仟伍佰", 4500), ("叁拾陆万柒仟", 367000),
    ("3千", 3000), ("1.2万", 12000), ("7.5万", 75000), ("15.6亿", 1560000000),
    ("1184.74万", 11847400), ("4.78万亿", 4780000000000), ("3万4000", 34000), ("5万4千6百", 54600),
    ("二十一万亿", 21000000000000), ("四万万", 400000000), ("零点五", 0.5), ("十五点七", 15.7),
    ("负三十二", -32), ("三分之一", 1 / 3), ("百分之五", 0.05), ("半百", 50),
    ("2万余", 20000), ("十多万", 100000), ("五百余万", 5000000), ("十几", 10), ("三四", 3),
    ("3 000", 3000), ("1\u2009200\u2009000", 1200000), ("1/3", 1 / 3), ("-2/5", -0.4),
    ("一百二", 120), ("两万五", 25000), ("三千五", 3500), ("一〇五", 105),
    ("1.2万亿", 1200000000000), ("万余", 10000), ("千把", 1000), ("萬九", 19000), ("一半", 0.5),
    ("千一", 1100), ("百二萬", 1200000),
    # Traditional and Taiwan forms: ○/〇 as a zero in a digit string, 卅, the small full stop ﹒
    ("七○五億", 70500000000), ("三○二", 302), ("二〇〇八", 2008), ("卅一億", 3100000000),
    ("六十二﹒五", 62.5), ("六十二．五", 62.5), ("62﹒5", 62.5),
    # mixed thousands separators and a space before the magnitude
    ("64，318.50", 64318.5), ("1，234，567", 1234567), ("1,234，567", 1234567),
    ("3.27 亿", 327000000),
])
def test_parse_number(text, value):
    assert _close(parse_number(text), value), (text, parse_number(text))


@pytest.mark.parametrize("text", ["", "万", "亿元", "一切", "abc", "几", "数十", "3-5", "成", "第",
                                  "三八", "两两", "1/0", "把", "把万"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,value,qual", [
    ("2万余", 20000, "more_than"), ("60余", 60, "more_than"), ("十几", 10, "more_than"),
    ("二十多", 20, "more_than"), ("三四", 3, "about"), ("一两", 1, "about"), ("三五", 3, "about"),
    ("五六十", 50, "about"), ("137", 137, None), ("两千", 2000, None),
    ("万余", 10000, "more_than"), ("千把", 1000, "about"), ("百多", 100, "more_than"),
    ("十来", 10, "more_than"), ("二三十", 20, "about"), ("两三百", 200, "about"),
    ("十三四", 13, "about"), ("二十五六", 25, "about"), ("十四五亿", 1400000000, "about"),
    ("十三", 13, None), ("二十五", 25, None),
])
def test_parse_quantity(text, value, qual):
    assert parse_quantity(text) == (value, qual)


def test_integers_stay_integers():
    assert isinstance(parse_number("1.5万"), int)
    assert isinstance(parse_number("1184.74万"), int)
    assert isinstance(parse_number("2.5"), float)


@pytest.mark.parametrize("text,found", [
    ("建成驿站289个、基地1.2万亩", ["289", "1.2万"]),
    ("两千余名志愿者", ["两千"]),   # 余 after the number is the finder's (a qualifier)
    ("一千二百三十四万人", ["一千二百三十四万"]),
    # a space between groups of three separates thousands
    ("员工3 200人", ["3 200"]),
    ("2023 100人", ["2023", "100"]),            # ...not after four digits
    ("编号1 2345", ["1", "2345"]),              # ...nor before four
    ("共3 000.5吨", ["3 000.5"]),
    ("3 12 120人", ["3", "12", "120"]),
    # a clause comma after ASCII groups
    ("撥款$205,490,145,000，另撥1,000。", ["205,490,145,000", "1,000"]),
    ("合计64，318.50元", ["64，318.50"]),       # full-width commas: thousands when decimals follow
    ("共1，234，567人", ["1，234，567"]),        # ...or with two groups
    ("分别为20，300美元", ["20", "300"]),       # one group and no decimals: a list
    ("游客3.27 亿 人次", ["3.27 亿"]),          # a space before 万/亿 joins
    ("各区 12 120 150 万元", ["12 120 150", "万"]),   # ...not after digits grouped by spaces
    ("第3 5万", ["3", "5万"]),                  # ...nor two numbers
    ("增长六十二﹒五％", ["六十二﹒五"]),
    # Taiwan's spaced sums: after 萬 its comma thousands when 元 closes them, 仟 before 元
    ("每年新臺幣 1 萬 4,400 元整，助學金新台幣 5 仟元", ["1 萬 4,400", "5 仟"]),
    ("共3 万 4,500 人，跑3 千米", ["3 万", "4,500", "3", "千"]),
    # a magnitude's trailing digit (一万二 = 12,000) never opens 二手/一手
    ("月薪一万二，樓價1000萬二手住宅，500万一手房", ["一万二", "1000萬", "二", "500万", "一"]),
])
def test_number_pattern_in_text(text, found):
    assert [m.group() for m in regex.finditer(NUMBER, text)] == found


def test_spaced_numbers_only_join_around_chinese():
    assert [m.group() for m in regex.finditer(NUMBER_SPACED, "百分之一 点五")][-1] == "一 点五"
    assert [m.group() for m in regex.finditer(NUMBER_SPACED, "2023 30")] == ["2023", "30"]


def test_spaced_numbers_fail_fast_on_a_long_numeral_run():
    # the two branches of NUMBER_SPACED once both matched a Chinese numeral: a long run with no
    # unit after it then backtracked exponentially (a hung article); `timeout` turns a hang
    # into a failure here
    run = "四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二" * 2
    assert regex.search("(?:" + NUMBER_SPACED + ")%", run, timeout=30) is None
    assert regex.search("(?:" + NUMBER_SPACED + ")%", run + "%", timeout=30).group() == run + "%"


def _enclosing_by_walking(text, start, end, window=40):
    """enclosing() as first written: a walk back over the characters."""
    pairs = {"《": "》", "〈": "〉", "“": "”", "‘": "’", "「": "」", "『": "』", "\"": "\""}
    for i in range(start - 1, max(0, start - window) - 1, -1):
        ch = text[i]
        if ch == "\n" or (ch in pairs.values() and ch not in pairs):
            return None
        if ch in pairs:
            j = text.find(pairs[ch], end, end + window)
            nl = text.find("\n", end, end + window)
            return (ch, i + 1, j) if j >= 0 and (nl < 0 or j < nl) else None
    return None


def test_enclosing_finds_the_pair_a_walk_over_the_characters_finds():
    import random

    from pipeline.numerals import enclosing
    rnd = random.Random(7)
    alphabet = "《》〈〉“”‘’「」『』\"\n三个全面年份字 "
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 120)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        window = rnd.choice([5, 40])
        assert enclosing(text, start, end, window) == _enclosing_by_walking(text, start, end,
                                                                             window), text
    assert enclosing("他说“四个全面”是", 3, 7) == ("“", 3, 7)
    assert enclosing("《三国》两本", 4, 6) is None
