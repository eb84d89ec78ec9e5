"""Teasers cut off mid-sentence: other stories' opening lines that a site prints under or
between the article's paragraphs, each cut at a set length and closed with three dots
(…。該法案自今年初通過內閣會議審議,... / …此役双方首发已经公布。马赛首发:1-鲁利...).

Each is shaped like a paragraph, so no line rule may take one alone, and a writer may end a
sentence of the article with an ellipsis too. What tells a list of teasers is the cut: a
paragraph that stops on a word or a comma with exactly three dots (a writer's ellipsis is
…… or ......), and a page that holds `min_lines` of them or more. On 720 labelled real pages,
every page with two or more such lines was a teaser list (15 lines); a page with one had a
body line among them (an article's own summary), so one line alone is never taken.

Each teaser's own headline right above it and its date stamp right under it go with it.

Switched on by a rule entry in rules/boilerplate/related.yaml (`detector: cut_teasers`).
"""
from __future__ import annotations

from typing import Any

from . import twins
from .detectors import Proposal
from .lists import _DATE_LINE as DATE_LINE
from .page import Page
from .shapes import SENT

PASSES = ("cut_teasers",)

_CACHE: dict[str, Any] = {}
_ENDED = twins.compile(r"[。!?;”」』\"')）)]$")
_DIGITS = twins.compile(r"\d+")


def run(page: Page, rules: dict[str, dict[str, Any]]) -> None:
    entry = rules.get("cut_teasers")
    if entry is None:
        return
    normed = page.normed
    min_len, min_lines = int(entry.get("min_len", 30)), int(entry.get("min_lines", 2))
    # (most pages hold no line ending in a dot: a cheap test before the pattern)
    ends = [i for i in page.filled if normed[i][-1] in ".…" and len(normed[i]) >= min_len]
    if len(ends) < min_lines:
        return
    cut = _CACHE.get(entry["pattern"])
    if cut is None:
        cut = _CACHE[entry["pattern"]] = twins.compile(entry["pattern"])
    teasers = [i for i in ends if i != page.headline and cut.search(normed[i])]
    if len(teasers) < min_lines:
        return
    # a listing page (a tag's or channel's headline + lead items) holds no paragraph but its
    # teasers and their headlines: they are what the page is, not a list beside an article
    # (labellers: body)
    # (the page's last line, cut by the excerpt mid-sentence, is one more item of the list)
    shown = set(teasers) | {page.nb(i, -1) for i in teasers}
    # (an item whose lead the site printed whole, not cut, is one more item when the stamp
    # under it has the cut items' stamps' shape: 2024年7月17日讀畢需時 6 分鐘 under each)
    stamps = {_DIGITS.sub("0", normed[b]) for i in teasers
              if (b := page.nb(i, 1)) is not None and len(normed[b]) <= 40
              and any(c.isdigit() for c in normed[b])}
    for a in page.anchors if stamps else ():
        b = page.nb(a, 1)
        if b is not None and _DIGITS.sub("0", normed[b]) in stamps:
            shown.update((a, page.nb(a, -1)))
    last = page.filled[-1]
    if not _ENDED.search(normed[last]):
        shown.add(last)
    if not any(i not in shown and i not in page.removed for i in page.anchors):
        return
    reason = entry.get("reason", "related")
    for i in teasers:
        if i not in page.removed:
            page.take(i, Proposal(entry["id"], reason, "any"))
    # each teaser's own headline right above it and its date stamp right under it (a list
    # printed headline / teaser / 2026-01-28 …): a line with no full stop, short, not the
    # article's headline; a bare date
    for i in teasers:
        above, below = page.nb(i, -1), page.nb(i, 1)
        if (above is not None and above not in page.removed and above != page.headline
                and len(normed[above]) <= 40 and not SENT.search(normed[above])
                and not normed[above].endswith(("…", "..."))):
            page.take(above, Proposal(entry["id"], reason, "any"))
        if below is not None and below not in page.removed and DATE_LINE.match(normed[below]):
            page.take(below, Proposal(entry["id"], reason, "any"))
