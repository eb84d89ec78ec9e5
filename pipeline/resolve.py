"""Settle what the finders proposed: one reading per stretch of text, sentence numbers, offsets
checked."""
from __future__ import annotations

import bisect

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
            raise AssertionError(
                f"rule {f.rule} gave offsets {f.start}:{f.end} that do not hold {f.text!r}"
            )
        key = (f.type, f.start, f.end)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    kept: list[Fact] = []
    numeric = sorted((f for f in unique if f.type not in NESTING),
                     key=lambda f: (-(f.end - f.start), -PRIORITY.get(f.type, 0), f.start))
    if any(f.end <= f.start for f in numeric):   # an empty span: the plain pairwise test
        for f in numeric:
            if not any(_overlaps(f, k) for k in kept):
                kept.append(f)
    else:
        # the kept spans are disjoint: in start order their ends are in order too, so the one
        # kept span that can overlap f is the last one starting before f ends (same test, O(log n))
        starts: list[int] = []
        ends: list[int] = []
        for f in numeric:
            i = bisect.bisect_left(starts, f.end)
            if i == 0 or ends[i - 1] <= f.start:
                kept.append(f)
                starts.insert(i, f.start)
                ends.insert(i, f.end)
    kept += [f for f in unique if f.type in NESTING]
    for f in kept:
        f.sentence = ctx.sentence_index(f.start)
    kept.sort(key=lambda f: (f.start, -f.end, f.type))
    return kept
