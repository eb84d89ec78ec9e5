"""The one Traditional → Simplified character table: rules/lexicons/script_pairs.tsv.

Stages that read Traditional text through its Simplified copy (the date grammar, page-furniture
detection in the clean stage, the count and award finders) and the locale cue that counts both
sides all use this one lexicon, one code point for one, so offsets hold. A rules folder's own
lexicon is read with simplified_table(rules); BUNDLED is the table of the bundled rules, for
module-level patterns built before any rules folder is loaded. Every row converts; only the rows
marked `cue` (cue_pairs) are counted as script evidence and give a Simplified word its
Traditional form (a Simplified character may have several Traditional ones: 台 臺 颱).
"""
from __future__ import annotations

from typing import Any, TypeVar

from .rules import Rules, default_rules_dir, load_lexicon

V = TypeVar("V")


def pairs_table(rows: list[dict[str, str]]) -> dict[str, str]:
    """lexicon rows → {traditional character: simplified character} (identical pairs left out)."""
    out = {}
    for r in rows:
        t, s = r["traditional"], r["simplified"]
        if len(t) != 1 or len(s) != 1:
            raise ValueError(
                f"lexicons/script_pairs.tsv: {t}/{s}: one character for one, so offsets hold"
            )
        if t != s:
            out[t] = s
    return out


def cue_pairs(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows that tell the scripts apart (cue = yes): what the locale counts, and the
    Traditional form of a Simplified word (place names, trap phrases)."""
    return [r for r in rows if r["cue"] == "yes"]


def with_traditional(words: dict[str, V], rows: list[dict[str, str]]) -> dict[str, V]:
    """`words` plus every Traditional spelling of each (约 → 約, 余 → 餘), with the same value:
    for a finder that reads the text itself rather than its Simplified copy."""
    back: dict[str, list[str]] = {}
    for t, s in pairs_table(rows).items():
        back.setdefault(s, []).append(t)
    out = dict(words)
    for w, v in words.items():
        spellings = [""]
        for ch in w:
            spellings = [p + c for p in spellings for c in (ch, *back.get(ch, ()))][:16]
        for sp in spellings:
            out.setdefault(sp, v)
    return out


def simplified_table(rules: Rules) -> dict[int, str]:
    """str.translate table of a rules folder's script_pairs lexicon: one table per Rules, shared
    by the finders (read only), so they also share one Simplified copy of a Traditional article
    (find/simplified.py keeps it per table) with its sentences and tokens."""
    table = rules.__dict__.get("_simplified_table")
    if table is None:
        table = rules.__dict__["_simplified_table"] = str.maketrans(
            pairs_table(rules.lexicon("script_pairs")))
    return table


def _bundled() -> dict[str, str]:
    try:
        return pairs_table(load_lexicon(default_rules_dir() / "lexicons" / "script_pairs.tsv"))
    except (OSError, ValueError):
        return {}


BUNDLED: dict[str, str] = _bundled()
BUNDLED_TABLE = str.maketrans(BUNDLED) if BUNDLED else {}


# -- one code point for one, fast ------------------------------------------------------------
# str.translate looks every character up in the table's dict (~55 ns a character); a table of one
# code point for one over the BMP is also an array indexed by code point, and numpy maps a whole
# text through it at once (~5 ns a character, after ~3 µs a call): a Traditional article's
# Simplified copy. Shorter texts, and texts or tables beyond the BMP, go to str.translate.
_LUT_FROM = 64                  # characters: below this, str.translate is as fast
_LUTS: dict[int, tuple[dict, Any]] = {}   # id(table) → (table, its array or None)


def _lut(table: dict[int, str]):
    try:
        import numpy as np  # spaCy's dependency; without it, str.translate
    except ImportError:
        return None
    lut = np.arange(0x10000, dtype="<u4")
    for k, v in table.items():
        if not isinstance(k, int) or not 0 <= k <= 0xFFFF:
            return None
        code = v if isinstance(v, int) else ord(v) if isinstance(v, str) and len(v) == 1 else -1
        if not 0 <= code <= 0x10FFFF:
            return None      # a deletion or a string of several characters: not one for one
        lut[k] = code
    return lut


def one_for_one(text: str, table: dict[int, str]) -> str:
    """text.translate(table), the same string, faster on long texts when table maps one code point
    of the BMP to one code point (script_pairs' tables, the date grammar's narrowing table)."""
    if len(text) < _LUT_FROM:
        return text.translate(table)
    got = _LUTS.get(id(table))
    if got is None or got[0] is not table:       # (the table is kept, so its id stays its own)
        got = _LUTS[id(table)] = (table, _lut(table))
    lut = got[1]
    if lut is None:
        return text.translate(table)
    import numpy as np
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if codes.max() > 0xFFFF:
        return text.translate(table)
    return lut[codes].tobytes().decode("utf-32-le", "surrogatepass")
