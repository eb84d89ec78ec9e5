"""rules/date.yaml → compiled rules. Parts are expanded once, in build(), never per article."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from ..patterns import alternation, word_trie
from ..rules import RuleError, Rules
from ..script import BUNDLED, one_for_one
from .alphabet import consumed, run_before
from .engine import odd, odd_chars, twin
from .hits import HitScans, class_end, group_end, top_level_alternatives

_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)(?::([a-z]+))?\}")
_GROUP = regex.compile(r"\(\?P<(\w+)>")
_BACKREF = regex.compile(r"\(\?P=(\w+)\)")
# a window narrower than this is not worth a backward match per hit (alphabet.py)
_RUN_FROM = 8
KINDS = ("point", "range", "range_bare", "quarter", "festival", "weekday", "offset", "lunar",
         "decade")

# Full-width digits and date punctuation → ASCII, and Traditional characters → Simplified by
# the one table (lexicons/script_pairs.tsv, pipeline/script.py: 下週一, 農曆臘月, 聖誕節,
# 三個月後), one code point for one, so offsets hold: rules and lexicons are written once, in
# simplified characters, and match both scripts.
# (a Big5 page's division slash ∕ for the month's: 9∕28, and its tilde operator ∼ for a span's:
# 民國43年∼民國46年)
_WIDE, _NARROW = "０１２３４５６７８９／∕．－：　∼", "0123456789//.-: ~"
FULLWIDTH = str.maketrans({**dict(zip(_WIDE, _NARROW, strict=True)), **BUNDLED})
# Most texts hold few characters the table changes (none in most simplified articles):
# replacing only those is ~10x faster than str.translate's dict lookup per character.
_CHANGED = re.compile("[" + "".join(re.escape(chr(k)) for k, v in sorted(FULLWIDTH.items())
                                    if v != chr(k)) + "]")
_NARROWED = {chr(k): v for k, v in FULLWIDTH.items()}
# as many changed characters in this many after the first: the text is mapped as a whole
_DENSE, _DENSE_SPAN = 8, 64


def narrow(text: str) -> str:
    """text.translate(FULLWIDTH), the same string (one code point for one, so idempotent)."""
    m = _CHANGED.search(text)
    if m is None:
        return text
    # a Traditional text changes most of its characters: mapped all at once (script.one_for_one)
    if len(_CHANGED.findall(text, m.start(), m.start() + _DENSE_SPAN)) >= _DENSE:
        return one_for_one(text, FULLWIDTH)
    return _CHANGED.sub(lambda m: _NARROWED[m[0]], text)


def special_class() -> Any:
    """One `re` class holding every character narrow changes or engine.odd() catches: those of
    the BMP listed by a scan of it (~20 ms, once per Grammar), and every character beyond it
    (odd's there are digits of rare scripts; listed one by one they would make `re` test a
    character against each in turn). Most texts hold none, and one search says so where
    narrow's and odd's took two walks over the text (odd's a `regex` one)."""
    import numpy as np  # spacy's dependency: builds the string of every BMP code point at once

    every = np.arange(0x10000, dtype="<u4")
    bmp = np.concatenate([every[:0xD800], every[0xE000:]]).tobytes().decode("utf-32-le")
    chars = set(_CHANGED.findall(bmp)) | set(odd_chars(bmp))
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars))
                      + "\U00010000-\U0010ffff]")


def narrow_plain(text: str, special: Any) -> tuple[str, bool]:
    """(narrow(text), not odd(narrow(text))): the text the rules read, and whether the `re`
    twins read it as the rules do (engine.py); special: special_class()."""
    if special.search(text) is None:
        return text, True
    norm = narrow(text)
    return norm, not odd(norm)


# a pattern that is only a named group of literal words (the festival names), as an alternation
# or as a trie of them (patterns.word_trie): literal characters (escaped or not), groups, | and
# optional groups only, which the standard `re` reads as `regex` does and runs ~3x faster
_LITERAL_PIECE = regex.compile(r"\(\?:|\)\??|\||\\[^A-Za-z0-9]|[^\\()\[\]{}.*+?^$|]")
_NAMED_GROUP = regex.compile(r"\(\?P<\w+>")


def _literal_words(src: str) -> bool:
    head = _NAMED_GROUP.match(src)
    return head is not None and not _LITERAL_PIECE.sub("", src[head.end():])


@dataclass(frozen=True)
class Near:
    """Every match of a rule holds a hit of `regex` that starts at most `before` characters after
    the match starts: the rule is then tried only from `before` characters before each hit up to
    the hit, with the same matches as a scan of the whole text."""
    regex: Any
    before: int
    key: int = 0        # one number per (hit, before) of the file
    hit: int = 0        # the index of regex in Grammar.hit_scans (one per hit of the file)
    # a backward matcher of the characters the rules with this near can consume (alphabet.py):
    # a hit's window starts no earlier than the run of them that ends at the hit; None: `before`
    # characters before it
    run: Any = None


@dataclass
class DateRule:
    id: str
    kind: str
    regex: Any
    entry: dict[str, Any]
    near: Near | None = None              # None: the rule runs over the whole text
    first: Any = None   # the class of a match's first character, when the pattern says it
    names: tuple[str, ...] = ()           # the name of each group, in number order
    fast: Any = None    # the `re` twin of regex (engine.py), used on texts engine.odd() passes
    fast_names: tuple[str, ...] = ()      # its group names, in number order
    fast_first: Any = None                # first's `re` twin

    scan_regex: bool = False    # a scan of the whole text runs `regex`, not the twin (below)

    def engine(self, fast: bool, scan: bool = False) -> tuple[Any, tuple[str, ...], Any]:
        """(pattern, its group names by number, the class of a match's first character): the
        `re` twins on a text engine.odd() passes (fast), each where it has one, else the
        rule's `regex` patterns. scan: for a search of the whole text, where a pattern that
        opens with a look-around runs 2-5x faster in `regex` (it skips to where the look-around
        can hold; `re` tries every position), and one that opens with a character in `re`."""
        twin = fast and self.fast is not None and not (scan and self.scan_regex)
        return (self.fast if twin else self.regex, self.fast_names if twin else self.names,
                self.fast_first if fast and self.fast_first is not None else self.first)


def _opens_with_lookaround(src: str) -> bool:
    while src.startswith("(?:"):
        src = src[3:]
    return src.startswith(("(?=", "(?!", "(?<=", "(?<!"))


def group_names(rx: Any) -> tuple[str, ...]:
    """Every group's name by number (m.groups() read through them is m.groupdict() at a tenth of
    its cost in `regex`); () when a group has no name."""
    names = [""] * rx.groups
    for name, i in rx.groupindex.items():
        names[i - 1] = name
    return tuple(names) if all(names) else ()


@dataclass
class Grammar:
    rules: list[DateRule]
    guards: dict[str, list[str]]
    not_dates: Any                      # compiled alternation of names, or None
    festivals: dict[str, dict[str, str]]  # name → lexicon row (the row for every place)
    suffix_words: tuple[str, ...] = field(default_factory=tuple)
    # (name, locale) → row
    local_festivals: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    hit_scans: HitScans = field(default_factory=lambda: HitScans([]))   # every near's hit
    special: Any = None                 # special_class()

    def festival(self, name: str, locale: str | None = None) -> dict[str, str]:
        """The row of a festival name as the place of the article keeps it (教师节 in zh-TW:
        9月28日)."""
        return self.local_festivals.get((name, locale or ""), self.festivals[name])


def expand(pattern: str, parts: dict[str, str], where: str, _depth: int = 0) -> str:
    if _depth > 20:
        raise RuleError(f"{where}: parts include each other in a loop")

    def sub(m):
        name, prefix = m.group(1), m.group(2)
        if name not in parts:
            raise RuleError(f"{where}: unknown part {{{name}}}")
        inner = "(?:" + expand(parts[name], parts, where, _depth + 1) + ")"
        if prefix:
            inner = _GROUP.sub(lambda g: f"(?P<{prefix}_{g.group(1)}>", inner)
            inner = _BACKREF.sub(lambda g: f"(?P={prefix}_{g.group(1)})", inner)
        return inner

    return _REF.sub(sub, pattern)


_alternation = alternation


def _top_level_or(src: str) -> bool:
    """Whether src has an alternative `|` outside every group and class."""
    return len(top_level_alternatives(src)) > 1


def _one_atom(s: str) -> bool:
    """Whether s is one character's pattern: a class, an escape or a plain character."""
    if s.startswith("["):
        try:
            return class_end(s, 0) == len(s)
        except IndexError:
            return False
    return (len(s) == 2 and s[0] == "\\") or (len(s) == 1 and s not in "()[]{}|.*+?^$\\")


def _start_filter(group: str) -> bool:
    """Whether a group is zero width and reads no further ahead than the character at its
    position: a look-behind, a look-ahead on one character (after look-behinds), or a (?:…) of
    those only."""
    if group.startswith(("(?<=", "(?<!")):
        return True
    if group.startswith(("(?=", "(?!")):
        body, k = group[3:-1], 0
        while body.startswith(("(?<=", "(?<!"), k):
            k = group_end(body, k)
        return _one_atom(body[k:])
    if not group.startswith("(?:"):
        return False
    body, i = group[3:-1], 0
    while i < len(body):
        if body[i] != "(":
            return False
        j = group_end(body, i)
        if not _start_filter(body[i:j]):
            return False
        i = j
    return i > 0


def first_class(src: str) -> Any:
    """A pattern that opens with look-arounds ({FIRST}: a look-ahead on a character class)
    reading no further than the character there, and has no alternative outside them, matches
    only where they hold: them, compiled (a zero-width pattern whose matches are those positions,
    found in any stretch of text by a scan of that stretch alone), or None."""
    if not src.startswith("(") or _top_level_or(src):
        return None
    try:
        lead = src[:group_end(src, 0)]
    except ValueError:
        return None
    return regex.compile(lead, regex.V0) if _start_filter(lead) else None


def _near(spec: Any, where: str, keys: dict[tuple[str, int], int],
          hits: dict[str, Any]) -> Near | None:
    """The Near of a rule; rules with the same hit share one compiled hit (found once per text).
    A hit that opens with one character class is found 1.5-3x faster by the standard `re` (its
    \\s matches every space `regex` does, and more, which can only add start positions); an
    alternation of several is found faster by `regex`."""
    if spec in (None, "all"):
        return None
    try:
        if set(spec) != {"hit", "before"}:
            raise KeyError(", ".join(sorted(set(spec) ^ {"hit", "before"})))
        hit, before = spec["hit"], int(spec["before"])
        if before < 0:
            raise ValueError("before < 0")
        key = keys.setdefault((hit, before), len(keys))
        if hit not in hits:
            try:
                hits[hit] = regex.compile(hit) if _top_level_or(hit) else re.compile(hit)
            except re.error:
                hits[hit] = regex.compile(hit)
        return Near(hits[hit], before, key, list(hits).index(hit))
    except (KeyError, TypeError, ValueError, regex.error) as e:
        raise RuleError(f"{where}: near must be 'all' or {{hit, before}}: {e}") from None


def load(rules: Rules) -> Grammar:
    rf = rules.file("date")
    where = str(rf.path)
    parts = dict(rf.data.get("parts") or {})
    fest_rows = rules.lexicon("festivals")
    festivals, local = {}, {}
    for row in fest_rows:
        if row["calendar"] not in ("solar", "lunar", "lunar_eve", "weekday", "term", "easter"):
            raise RuleError(
                f"lexicons/festivals.tsv: {row['name']}: unknown calendar {row['calendar']!r}"
            )
        if row["locale"] == "-":
            festivals[row["name"]] = row
        else:
            local[(row["name"], row["locale"])] = row
    if any(name not in festivals for name, _ in local):
        raise RuleError("lexicons/festivals.tsv: a place's own row needs a row for every place with"
                        " the same name")
    # as a trie: the same matches as their alternation, and `re` tries at a position the names
    # that begin with its character rather than every name (patterns.word_trie)
    parts["FESTIVALS"] = word_trie(festivals)
    # every unit a number may take (lexicons/classifiers.tsv), read in Simplified as the rules
    # read the text: a full date's bare day is never one before these (part DAYNUMY)
    # (not where the unit opens another word, its `not_before`: 2022城市发展报告 is a year and
    # a name, 5城市 a count of cities)
    units = rules.lexicon("classifiers")
    opens = {narrow(row["unit"] + w) for row in units
             for w in (row.get("not_before") or "").split("|") if w and not w.startswith("!")}
    parts["UNITS"] = ((r"(?!" + word_trie(opens) + r")" if opens else "")
                      + r"(?:" + word_trie(narrow(row["unit"]) for row in units) + r")")
    default_near = rf.data.get("near")
    compiled = []
    near_keys: dict[tuple[str, int], int] = {}
    hit_regexes: dict[str, Any] = {}
    alphabets: dict[int, list[str | None]] = {}   # near.key → what its rules consume
    suffix_words: tuple[str, ...] = ()
    for entry in rf.rules:
        if "pattern" not in entry:
            raise RuleError(f"{where}: rule {entry['id']} has no pattern")
        kind = entry.get("kind", "point")
        if kind not in KINDS:
            raise RuleError(f"{where}: rule {entry['id']}: kind must be one of {KINDS}")
        src = expand(entry["pattern"], parts, f"{where}: rule {entry['id']}")
        try:
            rx = re.compile(src) if _literal_words(src) else regex.compile(src, regex.V0)
        except (regex.error, re.error) as e:
            raise RuleError(f"{where}: rule {entry['id']}: bad pattern: {e}") from None
        if kind == "festival":
            suffix_words = tuple(entry.get("suffix_words") or ())
        near = _near(entry.get("near", default_near), f"{where}: rule {entry['id']}", near_keys,
                     hit_regexes)
        fast = None if isinstance(rx, re.Pattern) else twin(src)
        first = first_class(src)
        fast_first = twin(first.pattern) if first is not None else None
        compiled.append(DateRule(entry["id"], kind, rx, entry, near, first, group_names(rx),
                                 fast=fast[0] if fast else None, fast_names=fast[1] if fast else (),
                                 fast_first=fast_first[0] if fast_first else None,
                                 scan_regex=fast is not None
                                 and _opens_with_lookaround(fast[0].pattern)))
        if near is not None and near.before >= _RUN_FROM:
            alphabets.setdefault(near.key, []).append(consumed(src))
    runs = {key: run_before(classes) for key, classes in alphabets.items()}
    for r in compiled:
        if r.near is not None and runs.get(r.near.key) is not None:
            r.near = replace(r.near, run=runs[r.near.key])
    names = rf.data.get("not_dates") or []
    not_dates = re.compile(word_trie(names)) if names else None   # literal words: `re`
    guards = {k: list(v) for k, v in (rf.data.get("guards") or {}).items()}
    return Grammar(compiled, guards, not_dates, festivals, suffix_words, local,
                   HitScans(list(hit_regexes.values())), special_class())
