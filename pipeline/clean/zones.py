"""Decisions taken over the whole page, after the line rules: the article body is the run of
sentence paragraphs, and what lies around it is judged by its shape and its neighbours.

- split_fields: a field label alone on its line (作者 / 来源： / • 发文字号:) and the short value
  on the next line are metadata together; the value fills meta.
- related_block: a related header (相关推荐, 延伸阅读 …) opens a block of headlines and their
  one-sentence teasers, removed as related until two body paragraphs in a row resume.
- repeats: a line with no sentence punctuation that the page already showed (the headline
  again, the author again, a teaser list twice) goes after its first showing.
- above_headline: what stands above the headline and is no sentence is page furniture.
- menu_run: a run of very short non-sentence lines in the head or tail (a channel list, a
  side menu one item a line) is navigation, by its shape and place, whatever its words.
- rezone: when removals took paragraphs away (teasers), the body's edges move and the lines
  now outside it meet the head/tail rules.
- after_body / before_body (after the line scorer, each switched on by its own entry in
  rules/boilerplate/zones.yaml, which holds its limits): a short line with no sentence in it
  under the last paragraph goes by its shape and its place — below furniture the rules
  removed, or right under the body with furniture below it — and one between the headline and
  the first paragraph with furniture on both sides; the article's own short lines (a
  signature, a contact field, a numbered head, a table row, text the page resumes with) stay.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Container
from itertools import pairwise
from typing import Any

import regex

from . import twins
from .detectors import Proposal, _fits
from .marks import LEAD, LEADS, outlet_alternation, trails_off
from .page import Page, tail_company
from .shapes import (
    _HAN,
    _NOT_HEADLINE,
    CHAPTER,
    DATELINE_START,
    NUMBERED_HEADING,
    SENT,
    han_at_least,
    is_anchor_shape,
    is_headline_shape,
    is_title_shape,
)
from .title import _CHANNEL

_STAMP = twins.compile(
    r"^[-—•·\s]*(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2})?|\d+\s*(?:分钟|小时|天)前)?$")
_FIGURE = twins.compile(r"^[-+]?\d[\d,.]*\s*(?:[~\-/至]\s*\d[\d,.]*)?\s*(?:℃|°C?|%|度)$"
                        r"|^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d+\.\d+$")
_COUNT = twins.compile(r"^[\[(【]?\d[\d,.]*\s*[万wW]?\+?\s*次?[\])】]?$")


def _label_re(fields: Any):
    """A field label alone: one of the fields detector's keys, maybe with a colon (built once)."""
    rx = getattr(fields, "_label_alone", None)
    if rx is None:
        keys = sorted((k for k, _ in fields.keys), key=len, reverse=True)
        rx = fields._label_alone = twins.compile(
            r"^(?P<key>" + "|".join(map(regex.escape, keys)) + r")\s*(?::|：)?\s*$"
        )
    return rx


def split_fields(page: Page, fields: Any, rule_id: str) -> None:
    """`fields`: the FieldsDetector (its keys). Labels and values in the head or tail only."""
    if fields is None:
        return
    label = _label_re(fields)
    normed = page.normed
    for i in page.head() + page.tail():
        n = normed[i]
        if len(n) > 16:
            continue
        # 发布机构: alone is the fields rule's
        if i in page.removed and page.removed[i].rule != fields.id:
            continue
        m = label.match(LEAD.sub("", n).replace(" ", "") if len(n) <= 8 else LEAD.sub("", n))
        if not m:
            continue
        info = fields.info[m.group("key")]
        if info.get("reason"):  # 字号, 主办, 图片: labels of other things than the article's fields
            continue
        reason = fields.reason
        j = page.nb(i, 1)
        if (i not in page.removed and j is not None and j not in page.removed
                and _sentence_like(normed[j]) and len(normed[j]) >= 30):
            continue    # a section's heading over its text (类别 / 劳动模范主要分为…。): no field
        if i not in page.removed:
            page.take(i, Proposal(rule_id, reason, "edge"))
        if j is None or j in page.removed or page.zone(j) == "middle":
            continue
        v = LEAD.sub("", page.normed[j])
        if (not v or len(v) > 40 or SENT.search(v) or label.match(v) or is_anchor_shape(v)
                # an empty label (有效性:) over the headline
                or (len(v) >= 16 and is_title_shape(v))
                or (info.get("numeric") and not _COUNT.match(v))
                # a date's label (日期:) over the headline, its stamp a line further down
                or (info.get("field") == "published"
                    and not any(ch.isdigit() or ch in "年月日" for ch in v))):
            continue
        meta = (
            {info["field"]: page.lines[j].strip()}
            if info.get("field") and info["field"] != "published"
            else {}
        )
        page.take(j, Proposal(rule_id, reason, "edge", meta))


def _teaser(n: str) -> bool:
    """One or two sentences under a related headline: 暑期档总票房达119亿元，创同期新高。"""
    return 20 <= len(n) <= 160 and bool(SENT.search(n) or "," in n)


def _item(n: str) -> bool:
    """A headline in a related list, bulleted or not, with a date or not; a clause trailing
    off with …… (six dots after NFKC) is a paragraph's end, not a headline."""
    core = LEAD.sub("", n)
    if trails_off(core):
        return False
    # a headline with its subtitle (…治理鸿沟——某某2025调查报告) runs long, never to a 。
    return (len(core) <= 90 and (is_title_shape(core, 90) or is_headline_shape(core, 90))) or \
        (n != core and len(core) <= 60 and "。" not in core)


def _block(page: Page, i: int, max_lines: int = 40) -> list[int]:
    """The lines a related header at i opens: headlines, each maybe with its teaser, dates,
    marks; the block ends at a line of neither shape (the article resumes)."""
    out: list[int] = []
    j, taken, prev_item, bulleted = i + 1, 0, False, None
    while j < len(page.lines) and taken < max_lines:
        n = page.normed[j]
        if not n:
            j += 1
            continue
        if j in page.removed:
            j, taken, prev_item = j + 1, taken + 1, False
            continue
        if _STAMP.match(n):
            pass  # an item's date or time on its own line (2025-08-18, 3小时前, -)
        elif _item(n):
            prev_item = True
            if bulleted is None:
                bulleted = bool(LEAD.match(n))
        elif prev_item and not bulleted and _teaser(n):  # a bulleted list has no teasers
            prev_item = False
        else:
            break
        out.append(j)
        j, taken = j + 1, taken + 1
    return out


def related_block(page: Page, i: int, p: Proposal, max_lines: int = 40) -> None:
    """The block a related header opens (see _block)."""
    for j in _block(page, i, max_lines):
        page.take(j, Proposal(p.rule, (p.then or {}).get("reason", p.reason), "any"))


def _late_related(page: Page, proposals: Callable[[str], list[Proposal]]) -> None:
    """A related header between two paragraphs (相關新聞 over a headline and its teaser, the
    teaser taken for a paragraph) opens its block when that block, with furniture the rules
    removed, runs to the page's end: nothing of the article follows it."""
    if len(page.anchors) < 3:
        return
    for i in range(page.first + 1, page.last):
        n = page.normed[i]
        if not n or i in page.removed or len(n) > 16 or SENT.search(n):
            continue
        p = next((q for q in proposals(n) if (q.then or {}).get("block")), None)
        if p is None:
            continue
        block = _block(page, i)
        rest = [j for j in range(i + 1, len(page.lines))
                if page.normed[j] and j not in page.removed]
        if (rest and set(rest) <= set(block) and any(_item(page.normed[j]) for j in rest)
                and any(a < i for a in page.anchors)):
            page.take(i, Proposal(p.rule, p.reason, "edge"))
            related_block(page, i, p)
            return


# lines whose repeats are the article's: a table row's cell closed or opened by its bar
# ((約1分鐘) | in every row of an agenda) and a section heading its contents listed first (第一章)
# (a table's unit over each table, 单位：万元, is the text's as the tables are)
_OWN_REPEAT = twins.compile(r"^\s*\||\|\s*$|^第[一二三四五六七八九十百零〇\d]{1,4}[章节编篇部分卷]"
                            r"|^\s*\(?(?:金额|货币|计量)?单位\s*:")


def repeats(page: Page, rule_id: str) -> None:
    """A line with no sentence punctuation shown before on the page goes (its first showing
    stays unless a rule took it): the headline again is `title`, else the first's reason."""
    seen: dict[str, int] = {}
    places = page.places()
    normed = page.normed
    cells = table_cells(page)
    h = page.headline
    sub = page.nb(h, 1) if h is not None else None
    for i in page.filled:
        n = normed[i]
        # a line failing the shape test fails it again at its copies: seen may hold it
        f = seen.setdefault(n, i)
        if (f == i or i in page.removed or SENT.search(n) or not han_at_least(n, 2)
                or i in cells or _OWN_REPEAT.search(n)):
            continue
        if f in page.removed and page.removed[f].rule.endswith(".contents_list"):
            continue    # a contents line's heading in the text (contents_list)
        spun = (f == h and len(n) >= 6) or (len(places[n]) >= 3 and len(n) >= 8)
        if page.zone(i) != "head" and not spun:
            # after the head only a spun page's copies; a tail signature may repeat a field
            continue
        title_copy = f in (h, sub) and (f == h or page.normed[f].startswith(("—", "-")))
        if title_copy or (spun and page.zone(f) == "head"):
            reason = "title"
        elif f in page.removed:
            reason = page.removed[f].reason
        else:
            # a short line shown twice is a menu's or a tab's (a stamp or a byline is metadata)
            reason = ("related" if is_title_shape(n) and len(n) >= 8
                      else "metadata" if STAMPED.search(n) else "navigation")
        page.take(i, Proposal(rule_id, reason, "edge"))


def rule_copies(page: Page, rule_id: str) -> None:
    """A copy of a line a line rule took (its own proposal: its words named it furniture,
    a Latin label, Gallery, OS; not a pass over the page's shape, which reads a line by its
    place) is that furniture again, below it wherever it stands and whatever its script, with
    its reason; not a copy of a sentence or a table's cell, nor of a line a pass took by its place
    (a field's value split from its key, 发布机构： / 县农业农村局), nor of a stamp or a field
    (metadata: a notice signs with its issuer and its date again, under its text). Run last,
    so no scorer reads these copies as the company of the lines around them."""
    taken: dict[str, str] = {}
    cells = table_cells(page)
    for i in page.filled:
        n = page.normed[i]
        r = page.removed.get(i)
        if r is not None:
            if (r.reason != "metadata" and not SENT.search(n)
                    and any(p.rule == r.rule for p in page.props[i])):
                taken.setdefault(n, r.reason)
        elif n in taken and i not in cells:
            page.take(i, Proposal(rule_id, taken[n], "edge"))


def table_cells(page: Page) -> set[int]:
    """The lines of tables written one cell a line — a column of figures (产值 / 1500 / 增速 /
    12.5% …), of values that repeat (台北市 / 照常上班 / 新北市 / 照常上班 …) or a prize list
    (冠軍 / 某校 / 亞軍 / …): labels and values both are the article's data."""
    if page.cells is None:
        page.cells = _table_cells(page)
    return page.cells


# a figure alone on its line: a table's cell, a count, a price (1527, 12.5%, -3.2, 1,234), with
# its unit, its change's arrow, in brackets (33,821宗, ↑19.80%, (↑8,787), 28,950宗 (31,617架次));
# one point: 2024.03.01 is a date; no year or page (2021年, 3页: an archive's or a pager's)
_CELL_UNIT = (r"(?:%|‰|[万萬亿億]?[元圆圓]|[万萬亿億]?(?:人次|架次|辆次|輛次|宗|人|次|个|個|家|户|"
              r"戶|件|项|項|辆|輛|台|吨|噸|起|例|名|所|座|公里|平方米|亩|畝|头|頭|只|隻|羽|株|"
              r"套|间|間|栋|棟|千瓦时|千瓦|立方米|公顷|公頃|标箱|箱)|[万萬亿億])?")
_CELL_FIGURE = r"(?:[↑↓▲▼]\s?|[+\-])?\d[\d,]*(?:\.\d+)?" + _CELL_UNIT
# in brackets, a figure with its arrow or unit: a bare (120) is a sidebar's count of posts
_CELL_BRACKETED = (r"[(（](?:[↑↓▲▼+\-]\d[\d,]*(?:\.\d+)?" + _CELL_UNIT + r"|\d[\d,]*(?:\.\d+)?"
                   + _CELL_UNIT[:-1] + r")[)）]")
# a second figure in brackets only with its own Han unit (28,950宗 (31,617架次)): a ticker's
# change and rate (+12.37 (+0.38%)) are a widget's, above or under the article
_FIGURE_CELL = twins.compile(
    r"^(?:" + _CELL_BRACKETED + r"|" + _CELL_FIGURE
    + r"(?:\s*[(（]\d[\d,]*(?:\.\d+)?(?!%|‰)" + _CELL_UNIT[:-1] + r"[)）])?)$")
_CELL_FIRST = frozenset("+-(（↑↓▲▼")


def _figure_cells(page: Page) -> set[int]:
    """Three or more figures alone on their lines, each within two lines of the next (产值 /
    1500 / 增速 / 12.5% …): a table's column, labels and figures both the article's. A pager
    (1 / 2 / 3 / 4: consecutive numbers) is no table. A table whose cells a page turned to text
    with a bar line between them (| / 1791658.12 / | / 1.财产险 / …) is read without its bars."""
    normed = page.normed
    filled = [i for i in page.filled if normed[i].strip("|｜ ")]
    # (a figure starts with its sign or a digit: str.isdigit() holds regex's \d and more)
    at = [k for k, i in enumerate(filled)
          if ((c := normed[i][0]) in _CELL_FIRST or c.isdigit()) and _FIGURE_CELL.match(normed[i])]
    cells: set[int] = set()
    if len(at) < 3:     # (no run of three)
        return cells

    def bridged(a: int, b: int) -> bool:
        """Only a row's other cells between two figures: its dates and empty marks (2.3元 /
        2020/7/9 / 2020/7/17 / - / 3.5元): one row of a table of figures and dates."""
        return all(_DATE_CELL.match(normed[filled[j]]) for j in range(a + 1, b))

    run: list[int] = []
    for k in [*at, None]:
        if k is not None and (not run or k - run[-1] <= 2 or bridged(run[-1], k)):
            run.append(k)
            continue
        values = [normed[filled[j]] for j in run]
        pager = bool(values) and len(values[0]) <= 4 and values[0].isdigit() and values == [
            str(v) for v in range(int(values[0]), int(values[0]) + len(values))]
        if len(run) >= 3 and not pager:
            # (the bar lines between stay the rules': a lone | is the table's decoration)
            cells.update(filled[j] for j in range(max(run[0] - 1, 0), run[-1] + 1))
            heads = _column_heads(page, filled, run)
            if not heads and any(b - a > 2 for a, b in pairwise(run)):
                heads = _heads_over(page, filled, run[0] - 1)
            cells.update(heads)
            # the last row's dates after its last figure
            j = run[-1] + 1
            while j < len(filled) and _DATE_CELL.match(normed[filled[j]]):
                cells.add(filled[j])
                j += 1
        run = [k] if k is not None else []
    return cells


# a table's cell that is a date in figures or an empty mark (2020/7/9, 2019-06-13, -, —)
_DATE_CELL = twins.compile(r"^(?:(?:19|20|1[01])\d{1,2}[-/.](?:1[0-2]|0?[1-9])[-/.]"
                           r"(?:3[01]|[12]\d|0?[1-9])|[-—–－]{1,2})$")


def _short_above(page: Page, filled: list[int], top: int, most: int,
                 stop: Container[int] = ()) -> list[int]:
    """The short lines (12 characters at most, no sentence) from the `top`-th non-blank line
    upwards, `most` at most, up to a longer line, a sentence or a k in `stop`: a table's heads."""
    out: list[int] = []
    for j in range(top, max(top - most, -1), -1):
        n = page.normed[filled[j]]
        if len(n) > 12 or SENT.search(n) or j in stop:
            break
        out.append(filled[j])
    return out


def _heads_over(page: Page, filled: list[int], first: int) -> list[int]:
    """The column heads over a table whose rows hold dates between their figures (年度 / 每股股利
    / 發放日 …): the short lines right above its first row, ten at most, three at least."""
    heads = _short_above(page, filled, first - 1, 10)
    return heads if len(heads) >= 3 else []


def _column_heads(page: Page, filled: list[int], run: list[int]) -> list[int]:
    """The column heads right above a figure table's first row, one a line (加权均价 / 较昨日 /
    涨跌 / 周环比% …): as many short lines as the row has cells, or one fewer (no head over the
    label column) — a row's length read off the first gap in the run, a label between rows."""
    first = run[0] - 1                 # the first row's label (or its first figure)
    gaps = [b for a, b in pairwise(run) if b - a == 2]
    if first < 1 or not gaps:
        return []
    width = gaps[0] - 1 - first        # label + figures of one row
    heads = _short_above(page, filled, first - 1, width, set(run))
    if not (len(heads) in (width, width - 1) and width >= 3):
        return []
    # a head of two rows (指标 / 3月 / 1—3月 over 绝对量 / (亿元) / 同比增长(%) …): short lines
    # further up, as many as a row at most, right under the table's title or the text's
    # sentence (a longer line the rules left)
    top = first - 1 - len(heads)
    extra = _short_above(page, filled, top, width)
    above = top - len(extra)
    if extra and above >= 0 and filled[above] not in page.removed \
            and len(page.normed[filled[above]]) > 12:
        heads += extra
    return heads


# a row number alone on its line, and the head of such a column (序号 / 编号 / 項次 / No.)
_ROW_NUMBER = twins.compile(r"^\d{1,3}$")
_NUMBER_HEAD = twins.compile(r"^(?:序号|编号|序|项次|号次|no\.?|NO\.?|No\.?)$")


def _numbered_rows(page: Page) -> set[int]:
    """A table written one cell a line whose first column numbers the rows (序号 / 项目名称 /
    获奖等级 / 1 / 中药传统技能 / 一等奖 / 2 / …): row numbers 1, 2, 3 … the same number of
    lines apart, at least three apart (a pager's 1 / 2 / 3 stand together). Under a 序号 head,
    or with short cells: a ranked list of headlines (1 / a headline / its date) is no table.
    The head row, the rows and the last row's cells are the article's."""
    filled, normed = page.filled, page.normed
    at = {int(normed[i]): k for k, i in enumerate(filled)
          if normed[i][0].isdigit() and _ROW_NUMBER.match(normed[i])}
    cells: set[int] = set()
    start = 1
    while start in at:
        ks = [at[start]]
        while start + len(ks) in at:
            ks.append(at[start + len(ks)])
        start += len(ks)
        stride = ks[1] - ks[0] if len(ks) > 1 else 0
        if len(ks) < 3 or stride < 3 or any(b - a != stride for a, b in pairwise(ks)):
            continue
        first, last = ks[0], min(ks[-1] + stride - 1, len(filled) - 1)
        inside = [normed[filled[k]] for k in range(first, last + 1) if k not in ks]
        headed = any(_NUMBER_HEAD.match(normed[filled[k]])
                     for k in range(max(first - stride, 0), first))
        if headed or sum(len(n) <= 12 for n in inside) >= 0.8 * len(inside):
            head = max(first - stride, 0) if headed else first
            cells.update(filled[k] for k in range(head, last + 1))
    return cells


# a prize's rank alone on its line (冠军, 亞軍, 一等奖, 優異獎, 第三名)
_RANK = twins.compile(r"(?:冠|亚|亞|季|殿)(?:军|軍)|(?:[一二三四五六七八九十]|特)等(?:奖|獎)"
                      r"|(?:金|银|銀|铜|銅|优秀|優秀|优异|優異|优胜|優勝|鼓励|鼓勵|入围|入圍)(?:奖|獎)"
                      r"|第[一二三四五六七八九十\d]{1,2}名")


def _prize_list(page: Page) -> set[int]:
    """A prize list written one cell a line (冠軍 / 某校 / 某某 / 亞軍 / 某某 …): a run of
    short lines holding two ranks or more, the article's results however short its lines."""
    normed, run = page.normed, []
    out: set[int] = set()
    # every rank ends in one of these: a page with fewer than two such lines holds no list
    if sum(1 for i in page.filled if normed[i][-1] in "军軍奖獎名") < 2:
        return out
    for i in [*page.filled, -1]:
        n = normed[i] if i >= 0 else ""
        if n and len(n) <= 12 and not SENT.search(n):
            run.append(i)
            continue
        if len(run) >= 2 and sum(1 for j in run if _RANK.fullmatch(normed[j])) >= 2:
            out.update(run)
        run = []
    return out


def _pipe_cells(page: Page) -> set[int]:
    """A table as a page's text shows it, each cell closed by a bar (日期 | / 1月20日 | /
    凌晨2时至5时 | / | …): a run of lines ending in | with six cells or more. Its cells are the
    article's data however short (the rules still take a field row: 发布机构 | 某街道 |). A
    header cell broken over two lines (旅游总收入 / (亿元) / |) leaves up to two short lines
    without their bar inside the run; the last cell of the last row may lose its bar too."""
    normed = page.normed
    run: list[int] = []
    gap: list[int] = []
    out: set[int] = set()

    def loose(i: int) -> bool:    # a cell's piece that lost its bar: short, no sentence
        return len(normed[i]) <= 12 and not SENT.search(normed[i])

    for i in [*page.filled, -1]:
        if i >= 0 and normed[i].endswith("|"):
            run += gap
            run.append(i)
            gap = []
            continue
        if i >= 0 and run and len(gap) < 2 and loose(i):
            gap.append(i)
            continue
        filled = [j for j in run if normed[j].strip("| ")]
        # a menu set with bars (看本地 | / | / | / 滚动播报 | / | …): more empty bars than
        # cells, and no figure in any, is a channel list's layout, no table's
        menu = len(run) - len(filled) >= len(filled) and not any(
            c.isdigit() for j in filled for c in normed[j])
        if not menu and (len(filled) >= 6 or _rows_of_figures(normed, run)):
            out.update(run)
            above = page.nb(run[0], -1)
            if above is not None and _TABLE_TITLE.match(normed[above]):
                out.add(above)
            if gap and _FIGURE_CELL.match(normed[gap[0]]):
                out.add(gap[0])     # the last row's last cell (… | 7.2% | / 10)
        run, gap = [], []
    return out


def _rows_of_figures(normed: list[str], run: list[int]) -> bool:
    """Three rows or more of a table written a row a line (届次 | 金牌数 | 排名 | / 2016里约 |
    26 | 第3 | …): as many cells in each, two at least, figures in some. A menu shown with
    bars (首页 | 新闻 | 关于我们 |) holds no figure and rarely runs three lines alike."""
    rows = [[c.strip() for c in normed[j].split("|")[:-1]] for j in run
            if normed[j].count("|") >= 2 and normed[j].strip("|-: ")]
    widths = {len(r) for r in rows}
    return (len(rows) >= 3 and len(widths) == 1 and min(widths) >= 2
            and sum(any(ch.isdigit() for ch in "".join(r)) for r in rows) >= 2)


# a table's own title right above it: 附表二：巴士服务临时调整, 表1 各区降雨量
_TABLE_TITLE = twins.compile(r"^(?:附)?表\s*[\d一二三四五六七八九十]{1,3}\s*[:：、.]?\s*\S.{0,38}$")


# a table's title with no number (附表：…, 下表): numbered ones are _TABLE_TITLE's
_TABLE_HEAD = twins.compile(r"^(?:附表|下表)(?:\s*[:：]|\s|$)")


# a column's unit in brackets under its name (播种面积 / (千公顷) / 总产量 / (万吨))
_UNIT_CELL = twins.compile(r"^[(（]\s*[千万亿百]?(?:公顷|公斤|千克|公里|平方米|立方米|吨|亩|元|"
                           r"美元|港元|人次|人|户|个|辆|台|件|头|只|米|千瓦时|千瓦|小时|%|％)"
                           r"(?:\s*/\s*\S{1,4})?\s*[)）]$")


def _headed_table(page: Page) -> set[int]:
    """The short lines under a table's title (附表：十大屋苑成交量 / 地區 / 屋苑 / 香港 / 太古城 /
    2(無升跌) / 19895(-1%) …): six or more, three of them holding figures (or one figure under
    two columns' units: 播种面积 / (千公顷) / 总产量 / (万吨) / 116064), none a sentence — the
    table's cells, however irregular its rows."""
    normed, filled = page.normed, page.filled
    cells: set[int] = set()
    for k, i in enumerate(filled):
        if not (_TABLE_HEAD.match(normed[i]) or _TABLE_TITLE.match(normed[i])):
            continue
        run = []
        for j in filled[k + 1:]:
            n = normed[j]
            if len(n) > 24 or SENT.search(n):
                break
            run.append(j)
        # (the table ends with its last figure: a page's furniture may follow it)
        units = sum(1 for j in run if _UNIT_CELL.match(normed[j]))
        figured = [x for x, j in enumerate(run)
                   if any(c.isdigit() for c in normed[j]) and not _UNIT_CELL.match(normed[j])]
        if len(run) >= 6 and (len(figured) >= 3 or (figured and units >= 2)):
            cells.update(run[:figured[-1] + 1])
    return cells


# a teaser's stamp closing a line (a list of stories, not a table's row)
_ROW_STAMP = twins.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$")


def _spaced_rows(page: Page) -> set[int]:
    """A table written one row a line, its cells parted by spaces (获奖单位 荣誉名称 授予单位 /
    某区检察院 全国检察宣传先进集体 最高检 …): four rows or more in a run, three cells or more
    in each and most of them the same count, Chinese in each (a spam farm's Situs Judi Bola
    repeated is no row), no sentence, a cell of five characters or more in almost every row (a
    menu's words are short) and no teaser's stamp closing them. (A normed line holds one space
    between its parts.)"""
    normed = page.normed
    run: list[list[str]] = []
    rows: list[int] = []
    out: set[int] = set()

    def flush() -> None:
        if len(run) < 4:
            return
        counts = [len(parts) for parts in run]
        common = max(set(counts), key=counts.count)
        wide = sum(1 for parts in run if max(map(len, parts)) >= 5)
        stamped = sum(1 for i in rows if _ROW_STAMP.search(normed[i]))
        if (counts.count(common) >= 0.8 * len(run) and wide >= 0.8 * len(run)
                and sum(len(normed[i]) for i in rows) >= 15 * len(run)
                and stamped < len(run) / 2):
            out.update(rows)

    for i in page.filled:
        n = normed[i]
        parts = n.split(" ")
        if len(parts) >= 3 and not SENT.search(n) and max(map(len, parts)) <= 30 \
                and _HAN.search(n):
            run.append(parts)
            rows.append(i)
            continue
        flush()
        run, rows = [], []
    flush()
    return out


# a field of a record written a field a line: a short Chinese key (spaced like 全 长 too), a colon
_FIELD = twins.compile(r"^(\p{Han}(?:\s?\p{Han}){0,5})\s*:\s*\S")


def _field_records(page: Page) -> set[int]:
    """Records written a field a line, the same keys again for each (全 长:720公里 / 时 速:
    350km/h / 总投资:535亿 / 开工时间:2019 / …, then the next line's): two keys or more that come
    three times or more each, most of their values figures, no rule proposing any of their lines
    (a comment thread's 发表于: / 回复: repeat too, and are furniture): the article's data."""
    keyed: dict[int, str] = {}
    for i in page.filled:
        m = _FIELD.match(page.normed[i])
        if m is not None:
            keyed[i] = m.group(1).replace(" ", "")
    if len(keyed) < 6:
        return set()
    times = Counter(keyed.values())
    lines = [i for i, k in keyed.items() if times[k] >= 3]
    if len({keyed[i] for i in lines}) < 2 or any(page.props[i] for i in lines):
        return set()
    figures = sum(any(c.isdigit() for c in page.normed[i]) for i in lines)
    return set(lines) if 2 * figures > len(lines) else set()


def _table_cells(page: Page) -> set[int]:
    cells = (_figure_cells(page) | _numbered_rows(page) | _prize_list(page)
             | _attachment_items(page) | _spaced_rows(page) | _field_records(page))
    if any(n.startswith(("附表", "下表", "表")) for n in page.normed):
        cells |= _headed_table(page)
    if any(n.endswith("|") for n in page.normed):
        cells |= _pipe_cells(page)
    places = page.places()
    if all(len(at) < 4 for at in places.values()):
        return cells
    times = [len(places[page.normed[i]]) for i in page.filled]
    short = [len(page.normed[i]) <= 20 and not SENT.search(page.normed[i]) for i in page.filled]
    for at in places.values():
        if _table_column(at, times, short):
            cells.update(page.filled[k] for k in range(max(at[0] - 1, 0), at[-1] + 1))
    return cells


def _table_column(at: list[int], times: list[int], short: list[bool]) -> bool:
    """A value of a table written one cell a line (台北市 / 照常上班 / 新北市 / 照常上班 /
    基隆市 / 停止上班 …): shown four times or more, always two lines apart or a multiple of
    it, where the lines in its column are mostly values shown more than once and the lines
    between them mostly short labels shown once. A page spun with copies of its headline has
    paragraphs between the copies. `at`: the line's places among the non-blank lines; `times`:
    how often each non-blank line is shown on the page; `short`: which are short, no sentence."""
    if len(at) < 4 or any((b - a) % 2 for a, b in pairwise(at)):
        return False
    column = range(at[0], at[-1] + 1, 2)
    between = range(at[0] + 1, at[-1], 2)
    values = sum(times[k] > 1 for k in column)
    labels = sum(times[k] == 1 and short[k] for k in between)
    return values >= 0.8 * len(column) and labels >= 0.8 * len(between)


def above_headline(page: Page, rule_id: str, kept: Callable[[int], bool],
                   prose: Any = None) -> None:
    """Lines above the headline with no sentence punctuation: site names, menus, widgets."""
    _top_name(page, rule_id)
    h = page.headline
    # a headline found only by the body under it may be a subhead
    if h is None or not page.headline_sure:
        return
    # (a wire's dateline alone on its line, 新华社北京7月1日电, is the story's own first words)
    above = [i for i in range(h) if page.normed[i] and i not in page.removed
             and not SENT.search(page.normed[i]) and len(page.normed[i]) <= 60 and not kept(i)
             and not _text_above(page, i, h) and not DATELINE_START.match(page.normed[i])]
    # three lines or more, most holding a clause's marks (menu_run's `prose`: 但他们时刻都守护
    # 在你身边): a post written a phrase a line over a line taken for its headline, no menu
    if prose is not None and len(above) >= 3 and _mostly_prose(page, above, prose):
        return
    for i in above:
        page.take(i, Proposal(rule_id, "navigation", "head"))


# a line that runs on into the next: a clause cut at its comma or dash (a verse's lines)
_RUNS_ON = twins.compile(r"[,、—…]$")
# a headline's speaker alone over it: two to ten Han characters and a colon (水利部:)
_SPEAKER = twins.compile(r"\p{Han}{2,10}:")


def _text_above(page: Page, i: int, h: int) -> bool:
    """Line i above the headline is a verse's or a post's text, not furniture: it or the line
    above it runs on (a clause cut at its comma or dash), or a sentence stands next to it; or
    it is a long headline-shaped line right above the headline, no channel's name."""
    n = page.normed[i]
    prv, nxt = _kept_near(page, i, -1), _kept_near(page, i, 1)
    if _RUNS_ON.search(n) or (prv is not None and _RUNS_ON.search(page.normed[prv])):
        return True
    if nxt == h and len(n) >= 8 and " " not in n and is_title_shape(n) and not _CHANNEL.search(n):
        return True     # the headline's first half, broken over two lines (…中学举办 / 运动会)
    if nxt == h == i + 1 and n.endswith(":") and _SPEAKER.fullmatch(n):
        return True     # its speaker, on the line right over it (水利部: / 长江和黄河可能发生秋汛)
    if (nxt is not None and nxt < h and len(n) >= 8 and "," in n and is_title_shape(n)
            and _text_above(page, nxt, h)):
        # a kicker of a clause or two over the headline's lines (住别墅吃榨菜,被捕时还在辛勤
        # “工作” / 44名嫌犯一窝端,“打包”回国受审): no channel's name has a comma
        return True
    return any(j is not None and j < h and _sentence(page.normed[j]) for j in (prv, nxt))


def _top_name(page: Page, rule_id: str) -> None:
    """The page's first line, a short name (高等职业教育研究所, 视窗), standing on furniture the
    rules removed (a breadcrumb, a loading mark) with a headline-shaped line still below: the
    site's or column's name, not the headline."""
    filled = page.head()
    if len(filled) < 3:
        return
    i, j = filled[0], filled[1]
    n = page.normed[i]
    if (i in page.removed or i == page.headline or len(n) > 20 or SENT.search(n)
            or n.endswith((":", ",")) or page.reason(j) not in ("navigation", "decoration")):
        return
    below = [k for k in filled[2:] if k not in page.removed]
    # (a headline has words: a tool's item, • 收藏, is shaped like one but names no story)
    if any(is_headline_shape(page.normed[k], 60) and han_at_least(page.normed[k], 6)
           for k in below):
        page.take(i, Proposal(rule_id, "navigation", "head"))


def _headline_list(page: Page, rule_id: str, min_lines: int, prose: Any = None) -> None:
    """A list of other stories' headlines in the page head (a paper's table of contents, a
    column's latest items), one a line: `min_lines`+ headline-shaped lines in a row that touch
    the page top or removed furniture, with the article's own headline-shaped line still
    below them. A headline with its kicker, subtitle and a short lead is at most three such
    lines and is followed by the body paragraph, not by another headline; a post's
    hand-broken lines between two of its paragraphs are neither (menu_run's `prose`)."""
    head = page.head()
    if len(head) < min_lines + 1:   # (the least run it takes)
        return
    end = page.first if page.anchors else len(page.lines)

    h = page.headline
    # the list may open with the article's own headline, shown again above the body: the
    # title stage took the first showing for the headline and the second for its copy
    again = None if h is None else next(
        (k for k in range(h + 1, len(page.lines))
         if page.normed[k] == page.normed[h] and page.reason(k) == "title"), None)

    def item(i: int) -> bool:
        n = page.normed[i]
        return ((i not in page.removed and (i != h or again is not None)) and 6 <= len(n) <= 40
                and is_headline_shape(n, 40) and not _NOT_HEADLINE.search(n)
                and not n.startswith(("—", "-", "(")) and not n.endswith((",", "、"))
                and not _PRICED.search(n))

    runs: list[list[int]] = []
    for i in head:
        if item(i) and runs and runs[-1] and page.nb(runs[-1][-1], 1) == i:
            runs[-1].append(i)
        else:
            runs.append([i] if item(i) else [])
    for run in runs:
        if len(run) < min_lines + 1:
            continue
        before = page.nb(run[0], -1)
        if not (before is None or before in page.removed):
            continue
        if prose is not None and (_prose_run(page, run, prose) or _runs_into(page, run, prose)
                                  or _mostly_prose(page, run, prose)):
            continue    # (a headline list holds no clause's marks in most of its lines)
        moved = h in run and again is not None and again > run[-1]
        if h is not None and h < run[-1] and not moved:
            continue
        # the article's own headline below the list (it may be shaped like a paragraph: ？！),
        # or the list's last line is that headline, right above the body
        after = [k for k in range(run[-1] + 1, min(end + 1, len(page.lines)))
                 if page.normed[k] and (k not in page.removed or (moved and k == again))]
        if not any(is_headline_shape(page.normed[k], 40)
                   and not _NOT_HEADLINE.search(page.normed[k]) for k in after):
            if len(run) < min_lines + 2 or page.nb(run[-1], 1) != page.first:
                continue
            run = run[:-1]
        if moved and again is not None:  # the copy below the list is the headline
            del page.removed[again]
            page.headline = again
            page.found["title"] = [(again, page.lines[again].strip())]
        for i in run:
            page.take(i, Proposal(rule_id, "navigation", "head"))


_OUTLINE_MIN = 4


def _outline(page: Page, rule_id: str) -> None:
    """Contents the excerpt cut before its headings: the page opens, above its title, with
    four or more numbered headings in a row (一、工作回顾 / 二、工作安排 / （一）项目建设 …),
    short, no sentence in them, and a line that is no such heading follows them."""
    normed, filled = page.normed, page.filled
    run = []
    for i in filled:
        n = normed[i]
        if i >= page.first or i in page.removed or len(n) > 30 or SENT.search(n) \
                or "。" in n or not _NUMBERED.match(n):
            break
        run.append(i)
    nxt = page.nb(run[-1], 1) if run else None
    if len(run) >= _OUTLINE_MIN and nxt is not None and not _NUMBERED.match(normed[nxt]):
        for i in run:
            page.take(i, Proposal(rule_id, "navigation", "head"))


def contents_list(page: Page, rule_id: str, min_lines: int) -> None:
    """A document's table of contents above its text: `min_lines`+ short lines in a row above
    the first paragraph, with no sentence in them, each of which comes again further down as
    the text's own heading (一、工作回顾 / 二、工作安排 over the report that heads its parts with
    them). The copies below are body."""
    normed, removed = page.normed, page.removed
    last_at: dict[str, int] = {}
    for i in page.filled:
        last_at[normed[i]] = i
    _outline(page, rule_id)
    if page.first < len(normed) and last_at.get(normed[page.first], page.first) > page.first:
        return      # the first paragraph again too: a page printed twice, its head with it
    def item(i: int, n: str) -> bool:
        return (i < page.first and i not in removed and len(n) <= 40 and not SENT.search(n)
                and "。" not in n)

    run: list[int] = []
    for i in [*page.filled, len(normed)]:
        n = normed[i] if i < len(normed) else ""
        if item(i, n) and last_at.get(n, i) > i:
            run.append(i)
            continue
        # (a copy further down than the run itself: a heading the text repeats; and the list
        # ends there: one running on with numbered items never repeated is the text's own, its
        # first headings come again only because the excerpt was cut after them)
        if (len(run) >= min_lines and all(last_at[normed[k]] > run[-1] for k in run)
                and not (i < len(normed) and item(i, n) and _NUMBERED.match(n))):
            for k in run:
                page.take(k, Proposal(rule_id, "navigation", "head"))
        run = []


def bullet_list(page: Page, rule_id: str, min_lines: int) -> None:
    """A list of other stories under the article, each a bulleted headline (- 某某, • 某某),
    with no header left to open it: `min_lines`+ bulleted headline-shaped lines in a row in
    the tail, with furniture the rules removed between the article and them (a bulleted
    list right after the last paragraph is the article's own), are related."""
    tail = page.tail()
    marks = "-" + LEADS

    def item(i: int) -> bool:
        n = page.normed[i]
        if i in page.removed or n[0] not in marks:   # (most lines: no substitution made)
            return False
        core = LEAD.sub("", n)
        return (n != core
                and 6 <= len(core) <= 60
                and is_headline_shape(core, 60))

    run: list[int] = []
    for i in [*tail, None] if len(tail) >= min_lines else ():
        # taking the run never changes item(i): i is not in it
        is_item = i is not None and item(i)
        if i is not None and is_item and (not run or page.nb(run[-1], 1) == i):
            run.append(i)
            continue
        if len(run) >= min_lines and page.nb(run[0], -1) in page.removed:
            for j in run:
                page.take(j, Proposal(rule_id, "related", "tail"))
        run = [i] if i is not None and is_item else []
    _tail_headlines(page, rule_id)


# a paragraph's end: a sentence mark, maybe with its closing quote
_SENTENCE_END = twins.compile(r"[。!?…][”」』\"’]?$")


def _sentence(n: str) -> bool:
    """A line of text that ends as a sentence does (a post's short paragraph included)."""
    return len(n) >= 8 and (is_anchor_shape(n) or bool(_SENTENCE_END.search(n)))


def _kept_near(page: Page, i: int, step: int) -> int | None:
    """The nearest non-blank line from i in direction `step` that no rule removed."""
    j = page.nb(i, step)
    while j is not None and j in page.removed:
        j = page.nb(j, step)
    return j


def _prose_run(page: Page, run: list[int], prose: Any) -> bool:
    """A post's hand-broken lines, not a menu: the run stands between two sentence paragraphs
    (furniture the rules removed, a photo's file name, may stand between), and most of its
    lines hold a clause's marks (`prose`: 了 着 呢, 都 也 还 不, 我 你 他). A short line the
    title stage took for the headline right next to the run is one of them."""
    h = page.headline
    if h is not None and h not in page.removed and not _sentence(page.normed[h]):
        if page.nb(run[-1], 1) == h:
            run = [*run, h]
        elif page.nb(run[0], -1) == h:
            run = [h, *run]
    above, below = _kept_near(page, run[0], -1), _kept_near(page, run[-1], 1)
    if above is None or below is None:
        return False
    if not (_sentence(page.normed[above]) and _sentence(page.normed[below])):
        return False
    return _mostly_prose(page, run, prose)


def _mostly_prose(page: Page, run: list[int], prose: Any) -> bool:
    """Most lines of the run not yet removed hold a clause's marks (`prose`)."""
    own = [page.normed[i] for i in run if i not in page.removed]
    return 2 * sum(1 for n in own if prose.search(n)) > len(own)


def _runs_into(page: Page, run: list[int], prose: Any) -> bool:
    """A post's first hand-broken lines at the page top: most hold a clause's marks and the
    line under them closes the paragraph with its full stop (a list of headlines runs into the
    article's own headline, never into 。)."""
    below = _kept_near(page, run[-1], 1)
    if below is None or not page.normed[below].endswith("。"):
        return False
    own = [page.normed[i] for i in run if i not in page.removed]
    return 2 * sum(1 for n in own if prose.search(n)) > len(own)


# an item of a font-size or print bar, with its list mark or number
_FONT_TOOL = twins.compile(r"^[-•·*]?\s*(?:\d[.、]\s*)?"
                           r"(?:[大中小]|字号\S{0,4}|字体\S{0,4}|打印\S{0,4}|默认|放大|缩小|縮小|A\+|A-|列印)$")


# a price in a line ($100, ¥30, 250元): a fee table's row or a shop's item, no menu entry
_PRICED = twins.compile(r"[$＄¥￥]\s?\d|\d\s?元")
# an outline's numbered head ((3)关联租赁, （二）工作要求, ①公司作为出租人 — read on the line as
# written, full-width brackets too: the normal form makes ① a 1): a report's own structure, never
# a menu's item
_OUTLINE = twins.compile(r"^(?:[(（][一二三四五六七八九十\d]{1,2}[)）]|[\u2460-\u2473])\s?\p{Han}")
# a table's unit over its figures (单位:万元, 金额单位：元): the report's own label
_TABLE_UNIT = twins.compile(r"^(?:金额|货币|计量)?单位\s*[:：]")


_HAN_ONLY = regex.compile(r"^[\p{Han}“”]+$")


def _headline_set_short(page: Page, run: list[int], min_lines: int) -> bool:
    """A WeChat post's headline set a phrase a line (厚植家国情怀 / 传承红色基因 / 勇担社会使命,
    秋天到 / 稻谷香 / …): a short run opening the page, Chinese characters only and no rule's
    word in it, right above the first paragraph, no headline found elsewhere.
    A menu at a page's top has items the rules know (首页), a date or a mark in them (资讯中心 /
    刊物 / 文章 / 2018年8月), or more lines above the story."""
    if not run or run[0] != page.filled[0] or not min_lines <= len(run) <= min_lines + 1 \
            or any(i in page.removed or page.props[i] or not _HAN_ONLY.match(page.normed[i])
                   for i in run):
        return False
    j = page.nb(run[-1], 1)
    return (j is not None and j not in page.removed and _sentence(page.normed[j])
            and (page.headline is None or page.headline in run))


def menu_run(page: Page, rule_id: str, cfg: dict[str, Any], prose: Any = None) -> None:
    """Runs of `min_lines`+ consecutive short lines (no sentence punctuation, at most
    `max_len` characters) in the head or tail: one menu item a line. A run must touch the
    page's edge or furniture already removed, so a short list in the page's text (a poem,
    a table's labels) that stands alone between paragraphs stays; so does a run between two
    sentence paragraphs whose lines read as clauses (`prose`, the compiled `prose` pattern of
    the rule: a forum post's hand-broken lines, which a paragraph dropped from the body's edge
    may leave in the head or tail)."""
    max_len, min_lines = int(cfg.get("max_len", 8)), int(cfg.get("min_lines", 3))
    filled = page.filled
    if not filled:
        return
    # a page with no paragraph at all (a portal's front, cut before any story): the whole of
    # it is page head, and a menu there runs long, with its widgets' labels (投票率:) in it
    bodyless = not page.anchors
    if bodyless:
        max_len, min_lines = 2 * max_len, 2 * min_lines
    cells = table_cells(page)   # a table's labels and cells are the article's, however short

    def short(i: int) -> bool:
        n = page.normed[i]
        # a figure with its marks (18~26℃, 3,286.65) is a table's or a ticker's, not a menu
        # item (a page number 2 is)
        # a headline taken only for its shape may be a menu item (• 頭條, shown twice)
        # (a line led by a long dash is a subtitle or a place under its praise: ——镜泊湖)
        return (len(n) <= max_len and not SENT.search(n) and not n.endswith(",")
                and (bodyless or not n.endswith(":")) and not n.startswith("——")
                and (i != page.headline or not page.headline_sure) and not _FIGURE.match(n)
                and i not in cells and not CHAPTER.match(n) and not NUMBERED_HEADING.match(n)
                and not _OUTLINE.match(page.lines[i].lstrip())
                and not _TABLE_UNIT.match(n) and not _PRICED.search(n))

    def flush(run: list[int], touches: bool) -> None:
        if (prose is not None and touches and len(run) >= min_lines
                and _prose_run(page, run, prose)):
            return  # the whole run, a guessed headline in it too: a post's lines
        # a long run whose lines read as clauses (当你在深夜里 / 但他们时刻都守护在你身边): a
        # post written a phrase a line, wherever it stands; a menu's items are nouns
        if prose is not None and len(run) >= 2 * min_lines and _mostly_prose(page, run, prose):
            return
        prev = page.nb(run[0], -1) if run else None
        if (prev is not None and prev >= page.last and prev not in page.removed
                and page.normed[prev].endswith(":")):
            # the list the last paragraph, or an item under it, announces (…依次是： / 故宫博物院
            # / …; * 全港六十个公共屋邨商场: / 香港区 / 柴湾)
            return
        if _headline_set_short(page, run, min_lines):
            return
        if page.headline in run:
            # the headline guessed at goes with the menu only when menu items follow it
            k = run.index(page.headline)
            if sum(j not in page.removed for j in run[k + 1:]) < min_lines:
                run = run[:k]
        # two items of its own at least: one short subhead next to removed furniture stays
        # with no body to stand beside, the run shows itself furniture by holding some line
        # the rules took (首页, English, 跳至内容); a list of names alone stays
        if (len(run) >= min_lines and touches
                and sum(i not in page.removed for i in run) >= 2
                and (not bodyless or any(i in page.removed for i in run))):
            items = [i for i in run if i not in page.removed]
            # a font-size or print bar (- 大 / - 中 / - 小, 1. 字号加大) is the article's tools,
            # metadata as its one-line form (字号：大 中 小) is
            reason = ("metadata" if sum(bool(_FONT_TOOL.match(page.normed[i])) for i in items)
                      * 2 > len(items) else "navigation")
            for i in items:
                page.take(i, Proposal(rule_id, reason, "edge"))
            if page.headline in run:  # no headline, then: the menu held the guess
                left = [t for t in page.found.pop("title", []) if t[0] != page.headline]
                if left:
                    page.found["title"] = left
                page.headline = None

    def under_top(run: list[int]) -> bool:
        # a long run (twice min_lines) with nothing above it but a line or two of the
        # same kind, longer (六安沧州西安三亚宝鸡菏泽 over 投稿投诉 / 菏泽德阳 / …): the
        # page's top menu, whose first items the page set on one line
        # (not a headline's: a list under the headline found above it is the article's)
        above = filled[:filled.index(run[0])]
        return (len(run) >= 2 * min_lines and len(above) <= 2
                and (page.headline is None or page.headline > run[-1])
                and all(len(page.normed[j]) <= 2 * max_len and not SENT.search(page.normed[j])
                        and not page.normed[j].endswith(":") for j in above))

    for lines in ((filled, []) if bodyless else (page.head(), page.tail())):
        if len(lines) < min_lines:
            continue    # (flush takes no shorter run)
        run: list[int] = []
        for i in lines:
            # flush never changes short(i): the headline it may drop is in the run, not i
            is_short = short(i)
            if is_short and (not run or page.nb(run[-1], 1) == i):
                run.append(i)
                continue
            flush(run, bool(run) and (run[0] == filled[0] or page.nb(run[0], -1) in page.removed
                                      or page.nb(run[-1], 1) in page.removed
                                      or (lines is not filled and under_top(run))))
            run = [i] if is_short else []
        if run:
            flush(run, run[0] == filled[0] or run[-1] == filled[-1]
                  or page.nb(run[0], -1) in page.removed)
    _headline_list(page, rule_id, min_lines, prose)


def _caption_edge(page: Page) -> None:
    """A picture's caption shaped like a paragraph (△ 7月13日，某路段被淹。) is no anchor, as a
    rule took it; but it stands inside the article, as would an anchor: the body zone reaches
    it, and the sentence lines right after it (a last paragraph cut short) stay body zone."""
    if not page.anchors:
        return
    caps = [i for i, r in page.removed.items()
            if i > page.last and r.reason == "caption" and is_anchor_shape(page.normed[i])]
    if not caps:
        return
    last = max(caps)
    for j in range(last + 1, len(page.lines)):
        n = page.normed[j]
        if not n:
            continue
        if j in page.removed or page.props[j] or len(n) < 20 or not ("," in n or SENT.search(n)):
            break
        last = j
    page.last = last


def _tail_headlines(page: Page, rule_id: str) -> None:
    """Other stories' headlines under the article with no header left to name them: after
    furniture the rules removed in the tail, a run of headline lines (maybe with bare dates,
    maybe each shown twice, as a card's title and its link) that runs to the page's end or to
    more furniture. Two headlines or more with a date line or a repeat among them: a closing
    line or two of the article (a signature, its date) is neither; a plain run of headlines
    under a label is lists.story_lists'."""
    tail = page.tail()
    if sum(i not in page.removed for i in tail) < 2:
        return      # (a run it takes holds two headlines, and only lines not removed)

    def item(i: int) -> bool:
        n = page.normed[i]
        # (a cell closed by its bar, 同比增长(%) |, is a table's: its heads repeat by column;
        # a row of figures run together, 10403/20-04/2670萬13公頃…, is a table's too)
        return (_item(n) and len(n) >= 8 and not _NOT_HEADLINE.search(LEAD.sub("", n))
                and not n.endswith((":", ",", "|")) and not _figures_row(n))

    run: list[int] = []
    for i in [*tail, None]:
        # taking the run never changes item(i): i is not in it
        is_item = i is not None and i not in page.removed and item(i)
        if i is not None and (is_item or (i not in page.removed and run and _STAMP.match(
                page.normed[i]))) and (not run or page.nb(run[-1], 1) == i):
            run.append(i)
            continue
        before = page.nb(run[0], -1) if run else None
        if before is not None and before in page.removed and before > page.last:
            heads = [j for j in run if not _STAMP.match(page.normed[j])]
            texts = [page.normed[j] for j in heads]
            repeat = len(set(texts)) < len(texts) or any(
                a != b and b.startswith(a[:12]) for a, b in pairwise(texts))
            if len(heads) >= 2 and (repeat or len(heads) < len(run)):
                for j in run:
                    page.take(j, Proposal(rule_id, "related", "tail"))
        run = [i] if i is not None and is_item else []


def _figures_row(n: str) -> bool:
    """More than twice as many digits as Han characters: a table's row run together, no
    headline (a headline with figures, 2025年1-9月全市GDP增长5.3%, has words around them)."""
    digits = sum(c.isdigit() for c in n)
    return digits > 2 * len(_HAN_CHARS.findall(n))


_HAN_CHARS = twins.compile(r"\p{Han}")


# a post's header: the poster, a verb of posting, the day (某某 发表于 2022-12-1 22:36:48)
_POSTED = twins.compile(r"^(?:([\w\-.·\p{Han}]{1,20})\s+)?(?:发表|回复|回覆)于\s*:?\s*"
                        r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}")


def forum_replies(page: Page, rule_id: str) -> None:
    """A forum thread's replies under its first post: after a header naming another poster
    than the first post's (某某 发表于 …), the lines up to the next header are a reader's
    reply, a comment; the first poster's own later posts stay (a long post goes on over
    several floors)."""
    # (a header with no name counts only with a board's floor tools after its stamp: two bare
    # 发表于 stamps may be a repost's and its source's, over the one text)
    heads = [(i, m.group(1) or "") for i in page.filled if (m := _POSTED.match(page.normed[i]))
             and (m.group(1) or _FLOOR_TOOLS.search(page.normed[i], m.end()))]
    if heads:
        _panel_figures(page, rule_id)
    if len(heads) < 2:
        return
    starter = heads[0][1]
    for (i, name), nxt in zip(heads[1:], [*heads[2:], (len(page.lines), "")], strict=True):
        if name and name == starter:
            continue    # (a header whose name the page lost, 发表于 … alone, is another's)
        reply = [j for j in page.filled[bisect_right(page.filled, i):bisect_left(page.filled,
                                                                                  nxt[0])]
                 if j not in page.removed]
        if nxt[1] == "" and len(reply) > 2:
            # the last reply has no header under it to end it: its first line only, the page
            # may go on with its own text
            reply = reply[:1]
        for j in reply:
            page.take(j, Proposal(rule_id, "comment", "any"))


# a board's tools on a floor's header line (| 显示全部楼层 |阅读模式, | 只看该作者)
_FLOOR_TOOLS = twins.compile(r"显示全部楼层|只看该作者|倒序浏览|阅读模式|电梯直达|楼主")
# the rules that take a forum member's panel and a post's buttons (主题 / 回帖 / 积分, 回复 举报)
_PANEL_RULES = (".forum_panel", ".split_fields", ".widget_labels", ".post_actions")


def _panel_figures(page: Page, rule_id: str) -> None:
    """A member panel's figures printed over their keys (35 / 主题 / 1719 / 回帖): a bare
    figure between two lines the rules took, one of them the panel's, is the panel's too: the
    member's metadata, as the panel's fields are."""
    for i in page.filled:
        n = page.normed[i]
        if i in page.removed or not n.isdigit() or len(n) > 7:
            continue
        around = [j for j in (page.nb(i, 1), page.nb(i, -1)) if j is not None]
        if (len(around) == 2 and all(j in page.removed for j in around)
                and any(page.removed[j].rule.endswith(_PANEL_RULES) for j in around)):
            page.take(i, Proposal(rule_id, "metadata", "any"))


# what opens the page's own furniture under a story: its comment box or its list of other stories
_CLOSERS = frozenset({"comment", "related"})


def _closed_body(page: Page, anchors: list[int],
                 proposals: Callable[[str], list[Proposal]]) -> list[int]:
    """The body ends above a comment box's or a related list's header (我要评论, 发表意见,
    新闻推荐, 相关阅读) that a rule took or proposes (a header rule of the tail zone does not act
    between paragraphs): the few sentence lines under it — the box's terms of use, other
    stories' teasers, the site's own blurb — are the page's, not the article's. Only when at
    most three such lines follow and they hold less text than the paragraphs above it."""
    if len(anchors) < 2:
        return anchors
    normed, removed = page.normed, page.removed
    for i in range(anchors[0] + 1, anchors[-1]):
        n = normed[i]
        if not n or len(n) > 20 or SENT.search(n):
            continue
        # (rezone runs before the scorers: what is removed here a rule took)
        r = removed.get(i) or next(iter(proposals(n)), None)
        # (a notice's 附件： heads its attachments, whose text — a plan, its sections — is the
        # notice's own)
        if r is None or r.reason not in _CLOSERS or r.rule == ATTACHMENT_RULE:
            continue
        above = [a for a in anchors if a < i]
        below = [a for a in anchors if a > i]
        if above and len(below) <= 3 and (sum(len(normed[a]) for a in below)
                                           < sum(len(normed[a]) for a in above)):
            return above
        if above and r.reason == "related" and _paired(page, below):
            # other stories' headlines and teasers, however long: the header's block
            for a in below:
                for j in (page.nb(a, -1), a):
                    if j is not None and j not in removed:
                        page.take(j, Proposal(r.rule, "related", "any"))
            return above
    return anchors


def _paired(page: Page, below: list[int]) -> bool:
    """Two to six sentence lines under a related header, each under a headline of its own
    (上海地铁发生持刀伤人案件 / 记者19日从…获悉，…): other stories' headlines and teasers, however
    long the teasers run."""
    def headed(a: int) -> bool:
        h = page.nb(a, -1)
        return (h is not None and h not in page.anchors and 6 <= len(page.normed[h]) <= 40
                and not page.normed[h].endswith(("。", ":", ";", ",")))
    return 2 <= len(below) <= 6 and all(headed(a) for a in below)


def rezone(page: Page, proposals: Callable[[str], list[Proposal]]) -> None:
    """Paragraphs removed (teasers, repeats) may move the body's edges: the lines that fall
    outside it now meet the rules of the head and tail."""
    _caption_edge(page)
    _late_related(page, proposals)
    # a caption taken between paragraphs (△ 7月11日，…) does not end the body there
    anchors = [a for a in page.anchors
               if a not in page.removed or page.removed[a].reason == "caption"]
    anchors = _closed_body(page, anchors, proposals)
    if not anchors or anchors == page.anchors:
        return
    old_first, old_last = page.first, page.last
    page.anchors = anchors
    page.first, page.last = anchors[0], anchors[-1]
    moved = [i for i in range(len(page.lines))
             if (i < page.first and i > old_first) or (i > page.last and i < old_last)]
    for i in moved:
        n = page.normed[i]
        if not n or i in page.removed:
            continue
        z = page.zone(i)
        for p in proposals(n):
            if (_fits(p, z) and not (p.tail_company and z == "tail" and not tail_company(page, i))
                    and not (p.not_in_table and i in table_cells(page))):
                page.take(i, p)
                break


# a numbered head or item (一、 （二） 1.1項目背景 2. 某表 第三章): the article's outline goes on
_NUMBERED = twins.compile(r"^(?:[一二三四五六七八九十]+[、.]|[一二三四五六七八九十]{1,3}\s+\p{Han}"
                          r"|\(?[一二三四五六七八九十\d]{1,2}\)"
                          r"|\d{1,2}(?:\.\d{1,2})*[.、]?\s*\p{Han}|第[一二三四五六七八九十\d]+[章节条部])")
# a notice's signature date, in figures or in Chinese numerals (二○○九年一月二十二日)
# (a letter's or diary's may say where it was written: 2020年2月12日于武汉, …夜写于北京)
SIGNED = twins.compile(r"^(?:(?:19|20)\d{2}|二[○〇零0]\S{2})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日"
                       r"(?:\s*(?:[晨夜晚]|凌晨|深夜)?\s*(?:写|草|作)?于\s*\p{Han}{2,8})?$")
# an issuer's name at a notice's foot (区科学技术局, 县农业农村局, 某某街道)
ISSUER = twins.compile(r"(?:局|厅|办|委|委员会|政府|中心|办公室|院|所|处|科|站|会|公司|集团"
                        r"|学校|大学|中学|小学|医院|部|队|街道|社区|村|镇|乡)$")
# a person's name alone (a letter's or a diary's writer over its date)
_SIGNER = twins.compile(r"^\p{Han}{2,4}$")
# a joint notice's issuers at its foot, a few to a line (交通运输部 商务部, 市场监管总局 能源局)
_DEPARTMENT = r"\p{Han}{2,14}(?:局|厅|办|委|委员会|政府|办公室|部|署)"
ISSUERS = twins.compile(rf"^{_DEPARTMENT}(?:\s+{_DEPARTMENT}){{1,3}}$")
_COUNTER = twins.compile(r"^\d{1,5}$")
# a notice's own contact line (联系人：…, 咨询电话：…, 地址：…): a site's (编辑部电话) is furniture
CONTACT_KEY = twins.compile(r"^[^:]{0,6}(?:联系|联络|咨询|报名)[^:]{0,4}:"
                             r"|^(?:电话|地址|邮箱|电子邮箱|传真|地点|时间):")
# the line's own shape says metadata: a date or time stamp, a credit word, an outlet's name, a
# name in brackets or names alone
STAMPED = twins.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}|\d{1,2}:\d{2}|记者|通讯员|编辑|作者|来源|摄"
                         r"|审核|校对|监制|撰稿|供稿|出品|原标题|^[文图]\s*/"
                         r"|\p{Han}" + outlet_alternation() + "$"
                         r"|^\(\p{Han}{2,4}\)$|^\p{Han}{2,3}(?:[\s、·]+\p{Han}{2,3})*$")


# a short headline that asks or exclaims, one mark at its end (某某哪些球队晋级?)
ASKED = regex.compile(r"^[^。，,；;：:!?！？]{4,22}[?？!！]$")


def _asked_among(page: Page, i: int) -> bool:
    """A headline that asks or exclaims (大湾区大学有哪些亮点?), one mark at its end, between
    lines that are removed furniture or hold no sentence (or nothing below): a related list's
    item."""
    if ASKED.match(page.normed[i]) is None:
        return False
    above, below = page.nb(i, -1), page.nb(i, 1)
    return (above is not None and (above in page.removed or not _sentence_like(page.normed[above]))
            and (below is None or below in page.removed
                 or not _sentence_like(page.normed[below])))


# the closing formula of a notice or an official letter, alone on its line (特此通知, 此复)
_CLOSING = twins.compile(r"^(?:特此(?:通知|公告|通告|函告|函复|批复|说明|证明|报告|告知|函)"
                         r"|此复|此致)[。!]?$")


def _sentence_like(n: str) -> bool:
    """A line of the article's text, not of its furniture: sentence punctuation, a paragraph's
    shape, a clause cut by a comma (a teaser cut short with … is a teaser, not text), or a
    notice's closing formula (特此通知)."""
    return (n.find("。") >= 0 or bool(SENT.search(n)) or is_anchor_shape(n)
            or (len(n) >= 15 and "," in n and not n.endswith(("...", "…")))
            or _CLOSING.match(n) is not None)


def after_body(page: Page, rule_id: str, max_len: int = 40, max_plain: int = 3) -> None:
    """Lines under the last paragraph that the rules left, judged by their shape and their
    place: a short line (at most `max_len`) with no sentence in it goes when page furniture the
    rules removed stands between it and the body (an outlet's name, a bare date, a menu word, a
    cut teaser headline under 相关推荐), or, for the first `max_plain` such lines right under
    the body, when furniture follows them (a byline name, a stamp). What the article still says
    stays: nothing is taken above a sentence, a numbered head or item the rules left further
    down (the page resumes: a second story, a report's next section); never a notice's
    signature (an issuer, its date), a table row or a table written one cell a line, a list
    item or field under the body (联系电话：…) with no furniture before it."""
    normed, removed = page.normed, page.removed
    tail = page.tail()
    if not page.anchors or not tail:
        return
    # what stays of the article's text down the page: nothing is taken above it (a question
    # or exclamation headline among removed furniture does not resume it: 某大学有哪些亮点?)
    asked = {i for i in tail if i not in removed and _asked_among(page, i)}
    # a widget's numbered headline printed again as its link under it (1. 某某宣布胜选 /
    # 某某宣布胜选 / 2小时前): no item of the article's own list
    doubled = {i for i in tail if i not in removed and _doubled_item(page, i)}
    doubled |= {j for i in doubled if (j := page.nb(i, 1)) is not None}   # (and its copy)
    resume = max((i for i in tail if i not in removed and i not in asked and i not in doubled
                  and (_sentence_like(normed[i]) or _NUMBERED.match(normed[i]))), default=-1)
    # furniture opens the tail; a photo credit, or a line a scorer took, above text that goes
    # on does not (a story told a phrase a line: 这里 / 是山区里跑的120 / …)
    furniture = [i for i in tail if i in removed and removed[i].reason != "decoration"
                 and not (i < resume and (removed[i].reason == "caption"
                                          or removed[i].rule.startswith("boilerplate.scored.")))]
    first = furniture[0] if furniture else len(normed)
    # the lines the rules left between the body and the furniture; those under a paragraph
    # that ends in a colon are the list it announces (…依次是： / 故宫博物院 / …)
    plain, broken = 0, announces_list(page)
    cells = table_cells(page)
    for k, i in enumerate(tail, len(page.filled) - len(tail)):
        n = normed[i]
        if i in removed or i == page.headline or i in cells:
            continue
        if i < first:
            plain += 1
            if broken:
                continue
            broken = _sentence_like(n) or n.endswith(":")
        if i <= resume or len(n) > max_len or (_sentence_like(n) and i not in asked) \
                or (text_shaped(n) and i not in doubled):
            continue
        if n[0] in LEADS or n.startswith(("- ", "-\u3000")):
            continue  # a bulleted list is the list passes' (two items under furniture stay)
        if over_signature_date(page, i) or signed_in_figures(page, i):
            continue  # under a notice's attachments (附件: …doc) too
        if key_value_row(page, k):
            continue  # a table's row (名称 江城工匠 / 起源时间 2016年 …)
        if not furniture and (not _COUNTER.match(n) or _next_number(page, i)):
            continue  # no furniture: only a bare count (likes, views) is no article's line
        # no furniture above it: only the first lines, no notice's own lines, and no closing
        # line of the article's own (让每一位老人都吃上热乎饭) unless a name, stamp or credit
        if i < first and not _bare(page, i) and (
                plain > max_plain or broken or ISSUER.search(n) or ":" in n or n.count("|") >= 2
                or (len(n) >= 8 and is_title_shape(n) and not STAMPED.search(n))):
            continue
        page.take(i, Proposal(rule_id, own_reason(page, i), "tail"))


def _next_number(page: Page, i: int) -> bool:
    """A bare number one more than a bare number above it (1 / item / 2 / item): the article's
    own items numbered on lines of their own, not a count of likes."""
    n = page.normed[i]
    return n.isdigit() and str(int(n) - 1) in {page.normed[j] for j in page.filled if j < i}


def announces_list(page: Page) -> bool:
    """The last paragraph ends in a colon (…参观人数最多的10家博物馆依次是：): the short lines
    right under it are the list it announces, the article's own."""
    return bool(page.anchors) and page.normed[page.last].endswith(":")


def _doubled_item(page: Page, i: int) -> bool:
    """A numbered item whose words the next line prints again (1. 某某宣布胜选 / 某某宣布胜选):
    a widget's headline and its link."""
    m = _ITEM_NUMBER.match(page.normed[i])
    j = page.nb(i, 1)
    return (m is not None and j is not None and len(page.normed[i]) - m.end() >= 6
            and page.normed[j] == page.normed[i][m.end():])


# an item's number: 1. 2、 (3)
_ITEM_NUMBER = twins.compile(r"^(?:\d{1,2}[.、]|\(\d{1,2}\))\s*")


def over_signature_date(page: Page, i: int) -> bool:
    """A notice's issuer or a letter's writer right over its signature date (校学位办公室 /
    二○一二年六月十八日, 李晓雯 / 2022年4月18日夜于西安): the text's own signature."""
    n, below = page.normed[i], page.nb(i, 1)
    return ((ISSUER.search(n) is not None or _SIGNER.match(n) is not None)
            and below is not None and SIGNED.match(page.normed[below]) is not None)


# a date in figures alone on its line (2019.1.3, 2019-01-03, 2019/1/3)
_FIGURE_DATE = twins.compile(r"^(?:19|20)\d{2}([./-])\d{1,2}\1\d{1,2}$")
# a two-column table's row: a short key, one space, its value (起源时间 20世纪50年代)
_KEY_VALUE = twins.compile(r"^[\u4e00-\u9fff]{2,8} [^ ]{2,}$")


def signed_in_figures(page: Page, i: int) -> bool:
    """A notice's date in figures right under its issuer, both standing (妇委会 / 2019.1.3):
    its signature, as 2019年1月3日 there is."""
    if not _FIGURE_DATE.match(page.normed[i]):
        return False
    above = page.nb(i, -1)
    return (above is not None and above not in page.removed
            and ISSUER.search(page.normed[above]) is not None)


def key_value_row(page: Page, k: int) -> bool:
    """The k-th non-blank line is a row of a table written key, space, value, one row a line:
    four such rows or more in a row, two of them with a value of 8 characters or more (a
    menu's pairs are short)."""
    normed, filled = page.normed, page.filled
    if not _KEY_VALUE.match(normed[filled[k]]):
        return False
    lo = hi = k
    while lo > 0 and _KEY_VALUE.match(normed[filled[lo - 1]]):
        lo -= 1
    while hi + 1 < len(filled) and _KEY_VALUE.match(normed[filled[hi + 1]]):
        hi += 1
    rows = [normed[filled[j]] for j in range(lo, hi + 1)]
    return len(rows) >= 4 and sum(len(r.split(" ", 1)[1]) >= 8 for r in rows) >= 2


def text_shaped(n: str) -> bool:
    """Short lines of an article's own text: a numbered head or item, a signature date, a
    contact field, a table row."""
    return bool(_NUMBERED.match(n) or SIGNED.match(n) or CONTACT_KEY.match(n)
                or (n.count("|") >= 2 and any(c.isdigit() for c in n)))


def _bare(page: Page, i: int) -> bool:
    """A counter, a stamp, a Latin widget word (1, 2021-06-26, Leave a Reply) on a page whose
    tail holds furniture: no article ends on a line without a Han character there, but for a
    table's or a forecast's figures (18~26°C) and a notice's date under its issuer."""
    n = page.normed[i]
    if _HAN.search(n) or _FIGURE.match(n):
        return False
    above = page.nb(i, -1)
    return not (above is not None and ISSUER.search(page.normed[above])
                and any(c.isdigit() for c in n))


def own_reason(page: Page, i: int) -> str:
    """A short stamp, credit or name is metadata; else the reason of the nearest furniture above
    it (a teaser under related headlines is related), or below it."""
    n = page.normed[i]
    if len(n) <= 16 and STAMPED.search(n):
        return "metadata"

    def furniture(j: int) -> bool:
        return j in page.removed and page.removed[j].reason != "decoration"
    above = (j for j in range(i - 1, page.last if i > page.last else -1, -1) if furniture(j))
    below = (j for j in range(i + 1, len(page.lines)) if furniture(j))
    j = next(above, None)
    if j is None:
        j = next(below, None)
    r = page.reason(j)
    # under a share row, a line its rules did not know is a column's or site's name, not a button
    return "navigation" if r in (None, "title", "share") else r


def before_body(page: Page, rule_id: str, max_len: int = 30) -> None:
    """Lines between the headline and the first paragraph that the rules left, with furniture
    the rules removed both above and below them in that block (a byline name between 来源 and
    the reading count, a column's label between menus): short (at most `max_len`), no
    sentence, not shaped like a subtitle or a second headline, not a numbered head, a label
    (摘要:) or a dash subtitle, and only plain lines below them down to the body (a salutation
    各单位: ends the block)."""
    h = page.headline
    if h is None or not page.anchors:
        return
    normed, removed = page.normed, page.removed
    block = [i for i in range(h + 1, page.first) if normed[i]]

    def furniture(j: int) -> bool:
        return j in removed and removed[j].reason not in ("decoration", "title")
    held = [j for j in block if furniture(j)]
    if len(held) < 2:
        return
    first_furniture, last_furniture = held[0], held[-1]
    stop = max((i for i in block if i not in removed
                and (_sentence_like(normed[i]) or normed[i].endswith(":"))), default=-1)
    cells = table_cells(page)     # a table written a cell a line (年份 / 2010 / 38296 …) stays
    for i in block:
        n = normed[i]
        if (i in removed or i <= stop or i in cells or len(n) > max_len or _sentence_like(n)
                or text_shaped(n) or n.startswith(("—", "-", "("))
                or (len(n) >= 8 and is_headline_shape(n) and not (len(n) <= 12
                                                                and STAMPED.search(n)))):
            continue
        if first_furniture < i < last_furniture:
            page.take(i, Proposal(rule_id, own_reason(page, i), "head"))


# a notice's own attachment list: 附件：1.报名表.doc, its next items under it (2.计划表.xls)
_OWN_ATTACHMENT = twins.compile(r"^附件\s*\d*\s*[:：]\s*\S")
_FILE_ITEM = twins.compile(r"^\d{1,2}\s*[.、]\s*\S.{0,80}"
                           r"\.(?:docx?|xlsx?|pdf|wps|zip|rar|pptx?|et|ofd)$")
ATTACHMENT_RULE = "boilerplate.related.attachment"


def _attachment_items(page: Page) -> set[int]:
    """The items under a notice's own 附件：1.… line (2.计划表.doc …): the notice's lines, as a
    table's cells are."""
    normed, out = page.normed, set()
    for i in page.filled:
        if normed[i].startswith("附件") and _OWN_ATTACHMENT.match(normed[i]):
            j = page.nb(i, 1)
            while j is not None and _FILE_ITEM.match(normed[j]):
                out.add(j)
                j = page.nb(j, 1)
    return out


# the line rules that name an anti-copy jammer's noise (k/O&,T77}J; s7 b9 N! n$ …)
_JAMMER_RULES = (".jammer_token", ".scrambler", ".scrambler_named")
# a paragraph the jammer opened with its noise (D.*JG7;=Z 某某…): up to three tokens of ASCII
# with two marks no word holds and two letters, then the paragraph's words
_NOISE_LEAD = twins.compile(r"^(?=(?:[!-~]{1,16}\s){1,3}\S*\p{Han})"
                            r"(?=[!-~\s]*?[!#$%&()*+/:;<=>?@\[\\\]^`{|}~][!-~\s]*?"
                            r"[!#$%&()*+/:;<=>?@\[\\\]^`{|}~])"
                            r"(?=[!-~\s]*?[A-Za-z][!-~\s]*?[A-Za-z])(?:[!-~]{1,16}\s){1,3}")
# a short line of ASCII alone: a letter and a mark or both letter cases, no word of four
# letters (a photo's file name, 2018-06-21_194216, has no letter)
_NOISE_LINE = twins.compile(r"^(?!.*(?<![A-Za-z])(?:[A-Z]?[a-z]{3,}|[A-Z]{4,})(?![A-Za-z]))"
                            r"(?=.*[A-Za-z])(?=.*(?:[!-/:-@\[-`{-~]|[a-z][A-Z]|[A-Z][a-z]))"
                            r"[!-~ ]+$")


def jammer_lines(page: Page, rule_id: str, min_lines: int, max_len: int) -> None:
    """A page an anti-copy jammer sprinkled with noise: its short lines of ASCII alone (Wv=L_E_,
    p-, oCrn, cS(;Qs]Q 2 x32U), which no line alone shows, are noise when the page holds
    `min_lines` noisy lines in all and one at least is plainly the jammer's (a line the rules
    named as noise, or a paragraph opened by it)."""
    sure = sum(1 for i in page.filled
               if (i in page.removed and page.removed[i].rule.endswith(_JAMMER_RULES))
               or (i not in page.removed and _NOISE_LEAD.match(page.normed[i])))
    if not sure:
        return
    # (a bit another rule took, oCrn as a Latin label, counts as noise all the same)
    bits = [i for i in page.filled
            if len(n := page.normed[i].strip()) <= max_len and _NOISE_LINE.match(n)
            and not (i in page.removed and page.removed[i].rule.endswith(_JAMMER_RULES))]
    if sure + len(bits) < min_lines:
        return
    for i in bits:
        if i not in page.removed:
            page.take(i, Proposal(rule_id, "decoration", "any"))


def own_attachments(page: Page) -> None:
    """The attachment rule takes a download widget's bare file names: those of a notice's own
    list (table_cells holds them) go back."""
    removed = page.removed
    for j in table_cells(page):
        if j in removed and removed[j].rule == ATTACHMENT_RULE:
            del removed[j]
