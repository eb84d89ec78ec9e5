"""A site's rights declaration printed as paragraphs under its own header.

An e-paper or portal sets its disclaimer (免责声明, 版权声明, 某某报社严正声明) as a header and
a few full paragraphs: 本网所刊登的…版权均为…所有, 未经授权不得转载…. Each paragraph is shaped
like the body's, so no line rule may take it alone; the header tells what follows. The block is
the header's following lines while each holds `min_words` of the rights vocabulary (`words`:
版权, 转载, 授权, 不承担 …) or is a short lead-in ending in a colon (现声明如下:); it stops at
the first other line (the article, or the page's footer). A header that is the page's headline
or its first line opens nothing: that page reports a declaration.

Switched on by a rule entry in rules/boilerplate/copyright.yaml (`detector: declaration_block`).
"""
from __future__ import annotations

from typing import Any

import regex

from . import twins
from .detectors import Proposal
from .page import Page

PASSES = ("declaration_block",)


class _Block:
    def __init__(self, entry: dict[str, Any]) -> None:
        self.id = entry["id"]
        self.reason = entry.get("reason", "copyright")
        self.header = twins.compile(entry["pattern"])
        self.max_len = int(entry.get("max_len", 20))
        self.words = twins.compile("|".join(sorted(map(regex.escape, entry["words"]),
                                                   key=len, reverse=True)))
        self.min_words = int(entry.get("min_words", 2))

    def rights(self, n: str) -> bool:
        return len(set(self.words.findall(n))) >= self.min_words


_CACHE: dict[tuple[Any, ...], _Block] = {}


def _block(entry: dict[str, Any]) -> _Block:
    """The entry compiled once (keyed by what it holds: a test's rules folder may reuse an id)."""
    key = (entry["id"], entry.get("reason"), entry["pattern"], tuple(entry["words"]),
           entry.get("min_words"), entry.get("max_len"))
    b = _CACHE.get(key)
    if b is None:
        b = _CACHE[key] = _Block(entry)
    return b


def run(page: Page, rules: dict[str, dict[str, Any]]) -> None:
    entry = rules.get("declaration_block")
    if entry is None:
        return
    b = _block(entry)
    normed, filled = page.normed, page.filled
    for i in filled[1:]:
        n = normed[i]
        if len(n) > b.max_len or i == page.headline or not b.header.search(n):
            continue
        block: list[int] = []
        j = page.nb(i, 1)
        while j is not None and (b.rights(normed[j]) or (len(normed[j]) <= 12
                                                          and normed[j].endswith(":"))):
            block.append(j)
            j = page.nb(j, 1)
        if not any(b.rights(normed[k]) for k in block):
            continue
        # the header goes as the block's, whatever took it first: a footer's link word
        # (免责声明 as navigation) is a header once paragraphs of rights follow it
        page.take(i, Proposal(b.id, b.reason, "any"))
        for k in block:
            if k not in page.removed:
                page.take(k, Proposal(b.id, b.reason, "any"))
