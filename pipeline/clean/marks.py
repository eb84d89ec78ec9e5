"""Marks and word lists that several page passes read (zones.py, lists.py), defined once."""
from __future__ import annotations


def trails_off(n: str) -> bool:
    """A clause that trails off with …… (six dots after NFKC): the end of a paragraph, never a
    headline in a list nor a teaser the site cut short (that one ends in a single … or ...)."""
    return n.endswith("......") and "," in n
