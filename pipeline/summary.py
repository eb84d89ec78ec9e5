"""The run summary `zhfacts extract` prints on stderr at the end: what went in, what came out."""
from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Generator, Iterable
from typing import Any, NamedTuple

from .model import FACT_TYPES, Article
from .sinks import Encoded

_EXC = re.compile(r"^[A-Z][A-Za-z]*(?:Error|Exception|Exceeded|Interrupt)$")
_LIMIT = re.compile(r"exceeds (--max-[a-z]+)")  # pipeline.limits.LimitExceeded
_WHERE = re.compile(r"\s+(?:at|in|of)\s+(?:line\s+)?\S*\d.*$|:\s.*$|\s+\d.*$")


def _kinds(counts: Counter) -> str:
    """' (kind: n; kind: n)', most frequent first; a kind may end in a number of its own
    (over --max-ratio 1), hence the colon."""
    if not counts:
        return ""
    return " (" + "; ".join(f"{k}: {v}" for k, v in counts.most_common()) + ")"


def error_kind(message: str) -> str:
    """A short kind for an error message: the exception name (TimeoutError …), else the
    message's opening words ('bad JSON', 'record has no `text` (nor `html`)')."""
    limit = _LIMIT.search(message)
    if limit:
        return f"over {limit.group(1)}"
    name, sep, rest = message.partition(": ")
    if sep and _EXC.match(name) and name != "ValueError":
        return name
    text = rest if sep and _EXC.match(name) else message
    if text.startswith("worker failed"):
        return "worker failed"
    return _WHERE.sub("", text).strip()[:40] or "error"


class Counts(NamedTuple):
    """What the summary reads of one record. A batch worker works it out beside the record's
    line (sinks.Encoded.counts), so this process counts without unpickling the record."""
    id: str
    error: str | None
    types: tuple[str, ...]   # each fact's type
    removed: int             # removed lines
    chars: int               # characters: the text and the removed lines


def counts(a: Article | dict[str, Any]) -> Counts:
    if isinstance(a, dict):
        aid, error, text = str(a["id"]), a.get("error"), a.get("text", "")
        types = tuple(f["type"] for f in a.get("facts", []))
        removed = [r["text"] for r in a.get("removed", [])]
    else:
        aid, error, text = str(a.id), a.error, a.text
        types = tuple(f.type for f in a.facts)
        removed = [r.text for r in a.removed]
    return Counts(aid, error, types, len(removed),
                  len(text or "") + sum(len(r) for r in removed))


class Summary:
    """Counts the records as they pass (`watch`); `lines()` is the report."""

    def __init__(self, done: Iterable[str] = (), done_errors: Iterable[str] = ()):
        """`done`, `done_errors`: ids and error messages of the records a resumed run found
        already written; they count in the totals (ids, errors) but not as articles run now."""
        done = list(done)
        self.started = time.monotonic()
        self.seen: set[str] = set(done)
        self.resumed = len(done)
        self.duplicates = len(done) - len(self.seen)
        self.articles = 0
        self.errors: Counter = Counter()
        self.facts: Counter = Counter()
        self.removed = 0
        self.chars = 0
        self.skipped: Counter = Counter()
        for e in done_errors:
            self.errors[error_kind(e)] += 1

    def add(self, a: Article | dict[str, Any]) -> None:
        c = a.counts if type(a) is Encoded and a.counts is not None else counts(a)
        self.articles += 1
        if c.id in self.seen:
            self.duplicates += 1
        else:
            self.seen.add(c.id)
        if c.error:
            self.errors[error_kind(c.error)] += 1
        self.facts.update(c.types)
        self.removed += c.removed
        self.chars += c.chars

    def watch(self, articles: Iterable) -> Generator:
        for a in articles:
            self.add(a)
            yield a

    def lines(self) -> list[str]:
        secs = max(time.monotonic() - self.started, 1e-9)
        n_err = sum(self.errors.values())
        out = [f"summary: {self.articles} articles, {self.articles} records in {secs:.1f} s, "
               f"{self.chars / secs:,.0f} characters/s"]
        if self.resumed:
            out.append(
                f"  resumed: {self.resumed} records were already written (counted below too, "
                "but for facts, removed lines and speed)"
            )
        out.append(f"  errors: {n_err}" + _kinds(self.errors))
        out.append(f"  skipped inputs: {sum(self.skipped.values())}" + _kinds(self.skipped))
        out.append(f"  facts: {sum(self.facts.values())} ("
                   + ", ".join(f"{t} {self.facts.get(t, 0)}" for t in FACT_TYPES) + ")")
        out.append(f"  removed lines: {self.removed}")
        out.append(f"  duplicate ids: {self.duplicates}")
        return out

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())
