"""Finders whose words are Simplified read a Traditional text through its Simplified copy.

The copy is made character for character (rules/lexicons/script_pairs.tsv), so offsets hold:
a fact found in the copy gets the text's own characters back, and `as_written` does the same
for a word the fact carries (a unit, a counted object, a recipient) found near it.
"""
from __future__ import annotations

from collections.abc import Callable

from ..context import Context
from ..model import Fact

Restore = Callable[[list[Fact], str, str], None]


def find_through_simplified(find: Callable[[Context], list[Fact]], table: dict[int, str],
                            ctx: Context, restore: Restore | None = None) -> list[Fact]:
    """`find` over ctx, or over its Simplified copy when the text holds Traditional characters;
    `restore(facts, text, simplified)` then puts other fields back into the text's script."""
    simp = ctx.text.translate(table)
    if simp == ctx.text:
        return find(ctx)
    facts = find(Context(text=simp, ref_date=ctx.ref_date, meta=ctx.meta,
                         warnings=ctx.warnings, facts=ctx.facts))
    for f in facts:
        f.text = ctx.text[f.start:f.end]
    if restore is not None:
        restore(facts, ctx.text, simp)
    return facts


def as_written(word: str, text: str, simp: str, start: int, end: int, *,
               last: bool = False) -> str:
    """`word` (found in the Simplified copy) as the text writes it, looked for in [start, end)
    (the last occurrence with `last`); the word itself when it is not there."""
    i = (simp.rfind if last else simp.find)(word, max(0, start), end)
    return text[i:i + len(word)] if i >= 0 else word
