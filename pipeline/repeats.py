"""Lines repeated across a batch: the page furniture of one site (footers, menus, app prompts).

Two passes (pipeline.batch runs them):

    index = RepeatIndex()
    for doc in docs: index.add(doc)              # pass 1: hashes only, memory-light
    for doc in docs: clean(doc, index.repeated(doc))   # pass 2

Group: the site — the host of meta["url"] (without www.) —, else meta["source"] as given by
the reader, else where the file came from: the folder of a text file (inside a zip or tar, the
member's folder), the JSONL or WARC file itself for its records.

A line counts when, normalised (NFKC, spaces folded), it is short (at most `max_len`
characters) and has no sentence punctuation (。!?;): body sentences are never candidates.
It is *repeated* when it occurs in at least `min_articles` articles of the group AND in at least
`min_share` of the group's articles (defaults: 5 articles and 50%). So an article alone, or in
a group of fewer than 5, gets nothing: the result is the same as without the signal.

Memory: per group, one 8-byte hash → count per distinct candidate line, and an article count;
the keys of at most CACHE raw lines.
The clean stage takes a repeated line only in the head or tail zone (never between two body
paragraphs), as rule `boilerplate.repeated`, with the reason its shape suggests.
Documents with only HTML (no text yet) are not indexed: trafilatura already strips most
furniture, and converting twice would double the cost.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import PurePath
from urllib.parse import urlsplit

from .clean import SENT, norm, split_lines
from .model import Document

# a mark whose normal form is one of SENT's, found in the raw line before normalising it (most
# lines of an article are sentences: norm() would be wasted on them)
_SENTENCE_MARK = re.compile(r"[。!?;！？；]")
_CONTAINER = re.compile(r".*\.(?:jsonl\.gz|jsonl|ndjson|warc\.gz|warc)$", re.I)


def group_of(doc: Document) -> str:
    url = doc.meta.get("url") if isinstance(doc.meta, dict) else None
    if isinstance(url, str) and url:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        if host:
            return "host:" + re.sub(r"^www\d?\.", "", host.lower())
    src = doc.meta.get("source") if isinstance(doc.meta, dict) else None
    if isinstance(src, str) and src.strip():
        return "source:" + src.strip()
    where = doc.source or ""
    where = where.split("#", 1)[0]
    where = re.sub(r":\d+$", "", where)                      # path:line of a JSONL record
    if "!" in where:                                          # a member of a zip or tar
        archive, member = where.split("!", 1)
        if _CONTAINER.match(member):
            return f"file:{archive}!{member}"
        return f"file:{archive}!{PurePath(member).parent}"
    if _CONTAINER.match(where):                               # a record of a JSONL or WARC file
        return "file:" + where
    return "dir:" + str(PurePath(where).parent) if where else "dir:"


_MISS = object()


class RepeatIndex:
    # raw lines whose key is remembered: furniture recurs on every page of a site, and the second
    # pass meets every line of the first again; cleared when full, so memory stays bounded
    CACHE = 1 << 15

    def __init__(self, min_articles: int = 5, min_share: float = 0.5, max_len: int = 60):
        if min_articles < 2:
            raise ValueError("min_articles must be at least 2")
        self.min_articles, self.min_share, self.max_len = min_articles, min_share, max_len
        self._counts: dict[str, Counter] = defaultdict(Counter)
        self._docs: Counter = Counter()
        self._keys: dict[str, int | None] = {}
        self._hot: dict[str, frozenset[int]] = {}  # group → keys counted often enough (pass 2)

    def _key(self, line: str) -> int | None:
        """The key of a candidate line — the hash of its normal form (short, no sentence) —,
        None for any other line. Python's own 64-bit str hash: the index never leaves this
        process, so that the hash differs between processes does not matter."""
        key = self._keys.get(line, _MISS)
        if key is _MISS:
            key = None
            n = norm(line)
            if n and len(n) <= self.max_len and not SENT.search(n):
                key = hash(n)
            if len(line) <= 4 * self.max_len:  # a long line is rarely a candidate: not kept
                if len(self._keys) >= self.CACHE:
                    self._keys.clear()
                self._keys[line] = key
        return key  # type: ignore[return-value]

    def _candidates(self, doc: Document) -> Iterator[tuple[int, str]]:
        """(key, raw line) of the doc's candidate lines."""
        for line in split_lines(doc.text or ""):
            if _SENTENCE_MARK.search(line):
                continue  # norm() keeps the mark (！？； as !?;): a sentence, never a candidate
            key = self._key(line)
            if key is not None:
                yield key, line

    def add(self, doc: Document) -> None:
        """Pass 1: count each distinct candidate line once per article."""
        if doc.text is None:
            return
        g = group_of(doc)
        self._docs[g] += 1
        self._counts[g].update({key for key, _ in self._candidates(doc)})
        self._hot.pop(g, None)

    def threshold(self, group: str) -> int:
        return max(self.min_articles, math.ceil(self.min_share * self._docs[group]))

    def _hot_keys(self, group: str) -> frozenset[int]:
        hot = self._hot.get(group)
        if hot is None:
            need = self.threshold(group)
            hot = self._hot[group] = frozenset(k for k, c in self._counts[group].items()
                                               if c >= need)
        return hot

    def repeated(self, doc: Document) -> frozenset[str]:
        """Pass 2: the doc's lines (as written) that recur in enough articles of its group."""
        if doc.text is None:
            return frozenset()
        g = group_of(doc)
        if self._docs[g] < self.min_articles:
            return frozenset()
        hot = self._hot_keys(g)
        if not hot:  # most groups: no line on enough of their pages, no line to look at
            return frozenset()
        return frozenset(line for key, line in self._candidates(doc) if key in hot)

    def __len__(self) -> int:
        return sum(self._docs.values())
