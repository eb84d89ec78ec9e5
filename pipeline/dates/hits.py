"""The hits of the date rules' `near` (rules/date.yaml), found in as few passes as they allow.

Most hits are one character with look-aheads (`[年度底末初](?=\\s?的?[0-9…])`, `周|星(?=期)`).
Hits of that shape whose first characters no other hit of the pass shares are joined into one
alternation: at any position at most one of them can match, and the character there says which,
so one pass finds exactly what each would find alone. Each pass costs a call and a walk over the
text whatever it finds, and the rules have some twenty hits, most of them rare in a given text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import regex


def _walk(src: str, i: int = 0):
    """(index, character, depth) of each character of src from i on that is neither escaped nor
    inside a character class; depth counts the groups open before it (a "(" is at its own)."""
    depth, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = class_end(src, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        yield i, c, depth
        i += 1


def group_end(src: str, i: int) -> int:
    """The index just past the group that opens at src[i] ("(")."""
    for j, c, depth in _walk(src, i):
        if c == ")" and depth == 0:
            return j + 1
    raise ValueError(f"unbalanced group in {src!r}")


def class_end(src: str, i: int) -> int:
    """The index just past the character class that opens at src[i] ("[")."""
    i += 1
    if i < len(src) and src[i] == "^":
        i += 1
    if i < len(src) and src[i] == "]":
        i += 1
    while src[i] != "]":
        i += 2 if src[i] == "\\" else 1
    return i + 1


_CONTROL = {"n": "\n", "t": "\t", "r": "\r"}


def _class_chars(body: str) -> set[str] | None:
    """The characters of a class body with literal characters, escaped ones and ranges (0-9);
    None for anything else (\\d, \\s, a negated class)."""
    if body.startswith("^"):
        return None
    out: set[str] = set()
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "\\":
            if i + 1 < n and body[i + 1] in _CONTROL:
                c = _CONTROL[body[i + 1]]      # \n \t: one character each
            elif i + 1 >= n or body[i + 1].isalnum():
                return None         # \d \s \w \p…: too many characters to list
            else:
                c = body[i + 1]
            i += 2
        else:
            i += 1
        if i + 1 < n and body[i] == "-" and body[i + 1] not in "\\]":
            hi = body[i + 1]
            if ord(hi) - ord(c) > 256:
                return None
            out.update(chr(k) for k in range(ord(c), ord(hi) + 1))
            i += 2
        else:
            out.add(c)
    return out


def top_level_alternatives(src: str) -> list[str]:
    """src split at its top-level `|`."""
    out, start = [], 0
    for i, c, depth in _walk(src):
        if c == "|" and depth == 0:
            out.append(src[start:i])
            start = i + 1
    out.append(src[start:])
    return out


def one_character(hit: str) -> list[tuple[str, set[str], str]] | None:
    """When every alternative of a hit is one character (a literal or a class) followed only by
    look-arounds, so that a match is that one character: each alternative as (its first
    character's pattern, the characters it stands for, the look-arounds); else None."""
    out = []
    try:
        for alt in top_level_alternatives(hit):
            if not alt:
                return None
            if alt[0] == "[":
                end = class_end(alt, 0)
                chars = _class_chars(alt[1:end - 1])
                if chars is None:
                    return None
            elif alt[0] == "\\" and len(alt) > 1 and not alt[1].isalnum():
                end, chars = 2, {alt[1]}
            elif alt[0] not in "()|.*+?{}^$\\":
                end, chars = 1, {alt[0]}
            else:
                return None
            look = end
            while look < len(alt):
                if not alt.startswith(("(?=", "(?!", "(?<=", "(?<!"), look):
                    return None
                look = group_end(alt, look)
            out.append((alt[:end], chars, alt[end:]))
    except (ValueError, IndexError):
        return None
    return out


class HitScans:
    """Finds every hit of a list of compiled hits: `find(text)` → [[start, …] of each hit, in
    the list's order] (a list, not a dict by pattern: a pattern's hash is computed from its
    whole code at every lookup).

    The hits of one character (one_character) share one pass, an alternation with one
    alternative per first character: `年(?:looks)|月(?:looks)|…`. Opening each on a literal
    lets the standard `re` skip to the candidates and pass over the alternatives of other
    characters without entering them (a shared `[class]` told apart by look-behinds entered
    each in turn, and most candidates fail all: ~1.5x slower; a pass per set of hits with
    disjoint first characters took seven). Where a character opens several hits, the
    alternative holds when one of their look-arounds does, and an empty group after each
    hit's own look-arounds says which held."""

    def __init__(self, hits: list[Any]):
        self.count = len(hits)
        self.single: list[tuple[int, Any]] = []   # (index, hit) of those run alone
        self.joined: tuple[int, ...] = ()      # the indexes of the hits of the one pass
        members: list[tuple[int, list[tuple[str, set[str], str]]]] = []
        for i, h in enumerate(hits):
            alts = one_character(h.pattern)
            if alts is None:
                self.single.append((i, h))
            else:
                members.append((i, alts))
        self.rx: Any = None
        # first character → ((group number, or 0 when the match itself says it, hit index), …)
        self.owner: dict[str, tuple[tuple[int, int], ...]] = {}
        if not members:
            return
        self.joined = tuple(i for i, _ in members)
        # character → {member: the look-arounds of its alternatives that open with it}
        looks: dict[str, dict[int, list[str]]] = {}
        for k, (_, alts) in enumerate(members):
            for _, firsts, look in alts:
                for c in firsts:
                    looks.setdefault(c, {}).setdefault(k, []).append(look)
        branches, group = [], 0
        for c in sorted(looks):
            opened = sorted(looks[c].items())
            each = [_either(list(dict.fromkeys(lk))) for _, lk in opened]
            if len(opened) == 1:
                branches.append(re.escape(c) + each[0])
                self.owner[c] = ((0, members[opened[0][0]][0]),)
                continue
            guard = _either([x for _, lk in opened for x in lk])
            branches.append(re.escape(c) + guard + "".join(f"(?:{e}()|)" for e in each))
            self.owner[c] = tuple((group + n, members[k][0])
                                  for n, (k, _) in enumerate(opened, 1))
            group += len(opened)
        src = "|".join(branches)
        try:
            self.rx = re.compile(src)
        except re.error:
            self.rx = regex.compile(src, regex.V0)

    def find(self, text: str) -> list[Sequence[int]]:
        # () for a hit with no start: most of them in a text, and no list made for each
        found: list[Any] = [()] * self.count
        for i, h in self.single:
            found[i] = [m.start() for m in h.finditer(text)]
        if self.rx is None:
            return found
        owner = self.owner
        for m in self.rx.finditer(text):
            p = m.start()
            for g, h in owner[text[p]]:
                if not g or m.start(g) >= 0:
                    if found[h]:
                        found[h].append(p)
                    else:
                        found[h] = [p]
        return found


def _either(looks: Sequence[str]) -> str:
    """Zero width: holds where one of the look-arounds does (an empty one always holds)."""
    if "" in looks:
        return ""
    return looks[0] if len(looks) == 1 else "(?:" + "|".join(looks) + ")"
