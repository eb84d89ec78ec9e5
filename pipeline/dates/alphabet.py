"""The characters a pattern can consume, read from its source: a cheap necessary condition.

A date rule is tried from `before` characters before a hit of its `near` (grammar.Near) up to
the hit; but a match consumes every character between its start and the hit, and a date
pattern consumes only digits, numerals and a few dozen date words' characters. So a start
whose stretch to the hit holds any other character (a 公司 or a comma between) cannot match:
the window of a hit shrinks to the run of such characters that ends at it, found by one
backward match, and most failed tries of the long range patterns (each a long backtrack) are
never made.
"""
from __future__ import annotations

import re
from typing import Any

import regex

from .hits import class_end

_QUANTIFIER = re.compile(r"\{\d*(?:,\d*)?\}")
_CLASS_ESCAPES = "ds"          # \d \s: kept as they are in the joined class
_ANCHORS = "bBAZG"             # zero width
_CODE_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _escape_at(src: str, i: int) -> tuple[str | None, int]:
    """The escape at src[i] ("\\") as a class item ("" for a zero-width one, None for one that
    stands for too many characters to list: \\w \\S \\p{…} …) and the index past it."""
    c = src[i + 1]
    if c in _CODE_ESCAPES:
        j = i + 2 + _CODE_ESCAPES[c]
        return src[i:j], j
    if c in _CLASS_ESCAPES:
        return "\\" + c, i + 2
    if c in _ANCHORS or c.isdigit():
        return "", i + 2          # an anchor, or a back-reference (it repeats consumed text)
    if c.isalpha():
        return None, i + 2        # \w \W \S \D \p \P \X \N …
    return regex.escape(c), i + 2


def _class_items(body: str) -> list[str] | None:
    """The items of a class body (characters, ranges, \\d \\s), each written to stand alone in a
    joined class; None for a negated class or one with an escape that is too wide."""
    if body.startswith("^"):
        return None
    items: list[str] = []
    i, n = 0, len(body)
    while i < n:
        if body[i] == "\\":
            item, i = _escape_at(body, i)
            if item is None:
                return None
            if not item:
                continue
        else:
            item, i = regex.escape(body[i]), i + 1
        if i + 1 < n and body[i] == "-" and len(item) <= 2 and item not in ("\\d", "\\s"):
            if body[i + 1] == "\\":
                hi, i = _escape_at(body, i + 1)
                if not hi or hi in ("\\d", "\\s"):
                    return None
            else:
                hi, i = regex.escape(body[i + 1]), i + 2
            item = f"{item}-{hi}"
        items.append(item)
    return items


def consumed(src: str) -> str | None:
    """A character class (regex source) holding every character a match of `src` can consume —
    everything outside look-arounds, a superset is fine — or None when the pattern can consume
    characters too many to list (`.`, a negated class, \\w, \\p{…}) or sets flags."""
    items: list[str] = []
    looks: list[bool] = []          # per open group: inside a look-around
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        inside = bool(looks) and looks[-1]
        if c == "\\":
            item, i = _escape_at(src, i)
            if item is None and not inside:
                return None
            if item and not inside:
                items.append(item)
            if src[i - 1] in "pPN" and i < n and src[i] == "{":
                i = src.index("}", i) + 1
            continue
        if c == "[":
            end = class_end(src, i)
            if not inside:
                got = _class_items(src[i + 1:end - 1])
                if got is None:
                    return None
                items.extend(got)
            i = end
            continue
        if c == "(":
            if src.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                looks.append(True)
                i += 4 if src[i + 2] == "<" else 3
            elif src.startswith("(?P=", i):
                i = src.index(")", i) + 1          # a back-reference: text consumed before
            elif src.startswith("(?P<", i):
                looks.append(inside)
                i = src.index(">", i) + 1
            elif src.startswith(("(?:", "(?>"), i):
                looks.append(inside)
                i += 3
            elif src.startswith("(?(", i):
                looks.append(inside)               # a conditional: skip its condition
                i = src.index(")", i + 3) + 1
            elif src.startswith("(?", i):
                return None                        # flags or a comment: not read here
            else:
                looks.append(inside)
                i += 1
            continue
        if c == ")":
            looks.pop()
            i += 1
            continue
        if c == "{":
            m = _QUANTIFIER.match(src, i)
            if m:
                i = m.end()
                continue
        elif c in "*+?|^$":
            i += 1
            continue
        elif c == ".":
            if not inside:
                return None
            i += 1
            continue
        if not inside:
            items.append(regex.escape(c))
        i += 1
    if looks:
        raise ValueError(f"unbalanced group in {src!r}")
    uniq = list(dict.fromkeys(items))
    return "[" + "".join(uniq) + "]" if uniq else None


def run_before(classes: list[str | None]) -> Any:
    """A backward matcher of runs of the characters of every class (consumed()'s): .match(text,
    lo, hit) spans the longest stretch of them that ends at hit and starts no earlier than lo;
    None when a class is None."""
    if not classes or any(c is None for c in classes):
        return None
    joined = "".join(dict.fromkeys(c[1:-1] for c in classes if c))
    return regex.compile(f"(?r)[{joined}]*", regex.V0)
