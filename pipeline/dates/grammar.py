"""rules/date.yaml → compiled rules. Parts are expanded once, in build(), never per article."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from ..rules import RuleError, Rules

_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)(?::([a-z]+))?\}")
_GROUP = regex.compile(r"\(\?P<(\w+)>")
_BACKREF = regex.compile(r"\(\?P=(\w+)\)")
KINDS = ("point", "range", "range_bare", "quarter", "festival", "weekday", "offset", "lunar", "decade")

# Full-width digits and date punctuation → ASCII, one code point for one, so offsets hold.
FULLWIDTH = str.maketrans("０１２３４５６７８９／．－：　", "0123456789/.-: ")


@dataclass(frozen=True)
class Near:
    """Every match of a rule holds a hit of `regex` that starts at most `before` characters after
    the match starts and ends at most `after` characters before the match ends (look-ahead
    included): the rule then runs only on the windows around the hits, with the same matches."""
    regex: Any
    before: int
    after: int


@dataclass
class DateRule:
    id: str
    kind: str
    regex: Any
    entry: dict[str, Any]
    near: Near | None = None              # None: the rule runs over the whole text


@dataclass
class Grammar:
    rules: list[DateRule]
    guards: dict[str, list[str]]
    not_dates: Any                      # compiled alternation of names, or None
    festivals: dict[str, dict[str, str]]  # name → lexicon row
    suffix_words: tuple[str, ...] = field(default_factory=tuple)


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


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _near(spec: Any, where: str) -> Near | None:
    if spec in (None, "all"):
        return None
    try:
        return Near(regex.compile(spec["hit"]), int(spec["before"]), int(spec["after"]))
    except (KeyError, TypeError, ValueError, regex.error) as e:
        raise RuleError(f"{where}: near must be 'all' or {{hit, before, after}}: {e}") from None


def load(rules: Rules) -> Grammar:
    rf = rules.file("date")
    where = str(rf.path)
    parts = dict(rf.data.get("parts") or {})
    fest_rows = rules.lexicon("festivals")
    festivals = {}
    for row in fest_rows:
        if row["calendar"] not in ("solar", "lunar", "lunar_eve", "weekday", "term", "easter"):
            raise RuleError(f"lexicons/festivals.tsv: {row['name']}: unknown calendar {row['calendar']!r}")
        festivals[row["name"]] = row
    parts["FESTIVALS"] = _alternation(festivals)
    default_near = rf.data.get("near")
    compiled = []
    suffix_words: tuple[str, ...] = ()
    for entry in rf.rules:
        if "pattern" not in entry:
            if entry["id"].endswith("placeholder"):
                continue
            raise RuleError(f"{where}: rule {entry['id']} has no pattern")
        kind = entry.get("kind", "point")
        if kind not in KINDS:
            raise RuleError(f"{where}: rule {entry['id']}: kind must be one of {KINDS}")
        src = expand(entry["pattern"], parts, f"{where}: rule {entry['id']}")
        try:
            rx = regex.compile(src, regex.V0)
        except regex.error as e:
            raise RuleError(f"{where}: rule {entry['id']}: bad pattern: {e}") from None
        if kind == "festival":
            suffix_words = tuple(entry.get("suffix_words") or ())
        near = _near(entry.get("near", default_near), f"{where}: rule {entry['id']}")
        compiled.append(DateRule(entry["id"], kind, rx, entry, near))
    names = rf.data.get("not_dates") or []
    not_dates = regex.compile(_alternation(names)) if names else None
    guards = {k: list(v) for k, v in (rf.data.get("guards") or {}).items()}
    return Grammar(compiled, guards, not_dates, festivals, suffix_words)
