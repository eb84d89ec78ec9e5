"""rules/date.yaml → compiled rules. Parts are expanded once, in build(), never per article."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from ..patterns import alternation
from ..rules import RuleError, Rules
from ..script import BUNDLED

_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)(?::([a-z]+))?\}")
_GROUP = regex.compile(r"\(\?P<(\w+)>")
_BACKREF = regex.compile(r"\(\?P=(\w+)\)")
KINDS = ("point", "range", "range_bare", "quarter", "festival", "weekday", "offset", "lunar",
         "decade")

# Full-width digits and date punctuation → ASCII, and Traditional characters → Simplified by
# the one table (lexicons/script_pairs.tsv, pipeline/script.py: 下週一, 農曆臘月, 聖誕節,
# 三個月後), one code point for one, so offsets hold: rules and lexicons are written once, in
# simplified characters, and match both scripts.
_WIDE, _NARROW = "０１２３４５６７８９／．－：　", "0123456789/.-: "
FULLWIDTH = str.maketrans({**dict(zip(_WIDE, _NARROW, strict=True)), **BUNDLED})


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
    festivals: dict[str, dict[str, str]]  # name → lexicon row (the row for every place)
    suffix_words: tuple[str, ...] = field(default_factory=tuple)
    # (name, locale) → row
    local_festivals: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

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
    parts["FESTIVALS"] = _alternation(festivals)
    default_near = rf.data.get("near")
    compiled = []
    suffix_words: tuple[str, ...] = ()
    for entry in rf.rules:
        if "pattern" not in entry:
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
    return Grammar(compiled, guards, not_dates, festivals, suffix_words, local)
