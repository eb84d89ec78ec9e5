"""A small learned line scorer: logistic regression over the shape of a line and its place on
the page, for the lines the rules left before and after the body (never between paragraphs).

The weights are data (rules/boilerplate/scored.yaml), trained on the dev corpus's own labelled
lines by corpus/train_line_scorer.py; nothing is downloaded or trained at run time. It takes a
line only next to one the rules removed, and gives it that line's reason (a ticker row among
ticker rows, a name among bylines) unless its own shape says metadata (a date, a credit, a
name); it runs in rounds, so a chain of such lines goes one link a round. After it the cleaner
runs the hand-set shape passes (zones.after_body, zones.before_body) and the word scorer
(word_scorer.py), which reads the lines' characters as well as their shape.
"""
from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from itertools import chain
from typing import Any

from ..rules import RuleError
from . import zones
from .detectors import Proposal
from .marks import list_mark
from .page import Page
from .shapes import _HAN, SENT, is_anchor_shape, is_title_shape

# the features, in the order of the weights
FEATURES = ("bias", "length", "len<=4", "len<=10", "len<=20", "len>=40", "han_share", "digit_share",
            "latin_share", "sentence_mark", "ends_in_period", "paragraph_shape", "title_shape",
            "colon", "bar", "angle", "space_share", "zone_head", "zone_middle", "zone_tail",
            "position", "anchor_distance", "repeated", "prev_removed", "next_removed",
            "rule_proposed")


def features(page: Page) -> dict[int, list[float]]:
    """Line number → feature values, for every non-blank line of the page as it stands (the
    trainer's view; the scorer itself computes them only for lines next to removed ones)."""
    values = featurer(page, page.removed)
    return {i: values(k, i) for k, i in enumerate(page.filled)}


def featurer(page: Page, removed: Any) -> Callable[[int, int], list[float]]:
    """The feature values of the k-th non-blank line (line i), with `removed` the lines
    removed as the page stood."""
    normed = page.normed
    filled = page.filled
    shapes = page.text_shapes

    def values(k: int, i: int) -> list[float]:
        n = normed[i]
        text = shapes.get(i)
        if text is None:
            text = shapes[i] = _text_shape(n)
        zone = page.zone(i)
        prev = filled[k - 1] if k else None
        nxt = filled[k + 1] if k + 1 < len(filled) else None
        dist = min((abs(i - a) for a in page.anchors), default=99)
        return [*text, zone == "head", zone == "middle", zone == "tail",
                k / max(len(filled) - 1, 1), min(dist, 10) / 10, len(page.places()[n]) > 1,
                prev in removed if prev is not None else True,
                nxt in removed if nxt is not None else True, bool(page.props[i])]
    return values


def _text_shape(n: str) -> tuple[float | bool, ...]:
    """The values of FEATURES, bias to space_share, that the line's text alone decides."""
    size = len(n)
    han = len(_HAN.findall(n))
    digits = sum(map(str.isdigit, n))
    latin = len(_ASCII_LETTER.findall(n))   # (an ASCII letter: isascii() and isalpha())
    return (1.0, min(size, 100) / 100, size <= 4, size <= 10, size <= 20, size >= 40,
            han / size, digits / size, latin / size, bool(SENT.search(n)), n.endswith("。"),
            is_anchor_shape(n), is_title_shape(n), ":" in n, "|" in n or "丨" in n, ">" in n,
            n.count(" ") / size)


_ASCII_LETTER = re.compile("[A-Za-z]")



def shape_weights(where: str, entry: dict[str, Any]) -> list[float]:
    """A scorer entry's weights of the shape features, checked against FEATURES."""
    names = tuple(entry.get("features") or ())
    if names != FEATURES:
        raise RuleError(f"{where}: `features` must list {', '.join(FEATURES)} in that order")
    weights = [float(w) for w in entry.get("weights") or []]
    if len(weights) != len(FEATURES):
        raise RuleError(f"{where}: `weights` needs {len(FEATURES)} numbers")
    return weights


def announced(page: Page, k: int, reach: int = 30) -> bool:
    """The k-th non-blank line is an item of a list a line ending in a colon announces
    (获奖名单如下： / 最佳影片：… / 最佳导演：…), nothing but a rule (---) removed and no paragraph
    between."""
    normed, filled, removed = page.normed, page.filled, page.removed
    for j in range(k - 1, max(-1, k - 1 - reach), -1):
        i = filled[j]
        n = normed[i]
        if i in removed:
            if removed[i].reason == "decoration":
                continue    # a rule (---) between a table's rows
            return False
        if n.endswith(":") and len(n) >= 6:
            return True     # (a paragraph too: …参观人数最多的10家博物馆依次是：)
        if SENT.search(n):
            return False
    return False


class LineScorer:
    def __init__(self, where: str, entry: dict[str, Any]):
        self.id = entry["id"]
        self.weights = shape_weights(where, entry)
        self.threshold = float(entry.get("threshold", 0.75))

    def probability(self, values: list[float]) -> float:
        if len(values) != len(self.weights):
            raise ValueError("one value a weight")
        # (map: the same products in the same order as a generator, without its frames)
        z = sum(map(operator.mul, self.weights, map(float, values)))
        return 1.0 / (1.0 + math.exp(-z))

    def apply(self, page: Page) -> None:
        """Take the head and tail lines the rules left that score at or above the threshold."""
        if not page.anchors:
            return
        # a chain of furniture (a byline name under a date under 来源) goes one link a round
        for _ in range(3):
            if not self._round(page):
                break

    def _round(self, page: Page) -> int:
        """One pass of the scorer over the lines the rules left; how many it took."""
        normed, removed, filled = page.normed, page.removed, page.filled
        head, tail = page.head(), page.tail()
        # the features see the page as the round found it; a line is scored only when it
        # stands next to a removed line (what is taken on the way counts): no other is taken
        values = featurer(page, set(removed))
        cells = zones.table_cells(page)   # a table written one cell a line is the article's
        n0 = len(removed)
        last = len(filled) - 1
        for k, i in chain(enumerate(head), enumerate(tail, len(filled) - len(tail))):
            if i in removed or i == page.headline:
                continue
            # the non-blank lines around it (page.nb)
            # (a bare list mark, - or •, removed above or under an item is no furniture: it
            # marks an item of whatever list it is in, the body's own too)
            near = [filled[j] for j in (k - 1, k + 1) if 0 <= j <= last
                    and filled[j] in removed and not list_mark(normed, filled, j)]
            # (never a notice's signature date, 2024年3月1日, or a field line, 联系电话：…: they
            # are body or not by their words, which the rules read; nor an item of a list a
            # line ending in a colon announces: * 全港公共屋邨商场: / 香港区)
            if (not near or ":" in normed[i] or zones.SIGNED.match(normed[i])
                    or zones.signed_in_figures(page, i) or i in cells or announced(page, k)):
                continue  # a short line alone after the body (3D打印) is no furniture by itself
            if self.probability(values(k, i)) < self.threshold:
                continue
            reason = page.removed[near[0]].reason
            if reason == "title":
                reason = "navigation"
            if len(page.normed[i]) <= 16 and zones.STAMPED.search(page.normed[i]):
                reason = "metadata"  # a date, a credit, a name: its own reason
            page.take(i, Proposal(self.id, reason, "edge"))
        return len(page.removed) - n0
