"""Regex building blocks that several stages share, written once.

alternation(words)  a regex alternation of literal words, longest first (so 个月 wins over 个),
                    empty words left out (an empty alternative would match everywhere)
word_trie(words)    the same alternation with shared beginnings factored out (来源|来自 →
                    来(?:源|自)): it matches the same text in the same order, and the regex
                    module tries a few branches at a position instead of every word
WordScan(words)     word_trie's matches over a whole text, found faster with `re` where the words
                    begin with many different characters
FULL_DATE           a full date as pages and datelines print it: 2024-03-08, 2024/3/8, 2024.03.08,
                    2024年3月8日 (spaces allowed around the separators; one kind of separator per
                    date); groups y, m, d
"""
from __future__ import annotations

import re
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


class WordScan:
    """re.compile(word_trie(words)).finditer(text), as a list, found faster when the words begin
    with many different characters. At a position that may start a word, `re` tries the trie's
    branches (one per first character) one after another, and where no word matches there, it
    tries them all; so the words are split by their first character into a few tries, each
    searched alone. A trie of some of the words matches at a position what the whole one does
    (the words that begin there are all in it), so when no two matches of the parts overlap,
    they are the whole trie's matches; when two do (the whole trie takes only the first), the
    whole trie is searched."""

    def __init__(self, words: Iterable[str], parts: int = 3):
        words = sorted({w for w in words if w})
        self.whole = re.compile(word_trie(words))
        firsts = sorted({w[0] for w in words})
        size = max(1, -(-len(firsts) // parts))
        chunks = [set(firsts[i:i + size]) for i in range(0, len(firsts), size)]
        self.parts = [re.compile(word_trie([w for w in words if w[0] in chunk]))
                      for chunk in chunks] if len(chunks) > 1 else []

    def finditer(self, text: str) -> list[re.Match[str]]:
        if not self.parts:
            return list(self.whole.finditer(text))
        found = sorted((m for p in self.parts for m in p.finditer(text)), key=re.Match.start)
        end = -1
        for m in found:
            if m.start() < end:
                return list(self.whole.finditer(text))
            end = m.end()
        return found


FULL_DATE = (r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
             r"(?!\d)"
             r"|年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?)")
