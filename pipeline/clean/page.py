"""One article as the clean stage sees it: its lines, their normal forms, what the rules
propose for each, the zones (head, middle, tail) and what has been removed so far."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from ..model import Removed
from .detectors import Proposal

Step = Callable[[str, int], tuple["Proposal | None", int]]


class Proposals(Sequence[Proposal]):
    """A line's proposals in rule order, asked of the rules only as far as they are read:
    most lines need only the first that fits their zone, not every rule after it.

    `step(line, todo)` gives the next proposal and what is left to ask (0: nothing), from the
    `todo` the line woke (Cleaner._step), after `first` when the first is known already; or an
    iterator `rest` gives them."""

    __slots__ = ("_got", "_line", "_step", "_todo")

    def __init__(self, rest: Iterator[Proposal] | None = None, step: Step | None = None,
                 line: str = "", todo: int = 0, first: Proposal | None = None):
        self._got: list[Proposal] = [first] if first is not None else []
        if rest is not None:
            def pull(_: str, __: int) -> tuple[Proposal | None, int]:
                p = next(rest, None)
                return p, p is not None
            step, todo = pull, 1
        self._step, self._line, self._todo = step, line, todo

    def _fill(self, k: int) -> bool:
        """Whether the line has a (k+1)-th proposal."""
        got = self._got
        while len(got) <= k and self._todo:
            p, self._todo = self._step(self._line, self._todo)  # type: ignore[misc]
            if p is not None:
                got.append(p)
        return len(got) > k

    def at(self, k: int) -> Proposal | None:
        """The (k+1)-th proposal, None when there is none."""
        got = self._got
        return got[k] if k < len(got) or self._fill(k) else None

    def __iter__(self) -> Iterator[Proposal]:
        k = 0
        while (p := self.at(k)) is not None:
            yield p
            k += 1

    def __bool__(self) -> bool:
        return bool(self._got) or self._fill(0)

    def __len__(self) -> int:
        self._fill(1 << 62)
        return len(self._got)

    @overload
    def __getitem__(self, k: int) -> Proposal: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[Proposal]: ...

    def __getitem__(self, k: int | slice) -> Proposal | Sequence[Proposal]:
        if isinstance(k, slice) or k < 0:
            len(self)
        else:
            self._fill(k)
        return self._got[k]

    def __repr__(self) -> str:
        return repr(list(self))


@dataclass
class Page:
    lines: list[str]                           # the input lines as written
    normed: list[str]                          # their normal forms (shapes.norm)
    props: list[Sequence[Proposal]]            # what the rules propose for each line
    anchors: list[int]                         # the body paragraphs
    removed: dict[int, Removed] = field(default_factory=dict)
    # meta field → (line, value)
    found: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    headline: int | None = None                # the headline line (it stays in the body)
    headline_sure: bool = False                # placed by metadata, menu or a known title
    # the cells of tables written one cell a line (zones.table_cells; normed never changes)
    cells: set[int] | None = None
    # lines a pass gave back to the body (captions.described): no later pass takes them
    kept: set[int] = field(default_factory=set)
    _places: dict[str, list[int]] | None = None
    # a line's words as the word scorer reads them (word_scorer.line_words), read once: the
    # word scorer and the context scorer both read them, a line as its neighbours' neighbour too
    words: dict[int, set[str]] = field(default_factory=dict)
    # the word scorer's probability for a line it judged, with the two shape values that the
    # removals around it can change (prev_removed, next_removed): the context scorer reads it
    # back while they are unchanged
    word_p: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    # the shape values of a line that its text alone decides (scorer.featurer), read once: the
    # line scorer's rounds and the two word models each read them
    text_shapes: dict[int, tuple[float | bool, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.first, self.last = (
            (self.anchors[0], self.anchors[-1]) if self.anchors else (0, len(self.lines) - 1)
        )
        # the non-blank lines, in order (normed never changes): the passes slice it by zone
        # instead of asking zone() of every line
        self.filled = [i for i, n in enumerate(self.normed) if n]

    def zone(self, i: int) -> str:
        """head (before the first body paragraph), tail (after the last) or middle."""
        if i < self.first:
            return "head"
        if i > self.last:
            return "tail"
        return "middle"

    def take(self, i: int, p: Proposal) -> None:
        """Remove line i as p says, keeping the metadata values it carries."""
        if i in self.kept:
            return
        self.removed[i] = Removed(i, self.lines[i], p.reason, p.rule)
        for k, v in p.meta.items():
            self.found.setdefault(k, []).append((i, v))

    def nb(self, i: int, step: int) -> int | None:
        """The next non-blank line after (step 1) or before (step -1) line i."""
        j = i + step
        while 0 <= j < len(self.lines) and not self.normed[j]:
            j += step
        return j if 0 <= j < len(self.lines) else None

    def reason(self, i: int | None) -> str | None:
        r = self.removed.get(i) if i is not None else None
        return r.reason if r else None

    def places(self) -> dict[str, list[int]]:
        """Each normal form → its places among the non-blank lines (k, in order); its length
        is how often the page shows the line. Counted once: normed never changes."""
        if self._places is None:
            self._places = {}
            for k, i in enumerate(self.filled):
                self._places.setdefault(self.normed[i], []).append(k)
        return self._places

    def head(self) -> list[int]:
        """The non-blank lines before the first paragraph (only those are looked at)."""
        return self.filled[:bisect_left(self.filled, self.first)]

    def tail(self) -> list[int]:
        """The non-blank lines after the last paragraph."""
        return self.filled[bisect_right(self.filled, self.last):]


def tail_company(page: Page, i: int) -> bool:
    """A tail line next to the footer: some line between the last paragraph and it is removed."""
    return any(j in page.removed for j in range(page.last + 1, i))



