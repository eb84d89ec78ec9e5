"""The context scorer: logistic regression over what the word scorer makes of a line and of
the lines around it, for every line still standing after the word scorer, wherever it stands.

The word scorer reads a line's words and judges only the lines above and under the body, on
pages where the rules found furniture; its guards keep a line whatever its score. Furniture
the rules miss on a new site is mostly of three kinds those limits let through: a counter or
a stamp among the post's own fields (该用户从未签到 / 1007 / 3890), a line between the
headline and the first paragraph, and a block of the page's own furniture the page put between
two paragraphs (a copyright line over a repeated lead). What gives such a line away is its
company — the word scorer's probability for it and for its neighbours, which lines around it
the rules took, how far the nearest paragraph is, where the headline stands, how much of the
page is furniture — more than any word of it. This model weighs exactly that: the word
scorer's probability for the line, its 26 shape features (scorer.py), which of the word
scorer's guards it meets (as features, not vetoes), and the line's company (CONTEXT below).

Trained by corpus/train_line_scorer.py --context on labelled real pages, the dev corpus and
the boilerplate rules' examples and counterexamples (the design's near-misses, which stay in
the body); held out a round at a time over nine rounds of 2,400 pages it took 100 junk and 12
body lines at its threshold 0.8. Its weights are data in rules/boilerplate/scored.yaml; nothing
is trained or downloaded at run time. It never judges a paragraph of the body (page.anchors),
the headline, or a line a pass gave back to the body (page.kept). A line it takes gets the
word scorer's reason for it.
"""
from __future__ import annotations

import math
import operator
from typing import Any

from ..rules import RuleError
from .detectors import Proposal
from .page import Page
from .scorer import FEATURES, featurer
from .word_scorer import GUARDS, WordScorer, line_words

# the line's company, after its word-scorer probability, shape features and guards
CONTEXT = (
    "p_prev",           # the word scorer's probability for the non-blank line above (-1: none)
    "p_next",           # … and for the one under it
    "removed_prev2",    # the second line above is removed (1), stands (0), is none (-1)
    "removed_next2",    # … the second line under it
    "removed_near",     # removed lines among the three above and three under
    "paragraphs_near",  # body paragraphs among them
    "paragraph_gap",    # lines to the nearest body paragraph (at most 30)
    "above_headline",   # the line stands above the headline (1), under it (0), no headline (-1)
    "removed_share",    # the share of the page's non-blank lines removed
    "paragraphs",       # the page's body paragraphs (at most 50)
    "lines",            # its non-blank lines (at most 200)
    "chars",            # the line's length (at most 200)
    "periods",          # its full stops (。)
    "digits",           # its digits (at most 50)
    "page_removed",     # the rules removed something on the page
    "plain_near",       # standing lines that are no paragraph among the two above, the line
                        # and the two under
)
NAMES = ("word_p", *FEATURES, *(f"guard_{g}" for g in GUARDS), *CONTEXT)


_GUARDS = list(GUARDS.values())
_FIRST_GUARD = 1 + len(FEATURES)
_P_NEAR = _FIRST_GUARD + len(GUARDS)    # p_prev, p_next: the values read last
_PREV = FEATURES.index("prev_removed")  # next_removed follows it


def features(page: Page, words: WordScorer,
             weights: list[float] | None = None, cut: float = 0.0) -> dict[int, list[float]]:
    """Line number → the values of NAMES, for each line the scorer judges (the trainer's view
    and the scorer's own). Given `weights`, a line whose score cannot reach `cut` (a logit)
    whatever its neighbours' probabilities and the guards that lower a score is left out
    before those are read: they are the costly part, and most lines score far below."""
    filled, removed, anchors = page.filled, page.removed, set(page.anchors)
    standing = set(removed)
    shape_of = featurer(page, standing)
    last = len(filled) - 1
    prob: dict[int, float] = {}
    shapes: dict[int, list[float]] = {}

    def values(k: int) -> list[float]:
        if k not in shapes:
            shapes[k] = shape_of(k, filled[k])
        return shapes[k]

    def words_of(k: int) -> set[str]:
        return line_words(page, filled[k])

    def p(k: int) -> float:
        if k < 0 or k > last:
            return -1.0
        if k not in prob:
            shape = values(k)
            known = page.word_p.get(filled[k])
            if known is not None and known[1:] == (shape[_PREV], shape[_PREV + 1]):
                prob[k] = known[0]    # the word scorer's own reading, nothing around it changed
            else:
                near: set[str] = set()
                for j in (k - 1, k + 1):
                    if 0 <= j <= last:
                        near |= words_of(j)
                prob[k] = words.probability(shape, words_of(k), near)
        return prob[k]

    def state(k: int) -> float:
        return -1.0 if k < 0 or k > last else float(filled[k] in standing)

    if weights is not None:
        # the most the neighbours' probabilities (-1 for none, else 0 to 1) can add to a
        # line's logit
        reach = abs(weights[_P_NEAR]) + abs(weights[_P_NEAR + 1])
        early = weights[:_FIRST_GUARD] + weights[_P_NEAR + 2:]
        # the guards that can raise it (most lower it: read only for a line that may go)
        raising = [(g, w) for g, w in zip(_GUARDS, weights[_FIRST_GUARD:_P_NEAR], strict=True)
                   if w > 0]
    out: dict[int, list[float]] = {}
    headline, n_filled = page.headline, len(filled)
    share = len(standing) / max(n_filled, 1)
    for k, i in enumerate(filled):
        if i in standing or i == headline or i in anchors or i in page.kept:
            continue
        n = page.normed[i]
        around = [filled[j] for j in range(max(0, k - 3), min(last, k + 3) + 1) if j != k]
        gap = min((abs(i - a) for a in page.anchors), default=30)
        head = [p(k), *map(float, values(k))]
        rest = [
            state(k - 2), state(k + 2),
            float(sum(j in standing for j in around)), float(sum(j in anchors for j in around)),
            float(min(gap, 30)),
            -1.0 if headline is None else float(i < headline),
            share, float(min(len(anchors), 50)), float(min(n_filled, 200)),
            float(min(len(n), 200)), float(n.count("。")),
            float(min(sum(map(str.isdigit, n)), 50)), float(bool(standing)),
            float(sum(1 for j in range(max(0, k - 2), min(last, k + 2) + 1)
                      if filled[j] not in standing and filled[j] not in anchors)),
        ]
        if weights is not None and (sum(map(operator.mul, early, head + rest)) + reach
                                    + sum(w for g, w in raising if g(page, k, i)) < cut):
            continue
        out[i] = [*head, *(float(g(page, k, i)) for g in _GUARDS), p(k - 1), p(k + 1), *rest]
    return out


class ContextScorer:
    def __init__(self, where: str, entry: dict[str, Any]):
        self.id = entry["id"]
        names = tuple(entry.get("features") or ())
        if names != NAMES:
            raise RuleError(f"{where}: `features` must list {', '.join(NAMES)} in that order")
        self.weights = [float(w) for w in entry.get("weights") or []]
        if len(self.weights) != len(NAMES):
            raise RuleError(f"{where}: `weights` needs {len(NAMES)} numbers")
        # (no default here: the entry's threshold is chosen with its weights)
        self.threshold = float(entry.get("threshold", -1))
        if not 0.0 < self.threshold < 1.0:
            raise RuleError(f"{where}: `threshold` must be given, above 0 and below 1")

    def probability(self, values: list[float]) -> float:
        z = sum(map(operator.mul, self.weights, values))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def apply(self, page: Page, words: WordScorer) -> None:
        """Take the lines that score at or above the threshold, all judged on the page as the
        word scorer left it; each gets the word scorer's reason for its shape and words."""
        cut = math.log(self.threshold / (1.0 - self.threshold))
        taken = [i for i, v in features(page, words, self.weights, cut).items()
                 if self.probability(v) >= self.threshold]
        if not taken:
            return
        values = featurer(page, set(page.removed))
        where = {i: k for k, i in enumerate(page.filled)}
        for i in taken:
            reason = words.reason_of(values(where[i], i), line_words(page, i))
            page.take(i, Proposal(self.id, reason, "any"))
