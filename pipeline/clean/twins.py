"""The standard `re` twin of a `regex` pattern, where both engines match the same text the same
way.

The boilerplate rules and the clean stage's shapes are written for `regex` (\\p{Han}, its
Unicode tables). Most of them need nothing else, and `re` runs them faster, the more so inside
the pipeline, where the other stages push the rules out of the processor's caches between two
lines (a `regex` pattern is a large graph of nodes, an `re` pattern a compact code array).

A twin is the pattern with each class escape that the two engines read differently (\\d, \\s,
\\w, \\p{Han} and their negations) spelt out as the explicit class of the code points `regex`
itself matches with it, read once per process from the running `regex` over every code point:
so the twin matches the same characters as the original whatever Unicode version either engine
has. A pattern gets no twin (None) when it holds anything this does not spell out or `re`
could read otherwise: an inline flag ((?i) folds case differently), \\b, \\B, another \\p{…},
a negated class escape inside […], a class escape next to a range's -, a [ or a set
operation inside a class, or a construct `re` refuses (a variable-width look-behind, a name
used twice, a `regex`-only escape).
"""
from __future__ import annotations

import functools
import re
import warnings
from typing import Any

import regex

_FLAG_FREE = ("?:", "?=", "?!", "?<=", "?<!", "?P<", "?P=", "?>", "?#", "?(")


@functools.cache
def _code_points() -> str:
    """Every code point, in order (lone surrogates included: no class escape matches one)."""
    bmp = "".join(map(chr, range(0x10000)))
    raw = bytearray(bmp.encode("utf-32-le", "surrogatepass"))
    planes = [bmp]
    for k in range(1, 17):     # plane k is the BMP with its third byte set to k
        raw[2::4] = bytes((k,)) * 0x10000
        planes.append(raw.decode("utf-32-le"))
    return "".join(planes)


def _point(c: str) -> str:
    k = ord(c)
    return f"\\u{k:04x}" if k <= 0xFFFF else f"\\U{k:08x}"


@functools.cache
def _members(escape: str) -> str:
    """The body of an `re` class holding exactly the code points `regex` matches with escape."""
    out = []
    for m in regex.finditer(escape + "+", _code_points()):
        a, b = m.group()[0], m.group()[-1]
        out.append(_point(a) if a == b else f"{_point(a)}-{_point(b)}")
    return "".join(out)


# escape as written → (the `regex` escape whose members it spells, negated)
_SPELT = {"\\d": ("\\d", False), "\\s": ("\\s", False), "\\w": ("\\w", False),
          "\\p{Han}": ("\\p{Han}", False), "\\D": ("\\d", True), "\\S": ("\\s", True),
          "\\W": ("\\w", True), "\\P{Han}": ("\\p{Han}", True)}
# escapes that need a table `re` does not share, or that `regex` reads its own way
_REFUSED = set("bBpPXGKmMhHRL")


class _NoTwin(Exception):
    pass


def _spelt(p: str, i: int) -> str | None:
    """The escape at p[i] when it is one of _SPELT."""
    for esc in ("\\p{Han}", "\\P{Han}"):
        if p.startswith(esc, i):
            return esc
    esc = p[i:i + 2]
    return esc if esc in _SPELT else None


def _source(p: str) -> str:
    out: list[str] = []
    i, in_class, class_start = 0, False, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            esc = _spelt(p, i)
            if esc is not None:
                escape, negated = _SPELT[esc]
                if in_class:
                    # [^\S] is no union of code points; \d-x would read as a range in `re`
                    after = p[i + len(esc):i + len(esc) + 2]
                    if negated or p[i - 1:i] == "-" or (after[:1] == "-" and after != "-]"):
                        raise _NoTwin
                    out.append(_members(escape))
                else:
                    out.append(("[^" if negated else "[") + _members(escape) + "]")
                i += len(esc)
                continue
            if p[i + 1:i + 2] in _REFUSED:
                raise _NoTwin
            out.append(p[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
            elif c == "[" or (c in "-&|~" and p[i + 1:i + 2] == c):
                raise _NoTwin      # a nested set or a set operation (FutureWarning in `re`)
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            j = i + 1 + (p[i + 1:i + 2] == "^")
            out.append(p[i:j])
            class_start, i = j, j   # a ] right after [ or [^ is a member
            continue
        if c == "(" and p.startswith("?", i + 1) and not p.startswith(_FLAG_FREE, i + 1):
            raise _NoTwin          # an inline flag, (?<name>…), (?|…) …
        out.append(c)
        i += 1
    if in_class:
        raise _NoTwin
    return "".join(out)


# every pattern asked for, with its twin (None: it has none); tests/test_clean_twins.py checks
# each twin against `regex`
TWINS: dict[str, re.Pattern[str] | None] = {}


def twin(pattern: str) -> re.Pattern[str] | None:
    """The `re` pattern that matches what regex.compile(pattern) matches, or None."""
    if pattern in TWINS:
        return TWINS[pattern]
    try:
        source = _source(pattern)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out: re.Pattern[str] | None = re.compile(source)
    except (_NoTwin, re.error, FutureWarning, DeprecationWarning, OverflowError,
            RecursionError):
        out = None
    TWINS[pattern] = out
    return out


def compile(pattern: str) -> Any:
    """The `re` twin of the pattern when it has one, else the pattern compiled by `regex`
    (V0, as regex.compile): the same matches, groups and spans either way."""
    return twin(pattern) or regex.compile(pattern, regex.V0)
