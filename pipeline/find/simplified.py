"""Finders whose words are Simplified read a Traditional text through its Simplified copy.

The copy is made character for character (rules/lexicons/script_pairs.tsv), so offsets hold:
a fact found in the copy gets the text's own characters back, and `as_written` does the same
for a word the fact carries (a unit, a counted object, a recipient) found near it.

Most texts hold no Traditional character: one search of a character class (the standard `re`,
a bitmap lookup per character) tells, where making the copy to compare costs a dict lookup per
character. The copy, and the Context over it, are made once per article and table and shared by
every finder that asks (its sentences, tokens and scan are then computed once too).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..context import Context
from ..model import Fact
from ..script import one_for_one

Restore = Callable[[list[Fact], str, str], None]

# id(table) → (table, pattern of its Traditional characters); the table is kept so its id stays
# its own
_TRADITIONAL: dict[int, tuple[dict[int, str], re.Pattern[str] | None]] = {}


def traditional_chars(table: dict[int, str]) -> re.Pattern[str] | None:
    """A pattern finding any character `table` changes (None: it changes none)."""
    got = _TRADITIONAL.get(id(table))
    if got is None or got[0] is not table:
        keys = sorted(k for k, v in table.items() if v != chr(k))
        pat = re.compile("[" + "".join(re.escape(chr(k)) for k in keys) + "]") if keys else None
        got = _TRADITIONAL[id(table)] = (table, pat)
    return got[1]


def simplified_context(ctx: Context, table: dict[int, str]) -> Context | None:
    """The Context of ctx's Simplified copy, made once per article; None when the text holds no
    character the table changes (read the text itself)."""
    cache = ctx.__dict__.setdefault("_simplified", {})
    key = id(table)
    if key in cache:
        return cache[key]
    pat = traditional_chars(table)
    sctx = None
    if pat is not None and pat.search(ctx.text):
        sctx = Context(text=one_for_one(ctx.text, table), ref_date=ctx.ref_date, meta=ctx.meta,
                       warnings=ctx.warnings, facts=ctx.facts)
    cache[key] = sctx
    return sctx


def find_through_simplified(find: Callable[[Context], list[Fact]], table: dict[int, str],
                            ctx: Context, restore: Restore | None = None) -> list[Fact]:
    """`find` over ctx, or over its Simplified copy when the text holds Traditional characters;
    `restore(facts, text, simplified)` then puts other fields back into the text's script."""
    sctx = simplified_context(ctx, table)
    if sctx is None:
        return find(ctx)
    facts = find(sctx)
    for f in facts:
        f.text = ctx.text[f.start:f.end]
    if restore is not None:
        restore(facts, ctx.text, sctx.text)
    return facts


def as_written(word: str, text: str, simp: str, start: int, end: int, *,
               last: bool = False) -> str:
    """`word` (found in the Simplified copy) as the text writes it, looked for in [start, end)
    (the last occurrence with `last`); the word itself when it is not there."""
    i = (simp.rfind if last else simp.find)(word, max(0, start), end)
    return text[i:i + len(word)] if i >= 0 else word
