"""Boilerplate lines out, metadata in (FACTS.md: every input line is body or removed).

How a line is judged (rules/boilerplate/*.yaml hold the patterns and word lists):

1. Every line is *normalised for matching only* (NFKC: full-width ASCII and punctuation to
   half-width, \\u3000 and \\xa0 to spaces, runs of spaces to one, trimmed; the traditional
   characters of page furniture to simplified). The line text and the body text are never changed.
2. Each rule proposes itself for a line: a `pattern` rule when its regex matches, a detector
   (fields, spam, spam_shape, link_bar) when its code says so. Every proposal carries the zone it needs.
3. Zones: an *anchor* is a body paragraph — a line no rule proposes for, 20+ characters with
   sentence punctuation that ends like a sentence (or 40+ with commas, not a list of short
   items); a headline in a list (…！… 2024-09-17, …→) is never one. Lines before the first anchor are the head zone,
   after the last the tail zone; between them is the middle, where only `zone: any` rules (whole
   line shapes that never occur in a body) may act. So a short line between two paragraphs
   stays unless it is unmistakable. An article with no such paragraph takes plain sentences
   of 10+ characters as anchors; with none at all, every line is in the body zone.
4. The first proposal (in reason order, then file order) whose zone fits removes the line.
   Then `then:` lists (the titles under 相关新闻, the card under 以下文章来源于…), the headline
   (title detector) and lines the batch found repeated on many pages of one site.
   The headline is chosen by position (above metadata, under the menu, or last in a head of
   page furniture, never a numbered head, label, signature, table row or list of names); short
   site and channel names above it or above the menu go with it.
   A line that is the only non-blank line of the input is never removed (a lone date or title).
5. Metadata lines fill meta (title, source, author, editor, published — ISO 8601 when it has
   a year); a byline inside a body line (本报讯（记者 王俊岭）, （责任编辑：李四）) fills meta too,
   and the line stays in the body.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

import regex

from .model import Document, Removed
from .rules import RuleError, Rules

REASONS = ("metadata", "navigation", "title", "copyright", "comment", "caption", "share",
           "decoration", "related", "ad", "spam")
ZONES = ("any", "edge", "head", "tail")


@dataclass
class Cleaned:
    text: str                                   # body lines joined with "\n"
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# -- normalising and shapes -------------------------------------------------------------------

_WS = regex.compile(r"\s+")
SENT = regex.compile(r"[。!?;]")          # sentence punctuation after NFKC (！→! ？→? ；→;)
_HAN = regex.compile(r"\p{Han}")
_CONTACT = regex.compile(r"\d{5,}|\d{3,4}-\d{4}|@|www\.|https?:")
_COUNT = regex.compile(r"^\d[\d,.]*\s*[万千kKwW+]?\s*次?$")
_STAFF_CODE = regex.compile(r"[\s_]*[A-Za-z]{1,6}\d{2,}$")
_TIME = regex.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


# traditional characters of page furniture (責任編輯, 返回頂部, 相關新聞, 版權所有) to simplified,
# so the same rules see a Hong Kong or Taiwan page; only the matching form changes
_T2S = str.maketrans("責編輯審覈關閉窗頁頂網聞權轉載發佈時間來源擊覽瀏視頻圖閱讀說熱門評論廣聯繫係們隱聲標籤鍵詞詳關於觀點贊傳與為這篇條導覽訊報記者攝影訪問數號備案檔載碼掃註冊錄登複製鏈結體訂閱專題欄區頭條類舉饋藏與歡迎務維護辦單位協電話郵址圖製作統籌劃見習實稿顯示隨機應用兩處學會長節動態資訊產經濟週紀錄書畫極佔總離開線頻勵", "责编辑审核关闭窗页顶网闻权转载发布时间来源击览浏视频图阅读说热门评论广联系系们隐声标签键词详关于观点赞传与为这篇条导览讯报记者摄影访问数号备案档载码扫注册录登复制链结体订阅专题栏区头条类举馈藏与欢迎务维护办单位协电话邮址图制作统筹划见习实稿显示随机应用两处学会长节动态资讯产经济周纪录书画极占总离开线频励")


_TRAD = re.compile("[" + re.escape("".join(map(chr, _T2S))) + "]")  # any key of _T2S (re: faster on a set)


def norm(line: str) -> str:
    """The form rules match on: NFKC, one space for any run of white space, trimmed, and the
    traditional characters of page furniture made simplified."""
    # translate() looks up every character: only when a traditional form is there (few lines)
    line = _WS.sub(" ", unicodedata.normalize("NFKC", line)).strip()
    return line.translate(_T2S) if _TRAD.search(line) else line


_PARA_END = regex.compile(r"[。!?;…\"'”’」』)\]】.]$")
_ENDS_IN_DATE = regex.compile(r"(?:\s|[(\[【])(?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}[)\]】]?$|[→>»]$")


def is_anchor_shape(n: str) -> bool:
    """A body paragraph: 20+ characters with sentence punctuation that ends like a sentence
    (or holds a 。), or 40+ with commas. A headline in a list (暖心！外卖小哥跳河救人 2024-09-17,
    快来打卡→) is not one, however long: it would shield the junk above it from the tail."""
    if _ENDS_IN_DATE.search(n):
        return False
    if len(n) >= 20 and SENT.search(n):
        return "。" in n or bool(_PARA_END.search(n))
    # no sentence punctuation: a long line with commas — unless it is a list of short items
    # (热门搜索：养老金上调、公积金贷款利率、…), a link list and not a paragraph
    return len(n) >= 40 and ("," in n or ("、" in n and not _is_item_list(n)))


_ITEMS = regex.compile(r"[、\s|/]+")


def _is_item_list(n: str) -> bool:
    items = [x for x in _ITEMS.split(n.split(":", 1)[-1]) if x]
    return len(items) >= 5 and max(map(len, items)) <= 10


# body lines a headline never looks like: a numbered head (一、 （二） 3. Q：), a label (时间：…),
# an issuer's signature (区科学技术局), a table row (食品烟酒 | 0.9 | -1.2), a list of names
_NOT_HEADLINE = regex.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十\d]{1,2}\)|\d{1,2}[.、]|[QA问答]\s*:|附件)"
    r"|^[^:]{1,8}:"
    r"|(?:局|厅|办|委|委员会|政府|中心|办公室|院|所|处|科|站|协会|公司|集团)$"
    r"|\|\s*-?[\d.]+%?\s*$|\|.*\|"
    r"|^[^,]{1,6}们,|电\s*\(|^(?:新华社|中新社|本报|本刊)\p{Han}{0,6}\d"
    r"|^\p{Han}{2,4}(?:\s+\p{Han}{2,4}){2,}$")
_DATELINE = regex.compile(r"(?:电|讯|报道|消息)$|^(?:本报|本刊|新华社|中新社|据)")
_HEADLINE_BAD = regex.compile(r"[。;]|[:：]$")


def is_headline_shape(n: str, max_len: int = 40) -> bool:
    """A title in a list or over a story: like is_title_shape, but ！ and ？ are allowed
    (重磅！江城再添一所高校, 周末去哪儿？…) — still no 。 or ；, and short."""
    return (4 <= len(n) <= max_len and not _HEADLINE_BAD.search(n)
            and len(_HAN.findall(n)) >= 2)


def is_title_shape(n: str, max_len: int = 60) -> bool:
    """Short, no sentence punctuation, not a label ending in a colon, some Han."""
    return (4 <= len(n) <= max_len and not SENT.search(n) and not n.endswith((":", "："))
            and len(_HAN.findall(n)) >= 2)


_DATE = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
                      r"(?:\s*(?:(?:星期|周)[一二三四五六日天])?\s*(\d{1,2})\s*[:时]\s*(\d{2}))?")
_ISO = regex.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?$")
_DATE_ONLY = regex.compile(r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_SHORT_DATE = regex.compile(r"(?<!\d)\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def iso_date(s: str) -> str | None:
    """The first full date in s as ISO 8601 ('2024-03-08' or '2024-03-08T10:21'), else None."""
    m = _DATE.search(unicodedata.normalize("NFKC", s))
    if not m:
        return None
    y, mo, d, hh, mm = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    out = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if hh is not None and int(hh) < 24 and int(mm) < 60:
        out += f"T{int(hh):02d}:{int(mm):02d}"
    return out


# -- proposals --------------------------------------------------------------------------------

@dataclass
class Proposal:
    rule: str
    reason: str
    zone: str                      # any | edge | head | tail
    meta: dict[str, str] = field(default_factory=dict)
    then: dict[str, Any] | None = None
    tail_company: bool = False     # in the tail only next to other removed lines


def _fits(p: Proposal, zone: str) -> bool:
    return p.zone == "any" or p.zone == zone or (p.zone == "edge" and zone in ("head", "tail"))


def _compile(where: str, pattern: str):
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as e:
        raise RuleError(f"{where}: bad pattern: {e}") from None


class PatternRule:
    def __init__(self, where: str, entry: dict[str, Any]):
        self.id, self.reason = entry["id"], entry["reason"]
        self.zone = entry.get("zone", "edge")
        self.re = _compile(where, entry["pattern"])
        self.max_len = int(entry.get("max_len", 60))
        self.sentence_ok = bool(entry.get("sentence_ok", False))
        self.meta = dict(entry.get("meta") or {})
        self.then = entry.get("then")
        self.requires_date = bool(entry.get("requires_date", False))

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or (not self.sentence_ok and SENT.search(n)):
            return None
        m = self.re.search(n)
        return self.hit(n, m) if m else None

    def hit(self, n: str, m) -> Proposal | None:
        """The proposal for a line whose length and punctuation passed and where `re` found m."""
        if self.requires_date and not _DATE.search(n):
            return None
        meta = {k: (m.group(g) or "").strip() for k, g in self.meta.items() if m.group(g)}
        if self.reason == "metadata" and "published" not in meta:
            d = iso_date(n)
            if d:
                meta["published"] = d
        return Proposal(self.id, self.reason, self.zone, meta, self.then)


class FieldsDetector:
    """A line made only of `key: value` fields (see rules/boilerplate/metadata.yaml)."""

    _BRACKETS = regex.compile(r"^[【\[(](.*)[】\])]$")
    _BUTTONS = regex.compile(r"【[^】:]{1,8}】")
    _LEAD = regex.compile(r"^[【\[(]?(?:[^\s:|]{1,12}\s+)?(?:" + _DATE.pattern + r"|" + _SHORT_DATE.pattern
                          + r")?(?::\d{2})?(?:\s*(?:星期|周)[一二三四五六日天])?[\s|/]*$")

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
        self.re = regex.compile(r"(?:(?<=^|[\s|/,【】\]\[()])|(?<=\d))(?P<key>" + "|".join(map(regex.escape, alts))
                                + r")\s*(?::|\|(?!\s*T)|丨)\s*")

    def propose(self, n: str) -> Proposal | None:
        if len(n) > 120 or not (":" in n or "|" in n or "丨" in n) or SENT.search(n):
            return None       # every key needs one of : | 丨 after it, and removing buttons adds none
        s = self._BUTTONS.sub(" ", n).strip()          # 【纠错】 【责任编辑:王新】: drop the buttons
        m = self._BRACKETS.match(s)
        s = m.group(1).strip() if m else s
        hits = list(self.re.finditer(s))
        if not hits or not self._LEAD.match(s[:hits[0].start()]):
            return None
        fields = []
        for j, h in enumerate(hits):
            end = hits[j + 1].start() if j + 1 < len(hits) else len(s)
            value = s[h.end():end].strip(" |丨/,【】[]()")
            numeric = self.info[h.group("key")].get("numeric")
            if numeric and value and not _COUNT.match(value):
                return None
            if len(value) > 40 or ":" in _TIME.sub("", value) or ("," in value and not numeric):
                return None        # a comma outside a count (浏览次数：3,562) reads as a sentence
            fields.append((h.group("key"), value))
        infos = [self.info[k] for k, _ in fields]
        reason = infos[0].get("reason") or self.reason
        meta: dict[str, str] = {}
        lead = iso_date(s[:hits[0].start()])
        if lead:
            meta["published"] = lead
        for (key, value), info in zip(fields, infos):
            f = info.get("field")
            if f and value and f not in meta:
                if f == "published":
                    value = iso_date(value) or value
                elif f == "author":
                    value = regex.sub(r"^(?:本报|本刊)?(?:特约)?(?:记者|通讯员)\s*", "", value)
                if f in ("author", "editor"):  # 李想_NBJ11279, 张倩 SF014: a staff code
                    value = _STAFF_CODE.sub("", value) or value
                meta[f] = value
        date_only = all(i.get("date_only") for i in infos)
        if date_only:  # 时间：2024-03-08 10:21 — a date and nothing else (not 9:00—15:00, 星期六)
            if not all(_DATE_ONLY.match(v) for _, v in fields):
                return None
            zone = "head"
        else:
            distinct = {i.get("field") for i in infos if i.get("field")}
            wrapped = m is not None  # （来源：新华社）, 【编辑：刘欣】: a whole line in brackets
            zone = "any" if any(i.get("strong") for i in infos) or len(distinct) >= 2 or wrapped else "edge"
        company = reason == "copyright" and zone != "any"   # 主办：… only with the footer
        return Proposal(self.id, reason, "tail" if company else zone, meta, tail_company=company)


class SpamDetector:
    """A brand from the lexicon meeting a portal word or a spam shape, on a short line with no
    sentence punctuation (rules/boilerplate/spam.yaml). Never a brand alone."""

    _LATIN_HAN = regex.compile(r"[A-Za-z]{2,}\p{Han}|\p{Han}[A-Za-z]{2,}")
    _DOMAIN = regex.compile(r"(?:www\.)?[a-z0-9-]{2,}\.(?:vip|com|cc|net|top|xyz|me|la|bet|co|cn|tv|app|win)\b", regex.I)
    _DOUBLED = regex.compile(r"(\p{Han}{2,6})\((?:\1|[A-Za-z]{2,}|中国)\)")
    _SHAPES = [
        _LATIN_HAN, _DOMAIN, _DOUBLED,
        regex.compile(r"欢迎您|欢迎你"),
        regex.compile(r"-{2,}$|—{2,}$"),
        regex.compile(r"\p{Han}[_-]\p{Han}|\p{Han}\([A-Za-z]+\)|[【】]"),
    ]

    def __init__(self, where: str, entry: dict[str, Any], kind: str):
        self.id, self.reason, self.kind = entry["id"], entry.get("reason", "spam"), kind
        self.zone = entry.get("zone", "any" if kind == "spam" else "edge")
        self.max_len = int(entry.get("max_len", 60))
        words = lambda key: [str(w) for w in entry.get(key) or []]
        self.brands = [w.lower() for w in words("brands")]
        self.portal = [w.lower() for w in words("portal")]
        self.strong = [w.lower() for w in words("strong_portal")]
        if kind == "spam" and not self.brands:
            raise RuleError(f"{where}: rule {self.id} needs `brands`")
        # prefilter: without any of these words in the line the rule cannot propose
        need = self.brands if kind == "spam" else self.portal + self.strong
        self._need = re.compile("|".join(map(re.escape, sorted(need, key=len, reverse=True)))) if need else None

    def shapes(self, n: str) -> int:
        return sum(1 for r in self._SHAPES if r.search(n))

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or SENT.search(n) or "," in n:
            return None
        low = n.lower()
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
            if portal and shapes:  # jinnian金年会官方网站入口: unmistakable, even between paragraphs
                return Proposal(self.id, self.reason, "any")
        else:
            portals = sum(1 for p in self.portal if p in low)
            strong = any(p in low for p in self.strong)
            if not ((strong and (self.shapes(n) or regex.search(r"\d+元|点击|进入|www\.", n)))
                    or (portals >= 2 and self.shapes(n) >= 2)):
                return None
        return Proposal(self.id, self.reason, self.zone)


class LinkBarDetector:
    """A bar of links, judged by its shape and not by its words alone: a line with no sentence
    punctuation cut by separators (| │ 丨 - · / or spaces) into 4+ short segments, most of them
    holding a word of site furniture (首页, 新闻, 联系, 地图, 版 …; `words` in
    rules/boilerplate/navigation.yaml). A list of names or units has none of those words."""

    _SEP = regex.compile(r"\s*[|│┃丨｜/·•]\s*|\s+-\s+|(?<=\p{Han})-(?=\p{Han})|\s+")
    _LABEL = regex.compile(r"^[^:]{1,8}:\s*")

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
        self.words = regex.compile("|".join(map(regex.escape, sorted(words, key=len, reverse=True))))

    def propose(self, n: str) -> Proposal | None:
        if len(n) > self.max_len or len(n) < 8 or SENT.search(n) or "," in n:
            return None
        segs = [x for x in self._SEP.split(self._LABEL.sub("", n, count=1)) if x]
        if len(segs) < self.min_items or any(len(x) > self.seg_len for x in segs):
            return None
        hits = sum(1 for x in segs if self.words.search(x))
        if hits < max(3, self.share * len(segs)):
            return None
        return Proposal(self.id, self.reason, self.zone)


# -- the stage --------------------------------------------------------------------------------

_INLINE_AUTHOR = regex.compile(r"[(（](?:本报|本刊|新华社|中新社)?(?:特约|全媒体|融媒)?记者\s*(?P<v>\p{Han}{2,4}(?:[、\s]+\p{Han}{2,4})*)"
                               r"(?:\s+(?:通讯员|实习生)\s*\p{Han}{2,4}(?:[、\s]+\p{Han}{2,4})*)*\s*[)）]")
_INLINE_EDITOR = regex.compile(r"[(（【\[](?:本文)?(?:责任编辑|责编|编辑)\s*[:：]\s*(?P<v>\p{Han}{2,4})\s*[)）】\]]")


class Cleaner:
    def __init__(self, rules: Rules):
        order = {r: i for i, r in enumerate(REASONS)}
        self.rules: list[Any] = []
        self.title_rule: dict[str, Any] | None = None
        self.repeated_rule: dict[str, Any] | None = None
        ranked = []
        for rf in rules.of_type("boilerplate"):
            for k, entry in enumerate(rf.rules):
                where = f"{rf.path}: rule {entry['id']}"
                reason = entry.get("reason")
                if reason not in REASONS:
                    raise RuleError(f"{where}: `reason` must be one of {', '.join(REASONS)}, not {reason!r}")
                if entry.get("zone", "edge") not in ZONES:
                    raise RuleError(f"{where}: `zone` must be one of {', '.join(ZONES)}")
                det = entry.get("detector")
                if det is None:
                    if "pattern" not in entry:
                        raise RuleError(f"{where}: needs `pattern` or `detector`")
                    rule: Any = PatternRule(where, entry)
                elif det == "fields":
                    rule = FieldsDetector(where, entry)
                elif det == "link_bar":
                    rule = LinkBarDetector(where, entry)
                elif det in ("spam", "spam_shape"):
                    rule = SpamDetector(where, entry, det)
                elif det == "title":
                    self.title_rule = entry
                    continue
                elif det == "repeated":
                    self.repeated_rule = entry
                    continue
                else:
                    raise RuleError(f"{where}: unknown detector {det!r}")
                # whole-line patterns first, then the broader detectors (fields, spam)
                ranked.append((det is not None, order[reason], str(rf.path), k, rule))
        self.rules = [r for *_, r in sorted(ranked, key=lambda t: t[:4])]
        # prefilter: a line with sentence punctuation (most body lines) can only be taken by
        # the few `sentence_ok` patterns; every other rule and detector refuses it anyway
        self._sent_rules = [r for r in self.rules if getattr(r, "sentence_ok", False)]
        self._middle_rules = [r for r in self.rules if not isinstance(r, (PatternRule, LinkBarDetector))
                              or r.zone == "any"]
        self._sent_max = max((r.max_len for r in self._sent_rules), default=0)
        self._max = max((getattr(r, "max_len", 120) for r in self.rules), default=0)
        # the rules to try, by (sentence punctuation, middle) and line length, in rule order: a
        # pattern rule only up to its max_len, as (rule, its search) so the loop calls the regex
        # directly (the length and punctuation checks of propose() are already settled there);
        # a detector as (rule, None), asked through propose()
        def table(rules: list[Any], top: int) -> list[tuple[tuple[Any, Any], ...]]:
            return [tuple((r, r.re.search) if isinstance(r, PatternRule) else (r, None)
                          for r in rules if not isinstance(r, PatternRule) or length <= r.max_len)
                    for length in range(top + 1)]
        top = max(self._max, 120)
        self._tables = {(True, False): table(self._sent_rules, self._sent_max),
                        (False, False): table(self.rules, top), (False, True): table(self._middle_rules, top)}
        self._tables[True, True] = self._tables[True, False]

    def proposals(self, n: str, middle: bool = False) -> list[Proposal]:
        """What the rules propose for a normalised line; `middle`: only the rules that may act
        between two paragraphs (the others' proposals would not fit there)."""
        sent = SENT.search(n) is not None
        rows = self._tables[sent, middle and not sent]
        if len(n) >= len(rows):  # longer than any rule takes (sentence lines: than any sentence_ok rule)
            return []
        out = []
        for r, search in rows[len(n)]:
            if search is None:
                p = r.propose(n)
            else:
                m = search(n)
                if m is None:
                    continue
                p = r.hit(n, m)
            if p is not None:
                out.append(p)
        return out

    # the whole article ---------------------------------------------------------------------
    def clean(self, doc: Document, repeated: frozenset[str] = frozenset()) -> Cleaned:
        warnings: list[str] = []
        meta: dict[str, Any] = {}
        text = doc.text
        if text is None:
            if doc.html is None:
                return Cleaned(text="")
            from . import html as html_stage
            text, hmeta = html_stage.html_to_text(doc.html, url=doc.meta.get("url"))
            meta.update({k: v for k, v in hmeta.items() if v})
            if not text.strip():
                warnings.append("HTML gave no article text")
        lines = split_lines(text)
        normed = [norm(ln) for ln in lines]
        # proposals in two steps: first the lines shaped like paragraphs (to find the anchors),
        # then the rest — a line between the first and the last anchor only meets the rules
        # that may act there (zone any), so body lines in the middle cost little
        props: list[list[Proposal] | None] = [None] * len(lines)
        for i, n in enumerate(normed):
            if not n:
                props[i] = []
            elif is_anchor_shape(n):
                props[i] = self.proposals(n)
        anchors = [i for i, n in enumerate(normed) if n and not props[i] and is_anchor_shape(n)]
        if not anchors:  # an article of short lines: any plain sentence anchors it, else all is body zone
            props = [p if p is not None else self.proposals(n) for p, n in zip(props, normed)]
            anchors = [i for i, n in enumerate(normed)
                       if not props[i] and len(n) >= 10 and (SENT.search(n) or len(n) >= 20)]
        first, last = (anchors[0], anchors[-1]) if anchors else (0, len(lines) - 1)
        for i, n in enumerate(normed):
            if props[i] is None:
                props[i] = self.proposals(n, middle=first < i < last)

        def zone(i: int) -> str:
            if i < first:
                return "head"
            if i > last:
                return "tail"
            return "middle"

        removed: dict[int, Removed] = {}
        found: dict[str, list[tuple[int, str]]] = {}

        def take(i: int, p: Proposal) -> None:
            removed[i] = Removed(i, lines[i], p.reason, p.rule)
            for k, v in p.meta.items():
                found.setdefault(k, []).append((i, v))

        follow: list[tuple[int, Proposal]] = []
        for i, ps in enumerate(props):
            z = zone(i)
            for p in ps:
                if not _fits(p, z):
                    continue
                if p.tail_company and z == "tail" and not any(j in removed for j in range(last + 1, i)):
                    continue
                take(i, p)
                if p.then:
                    follow.append((i, p))
                break
        for i, p in follow:
            self._follow(i, p, lines, normed, removed, anchors, take)
        self._title([doc.meta.get("title"), meta.get("title")], lines, normed, zone, removed, found, take)
        if repeated:
            self._repeated(lines, normed, props, zone, removed, repeated, take)

        filled = [i for i, n in enumerate(normed) if n]
        if len(filled) == 1:  # never empty an article: a lone `2010-01-29` or headline is its text
            removed.pop(filled[0], None)
        body = [ln for i, ln in enumerate(lines) if i not in removed]
        for i, ln in enumerate(lines):
            if i in removed or not normed[i]:
                continue
            for key, rx in (("author", _INLINE_AUTHOR), ("editor", _INLINE_EDITOR)):
                m = rx.search(ln)
                if m:
                    found.setdefault(key, []).append((i, _WS.sub(" ", m.group("v")).strip()))
        for key, vals in found.items():
            if key == "title":
                vals = sorted(vals, key=lambda iv: (removed.get(iv[0]) is None or removed[iv[0]].reason != "title", iv[0]))
            elif key == "editor":  # 责任编辑 before 编辑, 审核 …
                vals = sorted(vals, key=lambda iv: (iv[0] in removed and "责" not in lines[iv[0]], iv[0]))
            meta[key] = vals[0][1]
        if meta.get("published") and not _ISO.match(meta["published"]):
            meta["published"] = iso_date(meta["published"]) or meta["published"]
        return Cleaned(text="\n".join(body), removed=[removed[i] for i in sorted(removed)],
                       meta=meta, warnings=warnings)

    def _follow(self, i, p, lines, normed, removed, anchors, take) -> None:
        cfg = p.then
        max_lines, max_len = int(cfg.get("max_lines", 10)), int(cfg.get("max_len", 40))
        shape = cfg.get("shape", "title")
        reason = cfg.get("reason", p.reason)
        anchor_set = set(anchors)
        j, n_taken = i + 1, 0
        while j < len(lines) and n_taken < max_lines:
            n = normed[j]
            if not n:
                j += 1
                continue
            if j in removed:
                n_taken += 1
                j += 1
                continue
            ok = len(n) <= max_len and j not in anchor_set
            if shape == "title":
                ok = ok and (is_title_shape(n, max_len) or is_headline_shape(n, max_len))
            if not ok:
                break
            take(j, Proposal(p.rule, reason, "any"))
            n_taken += 1
            j += 1

    def _title(self, titles, lines, normed, zone, removed, found, take) -> None:
        if self.title_rule is None:
            return
        rid = self.title_rule["id"]
        after_rules = set(self.title_rule.get("after_rules") or ())
        head = [i for i, n in enumerate(normed) if n and zone(i) == "head"]
        known = [norm(str(v)) for v in titles if v]
        known += [norm(v) for _, v in found.get("title", [])]

        def nb(i: int, step: int) -> int | None:
            j = i + step
            while 0 <= j < len(lines) and not normed[j]:
                j += step
            return j if 0 <= j < len(lines) else None

        def kicker(j: int) -> bool:  # a site or channel name above the headline: 新闻中心, XX县融媒体中心
            n = normed[j]
            return (j not in removed and 2 <= len(n) <= 16 and not SENT.search(n) and not n.endswith(":")
                    and len(_HAN.findall(n)) >= 2)

        chosen: list[int] = []
        for i in head:
            n = normed[i]
            if i in removed or not (is_title_shape(n) or is_headline_shape(n, 36)):
                continue
            again = any(normed[j] == n for j in head if j != i)
            named = any(k == n or (len(n) >= 6 and k.startswith(n)) for k in known)
            nxt, prv = nb(i, 1), nb(i, -1)
            before_meta = nxt is not None and nxt in removed and removed[nxt].reason in ("metadata", "caption")
            under_nav = (prv is not None and prv in removed
                         and (removed[prv].reason == "navigation" or removed[prv].rule in after_rules)
                         and (nxt is None or zone(nxt) != "head"))
            # an official document: the headline alone above its salutation (各有关单位：)
            first_left = all(j in removed for j in head if j < i)
            salutation = (nxt is not None and nxt not in removed and normed[nxt].endswith(":")
                          and len(normed[nxt]) <= 40 and any(j in removed for j in head if j < i))
            # the last line of the page head, right above the body, with only removed lines
            # (and site names) above it: 点击上方蓝字关注 / 转载自… / 江城地铁4号线全线贯通！
            above = [j for j in head if j < i]
            above_body = (nxt is not None and zone(nxt) != "head" and nxt not in removed
                          and any(j in removed for j in above) and all(j in removed or kicker(j) for j in above)
                          and not _DATELINE.search(n)
                          # ！？ in it (家人们，好消息来了！ opens a post): only right under a source or menu line
                          and (is_title_shape(n) or (prv in removed and removed[prv].reason in ("metadata", "navigation"))))
            # a later candidate when only furniture lies between: 城市晚报数字报 / date / 版面 / headline
            free = not chosen or all(j in removed or j in chosen or kicker(j) for j in above if j > chosen[-1])
            placed = before_meta or under_nav or above_body
            if again or named or ((first_left and salutation) or (placed and not _NOT_HEADLINE.search(n))) and free:
                chosen.append(i)
        for i in chosen:
            take(i, Proposal(rid, "title", "head", {"title": lines[i].strip()} if i == chosen[-1] else {}))
        for i in head:  # the site's name over its menu: XX县融媒体中心 / 首页 丨 时政 丨 …
            nxt = nb(i, 1)
            if (kicker(i) and nxt is not None and nxt in removed and removed[nxt].reason == "navigation"
                    and i not in chosen and all(j in removed or kicker(j) for j in head if j < i)):
                take(i, Proposal(rid, "navigation", "head"))
        if chosen:  # short lines above the headline, with nothing but page furniture above them
            top = [j for j in head if j < chosen[-1]]
            if all(j in removed or kicker(j) for j in top):
                for j in top:
                    if j not in removed:
                        reason = "title" if nb(j, 1) == chosen[0] else "navigation"
                        take(j, Proposal(rid, reason, "head"))

    def _repeated(self, lines, normed, props, zone, removed, repeated, take) -> None:
        rid = self.repeated_rule["id"] if self.repeated_rule else "boilerplate.repeated"
        for i, n in enumerate(normed):
            if not n or i in removed or zone(i) not in ("head", "tail"):
                continue
            if lines[i] not in repeated and n not in repeated:
                continue
            if len(n) > 60 or SENT.search(n):
                continue
            titled = is_title_shape(n, 42) and not _CONTACT.search(n)
            reason = props[i][0].reason if props[i] else ("related" if titled else "ad")
            take(i, Proposal(rid, reason, "edge"))


def build(rules: Rules) -> Callable[..., Cleaned]:
    cleaner = Cleaner(rules)

    def clean(doc: Document, repeated: frozenset[str] = frozenset()) -> Cleaned:
        return cleaner.clean(doc, repeated)
    clean.cleaner = cleaner  # type: ignore[attr-defined]
    return clean
