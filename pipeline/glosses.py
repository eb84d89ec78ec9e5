"""Pinyin glosses that mirror sites put after characters of a converted page: 46萬(wàn)余人.

A gloss splits a number from its unit, so no finder sees 46萬余人. When a text holds GLOSSED of
them or more, the finders read it with every gloss taken out, and each fact's offsets are mapped
back: its `text` is the original's slice, glosses inside it kept (text[start:end] == fact.text
holds), its value that of the words without them.
"""
from __future__ import annotations

import re
from itertools import islice

# a Chinese character and its pinyin with a tone mark: 災(zāi), 聯(lián)
GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
GLOSSED = 3     # fewer: a text that merely quotes a pinyin (北京(běijīng)) is left as it is


def glossed(text: str, stop: int | None = None) -> bool:
    """Whether a text (its first `stop` characters) holds GLOSSED glosses or more."""
    found = GLOSS.finditer(text, 0, len(text) if stop is None else stop)
    return len(list(islice(found, GLOSSED))) >= GLOSSED


def strip(text: str) -> tuple[str, list[int]]:
    """The text without its glosses, and for each of its characters (and its end) the index
    of that character in `text`."""
    parts: list[str] = []
    where: list[int] = []
    at = 0
    for m in GLOSS.finditer(text):
        parts.append(text[at:m.start()])
        where.extend(range(at, m.start()))
        at = m.end()
    parts.append(text[at:])
    where.extend(range(at, len(text)))
    where.append(len(text))
    return "".join(parts), where


def restore(facts: list, text: str, where: list[int]) -> list:
    """Facts found on the stripped text, moved onto `text` (a gloss after the last character
    stays outside the fact)."""
    for f in facts:
        f.start = where[f.start]
        f.end = where[f.end - 1] + 1   # a fact holds a character: end >= 1
        f.text = text[f.start:f.end]
    return facts
