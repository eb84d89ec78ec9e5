"""Keywords an SEO farm splices into a story.

The farm cuts sentences at their commas and puts a link phrase on a line of its own between
the halves: ``台北市长前天宣布，`` / ``专业网页设计`` / ``，不只删减特别费，``. The half after the
phrase opens its line with the comma, which a body line never does, so a short phrase with
no punctuation between a line ending in a comma and a line starting with one is the farm's.
"""

from __future__ import annotations

from .detectors import Proposal
from .page import Page
from .shapes import SENT

_MAX_LEN = 12          # a link phrase: 专业网页设计, 网购年菜推荐
_COMMAS = (",", "、")  # after shapes.norm, ， is ,


def spliced_keywords(page: Page, rule_id: str, min_lines: int = 2) -> None:
    """Remove (as spam) the phrases spliced between the halves of a sentence, when the page
    holds at least `min_lines` of them: one such line alone may be a wrapped body line."""
    hits = []
    for i, n in enumerate(page.normed):
        if not n or len(n) > _MAX_LEN or i in page.removed or SENT.search(n) or "," in n:
            continue
        before, after = page.nb(i, -1), page.nb(i, 1)
        if before is None or after is None:
            continue
        if page.normed[before].endswith(_COMMAS) and page.normed[after].startswith(_COMMAS):
            hits.append(i)
    if len(hits) >= min_lines:
        for i in hits:
            page.take(i, Proposal(rule_id, "spam", "any"))
