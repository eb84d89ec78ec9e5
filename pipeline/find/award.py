"""award facts: which honour, at what level, given to whom (FACTS.md, rules/award.yaml).

Three sources reinforce each other:
  lexicon  standing honours (lexicons/awards.tsv): 三八红旗手, 巾帼文明岗 …
  pattern  a level prefix (lexicons/award_levels.tsv: 全国, 省, 江苏省, 苏州市 …) + a head
           (lexicons/award_heads.tsv: …奖章, …标兵, 最美…, 优秀…)
  context  a trigger right before it (lexicons/award_triggers.tsv: 获评, 被评为, 授予 …),
           quotes after a trigger (获评“江苏慈善奖”), 称号 after it.
A candidate becomes an award when its evidence is enough (`_accept`); the fact's `rule` names
its strongest evidence. Extra fields: level (from the name as written), recipient (the
trigger's subject or object, pipeline/awards_recipient.py), status ("nominated": 拟推荐,
被推荐为, …候选人), list_level (the first item's level in a coordinated list 全国巾帼建功标兵、
巾帼文明岗 when the item itself has none), tags (["collective"] for 三八红旗手(集体)),
category_of (award.category facts).

Matching is on characters with `regex`; jieba tokens (with POS, one segmentation per sentence,
cached by Context) are read only around a candidate: where a name starts, who received it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import regex

from .. import awards_recipient as rec
from ..context import Context
from ..model import Fact
from ..patterns import CLOSE_OF, OPEN_Q, alternation, word_trie
from ..rules import Rules
from ..script import simplified_table
from .simplified import as_written, find_through_simplified

# where a grade's clause ends: its verb of winning is looked for inside (not across these)
_CLAUSE_END = re.compile(r"[。！？；;!?\n，,]")

STRIP = "“”\"'‘’「」『』()（）[]【】 \u3000"
OPEN_OF = {v: k for k, v in CLOSE_OF.items()}
# where a name starts and ends does not need jieba's guesses at unknown words (rec.pos_tokens)
HMM = False
# a quoted name that ends like a prize (“社区服务之星奖”, 「香港義工獎」) names one without a verb
# (the finder reads a Simplified copy of the text: 獎 is 奖 there)
# the receivers counted right before a name (共82名孝行楷模, 10户文明家庭)
_COUNTED = regex.compile(r"(?:\d+|[一二三四五六七八九十百千两]+)[名位户个家人]")
COUNTED_END = regex.compile(_COUNTED.pattern + "$")
_PRIZE_END = regex.compile(r"(?:奖|奖章|勋章|奖杯|奖状|奖学金)$")
# more quoted names right after one, each of its own (“好妈妈”“好爸爸”, “好妈妈”、“好爸爸”)
_QUOTE_RUN = regex.compile(r"(?:[、和与及]?“[^“”\n]{2,20}”)*")
EDITION = r"(?:\d{4}(?:[—\-－~至]\d{4})?年度?|第[一二三四五六七八九十百零〇\d]+[届屆]|首[届屆])"
EDITION_END = regex.compile(EDITION + "$")
# a name ending in 奖 that opens on 最佳 (最佳男主角奖, 最佳國語專輯獎) is a category of a prize
# (no count of prizes, 最佳音樂一獎 "the one prize for best music", no list, 最佳摄影师等五项大奖)
BEST_NAMED = regex.compile(r"最佳[^\P{Han}等和及与或一二三四五六七八九十两几多各每]{1,10}$")
# at the head of a name only an edition counts (2023年度, 第九届); a bare year (2024年) is a date
EDITION_START = regex.compile(r"(?:\d{4}(?:[—\-－~至]\d{4})?年度|"
                              r"第[一二三四五六七八九十百零〇\d]+[届屆]|首[届屆])")
# an edition and a name run on to the end (第34届中国经济新闻): the name of an edition's prize
EDITION_NAMED = regex.compile(EDITION_START.pattern + r"[\p{Han}A-Za-z·]{1,16}$")
PLACE = regex.compile(r"\p{Han}{1,6}?(自治区|自治州|省|市|区|县|州)")
PLACE_LEVEL = {"自治区": "provincial", "省": "provincial", "自治州": "municipal", "市": "municipal",
               "州": "municipal", "区": "district", "县": "district"}
# what may stand between two items of a list: a count of the first (50名), a separator, quotes
COUNT = r"(?:[\d一二三四五六七八九十百千万两余多]+[名个人户家项位所支件]?)"
# (…、杜某某等20名“优秀校长”: the receivers named and counted between the separator and the item)
NAMED = rf"(?:\p{{Han}}{{2,4}}等{COUNT}|{COUNT})"
# a separator of two items (暨, the formal "and": 校长领导卓越奖暨教学卓越奖 are two prizes)
SEP = r"(?:[、和及与或暨]|以及)"
# …or a comma after the first item's count (评选出五四红旗团支部3个，五四青年标兵1人，…): a list
# of honours and how many each went to
COUNTED_SEP = r"(?:[\d一二三四五六七八九十百千万两余多]+[名个人户家项位所支件][,，;；])"
JOIN = regex.compile(rf"[”」』]?(?:{COUNT}?{SEP}|{COUNTED_SEP}){NAMED}?[“「『]?")
# a list by its separators alone: the level and recipient its first item shares with the rest
# (after a comma a new group may start: 省标兵、红旗手13个，全国巾帼建功标兵、巾帼文明岗)
TIGHT_JOIN = regex.compile(rf"[”」』]?{COUNT}?{SEP}{NAMED}?[“「『]?")
# a list item starts here: a separator (and a count) right before it
LISTED_BEFORE = regex.compile(rf"(?:{SEP}|{COUNTED_SEP}){NAMED}?[“「『]?$")
_LETTER = regex.compile(r"\p{L}")
# a school's or a unit's own rank before an item (校级, 院级, 厂级)
_RANK_WORD = regex.compile(r"\p{Han}{1,2}级")
_HAN = regex.compile(r"\p{Han}")
# a list of quoted names that a phrase of honours closes (先后荣获“…”、“…”，全市“…”等多项荣誉):
# two items or more, a few words (a level, 称号) between them, no sentence's end
HONOUR_LIST = regex.compile(
    r"(?:[“「『][^“”「」『』\n。；;]{2,24}[”」』][^“”「」『』\n。；;！？]{0,6}){2,}?"
    r"(?<=[”」』、，,称号])\s?等[^。；;！？\n“”]{0,12}?(?:荣誉|称号|奖项|殊荣|荣譽|稱號|獎項)")


_alt = alternation


def _per_article(method):
    """Keep what a method answers about one article's text (its arguments after ctx) on the
    Context: candidates ask about the same place several times. Only for methods whose answer
    depends on the text and the arguments alone, and is immutable."""
    name = method.__name__

    @functools.wraps(method)
    def kept(self, ctx: Context, *args):
        memo = ctx.__dict__.setdefault("_award_memo", {})
        key = (id(self), name, args)
        if key not in memo:
            memo[key] = method(self, ctx, *args)
        return memo[key]
    return kept


def _words_re(words):
    """An alternation of words (longest first), written as a trie (patterns.word_trie: the same
    matches) and compiled with the standard `re`: the same matches as `regex` for literal
    words, found several times faster over a whole text; as a trie, a position is asked only
    about the words that begin there."""
    return re.compile(word_trie(words) or "(?:)")


# a prize named in a list after another (三等奖15项、最佳答辩奖1项): a few characters ending in
# 奖, then no more of a word (a count, a separator, the clause's end)
# (what may follow 奖 in a longer word: 奖学金, 奖励, 奖品, 奖章, 奖项 …)
_WORD_GOES_ON = "[学励金品章状杯牌项]"
_LISTED_PRIZE = regex.compile(
    r"\p{Han}{1,7}?奖(?=$|[^\p{Han}]|[一二三四五六七八九十两]+[名个项件]"
    rf"|(?:[和及与暨]|以及)\p{{Han}}{{1,7}}?奖(?!{_WORD_GOES_ON}))")
# a count as one token (两个, 3项, 五名): a name walked from 最佳/优秀 ends before it (最佳男演员
# 两个奖项; POS tags cannot tell: jieba tags 少年 a numeral)
_COUNT_TOKEN = regex.compile(r"^[\d一二两三四五六七八九十百千万几]+[个项名位次件届枚]?$")
# the festivals' numbers an honour's name may open with, and the quotes put around them
_QUOTED_DAY = regex.compile(r"五一|五四|三八|七一|八一")
_DAY_QUOTES = (("“", "”"), ("「", "」"), ('"', '"'))
# a grade's prize before 项目 names the project that won it, no programme (技术发明奖一等奖项目)
_GRADE_ENDS = ("等奖", "等獎")
_WINNING = ("项目", "項目")
# a count and a word for prizes closing a run: the number of the prizes just listed
_SUMMED = regex.compile(r"[\d一二两三四五六七八九十]+\s*[项个](?:大奖|奖项|奖)\Z")
# what closes a clause right after a word (最佳志愿服务组织。: the verb there is a noun; a quote
# after it opens its object: 获得“某某奖”)
_CLAUSE_MARKS = frozenset("。，,；;！!？?、：:）)\n")
# the first item of a list of prizes (友爱奖、…; 团体奖和个人奖): a short name ending in 奖 that
# is not the start of a longer word (奖学金, 奖励, 奖项)
_PRIZE_ITEM = regex.compile(rf"\p{{Han}}{{1,7}}?奖(?!{_WORD_GOES_ON})")
def _clause_back(text: str, s: int, window: int) -> int:
    """Where the clause holding s starts, looking back `window` characters at most."""
    lo = max(0, s - window)
    cut = _CLAUSE_END.search(text[lo:s][::-1])
    return s - cut.start() if cut else lo


def _items(text: str, m: Any, group: int | str) -> list[tuple[int, int]]:
    """The spans of the items of the list m's group holds (A、B和C), each without its quotes
    or the spaces around it."""
    out = []
    for it in regex.finditer(r"[^、和及与]+", m.group(group)):
        s, e = m.start(group) + it.start(), m.start(group) + it.end()
        while s < e and (text[s] in OPEN_Q or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in CLOSE_OF.values() or text[e - 1].isspace()):
            e -= 1
        out.append((s, e))
    return out


def _won(name: str, s: int, e: int, rule: str) -> Fact:
    """An award read from a list or a grade: its name as written, no level or receiver read."""
    return Fact("award", name, s, e, name, rule,
                extra={"level": None, "recipient": None, "status": "awarded"})


# what joins two items of a list, its separator named (JOIN)
_JOINED = regex.compile(rf"[”」』]?{COUNT}?(?P<sep>{SEP}){COUNT}?[“「『]?")
# the last characters of an award's head: a name ending so is closed whatever follows it
_HEAD_ENDS = frozenset("奖獎金章杯牌状狀旗")
# the items of a table cell that lists several honours
_ITEM = re.compile(r"[^、，,；;]+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff〇]+")
_DIGITS = regex.compile(r"\d+")


# a grade's count, then the comma before the next grade of the list (一等奖1项，二等奖4项)
_GRADE_RUN = regex.compile(
    r"\s*(?:\d+|[一二三四五六七八九十两]+)\s*[项個个名件人队隊]\s*[，,；;]\s*")
_GRADE_COUNT = regex.compile(r"\s*(?:\d+|[一二三四五六七八九十两百]+)\s*[项個个名件人队隊]")
# the winners' names listed right after a grade, then the verb (三等奖郭凯明、郭 伟、…刘元亮获得;
# 优秀奖由栋柏、马俊杰…获得): the grade is won however long the list runs (a name may be spaced)
_NAMES_WON = re.compile(r"由?(?:[\u4e00-\u9fff]{1,3}(?: [\u4e00-\u9fff])?[、，,]){1,40}"
                        r"[\u4e00-\u9fff]{1,3}(?: [\u4e00-\u9fff])?(?:获得|獲得|荣获|榮獲)")
# what ends the sentence a closing verb reaches back over (a comma does not: 对A、B，予以表彰)
_SENTENCE_BREAK = frozenset("。；;！？!?\n")


def _han(s: str) -> bool:
    return _HAN_RUN.fullmatch(s) is not None


def _tokens_before(ctx: Context, pos: int, reach: int) -> list:
    """The POS tokens (no HMM) of the blocks of pos's sentence that overlap [pos - reach, pos]:
    what a walk left from pos reads, without tagging the blocks after it (rec.pos_tokens tags
    WINDOW characters on both sides). The tokens of a block do not depend on the others."""
    ss = ctx.sentence_span(pos)[0]
    return rec.pos_tokens(ctx, max(ss, pos - reach), pos + 1, hmm=HMM, window=0)


@dataclass
class Cand:
    start: int
    end: int
    source: str                                   # lexicon | suffix | prefix | quoted | context
    evidence: set = field(default_factory=set)    # lexicon level scope trigger quoted context
    weak: bool = False                            # only a weak head (优秀…, …之星)
    generic: bool = False                         # a lexicon name that is also ordinary praise
    quoted: tuple[int, int] | None = None         # the quote marks around the name
    after: int = 0                                # where the text after the name starts
    level: str | None = None
    status: str | None = None
    tags: list = field(default_factory=list)
    trigger: tuple | None = None                  # (start, end, lexicon row)
    listed: bool = False                          # kept only as an item of a list of honours


class _TableReading:
    """award.table: where the honour column of a table stands and what its cells say.

    A header line names the columns: one whose cell names honours (荣誉称号, 奖励(命名)名称,
    获奖项目), one naming who received them (获奖单位, 姓名) or when (年份). Cells are split by
    `|` when the line holds one, else by white space. The rows are the lines under it with as
    many cells; short lines with other counts (a row the page broke over several lines) are
    passed over, up to `max_gap` lines of one cell in a row; a line longer than `max_cell` (a
    paragraph) or a new header ends the table."""

    def __init__(self, cfg: dict):
        self.honour_words = tuple(cfg.get("honour_words") or ())
        self.honour_ends = tuple(cfg.get("honour_ends") or ())
        self.receiver_ends = tuple(cfg.get("receiver_ends") or ())
        self.granter_starts = tuple(cfg.get("granter_starts") or ())
        self.time_ends = tuple(cfg.get("time_ends") or ())
        self.cell_ends = tuple(cfg.get("cell_ends") or ())
        self.max_gap = int(cfg.get("max_gap", 6))
        self.max_cell = int(cfg.get("max_cell", 40))
        self.head_max = int(cfg.get("header_cell_max", 12))
        # a honour cell's leading year or batch (2020年度, 2019—2020年, 第二批, 首批) and its
        # trailing stop are no part of the name; an edition (第九届) is (EDITION_START)
        self.lead = regex.compile(
            r"(?:(?:\d{4}(?:[—\-－~至]\d{4})?年度?|第[一二三四五六七八九十\d]+批|首批)\s?)+")
        self.trail = regex.compile(r"[。．.；;，,、\s]+$")

    @staticmethod
    def _cells(text: str, ls: int, le: int) -> list[tuple[int, int]]:
        line = text[ls:le]
        if "|" in line:
            out = []
            pos = 0
            for part in line.split("|"):
                a = pos + len(part) - len(part.lstrip())
                b = pos + len(part.rstrip())
                if b > a:
                    out.append((ls + a, ls + b))
                pos += len(part) + 1
            return out
        return [(ls + m.start(), ls + m.end()) for m in re.finditer(r"\S+", line)]

    def _column(self, cell: str) -> str | None:
        """What a header cell names: honour | receiver | time | None."""
        c = re.sub(r"[()（）\s]", "", cell)
        if not c or len(c) > self.head_max or not _han(c):
            return None
        if c.endswith(self.receiver_ends) and not c.startswith(self.granter_starts):
            return "receiver"
        if c.endswith(self.honour_ends) and any(w in c for w in self.honour_words):
            return "honour"
        if c.endswith(self.time_ends):
            return "time"
        return None

    def _header(self, text: str, cells) -> tuple[int, int | None] | None:
        """(the honour column, the receiver column) of a header line, or None."""
        if len(cells) < 2:
            return None
        kinds = [self._column(text[a:b]) for a, b in cells]
        if kinds.count("honour") != 1 or not ("receiver" in kinds or "time" in kinds):
            return None
        who = kinds.index("receiver") if "receiver" in kinds else None
        return kinds.index("honour"), who

    def honour_cells(self, text: str) -> list[tuple[int, int, str | None, tuple[int, int]]]:
        """The honour column's cells: the span (year, batch and stop trimmed), the row's
        receiver, the whole cell's span (what the other readings give way to)."""
        if not any(w in text for w in self.honour_words):
            return []
        lines = []
        pos = 0
        for line in text.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        out = []
        i = 0
        words = self.honour_words
        while i < len(lines):
            a0, b0 = lines[i]
            if not any(w in text[a0:b0] for w in words):
                i += 1          # no header without an honour column's word (most lines)
                continue
            cells = self._cells(text, a0, b0)
            head = self._header(text, cells)
            i += 1
            if head is None:
                continue
            col, who = head
            n, gap = len(cells), 0
            while i < len(lines) and gap <= self.max_gap:
                row = self._cells(text, *lines[i])
                if len(row) >= 2 and self._header(text, row) is not None:
                    break
                i += 1
                if len(row) != n or all(set(text[a:b]) <= set("-:—") for a, b in row):
                    if lines[i - 1][1] - lines[i - 1][0] > self.max_cell:
                        break           # a paragraph: the table has ended
                    gap += len(row) < 2     # a part of a broken row holds two cells or more
                    continue
                gap = 0
                a, b = row[col]
                if b - a > self.max_cell:
                    continue
                m = self.lead.match(text, a, b)
                a2 = m.end() if m else a
                t = self.trail.search(text, a2, b)
                b2 = t.start() if t else b
                if b2 - a2 < 2:
                    continue
                receiver = text[slice(*row[who])] if who is not None else None
                out.append((a2, b2, receiver, (a, b)))
        return out


class AwardFinder:
    def __init__(self, rules: Rules):
        rf = rules.file("award")
        self.rule = {r["id"]: r for r in rf.rules}
        # lexicons and rules are written in Simplified: a Traditional text is read through its
        # character-by-character Simplified copy (same offsets), the facts keep the text's own
        # characters (全國文明單位稱號 → 全國文明單位)
        self.to_simplified = simplified_table(rules)
        lex = rules.lexicon("awards")
        self.lex_level = {r["name"]: (r["level"].strip() or None) for r in lex}
        self.lex_generic = {r["name"] for r in lex if r.get("generic", "").strip() == "yes"}
        # a festival's number that opens a name is often quoted (“五一”劳动奖章, 「三八」紅旗手):
        # the name so written is the same name (its value drops the quotes)
        for name in list(self.lex_level):
            day = _QUOTED_DAY.match(name)
            if day is None:
                continue
            for o, c in _DAY_QUOTES:
                quoted = f"{o}{day.group()}{c}{name[day.end():]}"
                self.lex_level[quoted] = self.lex_level[name]
                if name in self.lex_generic:
                    self.lex_generic.add(quoted)
        self.lex_re = _words_re(self.lex_level)
        heads = rules.lexicon("award_heads")
        self.suffix_strength = {h["head"]: h["strength"] for h in heads
                                if h["position"] == "suffix"}
        self.prefix_strength = {h["head"]: h["strength"] for h in heads
                                if h["position"] == "prefix"}
        self.context_heads = [h["head"] for h in heads if h["position"] == "context"]
        self.suffix_re = _words_re(self.suffix_strength)
        self.prefix_re = regex.compile(rf"(?:{_alt(self.prefix_strength)})(?=\p{{Han}})")
        self.context_re = regex.compile(rf"(?:国家)?(?:{_alt(self.context_heads)})")
        levels = rules.lexicon("award_levels")
        self.level_of_prefix = {r["prefix"]: (r["level"], r["kind"]) for r in levels}
        self.level_end_re = regex.compile(rf"(?:{_alt(self.level_of_prefix)})$")
        self.level_start_re = regex.compile(_alt(self.level_of_prefix))
        trig = rules.lexicon("award_triggers")
        self.triggers = {t["trigger"]: t for t in trig}
        self.trigger_re = _words_re(self.triggers)
        self.trigger_end_re = regex.compile(rf"(?:{_alt(self.triggers)})$")
        triggers = _alt(t for t in self.triggers if t[0] != "拟")
        self.subject_of_trigger = regex.compile(
            rf"(?:也|还|再次|先后|分别|均|都|已|曾|又|连续\d+年)*(?:{triggers})")

        pat = self.rule["award.pattern"]
        self.block_after = {h: regex.compile(_alt(ws)) for h, ws in (pat.get("block_after")
                                                                     or {}).items()}
        self.not_names = set(pat.get("not_names") or [])
        self.recipient_before = tuple(pat.get("recipient_before") or ())
        ag = self.rule.get("award.again")
        self.again = ((int(ag.get("min_len", 4)), frozenset(ag.get("of_rules") or ()))
                      if ag else None)
        ends = pat.get("law_title_ends") or []
        self.law_title_re = (regex.compile(r"《[^《》\n]{0,60}?(?:" + _alt(ends) + r")》")
                             if ends else None)
        self.designation_re = regex.compile(_alt(pat.get("designations") or ["高新技术企业"]))
        # a building, hall or centre named after a donor (命名为「某某学术中心」) is no honour
        fac = pat.get("facility_names") or {}
        tails = fac.get("tails")
        self.facility_re = regex.compile(rf"(?:{_alt(tails)})$") if tails else None
        self.facility_honour = regex.compile(_alt(fac.get("honour_words") or ["示范"]))
        self.not_suffix_re = regex.compile(rf"(?:{_alt(pat.get('not_suffixes') or ['获奖'])})$")
        # a head that is a whole honour's name alone (先进集体, 三好学生), right after a trigger
        # with maybe a count between (被评为先进集体, 表彰了24个先进集体): a bare 奖章 or 标兵 is
        # no name, so only these
        self.bare_heads = frozenset(pat.get("bare_after_trigger") or ())
        self.bare_trigger_re = regex.compile(
            rf"(?:{_alt(self.triggers)})了?(?:{COUNT})?$") if self.bare_heads else None
        self.stop_tokens = set(pat.get("stop_tokens") or [])
        # a stop token inside one of these phrases is part of a name (科学与技术进步奖)
        self.name_joins = tuple(pat.get("name_joins") or ())
        # words and POS that end the walk right from a prefix head (优秀教师名单已经公布: the list
        # and the adverb are no part of the honour's name)
        self.walk_stop_words = set(pat.get("walk_stop_words") or [])
        self.walk_stop_pos = tuple(pat.get("walk_stop_pos") or [])
        self.agent_tail = regex.compile(rf"(?:{_alt(pat.get('agent_tails') or ['者'])})$")
        self.extend_re = regex.compile(_alt(pat.get("extend_suffixes") or ["标兵"]))
        self.max_len = int(pat.get("max_len", 20))
        self.level_range = regex.compile(_alt(pat.get("level_range") or ["以上", "以下"]))
        rk = pat.get("ranking") or {}
        self.ranking_re = regex.compile(_alt(rk.get("words") or ["十大"]))
        self.ranking_always_re = regex.compile(_alt(rk.get("always") or ["百强"]))
        self.ranking_people = regex.compile(rf"(?:{_alt(rk.get('people_tails') or ['人物'])})$")
        self.not_place = regex.compile(rf"(?:{_alt(pat.get('not_places') or ['老区'])})$")
        lexr = self.rule["award.lexicon"]
        self.generic_before = regex.compile(rf"(?:{_alt(lexr.get('generic_before') or ['一批'])})$")
        self.block_before = regex.compile(
            rf"(?:{_alt(lexr.get('block_before') or ['创建'])})[“「『]?$"
        )
        self.programme_after = regex.compile(_alt(lexr.get("programme_after") or ["项目"]))
        # ...and so for each item of a list a campaign verb governs (创建平安、和谐、文明校园) or
        # whose end a programme word follows (平安校园、文明校园、和谐校园的创建)
        item = r"[^，。；;！？!?\s、“”「」『』\"]{1,8}?"
        self.list_block_before = regex.compile(
            rf"(?:{_alt(lexr.get('list_block_before') or ['创建'])})(?:{item}[、及和与])+$")
        self.list_programme_after = regex.compile(
            rf"(?:[、及和与]{item})+的?(?:{_alt(lexr.get('list_programme_after') or ['创建'])})")
        self.variant_re = regex.compile(r"[(（](集体|个人)[)）]")
        nomr = self.rule["award.nominated"]
        self.nominated_after = regex.compile(_alt(nomr.get("nominated_after") or ["候选人"]))
        quo = self.rule["award.quoted"]
        self.quote_re = re.compile(r"([“「『])([^“”「」『』\n]{2,20})([”」』])")
        # a name in straight quotes ("纽西兰年度长者"称号): only right before 称号, where no other
        # reading of a pair of straight quotes is left
        self.ascii_quote_re = re.compile(r'(")([^"“”「」『』\n]{2,20})(")')
        gap, prefixes = _alt(quo.get("gap") or ["了", "为"]), _alt(self.level_of_prefix)
        events = _alt(quo.get("event_after") or ["颁奖典礼"])
        self.event_after_re = regex.compile(events)
        # …and its holder after a prize's or a scholarship's name (某某奖获得者, 某某奖学金获奖者)
        holders = quo.get("holder_after") or []
        self.holder_after_re = regex.compile(_alt(holders)) if holders else None
        # …and a prize joined by 暨 to the one the ceremony is named after (某某奖暨某某奖颁奖典礼)
        self.joined_event_re = regex.compile(r"暨\p{Han}{2,20}?奖(?=" + events + ")")
        sel = quo.get("selection_after") or []
        self.selection_after_re = regex.compile(_alt(sel)) if sel else None
        # a named scholarship unquoted (settled reading: 某某奖学金 is an award): after a verb of
        # setting one up (设有希望出航奖学金), or alone on its line as a heading, with its
        # category in brackets (某某校长念慈奖学金(杰出学生奖))
        sch_name = r"\p{Han}{3,14}[奖奬]学金"
        sch_not = _alt(quo.get("scholarship_not_first") or ["一"])
        self.scholarship_re = regex.compile(
            rf"(?:{_alt(quo['scholarship_after'])})(?!{sch_not})({sch_name})"
            if quo.get("scholarship_after") else r"(?!x)x")
        self.trigger_in_re = regex.compile(rf"{_alt(self.triggers)}|[获捐]")
        self.scholarship_line_re = regex.compile(
            rf"(?m)^[^\S\n]*(?!{sch_not})({sch_name})[^\S\n]*"
            r"(?:[（(]([\p{Han}]{2,12}[奖奬])[)）])?[^\S\n]*"
            # …or a list's item: its name, a space, whom it is for (某某奖学金 颁发予成绩优异…)
            r"(?:[^\S\n]+(?:颁发|颁予|鼓励|资助|帮助|奖励|表扬|嘉奖|支持|用于)[^\n]*)?$")
        self.place_gap_re = regex.compile(
            rf"(?:{gap}|{EDITION})*\p{{Han}}{{1,4}}?[省市县区州](?:{EDITION})?(?=[“「『])")
        # (an ASCII quote too: 荣获'最佳进步奖')
        self.gap_re = regex.compile(
            rf"(?:{gap}|{EDITION})*(?:(?:{prefixes})(?=[“「『']))?[“「『']?")
        cat = self.rule["award.category"]
        self.category_prefix_re = regex.compile(_alt(cat.get("category_prefixes") or ["最佳"]))
        self.parent_window = int(cat.get("parent_window", 60))
        self.category_ends = tuple(cat.get("category_ends") or ["奖"])
        self.parent_ends = tuple(cat.get("parent_ends") or ["奖"])
        tails = _alt(cat.get("category_tails") or ["项目"])
        # (never the honour's own 称号, nor a clause running on past it: “文明好市民”称号及获得
        # 提名奖的市民颁奖 has no category — 的, 获, 颁, 及 … end a category's name)
        self.category_re = regex.compile(
            rf"(?!(?:荣誉)?称号)(?:(?![的获獲颁頒及和与與并並])\p{{Han}}){{2,12}}?(?:{tails})"
            r"(?=$|[，,。；;、！？\s]|(?:荣誉)?称号)")
        gr = self.rule.get("award.grade") or {}
        # a contest's grade standing alone (获得一等奖, 评出特等奖5件、一等奖10件): an award when a
        # verb of winning stands in its clause, within `window` characters either side
        grades, not_before = gr.get("grades") or ["一等奖"], gr.get("not_before") or ["学金"]
        self.grade_re = regex.compile(rf"(?:{_alt(grades)})(?!{_alt(not_before)})")
        winning = [*self.triggers, *(gr.get("verbs") or [])]
        self.grade_verb_re = regex.compile(_alt(winning))
        self.grade_window = int(gr.get("window", 20))
        openers = gr.get("list_openers") or []
        self.grade_list_re = regex.compile(_alt(openers)) if openers else None
        # 颁发多个奖项，包括：友爱奖、勤劳奖…: the list's first prize, the rest joined to it
        lists = gr.get("prize_lists") or []
        self.prize_list_re = regex.compile(
            rf"(?:{_alt(lists)})[^，,。；;！？\n]{{0,4}}?[，,]?(?:{_alt([*openers, '有', '为'])})"
            r"\s?[:：]?\s?[“「『]?") if lists and openers else None
        self.prize_list_verb_re = regex.compile(
            _alt([*winning, *(gr.get("prize_list_verbs") or [])]))
        # a results list (获奖名单如下：…优秀奖：…; 优异奖 某校 某某 得奖作品 …): a grade, or
        # a short prize's name heading a line with a colon, is a prize won when a results word
        # introduces a list before it (results_window), or follows it in its clause
        res = gr.get("results_words") or []
        self.results_re = regex.compile(_alt(res)) if res else None
        # before the list, the results word introduces it: 如下, a colon or the line's end follows
        self.results_intro_re = regex.compile(
            rf"(?m)(?:{_alt(res)})[^\n。，,；;]{{0,4}}?(?:如下|[:：︰]|$)") if res else None
        self.results_window = int(gr["results_window"])   # (schema defaults)
        self.results_after = int(gr["results_after"])
        # a prize or a film festival's category (最佳影片：《…》) opening a line of the list
        self.heading_re = regex.compile(r"(?m)^[ \t]*(\p{Han}{1,8}?奖|最佳\p{Han}{1,7}?)[:：︰]")
        # a results list a category a line, its winner after it (年度最佳SUV 某某汽车 X3)
        rows = gr.get("row_prefixes") or []
        self.row_re = regex.compile(
            rf"(?m)^[ \t]*(?:[-•·][ \t]*)?((?:年度)?(?:{_alt(rows)})[\p{{Han}}A-Za-z\d]{{1,14}})"
            r"(?:[ \t]*[:：︰|｜][ \t]*|[ \t]+)\S") if rows else None
        self.row_prefix_re = regex.compile(_alt(rows)) if rows else None
        self.min_rows = int(gr["min_rows"])
        tb = self.rule.get("award.table")
        self.table = _TableReading(tb) if tb else None
        pr = self.rule.get("award.presented")
        self.presented_re = regex.compile(
            rf"为((?:[^，,。；;！？\n为]){{2,{int(pr['max_span'])}}}?)"
            rf"(?:{_alt(pr.get('verbs') or ['颁奖'])})") if pr else None
        self.strong_suffixes = tuple(h for h, st in self.suffix_strength.items()
                                     if st == "strong")
        self.item_tail = regex.compile(
            rf"(?:{_alt([*(pat.get('agent_tails') or []), *(pr.get('item_tails') or [])])})$"
        ) if pr else None
        self.rr = rec.compile_rules(self.rule["award.trigger"])
        # 先后获得A、B、C等荣誉称号: a trigger, a list, 等 and a word calling the items honours
        closers = self.rule["award.trigger"].get("honour_closers") or []
        self.closed_re = regex.compile(
            rf"(?:{_alt(list(self.triggers))})了?(?P<items>[^。；;！？!?\n，,：:]{{3,160}}?)等"
            r"(?:多项|多个|一系列|\d+项|[一二三四五六七八九十两]+项)?"
            r"(?:国家级|省级|市级|县级|各级)?"
            rf"(?:{_alt(closers)})") if closers else None
        # (a text holding none of the closers after 等 holds no such list: most texts)
        self.closer_re = (regex.compile(rf"等[^。；;！？!?\n]{{0,6}}(?:{_alt(closers)})")
                          if closers else None)
        self.indefinite = tuple(self.rule["award.trigger"].get("indefinite_receivers") or ())
        # 授予施雄梁同志重大科技成就奖: a receiver and a form of address between the verb and an
        # unquoted name (a quoted one is read by _object_gap)
        titles = self.rule["award.trigger"].get("recipient_titles") or ["同志"]
        self.receiver_before = regex.compile(
            rf"\p{{Han}}{{2,4}}(?:{_alt(titles)})(?=\p{{Han}}{{3}})")
        # verbs that close the sentence of the honours they give (对…等10个先进集体、…予以表彰)
        closing = self.rule["award.trigger"].get("closing") or ()
        self.closing_re = regex.compile(_alt(closing)) if closing else None
        # anything that can anchor a head-named run (see _may_anchor)
        self.anchor_re = regex.compile(
            rf"{_alt(self.triggers)}|{_alt(self.level_of_prefix)}|[省市区县州{OPEN_Q}{''.join(CLOSE_OF.values())}]")
        # a list separator in the same run of characters as the head (LISTED_BEFORE)
        self.list_anchor_re = regex.compile(rf"(?:{SEP}|{COUNTED_SEP}){COUNT}?[“「『]?\p{{Han}}*$")

    # -- levels --------------------------------------------------------------------------------
    def _place_level(self, word: str) -> str | None:
        """江苏省 → provincial, 苏州市 → municipal, 北京市 → provincial, 姑苏区 → district."""
        m = PLACE.fullmatch(word)
        if not m or self.not_place.search(word):
            return None
        base = word[:-len(m.group(1))]
        if len(base) < 2 and base not in self.level_of_prefix:
            return None          # 社区, 城市, 该市, 本县: not a named place
        if base in self.level_of_prefix and self.level_of_prefix[base][1] == "place":
            return self.level_of_prefix[base][0]
        return PLACE_LEVEL[m.group(1)]

    @_per_article
    def _level_at(self, ctx: Context, s: int, e: int) -> tuple[int, str, str] | None:
        """The level word or place that begins at `s` (after an edition/year): (end, level,
        kind)."""
        text = ctx.text
        m = EDITION_START.match(text, s, e)
        if m:
            s = m.end()
        # only the token holding s is read: the blocks around it are not needed
        toks = rec.pos_tokens(ctx, s, hmm=HMM, window=0)
        tok = next((t for t in toks if t.start <= s < t.end), None)
        if tok is None:
            return None
        if tok.start == s:
            w = text[s:min(tok.end, e)]
            place = self._place_level(w) if len(w) >= 3 else None
            if place:
                return tok.end, place, "place"
        m = self.level_start_re.match(text, s, e)
        if m and (tok.start == s or s == 0 or not _han(text[s - 1])):
            lvl, kind = self.level_of_prefix[m.group()]
            return m.end(), lvl, kind
        return None

    @_per_article
    def _level_before(self, ctx: Context, pos: int, lo: int) -> tuple[int, str, str] | None:
        """A level prefix ending at `pos`, not before `lo`: (start, level, kind). A level word
        must start a jieba token (社区 holds no prefix 区); a named place with its suffix is the
        token ending at `pos` (焦作市, 江苏省, 张家港市)."""
        text = ctx.text
        if pos <= lo:
            return None
        # what is read: tokens starting in the 8 characters before pos, the one ending at pos
        # and the one before it
        toks = _tokens_before(ctx, pos - 1, 10)
        starts = {t.start for t in toks}
        best = None
        m = self.level_end_re.search(text[max(lo, pos - 8):pos])
        if m:
            p = pos - len(m.group())
            if p in starts or p == lo or not _han(text[p - 1:p]):
                best = (p, *self.level_of_prefix[m.group()])
        for i, t in enumerate(toks):
            if t.end == pos:
                w, ws = t.text, t.start
                if (
                    len(w) == 1
                    and w in "省市区县州"
                    and i > 0
                    and toks[i - 1].end == ws
                    and 2 <= len(toks[i - 1].text) <= 4
                    and toks[i - 1].pos in ("ns", "nr", "nz")
                    and _han(toks[i - 1].text)
                ):
                    w, ws = toks[i - 1].text + w, toks[i - 1].start     # jieba split 吴江|区
                nearer = ws >= lo and (best is None or ws < best[0])
                place = self._place_level(w) if nearer else None
                if place:
                    best = (ws, place, "place")
                break
        return best

    @_per_article
    def _first_level_in(self, ctx: Context, s: int, e: int) -> int | None:
        """Where the level word or named place that opens the name in a run starts (表彰全国优秀
        教师 → 全国). A run walked back from a head may hold its receiver too (授予苏州轨道交通
        集团全国五一劳动奖状, 市供电公司保持全国文明单位): the last level that is a word of its
        own (全国, 市, 苏州市 — not 市 of 市场) opens the name; levels right before it join it
        again when the span is extended left (江苏省苏州市…). None: no level in the run."""
        first = last = None
        for t in rec.pos_tokens(ctx, s, e, hmm=HMM, window=0):   # the tokens inside [s, e)
            if t.end <= s or t.start >= e or t.start < s:
                continue
            lv = self._level_at(ctx, t.start, e)
            if lv and lv[0] < e:          # a level opens a name: 模范县 is no place
                first = t.start if first is None else first
                if lv[0] >= t.end or lv[2] == "place":
                    last = t.start
        return last if last is not None else first

    def _joined(self, text: str, t) -> bool:
        """The stop token t is the middle of a name_joins phrase (科学与技术)."""
        for j in self.name_joins:
            k = j.find(t.text)
            if k > 0 and text.startswith(j, t.start - k):
                return True
        return False

    # -- the left edge of a head-named run -----------------------------------------------------
    @_per_article
    def _run_start(self, ctx: Context, hs: int) -> int:
        """Walk left over jieba tokens from a head while they can belong to a name."""
        text = ctx.text
        # the walk reads max_len characters before the head, the token just beyond (an opening
        # quote), and a trigger's last 4 characters before a token
        toks = _tokens_before(ctx, hs, self.max_len + 6)
        idx = next((i for i, t in enumerate(toks) if t.start <= hs < t.end), None)
        if idx is None:
            return hs
        start = toks[idx].start
        last = None
        for mm in self.trigger_re.finditer(text, start, hs):
            last = mm                          # the head's token swallowed a trigger (获奖)
        if last is not None:
            return last.end()
        i = idx - 1
        while i >= 0:
            t = toks[i]
            if hs - t.start > self.max_len:
                break
            w = t.text
            if (w in self.stop_tokens and not self._joined(text, t)) or self.trigger_end_re.search(
                    text[max(toks[0].start, t.end - 4):t.end]):
                break
            if w in CLOSE_OF.values():
                # a quoted part of the name (省“长安杯”奖杯, 全国“五一”劳动奖章): step over it
                j = i - 1
                while j >= 0 and toks[j].text != OPEN_OF[w] and hs - toks[j].start <= self.max_len:
                    j -= 1
                if j >= 0 and toks[j].text in OPEN_Q and all(_han(x.text) for x in toks[j + 1:i]):
                    start = toks[j].start
                    i = j - 1
                    continue
                break
            if not _han(w):
                if (
                    _DIGITS.fullmatch(w)
                    and i + 1 < len(toks)
                    and (toks[i + 1].text[:2] == "年度" or toks[i + 1].text[:1] in "届屆")
                ):
                    start = t.start
                    i -= 1
                    continue
                if _DIGITS.fullmatch(w) and i + 1 < len(toks) and toks[i + 1].text == "年":
                    start = toks[i + 1].end     # 2023年大国工匠: the year's 年 is no part of it
                break
            start = t.start
            i -= 1
        return start

    # -- find ----------------------------------------------------------------------------------
    def find(self, ctx: Context) -> list[Fact]:
        return find_through_simplified(self._find, self.to_simplified, ctx, self._restore)

    def _restore(self, facts: list[Fact], text: str, simp: str) -> None:
        """Values, parents and recipients of facts found in the Simplified copy, as written."""
        values = {}
        for f in facts:
            values[f.value] = new = self._value(f.text) if f.rule != "award.category" else f.text
            f.value = new
        for f in facts:
            if f.extra.get("category_of") in values:
                f.extra["category_of"] = values[f.extra["category_of"]]
            if f.extra.get("recipient"):
                f.extra["recipient"] = as_written(f.extra["recipient"], text, simp,
                                                  f.start - 300, f.end + 300, last=True)

    def _find(self, ctx: Context) -> list[Fact]:
        text = ctx.text
        trigs = [
            (m.start(), m.end(), self.triggers[m.group()]) for m in self.trigger_re.finditer(text)
        ]
        cands: list[Cand] = []
        for m in self.lex_re.finditer(text):                       # 1. the lexicon
            if any(m.group().endswith(h)
                   and b.match(text, m.end()) for h, b in self.block_after.items()):
                continue          # 慈善奖励, 道德模范作用
            cands.append(Cand(m.start(), m.end(), "lexicon", {"lexicon"},
                              generic=m.group() in self.lex_generic))
        for m in self.suffix_re.finditer(text):                    # 2. …奖章, …标兵
            head = m.group()
            blk = self.block_after.get(head)
            if blk is not None and blk.match(text, m.end()):
                continue
            if self.not_suffix_re.search(text, max(0, m.start() - 3), m.end()):
                continue          # 获奖, 颁奖: decided on characters, no tokens needed
            # a prize's name before its ceremony (第八届某某成就奖颁奖典礼): no trigger needed
            ceremony = (head.endswith("奖") and (self.event_after_re.match(text, m.end())
                                                  or self.joined_event_re.match(text, m.end()))) \
                or (head.endswith(("奖", "奖学金")) and self.holder_after_re is not None
                    and self.holder_after_re.match(text, m.end()) is not None
                    # (“自强之星”奖学金获得者: the quoted name's own reading has it)
                    and text[m.start() - 1:m.start()] not in CLOSE_OF.values())
            # a name ending in 奖 that opens on its edition (第34届某某新闻奖, 2024年度某某奖)
            # or on 最佳 (最佳國語專輯獎由…奪得): a prize's own name wherever it stands
            # (其获奖名单, 参评…的作品), as before a ceremony
            edition = best = None
            if not ceremony and head.endswith("奖"):
                edition = EDITION_NAMED.search(text, max(0, m.start() - 20), m.start())
                if edition is None:
                    best = BEST_NAMED.search(text, max(0, m.start() - 12), m.start())
                if best is not None and LISTED_BEFORE.search(text, max(0, best.start() - 8),
                                                             best.start()):
                    best = None   # an item of a list (二等奖6项、最佳创意奖1项) goes with the list
                if best is not None and text[m.end():m.end() + 1] in ":：":
                    best = None   # …and a results list's heading (最佳创意奖：实验小学 陈可)
            anchored = (ceremony or edition or best) or self._may_anchor(text, m.start())
            if not anchored:
                continue          # no trigger, level or place can start its run: no tokens needed
            s = self._run_start(ctx, m.start())
            if edition is not None and s <= edition.start():
                # (the name starts at its edition: 参评第34届某某奖 names 第34届某某奖)
                cands.append(Cand(edition.start(), m.end(), "suffix", {"context", "edition"},
                                  weak=self.suffix_strength[head] == "weak"))
                continue
            if best is not None:
                if s >= best.start():
                    cands.append(Cand(best.start(), m.end(), "suffix", {"context", "edition"},
                                      weak=self.suffix_strength[head] == "weak"))
                    continue
                if not self._may_anchor(text, m.start()):
                    continue      # (a run from before 最佳, 金鸡奖最佳故事片奖, goes as it went)
            if ceremony and s < m.start() and not (s > 0 and text[s - 1] in OPEN_Q):
                # (inside a quoted event's name, 「第26届某某奖颁奖典礼」, the quote is read whole)
                cands.append(Cand(s, m.end(), "suffix", {"context"},
                                  weak=self.suffix_strength[head] == "weak"))
                continue
            if (
                s < m.start()
                or head in ("奖章", "勋章")
                or LISTED_BEFORE.search(text, max(0, s - 8), s)
                or (head in self.bare_heads and self.bare_trigger_re is not None
                    and (self.bare_trigger_re.search(text, max(0, s - 12), s)
                         or (COUNTED_END.search(text, max(0, s - 8), s)
                             and self._closed(text, s, m.end()))))
            ):
                cands.append(Cand(s, m.end(), "suffix", weak=self.suffix_strength[head] == "weak"))
        for m in self.context_re.finditer(text):  # 3. … 称号
            if (text[m.start() - 1:m.start()] not in OPEN_OF
                    and not self._may_anchor(text, m.start())):
                continue
            s = self._run_start(ctx, m.start())
            if s < m.start():
                c = Cand(s, m.start(), "context", {"context"})
                cands.append(c)
        for m in self.prefix_re.finditer(text):                    # 4. 最美…, 优秀…
            pc = self._prefix_cand(ctx, m)
            if pc is not None:
                cands.append(pc)
        # 5. “…” after a trigger / before 称号, or an item of a quoted list closed by 等…荣誉
        closed = [mm.span() for mm in HONOUR_LIST.finditer(text)] if "等" in text else []
        for m in self.quote_re.finditer(text):
            qs, qe = m.span()
            if not _LETTER.search(m.group(2)):
                continue      # 考获「33222」: marks, no name
            trig = next((t for t in trigs if t[1] <= qs and (
                self.gap_re.fullmatch(text, t[1], qs)
                # 评选出荆门市“最美妇联人”: a named place between the verb and the quote
                or self.place_gap_re.fullmatch(text, t[1], qs)
                # 表彰了14户“…”, 授予10名同志“…”: the receivers between the verb and the name
                or (t[2]["recipient"] == "object" and t[2]["reach"] == "clause"
                    and qs - t[1] <= 20 and self._object_gap(text[t[1]:qs])))), None)
            # (a run of quoted names right after it, each of its own: “好妈妈”“好爸爸”)
            run = _QUOTE_RUN.match(text, qe)      # (it matches empty at least)
            run_end = run.end() if run else qe
            ctx_head = self.context_re.match(text, qe)
            if not ctx_head and run_end > qe and text[qe:qe + 1] == "“":
                # 授予某市“十佳志愿服务组织”“百名优秀志愿者”称号: each of a run before 称号
                ctx_head = self.context_re.match(text, run_end)
            if not ctx_head and any(a <= qs and qe <= b for a, b in closed):
                c = Cand(m.start(2), m.end(2), "quoted", {"quoted", "context"}, quoted=(qs, qe))
                cands.append(c)
                continue
            # a quoted name ending like a prize (“社区服务之星奖”), or followed by a prize's
            # grade (“最美妇联人”提名奖) or its ceremony (…”颁奖盛典), names one wherever it stands
            ext = self.extend_re.match(text, qe + (text[qe:qe + 1] == " "))
            # (a ceremony's: only when the name is people's or an honour's, not an event's:
            # “公益金卖旗日”颁奖典礼)
            people = bool(self.agent_tail.search(m.group(2)))
            prize_end = bool(_PRIZE_END.search(m.group(2)))
            # (“十佳教师”评选, “中国青年五四奖章”评选: a selection names the honour it gives;
            # “最美楼道”评比 names a corridor's: people's or a prize's names only)
            # (a run of such names before it, each of its own: 开展“最美家庭”“好妈妈”“好爸爸”评选)
            selected = bool(self.selection_after_re is not None and (people or prize_end)
                            and len(m.group(2)) >= 3
                            and self.selection_after_re.match(text, run_end))
            prize = bool(prize_end or selected
                         or (self.event_after_re.match(text, qe)
                             and (people or self.prefix_re.match(m.group(2))))
                         or (ext is not None and ext.group().endswith("奖")))
            # “夜莺天使”奖: a bare 奖 right after the closing quote (not 奖励, 奖金) ends a prize's
            # name; the fact spans the quote and the 奖 (after a trigger the trigger's run has it)
            # (“自强之星”奖学金: a scholarship's name likewise)
            # (its holder after it, 某某奖学金获得者李某, names it whatever stands before)
            if not prize and text[qe:qe + 1] == "奖":
                blk = self.block_after.get("奖")
                scholarship = text.startswith("奖学金", qe)
                # (…”奖章, …”奖杯: the medal's or cup's whole word)
                tail = 3 if scholarship else 1 + (text[qe + 1:qe + 2] in ("章", "杯", "状"))
                held = (self.holder_after_re is not None
                        and self.holder_after_re.match(text, qe + tail) is not None)
                if ((scholarship or not (blk is not None and blk.match(text, qe + 1)))
                        and (held or not any(rec._clause_start(text, qs) <= t[0] and t[1] <= qs
                                             for t in trigs))):
                    cands.append(Cand(qs, qe + tail, "quoted", {"quoted"}))
                    continue
            listed = trig is None and not ctx_head and not prize
            if listed and not LISTED_BEFORE.search(text, max(0, qs - 12), m.end(1)):
                continue
            if not ctx_head and not selected and self.programme_after.match(text, qe):
                continue
            c = Cand(m.start(2), m.end(2), "quoted", {"quoted", "context"} if selected
                     else {"quoted"}, quoted=(qs, qe), listed=listed)
            cands.append(c)

        for m in self.ascii_quote_re.finditer(text) if '"' in text else ():
            if _HAN.search(m.group(2)) and self.context_re.match(text, m.end()):
                cands.append(Cand(m.start(2), m.end(2), "quoted", {"quoted"},
                                  quoted=(m.start(), m.end())))
        for m in self.scholarship_re.finditer(text) if "学金" in text else ():
            cands.append(Cand(m.start(1), m.end(1), "quoted", {"quoted"}))
        for m in self.scholarship_line_re.finditer(text) if "学金" in text else ():
            if self.trigger_in_re.search(m.group(1)):
                continue      # 某校获某某捐资支持奖学金: a headline's sentence, not a name
            for k in (1, 2):
                if m.group(k):
                    cands.append(Cand(m.start(k), m.end(k), "quoted", {"quoted"}))
        kept = [c for c in cands if self._settle(ctx, c, trigs)]
        kept = self._merge(kept)
        self._govern(ctx, kept, trigs)
        kept = self._accept_all(ctx, kept)
        facts = self._with_parents(ctx.text, self._facts(ctx, kept))
        facts = self._grades(text, facts) if self.rule.get("award.grade") else facts
        facts = self._presented(text, facts) if self.presented_re is not None else facts
        facts = self._again(text, facts) if self.again is not None else facts
        if self.closer_re is not None and self.closer_re.search(text):
            facts = self._closed_lists(text, facts)
        facts = self._tables(ctx, facts) if self.table is not None else facts
        if facts and self.recipient_before:
            facts = [f for f in facts if f.rule != "award.pattern"
                     or not text.startswith(self.recipient_before, f.end)]
        if facts and self.law_title_re is not None and "》" in text:
            laws = [m.span() for m in self.law_title_re.finditer(text)]
            if laws:
                facts = [f for f in facts if not any(s < f.start and f.end < e for s, e in laws)]
        return facts

    def _again(self, text: str, facts: list[Fact]) -> list[Fact]:
        """award.again: a name read once (in quotes, by its head, after a trigger) counts at each
        later mention written the same way, quoted or not (「仁愛獎學金」 … 仁愛獎學金(弱勢戶))."""
        assert self.again is not None
        min_len, rules = self.again
        names = {str(f.value) for f in facts if f.rule in rules and isinstance(f.value, str)
                 and len(f.value) >= min_len}
        if not names:
            return facts
        taken = [(f.start, f.end) for f in facts]
        out: list[Fact] = []
        for name in sorted(names, key=len, reverse=True):
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                # (a name closed by its head, …獎學金, or by no more Han after it: 港城好人好事
                # runs on into another word)
                closed = name[-1] in _HEAD_ENDS or not _HAN_RUN.match(text, end)
                if closed and not any(s < end and at < e for s, e in taken):
                    out.append(_won(name, at, end, "award.again"))
                    taken.append((at, end))
                at = text.find(name, end)
        return sorted([*facts, *out], key=lambda f: f.start) if out else facts

    def _closed_lists(self, text: str, facts: list[Fact]) -> list[Fact]:
        """award.trigger honour_closers: 先后获得A、B、C等荣誉称号 — each item of a list a
        trigger opens and 等荣誉 (称号, 殊荣 …) closes is an honour, whatever its head."""
        assert self.closed_re is not None
        out: list[Fact] = []
        for m in self.closed_re.finditer(text):
            spans = _items(text, m, "items")
            if len(spans) < 2:
                continue    # (one item: 获得市民好评等荣誉 reads as praise as often as a title)
            # every item a name (社会各界的关注和好评等荣誉: praise, its last item no name)
            if not all(3 <= e - s <= 20 and _han(text[s:e]) and text[s:e] not in self.not_names
                       for s, e in spans):
                continue
            for s, e in spans:
                if not any(f.start < e and s < f.end for f in [*facts, *out]):
                    out.append(_won(text[s:e], s, e, "award.trigger"))
        return sorted([*facts, *out], key=lambda f: f.start) if out else facts

    def _presented(self, text: str, facts: list[Fact]) -> list[Fact]:
        """award.presented: 为十佳文明小区、最美凤城人、优秀志愿者颁奖 — each item of the list
        between 为 and the handing out that reads like an honour is one (the honours whose
        holders received their prizes)."""
        assert self.presented_re is not None and self.item_tail is not None
        out: list[Fact] = []
        for m in self.presented_re.finditer(text):
            for s, e in _items(text, m, 1):
                name = text[s:e]
                if len(name) < 3 or not _han(name) or name in self.not_names or "的" in name \
                        or any(f.start < e and s < f.end for f in [*facts, *out]):
                    continue
                head = self.prefix_re.match(name) or self.ranking_re.match(name)
                if not (self.lex_re.fullmatch(name)
                        or (head and self.item_tail.search(name))
                        or name.endswith(self.strong_suffixes)):
                    continue
                out.append(_won(name, s, e, "award.presented"))
        return sorted([*facts, *out], key=lambda f: f.start) if out else facts

    def _tables(self, ctx: Context, facts: list[Fact]) -> list[Fact]:
        """award.table: the honour column of a table (a header naming it and a column of who
        received it, then rows of as many cells): each of its cells that reads like an honour is
        one award, with the row's receiver; it replaces what the other readings found in it."""
        tb = self.table
        assert tb is not None
        text = ctx.text
        out, whole = [], []
        for s, e, who, cell in tb.honour_cells(text):
            # a cell may list several honours (全国文明单位、全国卫生单位); 称号 after one: context
            for m in _ITEM.finditer(text, s, e):
                a, b = m.span()
                h = self.context_re.search(text, a, b)
                if h and h.end() == b and h.start() > a:
                    b = h.start()
                if not self._honour_cell(text[a:b]):
                    # 2019年复评国家卫生乡镇: a standing honour that ends the cell is its name
                    lx = [x for x in self.lex_re.finditer(text, a, b) if x.end() == b]
                    if not lx or lx[0].start() == a:
                        continue
                    a = lx[0].start()
                out.append((a, b, who))
                whole.append(cell)
        if not out:
            return facts
        kept = [f for f in facts if not any(f.start < ce and cs < f.end for cs, ce in whole)]
        for s, e, who in out:
            if who:
                who = "".join(ch for ch in who if ch not in "“”「」『』\"") or None
            value = self._value(text[s:e])
            lv = self._level_at(ctx, s, e)
            level = lv[1] if lv else self._lex_level_in(value)
            kept.append(Fact("award", text[s:e], s, e, value, "award.table",
                             extra={"level": level, "recipient": who, "status": None}))
        return sorted(kept, key=lambda f: f.start)

    def _honour_cell(self, name: str) -> bool:
        """A cell of an honour column that reads like an honour: it ends with an award head (or
        one of the table's own ends: …表现突出的集体), is a standing honour, or opens (after a
        level) with a prefix head (全国最佳志愿服务项目); no designation, ranking or bare grade."""
        tb = self.table
        assert tb is not None
        v = self._value(name)
        if len(v) < 3 or v in self.not_names or self.not_suffix_re.search(v) \
                or self.designation_re.search(v) or self.ranking_always_re.search(v) \
                or (self.ranking_re.search(v) and not self.ranking_people.search(v)):
            return False
        if self.lex_re.fullmatch(v) or v.endswith(tuple(self.suffix_strength)) \
                or v.endswith(tb.cell_ends):
            return True
        m = self.level_start_re.match(v)
        return bool(self.prefix_re.match(v, m.end() if m else 0))

    def _grades(self, text: str, facts: list[Fact]) -> list[Fact]:
        """award.grade: a grade no other award fact holds, in a clause with a verb of winning
        (荣获一等奖, 一等奖有15人获得, 共评出特等奖5件、一等奖10件)."""
        out: list[Fact] = []
        for m in self.grade_re.finditer(text):
            s, e = m.span()
            if any(f.start < e and s < f.end for f in facts):
                continue        # 科技进步奖一等奖, 全国一等奖: part of a named award
            lo, hi = _clause_back(text, s, self.grade_window), min(len(text), e + self.grade_window)
            if self.grade_list_re is not None:
                lo = self._list_clause(text, s, lo)
            nxt = _CLAUSE_END.search(text, e, hi)
            if nxt:
                hi = nxt.start()
            if not self.grade_verb_re.search(text, lo, hi) and not self._in_results(text, s, e) \
                    and not (out and _GRADE_RUN.fullmatch(text, out[-1].end, s)
                             and _GRADE_COUNT.match(text, e)) and not _NAMES_WON.match(text, e):
                continue     # (获一等奖1项，二等奖4项，三等奖9项: the list runs on over commas)
            out.append(_won(text[s:e], s, e, "award.grade"))
        # (a heading counts only near a results word or a prize found before it: a text with
        # neither reads no heading)
        # a prize of another pass heading its line (最佳女配角：某某《…》) opens a list too
        headed = [f for f in facts if text[f.end:f.end + 1] in (":", "：")
                  and (f.start == 0 or text[f.start - 1] == "\n")]
        if self.results_re is not None and (out or headed or self.results_re.search(text)):
            for m in self.heading_re.finditer(text):
                s, e = m.span(1)
                if any(f.start < e and s < f.end for f in [*facts, *out]) \
                        or self.not_suffix_re.search(m.group(1)) \
                        or self.trigger_re.search(m.group(1)):
                    continue
                # the list runs on: a prize found within results_window before it keeps it open
                if not self._in_results(text, s, e) and not any(
                        0 <= s - f.end <= self.results_window for f in [*out, *headed]):
                    continue
                out.append(_won(text[s:e], s, e, "award.grade"))
        if self.prize_list_re is not None and "奖" in text:
            out += self._prize_list_heads(text, [*facts, *out])
        if self.row_prefix_re is not None and self.row_prefix_re.search(text):
            out += self._result_rows(text, [*facts, *out])
        return self._listed_prizes(text, sorted([*facts, *out], key=lambda f: f.start))

    def _result_rows(self, text: str, taken: list[Fact]) -> list[Fact]:
        """award.grade row_prefixes: min_rows lines or more in a row, each a category (最佳…,
        最受…) then its winner, are a results list: each category is a prize won."""
        assert self.row_re is not None
        runs: list[list[Any]] = []
        for m in self.row_re.finditer(text):
            # on the next line holding text (blank lines between rows are no break)
            if runs and self._next_row(text, runs[-1][-1], m):
                runs[-1].append(m)
            else:
                runs.append([m])
        out: list[Fact] = []
        for run in runs:
            if len(run) < self.min_rows:
                continue
            for m in run:
                s, e = m.span(1)
                name = m.group(1)
                if (any(f.start < e and s < f.end for f in taken)
                        or self.not_suffix_re.search(name) or self.trigger_re.search(name)):
                    continue
                out.append(_won(name, s, e, "award.grade"))
        return out

    @staticmethod
    def _next_row(text: str, prev: Any, m: Any) -> bool:
        """m opens the first line holding text after prev's line."""
        end = text.find("\n", prev.end(1))
        return end != -1 and not text[end:m.start()].strip()

    def _prize_list_heads(self, text: str, taken: list[Fact]) -> list[Fact]:
        """award.grade prize_lists: the first prize of a list after 奖项 and an opener (颁发多个
        奖项，包括：友爱奖、…), when its clause gives or wins prizes (奖项设置包括… lists the
        kinds of prize a contest has); _listed_prizes follows the rest of the list."""
        assert self.prize_list_re is not None
        out: list[Fact] = []
        for m in self.prize_list_re.finditer(text):
            lo = _clause_back(text, m.start(), self.grade_window)
            p = _PRIZE_ITEM.match(text, m.end())
            if (p is None or not self.prize_list_verb_re.search(text, lo, m.start())
                    or any(f.start < p.end() and p.start() < f.end for f in taken)
                    or self.not_suffix_re.search(p.group())
                    or self.trigger_re.search(p.group())):
                continue
            out.append(_won(p.group(), p.start(), p.end(), "award.grade"))
        return out

    def _in_results(self, text: str, s: int, e: int) -> bool:
        """A results list: a results word that introduces a list (获奖名单如下：) before s within
        results_window characters, or one after e in its clause within results_after."""
        if self.results_re is None:
            return False
        assert self.results_intro_re is not None
        if self.results_intro_re.search(text, max(0, s - self.results_window), s):
            return True
        # after it, in its clause: a row of the list (优异奖 某校 某某 得奖作品 …)
        end = _CLAUSE_END.search(text, e, e + self.results_after)
        return bool(self.results_re.search(text, e, end.start() if end else e + self.results_after))

    def _listed_prizes(self, text: str, facts: list[Fact]) -> list[Fact]:
        """award.grade: the items of a list joined to an award (六项金奖、13项银奖和两项铜奖;
        三等奖15项、最佳答辩奖1项、优胜奖14项): a grade, or after a prize (…奖) a short name
        ending in 奖, are prizes won too, wherever the verb stands."""
        starts = {f.start for f in facts}
        out: list[Fact] = []
        for f in facts:
            g = f
            while (j := _JOINED.match(text, g.end)) is not None:
                m = None
                # the item right after the separator (、三等奖), else after its count (、13项银奖)
                for p in dict.fromkeys((j.end("sep"), j.end())):
                    if p in starts:
                        break
                    m = self.grade_re.match(text, p)
                    if m is None and g.value.endswith("奖"):
                        m = _LISTED_PRIZE.match(text, p)
                        if m is not None and (self.not_suffix_re.search(m.group())
                                              or self.grade_re.search(m.group())
                                              or self.trigger_re.search(m.group())
                                              or self.lex_re.search(m.group())):
                            m = None
                    if m is not None:
                        break
                if m is None:
                    break
                p = m.start()
                g = _won(m.group(), p, m.end(), "award.grade")
                out.append(g)
                starts.add(p)
        return sorted([*facts, *out], key=lambda f: f.start) if out else facts

    def _list_clause(self, text: str, s: int, lo: int) -> int:
        """Where a grade's verb may stand: a list of the prizes won opens its own clause
        (共获42个奖项，包括2个特别大奖、…、15个金奖): the clause before it, when the grade's
        clause (within three windows) opens with a list word after a comma."""
        w = self.grade_window
        start = _CLAUSE_END.search(text[max(0, s - 3 * w):s][::-1])
        cs = s - start.start() if start else -1
        opener = self.grade_list_re
        if cs < 2 or text[cs - 1] not in "，," or opener is None or not opener.match(text, cs):
            return lo
        back = _CLAUSE_END.search(text[max(0, cs - 1 - w):cs - 1][::-1])
        return cs - 1 - back.start() if back else max(0, cs - 1 - w)

    def _with_parents(self, text: str, facts: list[Fact]) -> list[Fact]:
        """A named category (最佳故事片奖, 优秀编剧奖) takes as `category_of` the prize written
        before it in its paragraph, within `parent_window` characters (金鸡奖 … 最佳女配角奖)."""
        for i, f in enumerate(facts):
            if f.extra.get("category_of") or not self.category_prefix_re.match(f.value) \
                    or not f.value.endswith(self.category_ends):
                continue
            for g in reversed(facts[:i]):
                if g.end > f.start or f.start - g.end > self.parent_window:
                    continue
                if "\n" in text[g.end:f.start]:
                    break
                if g.extra.get("category_of") or self.category_prefix_re.match(g.value) \
                        or not g.value.endswith(self.parent_ends):
                    continue      # siblings (最佳导演奖), honours of their own (全国劳动模范)
                f.extra["category_of"] = g.value
                break
        return facts

    def _may_anchor(self, text: str, hs: int) -> bool:
        """Cheap, on characters: can a head-named run ending at `hs` be anchored (_settle)?
        Its start is a trigger inside or right before it, a level word or a named place (with
        its 省/市/区/县 suffix) inside it, or a list separator before it; all lie within the
        run's reach, so a window of max_len + a trigger's length before the head is enough."""
        lo = max(rec._clause_start(text, hs), hs - self.max_len - 6)
        # (a list whose items a comma after a count joins starts the clause: 标兵1人，…)
        return bool(self.anchor_re.search(text, lo, hs)
                    or self.list_anchor_re.search(text, max(0, lo - 6), hs)
                    or (self.closing_re is not None and _COUNTED.search(text, lo, hs)
                        and self._closed(text, hs, hs)))

    def _prefix_cand(self, ctx: Context, m) -> Cand | None:
        ps, pe = m.span()
        toks = rec.pos_tokens(ctx, ps, hmm=HMM)
        idx = next((i for i, t in enumerate(toks) if t.start <= ps < t.end), None)
        if idx is None or (toks[idx].start != ps
                           and not self.trigger_re.fullmatch(ctx.text, toks[idx].start, ps)
                           and not self.level_start_re.fullmatch(ctx.text, toks[idx].start, ps)):
            # 更优秀, 最优秀: not the start of a word (获得最佳: a trigger's; 全国十佳: a level's)
            return None
        e = max(pe, toks[idx].end)
        i = idx + 1
        while i < len(toks) and toks[i].end <= e:
            i += 1               # tokens inside a prefix of several words (最|有|价值)
        # a whole lexicon name from the prefix (最佳男主角) ends the walk unless a head follows
        # (最佳男主角奖): what comes next is its winner (最佳男主角张译《…》)
        lex = self.lex_re.match(ctx.text, ps)
        generic_end = -1
        if lex is not None and lex.group() in self.lex_generic:
            # 优秀志愿者: ordinary praise too, left to what follows it — a noun or a head
            # (优秀志愿者标兵), never a verb or an adjective (优秀共产党员|坚定|信念)
            generic_end, lex = lex.end(), None
        while i < len(toks) and toks[i].start == e and e - ps < 10:
            if lex is not None and e == lex.end() and not self.suffix_re.match(ctx.text, e):
                break
            if _PRIZE_END.search(ctx.text, ps, e) and not self.suffix_re.match(ctx.text, e):
                break            # 最佳纪录片奖|空缺, 最佳新人奖|得主: the prize's name has ended
            if e == generic_end and not toks[i].pos.startswith("n") \
                    and not self.suffix_re.match(ctx.text, e):
                break
            w = toks[i].text
            if w[0] == "奖" and len(w) > 1 and not _PRIZE_END.fullmatch(w):
                e = toks[i].start + 1
                break            # 奖得主, 奖提名: jieba's word holds the head and what follows it
            if len(w) > 1 and w in self.stop_tokens and (
                    i + 1 == len(toks) or toks[i + 1].text[:1] in _CLAUSE_MARKS):
                # 最佳志愿服务组织。: a verb that ends its clause with no object is a noun
                e = toks[i].end
                break
            if not _han(w) or w in self.stop_tokens or w in self.walk_stop_words \
                    or _COUNT_TOKEN.match(w) \
                    or (self.walk_stop_pos and toks[i].pos.startswith(self.walk_stop_pos)) \
                    or self.context_re.match(w) \
                    or self.trigger_re.fullmatch(w) or self.nominated_after.match(w) \
                    or self.programme_after.match(w):
                break
            e = toks[i].end
            i += 1
        if e <= pe:
            return None
        return Cand(ps, e, "prefix", weak=self.prefix_strength[m.group()] == "weak")

    def _settle(self, ctx: Context, c: Cand, trigs) -> bool:
        """Fix a candidate's edges and read what stands around it. False: no name here."""
        text = ctx.text
        lo = rec._clause_start(text, c.start)
        if c.source == "suffix":
            # 获得最佳影片、最佳导演和最佳女主角三项大奖: the count sums up the prizes listed, the
            # last of them ends before it
            m = _SUMMED.search(text[c.start:c.end])
            if m is not None and m.start() >= 2:
                c.end = c.start + m.start()
        if c.source in ("suffix", "context") and text[c.start] in OPEN_Q:
            close = text.find(CLOSE_OF[text[c.start]], c.start + 1, c.end)
            inner = text[c.start + 1:close] if close > 0 else ""
            if 0 < close < c.end - 1 and (self.lex_re.fullmatch(inner) or inner.endswith("奖")):
                return False     # “中华慈善奖”捐赠个人称号: a quoted award, then its category
        if c.source in ("suffix", "context") and c.end - c.start > 2 and text[c.end - 1] in OPEN_OF:
            # a run that ends in a quoted name (授予张三“慈善之星”称号): the name is the quoted part
            o = text.rfind(OPEN_OF[text[c.end - 1]], c.start, c.end - 1)
            if o < 0:
                return False
            c.quoted = (o, c.end)
            c.start, c.end = o + 1, c.end - 1
            c.evidence.add("quoted")
        elif c.source == "context" or (c.source == "suffix" and "context" not in c.evidence):
            # a run from a head starts after a trigger inside it, else at a level inside it,
            # else right after a trigger before it; otherwise its start is unknown: dropped
            # (a prize before its ceremony keeps the start its words gave: _find)
            inside = [t for t in trigs if c.start < t[1] <= c.end and t[0] >= lo]
            if inside:
                c.start = inside[-1][1]
            else:
                first_level = self._first_level_in(ctx, c.start, c.end)
                if first_level is not None:
                    c.start = first_level
                elif not any(t[1] <= c.start and t[0] >= lo
                             and (self.gap_re.fullmatch(text, t[1], c.start)
                                  # 表扬41所学校共82名孝行楷模: the receivers, counted, between
                                  or (t[2]["recipient"] == "object" and t[2]["reach"] == "clause"
                                      and c.start - t[1] <= 20
                                      and COUNTED_END.search(text, t[1], c.start)
                                      and self._object_gap(text[t[1]:c.start])))
                             for t in trigs):
                    near = max(lo, c.start - 8)
                    # (the comma after a count that joins the list's items ends the clause
                    # before: 红旗团支部3个，五四青年标兵1人)
                    listed = LISTED_BEFORE.search(text, max(lo - 6, c.start - 8, 0),
                                                  c.start) is not None
                    # 对某社区等10个先进集体…予以表彰: the count (or the list) opens it
                    closed = ((listed or COUNTED_END.search(text, near, c.start) is not None)
                              and self._closed(text, c.start, c.end))
                    if not (closed or listed):
                        return False
                    c.listed = listed and not closed  # 市级文明单位42个、文明村18个: a list item
        if c.source == "suffix" and any(t[1] == c.start for t in trigs):
            m = self.receiver_before.match(text, c.start, c.end)
            if m is not None:
                c.start = m.end()
        self._quote_around(text, c)
        # extend left: a level prefix (全国 / 省 / 苏州市), an edition or year between
        # (焦作市2013年度科技进步奖, 第九届全国道德模范); never back over a trigger
        floor = max([lo] + [t[1] for t in trigs if lo <= t[0] and t[1] <= c.start])
        q = c.quoted[0] if c.quoted else c.start
        for _ in range(3):
            m = EDITION_END.search(text[max(floor, q - 12):q])
            qy = q - len(m.group()) if m else q
            lv = self._level_before(ctx, qy, floor)
            if lv:
                q = c.start = lv[0]
            elif m and m.group()[-1] in "届屆度":
                q = c.start = qy
            else:
                break
        self._quote_around(text, c)
        self._to_closing_quote(ctx, c)
        self._extend_to_trigger(ctx, c, floor, trigs)
        # extend right: 标兵 after 三八红旗手, a grade (…奖一等奖); then read what follows
        e = c.end
        if c.quoted and c.quoted[1] == e + 1:
            # “最美廊坊人”提名奖: a suffix after the closing quote joins the quoted name
            p = c.quoted[1] + (text[c.quoted[1]:c.quoted[1] + 1] == " ")
            m = self.extend_re.match(text, p)
            if m is not None:
                c.start, e = min(c.start, c.quoted[0]), m.end()
        while (m := self.extend_re.match(text, e)) is not None:
            e = m.end()
        c.end = e
        after = c.quoted[1] if c.quoted and c.quoted[1] == e + 1 else e
        mv = self.variant_re.match(text, after)
        if mv:
            c.tags.append("collective" if mv.group(1) == "集体" else "individual")
            after = mv.end()
        if self.context_re.match(text, after):
            c.evidence.add("context")
        if self.nominated_after.match(text, after):
            c.status = "nominated"
        c.after = after
        name = self._value(text[c.start:c.end])
        if len(name) < 2:
            return False
        lv = self._level_at(ctx, c.start, c.end)
        if lv and self.level_range.match(text, lv[0]):
            return False         # 市级以上学科带头人: a range of levels, a qualification, no honour
        if lv:
            c.level = lv[1]
            c.evidence.add("scope" if lv[2] == "scope" else "level")
        else:
            c.level = self._lex_level_in(name)
        return True

    def _extend_to_trigger(self, ctx: Context, c: Cand, floor: int, trigs) -> None:
        """荣获全国学雷锋志愿服务最佳志愿服务组织: a name opened by a prefix head (最佳…) inside a
        longer name runs back to a level word right after the trigger, over words that can
        belong to a name (no stop word, no punctuation, at most max_len characters)."""
        text = ctx.text
        q = c.quoted[0] if c.quoted else c.start
        if floor >= q or q - floor > self.max_len or text[floor - 1:floor] in OPEN_Q:
            return
        m = self.gap_re.match(text, floor, q)
        p = m.end() if m else floor
        if p >= q or text[p - 1] in OPEN_Q or not _han(text[p:q]):
            return
        if not any(t[1] == floor and t[2]["recipient"] == "subject" for t in trigs):
            # after 授予 the receiver comes first (授予苏州某公司全国五一劳动奖状)
            return
        lv = self._level_at(ctx, p, q)
        if lv and lv[0] >= q:
            return
        toks = [t for t in rec.pos_tokens(ctx, p, q, hmm=HMM, window=0) if p <= t.start < q]
        if not toks or toks[0].start != p or any(t.text in self.stop_tokens
                                                 or self.trigger_re.fullmatch(t.text)
                                                  for t in toks):
            return
        if not lv and not (c.source == "prefix" and q - p <= 6
                           and all(t.pos[:1] in ("n", "j") or t.pos == "vn" for t in toks)):
            # no level: only a few nouns before a prefix head (当选联赛最有价值球员)
            return
        c.start = p
        if c.quoted and c.quoted[0] > p:
            # 获评本市“优秀青年”: the span runs over the quote, so it holds its closing mark too
            c.end = max(c.end, c.quoted[1])
            c.quoted = None

    def _to_closing_quote(self, ctx: Context, c: Cand) -> None:
        """“全国模范检察官”: a head's run that opens a quote runs on to its closing mark over a
        noun or two (the head 模范 is a whole name's end elsewhere: 全国劳动模范); never over a
        word that ends a name's walk (“优秀教师表彰大会”)."""
        text = ctx.text
        if c.source != "suffix" or c.quoted is not None or c.start < 1 \
                or text[c.start - 1] not in OPEN_Q:
            return
        close = text.find(CLOSE_OF[text[c.start - 1]], c.end, c.end + 6)
        if close <= c.end or not _han(text[c.end:close]):
            return
        toks = [t for t in rec.pos_tokens(ctx, c.end, close, hmm=HMM, window=0)
                if c.end <= t.start < close]
        if not toks or toks[0].start != c.end or toks[-1].end != close or len(toks) > 2 \
                or any(not t.pos.startswith("n") or t.text in self.stop_tokens
                       or t.text in self.walk_stop_words or self.context_re.match(t.text)
                       for t in toks):
            return
        c.end = close
        self._quote_around(text, c)

    @staticmethod
    def _quote_around(text: str, c: Cand) -> None:
        """Note the quote marks right around a name (“江苏慈善奖”)."""
        if c.quoted is None and c.start > 0 and text[c.start - 1] in OPEN_Q:
            close = text.find(CLOSE_OF[text[c.start - 1]], c.start, c.start + 22)
            if close == c.end:
                c.quoted = (c.start - 1, close + 1)

    def _lex_level_in(self, name: str) -> str | None:
        for m in self.lex_re.finditer(name):
            if self.lex_level.get(m.group()):
                return self.lex_level[m.group()]
        return None

    @staticmethod
    def _value(s: str) -> str:
        return "".join(ch for ch in s if ch not in STRIP)

    def _merge(self, cands: list[Cand]) -> list[Cand]:
        """Overlapping candidates are one name: the widest span, with all their evidence."""
        cands.sort(key=lambda c: (c.start, -c.end))
        out: list[Cand] = []
        for c in cands:
            if out and c.start < out[-1].end:
                k = out[-1]
                if c.end > k.end:
                    k.end = c.end
                k.after = max(k.after, c.after)
                k.evidence |= c.evidence
                k.weak = k.weak and c.weak
                k.generic = k.generic and c.generic if "lexicon" in c.evidence else k.generic
                k.status = k.status or c.status
                k.quoted = k.quoted or c.quoted
                k.tags = k.tags or c.tags
                k.level = k.level or c.level
                if c.source == "lexicon":
                    k.source = "lexicon"
                continue
            out.append(c)
        return out

    def _govern(self, ctx: Context, cands: list[Cand], trigs) -> None:
        """The trigger of each candidate: right before it (gap: 了, 为, a quote), or the trigger
        of the list item it is joined to (荣获全国劳动模范、五一劳动奖章)."""
        text = ctx.text
        prev = None
        for c in cands:
            q = c.quoted[0] if c.quoted and c.quoted[0] <= c.start else c.start
            lo = rec._clause_start(text, c.start)
            for t in trigs:
                if (
                    lo <= t[0]
                    and t[1] <= q
                    and self._word_start(ctx, t[0])
                    and not (t[1] == q and self._prize_word(ctx, t[0], q))
                    and (
                        self.gap_re.fullmatch(text, t[1], q)
                        or (
                            t[2]["recipient"] == "object"
                            and t[2]["reach"] == "clause"
                            and q - t[1] <= 20
                            and self._object_gap(text[t[1] : q])
                        )
                    )
                ):
                    c.trigger = t
            if c.trigger is None and prev is not None and prev.trigger is not None \
                    and JOIN.fullmatch(text, prev.after, q):
                c.trigger = prev.trigger
            if c.trigger is None and self.closing_re is not None \
                    and self._closed(text, c.start, c.end):
                c.evidence.add("trigger")   # 对…先进集体、…先进个人予以表彰
            if c.trigger is not None:
                c.evidence.add("trigger")
                ts = c.trigger[0]
                if c.trigger[2]["status"] == "nominated" or text[max(0, ts - 1):ts] == "拟":
                    c.status = "nominated"
            prev = c

    def _closed(self, text: str, start: int, end: int) -> bool:
        """The honour at [start, end) stands between 对 and a closing verb of its sentence
        (对鸣南社区等10个先进集体、潘某等20名先进个人予以表彰): the verb gives it, as a trigger
        before it would."""
        lo, hi = start, end
        while lo > 0 and text[lo - 1] not in _SENTENCE_BREAK:
            lo -= 1
        while hi < len(text) and text[hi] not in _SENTENCE_BREAK:
            hi += 1
        return (self.closing_re is not None and "对" in text[lo:start]
                and self.closing_re.search(text, end, hi) is not None)

    @staticmethod
    def _word_start(ctx: Context, pos: int) -> bool:
        """A trigger starts a word: 获 in 收获, 评为 in 被评为 are not triggers of their own."""
        if pos == 0 or not _han(ctx.text[pos - 1]):
            return True
        # jieba glues a name and a trigger (张三获): a person's token may hold it
        return any(t.start == pos or (t.pos == "nr" and t.start < pos < t.end)
                   for t in rec.pos_tokens(ctx, pos, hmm=HMM, window=0))

    @staticmethod
    def _prize_word(ctx: Context, start: int, end: int) -> bool:
        """The trigger at [start, end) opens a word that goes on with 奖: 获 of 获奖, 获奖者
        (向获奖代表颁发奖状) is no trigger of the run after it (获|奖学金 is; so is jieba's
        获得最佳, whose word goes on with no 奖)."""
        if ctx.text[end:end + 1] != "奖":
            return False
        return any(t.start == start and t.end > end
                   for t in rec.pos_tokens(ctx, start, hmm=HMM, window=0))

    def _object_gap(self, s: str) -> bool:
        """Between 授予 and the honour: a receiver, no clause break, no second verb; not an
        indefinite many (表彰了一批优秀教师: a kind of person praised, no title given); no quote
        mark (「模範兒童表揚」、「套餐票選活動」: the verb is inside another quoted name)."""
        return bool(s) and not any(ch in rec.CLAUSE_BREAK or ch in "的“”「」『』" for ch in s) \
            and not s.startswith(self.indefinite)

    def _accept_all(self, ctx: Context, cands: list[Cand]) -> list[Cand]:
        """Accept in text order: an item joined to an accepted honour by a list separator
        (常州市优秀教师200名、优秀班主任150名) has the list as evidence."""
        text = ctx.text
        out: list[Cand] = []
        prev, prev_blocked = None, False
        for c in cands:
            q = c.quoted[0] if c.quoted and c.quoted[0] < c.start else c.start
            joined_prev = prev is not None and JOIN.fullmatch(text, prev.after, q) is not None
            prev = c
            if joined_prev and prev_blocked:
                # 评选“最美志愿者”10名、“优秀志愿服务组织”5个: the list is blocked too
                continue
            prev_blocked = bool(self.block_before.search(text[max(0, q - 6):q]))
            if (text[q] == "奖" and q > 0 and text[q - 1] in "获得"
                    and text[q + 1:c.end] in self.bare_heads):
                # 获奖先进集体和先进个人的代表: the prize-winning ones, a bare head after the
                # verb's 获 (no honour named), and the list it opens
                prev_blocked = True
                continue
            if out and ((j := JOIN.match(text, out[-1].after, q)) is not None
                        and (j.end() == q or self.level_start_re.fullmatch(text, j.end(), q)
                             or _RANK_WORD.fullmatch(text, j.end(), q))):
                c.evidence.add("list")      # (a level may open the item: 1人，校级优秀团干部)
                if j.end() < q and not c.quoted:
                    c.start = j.end()
            if c.listed and "list" not in c.evidence:
                continue
            if self._accept(ctx, c):
                out.append(c)
        # a quoted list's first item, joined to the quoted honour after it (宣读了“优秀团支部”、
        # “优秀团干部”…的表彰决定): the list is its evidence too
        taken = {id(c) for c in out}
        for k in range(len(cands) - 2, -1, -1):
            c, nxt = cands[k], cands[k + 1]
            if (id(c) not in taken and id(nxt) in taken and c.quoted and nxt.quoted
                    and not c.listed and nxt.quoted[0] < nxt.start
                    and JOIN.fullmatch(text, c.after, nxt.quoted[0]) is not None):
                c.evidence.update(("list", "quoted"))
                if self._accept(ctx, c):
                    out.append(c)
                    taken.add(id(c))
        out.sort(key=lambda c: c.start)
        return out

    def _accept(self, ctx: Context, c: Cand) -> bool:
        text = ctx.text
        name = self._value(text[c.start:c.end])
        ev = c.evidence
        if name in self.not_names or self.not_suffix_re.search(name):
            return False
        if self.designation_re.search(name):
            # 高新技术企业, 专精特新“小巨人”: a status certified by criteria, no honour
            return False
        if (self.facility_re is not None and self.facility_re.search(name)
                and not self.facility_honour.search(name)):
            return False         # 命名为「某某学术中心」: a hall named after its donor, no honour
        if self.ranking_always_re.search(name) or (self.ranking_re.search(name)
                                                   and not self.ranking_people.search(name)):
            # 十大旅游目的地, 百强县: a place in a ranking; 十大杰出青年 is an honour
            return False
        before = text[max(0, c.start - 6):c.start]
        if self.block_before.search(before) and "edition" not in ev:
            return False          # (参评第34届某某奖: the prize is named all the same)
        if (self.programme_after.match(text, c.after) and "context" not in ev
                and not (name.endswith(_GRADE_ENDS) and text.startswith(_WINNING, c.after))):
            return False          # (自然科学奖一等奖项目“…”: the project that won it)
        if "context" not in ev and "edition" not in ev and (
                self.list_block_before.search(text, max(0, c.start - 40), c.start)
                or self.list_programme_after.match(text, c.after)):
            return False
        if c.source != "lexicon" and "lexicon" not in ev and not c.quoted \
                and "edition" not in ev and self.subject_of_trigger.match(text, c.after) \
                and not (self.holder_after_re is not None
                         and self.holder_after_re.match(text, c.after)):
            return False         # 虞山街道文明岗获评…: the receiver, not an honour (某奖获奖名单
                                 # names the prize's winners, 某奖获得者 its holder)
        placed = "level" in ev
        if (c.source == "prefix" and c.quoted is not None and c.quoted[0] == c.start - 1
                and c.quoted[1] == c.end + 1
                and (self.agent_tail.search(name) or self.ranking_people.search(name))):
            # a quoted honour of people (向“十佳教师”学习, 新一期“最美职工”榜单): the quotes
            # mark the title wherever it stands, as a trigger would
            ev.add("quoted")
        backed = placed or "trigger" in ev or "quoted" in ev or "context" in ev
        if "lexicon" in ev:
            # a standing honour with its scope (表彰一批全省优秀共产党员) is the honour, however
            # many hold it; with neither, 一批优秀共产党员 is praise
            return backed or "scope" in ev or not (c.generic and self.generic_before.search(before))
        if "quoted" in ev:
            return True
        if "trigger" in ev or ("context" in ev and c.source != "prefix") or "list" in ev:
            return self._weak_prefix_ok(c, name)
        if placed or "scope" in ev:
            if self.generic_before.search(before):
                return False
            if not c.weak:
                return placed or c.source != "prefix"
            # weak heads (优秀…, …之星) with a level: only when they name people or groups
            return placed and bool(self.agent_tail.search(name))
        return False

    def _weak_prefix_ok(self, c: Cand, name: str) -> bool:
        """优秀… names an honour only when it ends in people or groups (获得优秀成绩 does not)."""
        return not (c.source == "prefix" and c.weak) or bool(self.agent_tail.search(name))

    @staticmethod
    def _rule_id(c: Cand) -> str:
        ev = c.evidence
        if "lexicon" in ev:
            return "award.lexicon"
        if "level" in ev or "scope" in ev:
            return "award.pattern"
        if "quoted" in ev or ("context" in ev and "trigger" not in ev):
            return "award.quoted"
        return "award.trigger"

    def _recipient(self, ctx: Context, c: Cand, first: Cand) -> str | None:
        if c.trigger is None:
            return rec.apposition(ctx, c.after, self.rr)
        ts, te, row = c.trigger
        text = ctx.text
        passive = "被" in text[rec._clause_start(text, ts):ts]
        m = self.context_re.match(text, c.after)
        rel = rec.relative(ctx, m.end() if m else c.after, self.rr)
        if rel is not None:
            return rel
        if row["recipient"] == "object" and not passive:
            q = first.quoted[0] if first.quoted and first.quoted[0] < first.start else first.start
            return rec.object_(ctx, self.rr, te, q)
        return rec.subject(ctx, self.rr, ts)

    def _facts(self, ctx: Context, cands: list[Cand]) -> list[Fact]:
        text = ctx.text
        facts: list[Fact] = []
        prev: Cand | None = None
        first: Cand | None = None
        for c in cands:
            at = c.quoted[0] if c.quoted and c.quoted[0] < c.start else c.start
            joined = prev is not None and TIGHT_JOIN.fullmatch(text, prev.after, at) is not None
            if not joined:
                first = c
            assert first is not None  # the first candidate has none before it to join
            s, e = c.start, c.end
            if c.quoted and s < c.quoted[0] < e:
                e = max(e, c.quoted[1])       # 全国“最美家庭”: keep the quote pair whole
            value = self._value(text[s:e])
            if joined and c.trigger is not None and c.trigger == first.trigger:
                recipient = facts[-1].extra.get("recipient") if facts else None
            else:
                recipient = self._recipient(ctx, c, c)
            if recipient:
                # quote marks around part of a name are not part of it (as in the value; the gold
                # writes 青岛地铁小蓝帽志愿服务队 for 青岛地铁“小蓝帽”志愿服务队)
                recipient = "".join(ch for ch in recipient if ch not in "“”「」『』\"") or None
            extra = {"level": c.level, "recipient": recipient, "status": c.status}
            if c.level is None and joined and first.level is not None:
                extra["list_level"] = first.level
            if c.tags:
                extra["tags"] = list(c.tags)
            f = Fact("award", text[s:e], s, e, value, self._rule_id(c), extra=extra)
            facts.append(f)
            # a category after a quoted award (“江苏慈善奖”最具影响力慈善项目)
            if c.quoted and c.after == c.quoted[1] and "trigger" in c.evidence:
                mc = self.category_re.match(text, c.after)
                if mc:
                    cs, ce = mc.span()
                    facts.append(Fact("award", text[cs:ce], cs, ce, text[cs:ce], "award.category",
                                      extra={"level": None, "recipient": recipient,
                                             "status": c.status, "category_of": value}))
            prev = c
        return facts


def build(rules: Rules):
    return AwardFinder(rules).find
