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

The package: shapes (normal form, line shapes, dates), detectors (what one line's rules
propose), page (one article: lines, zones, removals), title (the headline), meta (what the
removed lines say), cleaner (the order of the steps). HTML is made text before this stage.
"""
from __future__ import annotations

from typing import Callable

from ..model import Document
from ..rules import Rules
from .cleaner import Cleaner
from .detectors import REASONS, ZONES, Proposal
from .result import Cleaned
from .shapes import _T2S, _WS, SENT, iso_date, is_anchor_shape, is_headline_shape, is_title_shape, norm, split_lines

__all__ = ["Cleaned", "Cleaner", "Proposal", "REASONS", "SENT", "ZONES", "build", "is_anchor_shape",
           "is_headline_shape", "is_title_shape", "iso_date", "norm", "split_lines", "_T2S", "_WS"]


def build(rules: Rules) -> Callable[..., Cleaned]:
    cleaner = Cleaner(rules)

    def clean(doc: Document, repeated: frozenset[str] = frozenset(), title: str | None = None) -> Cleaned:
        """`title`: a headline known from elsewhere (an HTML page's <title>), to find its copies."""
        return cleaner.clean(doc, repeated, title)
    clean.cleaner = cleaner  # type: ignore[attr-defined]
    return clean
