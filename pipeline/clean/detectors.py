"""What the boilerplate rules propose for one normalised line: pattern rules and the
detectors (fields, spam, spam_shape, link_bar) compiled from rules/boilerplate/*.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, ClassVar

import regex

from ..patterns import word_trie
from ..rules import RuleError
from . import twins
from .shapes import _DATE, _DATE_ONLY, _SHORT_DATE, _TIME, SENT, iso_date
from .triggers import _GLOBAL_FLAGS, _SPACE, branches

# what the regex module's \s matches, as an `re` class body (`re`'s \s adds \x1c-\x1f)
_S = re.escape("".join(sorted(_SPACE)))

_COUNT = twins.compile(r"^\d[\d,.]*\s*[万千kKwW+]?\s*(?:次|小时|分钟)?$")   # (在线时长: 3826小时)
_STAFF_CODE = twins.compile(r"[\s_]*[A-Za-z]{1,6}\d{2,}$")
_REPORTER = twins.compile(r"^(?:本报|本刊)?(?:特约)?(?:记者|通讯员)\s*")
_PAY = twins.compile(r"\d+元|点击|进入|www\.")
_URL = twins.compile(r"https?://\S+")
# an outlet's name after a stamp: 中财网, 江城日报, 新华社
_OUTLET_AFTER = twins.compile(r"\s+\p{Han}{1,8}(?:网|報|报|社|台)$")
# a source's value with the story's stamp glued on (来源:人民日报2022-11-03 08:38)
_SOURCE_STAMP = twins.compile(r"\s*(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)"
                              r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
# the marks a block of fields may open with (■来源：…, ▎素材整理：…)
_FIELD_MARKS = "■□◆◇●○▪▶►▎▍▌▏"
# a table's empty cell closed by its bar: / |, - |, — |
_EMPTY_CELL = twins.compile(r"^(?:/|-{1,2}|—{1,2}|－|／)\s*\|$")

REASONS = ("metadata", "navigation", "title", "copyright", "comment", "caption", "share",
           "decoration", "related", "ad", "spam")
# middle: between two paragraphs only; below: anywhere under the first paragraph (middle or tail)
ZONES = ("any", "edge", "head", "tail", "middle", "below")

# -- proposals --------------------------------------------------------------------------------

@dataclass(slots=True)   # made for most lines: slots build and read faster
class Proposal:
    rule: str
    reason: str
    zone: str                      # any | edge | head | tail
    meta: dict[str, str] = field(default_factory=dict)
    then: dict[str, Any] | None = None
    tail_company: bool = False     # in the tail only next to other removed lines
    not_in_table: bool = False     # never a cell of a table written one cell a line
    in_table: bool = False         # may take a table's lines, whatever its reason (a calendar)


def _fits(p: Proposal, zone: str) -> bool:
    return (p.zone == "any" or p.zone == zone or (p.zone == "edge" and zone in ("head", "tail"))
            or (p.zone == "below" and zone in ("middle", "tail")))


def _compile(where: str, pattern: str):
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as e:
        raise RuleError(f"{where}: bad pattern: {e}") from None


def _anchored(pattern: str) -> bool:
    """Every top-level alternative of the pattern starts with ^ (after a leading (?i)): then
    match() finds what search() finds, without trying every position of the line."""
    if pattern.startswith("(?i)"):
        pattern = pattern[4:]
    if _GLOBAL_FLAGS.search(pattern):
        return False  # a flag group for the whole pattern: search it, as any unusual shape
    return all(b.startswith("^") for b in branches(pattern))


class PatternRule:
    def __init__(self, where: str, entry: dict[str, Any]):
        self.id, self.reason = entry["id"], entry["reason"]
        self.zone = entry.get("zone", "edge")
        self.re = _compile(where, entry["pattern"])
        # the function the stage calls: match() for a pattern anchored at the line's start, of
        # the pattern's `re` twin when it has one (the same matches, found faster)
        fast = twins.twin(entry["pattern"]) or self.re
        self.find = fast.match if _anchored(entry["pattern"]) else fast.search
        self.max_len = int(entry.get("max_len", 60))
        self.sentence_ok = bool(entry.get("sentence_ok", False))
        self.meta = dict(entry.get("meta") or {})
        self.then = entry.get("then")
        self.requires_date = bool(entry.get("requires_date", False))
        self.in_table = bool(entry.get("in_table", False))

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or (not self.sentence_ok and SENT.search(n)):
            return None
        m = self.find(n)
        return self.hit(n, m) if m else None

    def hit(self, n: str, m) -> Proposal | None:
        """The proposal for a line whose length and punctuation passed and where `re` found m."""
        if self.requires_date and not _DATE.search(n):
            return None
        meta = ({k: (m.group(g) or "").strip() for k, g in self.meta.items() if m.group(g)}
                if self.meta else {})
        if self.reason == "metadata" and "published" not in meta:
            d = iso_date(n)
            if d:
                meta["published"] = d
        return Proposal(self.id, self.reason, self.zone, meta, self.then,
                        in_table=self.in_table)


# the page tools a fields line may end with (我要评论, 收藏[0], 打印, 关闭窗口) and their last
# characters (most lines end otherwise: the pattern is not tried)
# the page's tools after the last field, spaced or bracketed, maybe with a colon:
# … 阅读:2093次 我要评论, … 浏览次数:1590 收藏[0], … 点击量:1011 [ 字体: ] 打印 分享:,
# … 点击率:打印 】【 关闭, … 阅读次数: 次 [ 关 闭 ], … 浏览次数: 放大 缩小 默认 (zoom buttons)
_TRAILING_TOOLS = twins.compile(
    r"(?:\s+(?:我要评论|发表评论|我要纠错|收藏(?:\[\d+\])?|收藏此文|加入收藏|打印(?:本页|此文)?|"
    r"关闭(?:窗口)?|分享到?|放大|缩小|默认|还原))+$"
    r"|(?:[\s\[\]【】]*(?:打印(?:本页|此文|文章)?|关\s*闭(?:窗口|本页)?|分享(?:到)?\s*:?|"
    r"字\s*[体号]\s*:?|收藏(?:本文|此文)?|返回顶部)[\s\[\]【】]*)+$")
_TOOL_ENDS = set("论错]藏文印页口闭享到:[【】部体号大小认原")
# two to five writers' names after 作者: / 编辑:, comma-separated (作者:方某某,冉某某)
_NAMES = twins.compile(r"^\p{Han}{2,4}(?:\s*,\s*\p{Han}{2,4}){1,4}$")
# a credit's bare value: one to four names (王某 / 李某 张某) or a source's short name
_CREDIT_VALUE = twins.compile(r"^[\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4}){0,3}$"
                              r"|^[\p{Han}·《》]{2,16}$")
# a writer's name with the day the piece was posted (作者:本社编辑部2020-02-09): an archive's
# entry under its headline (a source with its date is metadata.source_date's)
_AUTHOR_DAY = twins.compile(r"^[\p{Han}·]{2,16}\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$")
_TERMS = twins.compile(r"^[\p{Han}A-Za-z0-9·]{1,10}(?:\s*,\s*[\p{Han}A-Za-z0-9·]{1,10}){1,7}$")


_QUOTED_TITLE = re.compile(r"《[^《》]*》")


# what a counter shows before its script fills it in, besides a dash (浏览次数: 浏览)
_UNFILLED = frozenset(("浏览", "阅读", "点击", "访问", "人次", "人"))


class FieldsDetector:
    """A line made only of `key: value` fields (see rules/boilerplate/metadata.yaml)."""

    _BRACKETS = twins.compile(r"^[【\[(](.*)[】\])]$")
    _BUTTONS = twins.compile(r"【[^】:]{1,8}】")
    # 作 者：, 索 引 号 | : a key spaced out to fill a table cell
    _SPACED_KEY = twins.compile(r"(?<![\p{Han}])\p{Han}(?:\s+\p{Han}){1,3}(?=\s*(?::|\|))")
    _LEAD = twins.compile(
        r"^[【\[(]?(?:[^\s:|]{1,12}\s+)?(?:"
        + _DATE.pattern
        + r"|"
        + _SHORT_DATE.pattern
        + r")?(?::\d{2})?(?:\s*(?:星期|周)[一二三四五六日天])?[\s|│/]*$"
    )

    # asked of lines with sentence punctuation too: a semicolon may part two fields (it refuses
    # every other such line at once)
    sentence_ok = True
    max_len = 120

    def __init__(self, where: str, entry: dict[str, Any]):
        self.id, self.reason = entry["id"], entry.get("reason", "metadata")
        self.keys: list[tuple[str, dict[str, Any]]] = []
        alts = []
        for i, k in enumerate(entry.get("keys") or []):
            if not isinstance(k, dict) or "key" not in k:
                raise RuleError(f"{where}: keys[{i}] needs `key`")
            for word in k["key"].split("|"):
                self.keys.append((word, k))
                alts.append(word)
        alts.sort(key=len, reverse=True)
        self.info = dict(self.keys)
        # what propose() reads of a key's entry, once: (reason, field, strong, numeric, date_only,
        # terms: a value that is a list of short terms, where a comma is no sentence)
        self._flags = {w: (k.get("reason"), k.get("field"), bool(k.get("strong")),
                           k.get("numeric"), bool(k.get("date_only")), bool(k.get("terms")))
                       for w, k in self.info.items()}
        # a footer's keys that may also stand above the article (a site's contact block)
        self._head_ok = {w for w, k in self.info.items() if k.get("head")}
        # the keys as a trie (patterns.word_trie): the same matches as their alternation,
        # longest first, without trying every key at every position
        # (the standard `re`, 2-3x faster here: \s spelt out as the regex module's white space,
        # and the characters a key starts with looked at before the lookbehind is tried)
        self.re = re.compile(
            r"(?=[" + re.escape("".join(sorted({a[0] for a in alts}))) + r"])"
            r"(?:^|(?<=[" + _S + r"|/,【】\]\[()])|(?<=\d))(?P<key>"
            + word_trie(alts)
            + r")[" + _S + r"]*(?::|\|(?![" + _S + r"]*T)|丨)[" + _S + r"]*"
        )
        # a key glued to the value before it (浏览:1432次发布时间:…): keys of two or more
        # characters, and only with a colon after them
        self.glued = re.compile(
            r"(?P<key>" + word_trie(a for a in alts if len(a) >= 2)
            + r")[" + _S + r"]*:[" + _S + r"]*"
        )
        # a semicolon that only parts two fields (作者:某某;编辑:某某): one before a key and colon
        self._semi = re.compile(r"[" + _S + r"]*;[" + _S + r"]*(?=(?:" + word_trie(alts)
                                + r")[" + _S + r"]*:)")

    def propose(self, n: str) -> Proposal | None:
        if ";" in n and len(n) <= self.max_len:
            n = self._semi.sub(" | ", n)
            if n.endswith(";") and n.count(";") == 1:
                n = n[:-1]      # 责编:李雪薇; — one field a line, each closed by a semicolon
        if len(n) > self.max_len or not (":" in n or "|" in n or "丨" in n) or SENT.search(n):
            # every key needs one of : | 丨 after it, and removing buttons adds none (the stage
            # asks this rule only lines holding one: cleaner._detector_chars, keep in step)
            return None
        # 【纠错】 【责任编辑:王新】: drop the buttons; | 记者:… a table row
        s = (self._BUTTONS.sub(" ", n) if "【" in n else n).strip(" |")
        # … 阅读:2093次 我要评论, … 点击量:1011 [ 字体: ] 打印: the tools after the last field
        if s[-1:] in _TOOL_ENDS:
            s = _TRAILING_TOOLS.sub("", s).strip(" |") or s
        # 作 者：王某 — a key spaced out to fill a cell (a line with no white space has none:
        # every white space character is a space or not printable)
        if " " in s or not s.isprintable():
            s = self._SPACED_KEY.sub(lambda m: m[0].replace(" ", ""), s)
        # ■来源：…, ▎素材整理：… — a block mark before the first key
        if s[:1] in _FIELD_MARKS:
            s = s.lstrip(_FIELD_MARKS + " ")
        m = self._BRACKETS.match(s) if s[:1] in "【[(" else None
        s = m.group(1).strip() if m else s
        hits = list(self.re.finditer(s))
        # what comes before the first key (nothing, on most lines: _LEAD takes an empty lead)
        lead_end = hits[0].start() if hits else 0
        if not hits or (lead_end and not self._LEAD.match(s[:lead_end])):
            return None
        # a table's header row (时间 | 发布机构 | 名称 | 主要评价指标 |): cells of keys with no
        # value between them and, last, a column's title no key names; no colon
        if (":" not in s and s.count("|") >= 2 and len(hits) >= 2
                and all(not s[a.end():b.start()].strip(" |丨") for a, b in pairwise(hits))
                and s[hits[-1].end():].strip(" |丨")):
            return None
        # after the first field, a key glued to the value before it starts a field too
        glued = []
        for g in self.glued.finditer(s, hits[0].end()):
            at = g.start()
            for h in hits:
                if h.start() <= at < h.end():
                    break
            else:
                glued.append(g)
        if glued:
            hits = sorted(hits + glued, key=lambda h: h.start())
        flags, fields = self._flags, []
        first_key = hits[0].group("key")
        last = len(hits) - 1
        for j, h in enumerate(hits):
            end = hits[j + 1].start() if j < last else len(s)
            value = s[h.end():end].strip(" |丨/,【】[]()")
            key = h.group("key")
            numeric = flags[key][3]
            # (a counter not filled in yet shows a dash, its unit or its verb alone: 阅读:- 来源:,
            # 阅读:次, 浏览次数: 浏览)
            if (numeric and value and value.strip("-—–次 ") and value not in _UNFILLED
                    and not _COUNT.match(value)):
                return None
            # 来源：某报 2024-01-15 https://…
            bare = (_URL.sub("", value) if "://" in value else value).strip()
            # a comma in a table cell (索引号 | … | 分类 | 综合政务,文秘 |) is no sentence
            # (nor one inside a quoted title: 原标题:《返乡文不再刷屏,以现实态度面对故乡》)
            comma = ("," in _QUOTED_TITLE.sub("", value) and not numeric and s.count("|") < 3
                     and not (flags[key][5] and _TERMS.match(value))
                     and not (flags[key][1] in ("author", "editor") and _NAMES.match(value))
                     # a source of several units (供稿:部非公经济处,市工商联)
                     and not (flags[key][1] == "source"
                              and all(2 <= len(p.strip()) <= 12 for p in value.split(","))))
            if len(bare) > 40 or (":" in bare and ":" in _TIME.sub("", bare)) or comma:
                return None        # a comma outside a count (浏览次数：3,562) reads as a sentence
            fields.append((value, flags[key]))
        reason = fields[0][1][0] or self.reason
        meta: dict[str, str] = {}
        lead = iso_date(s[:lead_end]) if lead_end else None
        if lead:
            meta["published"] = lead
        date_only, strong, distinct = True, False, set()
        for value, (key_reason, f, key_strong, _, key_date_only, _) in fields:
            date_only = date_only and key_date_only
            strong = strong or key_strong
            # a picture's credit (图片来源:…) counts as a field of its own kind
            if f or key_reason == "caption":
                distinct.add(f or "caption")
            if f and value and f not in meta:
                if f == "published":
                    iso = iso_date(value)
                    if key_date_only and iso is None:
                        continue    # (发布：某县公安局: a name, no date)
                    value = iso or value
                elif f == "author":
                    value = _REPORTER.sub("", value)
                elif f == "source" and (sm := _SOURCE_STAMP.search(value)) and sm.start() > 0:
                    # the stamp is when the story was published, not part of the source's name
                    if "published" not in meta and (iso := iso_date(sm.group(0))):
                        meta["published"] = iso
                    value = value[:sm.start()].strip()
                if f in ("author", "editor"):  # 李想_NBJ11279, 张倩 SF014: a staff code
                    value = _STAFF_CODE.sub("", value) or value
                meta[f] = value
        if date_only:  # 时间：2024-03-08 10:21 — a date and nothing else (not 9:00—15:00, 星期六)
            # (发布：某县公安局 时间：2023/10/2 10:01 — beside a date, a short name with no
            # figure is who published it)
            # (时间：2024年03月18日 18:46:29 某某网 — the stamp and the outlet that printed it)
            dated = [bool(_DATE_ONLY.match(_OUTLET_AFTER.sub("", v))) for v, _ in fields]
            if not all(dated) and not (any(dated) and all(
                    d or (len(v) <= 16 and not any(c.isdigit() for c in v))
                    for d, (v, _) in zip(dated, fields, strict=True))):
                return None
            zone = "head"
        else:
            wrapped = m is not None  # （来源：新华社）, 【编辑：刘欣】: a whole line in brackets
            # one credit alone with a bare value — a name or a few (编辑：王某, 记者：李某 张某) or
            # a short source (来源：某某日报) — is furniture between paragraphs too: 88 such lines
            # on 1,344 labelled real pages, every one junk
            credit = (len(fields) == 1 and not lead_end and ":" in s
                      and fields[0][1][1] in ("author", "editor", "source")
                      and bool(_CREDIT_VALUE.match(fields[0][0]) or (
                          fields[0][1][1] == "author" and _AUTHOR_DAY.match(fields[0][0]))))
            zone = "any" if strong or len(distinct) >= 2 or wrapped or credit else "edge"
        company = reason == "copyright" and zone != "any"   # 主办：… only with the footer
        # two footer fields on one line (地址：… 丨 邮编：…) are the footer itself, also when a
        # page prints it above the article, and so is a site's contact field there (电话：…, a
        # `head` key; an event's 主办：… above its story is the story's); in the tail they still
        # need the footer around them
        where = ("edge" if company and (len(fields) >= 2 or first_key in self._head_ok)
                 else "tail" if company else zone)
        return Proposal(self.id, reason, where, meta, tail_company=company)


class SpamDetector:
    """A brand from the lexicon meeting a portal word or a spam shape, on a short line with no
    sentence punctuation (rules/boilerplate/spam.yaml). Never a brand alone."""

    _QUOTED = twins.compile(r"“[^”]{2,}”")
    _LATIN_HAN = twins.compile(r"[A-Za-z]{2,}\p{Han}|\p{Han}[A-Za-z]{2,}")
    _DOMAIN = regex.compile(r"(?:www\.)?[a-z0-9-]{2,}\.(?:vip|com|cc|net|top|xyz|me|la|bet|co|cn|"
                            r"tv|app|win)\b", regex.I)
    _DOUBLED = twins.compile(r"(\p{Han}{2,6})\((?:\1|[A-Za-z]{2,}|中国)\)")
    _SHAPES = (
        _LATIN_HAN, _DOMAIN, _DOUBLED,
        twins.compile(r"欢迎您|欢迎你"),
        twins.compile(r"-{2,}$|—{2,}$"),
        twins.compile(r"\p{Han}[_-]\p{Han}|\p{Han}\([A-Za-z]+\)|[【】]"),
        twins.compile(r"^(\S{2,12}?)\s*[_-]\s*\1$"),     # the name twice: 彩神88-彩神88
    )

    def __init__(self, where: str, entry: dict[str, Any], kind: str):
        self.id, self.reason, self.kind = entry["id"], entry.get("reason", "spam"), kind
        self.zone = entry.get("zone", "any" if kind == "spam" else "edge")
        self.max_len = int(entry.get("max_len", 60))
        def words(key: str) -> list[str]:
            return [str(w) for w in entry.get(key) or []]

        self.brands = [w.lower() for w in words("brands")]
        self.portal = [w.lower() for w in words("portal")]
        self.strong = [w.lower() for w in words("strong_portal")]
        if kind == "spam" and not self.brands:
            raise RuleError(f"{where}: rule {self.id} needs `brands`")
        # prefilter: without any of these words in the line the rule cannot propose
        need = self.brands if kind == "spam" else self.portal + self.strong
        self._need = (
            re.compile("|".join(map(re.escape, sorted(need, key=len, reverse=True))))
            if need
            else None
        )

    def shapes(self, n: str) -> int:
        return sum(1 for r in self._SHAPES if r.search(n))

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or SENT.search(n) or "," in n:
            return None
        low = n.lower()
        # (the stage asks it only lines holding one of these words: cleaner._detector_chars)
        if self._need is None or not self._need.search(low):
            return None
        if self.kind == "spam":
            brand = next((b for b in self.brands if b in low), None)
            if brand is None:
                return None
            rest = low.replace(brand, " ")
            portal, shapes = any(p in rest for p in self.portal), self.shapes(n)
            if not (portal or shapes):
                return None
            if not portal and self._QUOTED.search(n):
                # a headline quoting a name (…特别策划“百年风华”推出XX特辑): a hijacked page's text
                return None

            # jinnian金年会官方网站入口: unmistakable, even between paragraphs
            if portal and shapes:
                return Proposal(self.id, self.reason, "any")
        else:
            portals = sum(1 for p in self.portal if p in low)
            strong = any(p in low for p in self.strong)
            if not ((strong and (self.shapes(n) or _PAY.search(n)))
                    or (portals >= 2 and self.shapes(n) >= 2)):
                return None
        return Proposal(self.id, self.reason, self.zone)


class LinkBarDetector:
    """A bar of links, judged by its shape and not by its words alone: a line with no sentence
    punctuation cut by separators (| │ 丨 - · / or spaces) into 4+ short segments, most of them
    holding a word of site furniture (首页, 新闻, 联系, 地图, 版 …; `words` in
    rules/boilerplate/navigation.yaml). A list of names or units has none of those words."""

    # (_SEP and words stay `regex` patterns: the stage reads its triggers from their source;
    # propose() splits and searches with their twins)
    _SEP = regex.compile(r"\s*[|│┃丨｜/·•]\s*|\s+-\s+|(?<=\p{Han})-(?=\p{Han})|\s+")
    _SPLIT = twins.compile(_SEP.pattern)
    _LABEL = twins.compile(r"^[^:]{1,8}:\s*")

    def __init__(self, where: str, entry: dict[str, Any]):
        self.id, self.reason = entry["id"], entry.get("reason", "navigation")
        self.zone = entry.get("zone", "edge")
        self.max_len = int(entry.get("max_len", 200))
        self.min_items = int(entry.get("min_items", 4))
        self.share = float(entry.get("share", 0.5))
        self.seg_len = int(entry.get("segment_len", 10))
        words = [str(w) for w in entry.get("words") or []]
        if not words:
            raise RuleError(f"{where}: rule {self.id} needs `words`")
        self.words = regex.compile(word_trie(words))
        self._find_word = twins.compile(self.words.pattern).search

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or len(n) < 8 or SENT.search(n) or "," in n:
            return None
        segs = [x for x in self._SPLIT.split(self._LABEL.sub("", n, count=1)) if x]
        # a long menu (6+ items) may hold one long item in four (a society's full name)
        long = [x for x in segs if len(x) > self.seg_len]
        if (len(segs) < self.min_items or (long and len(segs) < 6) or len(long) * 4 > len(segs)
                or any(len(x) > 2 * self.seg_len for x in long)):
            return None
        # (the stage asks it only lines holding a word and, with min_items >= 2, a separator:
        # cleaner._trigger_chars reads them from `words` and _SEP)
        find = self._find_word
        hits = sum(1 for x in segs if find(x))
        if hits < max(3, self.share * len(segs)):
            return None
        return Proposal(self.id, self.reason, self.zone)



class ChromeWordsDetector:
    """A short line made only of page-furniture words, each segment exactly one of `words`
    (网站地图, 电子报, 其他, MENU, 官方微信 …): a menu entry or a widget label left alone on its
    line. Exact words, so a headline that merely holds one (客户端今日上线) never matches.
    The stage asks it only lines holding one of the words (cleaner._detector_chars)."""

    _SEP = twins.compile(r"\s*[|│┃丨｜/·•>»:]\s*|\s+-\s*|^-\s*|\s+")
    LEADS = "-—–•·*▪◆●■□>»"    # the bullets a line of its words may open with
    _BULLET = twins.compile(rf"^[{LEADS}]+\s*|[-—–:>»]+$")

    def __init__(self, where: str, entry: dict[str, Any]):
        self.id, self.reason = entry["id"], entry.get("reason", "navigation")
        self.zone = entry.get("zone", "edge")
        self.max_len = int(entry.get("max_len", 40))
        words = [str(w).lower() for w in entry.get("words") or []]
        if not words:
            raise RuleError(f"{where}: rule {self.id} needs `words`")
        self.words = frozenset(words)

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or SENT.search(n) or "," in n:
            return None
        low = n.lower()
        if low in self.words:
            return Proposal(self.id, self.reason, self.zone)
        first = self._BULLET.sub("", self._SEP.split(low, maxsplit=1)[0])
        if (first not in self.words and not low.startswith(("-", "•", "·"))
                and not self._glued(first)):
            return None  # the first segment is no furniture word: the line cannot be made of them
        segs = [self._BULLET.sub("", x) for x in self._SEP.split(low)]
        segs = [x for x in segs if x]
        if not segs or not all(x in self.words or self._glued(x) for x in segs):
            return None
        return Proposal(self.id, self.reason, self.zone)

    def _glued(self, seg: str) -> bool:
        """seg is two or more of the words run together (a footer's links that lost their
        spaces: 关于我们使用条款及细则私隐政策): some split of it into words of the list."""
        if len(seg) < 6:
            return False
        words = self.words
        ends = [0]      # where a run of words ends, in order
        for i in range(1, len(seg) + 1):
            if i - ends[-1] > 12:
                return False    # (words of 12 characters at most are read: no run goes on)
            for j in reversed(ends):
                if j < i - 12:
                    break
                if seg[j:i] in words:
                    ends.append(i)
                    break
        return ends[-1] == len(seg)


class NoHanDetector:
    """A line with no Chinese character, of one `form`: `image` (IMG_0412.jpg, mmexport…),
    `marks` (|, ※, :::, ?, ---|---), `address` (//www.x.cn/), `label` (MENU, EN: a short Latin
    word or two) or `figure` (18,157.01, +393.98 (+2.22%): a ticker). (A forum's anti-copy
    noise is a pattern rule: boilerplate.decoration.scrambler.) The rule's zone says where the
    form is page furniture: a mark line or a file name anywhere; a figure or a Latin word only
    in the head and tail — between paragraphs it may be a table cell or a quote."""

    _HAN = twins.compile(r"\p{Han}")
    # a full stop or a closing quote alone ends the line before it (a post that broke its
    # lines at the width: …都需要下功夫 / 。): text, not a mark
    _ENDS_TEXT = twins.compile(r"^[。”」』’]{1,2}$")
    FORMS: ClassVar[dict[str, Any]] = {
        # a file name (any marks in it), a camera's name, or an image's id: 16+ letters and
        # digits (10+ of them) in runs joined by - or _ (4d81-d529…, 1121165325_1497…n)
        # (or the picture's whole address, its query after it: https://…/a.png?id=…)
        # (a name with its cache-busting query: 01981e6a….png?v=1748421868757)
        "image": twins.compile(r"(?i)^.{1,120}\.(?:jpe?g|png|gif|webp|bmp|svg)"
                               r"(?:\?(?:v|t|ver|version|_)=\w{1,20})?$|"
                               r"^(?:https?:)?//\S{1,200}\.(?:jpe?g|png|gif|webp|bmp|svg)"
                               r"(?:[?#]\S*)?$|"
                               r"^(?:mmexport|IMG_|DSC_?|wx_camera_)\d|"
                               # an upload's time stamp as its name: 20220928212022992
                               r"^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{8,12}$|"
                               r"^(?=[\w-]{16,}$)(?=(?:\D*\d){10})(?=.*[a-z])"
                               r"[0-9a-z]+(?:[-_][0-9a-z]+)*$"),
        "marks": twins.compile(r"^[^\w\s]+(?:\s+[^\w\s]+)*$|^[-|:\s]{3,}$"),
        "address": twins.compile(r"(?i)^(?:https?:)?//\S+$|^www\.\S+$"),
        "label": twins.compile(r"^[A-Za-z][A-Za-z&'’]{0,11}(?:\s[A-Za-z&'’]{1,12})?$"),
        # each further figure opens with a space, a bracket or its sign: with none required,
        # a long run of digits splits into figures in exponentially many ways before it fails
        # (a whole percent alone, 5% or 25%, is a rate in a table's cell, no ticker's change;
        # two sums in the millions, 2,220,600,605   2,152,599,927, are an account's row)
        # (a row led by a plain whole number, its year or rank, then figures: a table's row
        # whose columns the spaces kept apart, 105 97.11 43,653 2,953, no ticker)
        "figure": twins.compile(r"^(?!\d{1,3}%$)(?!(?:.*?\d{1,3}(?:,\d{3}){2,}){2})(?=.*[.,%])"
                                r"(?!\d{1,4}\s+\d)"
                                r"[+\-−]?[\d,]+(?:\.\d+)?%?"
                                r"(?:(?:\s+\(?|\s*\(|\s*(?=[+\-−]))[+\-−]?[\d,.]+%?\)?)*$"),
    }

    def __init__(self, where: str, entry: dict[str, Any]):
        self.id, self.reason = entry["id"], entry["reason"]
        self.zone = entry.get("zone", "edge")
        self.max_len = int(entry.get("max_len", 80))
        form = entry.get("form")
        if form not in self.FORMS:
            raise RuleError(f"{where}: `form` must be one of {', '.join(self.FORMS)}, not {form!r}")
        self.re = self.FORMS[form]
        # ? alone is a mark; elsewhere 。!?; mean text (but a picture's address's query: ?id=…)
        self.marks_ok = self.sentence_ok = form in ("marks", "image")
        # a ticker's figure is never one of a column of figures with labels between them
        self.not_in_table = form == "figure"

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or self._HAN.search(n) or (not self.marks_ok and SENT.search(n)):
            return None
        if not self.re.search(n) or (self.marks_ok and self._ENDS_TEXT.match(n)):
            return None
        # a table's empty cell (/ |, - |) is its data, as its figures are; a bar alone is not
        return Proposal(self.id, self.reason, self.zone,
                        not_in_table=self.not_in_table or _EMPTY_CELL.match(n) is not None)
