"""What a line must hold for a boilerplate pattern to match it, read from the pattern itself.

`required(pattern)` gives a set of literal strings such that every match of the pattern — or
of a lookahead it makes — lies in a line holding one of them (返回顶部|回到顶部 → {返回顶部,
回到顶部}; ^[【\\[]?(?:上一篇|下一篇)\\s*: → {上一篇, 下一篇}), or None when the pattern
holds no such set (\\p{Han}{2,4}网, .*). The clean stage asks a line only the rules whose
strings occur in it (Triggers), so adding rules costs a scan, not a regex call per rule and
line. The reading is conservative: a construct it does not know gives None (the rule is
always asked), never a set that would miss a match.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import regex

_MAX_SET = 64          # strings in one exact set; beyond it the set is dropped (None)
_MAX_STR = 24          # characters in one string of an exact set

# what an ASCII letter matches under (?i) in the regex module (its simple case folding, which
# also folds the dotted capital I, the Kelvin sign and the long s); tests/test_clean_tables.py
# checks it against the engine over every code point
_ASCII_FOLDS = {c: frozenset({c, c.upper()}) for c in "abcdefghijklmnopqrstuvwxyz"}
_ASCII_FOLDS["i"] = frozenset({"i", "I", "\u0130"})
_ASCII_FOLDS["k"] = frozenset({"k", "K", "\u212a"})
_ASCII_FOLDS["s"] = frozenset({"s", "S", "\u017f"})
_ASCII_FOLDS.update({c.upper(): v for c, v in list(_ASCII_FOLDS.items())})


class _GiveUp(Exception):
    """A construct the reading does not know: the pattern gets no trigger set."""


def _caseless(c: str) -> bool:
    """c matches only itself under (?i): Han, kana, digits, punctuation — no cased letter."""
    return ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\u3000" <= c <= "\u30ff"
            or "\uff00" <= c <= "\uff20" or "\uff3b" <= c <= "\uff40" or "\uff5b" <= c <= "\uff65"
            or (c.isascii() and not c.isalpha()))


def _chars(c: str, icase: bool) -> frozenset[str] | None:
    if not icase or _caseless(c):
        return frozenset((c,))
    return _ASCII_FOLDS.get(c)  # another cased letter under (?i): its folds are not known here


_SPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                   "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")   # what \s matches
Chars = frozenset[str] | None


class Node(NamedTuple):
    """What the reader knows of a piece of a pattern."""
    exact: Chars         # a finite superset of the strings it matches (None: not finite/small)
    req: Chars           # a line it matches in holds one of these strings (None: no such set)
    first: Chars         # the first character of a non-empty match is one of these (None: any)
    nullable: bool       # it may match the empty string


_EMPTY = Node(frozenset(("",)), None, frozenset(), True)   # ^, $, \b, lookarounds
_ANY = Node(None, None, None, False)                         # ., \d, \p{Han}, [^…]


def _char_node(chars: Chars) -> Node:
    return Node(chars, chars, chars, False) if chars is not None else _ANY


def _product(a: frozenset[str], b: frozenset[str]) -> Chars:
    if len(a) * len(b) > _MAX_SET:
        return None
    out = frozenset(x + y for x in a for y in b)
    return out if all(len(s) <= _MAX_STR for s in out) else None


def _union(a: Chars, b: Chars) -> Chars:
    return None if a is None or b is None else a | b


def _score(s: frozenset[str]) -> tuple[int, int]:
    """Better sets first: the shortest string longest (rarer in text), then fewer strings."""
    return (min(map(len, s)), -len(s))


def _best(cands: Iterable[Chars]) -> Chars:
    ok = [c for c in cands if c and "" not in c]
    return max(ok, key=_score) if ok else None


_ESC_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_BROAD_ESC = set("dDSwWpPhHX")
_ZERO_ESC = set("bBAZGmM")
_QUANT = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _Reader:
    """A recursive reader of the regex module's V0 syntax, computing a Node for every piece."""

    def __init__(self, pattern: str):
        self.p, self.i = pattern, 0
        self.icase = False
        m = regex.match(r"\(\?([a-zA-Z]+)\)", pattern)
        if m:  # global flags: only (?i) changes what a literal matches; (?x) changes the syntax
            if set(m.group(1)) - set("ims"):
                raise _GiveUp
            self.icase = "i" in m.group(1)
            self.i = m.end()

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        exact: Chars = frozenset()
        req: Chars = frozenset()
        first: Chars = frozenset()
        for b in branches:
            exact, req, first = _union(exact, b.exact), _union(req, b.req), _union(first, b.first)
        if exact is not None and len(exact) > _MAX_SET:
            exact = None
        # the branches' exact strings are a required set too (the better of the two is kept)
        if exact is not None and "" not in exact and (req is None or _score(exact) > _score(req)):
            req = exact
        return Node(exact, req, first, any(b.nullable for b in branches))

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified())
        cands: list[Chars] = [x.req for x in items]
        # every run of exact items: the product of a run is required (a match passes through it)
        for a in range(len(items)):
            acc: Chars = frozenset(("",))
            for b in range(a, len(items)):
                e = items[b].exact
                acc = None if e is None or acc is None else _product(acc, e)
                if acc is None:
                    break
                cands.append(acc)
        exact: Chars = frozenset(("",))
        first: Chars = frozenset()
        nullable = True
        for x in items:
            exact = None if x.exact is None or exact is None else _product(exact, x.exact)
            if nullable:  # the first character comes from the items up to the first non-empty
                first = _union(first, x.first)
                nullable = x.nullable
        return Node(exact, _best(cands), first, nullable)

    def quantified(self) -> Node:
        x = self.atom()
        c = self.peek()
        lo, hi = 1, 1
        if c in ("?", "*", "+"):
            self.i += 1
            lo, hi = {"?": (0, 1), "*": (0, -1), "+": (1, -1)}[c]
        elif c == "{":
            m = _QUANT.match(self.p, self.i)
            if not m or m.group(0) == "{}":
                return x  # a literal { — read by atom() next time round
            self.i = m.end()
            lo = int(m.group(1) or 0)
            hi = lo if not m.group(2) else (int(m.group(3)) if m.group(3) else -1)
        else:
            return x
        if self.peek() in ("?", "+"):  # lazy, possessive: the same strings
            self.i += 1
        if lo == 0:
            e = x.exact
            exact = (e | {""}) if e is not None and hi == 1 else (_EMPTY.exact if hi == 0 else None)
            return Node(exact, None, x.first, True)
        return Node(x.exact if lo == hi == 1 else None, x.req, x.first, x.nullable)

    def atom(self) -> Node:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        if c in ("*", "+", "?"):
            raise _GiveUp  # a quantifier with nothing to repeat
        self.i += 1
        if c in ("^", "$"):
            return _EMPTY
        if c == ".":
            return _ANY
        return _char_node(_chars(c, self.icase))

    def group(self) -> Node:
        p, i = self.p, self.i + 1
        kind = "capture"
        if p.startswith("?:", i) or p.startswith("?>", i):
            kind, i = "plain", i + 2
        elif p.startswith(("?=", "?<="), i):
            kind, i = "ahead", i + (2 if p.startswith("?=", i) else 3)
        elif p.startswith(("?!", "?<!"), i):
            kind, i = "not", i + (2 if p.startswith("?!", i) else 3)
        elif p.startswith(("?P<", "?<"), i):
            close = p.find(">", i)
            if close < 0:
                raise _GiveUp
            kind, i = "plain", close + 1
        elif p.startswith("?", i):
            m = regex.match(r"\?([a-zA-Z]*):", p[i:])
            if not m or set(m.group(1)) - set("i"):
                raise _GiveUp  # a flag group that changes more than case, a backreference …
            saved, self.i = self.icase, i + m.end()
            self.icase = saved or "i" in m.group(1)
            out = self.alternation()
            self.icase = saved
            self.close()
            return out
        self.i = i
        x = self.alternation()
        self.close()
        if kind == "ahead":   # zero width, but the line holds what it looks at
            return Node(_EMPTY.exact, x.req, frozenset(), True)
        if kind == "not":
            return _EMPTY
        return x

    def close(self) -> None:
        if self.peek() != ")":
            raise _GiveUp
        self.i += 1

    def escape(self) -> Node:
        c = self.peek(1)
        self.i += 2
        if c == "s":
            return _char_node(_SPACE)
        if c in _BROAD_ESC:
            if c in "pP" and self.peek() == "{":
                end = self.p.find("}", self.i)
                if end < 0:
                    raise _GiveUp
                self.i = end + 1
            return _ANY
        if c in _ZERO_ESC:
            return _EMPTY
        return _char_node(_chars(self._escaped_char(c), self.icase))

    def _escaped_char(self, c: str) -> str:
        if c in _ESC_CHARS:
            return _ESC_CHARS[c]
        if c in ("x", "u", "U"):
            width = {"x": 2, "u": 4, "U": 8}[c]
            digits = self.p[self.i:self.i + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise _GiveUp
            self.i += width
            return chr(int(digits, 16))
        if not c or c.isalnum() or c == "_":
            raise _GiveUp  # a backreference, \N{…}, an escape this reading does not know
        return c

    def char_class(self) -> Node:
        p, i = self.p, self.i + 1
        negated = p.startswith("^", i)
        i += negated
        members: set[str] = set()
        broad = negated
        first = True
        while True:
            if i >= len(p):
                raise _GiveUp
            c = p[i]
            if c == "]" and not first:
                i += 1
                break
            if c == "[" and p.startswith(("[:", "[=", "[."), i):
                raise _GiveUp  # a POSIX class
            first = False
            if c == "\\":
                e = p[i + 1:i + 2]
                if e == "s":
                    members |= _SPACE
                    i += 2
                    continue
                if e in _BROAD_ESC:
                    broad = True
                    i += 2
                    if e in "pP" and p.startswith("{", i):
                        end = p.find("}", i)
                        if end < 0:
                            raise _GiveUp
                        i = end + 1
                    continue
                self.i = i + 2
                lit = self._escaped_char(e)
                i = self.i
            else:
                lit, i = c, i + 1
            if p.startswith("-", i) and i + 1 < len(p) and p[i + 1] != "]":
                hi_c = p[i + 1]
                if hi_c == "\\":
                    raise _GiveUp
                i += 2
                if ord(hi_c) - ord(lit) > _MAX_SET:
                    broad = True
                    continue
                members.update(chr(k) for k in range(ord(lit), ord(hi_c) + 1))
            else:
                members.add(lit)
        self.i = i
        if broad:
            return _ANY
        out: set[str] = set()
        for m in members:
            folds = frozenset((m,)) if m in _SPACE else _chars(m, self.icase)
            if folds is None:
                return _ANY
            out |= folds
        return _char_node(frozenset(out) if len(out) <= _MAX_SET else None)


def _read(pattern: str) -> Node | None:
    try:
        reader = _Reader(pattern)
        node = reader.alternation()
    except (_GiveUp, IndexError, ValueError):
        return None
    return node if reader.i == len(pattern) else None  # stopped at an unbalanced )


def required(pattern: str) -> Chars:
    """Strings one of which every line the pattern matches holds; None when none are known."""
    node = _read(pattern)
    req = node.req if node is not None else None
    if req is None:
        return None
    # a string that holds another of the set adds nothing (a line with 关闭本页 holds 关闭)
    return frozenset(s for s in req if not any(t != s and t in s for t in req))


def first_chars(pattern: str) -> Chars:
    """The characters a match of the pattern at a line's start may begin with (match(), not
    search()); None when any may, or when the pattern may match the empty string."""
    node = _read(pattern)
    if node is None or node.nullable or node.first is None:
        return None
    return node.first


# -- from strings to trigger characters ---------------------------------------------------------

# characters common in running text, most common first (digits, punctuation, then the Han
# characters ranked by the word frequencies of jieba's dictionary): a trigger avoids them, so
# a body line rarely wakes a rule
_COMMON = ("0123456789 ,.:-/()%" + "的一是人了不在有大中国和为这上他个地年来我会以到时要出生学说道"
           "民家子也成行下们于后就发自之对得主长可过天作分方用多你着部能市等业全里工公经本都而高政法面"
           "门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山水"
           "关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物"
           "性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元"
           "美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领队直计别女权"
           "话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五京"
           "河接条规式县白它改风光运信受什组听布百济党指论强做取技")
_RANK = {c: k for k, c in enumerate(_COMMON)}

# the characters whose lower() holds a given ASCII letter, besides the letter and its capital
# (tests/test_clean_tables.py checks it over every code point)
_LOWERS_TO = {"i": "\u0130", "k": "\u212a"}


def _rare(word: str, lowered: bool) -> frozenset[str] | None:
    """The characters of which a line holding `word` holds one: its rarest character (with
    the characters that lower to it when the line is matched lowered)."""
    cands = [c for c in word if not lowered or _caseless(c) or c in _ASCII_FOLDS]
    if not cands:
        return None
    c = max(reversed(cands), key=lambda ch: _RANK.get(ch, len(_COMMON)))
    if lowered and c.isascii() and c.isalpha():
        if not c.islower():
            return None   # a lowered line holds no capital
        return frozenset((c, c.upper(), *_LOWERS_TO.get(c, "")))
    return frozenset((c,))


def trigger_chars(words: Iterable[str] | None, lowered: bool = False) -> frozenset[str] | None:
    """Characters of which every line holding one of `words` holds one (`lowered`: holding one
    of them once lowercased); None when there are none (an empty word, no words)."""
    if words is None:
        return None
    out: set[str] = set()
    for w in words:
        chars = _rare(w, lowered) if w else None
        if chars is None:
            return None
        out |= chars
    return frozenset(out) or None


class Triggers:
    """Which rules a line may wake: rule k is woken by a line holding one of its characters
    (`chars[k]`; None: any line) and starting with one of its first characters (`firsts[k]`;
    None: with any)."""

    def __init__(self, chars: list[Chars], firsts: list[Chars]):
        self.always, self.by_char = self._index(chars)
        self.any_start, self.by_start = self._index(firsts)
        self.triggered = ~(self.always & self.any_start)

    @staticmethod
    def _index(sets: list[Chars]) -> tuple[int, dict[str, int]]:
        always, by_char = 0, dict[str, int]()
        for k, cs in enumerate(sets):
            if cs is None:
                always |= 1 << k
                continue
            for c in cs:
                by_char[c] = by_char.get(c, 0) | 1 << k
        return always, by_char

    def mask(self, n: str) -> int:
        """The rules line n may wake, as bits."""
        m, get = self.always, self.by_char.get
        for c in set(n):
            m |= get(c, 0)
        return m & (self.any_start | self.by_start.get(n[:1], 0))
