"""One article as the clean stage sees it: its lines, their normal forms, what the rules
propose for each, the zones (head, middle, tail) and what has been removed so far."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from ..model import Removed
from .detectors import Proposal


class Proposals(Sequence[Proposal]):
    """A line's proposals in rule order, asked of the rules only as far as they are read:
    most lines need only the first that fits their zone, not every rule after it."""

    __slots__ = ("_got", "_rest")

    def __init__(self, rest: Iterator[Proposal]):
        self._got: list[Proposal] = []
        self._rest: Iterator[Proposal] | None = rest

    def _fill(self, k: int) -> bool:
        """Whether the line has a (k+1)-th proposal."""
        while len(self._got) <= k and self._rest is not None:
            p = next(self._rest, None)
            if p is None:
                self._rest = None
            else:
                self._got.append(p)
        return len(self._got) > k

    def __iter__(self) -> Iterator[Proposal]:
        got, k = self._got, 0   # _fill inlined: this loop runs for every line of the page
        while True:
            if k < len(got):
                yield got[k]
                k += 1
                continue
            if self._rest is None:
                return
            p = next(self._rest, None)
            if p is None:
                self._rest = None
                return
            got.append(p)

    def __bool__(self) -> bool:
        return self._fill(0)

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

    def __post_init__(self) -> None:
        self.first, self.last = (
            (self.anchors[0], self.anchors[-1]) if self.anchors else (0, len(self.lines) - 1)
        )

    def zone(self, i: int) -> str:
        """head (before the first body paragraph), tail (after the last) or middle."""
        if i < self.first:
            return "head"
        if i > self.last:
            return "tail"
        return "middle"

    def take(self, i: int, p: Proposal) -> None:
        """Remove line i as p says, keeping the metadata values it carries."""
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

    def head(self) -> list[int]:
        return [i for i, n in enumerate(self.normed) if n and i < self.first]


def tail_company(page: Page, i: int) -> bool:
    """A tail line next to the footer: some line between the last paragraph and it is removed."""
    return any(j in page.removed for j in range(page.last + 1, i))



