"""What a line must hold for a boilerplate pattern to match it, read from the pattern itself.

`required(pattern)` gives sets of literal strings such that every match of the pattern — and
every lookahead it makes — lies in a line holding one string of each set (返回顶部|回到顶部 →
{返回顶部, 回到顶部}; ^[【\\[]?(?:上一篇|下一篇)\\s*: → {上一篇, 下一篇}); `first_chars`
and `last_chars` the characters a match at the line's start begins with and a match at its
end ($) ends with (\\p{Han}{2,4}网$: {网}, and no first character). From these, each
rule gets a few trigger characters, and the clean stage asks a line only the rules it may
wake (Triggers): adding a rule costs a dictionary entry, not a regex call on every line. The
reading is conservative: a construct it does not know gives no condition (the rule is always
asked), never one that would miss a match.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

import regex

from . import twins

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
Reqs = tuple[frozenset[str], ...]
_KEEP = 8              # required sets kept per piece
_RUN = 4               # items joined into one required string at most


class Node(NamedTuple):
    """What the reader knows of a piece of a pattern."""
    exact: Chars         # a finite superset of the strings it matches (None: not finite/small)
    req: Reqs            # sets of strings a line it matches in holds one of (best first)
    first: Chars         # the first character of a non-empty match is one of these (None: any)
    nullable: bool       # it may match the empty string
    last: Chars = frozenset()   # the last character of a non-empty match (None: any)
    ends: bool = False          # every match of it ends at the end of the line ($)


_EMPTY = Node(frozenset(("",)), (), frozenset(), True)     # ^, \b, lookarounds
_END = _EMPTY._replace(ends=True)                            # $, \Z
_ANY = Node(None, (), None, False, None)                     # ., \d, \p{Han}, [^…]
_BACKREF = Node(None, (), None, True, None)                  # (?P=name): any text, or none


def _char_node(chars: Chars) -> Node:
    return Node(chars, (chars,), chars, False, chars) if chars is not None else _ANY


def _wide_node(chars: frozenset[str], ends: bool) -> Node:
    """A class too wide to take part in exact or required strings (\\d, [\\d…]): only the
    characters a match starts with (the line's first at a ^), and, when asked (`ends`), those
    it ends with (the line's last at a $)."""
    return Node(None, (), chars, False, chars if ends else None)


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


def _best(cands: Iterable[Chars]) -> Reqs:
    """The best few sets, best first (a set holding the empty string requires nothing)."""
    ok = {c for c in cands if c and "" not in c}
    return tuple(sorted(ok, key=lambda c: (_score(c), sorted(c)), reverse=True)[:_KEEP])


_ESC_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_BROAD_ESC = set("dDSwWpPhHX")
_ZERO_ESC = set("bBAGmM")
_QUANT = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_GLOBAL_FLAGS = regex.compile(r"\(\?([a-zA-Z]+)\)")
_SCOPED_FLAGS = regex.compile(r"\?([a-zA-Z]*):")


class _Reader:
    """A recursive reader of the regex module's V0 syntax, computing a Node for every piece."""

    def __init__(self, pattern: str, wide_ends: bool = False):
        self.p, self.i = pattern, 0
        self.wide_ends = wide_ends
        self.icase = False
        m = _GLOBAL_FLAGS.match(pattern)
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
        first: Chars = frozenset()
        last: Chars = frozenset()
        for b in branches:
            exact, first = _union(exact, b.exact), _union(first, b.first)
            last = _union(last, b.last)
        if exact is not None and len(exact) > _MAX_SET:
            exact = None
        # one required set of each branch, joined: the j-th of each (or its last)
        reqs: list[Chars] = [exact]  # the branches' exact strings are one too
        if all(b.req for b in branches):
            reqs += [frozenset().union(*(b.req[min(j, len(b.req) - 1)] for b in branches))
                     for j in range(max(len(b.req) for b in branches))]
            # and a set every branch requires a part of (第…版|[A-Z]…版: 版), whatever its rank
            # in each branch: the parts joined
            if len(branches) > 1:
                for s in {r for b in branches for r in b.req}:
                    parts = [next((t for t in b.req if t <= s), None) for b in branches]
                    if all(p is not None for p in parts):
                        reqs.append(frozenset().union(*(p for p in parts if p is not None)))
        return Node(exact, _best(reqs), first, any(b.nullable for b in branches), last,
                    all(b.ends for b in branches))

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified())
        cands: list[Chars] = [r for x in items for r in x.req]
        # every run of exact items: the product of a run is required (a match passes through it)
        for a in range(len(items)):
            acc: Chars = frozenset(("",))
            for b in range(a, min(a + _RUN, len(items))):
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
        last: Chars = frozenset()
        for x in reversed(items):  # and the last from the items after the last non-empty
            last = _union(last, x.last)
            if not x.nullable:
                break
        return Node(exact, _best(cands), first, nullable, last, bool(items) and items[-1].ends)

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
                raise _GiveUp  # a literal {, or fuzzy matching ({e<=1}): not read here
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
            return Node(exact, (), x.first, True, x.last)
        return x._replace(exact=x.exact if lo == hi == 1 else None)

    def atom(self) -> Node:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        if c in ("*", "+", "?", "{"):
            raise _GiveUp  # a quantifier with nothing to repeat, a literal {
        self.i += 1
        if c in ("^", "$"):
            return _EMPTY if c == "^" else _END
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
        elif p.startswith("?P=", i):
            # a backreference by name: the text its group matched, maybe none — no condition
            # of its own (the pattern's other pieces keep theirs)
            close = p.find(")", i)
            if close < 0 or not p[i + 3:close].isidentifier():
                raise _GiveUp
            self.i = close + 1
            return _BACKREF
        elif p.startswith("?", i):
            m = _SCOPED_FLAGS.match(p, i)
            if not m or set(m.group(1)) - set("i"):
                raise _GiveUp  # a flag group that changes more than case, a backreference …
            saved, self.i = self.icase, m.end()
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
        if c == "d":    # every decimal digit regex knows: a line led by a Han character is no \d
            return _wide_node(twins.digits(), self.wide_ends)
        if c in _BROAD_ESC:
            if c in "pP" and self.peek() == "{":
                end = self.p.find("}", self.i)
                if end < 0:
                    raise _GiveUp
                self.i = end + 1
            return _ANY
        if c in _ZERO_ESC:
            return _EMPTY
        if c == "Z":
            return _END
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
                if e == "d":
                    members |= twins.digits()
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
                if hi_c == "\\":     # an escaped end ([\x20-\x7e]): a class escape gives up
                    self.i = i + 3
                    hi_c = self._escaped_char(p[i + 2:i + 3])
                    i = self.i
                else:
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
        return _char_node(frozenset(out)) if len(out) <= _MAX_SET else _wide_node(frozenset(out),
                                                                          self.wide_ends)


@functools.lru_cache(maxsize=4096)   # a pattern is read once, for all that is asked of it
def _read(pattern: str, wide_ends: bool = False) -> Node | None:
    try:
        reader = _Reader(pattern, wide_ends)
        node = reader.alternation()
    except (_GiveUp, IndexError, ValueError):
        return None
    return node if reader.i == len(pattern) else None  # stopped at an unbalanced )


@functools.lru_cache(maxsize=4096)
def required(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of strings, best first, such that every line the pattern matches holds one string
    of each set; empty when none are known."""
    node = _read(pattern)
    # a string that holds another of its set adds nothing (a line with 关闭本页 holds 关闭)
    return tuple(_least(req) for req in (node.req if node is not None else ()))


def _least(strings: frozenset[str]) -> frozenset[str]:
    """The strings that hold no other string of the set."""
    kept: list[str] = []
    for s in sorted(strings, key=len):
        if not any(t in s for t in kept):
            kept.append(s)
    return frozenset(kept)


def last_chars(pattern: str, wide: bool = False) -> Chars:
    """The characters a line ends with when the pattern matches it and every match ends at
    the line's end ($); None when any may, or when the pattern may match the empty string. A
    line holding a newline may end a match before it: Triggers does not ask it. `wide`: a
    match ending in \\d (or a class holding it) ends with one of regex's digits — hundreds of
    characters, read only when asked (the clean stage's tables take them)."""
    node = _read(pattern, wide)
    if node is None or node.nullable or not node.ends or node.last is None:
        return None
    return node.last


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


# the blocks of Unicode with characters lower() changes (tests/test_clean_tables.py checks them
# against every code point): Latin to Armenian and Georgian, Cyrillic and Latin extensions,
# full-width Latin, Deseret … Adlam
_CASED = ((0, 0x2D00), (0xA640, 0xA800), (0xFF00, 0xFF60), (0x10400, 0x10500), (0x10570, 0x10600),
          (0x10C80, 0x10D00), (0x118A0, 0x11900), (0x16E40, 0x16EA0), (0x1E900, 0x1E960))


@functools.cache
def lowered_from() -> dict[str, frozenset[str]]:
    """Each character that starts what lower() makes of another → those others (A → a,
    İ → i: its lower() is i and a dot)."""
    out: dict[str, set[str]] = {}
    for lo, hi in _CASED:
        for c in map(chr, range(lo, hi)):
            low = c.lower()
            if low != c:
                out.setdefault(low[0], set()).add(c)
    return {k: frozenset(v) for k, v in out.items()}


def lowered_firsts(chars: Iterable[str]) -> frozenset[str]:
    """The characters a line may start with when its lower() starts with one of `chars`."""
    table = lowered_from()
    return frozenset(c for c in chars if c.lower()[:1] == c).union(
        *(table.get(c, ()) for c in chars))


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


def _commonness(chars: frozenset[str]) -> int:
    """How often a line of running text holds one of the characters, roughly (0: rarely)."""
    return sum(len(_COMMON) - _RANK[c] for c in chars if c in _RANK)


def pattern_triggers(pattern: str) -> tuple[Chars, Chars]:
    """Two sets of trigger characters a line the pattern matches holds one of each (None: no
    such set): from its required set of the rarest characters, and from the next rarest of
    other characters (^某某(1980—),女, wakes on 男 or 女, not on the 1 and 9 of its year)."""
    sets = [c for c in (trigger_chars(r) for r in required(pattern)) if c is not None]
    if not sets:
        return None, None
    sets.sort(key=lambda c: (_commonness(c), len(c)))   # stable: ties keep required()'s order
    return sets[0], next((c for c in sets[1:] if c.isdisjoint(sets[0])), None)


def holds_one(pattern: str) -> str | None:
    """A quick test (an re of literal strings) that a line holds one of the pattern's best
    required set of strings of two or more characters — finer than the trigger characters,
    asked before the pattern itself; None when it has no such set."""
    sets = [r for r in required(pattern) if min(map(len, r)) >= 2]
    if not sets:
        return None
    return "|".join(map(re.escape, sorted(sets[0], key=lambda w: (-len(w), w))))


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern, each with the pattern's leading flags: a match
    of the pattern is a match of one of them, so each may get trigger conditions of its own
    (^作者简介$|…研究方向… wakes on 作者简介 or on 研究方向, not on the characters of both).
    [pattern] when it has one, or when a flag group later in it may change them all."""
    m = _GLOBAL_FLAGS.match(pattern)
    flags, body = (m.group(0), pattern[m.end():]) if m else ("", pattern)
    if "(?" in body and _GLOBAL_FLAGS.search(body):
        return [pattern]   # a global flag in the middle applies to every alternative
    out, depth, in_class, i, start = [], 0, False, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if body[i + 1:i + 2] == "^":
                i += 1
            if body[i + 1:i + 2] == "]":  # []…] and [^]…] hold a ]
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    if depth or in_class or not out:
        return [pattern]
    return [flags + b for b in [*out, body[start:]]]


def starts_at_line_start(pattern: str) -> bool:
    """Every match of the pattern starts at the line's start: it opens with ^ (after its
    leading flags; not under (?m), where ^ also follows a newline)."""
    m = _GLOBAL_FLAGS.match(pattern)
    if m and "m" in m.group(1):
        return False
    return pattern[m.end() if m else 0:].startswith("^")


class Triggers:
    """Which rules a line may wake: rule k is woken by a line holding one of `chars[k]` and
    one of `more[k]`, starting with one of `firsts[k]` and ending with one of `lasts[k]`
    (None: no such condition)."""

    def __init__(self, chars: list[Chars], more: list[Chars], firsts: list[Chars],
                 lasts: list[Chars]):
        # both character conditions in one int: rule k's `chars` at bit k, its `more` at bit
        # k + width, so a line's characters are looked up once
        self.width = width = len(chars)
        self.low = (1 << width) - 1
        always, by_char = self._at(chars)
        always_more, by_more = self._at(more, width)
        self.always = always | always_more
        self.by_char = by_char
        for c, bits in by_more.items():
            by_char[c] = by_char.get(c, 0) | bits
        self.waiting = ~(always & (always_more >> width)) & self.low
        # the trigger characters a line holds, found in one C call (re: faster on a class)
        cls = "".join(map(re.escape, sorted(by_char)))
        self.find: Callable[[str], list[str]] = (re.compile(f"[{cls}]").findall if cls
                                                 else lambda n: [])
        self.any_start, self.by_start = self._at(firsts)
        self.any_end, self.by_end = self._at(lasts)

    @staticmethod
    def _at(sets: list[Chars], shift: int = 0) -> tuple[int, dict[str, int]]:
        """Bits of the rules with no set, and character → bits of the rules whose set holds it."""
        anywhere, by_char = 0, dict[str, int]()
        for k, cs in enumerate(sets):
            if cs is None:
                anywhere |= 1 << (k + shift)
            for c in cs or ():
                by_char[c] = by_char.get(c, 0) | 1 << (k + shift)
        return anywhere, by_char
