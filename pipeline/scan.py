"""One pass over an article's text that finds every place a fact can start: the candidates.

A candidate is a typed span with offsets:
  numeral   a run of digits / Chinese numerals (numerals.NUMBER) with what follows it (spaces
            and a magnitude 万 亿 allowed between): `follow` is the kind of the mark after it —
            "currency" (元 万美元 港币 …, lexicons/currencies.tsv), "percent" (% ％ ‰
            个百分点 成 折 倍 番), "date" (年 月 日 号 时 …), "unit" (a classifier of
            lexicons/classifiers.tsv) — or None; `mark` is that mark's text
  currency  a currency symbol or code written before a number ($ ￥ US$ 人民币 …)
  percent   a percent mark wherever it stands: % ％ ‰, 分之 (百分之 千分之 仟分之
            百万分之), 分点 (个百分点 百 分 点), 百分百, 半成 — spaces between the
            characters allowed
  date      a date word (今天 去年 上月 周三 …) or a festival name (lexicons/festivals.tsv)
  award     an award head (…奖 …奖章 …称号, lexicons/award_heads.tsv), a standing honour's
            name (lexicons/awards.tsv), a trigger (获评 授予, lexicons/award_triggers.tsv) or a
            designation, grade or name ending of rules/award.yaml (高新技术企业 一等奖 …个人)

The pattern is compiled once per rules folder from the lexicons; scan(ctx, rules) runs it once per
article and keeps the result on the Context, so every finder that asks gets the same list. Where
a word and a numeral start at the same place (十一, 三八红旗手, 一季度) both are candidates. On the
dev corpus every count, money, percent and date fact the finders report overlaps a candidate of
the kind it needs, and 71 of 76 awards (tests/test_declared.py; benchmarks/scan.py times it).

The one pattern defines the scan; Scanner.matches finds its matches branch by branch, each where
it may start, which is several times faster (tests/test_numbers.py checks they are the same).
gated() is the same idea for a finder's own pattern: search only next to a trigger.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

import regex

from .numerals import CN_NUM_CHARS, NUMBER, NUMBER_START
from .patterns import alternation
from .rules import Rules

KINDS = ("numeral", "currency", "percent", "date", "award")
FOLLOWS = ("currency", "percent", "date", "unit")

_PERCENT_MARKS = [
    "%",
    "％",
    "‰",
    "个百分点",
    "個百分點",
    "百分点",
    "百分點",
    "成",
    "折",
    "倍",
    "番",
    "半",       # (一半, 超一半, 一半以上: percent.half)
    "分之",     # (三分之一, 四分之一: percent.fraction, a small whole's share)
]
_DATE_MARKS = [
    "年",
    "月",
    "日",
    "号",
    "號",
    "时",
    "時",
    "点",
    "點",
    "世纪",
    "世紀",
    "年代",
    "季度",
    "周",
    "週",
    "-",
    "/",
    ".",
    "．",
    "／",
    "∕",
    "－",
]
_DATE_WORDS = [
    "今天",
    "明天",
    "昨天",
    "前天",
    "后天",
    "後天",
    "今日",
    "昨日",
    "明日",
    "今晚",
    "今早",
    "今晨",
    "今夜",
    "昨晚",
    "昨夜",
    "昨晨",
    "明晚",
    "明早",
    "明晨",
    "前晚",
    "当天",
    "當天",
    "次日",
    "翌日",
    "当日",
    "當日",
    "今年",
    "去年",
    "明年",
    "前年",
    "后年",
    "後年",
    "今后",
    "本月",
    "上月",
    "下月",
    "本周",
    "上周",
    "下周",
    "本週",
    "上週",
    "下週",
    "星期",
    "礼拜",
    "禮拜",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "週一",
    "週二",
    "週三",
    "週四",
    "週五",
    "週六",
    "週日",
    "上旬",
    "中旬",
    "下旬",
    "月初",
    "月底",
    "年初",
    "年底",
    "年末",
    "岁末",
    "歲末",
    "农历",
    "農曆",
    "正月",
    "腊月",
    "臘月",
    "元旦",
    "除夕",
    "上半年",
    "下半年",
    "一季度",
    "今晨",
    "今晚",
    "昨晚",
    "近日",
    "日前",
    "当年",
    "當年",
    "同年",
    "次年",
    "翌年",
    "本年",
    "上年",
    "去岁",
    "今春",
    "今夏",
    "今秋",
    "今冬",
    "去冬",
    "明春",
    "当晚",
    "當晚",
    "当夜",
    "當夜",
    "当月",
    "當月",
    "同日",
    "同月",
    "是日",
    "是夜",
    "翌晨",
    "第二天",
    "前一天",
]
_PERCENT = (
    r"[%％‰]|半成|(?:[百佰千仟万萬][ \t\u3000]{0,3})+分[ \t\u3000]{0,3}[之点點]"
    r"|[百佰][ \t\u3000]{0,3}分[ \t\u3000]{0,3}[百佰]"
)
_HSPACE = r"[ \t\u3000]{0,3}"


class Candidate(NamedTuple):
    kind: str
    start: int
    end: int
    text: str
    follow: str | None = None  # numeral: the kind of the mark after it
    mark: str = ""  # numeral: that mark's text


def _compile(source: str):
    """The standard `re` when the pattern is plain enough for it: it finds the same matches and
    runs a long alternation of literal words several times faster than `regex`."""
    try:
        return re.compile(source)
    except re.error:
        return regex.compile(source, regex.V0)


class Scanner:
    """The compiled one-pass pattern of a rules folder."""

    def __init__(self, rules: Rules):
        cur_rows = rules.lexicons.get("currencies", [])
        cur_after = [r["word"] for r in cur_rows if r["position"] in ("after", "both")]
        cur_before = [r["word"] for r in cur_rows if r["position"] in ("before", "both")]
        units = [r["unit"] for r in rules.lexicons.get("classifiers", []) if r.get("unit")]
        festivals = [r["name"] for r in rules.lexicons.get("festivals", [])]
        heads = [r["head"] for r in rules.lexicons.get("award_heads", [])]
        names = [r["name"] for r in rules.lexicons.get("awards", [])]
        names += [r["trigger"] for r in rules.lexicons.get("award_triggers", [])]
        if (
            "award" in rules.files
        ):  # designations (高新技术企业) and the ends of names (…个人, …单位)
            for r in rules.file("award").rules:
                for key in ("designations", "grades", "category_tails", "agent_tails"):
                    names += [w for w in r.get(key) or () if len(w) > 1]
        # magnitudes that may stand between the number and its mark (3.5万元, 200万人次)
        mag = r"(?:[千百]?[万萬亿億]|[kKwW](?=" + (alternation(cur_after) or "$^") + r"))?"
        tail = (
            r"(?:"
            + _HSPACE
            + mag
            + _HSPACE
            # (the percent marks first: 分之 is no 分, the cent, of 三分之一)
            + r"(?:(?P<percent>" + alternation(_PERCENT_MARKS) + r")"
            r"|(?P<currency>"
            + (alternation(cur_after) or "$^")
            + r")"
            r"|(?P<date>" + alternation(_DATE_MARKS) + r")"
            r"|(?P<unit>" + (alternation(units) or "$^") + r")))?"
        )
        self._numeral = r"(?P<numeral>" + NUMBER_START + NUMBER + r")" + tail
        # words first: at a position where a word and a numeral both start (十一 国庆, 三八红旗手,
        # 一季度) the word is taken and the numeral is read again on its own (scan())
        branches = [
            r"(?P<award>" + (alternation([*heads, *names]) or "(?!)") + r")",
            r"(?P<dateword>" + alternation([*_DATE_WORDS, *festivals]) + r")",
            r"(?P<pmark>" + _PERCENT + r")",
            r"(?P<cur>" + (alternation(cur_before) or "(?!)") + r")" + _HSPACE
            + r"(?=[\d" + CN_NUM_CHARS + r"])",
            self._numeral,
        ]
        # the one pattern, as its finditer defines the scan (matches() finds the same matches)
        self.pattern = _compile("|".join(branches))
        self.numeral = _compile(self._numeral)
        self._num_chars = set(CN_NUM_CHARS + "0123456789")
        # ...found branch by branch: `re` skips to the first characters of a plain alternation
        # of words by itself; a branch that opens with a class or an assertion (the percent
        # marks, the numeral) is tried only where one of its first characters stands
        self._words = [_compile(branches[k]) for k in (0, 1, 3)]     # award, dateword, cur
        self._pmark = (_compile(branches[2]), re.compile(r"[%％‰半百佰千仟万萬]"))
        self._numeral_first = re.compile(r"[\d.．" + CN_NUM_CHARS + r"]")

    def matches(self, text: str) -> Iterator:
        """The matches of self.pattern.finditer(text), in order: each branch's next match
        from where the last one ended; the leftmost wins, and of two at one place the branch
        written first (as the alternation decides). The word branches are searched ahead (a
        literal alternation costs the characters it passes); the numeral and percent-mark
        branches only up to the best place found so far (their repeats would otherwise read a
        long run of numerals again from each of its characters)."""
        words = [p.search for p in self._words]
        ahead = [nxt(text, 0) for nxt in words]
        numeral = _FirstChar(self.numeral, self._numeral_first, text)
        pmark = _FirstChar(*self._pmark, text)
        pos, n = 0, len(text)
        while True:
            best, rank = None, 5          # rank: the branch's place in the alternation
            for k, order in enumerate((0, 1, 3)):
                m = ahead[k]
                if m is not None and m.start() < pos:
                    m = ahead[k] = words[k](text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best, rank = m, order
            m = numeral.next(pos, best.start() if best is not None else n)
            if m is not None:
                best, rank = m, 4
            # the percent marks come before a numeral or a currency sign at the same place
            limit = n if best is None else best.start() + (1 if rank > 2 else 0)
            m = pmark.next(pos, limit)
            if m is not None:
                best = m
            if best is None:
                return
            yield best
            pos = best.end() if best.end() > best.start() else best.end() + 1

    def _numeral_candidate(self, m) -> Candidate:
        # the last group a numeral's match closes is its mark's kind, or the numeral itself
        follow = m.lastgroup
        s, e = m.span("numeral")
        if follow == "numeral":
            return Candidate("numeral", s, e, m.group("numeral"))
        return Candidate("numeral", s, e, m.group("numeral"), follow, m.group(follow))

    def scan(self, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        add = out.append
        late = False
        for m in self.matches(text):
            kind = m.lastgroup
            if kind not in KIND_OF:
                add(self._numeral_candidate(m))
                continue
            s, e = m.span()
            word = m.group()
            add(Candidate(KIND_OF[kind], s, e, word))
            if word[0] in self._num_chars and kind in ("award", "dateword"):
                n = self.numeral.match(text, s)
                if n:
                    add(self._numeral_candidate(n))
                    late = True
        if late:
            out.sort(key=lambda c: (c.start, c.end))
        return out


class _FirstChar:
    """The leftmost match at or after a position of a pattern whose every match starts with a
    character that `first` (a class) finds, tried only there and only up to a limit; what was
    found, or that nothing starts before a place, is kept for the next call."""

    def __init__(self, pattern, first, text: str):
        self.match, self.text = pattern.match, text
        self.starts = [f.start() for f in first.finditer(text)]   # where a match may start
        self.i = 0                  # starts[:i] are known to start no match at or after `since`
        self.found = None           # the leftmost match at or after `since`, when known
        self.since = 0

    def next(self, pos: int, limit: int):
        """The leftmost match starting in [pos, limit), or None."""
        if pos > self.since:
            self.since = pos
            if self.found is not None and self.found.start() < pos:
                self.found = None
            if self.i < len(self.starts) and self.starts[self.i] < pos:
                self.i = bisect.bisect_left(self.starts, pos, self.i)
        if self.found is not None:
            return self.found if self.found.start() < limit else None
        starts, i = self.starts, self.i
        while i < len(starts) and starts[i] < limit:
            m = self.match(self.text, starts[i])
            if m is not None:
                self.i, self.found = i, m
                return m
            i += 1
        self.i = i
        return None


KIND_OF = {"award": "award", "dateword": "date", "pmark": "percent", "cur": "currency"}


class Candidates(list):
    """The candidates of one article, in start order, with lookups by kind and by offset."""

    def __init__(self, items):
        super().__init__(items)
        self._starts = [c.start for c in self]

    def of(self, kind: str, follow: str | None = None) -> list[Candidate]:
        return [c for c in self if c.kind == kind and (follow is None or c.follow == follow)]

    def between(self, start: int, end: int) -> list[Candidate]:
        """Candidates that start in [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return self[i:j]


def scanner(rules: Rules) -> Scanner:
    """The Scanner of a rules folder, compiled on first use and kept on the Rules."""
    sc = rules.__dict__.get("_scanner")
    if sc is None:
        sc = rules.__dict__["_scanner"] = Scanner(rules)
    return sc


def scan(ctx, rules: Rules) -> Candidates:
    """The candidates of ctx.text: one pass per article, kept on the Context for every finder."""
    cache = ctx.__dict__.setdefault("_candidates", {})
    sc = scanner(rules)
    got = cache.get(id(sc))
    if got is None:
        got = cache[id(sc)] = Candidates(sc.scan(ctx.text))
    return got


def sentences_with(ctx, cands: list[Candidate]) -> list[tuple[int, int]]:
    """The sentence spans of ctx that hold at least one of `cands`, each once, in order."""
    seen: dict[int, tuple[int, int]] = {}
    for c in cands:
        i = ctx.sentence_index(c.start)
        if i not in seen:
            seen[i] = ctx.sentences[i]
    return [seen[i] for i in sorted(seen)]


def gated(pattern, text: str, trigger, reach: Callable[[str, int, int], int], start: int = 0,
          end: int | None = None, bounded: bool = False) -> Iterator:
    """The matches of pattern.finditer(text), found by searching only next to `trigger`.

    A finder's pattern made of optional parts around a number is tried by the regex engine at
    every position of the text, and most positions cannot start a match. `trigger` (a plain
    `re` pattern beginning with a character class, which `re` skips to quickly) finds a
    position that every match holds, and `reach(text, i, pos)` a position no further right
    than the start of any match that starts at or after `pos` and holds position i before (or
    at) its own trigger. Then no match starts between the end of the last match and `reach` of
    the next trigger, so a search from there finds the match the full scan finds next: the
    same matches in the same order (tests/test_numbers.py checks it on the dev corpus and on
    adversarial runs). With `start` and `end`: the matches that start in [start, end), where
    no match of the full scan crosses `start` (a character no match holds stands before it).
    bounded: those of pattern.finditer(text, start, end) instead (the pattern sees no text
    after `end`: a look-ahead there fails, a match ends by it)."""
    pos = start
    stop = len(text) if end is None else end
    endpos = stop if bounded else len(text)
    while True:
        t = trigger.search(text, pos, stop)
        if t is None:
            return
        m = pattern.search(text, max(pos, reach(text, t.start(), pos)), endpos)
        if m is None or m.start() >= stop:
            return
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


# digits the regex module's \\d knows (a newer Unicode than this Python's) that str.isdecimal()
# does not: run_start must step over everything \\d matches
_NEWER_DIGITS = frozenset(
    c for c in regex.findall(r"\d", "".join(map(chr, range(0x10000, 0x20000))))
    if not c.isdecimal()
)


def run_start(chars: frozenset[str] | set[str], text: str, i: int, stop: int = 0) -> int:
    """The start of the run of `chars` and decimal digits (what \\d matches) that ends right
    before text[i], or `stop` if the run reaches back that far."""
    while i > stop and (text[i - 1] in chars or text[i - 1].isdecimal()
                        or text[i - 1] in _NEWER_DIGITS):
        i -= 1
    return i
