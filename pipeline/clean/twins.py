"""The standard `re` twin of a `regex` pattern, where both engines match the same text the same
way.

The boilerplate rules and the clean stage's shapes are written for `regex` (\\p{Han}, its
Unicode tables). Most of them need nothing else, and `re` runs them faster, the more so inside
the pipeline, where the other stages push the rules out of the processor's caches between two
lines (a `regex` pattern is a large graph of nodes, an `re` pattern a compact code array).

A twin is the pattern with each class escape that the two engines read differently (\\d, \\s,
\\p{Han} and their negations) written so that `re` matches the code points `regex` itself
matches with it, read once per process from the running `regex` over every code point: so the
twin matches the same characters as the original whatever Unicode version either engine has.
A pattern gets no twin (None) when it holds anything this does not rewrite or `re` could read
otherwise: an inline flag ((?i) folds case differently), \\w, \\b, \\B, another \\p{…}, a
negated class escape inside […], a class escape next to a range's -, a [ or a set operation
inside a class, or a construct `re` refuses (a variable-width look-behind, a name used twice,
a `regex`-only escape).
"""
from __future__ import annotations

import functools
import re
import warnings
from typing import Any, NamedTuple

import regex

_FLAG_FREE = ("?:", "?=", "?!", "?<=", "?<!", "?P<", "?P=", "?>", "?#", "?(")


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


def _body(points: list[int]) -> str:
    """An `re` class body of the code points (sorted), as ranges."""
    out, k = [], 0
    while k < len(points):
        j = k
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        a, b = chr(points[k]), chr(points[j])
        out.append(_point(a) if a == b else f"{_point(a)}-{_point(b)}")
        k = j + 1
    return "".join(out)


class _Spelling(NamedTuple):
    inside: str           # among the members of a class
    outside: str          # alone
    negated: str          # its negation, alone


@functools.cache
def _spellings() -> dict[str, _Spelling]:
    r"""How each class escape of `regex` is written for `re`, read in one pass over every code
    point (the 4 MB string is not kept). Where `re`'s own escape of the same name matches a
    subset, it is used with the missing code points added ([\d…]); where it matches a
    superset, with the extra ones taken out ([^\S…]); a class `re` has no escape for (Han) is
    spelt out — each such class costs `re` a millisecond to compile, so few are."""
    every = _code_points()

    def members(rx: str, engine: Any) -> set[int]:
        return {k for m in engine.finditer(rx + "+", every) for k in range(m.start(), m.end())}
    out = {}
    for esc, upper in (("\\d", "\\D"), ("\\s", "\\S")):
        want, have = members(esc, regex), members(esc, re)
        more, less = _body(sorted(want - have)), _body(sorted(have - want))
        if not less:            # re's escape misses some: add them
            out[esc] = _Spelling(esc + more, f"[{esc}{more}]" if more else esc,
                                 f"[^{esc}{more}]" if more else upper)
        elif not more:          # re's escape takes more: leave them out
            out[esc] = _Spelling(_body(sorted(want)), f"[^{upper}{less}]", f"[{upper}{less}]")
        else:
            body = _body(sorted(want))
            out[esc] = _Spelling(body, f"[{body}]", f"[^{body}]")
    han = "".join(_point(every[m.start()]) + "-" + _point(every[m.end() - 1])
                  if m.end() - m.start() > 1 else _point(every[m.start()])
                  for m in regex.finditer("\\p{Han}+", every))
    out["\\p{Han}"] = _Spelling(han, f"[{han}]", f"[^{han}]")
    return out


@functools.cache
def digits() -> frozenset[str]:
    """The characters `regex`'s \\d matches (its own Unicode tables, read over every code
    point): what a line's first or last character is when a pattern starts or ends with \\d."""
    return frozenset(regex.findall(r"\d", _code_points()))


# escape as written → (the escape whose spelling it takes, negated)
_SPELT = {"\\d": ("\\d", False), "\\s": ("\\s", False), "\\p{Han}": ("\\p{Han}", False),
          "\\D": ("\\d", True), "\\S": ("\\s", True), "\\P{Han}": ("\\p{Han}", True)}
# escapes that need a table `re` does not share (\w: spelt out, 5 ms to compile each), or that
# `regex` reads its own way
_REFUSED = set("wWbBpPXGKmMhHRL")


class _NoTwin(Exception):
    pass


def _spelt(p: str, i: int) -> str | None:
    """The escape at p[i] when it is one of _SPELT."""
    for esc in ("\\p{Han}", "\\P{Han}"):
        if p.startswith(esc, i):
            return esc
    esc = p[i:i + 2]
    return esc if esc in _SPELT else None


def _range_dash(p: str, i: int, class_start: int) -> bool:
    """Whether p[i] is a - that may open a range: neither a class's first member ([-\\s]) nor
    escaped (an odd run of backslashes before it: \\-)."""
    if p[i:i + 1] != "-" or i == class_start:
        return False
    k = i
    while k > class_start and p[k - 1] == "\\":
        k -= 1
    return (i - k) % 2 == 0


def _source(p: str) -> str:
    out: list[str] = []
    i, in_class, class_start = 0, False, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            esc = _spelt(p, i)
            if esc is not None:
                escape, negated = _SPELT[esc]
                spelling = _spellings()[escape]
                if in_class:
                    # [^\S] is no union of code points; \d-x would read as a range in `re`
                    after = p[i + len(esc):i + len(esc) + 2]
                    if negated or _range_dash(p, i - 1, class_start) or (
                            after[:1] == "-" and after != "-]"):
                        raise _NoTwin
                    out.append(spelling.inside)
                else:
                    out.append(spelling.negated if negated else spelling.outside)
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
