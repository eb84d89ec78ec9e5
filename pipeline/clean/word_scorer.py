"""The word scorer: logistic regression over a line's characters and its neighbours', on top of
the line scorer's shape features, for the lines every rule and shape pass left above the body
and under it.

Rules name furniture by its words one family at a time, and a family written from one batch of
pages barely reaches the next batch's sites. This model reads the same signal more loosely: the
single characters and character pairs of a line (any run of digits read as `0`, of Latin letters
as `a`, plus its first and last character), the same of the lines right above and below it, and
the 26 shape features of scorer.py. Its weights are data — the shape weights in
rules/boilerplate/scored.yaml, the character weights in rules/lexicons/line_words.tsv — trained
by corpus/train_line_scorer.py on labelled lines; nothing is trained or downloaded at run time.

It judges each line once, on the page as the rules and passes left it, only on a page where
the rules found furniture (on one with none, a short line may be the article's own first or
last word), and never takes the headline or a line between two paragraphs; nor a line one of
its guards keeps (`guards` in scored.yaml names them, from GUARDS below): a paragraph, a
notice's signature date (in figures too, under its issuer: 妇委会 / 2019.1.3) or contact line
(its key set letter-spaced too), a table written key, space, value (起源时间 20世纪50年代)
or label, space, figures (第十届 245 198 47 172),
a numbered heading (第七章 法律责任) or the 目录 over one, a speech's salutation (各位代表：),
a title set letter-spaced (政 府 工 作 报 告), a story's first line opened by its
dateline (中新社北京九月二十七日电 题:…), a line
led by a long dash or right above one (中国最北极寒之地 / ——漠河北极村), an item
of a numbered list (1. / 2. …) or of a list a line ending in a colon announces (获奖名单如下：),
a directory's row (a name and its phone number), a match-up (甲队 VS 乙队) or a cell of a table
written one cell a line (the rules and the list passes read those by their place).
A bulleted list (• 北区：正常开放 / • 南区：…, or - / 北区：… / - / 南区：…, a mark a
line) it judges as a whole: its items go only when
they score `list_threshold` on average. Such items left above or under the body are mostly a
menu's or a related list's (on 540 labelled real pages, 59 junk and 2 body lines of 90 score
0.6 or more). A line it takes gets its reason from a second model over the same shape
features and the line's own words (softmax over the reasons, weights beside the others), so
a stamp is metadata and a dashed rule decoration wherever they stand.
"""
from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from itertools import chain, repeat
from typing import Any

from ..rules import RuleError, Rules
from .detectors import Proposal
from .marks import LEAD, list_mark
from .page import Page
from .scorer import FEATURES, announced, featurer, shape_weights
from .shapes import DATELINE_START, NUMBERED_HEADING, furniture_form, is_anchor_shape
from .zones import (
    CONTACT_KEY,
    ISSUERS,
    SIGNED,
    _sentence,
    key_value_row,
    over_signature_date,
    signed_in_figures,
    table_cells,
)

_DIGITS = re.compile(r"\d+")
_LATIN = re.compile(r"[A-Za-z]+")
# a numbered heading of the text (第七章 法律责任, 三、工作要求, 3 汛前准备, 3.2 主要指标): a law's
# or a plan's own
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百\d]+(?:[章节条款篇]|部分)"
                      # the label of an editor's note over it (body, as the note is)
                      r"|[【\[]?(?:编者按|编者的话|编后语?|编者注|编辑手记)[】\]]?:?$)"
                      r"|" + NUMBERED_HEADING.pattern)
# a speech's or a letter's salutation (各位代表：, 同志们：, 尊敬的各位来宾：): its first words
_SALUTATION = re.compile(
    r"^(?:各位|尊敬的|亲爱的|同志们|女士们|朋友们|老师们|同学们)[^:。!?]{0,20}:$")
# an item numbered 1. 2. 3.: an agenda's, a list's (its neighbour holds the number before or
# after it)
_NUMBERED = re.compile(r"^(\d{1,2})\s?[.、)]\s?\S")
# a title set with its characters spaced apart (政 府 工 作 报 告, 县 长 某 某): a document's
# cover; an e-paper's spaced channel name is epaper.spaced_channel's to take
_LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){3,}$")
# a line led by a long dash (——在县第十八届人民代表大会上, ——镜泊湖): a subtitle, an item's
# name under its praise (中国规模最大的冰瀑布 / ——镜泊湖); on labelled real pages 24 body : 1
_DASH_LED = re.compile(r"^——\s*\S")
# a document's contents: its label over a numbered heading (目 录 / 第一章 …)
_CONTENTS = re.compile(r"^目\s?录$")
# a table's row written label, space, four figures or more (第十届 245 198 47 172): its data
_FIGURES_ROW = re.compile(r"^\S{1,12}(?:\s+-?\d[\d.,]*%?){4,}$")
# three or more names in a row (a roster's row)
_ROW = re.compile(r"^[\u4e00-\u9fff]{2,4}(?: [\u4e00-\u9fff]{2,4}){2,}$")
# a directory's row: a place's or a service's name and its phone numbers (澳门海关 2855 9944,
# 緊急求助熱線 999、110、112): the text's list of contacts; a footer's number has its label
_DIRECTORY = re.compile(
    r"^[\u4e00-\u9fff()（）]{3,20}\s+\d[\d -]{1,14}(?:[、,]\s*\d[\d -]{1,14})*$")
# an event's schedule: a line giving a span of hours (下午2時至4時, 9:00~10:10a.m.) tells when
# something happens, which no page stamp does (a stamp gives one clock time)
_HOURS = re.compile(r"(?:\d{1,2}\s*(?::\d{2}|[时時点點])|[上下]午\s*\d{1,2})[^\n]{0,6}?\s*"
                    r"(?:至|到|~|～|-|—|–)\s*(?:[上下]午|晚上|中午)?\s*\d{1,2}\s*(?::\d{2}|[时時点點])")
# a line of English prose (a bilingual page's parallel text, wrapped): 30 characters or more
# with two different little words of English among them — a menu's or a footer's English has
# none; a site's prompts (click, log in, skip to …) are no prose
_ENGLISH_PROSE = re.compile(r"^(?!.*\b(?i:click|log in|sign in|sign up|skip to|subscribe|cookies?|"
                            r"login|password)\b)"
                            r"(?=.*?\b(the|to|of|and|for|in|that|with|has|have|will|is|are|was|"
                            r"were|on|by|from|as|at|its|their|this)\b"
                            r".*?\b(?!\1\b)(?:the|to|of|and|for|in|that|with|has|have|will|is|"
                            r"are|was|were|on|by|from|as|at|its|their|this)\b)"
                            r"[A-Za-z(\"'][\w ,.;:'’\"()$%&/\-]{29,}$")
# a results row: a prize's category, a colon, who or what won it (最佳影片:《翠湖》(中国),
# 评委会大奖:某某): a festival's results list, however short its lines
_PRIZE_ROW = re.compile(r"^(?:[-•·]\s*)?(?:最佳|最具|评委会|终身成就|杰出|十佳|观众最喜爱|观众喜爱)"
                        r"[\u4e00-\u9fff]{0,12}奖?\s*:\s*\S")
# a match-up (甲队 VS 乙队, 某某 vs 某某): a draw or a results list, the article's own
_MATCH_UP = re.compile(r"^\S.{0,20}\s(?:VS|vs|Vs|V\.S\.)\s.{1,20}$")
_PREV_REMOVED = FEATURES.index("prev_removed")    # next_removed follows it
# the reasons it gives (a repeated headline is the title rules' to find)
REASONS = ("navigation", "metadata", "share", "copyright", "spam", "ad", "related", "comment",
           "caption", "decoration")


def words(n: str) -> set[str]:
    """The characters and character pairs of a normed line, with its first character marked
    `^x` and its last `x$`; a run of digits reads `0`, a run of Latin letters `a`."""
    s = _LATIN.sub("a", _DIGITS.sub("0", n))
    out = {"^" + s[:1], s[-1:] + "$"}
    out.update(s)
    out.update(map(str.__add__, s[:-1], s[1:]))   # the pairs, in order (s[i:i + 2])
    return out


def line_words(page: Page, i: int) -> set[str]:
    """words() of line i in the form the weights were learnt on (shapes.furniture_form)."""
    if i not in page.words:
        page.words[i] = words(furniture_form(page.lines[i], page.normed[i]))
    return page.words[i]


def _dash_led_pair(page: Page, k: int) -> bool:
    """The k-th non-blank line is led by a long dash, or stands right above one (the pair of
    a praise and the place it names: 中国规模最大的冰瀑布 / ——镜泊湖)."""
    normed, filled = page.normed, page.filled
    return bool(_DASH_LED.match(normed[filled[k]])) or (
        k + 1 < len(filled) and bool(_DASH_LED.match(normed[filled[k + 1]])))


def _in_numbered_run(page: Page, k: int) -> bool:
    """The k-th non-blank line is an item of a numbered list (1. … / 2. …): its neighbour
    holds the number before or after its own."""
    normed, filled = page.normed, page.filled
    m = _NUMBERED.match(normed[filled[k]])
    if m is None:
        return False
    n = int(m.group(1))
    for j, want in ((k - 1, n - 1), (k + 1, n + 1)):
        if 0 <= j < len(filled) and (o := _NUMBERED.match(normed[filled[j]])) \
                and int(o.group(1)) == want:
            return True
    return False


def _contents(page: Page, k: int, i: int) -> bool:
    """目录 over the document's first numbered heading (第一章 …): its contents."""
    if not _CONTENTS.match(page.normed[i]):
        return False
    nxt = page.nb(i, 1)
    return nxt is not None and bool(_HEADING.match(page.normed[nxt]))


def _roster_row(page: Page, k: int, i: int) -> bool:
    """A row of names (张建华 李秀英 王志刚) under a list's colon or under another such row
    that stays: the text's roster, however short its lines."""
    normed, filled = page.normed, page.filled
    if k == 0 or not _ROW.match(normed[i]):
        return False
    above = filled[k - 1]
    return above not in page.removed and (
        normed[above].endswith(":") or bool(_ROW.match(normed[above])))


# a line in Latin letters of three words or more, with no Chinese in it
_LATIN_WORDS = re.compile(r"^[^\u4e00-\u9fff]*[A-Za-z]{2,}(?:[^A-Za-z\u4e00-\u9fff]+[A-Za-z]+){2,}"
                          r"[^\u4e00-\u9fff]*$")


def _bilingual(page: Page, k: int, i: int) -> bool:
    """A line of three English words or more on a bilingual page — one with three lines of
    English prose or more (_ENGLISH_PROSE) — is its parallel text's heading or clause
    (Chapter I: General Provisions, Adopted in April 2025), not a menu."""
    if not _LATIN_WORDS.match(page.normed[i]):
        return False    # (most lines: the page is read only for a Latin line)
    return sum(1 for j in page.filled if _ENGLISH_PROSE.match(page.normed[j])) >= 3


def _shape(pattern: Any) -> Callable[[Page, int, int], bool]:
    """A guard that reads the line alone: its normal form matches `pattern`."""
    return lambda page, k, i: pattern.match(page.normed[i]) is not None


_CUT_WORDS = re.compile(r"^[\u4e00-\u9fff]{1,8}$")
_TAG = re.compile(r"<[^<>]*>")


def _marked_up(page: Page, k: int, i: int) -> bool:
    """A paragraph the page's converter left in its HTML tags (<p style="…">某某讯 …。</p>):
    without them it is a paragraph."""
    n = page.normed[i]
    return n.startswith("<") and is_anchor_shape(_TAG.sub("", n).strip())


# a year alone, maybe bulleted (• 1925, 1949年): a timeline's entry head (大事记)
_YEAR_HEAD = re.compile(r"^(?:[•·▪●◆■\-]\s*)?(?:1[5-9]|20)\d{2}\s*年?$")


def _heading(page: Page, k: int, i: int) -> bool:
    """A numbered heading of the text (第七章 法律责任, 三、工作要求), or a timeline's year over
    its entry: the next line standing (an image's placeholder text aside) a paragraph or a
    sentence."""
    n = page.normed[i]
    if _HEADING.match(n):
        return True
    if not _YEAR_HEAD.match(n):
        return False
    j = page.nb(i, 1)
    while j is not None and j in page.removed:
        j = page.nb(j, 1)
    return j is not None and _sentence(page.normed[j])


def _cut_end(page: Page, k: int, i: int) -> bool:
    """The page's last line, a few Chinese characters with no mark right under a paragraph:
    a paragraph an excerpt cut off after its first words (深耕 / 作为首位), not furniture (a
    known menu word under the text is a line rule's, taken before the scorer judges)."""
    if k != len(page.filled) - 1 or not _CUT_WORDS.match(page.normed[i]):
        return False
    above = page.nb(i, -1)
    return above is not None and above not in page.removed and is_anchor_shape(page.normed[above])


# The lines the scorer never judges, each a named guard of (page, k, i) — the k-th non-blank
# line, line i; scored.yaml's `guards` lists the ones it runs, in the order it asks them
GUARDS: dict[str, Callable[[Page, int, int], bool]] = {
    "paragraph": lambda page, k, i: is_anchor_shape(page.normed[i]),
    "signed": _shape(SIGNED),               # a notice's signature date
    # an issuer or a letter's writer over it (李晓雯 / 2022年4月18日)
    "signer": lambda page, k, i: over_signature_date(page, i),
    # a joint notice's issuers under its text (交通运输部 商务部); at the head, a menu's names
    "issuers": lambda page, k, i: (page.zone(i) == "tail"
                                   and ISSUERS.match(page.normed[i]) is not None),
    # a notice's contact line, its key set letter-spaced too (联 系 人:周颖)
    "contact": lambda page, k, i: CONTACT_KEY.match(page.normed[i].replace(" ", "")) is not None,
    # a notice's date in figures right under its issuer (妇委会 / 2019.1.3)
    "signed_figures": lambda page, k, i: signed_in_figures(page, i),
    # a row of a two-column table written key, space, value (名称 三八红旗手 / 起源时间 …)
    "table_row": lambda page, k, i: key_value_row(page, k),
    "figures_row": _shape(_FIGURES_ROW),    # 第十届 245 198 47 172 73
    "heading": _heading,                    # 第七章 法律责任, 三、工作要求, • 1925 over its entry
    "directory": _shape(_DIRECTORY),        # 澳门海关 2855 9944
    "match_up": _shape(_MATCH_UP),          # 甲队 VS 乙队
    "prize_row": _shape(_PRIZE_ROW),        # 最佳影片:《某某》(中国)
    "schedule": lambda page, k, i: _HOURS.search(page.normed[i]) is not None,  # 下午2时至4时
    "english_prose": _shape(_ENGLISH_PROSE),    # a bilingual page's English text
    "bilingual": _bilingual,                # its English headings and short clauses
    "salutation": _shape(_SALUTATION),      # 各位代表：
    "letter_spaced": _shape(_LETTER_SPACED),    # 政 府 工 作 报 告
    "table_cell": lambda page, k, i: i in table_cells(page),
    "roster_row": _roster_row,
    "contents": _contents,
    "dash_led": lambda page, k, i: _dash_led_pair(page, k),
    "numbered": lambda page, k, i: _in_numbered_run(page, k),
    "announced": lambda page, k, i: announced(page, k),
    "cut_end": _cut_end,
    "marked_up": _marked_up,
    "dateline": _shape(DATELINE_START),     # 中新社北京九月二十七日电 题:…
}


class WordScorer:
    def __init__(self, where: str, entry: dict[str, Any], rules: Rules):
        self.id = entry["id"]
        self.weights = shape_weights(where, entry)
        names = entry.get("guards", list(GUARDS))
        unknown = [g for g in names if g not in GUARDS]
        if unknown:
            raise RuleError(f"{where}: unknown guard(s) {', '.join(map(str, unknown))}; "
                            f"known: {', '.join(GUARDS)}")
        self.guards = [GUARDS[g] for g in names]
        self.threshold = float(entry.get("threshold", 0.7))
        # an item of a bulleted list above or under the body: a menu's or a related list's
        # entry far more often than the article's (the list passes leave the article's)
        self.list_threshold = float(entry.get("list_threshold", 0.7))
        self.context = float(entry.get("context", 0.5))
        given = entry.get("reason_weights") or {}
        if set(given) != set(REASONS) or any(len(given[r]) != len(FEATURES) for r in REASONS):
            raise RuleError(f"{where}: `reason_weights` needs {len(FEATURES)} numbers for each of "
                            + ", ".join(REASONS))
        self.reason_shape = [[float(w) for w in given[r]] for r in REASONS]
        name = str(entry.get("lexicon", "line_words"))
        self.line: dict[str, float] = {}
        self.near: dict[str, float] = {}
        self.toward: dict[str, list[float]] = {}
        for row in rules.lexicon(name):
            try:
                w_line, w_near = float(row["line"]), float(row["near"])
                toward = [float(row[r]) for r in REASONS]
            except (KeyError, ValueError):
                raise RuleError(f"{where}: lexicons/{name}.tsv needs the columns word, line, near, "
                                + ", ".join(REASONS) + " (numbers)") from None
            if w_line:
                self.line[row["word"]] = w_line
            if w_near:
                self.near[row["word"]] = w_near
            if any(toward):
                self.toward[row["word"]] = toward

    def probability(self, shape: list[float], own: set[str], near: set[str]) -> float:
        z = sum(map(operator.mul, self.weights, shape))
        # (map: the same terms in the same order as a generator, without its frames)
        z += sum(map(self.line.get, own, repeat(0.0, len(own))))
        z += self.context * sum(map(self.near.get, near, repeat(0.0, len(near))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def judged(self, page: Page) -> list[tuple[int, int]]:
        """The lines it judges, (k, i): the k-th non-blank line, line i."""
        if not page.anchors or not page.removed:
            # it only goes on where the rules found furniture: on a page with none, a short
            # line (收藏家, 完, (待续), a date) under the body may be the article's own last word
            return []
        filled, removed, guards = page.filled, page.removed, self.guards
        head, tail = page.head(), page.tail()
        out = []
        for k, i in chain(enumerate(head), enumerate(tail, len(filled) - len(tail))):
            if not (i in removed or i == page.headline
                    or any(guard(page, k, i) for guard in guards)):
                out.append((k, i))
        return out

    def apply(self, page: Page) -> None:
        """Take the head and tail lines that score at or above the threshold."""
        judged = self.judged(page)
        if not judged:
            return
        normed, filled = page.normed, page.filled
        values = featurer(page, set(page.removed))
        taken: list[tuple[int, list[float], set[str]]] = []
        last = len(filled) - 1
        def words_of(k: int) -> set[str]:
            return line_words(page, filled[k])

        # a bulleted list is judged as a whole: its items go (those at the threshold) only
        # when the items it judges score list_threshold on average
        items: list[tuple[int, float, tuple[int, list[float], set[str]]]] = []
        for k, i in judged:
            near: set[str] = set()
            for j in (k - 1, k + 1):
                if 0 <= j <= last:
                    near |= words_of(j)
            shape, own = values(k, i), words_of(k)
            p = self.probability(shape, own, near)
            page.word_p[i] = (p, shape[_PREV_REMOVED], shape[_PREV_REMOVED + 1])
            if self._in_list(normed, filled, k):
                items.append((k, p, (i, shape, own)))
            elif p >= self.threshold:
                taken.append((i, shape, own))
        for run in _runs(items, lambda a, b: all(list_mark(normed, filled, j)
                                                 for j in range(a + 1, b))):
            if sum(p for _, p, _ in run) >= self.list_threshold * len(run):
                taken.extend(line for _, p, line in run if p >= self.threshold)
        for i, shape, own in taken:   # judged on the page as it stood: no take sways the next
            page.take(i, Proposal(self.id, self.reason_of(shape, own), "edge"))

    @staticmethod
    def _in_list(normed: list[str], filled: list[int], k: int) -> bool:
        """An item of a bulleted list (• 北区：正常上课 over • 南区：…), or of one written a
        mark a line (- / 北区：正常上课 / - / 南区：…): judged with the rest of its list
        (apply)."""
        if k and list_mark(normed, filled, k - 1):
            return True
        if not LEAD.match(normed[filled[k]]):
            return False
        return any(0 <= j < len(filled) and LEAD.match(normed[filled[j]]) for j in (k - 1, k + 1))

    def reason_of(self, shape: list[float], own: set[str]) -> str:
        """The likeliest reason by the line's own shape and words."""
        if len(shape) != len(FEATURES):
            raise ValueError("one value a weight")
        values = list(map(float, shape))
        # (map: the same products in the same order as a generator, without its frames)
        scores = [sum(map(operator.mul, ws, values)) for ws in self.reason_shape]
        # each reason's words added in the order of `own`, after its shape sum: sum() with a
        # float start adds left to right, as `+=` word by word did
        rows = [w for w in map(self.toward.get, own) if w is not None]
        if rows:
            cols = zip(*rows, strict=True)
            scores = [sum(col, start) for start, col in zip(scores, cols, strict=True)]
        return REASONS[max(range(len(REASONS)), key=scores.__getitem__)]


def _runs(items: list[tuple[int, float, Any]],
          joined: Callable[[int, int], bool]) -> list[list[tuple[int, float, Any]]]:
    """Items (k, …) in runs of consecutive k, or of k with nothing between them but what
    `joined` accepts (a list's marks alone on their lines): one bulleted list each."""
    runs: list[list[tuple[int, float, Any]]] = []
    for it in items:
        if runs and (runs[-1][-1][0] == it[0] - 1 or joined(runs[-1][-1][0], it[0])):
            runs[-1].append(it)
        else:
            runs.append([it])
    return runs
