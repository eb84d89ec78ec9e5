"""Lists of other stories' headlines around the article, judged over the whole page.

An e-paper page prints the headlines of every story on the same newspaper page, before the
article (标题导航) or after it (本版其他新闻); a portal prints its hot list (今日热点) above the
story and its ranking under it. One headline a line, with no sentence punctuation, several in
a row: by shape alone they look like the article's own headline and subtitle, so they are
judged by their number and their place. Each pass is switched on by a rule entry and
reports its id: the plain lists and the smaller passes of each end under epaper.story_list
and story_list_tail; between, widgets, units, cards and bulleted under entries of their own
(related.list_between, related.widget_list, related.read_more_teasers, related.story_cards,
navigation.bulleted_stories, related.bulleted_stories).

- head: a run of `min_lines`+ headline-shaped lines opened by a list label (今日热点,
  本地要闻) above the article's own headline is navigation, with the label and a channel
  label left between the list and the headline. (A run that touches the page top or removed
  furniture is zones.menu_run's.)
- tail: a run of `min_lines`+ headline-shaped lines after the last paragraph, under
  furniture the rules removed (上一篇 下一篇, 返回目录, 下转第2版) or under a list label
  (今日关注, 本地要闻), is related, with its label. (Shorter runs with dates or repeats in
  them are zones.bullet_list's.) A tail headline may hold ! and ? (never 。 or ;); one the
  paragraph finder took for the last paragraph, right under removed furniture (the article's
  closing credit, (中央社)), is the list's first item.
- stamped: below the first paragraph, 3+ headlines each right over its own time stamp (maybe
  with its count of reads: 2025年04月28日 • 8万次阅读), only removed lines between the pairs,
  after the last paragraph or running to the page's end, are related with their stamps; such
  a headline may hold ! ? and commas (the stamps show the list).
- below: a list of 4+ headlines under removed furniture, below the line the title stage took
  for the headline and above a headline-shaped line over the body, moves the headline down
  to that line, when the line on top is a paper's or site's name (over the date line) or
  the new headline is one of the list's items.
- dated: a head list whose items each stand over a date line, ending in one undated
  headline right above the body: the dated items are navigation, the undated one the headline.
- strip: one head line holding `min_lines`+1 headlines cut by spaces (the e-paper's scrolling
  list of the day's stories) is navigation.
- between: a header standing between two paragraphs opens its block. A header that names
  other stories (相关新闻, 推荐阅读) takes the headlines under it (bulleted, dated or not) and
  the article may go on below them; whole teasers only when the block runs to the page's end.
  A widget's title (热点图片, 最新专题) takes its lines only when a bullet or a teaser cut short
  with `...` shows a widget: a cut teaser holds 。 and counts as a paragraph, so a widget list
  ending in one leaves its title between paragraphs. Headers that also introduce a body's
  own background box (相关链接, 延伸阅读) are left.
- middle block: a related header's block between two paragraphs (zones.related_block) that
  took, right under its last headline, its one line of whole sentences ending in 。 with the
  article's next paragraph right below, gives that line back: one teaser is no list of
  teasers (headline and teaser pairs are).
- pasted: a second story pasted under a header naming other stories, or under a link line
  with its headline (□相关新闻 / headline, 链接:headline): its headline and subheads, then
  its own dateline or reporter line (某某网3月8日讯, 某某日报记者…), and its paragraphs to
  the page's end are related. Without that dateline or reporter line a 链接 box is the
  article's own background and stays.
- units: a related list whose items are teasers, each between a mark and its removed 阅读全文
  line (- / teaser / 2025-08-12阅读全文>>): two or more such teasers running to the page's end,
  nothing else left between them, are related (a teaser holds 。 and was taken for a paragraph).
  In the tail a teaser cut short with `...` right under a related line is that list's.
- cards: a portal's next-story cards under removed furniture in the tail, each a headline over
  its outlet's short name (a Latin brand, 某某日报): two or more pairs are related.
- channel: a news section's name alone on its line in the head (時事, 社會事, 聚焦, 要闻) next to
  furniture the rules removed or to the headline (the section the page sits in, shown between
  the headline and its copy, over the headline or under the site's logo) is navigation; a word
  or two at the page's top with only text around them stay (too little to tell a menu).
- bulleted: an e-paper's story list in the head, each item led by `·`, a long item wrapped
  onto a second line without the bullet (· 中国将在现有法律框架内 / 严格控制死刑适用): `min_lines`+
  items under removed furniture or at the page top are navigation, each with its second line
  (a line is a second line only when an item or removed furniture follows it, so the
  headline right above the body is never taken). A list line the title stage took for the
  headline gives the headline back to the first line under the list. In the tail, the
  same list under removed furniture or its label is related.

- head block: a related header's block above the body that runs down to the first paragraph
  (or into it), nothing kept between, gives back its last line when that is headline-shaped
  (the article's headline or subheading over its first paragraph), and all its lines when it
  holds a teaser (the article's lead): a block opened above the body never runs into it.

Never between paragraphs; the body's own lists stay: a list introduced by a line ending in a
colon (获奖项目名单如下：) is the body's, and so is one standing right under the last paragraph
with no furniture or label between them. No pass runs on a page told a clause a line (a
parent's blog: short lines without a full stop, several opened by 但, 于是, 所以, 接着): its
lines are a story, however much they look like a list of headlines.
"""
from __future__ import annotations

import re
from typing import Any

from . import twins
from .detectors import Proposal
from .marks import DOT_ITEM, LEAD, OUTLET_ENDS, outlet_alternation, trails_off
from .page import Page
from .shapes import (
    _DATELINE,
    _HAN,
    _NOT_HEADLINE,
    CHAPTER,
    NUMBERED_HEADING,
    SENT,
    han_at_least,
    is_headline_shape,
)
from .zones import table_cells

# a list's label: a short name ending in a list word (今日热点, 本地要闻, 热门排行)
_LABEL = twins.compile(r"^[【\[▍▌■●◆>»\s]*\p{Han}{0,6}(?:热点|要闻|新闻|推荐|导读|头条|快讯|排行|"
                       r"关注|资讯|焦点|动态|速览|精选|热榜|榜单)[】\]]?\s*(?:>+|更多\s*>*)?$")
# a date or time closing a list item: 2024-03-08, (03-08), 10:21
_ITEM_DATE = twins.compile(r"\s*[(\[]?(?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}"
                           r"(?:\s+\d{1,2}:\d{2})?[)\]]?$")
_SPLIT = twins.compile(r"\s+")


# a row of a chart's data, its label then its share after a space (2 新成立獎 / 助學金 23%)
_SHARE_END = twins.compile(r"\s[-+]?\d[\d,]*(?:\.\d+)?\s?%$")
# a headline's stops when ! and ? are allowed in it
_STOP = re.compile(r"[。;]")
# a clause opened by a connective (但, 于是, 所以, 接着): a story told a clause a line, as a blog
# sets it, not a headline — a list of other stories' headlines holds few or none of them
_CONNECTIVE = re.compile(r"^(?:但(?!丁)|于是|而(?![立今])|只好|因为|所以|并且|接着|然后|可是|"
                         r"不过|因此|而且|虽然|后来|其实|也(?!门))")


def item(n: str, max_len: int = 60, marks: bool = False) -> bool:
    """A headline of a list: 6 to `max_len` characters, no sentence punctuation, no comma
    (headlines cut their clauses with spaces), no label, numbered head or dateline, no
    table cell closed by its bar (同比增长(%) |). `marks`: a headline's ! and ? allowed (never
    。 or ;)."""
    if n[-1:] in ")]" or n[-1:].isdigit() or "\n" in n:   # where _ITEM_DATE may match
        n = _ITEM_DATE.sub("", n)
    return (6 <= len(n) <= max_len and not (_STOP if marks else SENT).search(n)
            and "," not in n and "、" not in n[-1:]
            and not n.endswith((":", "：", "|")) and han_at_least(n, 4)
            and not _NOT_HEADLINE.search(n) and not _DATELINE.search(n)
            and not _SHARE_END.search(n))


def exclaimed(lines: list[str]) -> bool:
    """Five headlines or more, three of them exclaiming (新店發生死亡車禍! …): a portal's list of
    other stories with no header; an article's own list items neither run so long without a
    comma nor shout."""
    return len(lines) >= 5 and sum("!" in n for n in lines) >= 3


def _long_headlines(page: Page, run: list[int], before: int) -> bool:
    """Five headlines or more right under the body, most of them headline-long (14+
    characters: 某地发布某某办法 为某某集聚人才), the last paragraph no colon that announces
    them: a portal's list of other stories with no header. An article's own list runs shorter
    items (项目, 活动 names) or is announced (以下活动：)."""
    if len(run) < 5 or page.normed[before].endswith((":", "：")):
        return False
    lines = [page.normed[i] for i in run]
    return (5 * sum(len(n) >= 14 for n in lines) >= 3 * len(lines)
            and not any(_outline_head(n) for n in lines) and not _own_words(page, run))


def _own_words(page: Page, run: list[int]) -> bool:
    """A third of the items or more say a third of their pairs of Han characters in the article's
    paragraphs: the article's own lines (a ceremony's captions, 评审委员会评点获奖作品, under a
    paragraph on 评审委员会 and 获奖作品), not other stories, which share next to none."""
    body = _body_pairs(page)
    own = 0
    for i in run:
        pairs = _bigrams(page.normed[i])
        own += bool(pairs) and 3 * len(pairs & body) >= len(pairs)
    return 3 * own >= len(run)


def _cut_short(page: Page, run: list[int]) -> bool:
    """Three headlines or more right under the body, cut short with dots (涿鹿中学举行纪念..
    / 全省“百强作品”..): a list of other stories whose titles the site cut to fit a box; a
    title short enough to fit stays whole, so half the run cut is enough."""
    cut = sum(page.normed[i].endswith(("..", "…")) for i in run)
    return cut >= 3 and 2 * cut >= len(run)


_HAN_RUN = twins.compile(r"\p{Han}+")


def _outline_head(n: str) -> bool:
    """A numbered item or heading of the article's own outline (1. …, 3.2 主要指标, 三、…,
    第二章): the shapes the module and the shape tests already know."""
    return bool(_NUMBERED.match(n) or NUMBERED_HEADING.match(n) or CHAPTER.match(n))


def _bigrams(text: str) -> set[str]:
    return {run[k:k + 2] for run in _HAN_RUN.findall(text) for k in range(len(run) - 1)}


def _body_pairs(page: Page) -> set[str]:
    """The pairs of Han characters the article's paragraphs say."""
    return set().union(*(_bigrams(page.normed[i]) for i in page.anchors))


def foreign(page: Page, run: list[int], least: int = 5) -> bool:
    """`least` headlines or more under the body that share next to no words with the article
    (of each item's pairs of Han characters at most a quarter are in the paragraphs, for two
    items in three at most a tenth, and about a twentieth on average): a portal's list of
    other stories with no header left to name it.
    An article's own closing list (its winners, its sections, its outline) speaks of what the
    article does, in its words; and an outline's numbered heads are never taken."""
    if len(run) < least or len(page.anchors) < 2:
        return False
    if sum(_outline_head(page.normed[i]) for i in run) * 4 > len(run):
        return False
    body = _body_pairs(page)
    shares = []
    for i in run:
        pairs = _bigrams(page.normed[i])
        if len(pairs) < 4:
            return False    # too short to tell (a name, a label)
        shares.append(len(pairs & body) / len(pairs))
    return (max(shares) <= 0.25 and sum(s <= 0.1 for s in shares) * 3 >= 2 * len(shares)
            and sum(shares) <= 0.06 * len(shares))


def _foreign_tail(page: Page, rule_id: str) -> None:
    """Every line kept after the last paragraph a headline (a comma allowed: 2020,某地迎来…),
    five or more with those of a related list the rules took there, and all foreign to the
    article (`foreign`): other stories, to the page's end."""
    rest = [i for i in range(page.last + 1, len(page.lines))
            if page.normed[i] and (i not in page.removed or page.reason(i) == "related")]
    kept = [i for i in rest if i not in page.removed]
    if not kept or len(rest) < 5 or not table_cells(page).isdisjoint(rest):
        return
    # (bulleted points and short broken lines under the body are the article's own:
    # _bulleted_tail judges a bulleted list)
    if any(len(page.normed[i]) < 9 or LEAD.match(page.normed[i]) for i in kept):
        return
    if all(item(page.normed[i].replace(",", " "), marks=True) for i in kept) and foreign(
            page, rest):
        for i in kept:
            page.take(i, Proposal(rule_id, "related", "tail"))


def _label(n: str) -> bool:
    return len(n) <= 10 and bool(_LABEL.match(n)) and not SENT.search(n)


# an item's date on its own line under it (2024-03-08, 03-08 10:21), which the rules removed
# a list item's date (2024-03-08, 03-08, 2024年3月8日), maybe in brackets: _DATE_LINE, _STAMP_LINE
_DAY = r"^[(\[]?(?:(?:19|20)\d{2}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?"
_DATE_LINE = twins.compile(_DAY + r"(?:\s+\d{1,2}:\d{2})?[)\]]?$")


def _runs(page: Page, lines: list[int], taken: bool = False, least: int = 1,
          marks: bool = False) -> list[list[int]]:
    """Runs of consecutive (blank lines and removed date lines aside) list items among
    `lines`, none removed (`taken`: or removed as navigation, above a headline); none when
    `lines` are fewer than the `least` a caller's run needs (no line is judged)."""
    if len(lines) < least:
        return []
    runs: list[list[int]] = []
    prev = None  # the last item of the open run
    for i in lines:
        if i in page.removed and _DATE_LINE.match(page.normed[i]) and prev is not None:
            continue
        ok = (i not in page.removed or (taken and page.reason(i) == "navigation")) and item(
            page.normed[i], marks=marks)
        if ok and prev is not None and all(
                not page.normed[k] or (k in page.removed and _DATE_LINE.match(page.normed[k]))
                for k in range(prev + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i] if ok else [])
        prev = i if ok else None
    return [r for r in runs if r]


def _told(page: Page) -> bool:
    """The page tells its story a clause a line (a blog's way): of its standing lines with no
    full stop, two or more, and at least one in eight, are opened by a connective (但…,
    于是…, 所以…). Its lines are no list of other stories' headlines, however short."""
    clauses = [n for i, n in enumerate(page.normed)
               if n and i not in page.removed and "。" not in n]
    told = sum(1 for n in clauses if _CONNECTIVE.match(n))
    return told >= 2 and 8 * told >= len(clauses)


# the passes with a rule entry of their own (its `detector:`), beside the two that hold the
# plain lists and the smaller passes of each end (story_lists, story_lists_tail)
PASSES = ("related_between", "widget_list", "teaser_units", "story_cards", "bulleted_list",
          "bulleted_list_tail")


def story_lists(page: Page, rules: dict[str, tuple[str, int]], where: str = "head",
                channel: Any = None) -> None:
    """The passes of the module docstring at one end of the page, `where` head (navigation)
    or tail (related). `rules`: detector name → (rule id, min_lines) of the passes switched on
    (story_lists, story_lists_tail and PASSES); each pass reports its own rule's id.
    `channel`: the compiled pattern of a channel's name (the rule marked `in_head`), for the
    channel pass."""
    if not page.anchors or _told(page):  # a page with no paragraph is menu_run's
        return
    if where == "head":
        if "story_lists" in rules:
            rule_id, min_lines = rules["story_lists"]
            _strip(page, rule_id, min_lines)
            if channel is not None:
                _channel(page, rule_id, channel)
        if "bulleted_list" in rules:
            _bulleted(page, *rules["bulleted_list"])
        if "story_lists" in rules:
            _question_index(page, rules["story_lists"][0])
            _head(page, *rules["story_lists"])
        if "related_between" in rules:
            _block_into_body(page)
        return
    if "related_between" in rules:
        _block_teasers(page)
    if "related_between" in rules or "widget_list" in rules:
        _between(page, rules.get("related_between", ("", 0))[0],
                 rules.get("widget_list", ("", 0))[0])
    if "related_between" in rules:
        _pasted(page, rules["related_between"][0])
    if "story_cards" in rules:
        _cards(page, rules["story_cards"][0])
    if "teaser_units" in rules:
        rule_id = rules["teaser_units"][0]
        _units(page, rule_id)
        _cut_in_tail(page, rule_id)
    if "bulleted_list_tail" in rules:
        _bulleted_tail(page, *rules["bulleted_list_tail"])
    if "story_lists_tail" in rules:
        _tail(page, *rules["story_lists_tail"])
        _stamped(page, rules["story_lists_tail"][0])


def _block_into_body(page: Page) -> None:
    """head block: a related header's block above the body (相关新闻 / headlines) that runs
    down to the first paragraph or into it, nothing kept between: the block's last line over
    the paragraph, a headline shape, is the article's headline or subheading; and a teaser in
    the block (the article's lead taken for a teaser) shows the block ran over the article's
    start: its lines go back to the body, the header alone stays removed."""
    f = page.first
    n = page.normed[f]
    if f == 0 or len(n) < 30 or not (SENT.search(n) or "," in n):
        return      # (a paragraph the excerpt cut before its stop holds commas only)
    # the header: a short related line in the head, the first of its rule, opening a block
    # of its rule's lines (other removed lines between) that reaches the first paragraph
    for h in page.head():
        r = page.removed.get(h)
        if r is None or r.reason != "related" or len(page.normed[h]) > 20 or item(page.normed[h]):
            continue
        block: list[int] = []
        k = page.nb(h, 1)
        while k is not None and k in page.removed:
            if page.removed[k].rule == r.rule:
                block.append(k)
            k = page.nb(k, 1)
        if not block or (k is not None and k < f):   # a line kept between: the block stopped
            continue
        lead = any(len(page.normed[i]) >= 40 and (SENT.search(page.normed[i])
                                                  or "," in page.normed[i]) for i in block)
        over = [i for i in block if i < f]
        back = block if lead else (
            [over[-1]] if over and is_headline_shape(page.normed[over[-1]], 60) else [])
        places = page.places()
        for i in back:
            # (a line the page showed above — the headline again under 相关推荐 — stays a copy)
            if page.filled[places[page.normed[i]][0]] == i:
                del page.removed[i]
        return


def _block_teasers(page: Page) -> None:
    """middle block: a related header's block between two paragraphs took, under its
    headlines, one line of whole sentences ending in 。 with the article going on right below
    it: with no other teaser in the block (headline and teaser pairs make a list of teasers),
    that line is the article's paragraph."""
    header: dict[str, int] = {}      # a block's rule → its header's line
    sentences: dict[str, list[int]] = {}
    for i in range(page.first + 1, page.last):
        r = page.removed.get(i)
        if r is None or r.reason != "related":
            continue
        n = page.normed[i]
        if len(n) <= 20 and not SENT.search(n):
            header.setdefault(r.rule, i)
        elif r.rule in header and SENT.search(n):
            sentences.setdefault(r.rule, []).append(i)
    for rule, found in sentences.items():
        if len(found) != 1:
            continue
        i = found[0]
        before, after = page.nb(i, -1), page.nb(i, 1)
        # under the block's headline, and a paragraph of the article right below
        if (len(page.normed[i]) >= 20 and page.normed[i].endswith("。")
                and before is not None and before in page.removed
                and page.removed[before].rule == rule and not SENT.search(page.normed[before])
                and after is not None and after <= page.last and after not in page.removed):
            del page.removed[i]


def _strip(page: Page, rule_id: str, min_lines: int) -> None:
    top = page.headline if page.headline is not None else page.first
    for i in range(top):
        n = page.normed[i]
        if not n or i in page.removed or len(n) < 40 or SENT.search(n):
            continue
        parts = [p for p in _SPLIT.split(n) if p]
        if len(parts) > min_lines and all(4 <= len(p) <= 30 and len(_HAN.findall(p)) >= 2
                                          for p in parts):
            page.take(i, Proposal(rule_id, "navigation", "head"))


# a paper's or site's name the title stage may take for the headline (it stands above the
# date line): 江州日报数字报, 港都日报电子报, 城市新闻网
_SITE = twins.compile(outlet_alternation() + "$")


def _below(page: Page, rule_id: str, min_lines: int) -> None:
    """The headline was placed above the list (a paper's name over the date line): a list of
    4+ headlines under removed furniture, with a headline-shaped line between it and the body
    (maybe a copy of one of its items, taken away as a repeat), shows the headline is that
    line; the name on top is furniture."""
    h = page.headline
    if h is None:
        return
    for run in _runs(page, [i for i in range(h + 1, page.first) if page.normed[i]],
                     least=min_lines):
        before = page.nb(run[0], -1)
        # under the headline's copy, not under furniture: the article's own list (a ranking,
        # its contents) whose first item heads the first section
        if (len(run) < min_lines or before is None or before not in page.removed
                or page.reason(before) == "title"):
            continue
        texts = {page.normed[i] for i in run}
        after = [k for k in range(run[-1] + 1, page.first) if page.normed[k]
                 and (k not in page.removed or page.normed[k] in texts)]
        if not after or not item(page.normed[after[0]]):
            continue
        new, n = after[0], page.normed[h]
        site = h not in page.removed and len(n) <= 20 and bool(_SITE.search(n))
        # the name on top, or the story's own headline among the list's: else the lines under
        # the headline may be the article's own (short lines before its first paragraph)
        if not site and page.normed[new] not in texts:
            continue
        page.removed.pop(new, None)
        for k in run:
            page.take(k, Proposal(rule_id, "navigation", "head"))
        if site:
            page.take(h, Proposal(rule_id, "navigation", "head"))
        page.headline = new
        page.found["title"] = [(new, page.lines[new].strip())]
        return


def _copy_above(page: Page) -> None:
    """The story's own headline is one of the list's items and is shown again right above the
    line taken for the headline (its subtitle): the repeat pass took that copy away as a
    repeat of the list's item; it is the headline."""
    h = page.headline
    k = None if h is None else page.nb(h, -1)
    if k is None or k not in page.removed:
        return
    n = page.normed[k]
    if not item(n) or not any(page.normed[j] == n and j in page.removed for j in range(k)):
        return
    if _label(n):
        return  # a channel's label shown twice (产业集团要闻 / 产业集团要闻) heads no story
    del page.removed[k]
    page.headline = k
    page.found["title"] = [(k, page.lines[k].strip())]


def _dated(page: Page, rule_id: str, min_lines: int) -> None:
    """A head list whose items each stand over their date line (removed), running into one
    more headline with no date under it, right above the body: the dated lines are the list
    (the title stage may have taken the last of them, above a date, for the headline), the
    undated one is the article's headline."""
    for run in _runs(page, [i for i in range(page.first) if page.normed[i]], taken=True,
                     least=min_lines + 1):
        if len(run) <= min_lines or run[-1] in page.removed:
            continue
        dated = [i for i in run[:-1] if (j := page.nb(i, 1)) is not None and j in page.removed
                 and _DATE_LINE.match(page.normed[j])]
        last = run[-1]
        below = page.nb(last, 1)
        if (len(dated) < min_lines or len(dated) < len(run) - 1 or below is None
                or below in page.removed or below != page.first):
            continue
        before = page.nb(run[0], -1)
        label = before is not None and before not in page.removed and _label(page.normed[before])
        for k in ([before] if label and before is not None else []) + dated:
            if k not in page.removed:
                page.take(k, Proposal(rule_id, "navigation", "head"))
        page.headline = last
        page.found["title"] = [(last, page.lines[last].strip())]
        return



def _fragment(n: str) -> bool:
    """A headline or part of one: short, no sentence punctuation, no field colon."""
    return (2 <= len(n) <= 40 and not SENT.search(n) and ":" not in n
            and len(_HAN.findall(n)) >= 2)


# a list item's closing time, (07:57), and a headline's speaker before its colon (交通局:…)
_ITEM_TIME = twins.compile(r"\s*\(\d{1,2}:\d{2}\)$")
_SPEAKER = twins.compile(r"^[^:\d]{1,8}:(?=[^:]*$)")


def _bullet_item(n: str) -> bool:
    """A bulleted headline: a fragment, its closing time and a speaker's colon allowed (HK
    and Macao lists: • 交通局:巴士新支付方式首日運作暢順, • 未來1小時料有雷雨(07:57)); a field
    (• 電話:2833 1234) has too few Han characters after its colon to pass."""
    n = _ITEM_TIME.sub("", n)
    m = _SPEAKER.match(n)
    if m and len(_HAN.findall(n[m.end():])) >= 6:
        n = n[:m.end() - 1] + " " + n[m.end():]
    return _fragment(n)


def _bullet_runs(page: Page, lines: list[int], taken: str, end_ok: bool,
                 least: int = 1) -> list[tuple[list[int], int]]:
    """Runs of bulleted items among `lines` (each with its wrapped second line) and the number
    of items in each; a line removed with reason `taken` may stand in a run (a menu pass may
    have taken the list's top already). `end_ok`: a second line may close `lines`; `least`:
    the items a caller's run needs."""
    out: list[tuple[list[int], int]] = []
    if len(lines) < least:   # (a run holds at most as many items as lines)
        return out
    pos = 0
    while pos < len(lines):
        run: list[int] = []
        items, j = 0, pos
        while j < len(lines):
            k, n = lines[j], page.normed[lines[j]]
            if k in page.removed and page.reason(k) != taken:
                break
            if DOT_ITEM.match(n) and _bullet_item(DOT_ITEM.sub("", n)):
                run.append(k)
                items += 1
            elif (run and run[-1] == lines[j - 1] and DOT_ITEM.match(page.normed[run[-1]])
                  and _fragment(n) and (j + 1 < len(lines) or end_ok)
                  and (j + 1 == len(lines) or DOT_ITEM.match(page.normed[lines[j + 1]])
                       # (furniture under it, not a stamp: a line over its 发布日期 is the
                       # headline under the crumb's last item)
                       or (lines[j + 1] in page.removed
                           and page.reason(lines[j + 1]) != "metadata"))):
                run.append(k)  # the wrapped second line of the item above
            else:
                break
            j += 1
        if run:
            out.append((run, items))
        pos = max(j, pos + 1)
    return out


# an item of a numbered list: its number, its text
_NUMBERED = twins.compile(r"^(\d{1,2})[.、]\s*(\S.{3,39})$")
# the items a question index needs (1.… 2.… 3.… 4.…)
_INDEX_ITEMS = 4


def _question_index(page: Page, rule_id: str) -> None:
    """A Q&A page's index of questions at its top, numbered from 1 (1.奥运会共设多少枚金牌 /
    2.… / 8.…), with the first question printed again right under it as the page's heading:
    the index is the site's navigation, the heading and its answer the article. A body's own
    numbered list does not repeat its first item, without its number, as the next line."""
    filled = page.filled
    run: list[tuple[int, str]] = []
    for i in filled:
        m = _NUMBERED.match(page.normed[i])
        if not m or int(m.group(1)) != len(run) + 1 or "。" in m.group(2) \
                or i in page.removed:       # (a question may end in its ?)
            break
        run.append((i, m.group(2)))
    if len(run) < _INDEX_ITEMS or run[0][0] != filled[0]:
        return
    nxt = page.nb(run[-1][0], 1)
    if nxt is None or page.normed[nxt] != run[0][1]:
        return
    for i, _ in run:
        page.take(i, Proposal(rule_id, "navigation", "head"))
    if page.headline is None or page.headline in (i for i, _ in run):
        page.headline = nxt
        page.found["title"] = [(nxt, page.lines[nxt].strip())]


# the items a bulleted head list needs to take the short line above it as its heading
_HEADED_ITEMS = 5


def _bulleted(page: Page, rule_id: str, min_lines: int) -> None:
    """The bulleted pass of the module docstring, in the head."""
    head = [k for k in range(page.first) if page.normed[k]]
    for run, items in _bullet_runs(page, head, "navigation", end_ok=False, least=min_lines):
        before = page.nb(run[0], -1)
        # a long list's own heading as the page's first line (二級機構 over its 50 branches)
        heading = (before is not None and before not in page.removed and before != page.headline
                   and page.nb(before, -1) is None and items >= _HEADED_ITEMS
                   and len(page.normed[before]) <= 8 and not SENT.search(page.normed[before]))
        if (items >= min_lines and (before is None or before in page.removed or heading)
                and any(k not in page.removed for k in run)):
            top = [before] if heading and before is not None else []
            _take_bulleted(page, rule_id, top + run)


def _bulleted_tail(page: Page, rule_id: str, min_lines: int) -> None:
    """A bulleted list after the last paragraph, under removed furniture or its label."""
    tail = [k for k in range(page.last + 1, len(page.lines)) if page.normed[k]]
    for run, items in _bullet_runs(page, tail, "related", end_ok=True, least=min_lines):
        before = page.nb(run[0], -1)
        if items < min_lines or before is None or before <= page.last:
            continue
        label = before not in page.removed and _label(page.normed[before])
        if before not in page.removed and not label:
            continue
        for k in ([before] if label else []) + run:
            if k not in page.removed:
                page.take(k, Proposal(rule_id, "related", "tail"))


def _take_bulleted(page: Page, rule_id: str, run: list[int]) -> None:
    for k in run:
        if k not in page.removed:
            page.take(k, Proposal(rule_id, "navigation", "head"))
    found = page.headline is None   # (a list at the page's top hid the headline under it)
    if not found and page.headline not in run:
        return
    # the title stage took a list line for the headline (one the story's headline repeats),
    # or none: the headline is the first line left under the list, its copy below is the
    # headline's
    texts = {page.normed[k] for k in run}
    new = next((k for k in range(run[-1] + 1, page.first)
                if page.normed[k] and k not in page.removed), None)
    if found and (new is None or not is_headline_shape(page.normed[new], 60)):
        return
    page.headline = new
    if new is None:
        page.found.pop("title", None)
        return
    page.found["title"] = [(new, page.lines[new].strip())]
    for k in range(new + 1, page.first):
        if k in page.removed and page.reason(k) == "title" and page.normed[k] in texts:
            del page.removed[k]


def _channel(page: Page, rule_id: str, channel: Any) -> None:
    """The channel pass of the module docstring; `channel` matches a section's name alone
    (navigation.channel_label's pattern)."""
    h = page.headline
    for i in range(page.first):
        n = page.normed[i]
        if not n or i in page.removed or i == h or not channel.match(n):
            continue
        for k in (page.nb(i, -1), page.nb(i, 1)):
            if k is not None and (k in page.removed or k == h or (
                    h is not None and page.normed[k] == page.normed[h])):
                page.take(i, Proposal(rule_id, "navigation", "head"))
                break


def _head(page: Page, rule_id: str, min_lines: int) -> None:
    _dated(page, rule_id, min_lines)
    _below(page, rule_id, min_lines)
    _copy_above(page)
    h = page.headline
    guessed = h is None  # the title stage found too many headline-shaped lines to choose
    if guessed:
        h = page.nb(page.first, -1)
        if h is None or h in page.removed or not item(page.normed[h]):
            return
    if h is None or h >= page.first:
        return
    if _titled_list(page, rule_id, h):
        return
    for run in _runs(page, [i for i in range(h) if page.normed[i]], least=min_lines):
        if len(run) < min_lines:
            continue
        before = page.nb(run[0], -1)
        # only a list under its label: one touching the top or furniture is menu_run's
        if before is None or before in page.removed or not _label(page.normed[before]):
            continue
        # the article's own headline stands below, after at most a channel label
        between = [k for k in range(run[-1] + 1, h) if page.normed[k] and k not in page.removed]
        if any(not _label(page.normed[k]) for k in between):
            continue
        for k in [before, *run, *between]:
            page.take(k, Proposal(rule_id, "navigation", "head"))
        if guessed:  # with the list gone, the line over the body is the headline
            page.headline = h
            page.found.setdefault("title", [(h, page.lines[h].strip())])
        return


def _titled_list(page: Page, rule_id: str, h: int) -> bool:
    """An e-paper's list of its page's headlines under its own label (标题导航), the last of
    them the story's own, taken for the headline: the label names the list, so two items are
    enough; the list goes, and the headline's copy over the body is the headline."""
    copy = next((j for j in range(h + 1, page.first) if page.normed[j] == page.normed[h]
                 and page.reason(j) == "title"), None)
    if copy is None:
        return False
    label = page.nb(h, -1)
    items = []
    while label is not None and not _TITLE_LIST.match(page.normed[label]):
        if not item(page.normed[label]):
            return False
        items.append(label)
        label = page.nb(label, -1)
    if label is None or not items:
        return False
    for k in [label, *items, h]:
        page.take(k, Proposal(rule_id, "navigation", "head"))
    page.removed.pop(copy, None)
    page.headline = copy
    page.found["title"] = [(copy, page.lines[copy].strip())]
    return True


# an e-paper's label over the list of its page's headlines
_TITLE_LIST = twins.compile(r"^[【\[]?(?:标题导航|本版标题|本版新闻|本版列表新闻|本版导读|标题列表)"
                            r"[】\]]?$")
# a teaser the site cut short: ends in ... or … right after a word or a comma, never after the
# sentence's own full stop or closing quote (a body trails off with ……, after a word too, so
# two … are not a cut: NFKC makes them six dots)
_CUT = twins.compile(r"(?<![。!?;\"”’」』)….])(?:\.{3,5}|…)$")
# a related list's item: a headline, maybe bulleted, maybe closed by its date and source
# (--2021-01-29某某日报, (2024-03-08))
_ITEM_TAIL = twins.compile(r"\s*(?:--|—{1,2}|\s)\s*[(\[]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
                           r"[)\]]?\s*\p{Han}{0,8}$|\s*[(\[](?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]"
                           r"\d{1,2}[)\]]$")
# a header that names its list as other stories (相关新闻, 影音相关新闻, 推荐阅读, 往期回顾,
# 猜你喜欢; a question-and-answer site's 问答推荐): it may stand between paragraphs with the
# article going on under its list
_STRONG = twins.compile(r"^\p{Han}{0,4}(?:相关|推荐|往期|更多|热门|精彩)\p{Han}{0,2}"
                        r"(?:新闻|阅读|文章|报道|推荐|回顾|精选)$"
                        r"|^(?:猜你喜欢|大家都在看|你可能(?:还|也)?(?:喜欢|感兴趣)|问答推荐|相关问答)$")
# a widget's title (热点图片, 头条新闻, 最新专题): only with a cut teaser or bullets under it, a
# roundup's own subheading (行业动态) is the same shape
_WIDGET = twins.compile(r"^\p{Han}{0,4}(?:热点|要闻|新闻|推荐|导读|头条|快讯|排行|关注|资讯|焦点"
                        r"|动态|速览|精选|热榜|榜单|图片|专题|视频|图集)$")
# a character every _STRONG header holds (its marks taken off or not)
_STRONG_CHARS = re.compile("[相推往更热精猜大你]")
# headers that also open a body's own box of background (相关链接: 什么是专项债)
_BOX = twins.compile(r"链接|延伸阅读|名词解释")


_HEAD_OPEN = twins.compile(r"^[【\[▍▌|]")
_HEAD_CLOSE = twins.compile(r"[】\]]?\s*(?::|>+|»|更多\s*>*)?$")


def _head_word(n: str) -> str:
    """A header's words: its marks, brackets, colon and 更多>> taken off."""
    return _HEAD_CLOSE.sub("", _HEAD_OPEN.sub("", LEAD.sub("", n)))


def _block_item(n: str) -> bool:
    """A headline of a related list between paragraphs (commas allowed: 縣長現勘工程,了解進度;
    not a clause trailing off with ……); a bulleted one may hold ! and ? (破案了!…)."""
    core = _ITEM_TAIL.sub("", LEAD.sub("", n))
    stop = _STOP if core != n else SENT
    return (6 <= len(core) <= 60 and not stop.search(core) and len(_HAN.findall(core)) >= 4
            and not core.endswith((":", "：")) and not _DATELINE.search(core)
            and not trails_off(core))


def _cut_teaser(n: str) -> bool:
    core = LEAD.sub("", n)
    return 15 <= len(core) <= 220 and bool(_CUT.search(core)) and len(_HAN.findall(core)) >= 8


def _between(page: Page, strong_id: str, widget_id: str) -> None:
    """The between pass of the module docstring: a header naming other stories reports
    `strong_id`, a widget's title `widget_id` (an empty id: that kind is not switched on)."""
    if len(page.anchors) < 2:
        return
    i = page.first + 1
    while i <= page.last:
        n = page.normed[i]
        if not n or i in page.removed or len(n) > 20 or SENT.search(n):
            i += 1
            continue
        word = _head_word(n)
        strong = bool(strong_id) and bool(_STRONG.match(word)) and not _BOX.search(word)
        if not strong and not (widget_id and _WIDGET.match(word)):
            i += 1
            continue
        sure: list[int] = []      # headlines, widget titles, cut teasers
        loose: list[int] = []     # whole teasers: kept only when the block runs to the end
        cut = False               # a cut teaser: a widget, not a roundup's section
        bulleted = False          # bullets: a widget only when its block runs to the page end
                                  # (a roundup's own bulleted section has the article go on)
        j, end, after_item = i + 1, True, False
        while j < len(page.lines):
            m = page.normed[j]
            if not m or j in page.removed:
                j += 1
                continue
            w = _head_word(m)
            if _cut_teaser(m) or _block_item(m) or (len(m) <= 20 and _WIDGET.match(w)):
                cut = cut or _cut_teaser(m)
                bulleted = bulleted or bool(LEAD.match(m))
                sure += [*loose, j]
                loose, after_item = [], _block_item(m)
            elif strong and after_item and 20 <= len(m) <= 160 and SENT.search(m):
                loose.append(j)  # one teaser under each headline, never two paragraphs
                after_item = False
            else:
                end = False
                break
            j += 1
        if not sure or not (strong or cut or (bulleted and end)):
            i += 1
            continue
        block = sure + (loose if end else [])
        for k in [i, *block]:
            if k not in page.removed:
                page.take(k, Proposal(strong_id if strong else widget_id, "related", "edge"))
        i = max(block) + 1


# a second story's own first line or reporter line: 某某网-某某报3月8日讯(记者…),
# 新华社北京3月8日电, 本报讯, 某某日报记者 张三 李四 (names only after 记者)
_STORY_LEAD = twins.compile(
    r"^\(?[\p{Han}A-Za-z\-—]{2,20}?(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日[电讯電訊]"
    r"|^(?:本报|本網|本网|本台|本刊)\p{Han}{0,6}[讯訊]"
    r"|^\(?\p{Han}{2,10}(?:记者|記者)(?:\s*\p{Han}{2,4}){1,4}\)?$")
# a link line naming another story with its headline: 链接:…, □相关新闻:…
_LINK_LINE = twins.compile(r"^[□■◎◆●【\[]?\s*(?:链接|相关(?:链接|新闻|报道|阅读))[】\]]?\s*:"
                           r"\s*(?P<t>.{4,60})$")


def _pasted(page: Page, rule_id: str) -> None:
    """The pasted pass of the module docstring."""
    if not page.anchors:
        return
    for i in range(page.first + 1, len(page.lines)):
        n = page.normed[i]
        if not n:
            continue
        # each pattern asked only of a line holding what it needs (most are body lines)
        m = _LINK_LINE.match(n) if ":" in n and ("链接" in n or "相关" in n) else None
        if not (m and is_headline_shape(m["t"], 60)) and not (
                len(n) <= 20 and _STRONG_CHARS.search(n) and _STRONG.match(_head_word(n))):
            continue
        heads, j = 0, page.nb(i, 1)
        while j is not None and heads <= 4 and not _STORY_LEAD.match(page.normed[j]) and (
                j in page.removed or _block_item(page.normed[j])):
            heads += j not in page.removed
            j = page.nb(j, 1)
        if j is None or not _STORY_LEAD.match(page.normed[j]):
            continue
        for k in range(i, len(page.lines)):
            if page.normed[k] and k not in page.removed:
                page.take(k, Proposal(rule_id, "related", "edge"))
        return


def _units(page: Page, rule_id: str) -> None:
    """The units pass of the module docstring."""
    # a non-blank line between two removed ones (the related line under it, the related or
    # decoration line above it), its neighbours read off page.filled: most lines fail there
    normed, filled, reason = page.normed, page.filled, page.reason
    found = [i for q, i in enumerate(filled[1:-1], 1)
             if i > page.first and i not in page.removed
             and reason(filled[q - 1]) in ("related", "decoration")
             and reason(filled[q + 1]) == "related"
             and 20 <= len(n := normed[i]) <= 160 and (SENT.search(n) or _cut_teaser(n))]
    run: list[int] = []
    for i in [*found, -1]:
        if run and i >= 0 and all(not page.normed[k] or page.reason(k) in ("related", "decoration")
                                  for k in range(run[-1] + 1, i)):
            run.append(i)
            continue
        rest = [k for k in range(run[-1] + 1, len(page.lines))
                if page.normed[k] and k not in page.removed] if run else []
        if len(run) >= 2 and not rest:
            for k in run:
                page.take(k, Proposal(rule_id, "related", "tail"))
        run = [i] if i >= 0 else []


def _cut_in_tail(page: Page, rule_id: str) -> None:
    """A teaser cut short with ... under a related list's line in the tail (a bulleted list's
    block stops at a line holding 。) is that list's."""
    for i in range(page.last + 1, len(page.lines)):
        n = page.normed[i]
        if (n and i not in page.removed and page.reason(page.nb(i, -1)) == "related"
                and _cut_teaser(n)):
            page.take(i, Proposal(rule_id, "related", "tail"))


# the outlet a portal names under each of its next-story cards: a short Latin brand (am730,
# on.cc 东网, 国际 on LINE) or a paper's, station's or site's name (某某日报, 某某电视)
_OUTLET = twins.compile(r"^(?=[^\p{Han}]*[A-Za-z0-9])(?!\d+$)[A-Za-z0-9 .&\-\p{Han}]{2,16}$|"
                        r"^\p{Han}{2,8}" + outlet_alternation() + "$")


def _outlet(n: str) -> bool:
    m = _OUTLET.match(n)
    return m is not None and (m.group().isascii() or len(_HAN.findall(n)) <= 4
                              or n.endswith(OUTLET_ENDS))


def _cards(page: Page, rule_id: str) -> None:
    """cards: a portal's next-story cards under removed furniture in the tail, each a headline
    over its outlet's name (太子集團… / am730 / 屢與… / on.cc 東網): two or more pairs are
    related. A headline without the outlet under it is the plain list's (min_lines)."""
    tail = [i for i in page.tail() if i not in page.removed]
    k = 0
    while k + 3 < len(tail):
        i = tail[k]
        before = page.nb(i, -1)
        # (the furniture may be the last paragraph itself, a promo sentence the rules took)
        if before is None or before < page.last or before not in page.removed:
            k += 1
            continue
        pairs: list[int] = []
        j = k
        while (j + 1 < len(tail) and page.nb(tail[j], 1) == tail[j + 1]
               and item(page.normed[tail[j]]) and _outlet(page.normed[tail[j + 1]])
               and (not pairs or page.nb(pairs[-1], 1) == tail[j])):
            pairs += [tail[j], tail[j + 1]]
            j += 2
        if len(pairs) >= 4:
            for m in pairs:
                page.take(m, Proposal(rule_id, "related", "tail"))
        k = max(j, k + 1)


# an item's time stamp on its own line (2018-03-02 08:58:39, 03-02 08:58), maybe with its
# count of reads (2025年04月28日 • 8万次阅读) or the poster's handle (12-18 某某😇)
_STAMP_LINE = twins.compile(_DAY + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[)\]]?"
                            r"(?:\s*[•·|/]\s*(?:[\d.]+万?\s*次?(?:阅读|浏览|观看|点击)量?)?"
                            r"|\s+[^\s\d。,，!?！？]\S{0,9})?$")


def _stamped(page: Page, rule_id: str, least: int = 3) -> None:
    """stamped: below the first paragraph, `least`+ headlines each right over its own time
    stamp, with only removed lines (marks, stamps) between the pairs, after the last
    paragraph or running to the page's end, are a list of other stories: the headlines and
    their stamps are related. A headline may hold ! ? and commas here (大数据"坑熟客",技术之罪
    需规则规避): the stamp under each shows the list."""
    groups: list[list[tuple[int, int]]] = [[]]
    for i in page.filled:
        n = page.normed[i]
        if i <= page.first or i in page.removed:
            continue
        j = page.nb(i, 1)
        pairs = groups[-1]
        if (j is None or not _STAMP_LINE.match(page.normed[j])
                or not 6 <= len(n) <= 60 or _STOP.search(n) or not han_at_least(n, 4)
                or n.endswith((":", "：")) or _STAMP_LINE.match(n)):
            if pairs and i > pairs[-1][1]:
                groups.append([])   # a line kept between: the list, if any, ended
            continue
        pairs.append((i, j))
    for pairs in groups:
        if len(pairs) < least:
            continue
        rest = [k for k in range(pairs[-1][1] + 1, len(page.lines))
                if page.normed[k] and k not in page.removed]
        # one more headline closing the page, its stamp cut off with the page (…/ 快訊/南投警):
        # the list's last item, no text after it
        cut = (rest[0] if len(rest) == 1 and rest[0] == page.filled[-1]
               and len(page.normed[rest[0]]) <= 60 and not _STOP.search(page.normed[rest[0]])
               else None)
        if pairs[0][0] <= page.last and rest and cut is None:
            continue
        for i, j in pairs:
            page.take(i, Proposal(rule_id, "related", "tail"))
            page.take(j, Proposal(rule_id, "related", "tail"))
        if cut is not None:
            page.take(cut, Proposal(rule_id, "related", "tail"))


def _tail(page: Page, rule_id: str, min_lines: int) -> None:
    start = page.last + 1
    # the last "paragraph" a headline (its ! or ? made it one) right under furniture the rules
    # removed (the credit closing the article, (中央社)): the list's first item
    above = page.nb(page.last, -1)
    if (len(page.anchors) >= 3 and above is not None and above in page.removed
            and page.last not in page.removed and item(page.normed[page.last], marks=True)):
        start = page.last
    tail = [i for i in range(start, len(page.lines)) if page.normed[i]]
    for run in _runs(page, tail, least=min_lines, marks=True):
        # a table's cells (one a line) are the article's however short: zones.table_cells
        if len(run) < min_lines or not table_cells(page).isdisjoint(run):
            continue
        before = page.nb(run[0], -1)
        if before is None or (before <= page.last and run[0] != tail[0]):   # (blank lines aside)
            continue
        # under furniture the rules removed (上一篇 下一篇, 返回目录), or under its label
        # (今日关注, 本地要闻) that no header rule knows
        label = before not in page.removed and _label(page.normed[before])
        if (before not in page.removed and not label
                and not exclaimed([page.normed[i] for i in run])
                and not _cut_short(page, run)
                and not _long_headlines(page, run, before)):
            continue
        for k in ([before] if label else []) + run:
            page.take(k, Proposal(rule_id, "related", "tail"))
        _grow(page, run, rule_id)
    _foreign_tail(page, rule_id)


def _grow(page: Page, run: list[int], rule_id: str) -> None:
    """A list of other stories taken: the headlines right next to it that its test left out
    for a comma, a second colon or a question (焦点访谈|村子里来了…,他们如何让宪法更“接地
    气”?) are its items too — up and down until a line that is no headline (a paragraph with
    its full stop, a long line)."""
    cells = table_cells(page)
    for step, edge in ((-1, run[0]), (1, run[-1])):
        j = page.nb(edge, step)
        while (j is not None and j not in page.removed and j not in cells
               and _loose_item(page.normed[j])):
            page.take(j, Proposal(rule_id, "related", "tail"))
            j = page.nb(j, step)


def _loose_item(n: str) -> bool:
    """A headline of a list, commas and a question allowed: no full stop or semicolon, a
    headline's length (a table's header row, 项目 内容, is shorter), some Han, no label closed
    by a colon, no heading of the article's outline (二、表格展示)."""
    return (8 <= len(n) <= 40 and not _STOP.search(n) and han_at_least(n, 4)
            and not n.endswith((":", "：")) and not _ITEM_DATE.fullmatch(n)
            and not _outline_head(n))
