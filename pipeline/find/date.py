"""date facts: absolute, relative, ranges, quarters, festivals (rules/date.yaml).

Every rule of rules/date.yaml runs over the whole text; candidates are checked against the
context guards of the file, overlapping ones give way to the longest, and the rest are
resolved in text order, so 当天, 次日 and a day alone (22日) read the date before them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import compress, pairwise, repeat
from operator import is_not
from typing import Any

import regex

from ..context import Context
from ..dates import grammar as gram
from ..dates import resolve as res
from ..dates.engine import odd
from ..dates.festivals import festival_date
from ..dates.parse import (
    DAY_ANAPH,
    DAY_ANAPH_STRICT,
    DAY_REL,
    MONTH_ANAPH,
    MONTH_REL,
    YEAR_ANAPH,
    YEAR_REL_LOCALES,
    small_number,
    spec_from,
    year_digits,
)
from ..locale import republic_calendar
from ..model import Fact
from ..numerals import enclosing
from ..patterns import CLOSE_OF, OPEN_Q
from ..rules import Rules

_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"
_OPEN_DAY_OK = ("起", "开始", "以来")  # a day alone may open a range (22日起), not 3日后
# the items between the first and the last of a list of days or months (rule date.list)
_LIST_ITEM = regex.compile(r"3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?"
                           r"|十[一二三四五六七八九]?|[一二三四五六七八九]")
_NUMBER_TO = regex.compile(r"[\d零一二两三四五六七八九十]\s?[至到]\s?$")

# a relative day word opening a short quoted name (“今日新闻”, 「明日大嶼」): the rest of the name
_QUOTED_NAME_REST = regex.compile(r"\p{Han}{1,6}[" + "".join(CLOSE_OF.values()) + "]")


@dataclass
class Cand:
    rule: gram.DateRule
    order: int
    start: int
    end: int
    groups: dict[str, Any]
    _specs: tuple | None = None
    datetime: str | None = None   # a range's date-times (5月6日8时至5月9日18时), set by value()

    def specs(self) -> tuple:
        """(point,) or (start, end) Specs of the match, read once (plausible and value share
        them)."""
        if self._specs is None:
            g = self.groups
            self._specs = (
                (spec_from(g, "s_"), spec_from(g, "e_"))
                if self.rule.kind in ("range", "range_bare")
                else (spec_from(g),)
            )
        return self._specs

    @property
    def size(self) -> int:
        return self.end - self.start


def _starts(text: str, near: gram.Near, hits: list | None = None) -> list[tuple[int, int]]:
    """Where a rule's matches can start: from `before` characters before each hit of near.regex
    up to the hit's start, merged; [a, b], both ends included. `hits`: the starts of every hit
    in text (Grammar.hit_scans), else near.regex is run here. With near.run, a window starts no
    earlier than the run of characters the rules can consume that ends at the hit."""
    spans = hits[near.hit] if hits is not None else [m.start() for m in
                                                        near.regex.finditer(text)]
    if not spans:
        return []
    before, run = near.before, near.run
    out: list[tuple[int, int]] = []
    lo = hi = -2
    for s in spans:
        a = s - before if s > before else 0
        if run is not None and a < s:
            a = run.match(text, a, s).start()
        if a <= hi + 1:
            hi = s
        else:
            if hi >= 0:
                out.append((lo, hi))
            lo, hi = a, s
    out.append((lo, hi))
    return out


def _matches_at(rule: gram.DateRule, text: str, starts: list[tuple[int, int]],
                fast: bool = False):
    """What rule.regex.finditer(text) finds, trying only the given start positions (and, when
    the pattern opens with look-arounds, only those where they hold): the same leftmost,
    non-overlapping matches when every match starts there. fast: run the `re` twins of the
    rule and of its first class (engine.py) where it has them."""
    pattern, _, first = rule.engine(fast)
    return _matches_in(pattern, first, text, starts)


def _matches_in(pattern, first, text: str, starts: list[tuple[int, int]]) -> list:
    """_matches_at with the rule's engine chosen: its pattern and its first class (or None).
    A window of one position is tried as it is (the pattern opens with first's look-arounds)."""
    match = pattern.match
    out = []
    end = 0
    for a, b in starts:
        if b < end:
            continue
        if a < end:
            a = end
        if first is None or a == b:
            for p in range(a, b + 1):
                if p >= end and (m := match(text, p)) is not None:
                    out.append(m)
                    end = m.end() if m.end() > p else p + 1
            continue
        for f in first.finditer(text, a, b + 1):   # it reads no further than b
            p = f.start()
            if p >= end and (m := match(text, p)) is not None:
                out.append(m)
                end = m.end() if m.end() > p else p + 1
    return out


def _in_sentence_before(text: str, start: int, words) -> bool:
    """One of `words` earlier in the sentence that holds `start` (at most 60 characters back)."""
    if not words:
        return False
    head = text[max(0, start - 60):start]
    head = head[max(head.rfind(x) for x in "。！？；\n") + 1:]
    return any(w in head for w in words)


def _years_ago(text: str, start: int, end: int) -> bool:
    """A two-digit number of years with 前 or 后 right after its 年 (从18年前, 10年前起, 10年后，
    …): so many years ago or later, not the year 2018 or 2010 (前后 is "about"; 以前, 之前,
    以后 and 之后 may close a year: 07年以后)."""
    k = text.find("年", start, end + 1)
    return k >= 0 and text.startswith(("前", "后", "後"), k + 1) \
        and not text.startswith(("前后", "前後"), k + 1)


def _slash_span(g: dict[str, Any], written: str) -> bool:
    """Two bare month/days that make a span of days by themselves (9/22至9/24, 10/30~11/2): joined
    by 至, 到 or a tilde (not a dash: 3/5-3/7), in the same month with a later day or in the next
    month with another day. A fraction's range never does (1/3至1/2 ends before it starts,
    2/5至3/5 keeps its day)."""
    if "e_m" not in g or "s_m" not in g or not any(j in written for j in "至到~～〜"):
        return False
    sm, sd, em, ed = (int(g[k]) for k in ("s_m", "s_d", "e_m", "e_d"))
    return (em == sm and ed > sd) or (em == sm % 12 + 1 and ed != sd)


def _ends_with_any(s: str, words: tuple[str, ...]) -> bool:
    return s.endswith(words)


def _starts_with_any(s: str, words: tuple[str, ...]) -> bool:
    return s.startswith(words)


class DateFinder:
    def __init__(self, rules: Rules):
        self.g = gram.load(rules)
        gd = self.g.guards
        self.y2_after = tuple(gd.get("two_digit_year_after", ()))
        self.y2_not_after = tuple(gd.get("two_digit_year_not_after", ()))
        self.year_not_before = tuple(gd.get("year_not_before", ()))
        self.year_not_after = tuple(gd.get("year_not_after", ()))
        self.year_within = tuple(gd.get("calendar_year_within", ()))
        # 分别于10月7日及8日: separate dates, unless the list is one item of a list (guards)
        self.list_each = tuple(gd.get("list_each_words", ()))
        self.list_join = tuple(gd.get("list_join_words", ()))
        self.year_not_before_span = tuple(w for w in self.year_not_before
                                          if w not in self.year_within)
        self.day_not_after = tuple(gd.get("day_not_after", ()))
        self.day_not_before = tuple(gd.get("day_not_before", ()))
        self.month_not_after = tuple(gd.get("month_not_after", ()))
        # 一月一调度: the pair's unit and its verb after 一 (a day's 一日 / 一号 / 一十 is a date)
        units = "|".join(map(regex.escape, gd.get("frequency_units", ())))
        self.frequency = regex.compile(rf"一(?:{units})一(?![日号十一二三四五六七八九])\p{{Han}}") \
            if units else None
        self.year_place_after = tuple(gd.get("year_place_after", ()))
        self.first_months_place = frozenset(gd.get("first_months_place", ()))
        self.festival_org_after = tuple(gd.get("festival_org_after", ()))
        lens = "|".join(rf"\p{{Han}}{{{int(n)}}}" for n in gd.get("verse_clause_lengths", ()))
        # a quoted verse: two clauses or more of the same classical length
        self.verse_re = (regex.compile(rf"(?:({lens})[，,。；;！？!?])+\p{{Han}}+[。！？!?]?")
                         if lens else None)
        self.anchor_not_after = tuple(gd.get("anchor_not_after", ()))
        self.month_lunar_mark = tuple(gd.get("month_lunar_mark", ()))
        self.month_duration_after = tuple(gd.get("month_duration_after", ()))
        exts = "|".join(regex.escape(e) for e in gd.get("file_name_ext", ()))
        # the rest of a file's name after a date in it, up to its extension (+15_41_58.png)
        self.file_name_tail = (regex.compile(rf"[\w+\-.]{{0,40}}?\.(?:{exts})(?![A-Za-z0-9])",
                                             regex.I | regex.A) if exts else None)
        self.strict_anaphor_ok = tuple(gd.get("strict_anaphor_after_ok", ()))
        self.anaphor_not_after = tuple(gd.get("anaphor_not_after", ()))
        self.anaphor_not_before = tuple(gd.get("anaphor_not_before", ()))
        self.recurring_month = tuple(gd.get("month_rel_recurring", ()))
        self.recurring_year = tuple(gd.get("year_part_recurring", ()))
        fest = next((r.entry for r in self.g.rules if r.kind == "festival"), {})
        self.period_words = tuple(sorted(fest.get("period_words") or (), key=len, reverse=True))
        # a short alias names its day in a pair with another festival of the lexicon (中秋国庆双节,
        # 元旦、春节) or after a verb that greets it (喜迎国庆, 庆五一: the rule's greeting_words)
        self.festival_names = tuple(self.g.festivals)
        self.greeting_words = tuple(fest.get("greeting_words") or ())
        marks = "".join(regex.escape(m) for m in fest.get("day_marks") or ())
        # 5·12 right before a festival: its month and day
        self.fest_day_before = (regex.compile(rf"(?<![\d.])(1[0-2]|0?[1-9])\s?[{marks}]\s?"
                                              rf"(3[01]|[12][0-9]|0?[1-9])$") if marks else None)
        self.offset_lead = tuple(sorted(gd.get("offset_lead_ok", ()), key=len, reverse=True))
        self.offset_not_before = tuple(gd.get("offset_not_before", ()))
        self.weekday_not_before = tuple(gd.get("weekday_not_before", ()))
        self.offset_after = tuple(gd.get("offset_after", ()))
        self.y3_after = tuple(gd.get("three_digit_year_after", ()))
        self.y2_head_not_before = tuple(gd.get("two_digit_year_head_not_before", ()))
        # 一二年, 三五年: a count of years said roughly, as two-digit years in Chinese digits
        self.cn_y2_approx = frozenset(f"{year_digits(w):02d}" for w in
                                      gd.get("two_digit_cn_year_approx", ()))
        self.packed_not_after = tuple(gd.get("packed_date_not_after", ()))
        self.slash_after = tuple(gd.get("slash_date_after", ()))
        self.slash_before = tuple(gd.get("slash_date_before", ()))
        # per text, only the rules whose hit it holds are looked at: (order, rule) of the rules
        # that scan the whole text, and of those of each hit (Near.hit); and each rule's
        # engine(fast) read once, for both values of fast
        self._whole = [(k, r) for k, r in enumerate(self.g.rules) if r.near is None]
        self._by_hit: list[list[tuple[int, gram.DateRule, gram.Near]]] = [
            [] for _ in range(self.g.hit_scans.count)]
        for k, r in enumerate(self.g.rules):
            if r.near is not None:
                self._by_hit[r.near.hit].append((k, r, r.near))
        self._engines = {fast: [r.engine(fast, scan=r.near is None) for r in self.g.rules]
                         for fast in (False, True)}

    # -- candidates ------------------------------------------------------------------------
    def candidates(
        self, text: str, ref: dt.date | None = None, locale: str = "zh-CN", narrowed: bool = False,
        fast: bool | None = None,
    ) -> list[Cand]:
        """narrowed: text is gram.narrow's already (no second scan for what it would change);
        fast: not engine.odd(that text), when the caller knows it."""
        norm = text if narrowed else gram.narrow(text)
        blocked = [m.span() for m in self.g.not_dates.finditer(norm)] if self.g.not_dates else []
        found = []   # (-length, rule order, start, end, rule, match, group names) of each match
        # start positions per near, from every hit found at once
        starts: dict[int, list[tuple[int, int]]] = {}
        hits = self.g.hit_scans.find(norm)
        if fast is None:
            fast = not odd(norm)   # the `re` twins read this text as the rules do (engine.py)
        engines = self._engines[fast]
        tried = [(order, rule, engines[order][0].finditer(norm)) for order, rule in self._whole]
        for hit, spans in enumerate(hits):
            if not spans:
                continue
            for order, rule, near in self._by_hit[hit]:
                st = starts.get(near.key)
                if st is None:
                    st = starts[near.key] = _starts(norm, near, hits)
                if st:
                    pattern, _, first = engines[order]
                    tried.append((order, rule, _matches_in(pattern, first, norm, st)))
        # (the order of `found` is the sort's below: rule order is kept in each entry)
        for order, rule, matches in tried:
            names = engines[order][1]
            for m in matches:
                s, e = m.span()
                while s < e and norm[s].isspace():
                    s += 1
                while e > s and norm[e - 1].isspace():
                    e -= 1
                if s == e or (blocked and any(a < e and s < b for a, b in blocked)):
                    continue
                found.append((s - e, order, s, e, rule, m, names))
        # The longest plausible candidate wins its span (on equal length the earlier rule): in
        # that order, only a candidate whose span is still free needs its guards read.
        found.sort()   # by (-length, rule order, start): no two entries share all three
        kept: list[Cand] = []
        taken = bytearray(len(norm))
        plausible = self.plausible
        for _, order, s, e, rule, m, names in found:
            if taken.find(1, s, e) >= 0:
                continue
            if names:
                gs = m.groups()
                groups = dict(compress(zip(names, gs, strict=True),
                                       map(is_not, gs, repeat(None))))
            else:
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
            c = Cand(rule, order, s, e, groups)
            if plausible(norm, c, ref, locale):
                kept.append(c)
                taken[s:e] = b"\x01" * (e - s)
        kept.sort(key=lambda c: c.start)
        return kept

    def plausible(self, text: str, c: Cand, ref: dt.date | None = None,
                  locale: str = "zh-CN") -> bool:
        """Context guards: durations (连续5年, 7日内), names, bare relative words, the locale's
        years."""
        g, kind = c.groups, c.rule.kind
        before, after = text[max(0, c.start - 4):c.start], text[c.end:c.end + 4]
        opened = "open_pre" in g or "open_suf" in g
        if self.frequency is not None and text.startswith("一", c.start) \
                and self.frequency.match(text, c.start):
            return False   # 一月一调度: once a month
        if kind == "festival":
            row = self.g.festival(g["fest"], locale)
            tail = text[c.end:c.end + 6]
            if any(0 <= tail.find(w) <= 3 and not any(ch in _PUNCT for ch in tail[:tail.find(w)])
                   for w in self.festival_org_after):
                return False   # 中国春节活动组委会: a body's name, no date
            if (
                row["name"][0] in _NUMERAL_CHARS
                and before
                and before[-1] in _NUMERAL_CHARS + "第双"
            ):
                return False  # 五一 / 十一 inside a longer numeral (三十一, 第十一) or 双十一
            if row["name"][-1].isdigit() and after[:1] and ((after[0].isalnum()
                                                            and after[0].isascii())
                                                            or after[0] in ".%"):
                return False  # 双11.5 / 双11V: a number, not the shopping day
            # 五一 / 国庆 / 圣诞 alone name a day only before a suffix word (国庆期间) or right
            # after
            # a year (今年国庆，去年圣诞。): 五一广场, 圣诞老人 are no dates
            # (a quote may stand between: 中秋国庆“两节”), or in a pair with another festival
            # (中秋国庆, 中秋、国庆) or after a greeting verb (喜迎国庆, 庆五一)
            return row["needs"] != "suffix" \
                or _starts_with_any(after.lstrip("“\"「『"), self.g.suffix_words) \
                or (before.endswith(("年", "年的")) and (not after or after[0] in _PUNCT)) \
                or before.rstrip("、，, ").endswith(self.festival_names) \
                or before.endswith(self.greeting_words)
        if kind == "range_bare":
            if "lmid" in g and (not self._list_follows(g, before, after)
                                or (_in_sentence_before(text, c.start, self.list_each)
                                    and not after.lstrip().startswith(self.list_join)
                                    and not before.rstrip().endswith(self.list_join))):
                return False
            if ("e_y2" in g or "e_y3" in g) and len(g.get("s_n") or "") in (2, 3):
                # 83至92年 (Minguo years) against 约40至50年 / 40至50年之久 (how long); 間 and 内
                # after a span of years name the period (83至85年間)
                return not (_ends_with_any(before, self.year_not_after)
                            or _starts_with_any(after, self.year_not_before_span))
            return True
        if self.file_name_tail is not None and self.file_name_tail.match(text, c.end):
            return False   # 默认标题__2024-06-04+15_41_58.png: the date of a file, not the story's
        if self._in_verse(text, c):
            return False   # “露从今夜白，月是故乡明”: a poem quoted, no date of the story
        if c.rule.id == "date.month" and not any(ch.isdigit() for ch in text[c.start:c.end]) \
                and (enc := enclosing(text, c.start, c.end)) is not None and enc[0] in "《〈":
            return False   # 《延安一月》, 《三月的风》: a work's name, no month of the story
        if "drel" in g and text[c.start - 1:c.start] in OPEN_Q \
                and _QUOTED_NAME_REST.match(text, c.end):
            return False   # 据“今日新闻”报道, “明日大屿”计划: a name in quotes, no day
        if kind in _OWN_RESOLVER_KINDS:
            return self._plausible_own(text, c)
        if "packed" in g and _ends_with_any(before.rstrip(" ：:"), self.packed_not_after):
            return False   # 订单号20230916, 编号：20230916: an identifier, not a date
        if "slash" in g and not _slash_span(g, text[c.start:c.end]) and not (
                _ends_with_any(text[max(0, c.start - 4):c.start].rstrip(" :"), self.slash_after)
                or _starts_with_any(text[c.end:c.end + 4].lstrip(), self.slash_before)):
            return False  # 12/10 in a score or a fraction
        if (
            "dmy" in g
            and locale not in _DAY_FIRST_LOCALES
            and g["d"].lstrip("0") != g["m"].lstrip("0")
            and int(g["d"]) <= 12
        ):
            return False   # 03/04/2025: day first in Hong Kong, month first elsewhere; ambiguous
        if "dmy" in g and "y2" in g and locale == "zh-TW":
            return False   # 22/08/23 in Taiwan: a forum's year first, or day first; no Minguo 23
        if "ypair" in g and not 1 <= int(g["e_y4"]) - int(g["s_y4"]) <= 10:
            return False   # (1920-1998): a life, not the period of a report
        if "ypair" in g and any(ch in "/／" for ch in text[c.start:c.end]) \
                and int(g["e_y4"]) - int(g["s_y4"]) != 1:
            return False   # 1980/1984 (两届奥运): two years, not a school year
        if "roc" in g and locale != "zh-TW":
            return False   # 113/05/20: a Minguo date only in a Taiwan article
        if locale != "zh-TW" and ("ycp" in g or "s_ycp" in g or "e_ycp" in g):
            return False   # 八十八年六月: a Minguo year with its tens, in a Taiwan article only
        if "yrel_local" in g and locale not in YEAR_REL_LOCALES:
            # 上年 / 下年: a report's previous year on the mainland (FACTS.md), plain in Hong Kong
            return False
        specs = c.specs()
        for sp in specs:
            year_only = sp.has_year and sp.month is None and sp.mrel is None and sp.day is None \
                and sp.quarter is None
            if sp.year2 is not None and year_only:
                if _years_ago(text, c.start, c.end):
                    return False   # (从)18年前: eighteen years ago, no year 2018 (10年后 too)
                lead = text[c.start:c.start + 2]
                # (the end of 2021至22年度 takes its century from the first year: no guess)
                # (一五年, 九七年: Chinese digits one by one are a year, not a count of years)
                # (the 至 of 40至50年 joins two counts of years: no "to the year 50")
                y2_after = _ends_with_any(before, self.y2_after) \
                    and not _ends_with_any(before, self.y2_not_after) \
                    and not _NUMBER_TO.search(before)
                if not (sp.year2_text.startswith("0") or y2_after
                        or (sp.year2_cn and sp.year2_text not in self.cn_y2_approx)
                        or "s_y4" in g or "s_yc" in g
                        or lead[:1] in ("从", "自", "在", "由") or "open_pre" in g
                        or self._year2_heads_clause(text, c, sp, ref, locale)
                        or (locale == "zh-TW" and ("ydu" in g or "open_suf" in g))):
                    return False
            if sp.year3 and year_only and not (locale == "zh-TW"
                                               or _ends_with_any(before, self.y3_after)):
                # 113年 alone: a Minguo year in Taiwan, else a duration (公元789年, 在789年 are
                # years)
                return False
            if sp.year3 and year_only and locale != "zh-TW" and sp.year is not None \
                    and 100 <= sp.year < 120 and not before.endswith("公元"):
                # 在105年 off Taiwan: the years a Minguo page writes (100-119) are seldom the
                # second century's in news; no year 0105 (公元105年 still is one)
                return False
            if year_only and kind == "point" and not opened and sp.yrel is None \
                    and _starts_with_any(after, self.year_not_before) \
                    and not _starts_with_any(text[c.end:c.end + 5], self.year_place_after) \
                    and not (self._calendar_year(sp) and _starts_with_any(after,
                                                                          self.year_within)):
                return False
            if year_only and sp.yrel is None and _ends_with_any(before, self.year_not_after) \
                    and not self._calendar_year(sp):
                # (超过2019年同期: a calendar year written in full is no length of time)
                return False
            if year_only and sp.yrel in YEAR_ANAPH and kind != "quarter" and "ypart" not in g:
                return False
            if (
                sp.quarter
                and sp.quarter.startswith("前")
                and sp.quarter.endswith("个月")
                and not sp.has_year
                and not (c.start >= 2 and text[c.start - 1] in self.first_months_place
                         and _HAN.match(text[c.start - 2]))
                # at a clause's head (据海关统计，前5个月，…) the year's, as 前9月 there is
                and not (c.start == 0 or text[c.start - 1] in _CLAUSE_HEAD)
            ):
                return False
            if sp.month is not None and not sp.has_year and sp.day is None:
                # 每年的农历八月 recurs as 每年八月 does; 为期一月 is how long
                wide = text[max(0, c.start - 8):c.start].rstrip()
                if (start := _RANGE_START.search(text, max(0, c.start - 8), c.start)) is not None:
                    # the end of a span whose start recurs (每年3月至5月): it recurs too
                    wide = text[max(0, start.start() - 8):start.start()].rstrip()
                for mark in self.month_lunar_mark:
                    if wide.endswith(mark):
                        wide = wide[:-len(mark)]
                        break
                if _ends_with_any(wide, self.month_not_after) or (
                        "mcn" in g and _ends_with_any(wide, self.month_duration_after)):
                    return False
            if sp.month is not None and not sp.has_year and _ends_with_any(before,
                                                                           self.month_not_after):
                return False
            if sp.drel in DAY_ANAPH_STRICT and before and _HAN.match(before[-1]) \
                    and not _ends_with_any(before, self.strict_anaphor_ok):
                return False   # 会议前一天: the day before a meeting the text need not date
            if sp.drel in DAY_ANAPH and _ends_with_any(before, self.anaphor_not_after):
                return False   # 申请当日年龄不超过35岁: whatever day one applies
            if text[c.start:c.end] in ("当天", "当日", "同日") and before \
                    and _HAN.match(before[-1]) \
                    and not _ends_with_any(before, self.strict_anaphor_ok) \
                    and _starts_with_any(text[c.end:c.end + 4], self.anaphor_not_before):
                return False   # 收割脱粒当天完成, 资金当日到账: within the same day, no date
            if sp.mrel is not None and _in_sentence_before(text, c.start, self.recurring_month):
                return False  # 每月10日前审核上月材料: 上月 of every month, no date
            if "ypart" in g and _in_sentence_before(text, c.start, self.recurring_year):
                return False  # 每年保底…，年底再分红
            if kind == "point" and sp.day is not None and sp.month is None and sp.mrel is None:
                if _ends_with_any(before, self.day_not_after) and "open_pre" not in g:
                    return False
                if not opened and _starts_with_any(after, self.day_not_before):
                    return False
                if "open_suf" in g and g["open_suf"] not in _OPEN_DAY_OK:
                    return False
        return True

    def _in_verse(self, text: str, c: Cand) -> bool:
        if self.verse_re is None:
            return False
        lo = max(0, c.start - 40)
        o = max(text.rfind("“", lo, c.start), text.rfind("「", lo, c.start))
        if o < 0:
            return False
        e = text.find("”" if text[o] == "“" else "」", c.end, c.end + 40)
        if e < 0:
            return False
        inner = text[o + 1:e]
        m = self.verse_re.fullmatch(inner)
        if m is None:
            return False
        n = len(m.captures(1)[0])
        # every clause of the verse has the first one's length
        return all(len(x) == n for x in regex.split(r"[，,。；;！？!?]", inner) if x)

    def _list_follows(self, g: dict, before: str, after: str) -> bool:
        """A list of days or months sharing one 日/月 (7月27、28日, 3、4、5月份, rule date.list) is
        one range only when each item is the one before plus one; a day list with no month
        before it is kept from durations as a day alone is (连续3、4日)."""
        items = [g["s_n"], *_LIST_ITEM.findall(g["lmid"]),
                 g.get("e_d") or g.get("e_dcn") or g.get("e_m") or g.get("e_mcn")]
        nums = [small_number(x) for x in items]
        if any(b is None or a is None or b != a + 1 for a, b in pairwise(nums)):
            return False
        if "dlist" in g and "s_m" not in g and "s_mcn" not in g and "s_mrel" not in g:
            return not (_ends_with_any(before, self.day_not_after)
                        or _starts_with_any(after, self.day_not_before))
        return True

    @staticmethod
    def _calendar_year(sp) -> bool:
        """A written year of 1901-2099 not a round hundred (2018年, 二〇一八年): a year of the
        calendar, not a count of years (2000年间, 1500年内 stay how long)."""
        return sp.year is not None and not sp.year3 and 1900 < sp.year < 2100 \
            and sp.year % 100 != 0

    def _year2_heads_clause(self, text: str, c: Cand, sp, ref: dt.date | None, locale: str) -> bool:
        """23年，… at the head of a clause, ref_date known and the year not after it: a year
        (经营23年 and 30年，… stay durations)."""
        if ref is None or sp.year2_text.startswith("0"):
            return False
        head = text[max(0, c.start - 1):c.start]
        if head and head not in _CLAUSE_ENDS:
            return False
        if not text.startswith(("，", ","), c.end):   # 20年的坚守，… is a duration
            return False
        if _starts_with_any(text[c.end + 1:c.end + 5], self.y2_head_not_before):
            return False   # 10年，弹指一挥间
        year = res._year(sp, res.State(ref=ref, locale=locale))[0]
        return year is not None and ref.year - 30 <= year <= ref.year

    # -- values ----------------------------------------------------------------------------
    def __call__(self, ctx: Context) -> list[Fact]:
        orig = ctx.text
        # the checks read simplified, as the rules; facts slice `orig`
        text, fast = gram.narrow_plain(orig, self.g.special)
        ref = dt.date.fromisoformat(ctx.ref_date) if ctx.ref_date else None
        locale = ctx.meta.get("locale") or "zh-CN"
        if locale != "zh-TW" and republic_calendar(text, locale):
            # a page the locale cues left on the mainland that writes Minguo dates of its own
            # (109年5月29日): its years are read as Taiwan's (pipeline/locale.py decides)
            locale = "zh-TW"
        st = res.State(ref=ref, locale=locale)
        facts: list[Fact] = []
        prev: tuple[Cand, res.Point | None] | None = None
        # festival → the holiday range the text gave
        holidays: dict[tuple[str, str, str], str] = {}
        # 国庆假期 waiting for a gloss （10月1日至7日）
        pending: tuple[Cand, int] | None = None
        day_end: int | None = None     # where the last date with a day (not a festival) ended
        for c in self.candidates(text, ref, locale, narrowed=True, fast=fast):
            if pending is not None and c.rule.kind != "festival":
                pc, pend = pending
                pending = None
                if (text[pend:c.start].strip() in ("（", "(")
                        and c.rule.kind in ("range", "range_bare")):
                    value, last, tags = self.value(c, st, text, prev)
                    prev = (c, last)
                    if value and "/" in value:
                        holidays[self._fest_key(pc)] = value
                        facts.append(Fact("date", orig[pc.start:pend], pc.start, pend, value,
                                          pc.rule.id, extra={"tags": ["festival"]}))
                    if value:
                        st.saw(last)
                        facts.append(Fact("date", orig[c.start:c.end], c.start, c.end, value,
                                          c.rule.id, extra={"tags": tags} if tags else {}))
                    continue
            if facts and facts[-1].end == c.start and self._same_as_before(c, facts[-1].value):
                f = facts[-1]  # 元旦当天, 3月8日当天, 9月当月: one date, not two
                facts[-1] = Fact("date", orig[f.start:c.end], f.start, c.end, f.value, f.rule,
                                 extra=f.extra)
                prev = (c, prev[1] if prev else None)
                continue
            if c.rule.kind == "festival":
                q = c.end
                while q < len(text) and text[q] in _CLOSE_QUOTES:
                    q += 1     # “双11”期间: the period word may follow the closing quote
                m = _HOLIDAY_LENGTH.match(text, q)
                if m and any(text.startswith(w, m.end()) for w in self.period_words):
                    q = m.end()   # 春节七天假期, 国庆8天长假: the period with its length
                period = next((w for w in self.period_words if text.startswith(w, q)), None)
                if period is not None:
                    # a holiday period (国庆假期, 春节黄金周) is not the festival's day: it is the
                    # range the text gives (…的春节假期, 国庆假期（…至…）), else no fact
                    end, key = q + len(period), self._fest_key(c)
                    value = holidays.get(key)
                    if (
                        facts
                        and "/" in facts[-1].value
                        and text[facts[-1].end : c.start] in ("", "的")
                        and facts[-1].rule != c.rule.id
                    ):
                        value = holidays[key] = facts[-1].value
                    if value:
                        facts.append(Fact("date", orig[c.start:end], c.start, end, value, c.rule.id,
                                          extra={"tags": ["festival"]}))
                    else:
                        pending = (c, end)
                    prev = (c, None)
                    continue
            value, last, tags = self.value(c, st, text, prev)
            prev = (c, last)
            if not value:
                continue
            if facts and c.rule.kind == "point":
                value, last = _list_year(text, c, facts[-1], value, last)
            start = c.start
            if c.rule.kind == "festival" and self.fest_day_before is not None and last is not None:
                md = self.fest_day_before.search(text, max(0, c.start - 7), c.start)
                if md and (int(md.group(1)), int(md.group(2))) == (last.m, last.d):
                    start = md.start()     # 9·10教师节: one date
            # a quarter or half (今年下半年) fixes the year, not the month of a day alone after it;
            # nor does a lunar month (农历3月: its 9日 is no day of March)
            lunar_month = text[max(0, c.start - 3):c.start].rstrip().endswith(("农历", "阴历"))
            # a festival named after a day of its sentence (9月19日，民警推测他中秋节会返家)
            # is said of that day, not a new one: a 当日 after it still means the day
            aside = (c.rule.kind == "festival" and day_end is not None
                     and _SENTENCE_END.search(text, day_end, c.start) is None)
            # a picture's date in its credit (…大桥上驶过(2010年1月16日摄)): when the photo was
            # taken, no anchor for the story's 10日 after it
            photo = _PHOTO_DATE.match(text, c.end) is not None
            if not aside and not photo and not _ends_with_any(text[max(0, c.start - 3):c.start],
                                                              self.anchor_not_after):
                # (继1月28日…后: a look back, no anchor for a 当天 after it)
                st.saw(res.Point(last.y) if (c.rule.kind == "quarter" or lunar_month)
                       and last is not None else last)
            if c.rule.kind != "festival" and last is not None and last.d is not None:
                day_end = c.end
            extra: dict[str, Any] = {"tags": tags} if tags else {}
            point_time = last.datetime() if last is not None else None
            if c.datetime or (point_time and "/" not in value):
                # value keeps the date; the time goes here
                extra["datetime"] = c.datetime or point_time
            facts.append(Fact("date", orig[start:c.end], start, c.end, value, c.rule.id,
                              extra=extra))
        return facts

    def _fest_key(self, c: Cand) -> tuple[str, str, str]:
        row = self.g.festivals[c.groups["fest"]]   # the holiday's identity, whatever the place
        return row["calendar"], row["month"], row["day"]

    @staticmethod
    def _same_as_before(c: Cand, before: str) -> bool:
        """当天 after a day (元旦当天), 当月 after a month (9月当月): the same date said twice."""
        w = c.groups.get("drel") or c.groups.get("mrel")
        if w is None or c.end - c.start != len(w) or "/" in before:
            return False
        if w in DAY_ANAPH and DAY_REL[w] == 0:
            return len(before) >= 10
        if w in MONTH_ANAPH and MONTH_REL[w] == 0:
            return len(before) in (4, 7) and before[-3] == "-"
        return False

    def value(self, c: Cand, st: res.State, text: str, prev) -> tuple[str | None, res.Point | None,
                                                                      list[str]]:
        g, kind = c.groups, c.rule.kind
        tags = ["open_range_anchor"] if ("open_pre" in g or "open_suf" in g) else []
        if kind in _OWN_RESOLVER_KINDS:
            return self._value_own(c, st, text, prev)
        if kind == "point":
            sp = c.specs()[0]
            if sp.drel in _TODAY and (gm := _TODAY_GLOSS.match(text, c.end)) is not None:
                st.today = res.glossed_today(int(gm[1]), int(gm[2]), st.ref)
            p = res.point(sp, st)
            return (p.iso() if p else None), p, tags
        if kind == "quarter":
            r = res.quarter(c.specs()[0], st)
            return (r[0], r[1], tags) if r else (None, None, tags)
        if kind == "range":
            s, e = c.specs()
            r = res.range_(s, e, st)
            if r is None:
                return None, None, tags
            c.datetime = res.range_datetime(r[0], s, e, r[1])
            return r[0], r[1], tags
        if kind == "range_bare":
            s, e = c.specs()
            r = res.range_bare(g["s_n"], s, e, st)
            return (r[0], r[1], tags) if r else (None, None, tags)
        # festival: the year of a year written just before it (2023年教师节), else ref_date's
        year = st.ref.year if st.ref else None
        if prev is not None and prev[1] is not None and prev[1].m is None and prev[1].y is not None:
            gap = text[prev[0].end:c.start]
            if gap in ("", "的", " "):
                year = prev[1].y
        row = self.g.festival(g["fest"], st.locale)
        if year is None:
            if row["calendar"] != "solar":
                return None, None, []
            p = res.Point(None, int(row["month"]), int(row["day"]))
        else:
            d = festival_date(row, year)
            if d is None:
                return None, None, []
            p = res.Point(d.year, d.month, d.day)
        return p.iso(), p, ["festival"]


    # -- weekdays, offsets, lunar dates, decades: kinds with their own resolver in resolve.py,
    # read from the match groups directly rather than through a Spec -------------------------
    def _plausible_own(self, text: str, c: Cand) -> bool:
        g, kind = c.groups, c.rule.kind
        if kind == "weekday" and ("wn" in g or "wk" in g):
            # 每年5月第二个周日
            return not _ends_with_any(text[max(0, c.start - 4):c.start], self.month_not_after)
        if kind == "weekday" and "wd2" in g:
            return "wrel" in g or "wrel2" in g   # 下周一至周三; a bare 周一至周五 is a timetable
        if kind == "weekday":
            # 周一至周五 with no 本/下/上 is a timetable (办公时间周一至周五), not a date
            if "wrel" not in g and _GLOSSED.match(text, c.end):
                return False   # 周三（3月6日）: the date in brackets says the day
            return "wrel" in g or not (
                _WEEKDAY_RANGE_AFTER.match(text, c.end)
                or _WEEKDAY_RANGE_BEFORE.search(text[max(0, c.start - 6):c.start])
                or _starts_with_any(text[c.end:c.end + 4], self.weekday_not_before))
        if kind == "offset":
            if _APPROX_PAIR.search(g["on"]):
                return False   # 五六年后, 三四天前: an approximate count, no date
            # 3天后 counts from now only at the head of its clause (三天后，… / 他三天后…); after an
            # event (签约两年后, 收到通知3天后) it counts from that event: no date
            head = text[max(0, c.start - 20):c.start]
            head = head[max(head.rfind(x) for x in _CLAUSE_ENDS) + 1:].strip()
            if _ends_with_any(head, self.offset_after):
                head = ""          # 比赛将于一周后举行: 将于 marks a time from now
            while head:
                w = next((w for w in self.offset_lead if head.endswith(w)), None)
                if w is None:
                    return False
                head = head[:-len(w)].rstrip()
            return not _starts_with_any(text[c.end:c.end + 4], self.offset_not_before)
        return True

    @staticmethod
    def _value_week_of(g: dict, st: res.State) -> tuple[str | None, res.Point | None, list[str]]:
        """5月的第二个星期日 (the nth weekday of a month), 2023年第40周 (an ISO week); the year
        written, else ref_date's."""
        sp = spec_from(g)
        y, _ = res._year(sp, st)
        if y is None and not sp.has_year and st.ref is not None:
            y = st.ref.year
        if y is None:
            return None, None, []
        if "wk" in g:
            r = res.iso_week(y, int(g["wk"]))
        else:
            n = -1 if g["wn"] == "最后一" else (int(g["wn"]) if g["wn"].isdigit()
                                                else small_number(g["wn"]))
            r = res.nth_weekday(y, sp.month, n, res.WEEKDAY[g["wd"]]) if n and sp.month else None
        return (r[0], r[1], []) if r else (None, None, [])

    @staticmethod
    def _offset_base(c: Cand, unit: str, ref, text: str, prev) -> dt.date | None:
        """2023年3月1日报名，3天后公示: a date earlier in the same sentence anchors the offset (a
        day for 天/周/月, a year for 年); else ref_date."""
        if (
            prev is None
            or prev[1] is None
            or any(x in text[prev[0].end : c.start] for x in "。！？；\n")
        ):
            return ref
        pc = prev[0]
        if pc.rule.kind not in ("point", "festival", "lunar", "weekday") \
                or (pc.rule.kind == "weekday"
                    and (pc.groups.get("wd") in (None, "末") or "wd2" in pc.groups)):
            return ref   # a range, a quarter, a decade or a week is no anchor for 3天后
        base = _date_of(prev[1], unit == "年")
        return base if base is not None else ref

    def _value_own(self, c: Cand, st: res.State, text: str, prev) -> tuple[str | None,
                                                                           res.Point | None,
                                                                           list[str]]:
        g, kind, ref = c.groups, c.rule.kind, st.ref
        r = None
        if kind == "weekday":
            if (
                "wrel" not in g
                and prev is not None
                and prev[1] is not None
                and prev[1].d is not None
                and prev[0].rule.kind not in _OWN_RESOLVER_KINDS
                and text[prev[0].end : c.start].strip() in _AFTER_DATE_GAPS
            ):
                return None, None, []   # 3月6日（周三）: the weekday of the date just written
            if "wrel" not in g and _DAY_THEN_BRACKET.search(text, max(0, c.start - 4), c.start):
                # 1018日(星期六): a day the page wrote (its 月 lost) glossed, no date of its own
                return None, None, []
            if "wn" in g or "wk" in g:
                return self._value_week_of(g, st)
            wrel = g.get("wrel")
            if wrel is None and prev is not None and prev[0].rule.kind == "weekday" \
                    and text[prev[0].end:c.start] in _LIST_GAPS:
                wrel = prev[0].groups.get("wrel")   # 下周三、周四: the week of the first
            r = res.weekday(wrel, g.get("wd"), ref)
            if r is not None and "wd2" in g:
                e = res.weekday(g.get("wrel2") or wrel, g["wd2"], ref)
                if e is None or e[1].key() <= r[1].key():
                    return None, None, []
                r = (f"{r[0]}/{e[0]}", e[1])
            if r is not None and ("hh" in g or "hc" in g):
                sp = spec_from(g)
                if r is not None and sp.hour is not None and "/" not in r[0]:
                    p = r[1]
                    r = (r[0], res.Point(p.y, p.m, p.d, sp.hour, sp.minute))
        elif kind == "offset":
            n = 0.5 if g["on"] == "半" else small_number(g["on"])
            unit = g["ou"]
            if g["on"] == "半" and unit == "个月":
                n, unit = 1, "半月"
            r = res.offset(n or 0, unit, -1 if g.get("od", "").endswith("前") else 1,
                           self._offset_base(c, unit, ref, text, prev))
        elif kind == "lunar":
            sp = spec_from(g)
            year, known = res._year(sp, st)
            if not known:
                return None, None, []
            month = 1 if "lnew" in g else (_LUNAR_MONTH.get(g["lm"]) or small_number(g["lm"]))
            day = small_number(g["ld"].lstrip("初"))
            if month and day:
                r = res.lunar(year if sp.has_year else None, month, day, ref)
        elif kind == "decade":
            cent = g.get("cent")
            start = None
            if cent:
                if cent.startswith(("本", "这")):
                    if ref is None:
                        return None, None, []
                    start = ref.year // 100 * 100
                elif cent.startswith("上"):
                    # 上世纪 needs ref_date; with none, 上世纪80年代 keeps the decade by the pivot
                    if ref is None and not g.get("dec"):
                        return None, None, []
                    start = ref.year // 100 * 100 - 100 if ref else None
                else:
                    n = small_number(g["cn"])
                    start = (n - 1) * 100 if n else None
                    if start is None:
                        return None, None, []
            dec = g.get("dec")
            if dec and "dec2" in g:     # 五六十年代: two neighbouring decades
                d1 = small_number(dec)
                dec = dec + "十" if d1 is not None and small_number(g["dec2"]) == d1 + 1 else None
                if dec is None:
                    return None, None, []
            r = res.decade(start,
                           (int(dec) if dec.isdigit() else small_number(dec)) if dec else None, ref)
            if r is not None and "dec2" in g:
                a, b = r[0].split("/")
                b = f"{int(b) + 10:04d}"
                r = (f"{a}/{b}", res.Point(int(b)))
        if r is None:
            return None, None, []
        return r[0], r[1], []


def _date_of(p: res.Point | None, year_only: bool) -> dt.date | None:
    if p is None or p.y is None:
        return None
    if year_only:
        return dt.date(p.y, 1, 1)
    return dt.date(p.y, p.m, p.d) if p.m is not None and p.d is not None else None


_OWN_RESOLVER_KINDS = ("weekday", "offset", "lunar", "decade")   # resolved by their own function
_CLAUSE_ENDS = "。！？；，,：:、\n（(“\"》 "
# a day written right before a bracket (1018日(, 17号（): a weekday in it glosses that day
_DAY_THEN_BRACKET = regex.compile(r"[\d一二三四五六七八九十][日号號]\s?[（(]\s?$")
_AFTER_DATE_GAPS = ("", "（", "(", "，", ",", "是", "为", "、")
_DAY_FIRST_LOCALES = ("zh-HK", "zh-MO", "zh-SG", "zh-MY")   # 15/04/2025: day/month/year
_APPROX_PAIR = regex.compile(r"[一二两三四五六七八九]{2}")
_SENTENCE_END = regex.compile(r"[。！？!?\n]")
# 今天 with the day it is written beside it in brackets (今天(9月7日)): the article's own day
_TODAY = frozenset({"今天", "今日"})
_TODAY_GLOSS = regex.compile(r"\s?[(（]\s?(1[0-2]|0?[1-9])月(3[01]|[12][0-9]|0?[1-9])日\s?[)）]")
# a photo credit right after a date, closing its brackets: (2010年1月16日摄)
_PHOTO_DATE = regex.compile(r"\s*(?:摄|攝|拍摄|拍攝)\s*[)）]")
_HOLIDAY_LENGTH = regex.compile(r"(?:[1-9][0-9]?|[一二两三四五六七八九十]{1,3})\s?天")
_CLOSE_QUOTES = "”\"」』’'"
_PUNCT = "，。、；：！？,.;:!?）)”\"\n "
# a month opening a span right before a month (3月至|5月): the span's start
_RANGE_START = regex.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?\s?"
                             r"(?:至|到|—|–|-|~|～)\s?$")
_HAN = regex.compile(r"\p{Han}")
_CLAUSE_HEAD = frozenset("，。；：！？,;:!?\n \t\u3000")
_GLOSSED = regex.compile(r"\s?[（(]\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?月\s?(?:\d{1,2}|"
                         r"[一二三四五六七八九十]{1,3})\s?[日号]")
_LIST_GAPS = ("、", "和", "与", "及", "或", "或者")
_LUNAR_MONTH = {"正": 1, "冬": 11, "腊": 12}
_WEEKDAY_RANGE_AFTER = regex.compile(r"\s?(?:至|到|—{1,2}|–|-|－|~|～|〜)\s?(?:周|星期|礼拜)")
_WEEKDAY_RANGE_BEFORE = regex.compile(r"(?:周|星期|礼拜)[一二三四五六日天]\s?(?:至|到|—{1,2}|–|-|－"
                                      r"|~|～|〜)\s?$")


def build(rules: Rules):
    return DateFinder(rules)


# what joins two items of a list of dates
_LIST_JOINS = ("和", "、", "及", "与", "以及", ",", "，")
_YEAR_WRITTEN = regex.compile(r"年|\d{4}|(?<!\d)\d{2}[-/.]")


def _list_year(text: str, c: Cand, before: Fact, value: str,
               last: res.Point | None) -> tuple[str, res.Point | None]:
    """2016年7月和11月: a month (or month and day) with no year of its own, joined by a list word
    to a date that writes its year and before it in that year, is of that year — not ref_date's."""
    if text[before.end:c.start].strip() not in _LIST_JOINS or _YEAR_WRITTEN.search(
            text, c.start, c.end) or last is None or last.m is None:
        return value, last
    bv = before.value
    if "/" in bv or "/" in value or len(bv) < 7 or not bv[:4].isdigit() or bv[4] != "-":
        return value, last
    by, bm = int(bv[:4]), int(bv[5:7])
    bd = int(bv[8:10]) if len(bv) >= 10 else 0
    if (last.m, last.d or 0) <= (bm, bd) or last.y == by:
        return value, last
    # (--11 or 2024-11: the month and day part after the year, if any)
    tail = value[value.index("-", 1):] if value.startswith("--") else value[4:]
    return f"{by:04d}{tail}", res.Point(by, last.m, last.d, last.hh, last.mi)
