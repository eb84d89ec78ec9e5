"""The place an article is written for: meta.locale = zh-CN | zh-HK | zh-TW | zh-MO | zh-SG | zh-MY,
or an overseas Chinese community's: zh-CA | zh-AU | zh-NZ | zh-US.

It decides what a bare 元 means (FACTS.md: CNY on the mainland, HKD, TWD, MOP elsewhere; SGD in
Singapore and MYR in Malaysia, as the same rule reads there; CAD, AUD, NZD and USD on a Chinese
community page of Canada, Australia, New Zealand or the United States, where a bare 元 or $ is the
local dollar).
Evidence, strongest first (rules/lexicons/locales.tsv):
1. the url's host (.hk .tw .mo, known news hosts) or the publisher (meta.source, the site
   name): either decides alone;
2. the text: a dateline at its start (香港3月8日电, 台北訊) and words only one place uses
   (港府, 立法院, 新台幣, 本澳 …), each counted once; the Traditional script (a share of
   rules/lexicons/script_pairs.tsv) adds weight to the non-mainland place that leads.
A place needs TEXT_THRESHOLD from the text; a mainland page that mentions 港元 or 立法會 once
stays zh-CN, the default.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import regex

from .glosses import glossed
from .patterns import WordScan
from .rules import Rules
from .script import cue_pairs

# the overseas communities' places: the text decides only with their own words (卑诗省, 列治文,
# 雪梨, 紐省) or a local paper's dateline (本報溫哥華訊); a city's name alone, a mention or an
# agency's dispatch (新华社多伦多5月3日电) leaves a mainland report the mainland's
OVERSEAS = ("zh-CA", "zh-AU", "zh-NZ", "zh-US")
LOCALES = ("zh-CN", "zh-HK", "zh-TW", "zh-MO", "zh-SG", "zh-MY", *OVERSEAS)
DEFAULT = "zh-CN"
TEXT_THRESHOLD = 3          # text evidence a non-mainland place needs
SCRIPT_WEIGHT = 2           # what a mostly Traditional text adds to the leading place
WEAK_ALONE = 2              # the evidence a place needs before the script adds to it
# Traditional share of the counted characters that makes a text Traditional
SCRIPT_SHARE = 0.6
SCRIPT_MIN = 8              # fewer counted characters than this: the script says nothing
TRADITIONAL_DEFAULT = "zh-TW"   # a Traditional text whose two leading places tie
DATELINE_CHARS = 30         # how far into a line a dateline may start (after an agency's name)
DATELINE_LINES = 5          # the headline, a subtitle, a byline line, the first paragraph
SCAN_CHARS = 6000           # text cues and script are read from the article's start
PLACE_CAP = 4               # mentions of a place's name counted at most
OVERRULE = 5                # text evidence (with mentions) that overrules a host or publisher
ROC_WEIGHT = 2              # two years of the Republic (107年起, 112年3月), in either script
ROC_ONE = 1                 # one of them (105年度): with a Taiwan word (澎湖, 县府) it says Taiwan
# what an overseas city's dateline as its own paper writes it (溫哥華訊, 【雪梨】) adds to its row's
# weight; an agency's (新华社多伦多5月3日电) has the row's alone
LOCAL_DATELINE = 2
# an overseas place counts only with a word of its own of this weight (卑诗, 列治文, 紐省) or its
# paper's dateline, however many of its cities the text names
OWN_WORD = 2
# (each pattern opens with a character, the look-behinds read after it: `re` then skips to
# the places where that character stands instead of trying the pattern everywhere, 9x faster;
# (?<!X1) after the 1 is (?<!X) before it)
# (or a school year: 104學年度, whose 學 the mainland never puts after such a number; or a span
# of two such years: 105年至109年)
_ROC_YEAR = re.compile(r"1(?<![\d０-９.／/-]1)[01]\d\s?(?:年(?=\s?(?:\d{1,2}\s?月"
                       r"|[一二三四五六七八九十]{1,2}月|度|起|底|初|[上下]半年"
                       r"|[至到-]\s?1[01]\d\s?年))|[學学]年)")
# a Minguo date in figures (110/08/05, 113.9.9): a Taiwan table's or notice's, counted as its year
_ROC_NUMERIC = re.compile(r"1(?<![\d０-９.／/-]1)[01]\d([/.])(?:1[0-2]|0?[1-9])\1"
                          r"(?:3[01]|[12]\d|0?[1-9])(?![\d./])")
# a Minguo date of the page's own: a three-digit year of this century with a month (109年5月29日),
# 民国 with a number, a year glossed 今(113)年 — a page that writes one counts its years in the
# Republic calendar whatever place the cues gave it (republic_calendar)
_MINGUO_DATE = re.compile(r"1(?<![\d.第]1)(?<!公元1)[01][0-9]\s?年\s?(?:1[0-2]|0?[1-9])\s?月"
                          r"|民[国國]\s?(?:元|[1-9][0-9]{0,2})\s?年"
                          + "".join(rf"|{c}\s?[（(]\s?1[01][0-9]\s?[）)]\s?年" for c in "今本去明"))


def republic_calendar(text: str, locale: str | None) -> bool:
    """Whether a page counts its years in the Republic (Minguo) calendar, so that its bare 107年,
    94年度 and 83至92年 are Minguo years (the date finder asks here, nowhere else): a Taiwan page
    (meta.locale zh-TW, which years of the Republic themselves weigh towards: from_text), or a
    page the cues left on the mainland that writes a Minguo date of its own (109年5月29日,
    民國90年, 今(113)年). A Hong Kong or Macao page keeps its own calendar."""
    return locale == "zh-TW" or (locale in (None, DEFAULT, *OVERSEAS)
                                 and _MINGUO_DATE.search(text) is not None)

# a dateline: the place followed by a date, 电/訊, 消息 or the end of an agency tag (香港3月8日电,
# 【台北】, 台北訊, 中央社記者王明台北8日電); a headline that merely starts with 香港 is no dateline
_DATELINE_END = (
    r"(?=\s*(?:[\d０-９]|[一二三四五六七八九十]{1,3}[月日]|[電电訊讯]|消息|報導|报道|[】\]〕）)]))"
)
# Taiwan's byline, the reporter then the place or desk after a slash (記者王明／彰化報導,
# 記者林某/綜合報導, a mirror's Simplified 记者陈某/彰化报导): its papers' own form, whatever the
# place's name; the mainland writes 记者 某某 报道 without the slash and the place
_TW_BYLINE = re.compile(r"[記记]者\s?[^\s/／，。、]{1,4}(?:\s[^\s/／，。、]{1,3})?\s?[/／]\s?"
                        r"[^\s/／，。、]{0,6}?(?:報導|报导)")
TW_BYLINE = 3               # as much as a dateline: it decides alone
# a listed company's code in brackets after its name, as a finance page of its exchange writes
# it: Hong Kong's five figures from 0 (某某控股(00880)), Taiwan's four from 1 to 9 (某某電(2388),
# not a year); each code counted once, at most STOCK_CAP, and only on a Traditional page (the
# script has already said it is not the mainland's; the codes say which exchange it follows)
_HK_CODE = re.compile(r"(?<=[\u4e00-\u9fff])[（(]0\d{4}(?:\.HK)?[)）]")
_TW_CODE = re.compile(r"(?<=[\u4e00-\u9fff])[（(](?!1[89]\d\d|20\d\d)[1-9]\d{3}(?:\.TW)?[)）]")
STOCK_CAP = 2
# what follows a local paper's own dateline (溫哥華訊, 【雪梨】), not an agency's date and 电
_LOCAL_DATELINE_END = re.compile(r"\s*(?:[訊讯]|[】\]〕）)])")


def _host(url: str | None) -> str:
    if not url or "." not in url:
        return ""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".")


def _chars_re(chars) -> re.Pattern[str]:
    """A class of the given characters (one pattern, a bitmap lookup per character)."""
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def build(rules: Rules):
    rows = rules.lexicon("locales")
    for r in rows:
        if r["locale"] not in LOCALES:
            raise ValueError(
                f"lexicons/locales.tsv: locale {r['locale']!r} is not one of {LOCALES}"
            )
    hosts = [(r["cue"].lower(), r["locale"]) for r in rows if r["kind"] == "host"]
    publishers = [(r["cue"], r["locale"]) for r in rows if r["kind"] == "publisher"]
    datelines = {r["cue"]: (r["locale"], int(r["weight"])) for r in rows if r["kind"] == "dateline"}
    # (a cue may count for two places: 施政報告 is Hong Kong's and Macao's)
    cues: dict[str, list[tuple[str, int]]] = {}
    for r in rows:
        if r["kind"] == "text":
            cues.setdefault(r["cue"], []).append((r["locale"], int(r["weight"])))
    places = {r["cue"]: (r["locale"], int(r["weight"])) for r in rows if r["kind"] == "place"}
    place_re = regex.compile("|".join(regex.escape(c) for c in places)) if places else None
    # character classes and literal words with the standard `re`: the same matches, and a class
    # of hundreds of characters is a bitmap lookup there (`regex` is ten times slower on them)
    pairs = cue_pairs(rules.lexicon("script_pairs"))
    trad = _chars_re(r["traditional"] for r in pairs)
    shared = {r["cue"] for r in rows if r["kind"] == "shared"}
    simp = _chars_re(r["simplified"] for r in pairs if r["simplified"] not in shared)
    # (as tries: the same matches as the alternation longest first, and `re` tries a few
    # branches where a cue may start instead of every cue)
    cue_scan = WordScan(cues) if cues else None
    dl_re = regex.compile("(?:" + "|".join(regex.escape(c)
                                           for c in sorted(datelines, key=len, reverse=True)) + ")"
                          + _DATELINE_END)
    # a dateline's place word lies in a line's first DATELINE_CHARS + its length characters:
    # a line without one there is not searched (its dateline could only start further on)
    dl_word = re.compile("|".join(re.escape(c) for c in datelines)) if datelines else None
    dl_reach = DATELINE_CHARS + max(map(len, datelines), default=0)

    # a host cue's rank in `hosts` (the first that fits wins) and its place
    host_rank: dict[str, tuple[int, str]] = {}
    for k, (cue, loc) in enumerate(hosts):
        host_rank.setdefault(cue, (k, loc))

    def from_host(url: str | None) -> str | None:
        """The place of the first host cue that is the host, a domain it is under (news.qq.com
        under qq.com) or a suffix from one of its dots (.hk): those are looked up, not every
        cue compared."""
        host = _host(url)
        if not host:
            return None
        fits = [host]
        for i, ch in enumerate(host):
            if ch == ".":
                fits += (host[i:], host[i + 1:])
        ranked = [got for x in fits if (got := host_rank.get(x)) is not None
                  and (x == host or x.startswith(".") or host.endswith("." + x))]
        return min(ranked)[1] if ranked else None

    def from_publisher(meta: dict[str, Any]) -> str | None:
        for key in ("source", "publisher", "sitename", "site_name"):
            v = meta.get(key)
            if isinstance(v, str) and v:
                for cue, loc in publishers:
                    if cue in v:
                        return loc
        return None

    def text_scores(head: str, bylines: tuple[str, ...] = ()) -> dict[str, int]:
        score = dict.fromkeys(LOCALES, 0)
        # dateline: near the start of one of the first lines with content (the headline comes first)
        lines = [*bylines, *[ln for ln in head[:600].splitlines() if ln.strip()][:DATELINE_LINES]]
        dl_local = None
        for line in lines:
            if dl_word is None or dl_word.search(line, 0, dl_reach) is None:
                continue
            d = dl_re.search(line)
            if d and d.start() <= DATELINE_CHARS:
                loc, w = datelines[d.group()]
                if loc in OVERSEAS and _LOCAL_DATELINE_END.match(line, d.end()):
                    w += LOCAL_DATELINE
                    dl_local = loc
                score[loc] += w
                break
        if score["zh-TW"] < TW_BYLINE and any("者" in ln and _TW_BYLINE.search(ln) for ln in lines):
            score["zh-TW"] = TW_BYLINE
        own = set()         # the overseas places named by a word or dateline of their own
        if cue_scan is not None:
            for c in {m.group() for m in cue_scan.finditer(head)}:
                for loc, w in cues[c]:
                    score[loc] += w
                    if w >= OWN_WORD:
                        own.add(loc)
        for loc in OVERSEAS:
            if loc not in own and loc != dl_local:
                score[loc] = 0      # its cities' names alone: the mainland writes them too
        return score

    def mentions(head: str, score: dict[str, int]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for m in place_re.finditer(head) if place_re is not None else ():
            loc, w = places[m.group()]
            seen[loc] = min(PLACE_CAP, seen.get(loc, 0) + w)
        return {k: v + seen.get(k, 0) for k, v in score.items()}

    def from_text(text: str, bylines: tuple[str, ...] = ()) -> str | None:
        head = text[:SCAN_CHARS]
        score = text_scores(head, bylines)
        mainland = score.pop(DEFAULT)
        t = len(trad.findall(head))
        # no Traditional character: not Traditional, whatever the count of Simplified ones
        s = len(simp.findall(head)) if t else 0
        traditional = t > 0 and t + s >= SCRIPT_MIN and t / (t + s) >= SCRIPT_SHARE
        if traditional and glossed(head, 2000):
            # mirror sites serve mainland pages converted to Traditional, glossed with pinyin
            return None
        if traditional:      # not the mainland: which place the text names most helps decide
            score = mentions(head, score)
            score["zh-HK"] += min(len(set(_HK_CODE.findall(head))), STOCK_CAP)
            score["zh-TW"] += min(len(set(_TW_CODE.findall(head))), STOCK_CAP)
        # Taiwan's own calendar, in either script (a Taiwan story written in Simplified: 澎湖县政府…
        # 105年度): years of the Republic with a month or a span after them (107年起, 112年3月,
        # 113年度, 110/08/05), each written form counted once (115年度, 115年3月 and 115年4月 are
        # three: a notice's own dates); one alone is a hint that needs a Taiwan word beside it
        roc = len({head[m.start():m.end() + 3] for m in _ROC_YEAR.finditer(head)}
                  | {m.group() for m in _ROC_NUMERIC.finditer(head)})
        score["zh-TW"] += ROC_WEIGHT if roc >= 2 else ROC_ONE if roc else 0
        best = max(score, key=lambda k: score[k])
        if mainland >= TEXT_THRESHOLD and mainland >= score[best]:
            return None      # a mainland report, whatever its script
        if traditional:
            if score[best] < WEAK_ALONE or mainland >= score[best]:
                # Traditional with no place named, or one weak cue or one mention alone (臺 is
                # every 台 of a converted page: 平臺; 九龍 is also a mainland village's), or no
                # more than the mainland's own words (雲南省…鄉村振興 with 平臺 and 裡): a
                # converted mainland page as often
                return None
            if list(score.values()).count(score[best]) > 1:
                return TRADITIONAL_DEFAULT
            score[best] += SCRIPT_WEIGHT
        if score[best] >= TEXT_THRESHOLD and list(score.values()).count(score[best]) == 1:
            return best
        return None

    def locale_of(text: str, meta: dict[str, Any] | None = None, url: str | None = None,
                  bylines: list[str] | tuple[str, ...] = ()) -> str:
        """zh-CN | zh-HK | zh-TW | zh-MO | zh-SG | zh-MY (| zh-CA zh-AU zh-NZ zh-US) for one
        article; zh-CN when nothing says otherwise. A locale already in meta (given by the
        caller) wins. `bylines`: metadata lines the clean stage removed (記者王明／台南報導 holds
        a dateline)."""
        meta = meta or {}
        given = meta.get("locale")
        if given in LOCALES:
            return given
        site = from_host(url or meta.get("url")) or from_publisher(meta)
        if site is None:
            return from_text(text or "", tuple(bylines)) or DEFAULT
        return overruled(site, (text or "")[:SCAN_CHARS]) or site

    def overruled(site: str, head: str) -> str | None:
        """Another non-mainland place the text is plainly about (a Hong Kong site on Macao)."""
        score = mentions(head, text_scores(head))
        score.pop(DEFAULT)
        best = max(score, key=lambda k: score[k])
        if best != site and score[best] >= OVERRULE and score[best] >= 2 * score.get(site, 0):
            return best
        return None

    return locale_of
