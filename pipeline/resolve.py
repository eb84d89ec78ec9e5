"""Settle what the finders proposed: one reading per stretch of text, sentence numbers, offsets checked."""
from __future__ import annotations

from .context import Context
from .model import Fact

# When two numeric readings overlap, the longer span wins; on equal length this order decides.
PRIORITY = {"money": 4, "percent": 3, "date": 2, "count": 1}
NESTING = {"award"}  # awards may hold other facts (焦作市2013年度科技进步奖 holds a date)


def _overlaps(a: Fact, b: Fact) -> bool:
    return a.start < b.end and b.start < a.end


def resolve(ctx: Context, candidates: list[Fact]) -> list[Fact]:
    text = ctx.text
    seen, unique = set(), []
    for f in candidates:
        if text[f.start:f.end] != f.text:
            raise AssertionError(f"rule {f.rule} gave offsets {f.start}:{f.end} that do not hold {f.text!r}")
        key = (f.type, f.start, f.end)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    kept: list[Fact] = []
    numeric = sorted((f for f in unique if f.type not in NESTING),
                     key=lambda f: (-(f.end - f.start), -PRIORITY.get(f.type, 0), f.start))
    for f in numeric:
        if not any(_overlaps(f, k) for k in kept):
            kept.append(f)
    kept += [f for f in unique if f.type in NESTING]
    for f in kept:
        f.sentence = ctx.sentence_index(f.start)
    kept.sort(key=lambda f: (f.start, -f.end, f.type))
    return kept
