"""Named guards for declared rules (pipeline/find/declared.py): small checks a rule lists by name.

A guard is guard(ctx, m, fact, arg) -> bool: True keeps the fact. `m` is the rule's regex match,
`fact` the Fact its value builder made, `arg` what the rule wrote after the guard's name
(`- not_after: [签, 预]` → arg ["签", "预"]; a bare `- not_in_url` → arg None).
Register one with @guard("name"); a rule that names an unknown guard is a RuleError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..numerals import url_spans

Guard = Callable[[Any, Any, Any, Any], bool]
GUARDS: dict[str, Guard] = {}


def guard(name: str) -> Callable[[Guard], Guard]:
    def register(fn: Guard) -> Guard:
        GUARDS[name] = fn
        return fn

    return register


def _words(arg) -> tuple[str, ...]:
    if arg is None:
        return ()
    return (arg,) if isinstance(arg, str) else tuple(arg)


def _urls(ctx) -> list[tuple[int, int]]:
    got = ctx.__dict__.get("_url_spans")
    if got is None:
        got = ctx.__dict__["_url_spans"] = url_spans(ctx.text)
    return got


@guard("not_in_url")
def not_in_url(ctx, m, fact, arg) -> bool:
    """No part of the fact inside a URL (…%2020…, /price/30元: the URL stops at the Han)."""
    return not any(s < fact.end and fact.start < e for s, e in _urls(ctx))


@guard("not_after")
def not_after(ctx, m, fact, arg) -> bool:
    """The text before the fact does not end with one of the words."""
    return not ctx.text.endswith(_words(arg), 0, fact.start) if _words(arg) else True


@guard("not_before")
def not_before(ctx, m, fact, arg) -> bool:
    """The text after the fact does not start with one of the words."""
    return not ctx.text.startswith(_words(arg), fact.end) if _words(arg) else True


@guard("ascii_edges")
def ascii_edges(ctx, m, fact, arg) -> bool:
    """No ASCII letter or digit glued to either end (A30%B, 5$x are codes)."""
    t = ctx.text
    before = t[fact.start - 1] if fact.start else ""
    after = t[fact.end] if fact.end < len(t) else ""
    return not any(c.isascii() and c.isalnum() for c in (before, after))


@guard("word_before")
def word_before(ctx, m, fact, arg) -> bool:
    """One of `words` stands in the `window` characters before the fact, in its sentence
    (arg: a list of words, window 8; or {words: [...], window: N})."""
    if isinstance(arg, dict):
        words, window = _words(arg.get("words")), int(arg.get("window", 8))
    else:
        words, window = _words(arg), 8
    s, _ = ctx.sentence_span(fact.start)
    head = ctx.text[max(s, fact.start - window) : fact.start]
    return any(w in head for w in words)


@guard("value_between")
def value_between(ctx, m, fact, arg) -> bool:
    """min <= value <= max (arg {min: .., max: ..}, either may be left out)."""
    v = fact.value
    if not isinstance(v, (int, float)):
        return False
    lo, hi = (arg or {}).get("min"), (arg or {}).get("max")
    return (lo is None or v >= lo) and (hi is None or v <= hi)


@guard("word_edges")
def word_edges(ctx, m, fact, arg) -> bool:
    """The fact starts and ends at jieba token edges: it does not cut a word (三五成群). Only the
    text blocks around the fact are segmented (ctx.window), never the whole article."""
    toks = ctx.window(fact.start, fact.end)
    edges = {t.start for t in toks} | {t.end for t in toks}
    return fact.start in edges and fact.end in edges
