"""Lines set letter by letter: 政 府 制 訂 措 施 , 預 計 約 有 一 千 二 百 艘 漁 船.

Older government releases and yearbooks (and the pages copied from them) put a space after every
character, so a number stands apart from its unit and from its own digits (154 540 公 吨,
五 月 十 六 日), and no finder or rule sees 154540公吨 or 五月十六日. A line counts as letter-spaced
when nearly every boundary between two of its characters is one space; the finders read such
lines with those spaces taken out, and each fact's offsets are mapped back onto the text as
given (`glosses.restore`): its `text` is the original slice, spaces inside it kept, its value
that of the characters without them. The clean stage's rules read such a line closed up too
(`clean.shapes.norm`). Lines that merely space their numbers (项目 58 个, 12 120 150) are not
letter-spaced: their gaps fall between words, not between every two characters.
"""
from __future__ import annotations

import re

from .glosses import restore

# at least this many characters other than spaces, and this share of the boundaries between them
# a single space (a stray double space or a word of Latin letters may break the run)
MIN_CHARS = 8
MIN_GAPS = MIN_CHARS - 1     # ...so at least this many spaces: the cheap test, made first
SHARE = 0.8
HAN_SHARE = 0.6
# a space between two characters other than spaces: what a letter-spaced line closes up
_GAP = re.compile(r"(?<=\S) (?=\S)")
_UNIT = re.compile(r"[A-Za-z0-9]+|\S")

__all__ = ["MIN_GAPS", "close_up", "letter_spaced", "restore", "spaced", "strip"]


def letter_spaced(line: str) -> bool:
    """Whether one line is set letter by letter."""
    if line.count(" ") < MIN_GAPS or "|" in line:
        return False     # (| cuts a menu or a table's cells, spaced apart or not)
    # (a run of Latin letters or digits is one unit: a yearbook spaces 154 540 公 吨 by words)
    units = _UNIT.findall(line)
    if len(units) < MIN_CHARS:
        return False
    # (mostly Chinese characters: words of Latin letters are spaced by nature)
    if sum(1 for u in units if "\u3400" <= u <= "\u9fff") < HAN_SHARE * len(units):
        return False
    return len(_GAP.findall(line)) >= SHARE * (len(units) - 1)


def close_up(line: str) -> str:
    """A letter-spaced line without the single spaces between its characters."""
    return _GAP.sub("", line)


def spaced(text: str) -> bool:
    """Whether a text holds a letter-spaced line (cheap for the texts that hold none)."""
    if text.count(" ") < MIN_GAPS:
        return False
    return any(letter_spaced(line) for line in text.split("\n"))


def strip(text: str) -> tuple[str, list[int]]:
    """The text with its letter-spaced lines closed up, and for each of its characters (and its
    end) the index of that character in `text` (`restore` maps facts back with it)."""
    parts: list[str] = []
    where: list[int] = []
    at = 0
    for line in text.split("\n"):
        end = at + len(line)
        if letter_spaced(line):
            gaps = {at + m.start() for m in _GAP.finditer(line)}
            keep = [i for i in range(at, end) if i not in gaps]
            parts.append(close_up(line))
            where.extend(keep)
        else:
            parts.append(line)
            where.extend(range(at, end))
        if end < len(text):         # the line's newline
            parts.append("\n")
            where.append(end)
        at = end + 1
    where.append(len(text))
    return "".join(parts), where
