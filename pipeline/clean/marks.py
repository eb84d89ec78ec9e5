"""Marks and word lists that several page passes read (zones.py, lists.py), defined once."""
from __future__ import annotations

import regex

from . import twins

# the marks that lead a list item or a related headline (• 某某, ◆ 某某, ▶ 某某, >> 某某); a
# dash leads one too, but a line opening with it may be a subtitle (——某某), so each pass
# says whether it counts
LEADS = "•·・▪◆●■□◎*>»▶►"
# a line's leading marks, dashes and spaces: what is left is the item's text
# (\s before the escaped dash: twins makes no twin with a class escape right after a -)
LEAD = twins.compile(r"^[" + regex.escape(LEADS) + r"\s\-]+")
# a list's mark alone on its line (- / item / - / item: a list written a mark a line); not a
# breadcrumb's > alone between menu words
BARE_MARK = regex.compile(r"^[-*+•·・▪◆●■□◎]$")


def list_mark(normed: list[str], filled: list[int], k: int) -> bool:
    """The k-th non-blank line is a list's mark alone on its line, with another two lines above
    or under it (- / item / - / item); one alone may part a headline from its byline."""
    return bool(BARE_MARK.match(normed[filled[k]])) and any(
        0 <= j < len(filled) and BARE_MARK.match(normed[filled[j]]) for j in (k - 2, k + 2))
# an item of an e-paper's bulleted story list: a dot, then the headline (· 最后的木排)
DOT_ITEM = twins.compile(r"^(?:[·•・]\s*|-\s+)(?=\S)")

# what the name of a paper, a station, a site or its app ends in (江城日报, 港城网, 某某电视台,
# 江州日报数字报, 某某客户端); lines are matched in their normal form (simplified script)
OUTLET_ENDS = ("网", "报", "社", "台", "新闻", "日报", "晚报", "时报", "周刊", "杂志", "客户端",
               "电视", "电台", "数字报", "数字报刊", "电子报", "电子版", "数字版", "融媒体中心")


def outlet_alternation(ends: tuple[str, ...] = OUTLET_ENDS) -> str:
    """The ends as a regex alternation, longest first."""
    return "(?:" + "|".join(map(regex.escape, sorted(ends, key=len, reverse=True))) + ")"


def trails_off(n: str) -> bool:
    """A clause that trails off with …… (six dots after NFKC): the end of a paragraph, never a
    headline in a list nor a teaser the site cut short (that one ends in a single … or ...)."""
    return n.endswith("......") and "," in n
