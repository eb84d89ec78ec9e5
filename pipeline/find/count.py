"""count facts: a number with a classifier or measure unit (rules/count.yaml,
lexicons/classifiers.tsv).

A candidate is [qualifier] NUMBER [余/多/来] UNIT [qualifier], the unit taken longest-first from
the classifier lexicon (so 个月, 个百分点, 人次 win over 个, 人). Units of kind `duration` or
`other` match only to stop a shorter unit from matching; they never make a count (years,
months and days are dates or durations; 个百分点 is a percent).

Guards, all data in rules/count.yaml `guards` and the lexicon:
- ordinals and ranks: 第114个, 首批, 前10名 (a number after 第/首/前/后 … is not a count);
- 一 as an article (一场活动, 一份答卷) where the lexicon says `one: article`; 一枚金牌 counts;
- a unit that begins another word (`not_before`: 只是, 处理, 位于 …);
- a Chinese numeral inside a longer jieba word (统一个, 十三大) or a numeral + unit inside an
  idiom (千家万户, 三番五次, 五位一体);
- titles 《…》 and short quoted names “四个全面”; trap phrases (八项规定);
- Arabic numbers glued to Latin letters or codes (5G, G20, A3);
- time units after a duration word (历时3小时) — durations are not counts;
- 发 (rounds) only before its nouns or at a clause end (`unit_needs_after`: 500发炮弹, 2000余发。);
- 分 is no unit by itself (minutes, cents, points): count.score takes it after a score word of the
  same clause (考了612分, 总分650分, 高出一本线50分; `context_units`);
- temperatures (℃ 摄氏度 度) take a sign: 零下15℃ and -5℃ → -15, -5 (`signed_units`).

Ranges (3至5个, 3-5个, 3到5万人) give ONE FACT PER END: the first end's text is its number alone
(value 3, unit of the second end, tags ["range_from"]), the second end is number + unit
(tags ["range_to"]). A trailing magnitude is shared: 3到5万人 → 30000 and 50000.
Coordinated lists share their classifier: 分别为12、15、20个 → three counts of 个.
`object` (what was counted) goes in extra when the text says it: the noun phrase after the
unit (2562个暑期见习实践岗位) or, when none follows, the one just before the number
(建立妇联组织137家).

How CountFinder reads an article: the candidate pattern is searched only next to a digit or
numeral that a unit follows (scan.gated: the same matches as a search of every position); each
match gets its unit settled (_settle_unit), its rule (_rule_of), the guards that read only the
characters around it (_rejected), the trap phrases, the guards that need jieba's words
(_rejected_late); once every match is through, the kept ones get their counted objects
(_objects) and become one fact each, a range's two or a list's (_facts).
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from .. import nlp
from ..context import POS_PIECES, Context
from ..model import Fact
from ..numerals import (
    CN_DIGIT_CHARS,
    CN_NUM_CHARS,
    NUMBER,
    NUMBER_START,
    alternation,
    enclosing,
    load_qualifiers,
    lone_capital,
    parse_quantity,
    place_names,
    shared_magnitude,
)
from ..patterns import word_trie
from ..rules import Rules, blocked_words
from ..scan import _NEWER_DIGITS, gated, run_start
from ..script import cue_pairs, simplified_table
from .simplified import as_written, find_through_simplified

_DIGITS = regex.compile(r"[0-9０-９.．]+")
_BIG_MAG = regex.compile(r"[万亿萬億]")
_BARE_MAG = frozenset("百千万亿")     # a bare magnitude: the number is one of these
_MAGS = regex.compile(r"[百千万亿]+")
# what 数 几 若 make indefinite: magnitudes alone (数十, 几百万), never a number with digits
_INDEF_MAGS = regex.compile(r"[十百千万亿拾佰仟萬億]+")
# the rest of a list of distances after the first (、200米、400米 / 、100米栏、200米), up to
# the last item's unit: what follows it says whether the list names events
_EVENT_LIST = regex.compile(r"(?:、\d{2,5}(?:米|公尺)(?:栏|欄)?){1,8}")
# what closes a tally's clause (三等奖一项、二等奖两项。)
_CLAUSE_MARKS = frozenset("、，。；,;")
# the last character of a tally's figure (5起, 两起, 十起)
_TALLY_DIGITS = frozenset("0123456789０１２３４５６７８９两二三四五六七八九十")
_HAN = regex.compile(r"\p{Han}")
_YEAR = regex.compile(r"(?:19|20)[0-9]{2}")
# a slogan list's separators, the end of its sentence, and the numerals an item may skip
_LIST_GAP = re.compile(r"[、，,；;]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CN_DIGIT = dict(zip(range(1, 11), "一二三四五六七八九十", strict=True))
_MAG_INSIDE = re.compile(r"[十百千万亿]")
_COUNT_KINDS = {"classifier", "event", "measure", "time"}
# what starts the unit after a rate's slash (公顷, 小时, h, m²)
_UNIT_START = regex.compile(r"[\p{Han}A-Za-z]")
_CLAUSE = "，。；！？,;!?\n"
_PUNCT = set("，。；：、！？,.;:!?（）()【】[]…—\n ")
# POS tags that can be part of a counted noun phrase (jieba): nouns, names, distinguishing
# words, nominal verbs, adjectives, the particle 的.
_NOUNISH = ("n", "vn", "b", "j", "nz", "nt", "ns", "nr", "an", "l", "i", "ng", "s", "eng")
# tags that end the object after the unit (的 excepted)
_AFTER_STOP = ("p", "c", "d", "r", "u", "ul", "uz", "ug", "y", "e", "o", "m", "q")
_OBJECT_HEAD = ("n", "vn", "j", "l", "i", "nz", "nt")
# spaces the candidate pattern allows between a number and its unit
_SPACES = " \xa0\u2009\u202f"
_UNIT_SPACE = f"[{_SPACES}]"
# what a number, its 余/多/来/几/把 and the spaces before its unit may hold (scan.gated's reach)
_NUMBER_CHARS = frozenset(CN_NUM_CHARS + ",，.．﹒‧·・点點余多来几把 \xa0\u2009\u202f")
_SCORE_RULE = "count.score"
# Arabic digits then a Chinese digit: two numbers, never one (NUMBER: 2024三層崎)
_DIGIT_THEN_CN = re.compile(r"\d[" + CN_DIGIT_CHARS + r"]")
_NO_SPAN = (-1, -1)                  # a group that took no part in a match (Match.regs)
# a run of these is one NUMBER when nothing around it goes on with it (CountFinder._kept)
_PLAIN_RUN = frozenset("0123456789" + CN_NUM_CHARS)
# characters a number may hold but not begin with (NUMBER begins with a digit, a numeral or a
# point): a trigger on one of them is a dead end when no such beginning comes before it
# (CountFinder._dead_end)
_NOT_FIRST = frozenset(",，﹒‧·・点點余多来几把")
_POS_OF = operator.itemgetter(3)     # a Token's pos


_ONE_TO_NINE = regex.compile(r"[1-9一二三四五六七八九]")

class _Spans:
    """The spans of the facts earlier finders found, asked whether one overlaps [s, e)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(itertools.accumulate((b for _, b in spans), max))  # max end so far

    def overlap(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)     # the spans starting before e
        return i > 0 and self.reach[i - 1] > s


@dataclass(slots=True)
class _Cand:
    """One match of the candidate pattern, after the unit is settled: [qb] num [q2] unit [qa]."""
    unit_s: int        # where the pattern's unit starts (before it is settled)
    qb: str | None
    num_s: int
    num_e: int
    num: str
    q2: str | None
    unit: str
    unit_e: int
    qa: str | None
    end: int
    start: int = -1    # where the fact starts: the qualifier before, else the number


def _list_before(lead: tuple[str, ...], units: set[str] | None = None) -> re.Pattern[str]:
    """The earlier items of a list ending right before a number: a lead word (第, 上升), then
    numbers (each with one of `units` after it, when given) joined by 、, then the word or mark
    that joins the last item (第6、7、8及 …, 上升1位、2位和 …)."""
    item = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"
    if units:
        item += r"\s*(?:" + alternation(sorted(units)) + r")"
    return re.compile(r"(?:" + alternation(lead) + r")\s*" + item
                      + r"(?:\s*、\s*" + item + r")*\s*[、和及与或]\s*$")


class _ContextUnit(NamedTuple):
    """A unit that counts only in its context (context_units): 分 after an exam word."""
    context: Any          # the context words' pattern
    window: int           # how far back in the clause they are looked for
    not_before: tuple[str, ...]
    not_after_char: set[str]
    rule: str
    compare: Any          # a comparison opening the next clause (同比增加27天), or None


class _Guards:
    """rules/count.yaml `guards`, read once."""

    def __init__(self, g: dict):
        self.ordinal_before = tuple(g.get("ordinal_before", []))
        # 第6、7、8及 (第二、) right before a number: a list of ranks, its last item joined
        self.ordinal_list = _list_before(self.ordinal_before) if self.ordinal_before else None
        self.rank_before = tuple(g.get("rank_before", []))
        self.rank_units = set(g.get("rank_units", []))
        # the later items of a list of places moved (上升1位、2位和1位): ranks like the first
        self.rank_list = (_list_before(self.rank_before, self.rank_units)
                          if self.rank_before and self.rank_units else None)
        # 位次为2.4万名, 排名升至第…: a rank word, then a linking verb, then the number
        rank_words = "|".join(map(regex.escape, g.get("rank_words", [])))
        rank_links = "|".join(map(regex.escape, g.get("rank_links", [])))
        self.rank_link = regex.compile(f"(?:{rank_words})(?:{rank_links})$")
        self.one_blockers = set(g.get("one_preceded_by", ""))
        self.duration_words = tuple(g.get("duration_before", []))
        self.ambiguous_below = float(g.get("ambiguous_below", 0.5))
        self.joined_noun_from = float(g.get("joined_noun_from", 0.95))
        self.total_words = tuple(g.get("time_total_before", []))
        self.indefinite = set(g.get("indefinite_before", "数几若"))
        self.time_followers = set(g.get("time_unit_followers", "的内以左上之"))
        self.trap_phrases = list(g.get("trap_phrases", []))
        self.one_generic = tuple(g.get("one_generic", []))
        self.one_counts_before = tuple(g.get("one_counts_before", []))
        self.one_counts_after = set(g.get("one_counts_after", ""))
        self.one_tally_units = set(g.get("one_tally_units", []))
        self.one_sibling_units = set(g.get("one_sibling_units", []))
        self.one_rate_after = tuple(g.get("one_after_price", []))
        self.one_before_price = (
            regex.compile(r"\p{Han}{0,3}?[0-9" + CN_NUM_CHARS + r".]+(?:多|余|餘)?(?:"
                          + alternation(g["one_before_price"]) + ")")
            if g.get("one_before_price") else None)
        self.lone_terms = set(g.get("lone_terms", []))
        self.adverb_terms = set(g.get("adverb_terms", []))
        self.event_units = set(g.get("event_units", []))
        self.event_before = tuple(g.get("event_before", []))
        self.event_after = tuple(g.get("event_after", []))
        n = "[0-9０-９" + CN_NUM_CHARS + "]"
        self.clock_after = regex.compile(r"[0-9０-９]|" + n + r"+(?:分钟|分|秒)")
        self.clock_before = regex.compile(n + r"(?:小时|时|分钟|分)$")
        self.quote_max = int(g.get("quoted_name_max", 10))
        self.slogan_run = int(g.get("slogan_run", 3))
        self.obj_stop = set(g.get("object_stop_words", []))
        self.obj_verbs = set(g.get("object_verbs", []))
        self.obj_nominal = set(g.get("object_nominal_verbs", []))
        self.ordinal_units_cn = set(g.get("ordinal_units_chinese", []))
        # 分二期, 连续三届: after these a Chinese numeral + such a unit counts (分二期或四期 too)
        split = g.get("ordinal_units_count_after", [])
        self.ordinal_count_after = regex.compile(
            r"(?:" + alternation(split) + r")(?:[" + CN_NUM_CHARS + r"]+(?:"
            + alternation(sorted(self.ordinal_units_cn)) + r")[或至到、和])?$") if split else None
        self.label_before = {u: tuple(words) for u, words in g.get("label_before", {}).items()}
        self.name_label_units = {u: (regex.compile(alternation(r["words"])),
                                     tuple(r.get("not_after") or ()))
                                 for u, r in (g.get("name_label_units") or {}).items()}
        # a year before these units labels a cohort (2023届, 2016级), it counts nothing
        self.year_label_units = set(g.get("year_label_units", []))
        # 三台县, 三门县: a place named by a Chinese numeral and one of these classifiers
        self.place_name_units = set(g.get("place_name_units", []))
        # 73里 counts Taiwan's villages; 九里关, 八百里秦川 name a place or say a saying
        self.figures_only_units = frozenset(g.get("figures_only_units", []))
        # 柯洁九段: a rank in a text about go or chess (unit → a pattern of the text's words)
        self.rank_in_text = {u: (regex.compile(alternation(r["words"])),
                                 tuple(r.get("not_before") or ()))
                             for u, r in (g.get("rank_in_text") or {}).items()}
        # 签约10个, 节约3吨: the qualifier word is the tail of another word — no qualifier
        self.q_word_tail = {w: set(v) for w, v in (g.get("qualifier_word_tail") or {}).items()}
        self.approx_before = g.get("approx_before", {})  # 上千名 → more_than
        self.reported_units = {u: str(r) for u, r in g.get("reported_units", {}).items()}
        self.one_char_not_noun = set(g.get("one_char_not_noun", ""))
        # units that make no count by themselves (kind other) but do in a context: 分 after an
        # exam or score word in the same clause (考了612分, 总分650分, 高出一本线50分)
        self.ctx_units = {
            u: _ContextUnit(
                regex.compile(alternation(c["context"])), int(c.get("window", 16)),
                tuple(c.get("not_before", [])), set(c.get("not_after_char", "")),
                str(c.get("rule", _SCORE_RULE)),
                # a clause opening on a comparison (…天数达269天，同比增加27天) reads the
                # context of the clause before it: the same days compared
                re.compile(r"\s*(?:" + alternation(c["compare_leads"]) + ")")
                if c.get("compare_leads") else None)
            for u, c in (g.get("context_units") or {}).items()}
        # units whose Han follower must be one of these words (500发炮弹) — else punctuation or a
        # qualifier must follow (2000余发。)
        self.needs_after = {u: tuple(v) for u, v in (g.get("unit_needs_after") or {}).items()}
        self.no_figure_after = frozenset(g.get("unit_not_before_figure") or ())
        # a fraction before these unit + word pairs measures, it counts nothing (上升0.73个点:
        # an index's points)
        self.fraction_not_before = {u: tuple(v) for u, v in
                                    (g.get("fraction_not_before") or {}).items()}
        self.rate_marks = "".join(g["rate_marks"])
        self.rate_units = frozenset(g.get("rate_units", []))
        self.rate_not_per = tuple(g.get("rate_not_per", []))
        # 时速350公里, 每小时三百公里以上, 50米每秒: a speed said in words, no amount (and each
        # speed of a list after the words: 每小時69、56及55公里)
        self.rate_before = (re.compile(r"(?:" + alternation(g["rate_before"]) + r")(?:"
                                       + alternation(g.get("rate_links", [])) + r")?\s*"
                                       r"(?:[\d.]+\s*(?:[、,，]|及|和|与|與|或)\s*)*$")
                            if g.get("rate_before") else None)
        self.rate_after = tuple(g.get("rate_after", []))
        # 以10.5秒的成绩, 7米93的个人最好成绩: a result, no amount (its figure's own digits may
        # follow the unit)
        self.result_units = frozenset(g.get("result_units", []))
        self.result_after = (re.compile(r"\d{0,3}(?:[秒分]\d{0,3})?的?[^，。；,;！？!?|\n]{0,8}?(?:"
                                        + alternation(g["result_after"]) + ")")
                             if g.get("result_after") else None)
        # units a sign may precede (零下15℃, -5℃): the value is negative and the text holds the
        # sign
        self.signed_units = set(g.get("signed_units", []))
        self.sign_words = tuple(g.get("sign_before", ["零下", "-", "−", "－", "负"]))
        self.before_steps = [int(x) for x in g.get("object_window_before", [8, 16])]
        self.after_steps = [int(x) for x in g.get("object_window_after", [10, 24])]
        self.obj_hmm = bool(g.get("object_hmm", True))


_PLACE_SUFFIXES = "县市镇乡区縣鎮鄉區"


def _places_at(text: str, name: str) -> Iterator[int]:
    """Where `name` stands right before a place's suffix (三台 in 三台县)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if end < len(text) and text[end] in _PLACE_SUFFIXES:
            yield at
        at = text.find(name, at + 1)


class CountFinder:
    """The count finder of a rules folder: patterns compiled once, find(ctx) per article."""

    def __init__(self, rules: Rules):
        rf = rules.file("count")
        self.g = g = _Guards(rf.data.get("guards") or {})
        self.units = units = {r["unit"]: r for r in rules.lexicon("classifiers")}
        self.q_before, q_after = load_qualifiers(rules.lexicon("qualifiers"))
        # qualifiers between number and unit are part of NUMBER/parse_quantity (余 多 来)
        self.q_after_unit = {w: q for w, q in q_after.items() if len(w) > 1 or w in ("许",)}
        range_seps = rf.rule("count.range").get("separators", ["至", "到", "-", "~", "～", "—"])
        list_seps = rf.rule("count.list").get("separators", ["、"])
        unit_re = alternation(units)
        qb_words = [*self.q_before, *g.approx_before]
        qa_re = alternation(self.q_after_unit)
        qb_alt = alternation(qb_words)
        # the pattern's own alternations as tries (patterns.word_trie: the same matches in the
        # same order; the regex module tries a few branches at a position instead of every word)
        unit_trie = word_trie(units)
        self.cand = regex.compile(
            # one space may follow a qualifier word (约 13000 人, as content systems space numbers)
            r"(?:(?P<qb>"
            + word_trie(qb_words)
            + r")" + _UNIT_SPACE + r"?)?(?P<num>"
            + NUMBER_START
            + NUMBER
            # 吸引40 多家企业: a space between digits glued to a Chinese word (or a clause mark),
            # or spaced from one (自治区 600 余所), and 多/余 + a unit
            + r")(?:(?<=(?:[\p{Han}」』”，、；：;:]|\p{Han}" + _UNIT_SPACE + r")\d[\d.,]*)"
            + _UNIT_SPACE
            + r"(?=[余多](?:" + unit_re + r")))?"
            + r"(?P<q2>[余多来几]|(?<=[百千万])把)?"
            # 3.27 亿 人次: a space before the unit only after a magnitude (12 张 in a table row
            # is no count), or one space after Arabic digits glued to a Chinese word or a
            # closing quote or a clause mark (项目219 个, 「南投燈會」2964 票, ，299 人被授予,
            # 股數3,081,690,283 股), or spaced on both sides when the unit ends the phrase
            # (项目 58 个、); never after digits that another number and a space precede (a
            # flattened table row: 2023 12 个) nor before a name (姓名 1 张三). Each branch begins
            # with a space: the look-ahead spares the (variable-length) look-behinds wherever
            # none follows (most candidates)
            r"(?:(?=" + _UNIT_SPACE + r")(?:(?<=[万亿萬億])" + _UNIT_SPACE + r"{1,2}"
            r"|(?<=(?:[\p{Han}」』”，、；：;:]|(?<!\d),)(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\d.]+))"
            + _UNIT_SPACE +
            # …or at a sentence's start, before a Chinese unit (。29 名运动员出席)
            r"|(?<=[。！？!?](?:\d{1,3}(?:,\d{3})+|\d+))" + _UNIT_SPACE + r"(?=\p{Han})"
            # …or after a qualifier word and a space (约 13000 人的缺口): no table row has one
            r"|(?<=(?:" + qb_alt + r")" + _UNIT_SPACE + r"[\d.]+)" + _UNIT_SPACE +
            # (or a closing bracket: 女甲(乙级) 8 支球队)
            # (its digits may be grouped by spaces themselves: 全市共有 3 456 家企业)
            r"|(?<=[\p{Han})）]" + _UNIT_SPACE + r"(?:\d{1,3}(?:[ \u2009\u202f\xa0]\d{3})+"
            r"|\d[\d.,]*))" + _UNIT_SPACE + r"(?=(?:"
            + unit_re
            # …or inside a bracket that closes right after the unit (叁名（3 名）, (共 12 个))
            + r"))|(?<=[(（]\d{1,5})" + _UNIT_SPACE + r"(?=(?:" + unit_re + r")[)）])"
            # …or at the start of a line that goes on with a sentence the line before broke off
            # after a Chinese word (a PDF's line breaks: 是全省 / 39 个试点县之一): a line of prose
            # (a clause mark in it), not a heading (目录 / 2 个人所得税); the unit goes on with a
            # Chinese word, which a flattened table's cell (12 个) never does
            + r"|(?<=[,，、;；][^\n]{0,200}\p{Han}\n[ \t\u3000]*\n?[ \t\u3000]*\d{1,5})"
            + _UNIT_SPACE
            + r"(?=(?:" + unit_re + r")\p{Han})"
            + r"))?"
            r"(?P<unit>" + unit_trie + r")"
            r"(?P<qa>" + word_trie(self.q_after_unit) + r")?"
        )
        # every candidate holds a digit, a numeral, 余/多/来/几/把 or a space right before its
        # unit: the one place scan.gated needs to look (a class of the units' first characters
        # first, so that `re` tries their alternation only where one may start)
        last = r"[\d" + "".join(map(re.escape, sorted(_NUMBER_CHARS))) + r"]"
        gap = r"[余多来几把]?" + _UNIT_SPACE + r"{0,2}"
        firsts = "[" + "".join(sorted({re.escape(u[0]) for u in units})) + "]"
        # (the unit and the qualifier after it are kept: _kept reads them; as tries, the same
        # matches, and `re` tries a few branches where the class holds instead of every unit)
        self.trigger = re.compile(last + "(?=" + gap + firsts + ")(?=" + gap + "(?P<u>" + unit_trie
                                  + ")(?P<qa>" + word_trie(self.q_after_unit) + ")?)")
        self.qb_max = max(map(len, qb_words), default=0)
        gi = self.cand.groupindex
        self.g_qb, self.g_num, self.g_q2, self.g_unit, self.g_qa = (
            gi["qb"], gi["num"], gi["q2"], gi["unit"], gi["qa"])
        self.may_count = {u for u, r in units.items() if r["kind"] in _COUNT_KINDS} \
            | set(g.ctx_units)
        # units that no number goes on with (not 百分点 千米 兆瓦): a run of plain digits right
        # before one is a match the trigger tells whole (_kept); find() drops it when the unit
        # never counts (年 月 日)
        self.plain_units = frozenset(u for u in units if not _goes_on(u[0]))
        self.never_counts = frozenset(u for u in self.plain_units if u not in self.may_count)
        self.qb_words = frozenset(qb_words)
        # a trigger on one of these may be a dead end (_dead_end): a character a number holds but
        # begins with no number, nor is part of a qualifier word
        self.dead_ends = _NOT_FIRST - {ch for w in qb_words for ch in w}
        # such characters that some qualifier word holds (多: 多达, 差不多, 最多): a trigger on
        # one is a dead end too where no qualifier word holds it (_in_qualifier), the trigger
        # then being no part of a match's qualifier (发生了多起: one search less to the text's
        # next number). Per character: (word, where in it the character stands) of each word
        self.qb_holding = {ch: tuple((w, j) for w in qb_words for j, c in enumerate(w) if c == ch)
                           for ch in _NOT_FIRST - self.dead_ends}
        self.time_units = frozenset(u for u, r in units.items() if r["kind"] == "time")
        if any(w[-1] in _PLAIN_RUN for w in qb_words):
            raise ValueError("count: a qualifier word ends with a numeral (CountFinder._kept)")
        # per unit, read once: what it may not begin (只是 处理 位于), and whether it is ambiguous
        # (its lexicon `prob` below the threshold: it must end where a jieba word ends)
        # (a word marked ! is an exception: 队|!队伍 — 支队 is a unit's name, 3支队伍 three teams)
        self.not_before: dict[str, tuple[str, ...]] = {}
        self.not_before_but: dict[str, tuple[str, ...]] = {}
        for u, r in units.items():
            nb, but = blocked_words(r.get("not_before"))
            if nb:
                self.not_before[u] = nb
                if but:
                    self.not_before_but[u] = but
        self.ambiguous = {u for u, r in units.items()
                          if float(r["prob"] or 0) < g.ambiguous_below}
        self.joins_noun = {u for u, r in units.items() if r["kind"] == "classifier"
                           and float(r["prob"] or 0) >= g.joined_noun_from}
        self.unit_only = regex.compile(unit_re)
        self.before_max = max(g.before_steps, default=0)
        self.after_max = max(g.after_steps, default=0)
        self.ge_approx = regex.compile(r"(?P<q>[多余来])(?P<u>" + unit_re + r")")
        self.qa_only = regex.compile(qa_re)
        self.range_re = regex.compile(
            r"(?P<a>" + NUMBER + r")(?P<q>[余多])?(?:" + alternation(range_seps) + r")$"
        )
        # the patterns end in a separator: only a text that does is searched
        self.range_seps, self.list_seps = tuple(range_seps), tuple(list_seps)
        # (an item may carry its magnitude: 16.61万和17.43万人次)
        self.list_re = regex.compile(r"(?P<a>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[万萬亿億]?)(?:"
                                     + alternation(list_seps) + r")$")
        self.trap_re = re.compile(word_trie(g.trap_phrases)) if g.trap_phrases else None
        self.place_re = place_names(rules.lexicon("place_numerals"),
                                    cue_pairs(rules.lexicon("script_pairs")))
        # every character of a trap phrase or a place name (both scripts): a number starting
        # with none of them is in no trap (most are Arabic), and an article whose numbers are
        # all such is not searched for traps
        trad = {r["simplified"]: r["traditional"]
                for r in cue_pairs(rules.lexicon("script_pairs"))}
        words = [*g.trap_phrases, *(w for r in rules.lexicon("place_numerals")
                                    for w in (r["name"], r["alias"]))]
        self.trap_chars = frozenset(ch for w in words for c in w for ch in c + trad.get(c, c))
        self.cn_chars = set(CN_NUM_CHARS)
        # (plain `re`: a match from a window's start ends after its last clause mark)
        self.clause_start = re.compile(r"[\s\S]*[" + re.escape(_CLAUSE) + r"]")
        self.clause_end = re.compile(r"[" + re.escape(_CLAUSE) + r"]")
        # jieba's dictionary and the guards are Simplified: a Traditional text is read through
        # its character-by-character Simplified copy, else 民眾十萬人次 is 眾十萬 | 人次
        self.to_simplified = simplified_table(rules)

    # -- the article ----------------------------------------------------------------------------
    def __call__(self, ctx: Context) -> list[Fact]:
        """A Traditional text is read through its Simplified copy (same offsets), so the guards
        of rules/count.yaml hold there too; facts keep the text's own characters."""
        return find_through_simplified(self.find, self.to_simplified, ctx, self._restore)

    def matches(self, text: str):
        """The candidate pattern's matches in text, in order (those of cand.finditer)."""
        return gated(self.cand, text, self.trigger, self._reach)

    def _kept(self, text: str) -> Iterator[tuple]:
        """The spans of matches()' groups (Match.regs), less those find() drops at once, and
        those of a plain match told without the candidate pattern: a run of ASCII digits and
        Chinese numerals after a character no number holds, right before a unit no number goes
        on with (45家, 三千人, 2024年). NUMBER takes the whole run (no separator, 余 or space
        in it or after it, nothing before it goes on with it, and it may not start inside the
        run), the unit is the longest (nothing after it can fail), so the trigger's look-ahead
        holds the unit and the qualifier after it; before the run, the first qualifier word
        ending there within reach (the search would try it first: no qualifier word ends with
        a numeral). Such a match is dropped when find() would drop it (2024年, 3月); either way
        the search goes on after it, as after the match."""
        pos = 0
        tsearch, search, reach = self.trigger.search, self.cand.search, self._reach
        plain, never, qb_words, qb_max = (self.plain_units, self.never_counts, self.qb_words,
                                          self.qb_max)
        # (reach does not step back over 餘 幾: a search from an earlier trigger may find a
        # number holding one that the next trigger's search misses, so such a text, which
        # find() reads in Simplified anyway, keeps every search)
        dead, held = ((self.dead_ends, self.qb_holding) if "餘" not in text and "幾" not in text
                      else ((), {}))
        while True:
            t = tsearch(text, pos)
            if t is None:
                return
            i = t.start()
            u = t.group("u")
            if u in plain and t.start("u") == i + 1 and text[i] in _PLAIN_RUN:
                d = i
                while d > 0 and text[d - 1] in _PLAIN_RUN:
                    d -= 1
                if d >= pos and (d == 0 or not _goes_on(text[d - 1])) \
                        and not _DIGIT_THEN_CN.search(text, d, i + 1):
                    ue, qs, qe = t.end("u"), t.start("qa"), t.end("qa")
                    end = qe if qe >= 0 else ue
                    # (find() drops a unit that never counts after a number with no magnitude
                    # inside: 2024年, 三月; 三千米 keeps 千 for the unit)
                    if u not in never or _MAG_INSIDE.search(text, d + 1, i + 1):
                        start, qb = d, _NO_SPAN
                        for k in range(max(pos, d - qb_max), d):
                            if text[k:d] in qb_words:
                                start, qb = k, (k, d)
                                break
                        yield ((start, end), qb, (d, i + 1), _NO_SPAN, (i + 1, ue), (qs, qe))
                    pos = end
                    continue
            ch = text[i]
            if (ch in dead or (ch in held and not _in_qualifier(text, i, held[ch]))) \
                    and self._dead_end(text, i, pos):
                pos = i + 1
                continue
            m = search(text, max(pos, reach(text, i, pos)))
            if m is None:
                return
            yield m.regs
            pos = m.end()                 # never empty: a match holds its unit

    def _dead_end(self, text: str, i: int, pos: int) -> bool:
        """No match starts in [pos, i] (the search from reach would run on to a later number,
        often far: 近日，市… is a trigger on ，). A match starting there holds position i in its
        qualifier, number, 余/多 or spaces (it holds the trigger at or after i, and no trigger
        comes between pos and i); text[i] is none of a qualifier's characters nor a space
        (dead_ends), so the match's number begins at or before i, after a run of characters
        a number holds that reaches i, and one of them begins a number. Then the next trigger's
        search, from i + 1 on, finds the match this one's would have found."""
        k = i
        while k > pos and _goes_on(text[k - 1]):
            k -= 1
            ch = text[k]
            if ch not in _NOT_FIRST and not ch.isspace():
                return False          # a digit, a numeral or a point: a number may begin there
        return True

    def _reach(self, text: str, i: int, stop: int) -> int:
        return max(stop, run_start(_NUMBER_CHARS, text, i, stop) - self.qb_max)

    def find(self, ctx: Context, full_scan: bool = False) -> list[Fact]:
        """The count facts of ctx (full_scan: the pattern tried at every position, the slow way
        the gated search is checked against)."""
        text = ctx.text
        out: list[Fact] = []
        taken = _Spans((f.start, f.end) for f in ctx.facts
                       if f.type in ("money", "percent", "date"))
        traps: list[tuple[int, int]] | None = None
        kept: list[tuple] = []
        found = (m.regs for m in self.cand.finditer(text)) if full_scan else self._kept(text)
        for regs in found:
            # a unit that never counts (年, 个月: they match only to stop a shorter unit) stays
            # so unless a magnitude inside the number begins a longer one (3.5千米)
            us, ue = regs[self.g_unit]
            if text[us:ue] not in self.may_count:
                ns, ne = regs[self.g_num]
                if not _MAG_INSIDE.search(text, ns + 1, ne):
                    continue
            c = self._settle_unit(text, regs)
            if c is None:
                continue
            rule = self._rule_of(text, c)
            if rule is None:
                continue
            value, qual = parse_quantity(c.num + (c.q2 or ""))
            if (value is None and not c.qb and len(c.num) > 1 and c.num[1].isascii()
                    and c.num[1].isdigit() and lone_capital(c.num[0])):
                # 队伍300余人次: a word's last character (伍 陆 拾) glued to the digits
                c.num, c.num_s, c.start = c.num[1:], c.num_s + 1, c.num_s + 1
                value, qual = parse_quantity(c.num + (c.q2 or ""))
            if (c.qb and c.qb in self.g.approx_before and not _MAGS.fullmatch(c.num)
                    and ((c.num[0].isdigit()
                          and text.endswith(c.qb, 0, _before_spaces(text, c.num_s)))
                         or (text.endswith(c.qb, 0, c.num_s)
                             and c.num != "一" and _place_word(text, c.num_s)))):
                # 地上4层, 地上四层: 上 before plain digits (glued, or spaced as a page spacing its
                # figures writes 市面上 14 款), or closing a place word (地上, 楼上; not before 一:
                # 台上一分钟 is a saying), is no qualifier; the count starts at the number
                c.qb, c.start = None, c.num_s
            if value is None and c.qb and _BIG_MAG.fullmatch(c.num):
                # 近万名, 上万人: a bare 万/亿 is 1万/1亿
                value = parse_quantity("一" + c.num)[0]
            if value is None or value <= 0 or lone_capital(c.num):
                continue                 # 拾起: 拾 of a word, no 10 before 起
            if self._rejected(ctx, c):
                continue
            if text[c.num_s] in self.trap_chars:
                if traps is None:
                    traps = self._traps(text)
                if any(a <= c.num_s < b for a, b in traps):
                    continue
            if self._rejected_late(ctx, c):
                continue
            if taken.overlap(c.start, c.end):
                continue
            kept.append((c, value, qual, rule))
        kept = self._without_slogans(text, kept)
        for (c, value, qual, rule), obj in zip(kept, self._objects(text, kept), strict=True):
            out.extend(self._facts(ctx, c, value, qual, rule, taken, obj))
        reported = self.g.reported_units
        for f in out if reported else ():
            f.unit = reported.get(f.unit, f.unit)
        return out

    def _without_slogans(self, text: str, kept: list[tuple]) -> list[tuple]:
        """四区定位、五个振兴、六个坚持、七种能力: Chinese numerals counting up one by one through a
        list (slogan_run items or more, an item between them may have no unit: 八个之路、九大指标、
        十件实事) number a slogan's parts; they count nothing."""
        if len(kept) < self.g.slogan_run:
            return kept
        drop: set[int] = set()
        run = [0]
        for i in range(1, len(kept) + 1):
            if i < len(kept):
                (a, va, _, _), (b, vb, _, _) = kept[i - 1], kept[i]
                gap = text[a.end:b.start]
                step = vb - va
                if (a.num[0] in self.cn_chars and b.num[0] in self.cn_chars and not a.qb
                        and not b.qb and len(gap) <= 12 and _LIST_GAP.search(gap)
                        and not _SENTENCE_END.search(gap)
                        and (step == 1 or (step == 2 and _CN_DIGIT.get(int(va) + 1, "?") in gap))):
                    run.append(i)
                    continue
            if len(run) >= self.g.slogan_run:
                drop.update(run)
            run = [i]
        return [k for i, k in enumerate(kept) if i not in drop] if drop else kept

    def _objects(self, text: str, kept: list[tuple]) -> list[str | None]:
        """What each candidate kept counted: the noun phrase after the unit (2562个暑期见习实践
        岗位), else the one just before the number (建立妇联组织137家), each tagged in a short
        window. Asked once the guards have run on every candidate, so that the windows are
        tagged in a run of their own (count 1.02-1.04x over asking each candidate's object
        right after its guards: the tagger's code and the dictionary it reads stay in the
        processor's caches, most likely)."""
        return [self._object_after(text, c.unit_e) or self._object_before(text, c.start)
                for c, *_ in kept]

    def _traps(self, text: str) -> list[tuple[int, int]]:
        """Trap phrases (八项规定) and place names holding a numeral (三元区, 六盘水)."""
        traps = [m.span() for m in self.trap_re.finditer(text)] if self.trap_re else []
        if self.place_re is not None:
            traps += [m.span() for m in self.place_re.finditer(text)]
        return traps

    # -- the candidate ------------------------------------------------------------------------
    def _settle_unit(self, text: str, regs: tuple) -> _Cand | None:
        """The match with its unit settled: a magnitude the number swallowed may begin a longer
        unit (3.5千米), and 个 + 多/余/来 + a unit that takes 个 decides (两个多小时)."""
        num_s, num_e = regs[self.g_num]
        us, ue = regs[self.g_unit]
        qb, q2, qa = regs[self.g_qb], regs[self.g_q2], regs[self.g_qa]
        c = _Cand(us, text[qb[0]:qb[1]] if qb[0] >= 0 else None, num_s, num_e,
                  text[num_s:num_e], text[q2[0]:q2[1]] if q2[0] >= 0 else None,
                  text[us:ue], ue, text[qa[0]:qa[1]] if qa[0] >= 0 else None, regs[0][1],
                  regs[0][0])
        if c.qb and text[qb[0] - 1:qb[0]] in self.g.q_word_tail.get(c.qb, ()):
            c.qb, c.start = None, num_s      # 签约10个项目: 约 ends 签约, no "about"
        # 3.5千米, 1200万千瓦时, 13.5兆瓦: a magnitude the number swallowed may begin a longer unit
        for i in range(num_e - 1, num_s, -1):
            if text[i] not in "十百千万亿兆":
                continue
            um = self.unit_only.match(text, i)
            if um and um.end() >= c.unit_e and parse_quantity(text[num_s:i])[0] is not None:
                c.num_e, c.num, c.q2 = i, text[num_s:i], None
                c.unit, c.unit_e = um.group(), um.end()
                self._take_qualifier_after(text, c)
                break
        # 86人日前: a longer unit that begins another word here (人日 before 前) leaves the
        # shorter unit it starts with (人)
        if len(c.unit) > 1 and not c.qa and self._begins_word(text, c) \
                and "\u4e00" <= c.unit[-1] <= "\u9fff":
            us = c.unit_e - len(c.unit)
            for k in range(len(c.unit) - 1, 0, -1):
                if c.unit[:k] in self.units:
                    c.unit, c.unit_e = c.unit[:k], us + k
                    self._take_qualifier_after(text, c)
                    break
        # 两个多小时, 三个多月: 个 + 多/余/来 + a unit that takes 个 (个小时, 个月) — that unit
        # decides
        if c.unit == "个" and not c.qa and not c.q2:
            gm = self.ge_approx.match(text, c.unit_e)
            if gm and "个" + gm.group("u") in self.units:
                if self.units["个" + gm.group("u")]["kind"] not in _COUNT_KINDS:
                    return None
                c.q2, c.unit, c.unit_e = gm.group("q"), gm.group("u"), gm.end()
                self._take_qualifier_after(text, c)
        return c

    def _take_qualifier_after(self, text: str, c: _Cand) -> None:
        qm = self.qa_only.match(text, c.unit_e)
        c.qa = qm.group() if qm else None
        c.end = qm.end() if qm else c.unit_e

    def _rule_of(self, text: str, c: _Cand) -> str | None:
        """count.classifier or count.measure by the unit's kind; a unit of kind `other` counts
        only in its context (count.score: 考了612分); None: no count."""
        kind = self.units[c.unit]["kind"]
        if kind in _COUNT_KINDS:
            return "count.measure" if kind in ("measure", "time") else "count.classifier"
        cu = self.g.ctx_units.get(c.unit)
        if not cu:
            return None
        num_s = c.num_s
        cm = self.clause_start.match(text, max(0, num_s - cu.window), num_s)
        ws = max(cm.end() if cm else 0, num_s - cu.window)
        if text.startswith(cu.not_before, c.unit_e) or text[num_s - 1:num_s] in cu.not_after_char \
                or text[num_s - 1:num_s].isdigit():
            return None
        if cu.context.search(text, ws, num_s):
            return cu.rule
        if cm and cu.compare is not None and cu.compare.match(text, ws) and text[ws - 1] in "，,":
            # the clause before, back to its own start (a comma only joins them)
            pm = self.clause_start.match(text, max(0, ws - 1 - cu.window), ws - 1)
            ps = max(pm.end() if pm else 0, ws - 1 - cu.window)
            if cu.context.search(text, ps, ws - 1):
                return cu.rule
        return None

    # -- guards -------------------------------------------------------------------------------
    def _rejected(self, ctx: Context, c: _Cand) -> bool:
        """The guards that read only the characters around the candidate."""
        text, g = ctx.text, self.g
        return (self._ordinal(text, c) or self._glued(text, c) or self._vague(text, c)
                or self._one_article(text, c) or self._begins_word(text, c)
                or (c.unit in self.time_units and self._not_a_time_count(text, c))
                or (c.unit in g.event_units and self._event(text, c))
                or self._in_title(text, c))

    def _rejected_late(self, ctx: Context, c: _Cand) -> bool:
        """The guards that need jieba's words, and the unit's follower."""
        g, text = self.g, ctx.text
        if c.unit in g.place_name_units and text[c.num_s] in self.cn_chars \
                and self._place_named(text, c):
            return True          # 三台县 … 和美三台: the place's name, no count of machines
        if c.unit in g.figures_only_units and text[c.num_s] in self.cn_chars:
            return True          # 九里关, 八百里秦川: a place's name or a saying, no count
        if c.qb in g.approx_before and not _MAGS.fullmatch(c.num):
            return True          # 上一篇, 送上一台, 上两届: "previous", a verb's 上
        chinese = c.num[0] in self.cn_chars
        if self._numeral_in_word(ctx, c.start if c.qb else c.num_s, c.unit_e, chinese,
                                 c.num_s if c.qb else None):
            return True
        # an ambiguous unit (prob below the threshold) must end where a jieba word ends:
        # 3只是, 两面旗帜 → the unit is the start of another word
        # a spaced unit before a Chinese word (吸引 120 家企业) is a classifier only where a
        # jieba word ends with it: 姓名 1 张三 (a flattened table's name), 113 家暴 stay apart
        # — where the unit is no ambiguous one, the tagger's words must join it to what follows
        # too (测试 14 款拉趟式: jieba.lcut's HMM guessed 款拉趟, posseg keeps 款 apart)
        ambiguous = c.unit in self.ambiguous
        spaced = text[c.unit_s - 1:c.unit_s].isspace() and _HAN.match(text, c.unit_e)
        if (ambiguous or spaced) and all(any(
                t.start < c.unit_e < t.end and not self._classifier_then_noun(t, c.unit_e)
                for t in ctx.window(c.num_s, c.unit_e + 1, pos=pos))
                for pos in ((False,) if ambiguous else (False, True))):
            return True
        if c.unit in g.needs_after:
            nxt = text[c.end:c.end + 1]
            if nxt and _HAN.match(nxt) and not text.startswith(g.needs_after[c.unit], c.end):
                return True
        # 5720公斤/公顷, 350公里/小时: a rate per unit, no amount of anything (79286人/次 is
        # 人次 written apart: rate_not_per)
        if (g.rate_marks and text[c.unit_e:c.unit_e + 1] in g.rate_marks
                and _UNIT_START.match(text, c.unit_e + 1)
                and not text.startswith(g.rate_not_per, c.unit_e + 1)):
            return True
        if c.unit in g.rate_units and (
                (g.rate_before is not None and g.rate_before.search(text, max(0, c.start - 30),
                                                                    c.start))
                or text.startswith(g.rate_after, c.end)):
            return True
        if (c.unit in g.result_units and g.result_after is not None
                and g.result_after.match(text, c.end)):
            return True
        if (c.unit in g.fraction_not_before and "." in c.num
                and text.startswith(g.fraction_not_before[c.unit], c.unit_e)):
            return True
        # 二本541分: the second admission tier's score, no count of books
        return c.unit in g.no_figure_after and text[c.end:c.end + 1].isdigit()

    def _place_named(self, text: str, c: _Cand) -> bool:
        """The numeral and unit of c, no numeral before them, name a place written with its
        县/市/镇 somewhere in the text (三台县)."""
        name = text[c.num_s:c.unit_e]
        return any(text[at - 1:at] not in self.cn_chars
                   for at in _places_at(text, name))

    def _ordinal(self, text: str, c: _Cand) -> bool:
        """第114个, 首批, 前10名, 位次为2.4万名, 二期 三届: ordinals and ranks."""
        g, num_s = self.g, c.num_s
        # (rstrip: a page that spaces its figures spaces 第 from them too: 第 18 个)
        prefix = (text[max(0, num_s - 4):num_s] if not c.qb
                  else text[max(0, c.start - 4):c.start]).rstrip()
        if prefix.endswith(g.ordinal_before):
            return True
        # the last of a list of ranks whose first holds the 第 (第二、三名, 第6、7名)
        if prefix.endswith(("、", "和", "及")) and g.ordinal_list is not None \
                and g.ordinal_list.search(text, max(0, num_s - 30), num_s):
            return True
        if c.unit in g.rank_units and (
                prefix.endswith(g.rank_before)
                or g.rank_link.search(text, max(0, num_s - 8), num_s)
                or (prefix.endswith(("、", "和", "及", "与", "或")) and g.rank_list is not None
                    and g.rank_list.search(text, max(0, num_s - 40), num_s))):
            return True
        # 2016级9班, 高三3班: a class's number, not a count of classes
        if c.unit in g.label_before and prefix.endswith(g.label_before[c.unit]):
            return True
        if c.unit in g.year_label_units and _YEAR.fullmatch(c.num):
            return True
        # 汉语言文学1班, 软件1401班: figures glued to a major's name label a class (开设12班,
        # 共5班 count them)
        if (c.unit in g.name_label_units and not c.qb and c.num.isdigit() and num_s > 0
                and _HAN.match(text[num_s - 1])
                and not text.endswith(g.name_label_units[c.unit][1], 0, num_s)
                and g.name_label_units[c.unit][0].search(text) is not None):
            return True
        if (c.unit in g.rank_in_text and not c.qb and _ONE_TO_NINE.fullmatch(c.num)
                and not text.startswith(g.rank_in_text[c.unit][1], c.unit_e)
                and g.rank_in_text[c.unit][0].search(text) is not None):
            return True     # 柯洁九段执黑, in a text about go: his rank (三段视频 are counted)
        # 二期, 三届 (phases, sessions): a Chinese numeral before these is an ordinal
        # (两 never orders: 两届, 两期 are counts)
        return (c.num[0] in self.cn_chars and c.unit in g.ordinal_units_cn and not c.qb
                and c.num[0] not in "两兩"
                and not (g.ordinal_count_after is not None
                         and g.ordinal_count_after.search(text, max(0, num_s - 12), num_s)))

    def _glued(self, text: str, c: _Cand) -> bool:
        """Arabic digits glued to Latin letters, codes, decimals of something else (5G, A3);
        a minus sign is kept: a range (5-10个) or a signed unit after no letter or digit."""
        num_s = c.num_s
        before1 = text[num_s - 1] if num_s > 0 else ""
        if c.num[0] in self.cn_chars or not before1 or not before1.isascii() \
                or not (before1.isalnum() or before1 in "._/-:#"):
            return False
        b2 = text[num_s - 2:num_s - 1]
        if before1 == ":" and not (b2.isascii() and b2.isalnum()):
            return False    # a field's colon (案例數:43,280例), not a clock's (10:50)
        if before1 == "/" and _HAN.match(b2):
            return False    # 930套/76458.66㎡: a count after another's unit, no fraction
        signed = c.unit in self.g.signed_units and not (b2.isascii() and b2.isalnum())
        return not (before1 == "-" and (self.range_re.search(text[max(0, num_s - 12):num_s])
                                        or signed))

    def _vague(self, text: str, c: _Cand) -> bool:
        """数十个, 几百人 (indefinite), a bare magnitude without a qualifier (千村示范), and
        numeral + unit terms (二次分红)."""
        num, g = c.num, self.g
        before1 = text[c.num_s - 1] if c.num_s > 0 else ""
        if (num[0] in self.cn_chars and before1 and before1 in g.indefinite and not c.qb
                and _INDEF_MAGS.fullmatch(num)):
            return True      # 数十个, 几百万人; not 总数十七万五千人次 (数 ends 总数)
        if num in _BARE_MAG and not c.qb and not c.q2:
            return True
        if c.qb:
            return False
        if num + c.unit in g.adverb_terms:
            # 四处奔波, 四处张贴 (everywhere); 四处隐患, 四处景点 count: a noun must follow (jieba
            # tags 张贴 and 张望 nr: a name is no noun here)
            tag = (nlp.word_tag(text[c.end:c.end + 2]) or nlp.word_tag(text[c.end:c.end + 1])
                   or "")
            return not tag.startswith("n") or tag.startswith("nr")
        return num + c.unit in g.lone_terms

    def _one_article(self, text: str, c: _Cand) -> bool:
        """一 as an article (一场活动; not in a toll, 一人死亡, nor as a tally after what it counts,
        三等奖一项、), inside a word (统一个), or a rate (一亩地比去年多收…)."""
        num, g = c.num, self.g
        if num not in ("一", "壹"):
            return False
        if not c.qb and self.units[c.unit]["one"] == "article":
            return not (num == "一" and self._one_counts(text, c))
        if num == "一" and (text[c.num_s - 1] if c.num_s > 0 else "") in g.one_blockers:
            return True
        if num == "一" and not c.qb and text.endswith(g.one_rate_after, 0, c.num_s):
            return True          # 42块一公斤: the price's unit, a rate, not one kilogram
        if num == "一" and not c.qb and g.one_before_price is not None \
                and g.one_before_price.match(text, c.unit_e):
            return True          # 一斤7毛钱, 一畝能掙500塊: the unit a price is for
        return num == "一" and not c.qb and text.startswith(g.one_generic, c.unit_s)

    def _one_counts(self, text: str, c: _Cand) -> bool:
        """一 + an article's unit that counts all the same: in a toll (一人死亡), or as a tally's
        item closed by a clause mark, after what it counts (三等奖一项、) or beside figures of
        its unit (无证驾驶5起，醉驾一起，)."""
        g = self.g
        if text.startswith(g.one_counts_before, c.unit_e):
            return True
        if text[c.unit_e:c.unit_e + 1] not in _CLAUSE_MARKS:
            return False
        return ((c.num_s > 0 and text[c.num_s - 1] in g.one_counts_after
                 and c.unit in g.one_tally_units)
                or (c.unit in g.one_sibling_units and _tally_before(text, c)))

    def _begins_word(self, text: str, c: _Cand) -> bool:
        """The unit begins another word (`not_before` of the lexicon: 只是, 处理, 位于); a unit
        of Latin letters before another letter or a digit is part of a longer one (10min, 10mg)."""
        if c.unit[-1:].isascii() and c.unit[-1:].isalpha():
            nxt = text[c.unit_e:c.unit_e + 1]
            if nxt.isascii() and nxt.isalnum():
                return True
        nb = self.not_before.get(c.unit)
        if nb is None or not text.startswith(nb, c.unit_e, c.unit_e + 4) or c.qa:
            return False
        but = self.not_before_but.get(c.unit)
        return not (but and text.startswith(but, c.unit_e, c.unit_e + 4))

    def _not_a_time_count(self, text: str, c: _Cand) -> bool:
        """A time unit after a duration word (历时3小时), naming something (15分钟生活圈), or
        part of a clock or race time (2小时08分31秒, 23秒08)."""
        g, start = self.g, c.start
        pre = text[max(0, start - 6):start]
        if pre.endswith(g.duration_words) and not any(w in pre for w in g.total_words):
            return True
        nxt = text[c.end:c.end + 1]
        if nxt and _HAN.match(nxt) and nxt not in g.time_followers and not c.qa:
            return True
        return bool(g.clock_after.match(text, c.unit_e)
                    or g.clock_before.search(text, max(0, c.num_s - 4), c.num_s))

    def _event(self, text: str, c: _Cand) -> bool:
        """An event named by its distance (男子200米, 200米跑, 100米自由泳), also as an item of a
        list of events whose last item names it so (100米、200米、400米等项目)."""
        g = self.g
        if (text.endswith(g.event_before, max(0, c.num_s - 4), c.num_s)
                or text.startswith(g.event_after, c.unit_e)):
            return True
        if text[c.unit_e:c.unit_e + 1] != "、":
            return False
        end = _EVENT_LIST.match(text, c.unit_e)
        return end is not None and text.startswith(g.event_after, end.end())

    def _in_title(self, text: str, c: _Cand) -> bool:
        """Inside 《…》 or a short quoted name (“四个全面”)."""
        enc = enclosing(text, c.num_s, c.unit_e)
        return enc is not None and (enc[0] in "《〈" or (enc[2] - enc[1]) <= self.g.quote_max)

    def _numeral_in_word(self, ctx: Context, s: int, unit_end: int, chinese: bool,
                         num_s: int | None = None) -> bool:
        if not chinese:
            return False
        # (the words of the text block holding s: those of its sentence there, ctx.window)
        for t in ctx.window(s, s + 1):
            if t.start < s < t.end:                 # 统一, 十三大: the numeral starts inside a word
                if nlp.word_tag(t.text) is None:
                    # a qualifier jieba's HMM glued to the verb before it (有近|百位, 带著近):
                    # no word of the dictionary (最近, 附近 are), so the number itself decides;
                    # so too a numeral glued to a verb or preposition (致两人, 以四人)
                    if num_s is not None:
                        return self._numeral_in_word(ctx, num_s, unit_end, chinese)
                    continue
                return True
            if t.start == s and t.end > unit_end and t.end - t.start >= 3 \
                    and nlp.word_tag(t.text) is not None:
                # 千家万户, 三番五次, 五位一体: an idiom; 两辆车: a count and its noun (an HMM
                # guess such as 两人用 is no idiom)
                return not self._joined_noun(t, s, unit_end)
        return False

    def _joined_noun(self, t, s: int, unit_end: int) -> bool:
        """A dictionary word of a numeral (not 一), a sure classifier and a one-character noun
        (两辆车, 几颗星), itself a noun: the count of that noun (guards.joined_noun_from)."""
        return (t.end == unit_end + 1 and unit_end == s + 2 and t.text[0] != "一"
                and t.text[1] in self.joins_noun and (nlp.word_tag(t.text) or "") == "n"
                and nlp.word_tag(t.text[2]) in ("n", "zg"))    # (jieba tags 车 zg)

    def _classifier_then_noun(self, t, unit_e: int) -> bool:
        """jieba joined the unit to what follows (6|类产品) but the rest is a noun of two or more
        characters (产品): the unit is a classifier before its noun. 3|只是, 两|面旗 stay words."""
        rest = t.text[unit_e - t.start:]
        if t.start >= unit_e - 1 and len(rest) >= 2:
            tag = nlp.word_tag(rest)
            if tag:
                return tag.startswith(("n", "vn"))
        # 3只羊, 20只鸡苗: jieba joins the classifier and a noun jieba's dictionary lacks as a
        # whole (只羊, 只鸡苗); its first character must be a plain noun (只是, 只有 stay blocked)
        # — or the conjunction of a list, the count's noun named before it (活鸡11100只及生猪
        # 235头: jieba's 只及)
        if t.start == unit_e - 1 and rest == "及":
            return True
        if t.start == unit_e - 1 and rest and rest[0] not in self.g.one_char_not_noun:
            return nlp.word_tag(rest[0]) == "n"
        return False

    # -- facts --------------------------------------------------------------------------------
    def _facts(self, ctx: Context, c: _Cand, value, qual, rule: str, taken: _Spans,
               obj: str | None) -> list[Fact]:
        """The fact of a candidate that passed the guards: one, two for a range (3至5个), or one
        per item of a list sharing the unit (12、15、20个)."""
        text, g = ctx.text, self.g
        if c.qb:
            qual = self.q_before.get(c.qb) or g.approx_before.get(c.qb) or qual
        if c.qa:
            qual = self.q_after_unit[c.qa]
        start = c.start
        if c.unit in g.signed_units and not c.qb:
            sw = next((w for w in g.sign_words if text.endswith(w, 0, c.num_s)), None)
            if sw and not (len(sw) == 1 and text[c.num_s - 2:c.num_s - 1].isdigit()):
                start, value = c.num_s - len(sw), -value
        extra = {}
        if obj:
            extra["object"] = obj
        if not c.qb:
            pair = self._range(text, c, value, qual, extra)
            if pair is not None:
                return pair     # ([] for a range of ranks: 第1-3位)
        main = Fact("count", text[start:c.end], start, c.end, value, rule, c.unit, qual,
                    extra=extra)
        items = self._list_items(text, c, extra, taken)
        if items is None:
            return []
        return [main, *items]

    def _range(self, text: str, c: _Cand, value, qual, extra: dict) -> list[Fact] | None:
        """3至5个, 3-5万人 → two facts (range_from: the first number alone, range_to); None when
        no range ends here, [] when it is one of ranks."""
        num_s = c.num_s
        if not _ends_with(text, self.range_seps, num_s):
            return None
        head = text[max(0, num_s - 16):num_s]
        rm = self.range_re.search(head)
        if not rm:
            return None
        a_txt = rm.group("a")
        a_s = num_s - len(head) + rm.start("a")
        a_val, a_q = parse_quantity(a_txt)
        shared = shared_magnitude(a_txt, a_val, c.num)
        if shared:
            a_val = parse_quantity(a_txt + shared)[0]
        chinese = c.num[0] in self.cn_chars
        if a_val is None or (chinese and a_txt[0] not in self.cn_chars) or not a_val < value:
            return None
        if text[max(0, a_s - 4):a_s].endswith(self.g.ordinal_before):
            return []           # 第1-3位, 第一至三名: ranks from one to the other, no count
        return [Fact("count", a_txt, a_s, a_s + len(a_txt), a_val, "count.range", c.unit, a_q,
                     extra={**extra, "tags": ["range_from"]}),
                Fact("count", text[num_s:c.end], num_s, c.end, value, "count.range", c.unit,
                     qual, extra={**extra, "tags": ["range_to"]})]

    def _list_items(self, text: str, c: _Cand, extra: dict,
                    taken: _Spans) -> list[Fact] | None:
        """The Arabic numbers of a list that shares the unit (12、15、20个), nearest first;
        None when the list is ordinal (第1、2、3名: no fact at all)."""
        items: list[Fact] = []
        pos = c.num_s
        if c.num[0] in self.cn_chars or c.qb:
            return items
        if self.g.ordinal_list and self.g.ordinal_list.search(text, max(0, pos - 30), pos):
            return None          # 依次佔第6、7、8及10位: ranks, the last one joined by 及
        while _ends_with(text, self.list_seps, pos):
            head = text[max(0, pos - 14):pos]
            lm = self.list_re.search(head)
            if not lm:
                break
            a_s = pos - len(head) + lm.start("a")
            a_txt = lm.group("a")
            if a_s > 0 and (text[a_s - 1].isdigit() or text[a_s - 1] in ".-/"):
                break
            a_val = parse_quantity(a_txt)[0]
            a_e = a_s + len(a_txt)
            if a_val is None or taken.overlap(a_s, a_e):
                break
            items.append(Fact("count", a_txt, a_s, a_e, a_val, "count.list", c.unit, None,
                              extra=dict(extra)))
            pos = a_s
        if items and text[max(0, pos - 4):pos].endswith(self.g.ordinal_before):
            return None          # 第1、2、3名: the whole list is ordinal
        return items

    # -- the counted object -------------------------------------------------------------------
    def _object_after(self, text: str, unit_end: int) -> str | None:
        """The object after the unit (2562个暑期见习实践岗位), or None."""
        g = self.g
        # the clause around the number, looked for only as far as the widest window reaches
        # (a search to the text's ends is quadratic in a long clause with many numbers), and
        # each end only when a window needs it
        # after the unit: 2562个暑期见习实践岗位. A short window first; only when the walk runs
        # into the window's edge is a longer one tagged (most objects are a word or two).
        # (a cheap character test first: punctuation or the clause's end after the unit → none)
        # (tokens keep the offsets of their window, which starts at `a`)
        if unit_end < len(text) and text[unit_end] not in _PUNCT:  # _PUNCT holds _CLAUSE
            hi = unit_end + self.after_max + 1
            cm = self.clause_end.search(text, unit_end, hi)
            ce = cm.start() if cm else min(len(text), hi)
            for size in g.after_steps:
                we = min(ce, unit_end + size)
                # the window starts at the unit's last character: jieba tags a word better after
                # a classifier; if that character joins the next word (张券), it starts after the
                # unit
                a = unit_end - 1
                toks, more = _first(*self._tagged_edge(text, a, we, False, we < ce, left=False))
                if toks and toks[0].end > 1:
                    a = unit_end
                    toks, more = self._tagged_edge(text, a, we, False, we < ce, left=False)
                elif toks:
                    del toks[0]           # the unit's character (the tokens are contiguous)
                words, open_end = self._after_walk(toks, unit_end - a, more)
                if not (open_end and we < ce):
                    break
            if words:
                s, e = _quote_fix(text, words[0].start + a, words[-1].end + a)
                return text[s:e]
        return None

    def _object_before(self, text: str, num_start: int) -> str | None:
        """The object just before the number (建立妇联组织137家), or None."""
        g = self.g
        lo = max(0, num_start - self.before_max - 1)
        if num_start <= lo or text[num_start - 1] in _PUNCT:
            return None
        cm = self.clause_start.match(text, lo, num_start)
        cs = cm.end() if cm else lo
        for size in g.before_steps:
            ws = max(cs, num_start - size)
            before, more = self._tagged_edge(text, ws, num_start, ws > cs, False, left=True)
            words, open_end = self._before_walk(before, num_start - ws, more)
            if not (open_end and ws > cs):
                break
        if words:
            s, e = _quote_fix(text, words[-1].start + ws, words[0].end + ws)
            return text[s:e]
        return None

    def _tagged(self, text: str, a: int, b: int, cut_left: bool,
                cut_right: bool) -> Sequence[nlp.Token]:
        """POS tokens of text[a:b] only (DESIGN.md: NLP only next to the candidate), with
        offsets in the window; a word the window may have cut (cut_left, cut_right) is dropped.
        The number is not tagged."""
        if a >= b:
            return ()
        toks = _eng_digits_as_m(nlp.segment_pos(text[a:b], self.g.obj_hmm))
        return toks[1 if cut_left else 0:len(toks) - (1 if cut_right else 0)]

    def _tagged_edge(self, text: str, a: int, b: int, cut_left: bool, cut_right: bool,
                     left: bool) -> tuple[list, _More | None]:
        """_tagged()'s tokens from the number's side (the window's end when `left`, else its
        start) up to the first run of unknown characters, and more(): the tokens of the next
        run and of the known words past it, one run at a time (None once there are none), to
        put in front of the list (left) or after it; more is None when nothing was left out.
        The walk away from the number seldom reaches the far runs, and posseg's HMM over such
        runs is most of the cost of tagging. The window's edge away from the number may be cut
        (cut_left when `left`, else cut_right); its edge at the number never is."""
        segs = self._segments(text, a, b) if self.g.obj_hmm and a < b else None
        if segs is None:
            return list(self._tagged(text, a, b, cut_left, cut_right)), None
        pending = nlp.Pending
        cut = cut_left if left else cut_right
        if pending not in map(type, segs):    # most windows: no run for the HMM (C loops)
            toks = _eng_digits_as_m(segs) if _has_eng(segs) else segs
            return (toks[1:] if cut and left else toks[:-1] if cut else toks), None
        runs = [i for i, t in enumerate(segs) if type(t) is pending]
        first = segs[runs[-1] + 1:] if left else segs[:runs[0]]
        return _eng_digits_as_m(first), _More(segs, runs, left, cut)

    def _segments(self, text: str, a: int, b: int) -> list | None:
        """The tokens of text[a:b] as posseg cuts it (offsets in the window), a run of unknown
        characters left as an nlp.Pending (POSTagger.segments, block by block: posseg cuts
        each block alone and tags the characters between blocks one by one); None when the
        window holds no block."""
        tagger = nlp.tagger()
        win = text[a:b]
        segs = tagger.segments(win)
        if segs is not None:
            return segs
        out: list = []
        new = tuple.__new__
        for m in POS_PIECES.finditer(win):
            s, e = m.span()
            if m.lastindex is None:          # between blocks: posseg's own cut of these
                if e == s + 1:               # (most often one character, alone and tagged x)
                    out.append(new(nlp.Token, (win[s], s, e, "x")))
                    continue
                i = s
                for w, tag in tagger.cut(m.group(), True):
                    out.append(new(nlp.Token, (w, i, i + len(w), tag)))
                    i += len(w)
                continue
            got = tagger.segments(m.group(), s)   # (offsets in the window)
            if got:
                out.extend(got)
        return out or None

    def _after_walk(self, toks: list, unit_end: int,
                    more: _More | None = None) -> tuple[list, bool]:
        """The object's words after the unit, and whether the walk ran out of tokens. more():
        the window's last tokens, asked for only when the walk reaches them (the token it
        stands on, or the one after it when that one is read); whether there is a token after
        it is asked of more.left(), which seldom needs a run tagged."""
        g = self.g
        words: list = []
        quoted = False
        open_end = True
        i = -1
        while True:
            i += 1
            if more is not None and i + 1 > len(toks):
                more = _fill(toks, more, i + 1)
            n = len(toks)
            if i >= n:
                open_end = True
                break
            t = toks[i]
            # a break at the window's last token may be the edge's doing
            open_end = i == n - 1 and (more is None or not more.left())
            if t.text in "“”‘’":
                quoted = t.text in "“‘"
                words.append(t)
                continue
            if quoted and t.text[0] not in _PUNCT:
                words.append(t)
                continue
            if t.text[0] in _PUNCT or t.text in g.obj_stop:
                break
            if t.pos in _AFTER_STOP and t.text != "的":
                break
            if not words and t.pos == "uj":
                break
            if t.pos == "v" and not words:
                if more is not None and i + 2 > len(toks):   # the next token is read
                    more = _fill(toks, more, i + 2)
                n = len(toks)
                nxt = toks[i + 1] if i + 1 < n else None    # the tokens are contiguous
                if (nxt is None or not nxt.pos.startswith(("n", "vn", "v"))
                        or nxt.text[0] in _PUNCT):
                    break
            elif t.pos == "v" and t.text not in g.obj_nominal:
                break
            words.append(t)
            if t.end - unit_end >= 20:
                open_end = False
                break
        while words and (words[-1].text in ("的", "“", "‘") or words[-1].pos in ("uj", "a", "d")):
            words.pop()
        if words and any(w.pos.startswith(_OBJECT_HEAD) for w in words):
            return words, open_end
        return [], open_end

    def _before_walk(self, before: list, num_start: int,
                     more: _More | None = None) -> tuple[list, bool]:
        """The object's words before the number (last first), and whether the walk ran out of
        tokens. more(): the window's first tokens, asked for only when the walk reaches them
        (the token it stands on, or the one before it when that one is read); whether there is
        a token before it is asked of more.left()."""
        g = self.g
        before, more = _first(before, more)
        if not before:
            return [], True               # the window held one word, which its edge may have cut
        if before[-1].end != num_start:
            return [], False
        words: list = []
        quoted = False
        open_end = True
        k = -1
        while True:
            k += 1
            if more is not None and k + 1 > len(before):
                more = _fill(before, more, k + 1, front=True)
            n = len(before)
            if k >= n:
                open_end = True
                break
            t = before[n - k - 1]
            if (k + 2 > n and more is not None and not words and t.pos == "v"
                    and len(t.text) == 1):
                # _noun_part reads the token before a one-character verb
                if more is not None and k + 2 > len(before):
                    more = _fill(before, more, k + 2, front=True)
                n = len(before)
            prev = before[n - k - 2] if k + 2 <= n else None
            # a break at the window's first token may be the edge's doing
            open_end = prev is None and (more is None or not more.left())
            if t.text in "“”‘’":
                quoted = t.text in "”’"
                words.append(t)
                continue
            if quoted and t.text[0] not in _PUNCT:
                words.append(t)
                continue
            if t.text[0] in _PUNCT or t.text in g.obj_stop or t.text in g.obj_verbs:
                break
            if _noun_part(t, prev, bool(words), g.obj_nominal):
                words.append(t)
                continue
            break
        while words and (words[-1].text in "“”‘’" or (words[-1].pos == "v" and len(words) > 1
                                                      and words[-1].text not in g.obj_nominal)):
            words.pop()
        if words and any(w.pos.startswith(_OBJECT_HEAD) for w in words):
            return words, open_end
        return [], open_end

    # -- Traditional text ---------------------------------------------------------------------
    def _restore(self, facts: list[Fact], text: str, simp: str) -> None:
        for f in facts:
            if f.unit and f.rule == "count.list":
                # 7,000及1萬團: the shared unit stands after the list's last number
                f.unit = as_written(f.unit, text, simp, f.end, f.end + 40)
            elif f.unit:
                f.unit = as_written(f.unit, text, simp, f.start, f.end, last=True)
            if f.extra.get("object"):
                f.extra["object"] = as_written(f.extra["object"], text, simp, f.start - 40,
                                               f.end + 60)


def _tally_before(text: str, c: _Cand) -> bool:
    """A figure with c's unit closes a clause just before c (无证驾驶5起，醉驾一起，): c is an
    item of a tally, as its neighbour is; a person before it (我们一起，) is doing something
    together."""
    if c.num_s == 0 or text[c.num_s - 1] in "们我你他她它咱家":
        return False    # 我们一起, 大家一起: together
    lo = max(0, c.num_s - 30)
    end = len(c.unit)
    j = text.find(c.unit, lo + 1, c.num_s)
    while j != -1:
        if text[j - 1] in _TALLY_DIGITS and text[j + end:j + end + 1] in _CLAUSE_MARKS:
            return True
        j = text.find(c.unit, j + 1, c.num_s)
    return False


def _in_qualifier(text: str, i: int, words: tuple[tuple[str, int], ...]) -> bool:
    """Whether one of the words, its character j standing at i, is written there."""
    return any(text.startswith(w, i - j) for w, j in words if i >= j)


def _goes_on(ch: str) -> bool:
    """A number may hold ch (a digit, a numeral, a separator, 余 餘 几 幾 …, a space: what
    run_start steps over, and what NUMBER takes before a magnitude)."""
    return ch in _NUMBER_CHARS or ch in "餘幾" or ch.isdecimal() or ch in _NEWER_DIGITS


def _noun_part(t, prev, started: bool, nominal: set[str]) -> bool:
    """A token before the number that belongs to the object: a noun-like word, an adjective
    inside it, a nominal verb, or a one-character verb after a noun (建|站)."""
    return (t.pos.startswith(_NOUNISH) or (started and t.pos == "a") or t.text in nominal
            or (not started and t.pos == "vn")
            or (not started and t.pos == "v" and len(t.text) == 1 and prev is not None
                and prev.pos.startswith(_NOUNISH)))


def _before_spaces(text: str, i: int) -> int:
    """Where the spaces that end text[:i] begin (i when none do)."""
    while i > 0 and text[i - 1] in _SPACES:
        i -= 1
    return i


def _place_word(text: str, num_s: int) -> bool:
    """The two characters before the number are a place word of jieba's (地上, 楼上: tag s)."""
    return num_s >= 2 and nlp.word_tag(text[num_s - 2:num_s]) == "s"


class _More:
    """The tokens of a window past its first part (_tagged_edge), going away from the number:
    more() gives the next run of unknown characters with the known words up to the run after
    it (_chunks), None once there are none. left(): whether any token is still to come, told
    without tagging a run whenever it can be: a run gives at least one token, so only the
    far edge's last run, once the window's cut edge has dropped its token, may give none."""

    __slots__ = ("_buf", "_chunks", "_may_empty", "_todo")

    def __init__(self, segs: list, runs: list[int], left: bool, cut: bool):
        self._chunks = _chunks(segs, runs, left, cut)
        self._todo = len(runs)               # chunks not yet given (the one kept included)
        self._buf: list | None = None        # a chunk tagged by left(), given next
        # the far run's chunk ends at the window's edge with no known word past the run
        far_words = runs[0] if left else len(segs) - runs[-1] - 1
        self._may_empty = cut and far_words == 0

    def __call__(self) -> list | None:
        if self._todo == 0:
            return None
        self._todo -= 1
        got, self._buf = self._buf, None
        return got if got is not None else next(self._chunks)

    def left(self) -> bool:
        if self._todo == 0:
            return False
        if self._todo > 1 or not self._may_empty:
            return True
        if self._buf is None:
            self._buf = next(self._chunks)
        return bool(self._buf)


def _chunks(segs: list, runs: list[int], left: bool, cut: bool) -> Iterator[list]:
    """The tokens of segs past its first part (_tagged_edge), going away from the number: each
    run of unknown characters (segs[r] for r in runs, an nlp.Pending) with the known words
    between it and the next run, in text order; the far edge's token dropped when `cut`."""
    tagger = nlp.tagger()
    ends = [*runs[1:], len(segs)] if not left else [-1, *runs[:-1]]
    order = range(len(runs)) if not left else range(len(runs) - 1, -1, -1)
    for k in order:
        r, q = runs[k], ends[k]
        got = tagger.resolve(segs[r])
        got = _eng_digits_as_m([*segs[q + 1:r], *got] if left else [*got, *segs[r + 1:q]])
        if cut and k == order[-1]:
            got = got[1:] if left else got[:-1]
        yield got


def _fill(toks: list, more: _More, need: int, front: bool = False) -> _More | None:
    """more()'s tokens added to toks (after them, or before them when the walk goes left)
    until toks holds `need`; the more left, None once it has no more."""
    while len(toks) < need:
        got = more()
        if got is None:
            return None
        if front:
            toks[:0] = got
        else:
            toks.extend(got)
    return more


def _first(toks: list, more: _More | None) -> tuple[list, _More | None]:
    """toks with more()'s tokens added until it holds one (or there are no more)."""
    while not toks and more is not None:
        got = more()
        if got is None:
            more = None
        else:
            toks = got
    return toks, more


def _eng_digits_as_m(toks):
    """Digits tagged eng (posseg without HMM: 12 → eng) read as numerals (m)."""
    if _has_eng(toks):
        return type(toks)(nlp.Token(t.text, t.start, t.end, "m")
                          if t.pos == "eng" and _DIGITS.fullmatch(t.text) else t for t in toks)
    return toks


def _has_eng(toks) -> bool:
    """Whether a token is tagged eng (`in` over a map: cheaper than any() over a generator)."""
    return "eng" in map(_POS_OF, toks)


def _ends_with(text: str, words: tuple[str, ...], end: int) -> bool:
    """text[:end] ends with one of words, as a pattern ending in (?:words)$ finds it (`$` also
    matches before a final line break)."""
    return text.endswith(words, 0, end) or (text[end - 1:end] == "\n"
                                             and text.endswith(words, 0, end - 1))


def _quote_fix(text: str, s: int, e: int) -> tuple[int, int]:
    """Widen [s, e) so that its “ ” are paired (巾帼暖“新”驿站, “双护课堂”公益课)."""
    txt = text[s:e]
    if txt.count("“") < txt.count("”") and s > 0 and text[s - 1] == "“":
        s -= 1
    elif txt.count("“") > txt.count("”") and text[e:e + 1] == "”":
        e += 1
    return s, e


def build(rules: Rules) -> CountFinder:
    return CountFinder(rules)
