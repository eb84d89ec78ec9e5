"""The headline in the page head: chosen by position (above metadata, under the menu, last
in a head of page furniture, never a numbered head, label, signature, table row or list of
names), with the short site and channel names above it."""
from __future__ import annotations

import functools
from difflib import SequenceMatcher
from typing import Any

import regex

from . import twins
from .detectors import Proposal
from .page import Page
from .shapes import (
    _DATELINE,
    _HAN,
    _NOT_HEADLINE,
    CHAPTER,
    DATELINE_START,
    SENT,
    is_headline_shape,
    is_title_shape,
    norm,
)

# a channel or column label above a headline (综合新闻, 即时新闻, 图片新闻, 政务公开 > 政策解读)
# and a site's name (XX市人民政府门户网站, 城市晚报数字报, XX县融媒体中心)
_CHANNEL = twins.compile(r"(?:新闻|资讯|动态|发布|要闻|快讯|头条|频道|专题|专栏|公开|解读|视点|聚"
                         r"焦|网|网站|报|台|中心|政府|学校|大学|学院)$"
                         r"|[>|]|^\p{Han}{2,4}$")


# page widgets a headline never is: a slogan between ※ marks, a font-size bar,
# and an item of a bulleted list (- 專題, • 2024-06-01): a headline carries no list bullet
# a breadcrumb, keyword list or bar of site names, never a repost's first-line headline
_BAR_OR_SITE = twins.compile(r"[>|,_、]|欢迎|官方|门户")
# (a site's host, 23xiu.com or www.…, is its slogan's or its menu's: 【xx.com-某某门户网】; a
# table's unit, 单位：万元, is its table's)
_NEVER_HEADLINE = twins.compile(r"※|字号|字体|[|丨]\s*$|^[|丨]|^[-•·▪]\s|^[>»›]|https?://|www\."
                                r"|^\s*\(?(?:金额|货币|计量)?单位\s*:"
                                r"|(?<![\w@.])[A-Za-z\d-]{2,}\.(?:com|cn|net|org|cc|top|vip)(?![\w.])")
# a paper's own story with no date (本报讯（记者 某某）…): the headline's place when the line
# above the candidate is furniture (a paper's page may set a title and two subtitles above it)
_OWN_STORY = twins.compile(r"^[(（]?\s*(?:本报|本刊|本台|本网)\p{Han}{0,6}讯")


def _kicker(page: Page, j: int) -> bool:
    """A site or channel name above the headline: 新闻中心, XX县融媒体中心."""
    n = page.normed[j]
    return (j not in page.removed and 2 <= len(n) <= 10 and not SENT.search(n)
            and not n.endswith(":")
            and "," not in n and len(_HAN.findall(n)) >= 2 and not _NOT_HEADLINE.search(n))


# a paper's author line: names only (何雨晴 钱 坤, 李明1, 王芳2), and under it the authors'
# affiliation with its postcode or the abstract
# (names of two or three characters: a headline of 4-character words is no author line)
_NAMES = twins.compile(r"^\p{Han}(?:\s?\p{Han}){1,2}[\d*]{0,2}"
                       r"(?:\s*[,、\s]\s*\p{Han}(?:\s?\p{Han}){1,2}[\d*]{0,2}){0,5}$")
# (an affiliation one of a numbered list closes with ; or .: (1.某某科学院,武汉 430010;)
_AFFILIATION = twins.compile(r"^[(]?[^()]{2,120}\d{6}\s*[;.]?\s*[)]?$")
_ABSTRACT = twins.compile(r"^[\[【〔(]?\s*摘\s*要")
AUTHORS_RULE = "boilerplate.metadata.author_list"
# a page's number after a title split over pages: (2/3)
_PAGE_PART = twins.compile(r"\s*[(]\d{1,2}/\d{1,2}[)]")
_COLON_TITLE = twins.compile(r"^\p{Han}{2,8}:(?=(?:[^:]*?\p{Han}){4})[^:\d]{5,40}$")


# a name alone, two to six Han characters: a channel's, a column's or a site's label
_SHORT_NAME = twins.compile(r"^\p{Han}{2,6}$")


def _plain_headline(n: str) -> bool:
    """Shaped as a headline, and neither a field, a numbered item nor page furniture: what a
    line needs to be taken for the headline by its place alone."""
    return (is_headline_shape(n, 60) and not _NOT_HEADLINE.search(n)
            and not _NEVER_HEADLINE.search(n))


def paper_authors(page: Page) -> None:
    """The author line in a paper's head, placed by the affiliation or abstract under it
    (a headline is never followed by a postcode line or by 摘要 alone)."""
    for i in page.head():
        n = page.normed[i]
        if i in page.removed or not _NAMES.match(n) or len(_HAN.findall(n)) > 18:
            continue
        nxt = page.nb(i, 1)
        if nxt is not None and (_AFFILIATION.match(page.normed[nxt])
                                or _ABSTRACT.match(page.normed[nxt])):
            page.take(i, Proposal(AUTHORS_RULE, "metadata", "head",
                                  {"author": page.lines[i].strip()}))


# an English headline over a Chinese story (a Singapore ministry's speech, a Malaysian
# portal): four words or more, capitalised, no link, no stop at its end
_LATIN_TITLE = regex.compile(
    r"^[A-Z][A-Za-z0-9'’&\-–:,()]*(?:\s+[A-Za-z0-9'’&\-–:,()]+){3,20}[?!]?$")


# a list bullet opening a line (• 2024-06-01, - 專題)
_BULLET_LEAD = twins.compile(r"^[-•·▪]\s+")
# a font-size bar (字号：大 中 小, 字体: 放大 缩小)
_FONT_BAR = twins.compile(r"^[【\[]?\s*(?:字号|字体|字级)\s*[:】\]]?")

# a button in brackets ([复制链接], [打印]): a forum's or a portal's tool under the title
_BRACKETED_BUTTON = regex.compile(r"^[\[【][^\]】]{2,6}[\]】]$")

def headline(page: Page, rule: dict[str, Any], above_rule: dict[str, Any] | None,
             titles: list[Any]) -> None:
    """Find the headline (page.headline, meta title), remove its copies (reason title) and the
    site and channel names above it (navigation, by `above_rule`)."""
    paper_authors(page)
    # the headline printed again over two or three lines: those go first, and the line they
    # copy is named the headline as a known title is
    split_firsts = _split_copies(page, rule["id"])
    rid = rule["id"]
    nav = above_rule["id"] if above_rule else rid
    after_rules = set(rule.get("after_rules") or ())
    not_menu = set(rule.get("not_menu") or ())
    removed, normed, lines = page.removed, page.normed, page.lines
    head = page.head()
    known = [norm(str(v)) for v in titles if v]
    known += [norm(v) for _, v in page.found.get("title", [])]
    # a breadcrumb ending in the story's title (当前位置：首页 > 数码 > 某某研究团队发布…)
    known += [crumb for i in head if page.reason(i) == "navigation"
              and (crumb := _crumb_title(normed[i]))]
    kicker = lambda j: _kicker(page, j)  # noqa: E731

    label = _label_pattern(tuple(rule.get("channel_words") or ()))
    named_lines: set[int] = set()
    chosen: list[int] = []
    # a candidate → the channel label between it and its metadata (headline / 社会 / 发布时间)
    label_under: dict[int, int] = {}
    # chosen only for being shown twice (a journal page repeats its author too)
    only_again: set[int] = set()
    # placed by metadata, menu, salutation or a known title (not only by the body under it)
    sure: set[int] = set()
    from .zones import table_cells  # (zones reads this module's channel pattern)
    cells = table_cells(page)   # a table's label (1.财产险 over its figure) heads no story
    # one bulleted line in the head, headline-long (港澳版>新聞 / • 內地本年速遞破500億件 早去年
    # 18天): a portal's headline set as a bullet, no list of them
    bulleted = [i for i in head if _BULLET_LEAD.match(normed[i])]
    lone = (bulleted[0] if len(bulleted) == 1 and len(_HAN.findall(normed[bulleted[0]])) >= 8
            else None)
    for i in head:
        n = normed[i] if i != lone else _BULLET_LEAD.sub("", normed[i])
        if (
            i in removed
            or i in cells
            or not (is_title_shape(n) or is_headline_shape(n, 36) or _LATIN_TITLE.match(n))
            or _NEVER_HEADLINE.search(n)
            or DATELINE_START.match(n)
            # 第一章 总 则: a charter's first heading; a story's chapter is a headline only
            # when the breadcrumb names it (首页 > 某书 > 第二十六章 …)
            or (CHAPTER.match(n) and not any(len(k) >= 8 and n.startswith(k) for k in known))
        ):
            continue
        # shown again in the head, or between two paragraphs further down (a spun page's copy)
        # (a shorter line counts when shown twice or more between paragraphs: 又是一年春运时
        # over each of a spun page's photos)
        middle = sum(page.zone(page.filled[k]) == "middle" for k in page.places().get(n, ()))
        again = any(_copy_of(normed[j], n) for j in head if j != i) or (
            middle and (len(n) >= 8 or (len(n) >= 5 and middle >= 2)))
        named = i in split_firsts or any(k == n or (len(n) >= 6 and k.startswith(n))
                    or (len(k) >= 8 and k[-1] == "\u2026" and n.startswith(k[:-1]))
                    # its page number after it: 第二十六章 …(2/3)
                    or (len(k) >= 8 and n.startswith(k) and _PAGE_PART.fullmatch(n, len(k)))
                    for k in known)
        nxt, prv = page.nb(i, 1), page.nb(i, -1)
        # a poster's name over its member panel (湖边老王 / 威望 12 點 / 積分 3560): no headline
        if len(n) <= 4 and nxt in removed and removed[nxt].rule.endswith(".forum_panel"):
            continue
        # (a channel's short label between them: headline / 社会 / 发布时间：…, maybe under a
        # line of marks the rules took: headline / ::: / 區域環境管理 / 107-11-08 [某某局])
        meta_at = label_at = nxt
        while label_at in removed and removed[label_at].reason == "decoration":
            label_at = page.nb(label_at, 1)
        short_label = (label_at is not None and len(normed[label_at]) <= 6
                       and (removed[label_at].reason == "navigation" if label_at in removed
                            else kicker(label_at)))
        # (or a forum's bracketed button: thread title / [复制链接] / 查看: 256|回复: 0; a share
        # bar's 分享到: is not skipped: a subtitle may stand under it)
        if label_at is not None and (short_label or (
                nxt in removed and removed[nxt].reason == "share"
                and _BRACKETED_BUTTON.match(normed[nxt]) is not None)):
            meta_at = page.nb(label_at, 1)
        before_meta = (
            meta_at is not None and meta_at in removed
            and removed[meta_at].reason in ("metadata", "caption")
        )
        if short_label and before_meta and label_at is not None and label_at not in removed:
            label_under[i] = label_at
        # right above the story's dateline (中新社北京9月27日电 题:…), which the zones may count
        # as head: the headline's own place
        before_dateline = (nxt is not None and nxt not in removed
                           and (bool(DATELINE_START.match(normed[nxt]))
                                or (prv is not None and prv in removed
                                    and bool(_OWN_STORY.match(normed[nxt])))))
        under_nav = (prv is not None and prv in removed and removed[prv].rule not in not_menu
                     and (removed[prv].reason == "navigation" or removed[prv].rule in after_rules
                          # (or under the font-size bar: 字體: 放大 還原 縮小 / headline / body)
                          or (removed[prv].reason == "share"
                              and _FONT_BAR.match(normed[prv]) is not None))
                     and (nxt is None or page.zone(nxt) != "head"))
        # an official document: the headline alone above its salutation (各有关单位：)
        first_left = all(j in removed for j in head if j < i)
        salutation = (nxt is not None and nxt not in removed and normed[nxt].endswith(":")
                      and len(normed[nxt]) <= 40 and any(j in removed for j in head if j < i))
        # the last line of the page head, right above the body, with only removed lines
        # (and site names) above it: 点击上方蓝字关注 / 转载自… / 江城地铁4号线全线贯通！
        above = [j for j in head if j < i]
        above_body = (nxt is not None and page.zone(nxt) != "head" and nxt not in removed
                      and any(j in removed for j in above)
                      and all(j in removed or kicker(j) for j in above)
                      and not _DATELINE.search(n)
                      # ！？ in it (家人们，好消息来了！ opens a post): only right under a source or
                      # menu line
                      and (is_title_shape(n)
                           or (prv in removed
                               and removed[prv].reason in ("metadata", "navigation"))))
        # a later candidate when only furniture lies between: 城市晚报数字报 / date / 版面 /
        # headline
        free = not chosen or all(j in removed or j in chosen or kicker(j) for j in above
                                 if j > chosen[-1])
        # the page's first line left, over a tool or share bar the rules removed and then the
        # body (headline / 投票推荐 加入书签 / first paragraph): the headline's own place
        after_bar = page.nb(nxt, 1) if nxt is not None and nxt in removed else None
        over_bar = (first_left and nxt is not None and after_bar is not None
                    and after_bar not in removed and removed[nxt].reason in ("navigation", "share")
                    and page.zone(after_bar) != "head" and not _DATELINE.search(n))
        placed = before_meta or under_nav or above_body or before_dateline or over_bar
        # a title and its subtitle after a colon (世纪跨越:华社、华团、华报) as the page's first
        # line left (a spam farm's keyword line above it goes), right above its byline: no
        # field, which the rules would have taken
        colon_title = before_meta and first_left and bool(_COLON_TITLE.match(n))
        if again or named or (((first_left and salutation)
                              or (placed and (not _NOT_HEADLINE.search(n) or colon_title)))
                              and free):
            chosen.append(i)
            if named:
                named_lines.add(i)
            if again and not (named or placed):
                only_again.add(i)
            if named or before_meta or before_dateline or under_nav or (first_left and salutation):
                sure.add(i)
    # names only (王晓明 李婷) right above the body, under a headline its metadata placed:
    # the story's byline, not a later headline
    if (len(chosen) > 1 and chosen[-1] not in sure and any(c in sure for c in chosen[:-1])
            and _NAMES.match(normed[chosen[-1]]) and regex.search(r"[,、\s]", normed[chosen[-1]])):
        byline = chosen.pop()
        page.take(byline, Proposal(AUTHORS_RULE, "metadata", "head",
                                   {"author": lines[byline].strip()}))
    # a channel's label placed like a headline (公司新闻 right above 作者：/来源：, 最新消息
    # under the menu) is the page's furniture: the headline is another candidate, or none
    labels = [i for i in chosen if i not in named_lines and label is not None
              and label.match(normed[i])]
    # …and so is a short label a chosen headline was placed over (the label, right above the
    # metadata, is placed too, and the last candidate would win)
    for i in list(chosen):
        j = label_under.get(i)
        if j is not None and j in chosen and j not in named_lines and j not in labels:
            chosen.remove(j)
            page.take(j, Proposal(nav, "navigation", "head"))
    for i in labels:
        chosen.remove(i)
        page.take(i, Proposal(nav, "navigation", "head"))
        # the label took the headline's place: the headline is the line right above it
        prv = page.nb(i, -1)
        if (prv is not None and prv not in removed and prv not in chosen
                and page.zone(prv) == "head" and len(normed[prv]) >= 8
                and (is_title_shape(normed[prv]) or is_headline_shape(normed[prv], 36))
                and not _NEVER_HEADLINE.search(normed[prv])
                and not _NOT_HEADLINE.search(normed[prv])
                and not (label is not None and label.match(normed[prv]))):
            chosen.append(prv)
            sure.add(prv)
    chosen.sort()
    h = _the_headline(page, [i for i in chosen if i not in only_again] or chosen)
    # a headline-length line its metadata placed (标题 / 来源:… 时间:… / a subtitle / body)
    # leads a later line placed only by the body under it: that one stays as text if long
    lead = [i for i in chosen if i in sure and len(normed[i]) >= 4 and i not in only_again]
    if h is not None and h not in sure and lead and lead[-1] < h:
        h = lead[-1]
    # a line the page names its title elsewhere ((原标题:…) under it, a title field, the
    # breadcrumb's last crumb) is the headline over any other its place vouches for
    # (headline / 2022-10-04 11:13 / 白癜风… / (原标题:headline))
    named_h = [i for i in chosen if i in named_lines and i not in only_again]
    if h is not None and named_h and normed[h] not in {normed[i] for i in named_h}:
        h = normed.index(normed[named_h[-1]])
    if h is not None and any(_copy_of(normed[j], normed[h]) for j in head if j != h):
        h = min(chosen)  # a block shown twice (headline, author … again): the headline opens it
    elif h is not None and (first := _cut_from(page, h, head)) is not None:
        # the headline shown first with a column's name or a spam farm's keyword glued on
        # (城中热话【某某】… over 【某某】…): that first showing leads, the one nearest the body
        # is its copy
        page.take(h, Proposal(rid, "title", "any"))
        h = first
    elif h is not None and (above_h := page.nb(h, -1)) is not None and above_h in chosen:
        # the headline over its stamp, shown again right above a subtitle the dateline placed
        # (标题 / 发布时间 / 标题 / 副题 / 本报北京电…): the headline is its first showing
        first = normed.index(normed[above_h])
        if first < above_h and first in sure:
            h = first
    if h is None and not head and page.filled:
        # a short page whose first line the zones counted as a paragraph (no head at all):
        # that line is the headline when it is shaped as one and its stamp or byline, which the
        # rules removed, stands under it (春运首日…超1.8亿人次 / 央视网·2026-02-03 06:52 / …)
        t0 = page.filled[0]
        stamp = page.nb(t0, 1)
        if (t0 not in removed and stamp is not None and stamp in removed
                and removed[stamp].reason == "metadata" and _plain_headline(normed[t0])):
            h = t0
            sure.add(t0)
    if h is None and len(page.filled) > 1:
        # no headline placed, the page's <title> (headline - channel - site …) its first line
        # and the headline alone under it: the <title> line leads, as a first showing does, and
        # the headline under it is its copy (lines the rules removed above it aside: a
        # server's warnings, a spam farm's keyword line)
        t0 = next((j for j in page.filled if j not in removed), page.filled[0])
        t1 = page.nb(t0, 1)
        n0 = normed[t0]
        if (t1 is not None and t0 not in removed and t1 not in removed
                and _site_copy(n0, normed[t1]) and _plain_headline(normed[t1])):
            h = t0
            sure.add(t0)
            page.take(t1, Proposal(rid, "title", "any"))
    if h is None and head == page.filled[:1] and head and head[0] not in removed:
        # the page's one head line, headline-long and shaped as one, right above the body's
        # first paragraph (村BA冠军争夺战因降雨推迟 网友:… / 贵州省…): nothing else can be its
        # headline, and the word scorer would take it for furniture
        t0 = head[0]
        if page.nb(t0, 1) == page.first and len(normed[t0]) >= 8 and _plain_headline(normed[t0]):
            h = t0
    placed_h = h
    if h is not None:  # the title again under its column-labelled first showing, or under its
        # first showing with the site's name after it (the page's <title>): that one leads
        h = next((j for j in head if j < h and j not in removed
                  and (_column_copy(normed[h], normed[j]) or _site_copy(normed[j], normed[h]))),
                 h)
    if h is not None:
        # the headline shown first alone, then again with the site's name after it (the
        # page's <title> printed under it: 某某標題 / 某某標題 | 某某新聞): the first leads, the
        # second is its copy
        hh: int = h
        first = next((j for j in page.filled if j < hh and j not in removed
                      and _site_copy(normed[hh], normed[j], _SITE_BAR)
                      and _plain_headline(normed[j])), -1)
        if first >= 0:
            page.take(hh, Proposal(rid, "title", "any"))
            h = first
    if h is not None:
        page.headline = h
        page.headline_sure = (h in sure or any(normed[j] == normed[h] for j in sure)
                              or (placed_h != h and placed_h in sure))
        page.found.setdefault("title", []).append((h, lines[h].strip()))
    # the other candidates: copies of the headline, a kicker (引题), or page furniture
    for i in chosen:
        if i == h or (_same_headline(page, i, h) is False and _kept_with(page, i, h)):
            continue
        if _same_headline(page, i, h) or (h is not None and (
                _site_copy(normed[h], normed[i])
                or (i > h and _site_copy(normed[i], normed[h], _SITE_BAR)))):
            page.take(i, Proposal(rid, "title", "head"))
        elif i in only_again:
            # shown twice but not the headline (the author): the second showing goes (zones.repeats)
            continue
        elif len(normed[i]) > 10 and not (page.headline_sure and h is not None and i < h):
            # another headline-like line the headline's place does not vouch for: may be text
            continue
        elif (len(normed[i]) > 10 and i in sure and i not in named_lines and h is not None
              and i < h and page.reason(page.nb(i, 1)) == "metadata"):
            # a headline its own fields place, over a line placed the same way (headline /
            # 时间:… 来源:… / subtitle / 记者 … / text): the page's two titles, both text
            continue
        else:
            page.take(i, Proposal(nav, "navigation", "head"))
    for i in head:  # the site's name over its menu: XX县融媒体中心 / 首页 丨 时政 丨 …
        nxt = page.nb(i, 1)
        if (kicker(i) and nxt is not None and nxt in removed and removed[nxt].reason == "navigation"
                and i not in chosen and all(j in removed or kicker(j) for j in head if j < i)):
            page.take(i, Proposal(nav, "navigation", "head"))
    # the page's first line a channel's label (党建动态, 公司新闻) over a headline-long line of the
    # head: the page's section, whether or not a headline was found under it (要闻 / 民生, two
    # words at a page's top, may be its text)
    # (the first line the rules left: a spam farm's keyword line above it goes)
    first_line = next((i for i in page.filled if i not in removed), None)
    under = page.nb(first_line, 1) if first_line is not None else None
    # the line under the headline, its copies the rules took skipped (label / headline /
    # headline again / text)
    after_under = page.nb(under, 1) if under is not None else None
    while (after_under is not None and after_under in removed
           and removed[after_under].reason == "title"):
        after_under = page.nb(after_under, 1)
    if (first_line is not None and under is not None and first_line != h
            and page.zone(first_line) == "head"
            and ((label is not None and label.match(normed[first_line]))
                 # any short name (旅游, 港府政情, 媽祖信仰) over a headline-long line that stands
                 # right above the body's first paragraph: the page's three parts, label /
                 # headline / text (17 of 17 such first lines on labelled real pages junk)
                 or (_SHORT_NAME.match(normed[first_line]) is not None
                     and h in (None, under) and under not in removed
                     and after_under == page.first
                     and _plain_headline(normed[under])))
            and page.zone(under) == "head" and len(normed[under]) >= 8
            and first_line not in named_lines):
        page.take(first_line, Proposal(nav, "navigation", "head"))
        # no headline found, and the line under the label stands right above the body (動態新聞
        # / headline / body): that line is the headline
        after = page.nb(under, 1)
        if (h is None and under not in removed and after is not None
                and page.zone(after) != "head" and _plain_headline(normed[under])):
            h = page.headline = under
            page.found.setdefault("title", []).append((under, lines[under].strip()))
    if h is not None:  # a breadcrumb above the headline that ends in it (某某范文 > headline)
        for j in head:
            if j < h and j not in removed and _crumb_title(normed[j]) == normed[h]:
                page.take(j, Proposal(nav, "navigation", "head"))
    if h is not None:  # short lines above the headline, with nothing but page furniture above them
        top = [j for j in head if j < h]
        if all(j in removed or kicker(j) for j in top):
            for j in top:
                if j not in removed and j != h and not _kept_with(page, j, h):
                    page.take(j, Proposal(nav, "navigation", "head"))
    if h is not None:  # the headline again further down (a spun page repeats it): a copy
        hn = normed[h]
        bare_h = _bare_title(hn)
        han_h, digits_h = _han_and_figures(hn)
        whole, cut = normed.count(hn) > 1, []
        for i in range(h + 1, len(lines)):
            n = normed[i]
            if not n or i in removed:
                continue
            # each copy test's own first condition asked inline: most lines meet none
            if (
                    n == hn or (len(n) >= 8 and hn.endswith(n) and _column_copy(n, hn))
                    # in brackets or without its quotes (【…】, 十四五时期… for “十四五”时期…)
                    or (len(bare_h) >= 8 and (n[0] in "【[*" or bare_h != hn)
                        and _bare_title(n) == bare_h)
                    or (n[-1] == "页" and _page_copy(n, hn))
                    or (hn[-1] in ")）" and part_stem(hn) == n)
                    or (hn.startswith(n) and _site_copy(hn, n))
                    # the copy with the site's name after it (…的中国女科学家-某某网)
                    or (n.startswith(hn) and _site_copy(n, hn))
                    # a picture's alt text: the headline with a date and a number glued on
                    or (len(n) > len(hn) and hn in n and _tagged_copy(n, hn))
                    # a note or a field's label before it: (已修改)…, 专利名称:…, 第一篇:…
                    or (len(hn) >= 8 and len(n) > len(hn) and n.endswith(hn)
                        and _NOTE_BEFORE.match(n, 0, len(n) - len(hn)) is not None)
                    # the first showing carried the label: 警政…, 世界视讯!…, …【看世界】
                    or ((n[-1] == hn[-1] or n[-1] in ")）" or hn[-1] in "】]")
                        and _labelled_first(n, hn))):
                page.take(i, Proposal(rid, "title", "any"))
                whole = True
            elif _cut_copy(n, han_h, digits_h):
                cut.append(i)
        # a shorter line only when the page shows the headline nowhere else whole: where it
        # does, the shorter one is the document's own title over its text (宜昌某某基地奖补 twice,
        # then 某某基地奖补 over the terms)
        for i in cut if not whole else ():
            page.take(i, Proposal(rid, "title", "any"))
        _subtitle(page, h)
    # a document farm's preview pages (…报告_第1页, …报告_第2页), with or without a headline
    # found above them: every page after the first shows the title again
    stems: set[str] = set()
    paged = "页\n" in "\n".join(normed) + "\n"    # (most pages have no line ending so)
    for i, n in enumerate(normed if paged else ()):
        if i in removed or not n.endswith("页"):
            continue
        stem = _PAGE.sub("", n)
        if stem == n or len(stem) < 8:
            continue
        if stem in stems:
            page.take(i, Proposal(rid, "title", "any"))
        stems.add(stem)


def late_headline(page: Page) -> None:
    """No headline found by its place, and the page's first line shaped as one with only lines
    the rules removed between it and the body (宝丰县第四届职工运动会隆重开幕 / 正文 / 汝海之南…,
    a stamp or a menu item the later rules took): that line is the headline, so no scorer takes
    it for furniture and meta.title holds it."""
    if page.headline is not None or not page.filled:
        return
    t0 = page.filled[0]
    between = [j for j in page.filled if t0 < j < page.first]
    n = page.normed[t0]
    # (a book's chapter or a report's first section head may stand over the body: 三 中国农业
    # 社会化服务体系发展的总体情况, 第一章 总则)
    if (t0 < page.first and t0 not in page.removed and between
            and all(j in page.removed or _section_head(page.normed[j]) for j in between)
            and any(j in page.removed for j in between)
            and len(_HAN.findall(n)) >= 6 and _plain_headline(n)):
        page.headline = t0
        page.found.setdefault("title", []).append((t0, page.lines[t0].strip()))


def scored_headline(page: Page) -> None:
    """No headline found and every line above the body removed, one of them by a scorer and
    shaped as a headline (东华三院卖旗日2020 吁市民网上捐款 … under a Latin label, a forum
    thread's title among its tools): the scorers read it as furniture for want of a placed
    headline; it is the headline, and goes back to the body. Only when it is the one such line;
    so is a headline-shaped line the scorers left standing, the only line above the body that
    anything left (a forum thread's title between its tools and a jammer's noise)."""
    if page.headline is not None or page.found.get("title"):
        return
    head = [j for j in page.filled if j < page.first]
    standing = [j for j in head if j not in page.removed]
    if not head or len(standing) > 1:
        return
    found = [j for j in head if (j in standing or page.removed[j].rule.startswith(_SCORED))
             and len(_HAN.findall(page.normed[j])) >= 8 and _plain_headline(page.normed[j])]
    if len(found) == 1 and set(standing) <= set(found):
        h = found[0]
        if h in page.removed:
            del page.removed[h]
            page.kept.add(h)
        page.headline = h
        page.found.setdefault("title", []).append((h, page.lines[h].strip()))


_SCORED = "boilerplate.scored."


def _section_head(n: str) -> bool:
    """A section's head, its number then its name, no sentence (三 某某情况, 第一章 总则)."""
    from .zones import _NUMBERED  # (zones reads this module's channel pattern)
    return len(n) <= 40 and _NUMBERED.match(n) is not None and not SENT.search(n)


def _subtitle(page: Page, h: int) -> None:
    """The subtitle (副题) under the headline, or under its copy, right above the body's first
    paragraph (港擬建四新博物館 / 港擬建四新博物館 / 兩聚焦文物修復推廣歷史文化 /
    【中新社香港二日電】…): the story's own text, which no scorer may take for a menu item."""
    removed, normed = page.removed, page.normed
    # (from the headline's last showing above the body: a menu may show it first)
    last = max((j for j in range(h, page.first) if normed[j] == normed[h]), default=h)
    i = page.nb(last, 1)
    while i is not None and i in removed and removed[i].reason == "title":
        i = page.nb(i, 1)
    if i is None or i in removed or page.nb(i, 1) != page.first:
        return
    n = normed[i]
    if (len(_HAN.findall(n)) >= 6 and is_title_shape(n) and not _NOT_HEADLINE.search(n)
            and not _NEVER_HEADLINE.search(n) and not DATELINE_START.match(n)
            and not _NAMES.match(n) and not _kicker(page, i)):
        page.kept.add(i)


def _split_copies(page: Page, rid: str) -> set[int]:
    """The headline printed again over two or three lines (清涧县人民政府关于 / 袁家沟至…的通告,
    under its one-line showing in the page's title): short lines, no sentence, that together
    read as a head line shown above them (white space aside) are its copy, reason title.
    Returns the lines so copied."""
    normed, removed, filled = page.normed, page.removed, page.filled
    whole: dict[str, int] = {}
    for i in page.head():
        n = normed[i]
        if 10 <= len(n) <= 80 and not SENT.search(n) and i not in removed:
            whole.setdefault(_SPACE.sub("", n), i)
    copied: set[int] = set()
    if not whole:
        return copied
    for k, i in enumerate(filled):
        if i in removed or len(normed[i]) > 40 or SENT.search(normed[i]):
            continue
        joined = _SPACE.sub("", normed[i])
        for m in range(k + 1, min(k + 3, len(filled))):
            n = normed[filled[m]]
            if filled[m] in removed or len(n) > 40 or SENT.search(n):
                break
            joined += _SPACE.sub("", n)
            first = whole.get(joined)
            if first is None and len(joined) >= 16:
                first = _near_copy(joined, whole)
            if first is not None and first < i:
                for t in filled[k:m + 1]:
                    page.take(t, Proposal(rid, "title", "any"))
                copied.add(first)
                break
    return copied


_SPACE = twins.compile(r"\s+")


def _near_copy(joined: str, whole: dict[str, int]) -> int | None:
    """The head line that `joined` copies with a word or two changed (8万余名志愿者情暖蓉城 /
    成都社区志愿服务周… under 8万余名志愿者情暖蓉城 社区志愿服务周…): lengths within two
    characters and all but two of them in common, in order, the two no digits (2021年1月至9月
    under 2022年1月至9月 is a table's next row, not a copy)."""
    for w, first in whole.items():
        if abs(len(w) - len(joined)) <= 2 and w[:4] == joined[:4]:
            blocks = SequenceMatcher(None, w, joined, autojunk=False).get_matching_blocks()
            if sum(b.size for b in blocks) < max(len(w), len(joined)) - 2:
                continue
            kept = {k for b in blocks for k in range(b.b, b.b + b.size)}
            if not any(c.isdigit() for k, c in enumerate(joined) if k not in kept):
                return first
    return None


# the headline with its column label in front: 产业与政策丨…, 观点｜…, 专题: …; or with the
# year an essay farm puts before its title (2023年垃圾分类知识【五篇】 … 垃圾分类知识【五篇】)
# (or a site's name and a dash: 某某网网页版-某某圆满落幕, then 某某圆满落幕 further down;
# a post's badge glued on: 原创某某高速开工建设, then 某某高速开工建设 between paragraphs;
# a board's tag in brackets: [新聞] 某某…, the post's title over the story's)
# a short note in brackets or a field's label with its colon, before a copy of the headline
_NOTE_BEFORE = twins.compile(r"(?:[(\[【]\p{Han}{1,6}[)\]】]|\p{Han}{2,6}\s*:)\s*$")
_COLUMN = twins.compile(r"^\p{Han}{2,10}\s*[丨|｜:\-_]\s*$|^(?:19|20)\d{2}\s*年?度?\s*$"
                        r"|^(?:原创|转载|独家|置顶|精华|热门|图文)\s*$|^[\[【]\p{Han}{1,6}[\]】]\s*$")


# a breadcrumb's last part after its separator, the story's title, maybe cut short (…, ...)
_CRUMB_LAST = twins.compile(r"(?:>|»|›|→|/)\s*([^>»›→/]{8,80}?)\s*$")


_DIGITS = regex.compile(r"\d+")


def _han_and_figures(n: str) -> tuple[str, set[str]]:
    """A line's Han characters in order and its figures: what _cut_copy compares."""
    return "".join(_HAN.findall(n)), set(_DIGITS.findall(n))


def _cut_copy(n: str, han_h: str, digits_h: set[str]) -> bool:
    """n is the headline shown again with a word or two fewer: the first showing carried a
    spam farm's keyword or a column's name (北京今年计划完成义务植树300万株察隅矮柳 … 北京:今年
    计划完成义务植树300万株; 陈某真的为《你们》好 Array 列印 Array … 陈某真的为《你们》好).
    Its Han characters, eight or more, are three quarters of the headline's at least and
    follow them in order; its figures are the headline's (2021年1-9月… under 2022年1-9月… is
    another line); no sentence mark."""
    if len(n) < 8 or len(n) > 2 * len(han_h) + 8 or SENT.search(n):
        return False
    han, digits = _han_and_figures(n)
    if not 8 <= len(han) < len(han_h) or 4 * len(han) < 3 * len(han_h) or not digits <= digits_h:
        return False
    rest = iter(han_h)
    return all(c in rest for c in han)


def _cut_from(page: Page, h: int, head: list[int]) -> int | None:
    """A title-shaped head line above the headline, kept, that the headline copies with a word or
    two fewer (_cut_copy), the headline shown nowhere else: its first showing."""
    hn = page.normed[h]
    if page.normed.count(hn) > 1:
        return None
    for j in head:
        n = page.normed[j]
        if j >= h:
            break
        if (j not in page.removed and len(n) > len(hn) and is_title_shape(n)
                and _cut_copy(hn, *_han_and_figures(n))):
            return j
    return None


# a headline's copy may come wrapped in brackets or lose its quote marks
# (or markdown's bold stars around it: **某某马拉松报名将启动**)
_WRAP = regex.compile(r"^(?:[【\[](.+)[】\]]|\*\*(.+)\*\*)$")
_QUOTES = regex.compile(r"[“”\"「」『』]")
# what a copy of the headline may add or drop without being another line: the space, comma or
# colon between its halves (某某游貴州 清明…, 某某将启动,预计…, 某某落幕:中国…), a stray full stop
# after it (某某逝世 享壽98歲 .), a dash before it (——某某开始, as a subtitle would open); a
# 。 glued to it makes the line a sentence, the lead that opens with the headline's words
# (我校颁布某某办法,加大某某力度。): no copy
_LOOSE = regex.compile(r"\s*\.+\s*$|\s+。[\s.。]*$|^[—\-]+|[\s,:]+")


# what a picture's alt text glues to the headline it copies: a date, a counter, an upload's
# label in brackets (20241231某某开业(新闻投稿)138) — figures, marks and a few Han characters
_TAG_REST = regex.compile(r"^[\d\s()（）\[\]【】_\-.#|:]*"
                          r"(?:\p{Han}{1,4}[\d\s()（）\[\]【】_\-.#]*)?$")


_PICTURE_NO = regex.compile(r"^[(（]\s*图\s*\d{1,2}\s*[)）]$")


def _tagged_copy(n: str, headline: str) -> bool:
    """n is the headline (eight characters or more) with a date or a counter glued before or
    after it and at most an upload's short label: a picture's alt text, shown once a picture.
    Four figures at least (a part's number, 篇1 or (1), heads a part of the text), or a
    picture's number ((图2))."""
    if len(headline) < 8 or len(n) - len(headline) > 20:
        return False
    at = n.find(headline)
    rest = n[:at] + " " + n[at + len(headline):]
    if _PICTURE_NO.match(rest.strip()):   # 某某摘得2金4银(图1): a gallery's picture
        return True
    return sum(c.isdigit() for c in rest) >= 4 and bool(_TAG_REST.match(rest.strip()))


# a short label glued before the headline's first showing (a channel's 警政, a portal's 世界视讯!)
# and a column's tag in brackets after it (…【看世界·新闻早知道】); a copy's own note after it
# ((主题), as a paper marks its headline's parts)
_LABEL_BEFORE = twins.compile(r"^\p{Han}{2,6}[!:]?\s*$")
_TAG_AFTER = twins.compile(r"^\s*[【\[][^】\]]{2,16}[】\]]$")
_NOTE_AFTER = twins.compile(r"\s*[(（]\p{Han}{1,4}[)）]$")


def _labelled_first(n: str, headline: str) -> bool:
    """n is the headline as the page shows it first less the label or tag glued to it there,
    maybe with a short note of its own after it (夏粮产量…增加28.7亿斤(主题) under 世界视讯!夏粮
    产量…增加28.7亿斤): a copy. Twelve characters at least, so a short line the headline
    begins or ends with (a place, a name) is none."""
    core = _NOTE_AFTER.sub("", n)
    if len(core) < 12 or (len(core) >= len(headline) and core != headline):
        return False
    if core == headline:
        return core != n
    if headline.endswith(core):
        return bool(_LABEL_BEFORE.match(headline[:len(headline) - len(core)]))
    return headline.startswith(core) and bool(_TAG_AFTER.match(headline[len(core):]))


def _copy_of(a: str, b: str) -> bool:
    """Two head lines show one headline: the same, or (eight characters or more) the same but
    for brackets around it, quote marks (“十四五”时期… and 十四五时期…), the marks between its
    halves and a stray stop after it (_LOOSE)."""
    return a == b or (len(a) >= 8 and _bare_title(a) == _bare_title(b))


# (each head line is compared with every other one; a page's head fits in the cache, and pages
# share few lines, so a second run over the same pages gains nothing from it)
@functools.lru_cache(maxsize=64)
def _bare_title(n: str) -> str:
    """A headline line without the brackets or bold marks around it, quote marks, the marks
    between its halves and a stray stop after it."""
    m = _WRAP.match(n)
    return _LOOSE.sub("", _QUOTES.sub("", (m.group(1) or m.group(2)) if m else n))


def _crumb_title(n: str) -> str:
    """The last part of a breadcrumb when it reads like a title (8 characters or more, not a
    channel's name; cut short, it ends in …), else ''."""
    m = _CRUMB_LAST.search(n)
    if m is None:
        return ""
    t = m.group(1)
    if t.endswith(("...", "…", "..")):
        t = t.rstrip(".…") + "\u2026"
    return t if len(t) >= 8 and not _CHANNEL.search(t) else ""


@functools.lru_cache(maxsize=8)
def _label_pattern(words: tuple[str, ...]) -> Any:
    """A channel's label: a short name ending in one of the words (公司新闻, 最新消息)."""
    if not words:
        return None
    alt = "|".join(sorted(map(regex.escape, words), key=len, reverse=True))
    return twins.compile(rf"^(?=.{{2,8}}$)\p{{Han}}{{0,6}}(?:{alt})$")


def _column_copy(n: str, headline: str) -> bool:
    """n is the headline without the column label or year it carries (a journal mirror prints
    the paper's title again under the column-prefixed headline)."""
    return (len(n) >= 8 and headline.endswith(n) and len(headline) > len(n)
            and bool(_COLUMN.match(headline[: len(headline) - len(n)])))


# the site's name after the headline, as a page's <title> shows it: … - RTHK, …-香港商报,
# …_城市网, … | 某某新闻网 (a short name, no sentence, no date); or an old CMS's rating
# stars after it (…斩获佳绩   ★★★)
# (or a chain of them, a <title>'s channel and site names: -行业动态-某某养老设计_专注养老院设计!)
# (a stray ? after it: the character a scraper could not decode)
_SITE_SUFFIX = twins.compile(r"^(?:\s*[-_|–—]{1,2}\s*[\p{Han}A-Za-z]"
                             r"[\p{Han}A-Za-z0-9 .!]{1,23}){1,8}(?:\s*\?)?$"
                             r"|^\s*[★☆]{1,5}$")
# …and after a headline shown first alone, only a bar or underscore and a site's name, or a
# hyphen with a space each side (某某標題 - 天天要聞); a dash run on may go on with a subtitle
# (老街改造迎来新进展——今年已完成…)
_SITE_BAR = twins.compile(r"^\s*[|_｜]\s*[\p{Han}A-Za-z][\p{Han}A-Za-z .]{1,15}$"
                          r"|^\s+[-–]\s+[\p{Han}A-Za-z][\p{Han}A-Za-z]{1,15}$")


def _site_copy(n: str, headline: str, suffix: Any = _SITE_SUFFIX) -> bool:
    """n is the headline with the site's name after it (the first showing of a page whose
    headline is printed again under its menu; with suffix=_SITE_BAR, the copy under it)."""
    return (len(headline) >= 8 and len(n) > len(headline) and n.startswith(headline)
            and bool(suffix.match(n[len(headline):])))


# a page's part mark after its headline, …怎么样了?(2): the copies may show it or not
_PART = twins.compile(r"\s*[(（]\d{1,2}[)）]$")


def part_stem(n: str) -> str:
    """n without a part mark (2) at its end."""
    return _PART.sub("", n)


# a document farm's preview: one image per page, each captioned 标题_第2页
_PAGE = twins.compile(r"[_\s-]*第\s*\d{1,3}\s*页$")


def _page_copy(n: str, headline: str) -> bool:
    """n is the headline with another page number after it (…报告_第1页 … …报告_第2页)."""
    if not n.endswith("页"):    # _PAGE ends with 页$ (a normal form holds no newline)
        return False
    stem = _PAGE.sub("", n)
    return len(stem) >= 8 and stem != n and stem == _PAGE.sub("", headline)


def _same_headline(page: Page, i: int, h: int | None) -> bool:
    return h is not None and page.normed[i] == page.normed[h]


def kept_with(page: Page, i: int) -> bool:
    """Line i stays with the page's headline (its kicker or subtitle), or is the page's own
    first line shaped like a long headline (a repost's title over the mirrored page's menus)."""
    if _kept_with(page, i, page.headline) or _first_title(page, i):
        return True
    # the middle line of a headline over three lines (我市隆重纪念… / 百名优秀女性 /
    # 加冕“巾帼功勋”): a title-shaped line between the page's first title and the headline
    h, n = page.headline, page.normed[i]
    above = page.nb(i, -1)
    return (h is not None and page.nb(h, -1) == i and above is not None
            and above not in page.removed and _first_title(page, above)
            and len(_HAN.findall(n)) >= 5 and is_title_shape(n)
            and not _CHANNEL.search(n) and not _NOT_HEADLINE.search(n))


def _first_title(page: Page, i: int) -> bool:
    n = page.normed[i]
    # only blank lines or a removed date stamp above it (2026年3月9日 星期一)
    above = all(not page.normed[j] or (j in page.removed and page.removed[j].reason == "metadata")
                for j in range(i))
    return (above and 12 <= len(n) <= 40
            and is_headline_shape(n) and not _NOT_HEADLINE.search(n)
            and not _NEVER_HEADLINE.search(n) and len(_HAN.findall(n)) >= 8
            # not a breadcrumb, keyword list or a bar of site names
            and not _BAR_OR_SITE.search(n) and n.count(" ") <= 1
            and not _CHANNEL.search(n))


def _kept_with(page: Page, i: int, h: int | None) -> bool:
    """A line the headline detector chose that stays with the headline as article text: a
    kicker (引题) right above it or a subtitle (副题, ——记…) right under it — not a channel
    label (综合新闻, 即时新闻: short, or named like a column)."""
    if h is None or i == h:
        return False
    n = page.normed[i]
    if page.nb(h, 1) == i:
        return n.startswith(("—", "--", "-"))
    return (
        page.nb(h, -1) == i
        and len(n) >= 8
        and not _CHANNEL.search(n)
        and not _NOT_HEADLINE.search(n)
    )


def _the_headline(page: Page, chosen: list[int]) -> int | None:
    """The headline among the candidates: the last (nearest the body), less a subtitle under
    it; of several copies of it, the first."""
    if not chosen:
        return None
    h = chosen[-1]
    above = page.nb(h, -1)
    if (page.normed[h].startswith(("—", "--", "-")) and above is not None
        and above not in page.removed
            and is_title_shape(page.normed[above])):  # 守护古桥四十年 / ——记市级非遗传承人周德林
        return above
    return page.normed.index(page.normed[h])    # its first showing
