"""The date rules compiled a second time, for the standard `re`, where that gives the same matches.

The rules are written for `regex` (a group name used in several alternatives, \\p{Han},
variable-width look-behinds). Most of them need none of that but the shared names, and `re`
runs them about 1.5x faster, 2-2.5x inside the pipeline, where the other stages have pushed
the rules out of the processor's caches in between (each `regex` pattern is a large graph of
nodes; `re` compiles to a compact code array). So a rule gets an `re` twin when:

- renaming its repeated group names (m, m__1, …; a back-reference to the latest one before it)
  makes it compile — no \\p{…}, no variable-width look-behind, no conditional or
  back-reference on a repeated name, no repeated name inside a group that repeats (*, +, {…}),
  no unnamed group;
- and the text holds no character on which the two engines' \\d or \\s disagree (`regex` has a
  newer Unicode table of digits, and `re` counts \\x1c-\\x1f as spaces): `odd(text)` says so,
  and such a text runs the `regex` patterns as before.

The twin's group names map back to the rule's (m__1 → m): read in number order with the unset
ones skipped, the last one set wins, as the shared group of `regex` keeps its last capture.
"""
from __future__ import annotations

import re
from typing import Any

import regex

from .hits import _walk, class_end, group_end

_NAMED = re.compile(r"\(\?P<(\w+)>|\(\?P=(\w+)\)|\(\?\((\w+)\)")
_SUFFIX = re.compile(r"__\d+$")

# characters both engines read the same way as \d or \s: digits 0-9 and the usual spaces;
# any other character either engine takes for a digit or a space sends the text to `regex`.
# One class of `regex` (a V1 set difference) holds every such character of both engines: its
# own \d and \s, and \x1c-\x1f, which `re` alone takes for spaces (`regex` has a newer Unicode
# table, with every digit `re` knows; tests/test_dates.py checks the class against both engines
# over every code point). A search of one class is a tight loop over the text, where a
# look-ahead in front of the class was a call at every position, in two passes.
_AGREED = "0-9\\t\\n\\x0b\\x0c\\r \\xa0\\u3000"
_ODD = regex.compile(rf"[[\d\s\x1c-\x1f]--[{_AGREED}]]", regex.V1)


def odd_chars(text: str) -> list[str]:
    """Every character of text that odd() would catch."""
    return _ODD.findall(text)


def odd(text: str) -> bool:
    """Whether text holds a character the `re` twins could read differently from `regex`."""
    return _ODD.search(text) is not None


def _ambiguous_reference(src: str, found: list) -> bool:
    """Whether a back-reference has more than one group of its name before it in its own
    top-level alternative (groups of other alternatives cannot have matched with it)."""
    bars = [j for j, c, depth in _walk(src) if c == "|" and depth == 0]

    def branch(k: int) -> int:
        return sum(b < k for b in bars)
    for r in found:
        if r.group(2):
            before = [m for m in found if m.group(1) == r.group(2) and m.start() < r.start()
                      and branch(m.start()) == branch(r.start())]
            if len(before) > 1:
                return True
    return False


def _repeated_under_quantifier(src: str, found: list, defined: list[str]) -> bool:
    """Whether a group of a name used twice is quantified, or lies in a quantified group."""
    stack: list[int] = []
    quantified: list[tuple[int, int]] = []   # (open, close) of groups with a quantifier after
    for j, c, _ in _walk(src):
        if c == "(":
            stack.append(j)
        elif c == ")" and stack:
            o = stack.pop()
            if src[j + 1:j + 2] in ("*", "+", "{"):  # ? takes a group once at most
                quantified.append((o, j))
    shared = {m.start() for m in found if m.group(1) and defined.count(m.group(1)) > 1}
    return any(o <= k <= e for k in shared for o, e in quantified)


def _atom_first(src: str) -> str:
    """A pattern that opens with look-behinds, then one character (a literal or a class), as
    that character first: (?<!A)X → X(?<!(?:A)X). Both hold at the same positions (the
    look-behind now reads X too, which has just matched), so the matches are the same; but
    `re` searches a pattern that opens with a character by skipping to it, where a look-behind
    first is tried at every position of the text."""
    looks, i = [], 0
    try:
        while src.startswith(("(?<=", "(?<!"), i):
            j = group_end(src, i)
            looks.append(src[i:j])
            i = j
        if not looks or i >= len(src):
            return src
        if src[i] == "[":
            j = class_end(src, i)
        elif src[i] not in "()[]{}|.*+?^$\\":
            j = i + 1
        else:
            return src
    except (ValueError, IndexError):
        return src
    if src[j:j + 1] in ("*", "+", "?", "{", "|") or ("|" in src[j:] and _top_level_bar(src)):
        return src           # X is not one character of every match
    atom = src[i:j]
    return atom + "".join(f"{lk[:4]}(?:{lk[4:-1]}){atom})" for lk in looks) + src[j:]


def _top_level_bar(src: str) -> bool:
    return any(c == "|" and depth == 0 for _, c, depth in _walk(src))


def twin(src: str) -> tuple[Any, tuple[str, ...]] | None:
    """The `re` twin of a `regex` pattern and its group names by number (repeated names
    restored), or None when there is none that matches the same."""
    opens = {j for j, c, _ in _walk(src) if c == "("}      # not escaped, not in a class
    found = [m for m in _NAMED.finditer(src) if m.start() in opens]
    defined = [m.group(1) for m in found if m.group(1)]
    if any(m.group(3) and defined.count(m.group(3)) > 1 for m in found):
        return None          # a conditional on a name used twice
    if _ambiguous_reference(src, found):
        return None          # (?:(?P<s>-)|(?P<s>/))\d+(?P=s): `regex` reads whichever matched
    if _repeated_under_quantifier(src, found, defined):
        return None          # (?:(?P<a>x)|(?P<a>y))+: each engine keeps another last capture
    count: dict[str, int] = {}
    latest: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    for m in found:
        name, ref, _ = m.groups()
        out.append(src[pos:m.start()])
        pos = m.end()
        if name:
            k = count.get(name, 0)
            count[name] = k + 1
            latest[name] = name if k == 0 else f"{name}__{k}"
            out.append(f"(?P<{latest[name]}>")
        elif ref:
            if ref not in latest:
                return None
            out.append(f"(?P={latest[ref]})")
        else:
            out.append(m.group(0))
    out.append(src[pos:])
    rx = None
    for source in (_atom_first("".join(out)), "".join(out)):
        try:
            rx = re.compile(source)
            break
        except (re.error, OverflowError, RecursionError):
            continue
    if rx is None:
        return None
    names = [""] * rx.groups
    for name, i in rx.groupindex.items():
        names[i - 1] = _SUFFIX.sub("", name)
    if not all(names):
        return None          # an unnamed group: the finder would read groupdict()
    return rx, tuple(names)
