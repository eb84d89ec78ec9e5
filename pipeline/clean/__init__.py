"""Boilerplate lines out, metadata in (FACTS.md: every input line is body or removed).

How a page is judged (rules/boilerplate/*.yaml hold the patterns, word lists and weights):

1. Every line is *normalised for matching only* (NFKC: full-width ASCII and punctuation to
   half-width, \\u3000 and \\xa0 to spaces, runs of spaces to one, trimmed; the traditional
   characters of page furniture to simplified; pinyin glosses such as 數(shù) dropped). The
   line text and the body text are never changed.
2. Each rule proposes itself for a line: a `pattern` rule when its regex matches, a detector
   (fields, spam, spam_shape, link_bar, chrome_words, no_han) when its code says so. Every
   proposal carries the zone it needs.
3. Zones: an *anchor* is a body paragraph — a line no rule proposes for, 20+ characters with
   sentence punctuation that ends like a sentence (or 40+ with commas, not a list of short
   items or keywords); a headline in a list (…！… 2024-09-17, …→) is never one, nor a lone long
   line 4+ lines away from the rest at either end (a spam keyword line, an author's bio). Lines
   before the first anchor are the head zone, after the last the tail zone; between them is the
   middle, where only `zone: any` rules (whole-line shapes that never occur in a body) may act.
   An article with no such paragraph takes plain sentences of 10+ characters as anchors; with
   none at all, every line is in the body zone. A post written a phrase a line (6+ short lines,
   3+ of them broken off mid-sentence: …代表队与 / 最为惊喜的是) has its plain lines as anchors
   too: it is text, not a menu or a list of other stories.
4. The first proposal (in reason order, then file order; `last: true` patterns after the
   detectors) whose zone fits removes the line. Then the page-level passes (zones.py): the
   blocks that `then:` headers open (a related header takes the headlines and teasers under it
   until the body resumes), field labels alone on a line with their values on the next, the
   headline (title.py: it stays in the body and goes to meta.title; its copies go, reason
   title; site and channel names above it go), lines the page shows twice, re-zoning when
   removed paragraphs moved the body's edges, then the learned line scorer (scorer.py) for the
   head and tail lines next to removed ones, the hand-set shape passes under the last
   paragraph and over the first (zones.after_body, zones.before_body: rule ids of their own),
   the word scorer (word_scorer.py: what is left at either end where the rules found
   furniture, a bulleted list judged as a whole), the context scorer (context_scorer.py: any
   line still standing but a paragraph or the headline, by the word scorer's judgement of it
   and of its neighbours and by its company on the page), and lines the batch found repeated
   on many pages of one site. A line that is the only
   non-blank line of the input is never removed.
5. Metadata lines fill meta (title, source, author, editor, published — ISO 8601 when it has
   a year); a byline inside a body line (本报讯（记者 王俊岭）, （责任编辑：李四）) fills meta too,
   and the line stays in the body.

The package: shapes (normal form, line shapes, dates), detectors (what one line's rules
propose), triggers (which rules a line may wake, read from the patterns: a line is asked only
of those), page (one article: lines, zones, removals), zones (page-level passes), lists (lists
of other stories' headlines at either end, e-paper story lists), spliced (SEO phrases spliced
into sentences), title (the headline), scorer (the learned line scorer), word_scorer and
context_scorer (the learned models over what the rules left), examples (the small article a
rule's examples are read in), meta (what the removed
lines say), cleaner (the order of the steps). HTML is made text before this stage
(Pipeline.process).
"""
from __future__ import annotations

from collections.abc import Callable

from ..model import Document
from ..rules import Rules
from .cleaner import Cleaner
from .detectors import REASONS, ZONES, Proposal
from .result import Cleaned
from .shapes import (
    SENT,
    is_anchor_shape,
    is_headline_shape,
    is_title_shape,
    iso_date,
    norm,
    split_lines,
)

__all__ = [
    "REASONS",
    "SENT",
    "ZONES",
    "Cleaned",
    "Cleaner",
    "Proposal",
    "build",
    "is_anchor_shape",
    "is_headline_shape",
    "is_title_shape",
    "iso_date",
    "norm",
    "split_lines",
]


def build(rules: Rules) -> Callable[..., Cleaned]:
    cleaner = Cleaner(rules)

    def clean(doc: Document, repeated: frozenset[str] = frozenset(),
              title: str | None = None) -> Cleaned:
        """`title`: a headline known from elsewhere (an HTML page's <title>), to find its copies."""
        return cleaner.clean(doc, repeated, title)
    clean.cleaner = cleaner  # type: ignore[attr-defined]
    return clean
