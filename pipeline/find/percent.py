"""percent facts: shares and rates (rules/percent.yaml, lexicons/qualifiers.tsv).

value = the number of percent; unit "%" — or "pp" for 个百分点 (percentage points).
- percent.sign:      30%  ５．５％  -22.2%  负3.9%
- percent.fraction:  百分之三十 (30), 千分之五 (0.5), 万分之三 (0.03), 百分之百 (100)
- percent.cheng:     三成 (30), 三成半 (35), 七成六 (76), 半成 (5), 9.5成 (95)
- percent.points:    0.8个百分点 → value 0.8, unit "pp"
- percent.multiple:  增长1.3倍 (130), 增长了一倍 / 翻了一番 (100), 翻两番 (300): a multiple after a
growth
                     verb, tag `multiple` (optional in the corpus gold); 是去年的3倍, 认购386倍 are
                     not
- percent.discount:  打八折 (80), 八五折 (85), 7.5折 (75) after a selling word, tag `discount`
(optional in gold)
- percent.range:     5-10%, 5至10%, 三至五成 → one fact per end (like count and money), tags
                     range_from / range_to; 5%-10% is simply two percent.sign facts
extra `change` is "up" or "down" when a direction word (增长 上升 提高 … / 下降 减少 回落 …)
stands just before the number, only qualifiers, 了, 达, 为 … between them.
Numbers may hold spaces next to their Chinese characters (百 分 之 一 百二 十点 五).
Candidates inside a URL (…%2020…) are not percents.
"""
from __future__ import annotations

import re
from typing import Any

import regex

from .. import nlp
from ..context import Context
from ..model import Fact
from ..numerals import (
    CN_NUM_CHARS,
    NOT_MINUS_BEFORE,
    NUMBER_SPACED,
    alternation,
    inside,
    load_qualifiers,
    lone_capital,
    parse_number,
    parse_quantity,
    url_spans,
)
from ..rules import Rules
from ..scan import gated, run_start
from ..script import simplified_table
from .money import re_reads_alike
from .simplified import find_through_simplified

_S = r"[ \t\u3000]*"
_CHENG_WORD = regex.compile(r"[^成]*成[半一二三四五六七八九两\d]?")
_WS = regex.compile(r"\s")
# the bare numbers of a list that shares the last item's unit (分别增长5.2、4.8和3.1%, 回升7.4个、
# 7.6个和5.5个百分点): right before that item, each followed by a list word
_LIST_WORDS = "、和及与"   # what ends every match of shared_items' pattern (spaces aside)


def _shared_items_re(verbs: list[str]) -> Any:
    """A list of bare numbers before a shared % or 个百分点, each maybe after its own direction
    word (下降0.2个、下降0.6个、提高0.8个百分点)."""
    verb = "(?:" + alternation(verbs) + ")?"
    return regex.compile(
        r"(?:" + verb + r"(?<![\d.,，%．])(?P<n>[-+]?\d{1,3}(?:\.\d{1,3})?)(?P<ge>个)?[ \t]*["
        + _LIST_WORDS + r"][ \t]*)+$")
_DIGITS = "一二三四五六七八九"  # 八五折: two digits read one by one


# shares of a table's row run together (年均课程更新率35%28%20%): two or more numbers of
# at most three digits, each closed by %, the run closed by neither a digit nor a letter
_SHARE_RUN = re.compile(r"(?<![\dA-Za-z%.])(?:\d{1,3}(?:\.\d{1,2})?%){2,}(?![\dA-Za-z])")


def _in_share_run(text: str, s: int, e: int) -> bool:
    """Whether [s, e) lies inside such a run (looked for only around the candidate)."""
    lo = max(0, s - 40)
    return any(m.start() <= s and e <= m.end()
               for m in _SHARE_RUN.finditer(text, lo, min(len(text), e + 40)))


# the character every match of a pattern holds (its mark): a pattern runs only over the
# sentences holding its mark, and no percent lies in a sentence without one
_MARK_OF = {"分": ("percent.fraction", "percent.points"), "%": ("percent.sign",),
            "％": ("percent.sign",), "‰": ("percent.sign",), "巴": ("percent.sign",),
            "成": ("percent.cheng",),
            "折": ("percent.discount",), "倍": ("percent.multiple",), "番": ("percent.multiple",)}
# what every match of a rule holds right before its mark (spaces between where the pattern
# allows them): a numeral's last character (NUMBER_SPACED ends in a digit or a Chinese numeral),
# 半 (三成半 … 半成), the magnitude of 百分之 / 千分之 / 百分点, the digit of 八折 or of 翻两番.
# Most 分 and 成 (部分, 成为) have none: they are not even looked at, and their sentences are
# not searched. (The rules of one mark need the same thing before it.)
_SP_BEHIND = r"[ \t\u3000]*"
# a fraction before these names a round of a tournament (四分之一决赛; the finder reads a
# Simplified copy: 決賽 is 决赛 there)
_ROUND_OF = ("决赛", "赛")
_HELD_MARKS = regex.compile(
    r"(?<=[\d" + CN_NUM_CHARS + r"]" + _SP_BEHIND + r")(?:[%％‰倍]|巴(?=仙))"
    r"|(?<=[\d" + CN_NUM_CHARS + r"半]" + _SP_BEHIND + r")成"
    r"|(?<=[百佰千仟万萬]" + _SP_BEHIND + r")分"
    r"|(?<=[二两三四五六七八九十]" + _SP_BEHIND + r")分"
    r"(?=" + _SP_BEHIND + r"[之一二三四五六七八九])"
    r"|(?<=[\d一二三四五六七八九])折"
    r"|(?<=[一二两三四1-4])番"
)


# Hong Kong's common miswriting of 百分 (百份之七十五, 7個百份點), read as meant
_PER_CENT_TYPO = re.compile(r"百份(?=[之点點])")

# the next item of a list after a 百分之 share: a list word, a bare number (Chinese, with 点
# decimals, or Arabic), then the list's next word, the clause's end or 的
_AFTER_ITEM = re.compile(r"\s*(?:、|以及|及|和|与|或)\s*(?P<n>[零〇○一二两三四五六七八九十百]+"
                         r"(?:点[零〇○一二三四五六七八九]+)?|\d+(?:\.\d+)?)"
                         r"(?=\s*(?:、|以及|及|和|与|或|的|[，。；,;）)]|$))")


def _windows(ctx: Context, tail: int) -> dict[str, list[tuple[int, int]]]:
    """rule id → the sentences holding its mark, in text order. After its % a sign match holds
    only a qualifier of at most `tail` - 1 characters and reads nothing beyond it, so a sign
    window ends `tail` characters after its last % (the rest of the sentence is not searched).
    A mark no match can hold (_HELD_MARKS) opens no window."""
    out: dict[str, list[tuple[int, int]]] = {}
    last: dict[str, int] = {}
    for m in _HELD_MARKS.finditer(ctx.text):
        p = m.start()
        i = ctx.sentence_index(p)
        for rule in _MARK_OF[m.group()]:
            wins = out.setdefault(rule, [])
            if last.get(rule) != i:
                wins.append(ctx.sentences[i])
                last[rule] = i
            if rule == "percent.sign":
                s, e = ctx.sentences[i]
                wins[-1] = (s, min(e, p + 1 + tail))
    return out


def _each(pat, text: str, windows: list[tuple[int, int]]):
    for s, e in windows:
        yield from pat.finditer(text, s, e)


# what a number (NUMBER_SPACED) and the spaces before its % may hold, besides decimal digits
_SIGN_RUN = frozenset(CN_NUM_CHARS + "点點.．﹒,， \t\u3000\u2009\u202f\xa0")
# Every match of a rule of `pats` holds its mark; what stands between the match's start and
# its mark is a qualifier and a sign (`before` characters at most), then characters of a run:
# the number and spaces (percent.sign: 30 %), and 个 百 (percent.points: 0.8个百分点), the
# magnitudes of 百分之 (percent.fraction, no number before them), or 半 (percent.cheng: 半成).
# So no match starts between the end of the last one and `before` characters before the run
# that ends at the next mark, and the search of each window starts there (scan.gated): the same
# matches as the window's finditer, which tries the pattern at every position.
_GATES = {
    "percent.sign": (re.compile(r"[%％‰]|巴(?=仙)"), _SIGN_RUN),
    "percent.fraction": (re.compile("分"), _SIGN_RUN),
    "percent.points": (re.compile("分"), _SIGN_RUN | frozenset("个個半")),
    "percent.cheng": (re.compile("成"), _SIGN_RUN | frozenset("半")),
}


def _each_gated(pat, text: str, windows: list[tuple[int, int]], trigger, run: frozenset[str],
                before: int):
    """pat.finditer(text, s, e) of each window, searched only from where a match holding the
    next mark (trigger) can start: the run of `run` characters and decimal digits before the
    mark, and `before` characters more."""
    def reach(text: str, i: int, stop: int) -> int:
        return run_start(run, text, i, stop) - before
    for s, e in windows:
        yield from gated(pat, text, trigger, reach, s, e, bounded=True)


# NUMBER_SPACED's look-behinds of one to three spaces, each as look-behinds of fixed width (what
# `re` accepts; the same test)
_HS = r"[ \t\u3000]"
_FIXED_BEHIND = {
    r"(?<![" + CN_NUM_CHARS + r"]" + _HS + r"{1,3})":
        "".join(r"(?<![" + CN_NUM_CHARS + r"]" + _HS * k + ")" for k in (1, 2, 3)),
    r"(?<=\d" + _HS + r"{1,3})":
        "(?:" + "|".join(r"(?<=\d" + _HS * k + ")" for k in (1, 2, 3)) + ")",
}


def _in_re(pat):
    """pat in the standard `re`, which runs these patterns faster (pat itself when `re` cannot
    read it); used on the texts `re` reads as `regex` does (money.re_reads_alike)."""
    source = pat.pattern
    for old, new in _FIXED_BEHIND.items():
        source = source.replace(old, new)
    try:
        return re.compile(source)
    except re.error:
        return pat


def build(rules: Rules):
    rf = rules.file("percent")
    cfg = rf.data["guards"]
    q_before, q_after = load_qualifiers(rules.lexicon("qualifiers"))
    q_after_unit = {w: q for w, q in q_after.items() if len(w) > 1 or w in ("多", "余")}
    up = rf.data["change"]["up"]
    down = rf.data["change"]["down"]
    shared_re = _shared_items_re([*up, *down])
    filler = rf.data["change"]["between"]
    cheng_not_before = tuple(cfg["cheng_not_before"])
    range_seps = rf.rule("percent.range")["separators"]
    mult = rf.rule("percent.multiple")
    mult_verbs = mult["verbs"]
    mult_between = mult["between"]
    disc = rf.rule("percent.discount")
    # 八折 (80), 八五折 (85), 7.5折 (75), 打五折: the share of the price paid
    disc_re = regex.compile(
        r"(?P<qb>" + alternation(q_before) + r")?(?<![\d.．" + "一二两三四五六七八九十" + r"])"
        r"(?P<n>[1-9](?:\.\d)?|[一二三四五六七八九](?:[一二三四五六七八九五])?|[一二三四五六七八"
        r"九]点[一二三四五六七八九])"
        r"折(?!"
        + alternation(disc["not_before"])
        + r")(?P<qa>"
        + alternation(q_after_unit)
        + r")?"
    )
    disc_before = tuple(disc["before"])

    NS = NUMBER_SPACED
    # one space may follow a qualifier word, as pages that space their figures write (近 9 成)
    qb = r"(?:(?P<qb>" + alternation(q_before) + r")[ \xa0]?)?"
    qa = r"(?P<qa>" + alternation(q_after_unit) + r")?"
    # (a minus after a letter is a hyphen, but for year-on-year's shorthand: YoY-3%)
    sign = (r"(?P<sign>(?:(?<![\d.%％A-Za-z])|(?<=YoY|yoy|QoQ|qoq|MoM|mom))[-－−]|"
            + NOT_MINUS_BEFORE + r"[负負])?")
    pats = {
        "percent.fraction": regex.compile(
            qb + r"(?<![" + "一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾百佰千仟万萬\\d" + r"])"
            r"(?P<den>[百佰千仟万萬](?:"
            + _S
            + r"[百佰千仟万萬])*|(?P<small>[二两三四五六七八九十]{1,3}))"
            + _S
            + r"分"
            + _S
            # (三分一, 十分一: Hong Kong and Macao write a fraction without 之; read there only)
            + r"(?:之|(?<=百分)(?=百)|(?<=[二两三四五六七八九十]分)(?=[一二三四五六七八九]"
            r"(?![致般样樣直定下起些切同齐齊律向贯貫概边邊旦面方时時天日年月名位个個]|\d)))"
            + _S
            + sign
            + r"(?P<num>"
            + NS
            + r")"
            + qa
        ),
        "percent.points": regex.compile(
            qb
            + sign
            + r"(?P<num>"
            + NS
            + r"|半)"
            + _S
            + r"(?:[个個]"
            + _S
            + r")?百"
            + _S
            + r"分"
            + _S
            + r"[点點]"
            + qa
        ),
        "percent.sign": regex.compile(
            qb + sign + r"(?P<num>" + NS + r")" + _S + r"(?P<pct>[%％‰]|巴仙)" + qa
        ),
        "percent.cheng": regex.compile(
            # 四成三人考獲: 43 % of the people (a digit after 成 is its tenth whatever follows, as
            # Hong Kong papers write it); 两 there is a count of its own (七成两人 is no share)
            qb + r"(?P<num>" + NS + r"|半)" + _S + r"成(?:" + _S + r"(?P<extra>半|[一二三四五六七八"
            r"九\d](?![\d.]|[十百千万])|两(?![\d.]|[十百千万个名家人位]))(?!成))?" + qa
        ),
    }
    # what a match of any of them begins with (a qualifier, a sign, a number's digit, numeral or
    # point, 半), read first: the positions gated's search tries before a match fail at one
    # class instead of at each alternative
    firsts = sorted({w[0] for w in q_before} | set("-－−负負半点點﹒．." + CN_NUM_CHARS))
    first = r"(?=[\d" + "".join(map(regex.escape, firsts)) + r"])"
    pats = {rule: regex.compile(first + pat.pattern) for rule, pat in pats.items()}
    # 增长1.3倍 (an increase of 130%), 翻了一番 (100%), 翻两番 (300%): the verb is part of the text
    mult_re = regex.compile(
        r"(?:(?P<v>"
        + alternation(mult_verbs)
        + r")(?P<mid>(?:"
        + alternation(mult_between)
        + r")*)"
        r"(?P<n>" + NS + r")" + _S + r"倍(?!数|率|镜|速|增|频|投|杠)"
        r"|(?P<fan>翻)(?P<mid2>(?:"
        + alternation(mult_between)
        + r")*)(?P<k>[一二两三四1-4])番)"
        + qa
    )
    change_re = regex.compile(
        r"(?P<w>"
        + alternation([*up, *down])
        + r")(?:"
        + alternation(filler)
        + r"|"
        + _S[:-1]
        + r")*$"
    )
    up_set = set(up)
    # change_re ends with a word, a filler or a space, at the end or before a last \n: a head
    # whose last character ends none of them is not searched
    change_ends = frozenset(w[-1] for w in [*up, *down, *filler] if w) | frozenset(" \t\u3000")

    def change_in(head: str) -> str | None:
        """"up" or "down" by the direction word change_re finds in head, or None."""
        if head[-1:] not in change_ends and not (head.endswith("\n")
                                                 and head[-2:-1] in change_ends):
            return None
        cm = change_re.search(head)
        return None if cm is None else "up" if cm.group("w") in up_set else "down"
    # after its % a sign match holds only a qualifier (qa), and reads nothing beyond it
    sign_tail = max(map(len, q_after_unit), default=0) + 1
    # before its number (or its magnitudes) a match holds at most a qualifier and a sign (one
    # character); a rule whose mark some qualifier holds is searched in the whole window
    sign_before = max(map(len, q_before), default=0) + 1
    gates = {rule: (trigger, run) for rule, (trigger, run) in _GATES.items()
             if not any(trigger.search(w) for w in q_before)}
    range_re = regex.compile(r"(?P<a>" + NS + r")(?:" + alternation(range_seps) + r")$")
    range_ends = tuple(range_seps)
    # the other end of a range after a 百分之 share, bare (介乎百分之二点九至三点一 → 3.1 too): it
    # ends the clause or a range word follows it (之间, 不等), so 百分之五至2030年 reads no 2030
    range_end = re.compile(r"\s*(?:" + alternation(range_seps) + r")\s*"
                           r"(?P<n>[零〇○一二两三四五六七八九十百]+(?:点[零〇○一二三四五六七八九]+)?"
                           r"|\d+(?:\.\d+)?)(?=\s*(?:之间|不等|左右|上下|的|间|[，。；,;）)]|$))")
    signed = {rule: "sign" in pat.groupindex for rule, pat in pats.items()}
    pats_re = {rule: _in_re(pat) for rule, pat in pats.items()}

    def in_word(ctx: Context, s: int, cheng: int) -> bool:
        # only the tokens holding s or cheng matter: those of the blocks around [s, cheng]
        for t in ctx.window(s, cheng + 1):
            if t.start < s < t.end and t.end > cheng + 1:
                # 三五成群: an idiom holds numeral and 成 and goes on (jieba's 升一成, a verb
                # glued to the share it rose by, ends at 成: 按年升一成半 is 15 %)
                return True
            if (
                t.start <= cheng < t.end
                and t.end > cheng + 1
                and t.text not in ("成为", "成是")   # (三成是…: 30 % are …)
                and t.start >= s
                and not _CHENG_WORD.fullmatch(t.text)
                # a word of jieba's dictionary (成立, 成功 …), not one its HMM guessed from
                # unknown characters (近9成含避蚊胺: 成含)
                and nlp.word_tag(t.text) is not None
            ):
                return True   # 成立, 成功 …
        return False

    def find(ctx: Context, full_scan: bool = False) -> list[Fact]:
        """full_scan: each window searched at every position (the slow way the gated search
        is checked against)."""
        text = ctx.text
        wins = _windows(ctx, sign_tail)
        if not wins:
            return []
        urls = url_spans(text)
        out: list[Fact] = []
        # the characters facts already hold (a bytearray: a list of spans scanned per match
        # made 百分之 × 10,000 quadratic)
        used = bytearray(len(text))
        for rule, pat in (pats_re if re_reads_alike(text) else pats).items():
            found = (_each_gated(pat, text, wins.get(rule, []), *gates[rule], sign_before)
                     if rule in gates and not full_scan else _each(pat, text, wins.get(rule, [])))
            for m in found:
                s, e = m.span()
                if used.find(1, s, e) >= 0:
                    continue
                if inside(urls, s, e):
                    continue
                negative = signed[rule] and m.group("sign")
                num = m.group("num")
                ns, ne = m.span("num")
                b1 = text[ns - 1:ns] if ns else ""
                if rule == "percent.sign":
                    a1 = text[e:e + 1] if not m.group("qa") else ""
                    # (a url's escapes, %E4%B8, stay out; a table's cells run together, 占29.1%45.6%
                    # or 占20.4%36-60岁, are shares: a decimal share is no escape)
                    # (…and so do whole shares run together, 35%28%20%, when the run ends in %
                    # and no letter: an escape is % with two hex digits, %20 after a word)
                    glued = "." in num or "．" in num or (
                        (b1 == "%" or a1.isdigit()) and _in_share_run(text, ns, e))
                    # (a share after another and a slash, 14.0%/15.2%/3.7%, is one of a list)
                    listed = b1 == "/" and text[ns - 2:ns - 1] in ("%", "％")
                    if (b1 and b1.isascii() and (b1.isalpha() or (b1 in "=&?/_" and not listed)
                                                 or (b1 == "%" and not glued))) or (
                        a1.isascii() and a1.isalnum() and not (a1.isdigit() and glued)
                    ):
                        continue
                value: float | None
                if num == "半":
                    value, qual = 0.5, None
                else:
                    value, qual = parse_quantity(num)
                if value is None:
                    continue
                unit = "%"
                extra: dict = {}
                if rule == "percent.fraction":
                    small = m.group("small")
                    if small and text[ns - 1:ns] == "分" \
                            and ctx.meta.get("locale") not in ("zh-HK", "zh-MO"):
                        continue    # 十分一致: "very", outside Hong Kong and Macao's 十分一
                    # 三分之一: a share of a small whole (33.33); 百分之三十: of a hundred
                    den = parse_number(small if small else "一" + _WS.sub("", m.group("den")))
                    if not den or (small and (value > den
                                              or text.startswith(_ROUND_OF, m.end()))):
                        continue    # (四分之一决赛: a quarter-final, no share)
                    value = value * 100 / den
                    value = round(value, 2 if small else 12)
                elif rule == "percent.sign" and m.group("pct") == "‰":
                    value = round(value / 10, 12)     # per mille: 5‰ = 0.5%
                elif rule == "percent.points":
                    unit, extra["tags"] = "pp", ["percentage_points"]
                elif rule == "percent.cheng":
                    if value > 10 or value <= 0:
                        continue
                    if lone_capital(num):
                        continue    # 统战部长陆成春: 陆 of a name (a share writes 六成)
                    after = text[m.end("num"):m.end("num") + 6].lstrip(" \t\u3000")[1:]
                    if not m.group("extra") and after.startswith(cheng_not_before):
                        continue
                    if in_word(ctx, s if m.group("qb") else ns, text.index("成", ne)):
                        continue
                    value = value * 10
                    x = m.group("extra")
                    add = (5 if x == "半" else parse_number(x)) if x else 0
                    if add is None:
                        continue
                    value += add
                    value = round(value, 10)
                if negative:
                    value = -value
                if value == int(value):
                    value = int(value)
                if m.group("qb"):
                    qual = q_before[m.group("qb")]
                if m.group("qa"):
                    qual = q_after_unit[m.group("qa")]
                head = text[max(0, s - 12):s]
                change = change_in(head)
                if change:
                    extra["change"] = change
                # ranges: 5-10%, 三至五成: the first end without its own unit
                rm = (
                    range_re.search(head)
                    if not m.group("qb") and not negative
                    # a range's first end is followed by its separator (before a last \n, as $)
                    and head.rstrip("\n").endswith(range_ends)
                    else None
                )
                if rm and rule != "percent.fraction":
                    a_txt = rm.group("a").strip()
                    a_s = s - len(head) + rm.start("a")
                    a_val = parse_number(a_txt)
                    if a_val is not None and rule == "percent.cheng":
                        a_val = a_val * 10 if a_val <= 10 else None
                    if a_val is not None and a_val < value:
                        change2 = change_in(text[max(0, a_s - 12):a_s])
                        ex2 = dict(extra, tags=[*extra.get("tags", []), "range_from"])
                        if change2:
                            ex2["change"] = change2
                        out.append(Fact("percent", a_txt, a_s, a_s + len(a_txt), a_val,
                                        "percent.range", unit, None, extra=ex2))
                        extra["tags"] = [*extra.get("tags", []), "range_to"]
                        rule_used = "percent.range"
                    else:
                        rule_used = rule
                else:
                    rule_used = rule
                out.append(Fact("percent", m.group(), s, e, value, rule_used, unit, qual,
                                extra=extra))
                used[s:e] = b"\x01" * (e - s)
        for m in _each(disc_re, text, wins.get("percent.discount", [])):
            s, e = m.span()
            if used.find(1, s, e) >= 0 or inside(urls, s, e):
                continue
            if not text.endswith(disc_before, max(0, m.start("n") - 4), m.start("n")) and \
                    not text.startswith(tuple(disc["after"]), e) and not m.group("qb"):
                continue
            n = m.group("n")
            v: float | None
            if len(n) == 2 and n[0] in _DIGITS and n[1] in _DIGITS:
                v = (_DIGITS.index(n[0]) + 1) * 10 + _DIGITS.index(n[1]) + 1    # 八五折 = 85
            else:
                v = parse_number(n)
                v = v * 10 if v is not None else None
            if v is None or not 0 < v < 100:
                continue
            v = round(v, 10)
            if v == int(v):
                v = int(v)
            qual = q_before[m.group("qb")] if m.group("qb") else (q_after_unit[m.group("qa")]
                                                                  if m.group("qa") else None)
            out.append(Fact("percent", m.group(), s, e, v, "percent.discount", "%", qual,
                            extra={"tags": ["discount"]}))
            used[s:e] = b"\x01" * (e - s)
        for m in _each(mult_re, text, wins.get("percent.multiple", [])):
            s, e = m.span()
            if used.find(1, s, e) >= 0 or inside(urls, s, e):
                continue
            if m.group("fan"):
                k = parse_number(m.group("k"))  # 一二两三四1-4 all parse
                if k is None:
                    continue
                value, qual = (2 ** k - 1) * 100, None
                mid = m.group("mid2") or ""
            else:
                v, qual = parse_quantity(m.group("n"))
                if v is None or v <= 0:
                    continue
                value, mid = round(v * 100, 10), m.group("mid") or ""
            for w, q in q_before.items():
                if w in mid:
                    qual = q
            if m.group("qa"):
                qual = q_after_unit[m.group("qa")]
            if value == int(value):
                value = int(value)
            out.append(Fact("percent", m.group(), s, e, value, "percent.multiple", "%", qual,
                            extra={"change": "up", "tags": ["multiple"]}))
            used[s:e] = b"\x01" * (e - s)
        out += shared_items(text, out, used)
        out += shared_after(text, out, used)
        out += range_after(text, out, used)
        out.sort(key=lambda f: f.start)
        return out

    def shared_items(text: str, found: list[Fact], used: bytearray) -> list[Fact]:
        """分别增长5.2、4.8和3.1% → 5.2 and 4.8 too (percent.shared), with the last item's unit
        and change; 回升7.4个、7.6个和5.5个百分点 → 7.4 and 7.6 points (个 there is the unit's)."""
        items: list[Fact] = []
        for f in found:
            if f.rule not in ("percent.sign", "percent.points") or not f.text[:1].isdigit():
                continue
            lo = max(0, f.start - 60)
            # (a match ends in a list word and spaces, before a final line break too, as `$`
            # matches there: most facts have none before them, and are not searched)
            head = text[lo:f.start].rstrip(" \t\n")
            stop = f.start
            if head and head[-1] not in _LIST_WORDS and (vm := change_re.search(head)):
                head = head[:vm.start()]       # …、提高0.8个百分点: the last item's own word
                stop = lo + len(head)
            if not head or head[-1] not in _LIST_WORDS:
                continue
            m = shared_re.search(text, lo, stop)
            if m is None:
                continue
            spans = m.spans("n")
            with_ge = [text[ne:ne + 1] == "个" for _, ne in spans]
            if any(with_ge) and f.unit != "pp":
                continue    # 3个、5个和10% names no share
            change = {k: v for k, v in (f.extra or {}).items() if k == "change"}
            for (ns, ne), ge in zip(spans, with_ge, strict=True):
                end = ne + 1 if ge else ne
                value, _ = parse_quantity(text[ns:ne])
                if value is None or used.find(1, ns, end) >= 0:
                    continue
                # an item's own direction word (下降0.2个、提高0.8个百分点) says its change
                own = change_in(text[max(lo, ns - 6):ns]) if ns > m.start() else None
                items.append(Fact("percent", text[ns:end], ns, end, value, "percent.shared",
                                  f.unit, None,
                                  extra={"change": own} if own else dict(change)))
                used[ns:end] = b"\x01" * (end - ns)
        return items

    def shared_after(text: str, found: list[Fact], used: bytearray) -> list[Fact]:
        """分别占百分之四十一、二十四点一及十三点五 → 24.1 and 13.5 too (percent.shared): the
        items after a 百分之 share in a list, each a bare number the list goes on with or ends
        on (a word after an item, 十三点五亿, makes it no share and stops the list)."""
        items: list[Fact] = []
        for f in found:
            if f.rule != "percent.fraction" or "百分之" not in f.text:
                continue
            at = f.end
            while (m := _AFTER_ITEM.match(text, at)) is not None:
                ns, ne = m.span("n")
                value, _ = parse_quantity(m.group("n"))
                if value is None or used.find(1, ns, ne) >= 0 or value > 1000:
                    break
                if value == int(value):
                    value = int(value)
                items.append(Fact("percent", text[ns:ne], ns, ne, value, "percent.shared",
                                  f.unit, None, extra=dict(f.extra or {})))
                used[ns:ne] = b"\x01" * (ne - ns)
                at = ne
        return items

    def range_after(text: str, found: list[Fact], used: bytearray) -> list[Fact]:
        """介乎百分之二点九至三点一 → 2.9 and 3.1 (percent.range): a 百分之 share's range whose
        other end is written bare, above the first (a 5-8% range writes its unit at the end)."""
        ends: list[Fact] = []
        for f in found:
            if f.rule != "percent.fraction" or "百分之" not in f.text:
                continue
            m = range_end.match(text, f.end)
            if m is None:
                continue
            ns, ne = m.span("n")
            value, _ = parse_quantity(m.group("n"))
            if value is None or used.find(1, ns, ne) >= 0 or not value > f.value:
                continue
            if value == int(value):
                value = int(value)
            f.extra = dict(f.extra or {}, tags=[*(f.extra or {}).get("tags", []), "range_from"])
            extra = {k: v for k, v in f.extra.items() if k != "tags"}
            ends.append(Fact("percent", text[ns:ne], ns, ne, value, "percent.range", f.unit,
                             None, extra=dict(extra, tags=["range_to"])))
            used[ns:ne] = b"\x01" * (ne - ns)
        return ends

    # the words of rules/percent.yaml are Simplified: a Traditional text is read through its
    # Simplified copy (same offsets; facts keep the text's characters)
    to_simplified = simplified_table(rules)

    def find_any(ctx: Context, full_scan: bool = False) -> list[Fact]:
        if "百份" in ctx.text and _PER_CENT_TYPO.search(ctx.text):
            # (one character for one: offsets hold, the facts keep the text's characters)
            fixed = Context(text=_PER_CENT_TYPO.sub("百分", ctx.text), ref_date=ctx.ref_date,
                            meta=ctx.meta, warnings=ctx.warnings, facts=ctx.facts)
            facts = find_through_simplified(lambda c: find(c, full_scan), to_simplified, fixed)
            for f in facts:
                f.text = ctx.text[f.start:f.end]
            return facts
        return find_through_simplified(lambda c: find(c, full_scan), to_simplified, ctx)

    find_any.patterns = (pats, pats_re)  # type: ignore[attr-defined]  # (read by tests)
    return find_any
