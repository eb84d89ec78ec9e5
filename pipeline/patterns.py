"""Regex building blocks that several stages share, written once.

alternation(words)  a regex alternation of literal words, longest first (so 个月 wins over 个),
                    empty words left out (an empty alternative would match everywhere)
word_trie(words)    the same alternation with shared beginnings factored out (来源|来自 →
                    来(?:源|自)): it matches the same text in the same order, and the regex
                    module tries a few branches at a position instead of every word
FULL_DATE           a full date as pages and datelines print it: 2024-03-08, 2024/3/8, 2024.03.08,
                    2024年3月8日 (spaces allowed around the separators; one kind of separator per
                    date); groups y, m, d
"""
from __future__ import annotations

from collections.abc import Iterable

import regex

# the opening quote marks of Chinese text and the mark that closes each
OPEN_Q = "“「『"
CLOSE_OF = {"“": "”", "「": "」", "『": "』"}


def alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w)
                    for w in sorted({w for w in words if w}, key=lambda w: (-len(w), w)))


def word_trie(words: Iterable[str]) -> str:
    """alternation(words) as a trie. Words that both match at one position are a word and its
    prefix, so trying the longer branch first (a greedy ?) keeps alternation's longest-first
    order, backtracking included; words on different branches never match at one position."""
    root: dict[str, dict] = {}
    for w in words:
        if w:
            node = root
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}

    def branches(node: dict[str, dict]) -> list[str]:
        return [regex.escape(ch) + after(sub) for ch, sub in sorted(node.items()) if ch]

    def after(node: dict[str, dict]) -> str:
        alts = branches(node)
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + "|".join(branches(root)) + ")" if root else ""


FULL_DATE = (r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
             r"(?!\d)"
             r"|年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?)")
