"""Regex building blocks that several stages share, written once.

alternation(words)  a regex alternation of literal words, longest first (so 个月 wins over 个),
                    empty words left out (an empty alternative would match everywhere)
FULL_DATE           a full date as pages and datelines print it: 2024-03-08, 2024/3/8, 2024.03.08,
                    2024年3月8日 (spaces allowed around the separators; one kind of separator per
                    date); groups y, m, d
"""
from __future__ import annotations

from collections.abc import Iterable

import regex


def alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w)
                    for w in sorted({w for w in words if w}, key=lambda w: (-len(w), w)))


FULL_DATE = (r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
             r"(?!\d)"
             r"|年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?)")
