"""Resource limits of the readers, and what the readers saw but did not turn into articles.

Readers never hold more than one item in memory at a time, and never more than these limits
allow: over a limit they stop reading that item at once and give an error record that names
the limit and the option that changes it. Defaults suit news articles; the CLI options
--max-chars, --max-bytes and --max-ratio change them.

  max_chars  characters in one article (its text; a text file is stopped after 4 × max_chars
             bytes, since no encoding takes more than 4 bytes a character)
  max_bytes  bytes of one item held in memory: a text or HTML file, an archive member that is
             one article, stdin read as one article, one JSONL line, one WARC record body; also
             the size of a zip copied to a temporary file when it cannot be read in place
  max_ratio  how much larger than its compressed size a compressed member or stream may grow
             (zip members, .gz/.bz2/.xz files and streams) once it is past 1 MiB: a zip bomb
             is stopped before it fills memory or disk
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MiB = 2 ** 20
RATIO_FLOOR = 1 * MiB   # below this many decompressed bytes the ratio is not checked


@dataclass(frozen=True)
class Limits:
    max_chars: int = 2_000_000
    max_bytes: int = 64 * MiB
    max_ratio: float = 200.0

    def __post_init__(self):
        for name in ("max_chars", "max_bytes", "max_ratio"):
            v = getattr(self, name)
            if not v > 0:
                raise ValueError(f"--{name.replace('_', '-')} must be positive, not {v!r}")

    @classmethod
    def default(cls) -> Limits:
        return cls()

    @property
    def text_bytes(self) -> int:
        """Bytes read of a one-article text before it is certainly over max_chars."""
        return min(self.max_bytes, 4 * self.max_chars)


class LimitExceeded(ValueError):
    """An item over a limit; the message names the item, the limit and its option."""

    def __init__(self, what: str, option: str, value: int | float, detail: str = ""):
        self.what, self.option, self.value = what, option, value
        v = f"{value:g}" if isinstance(value, float) else str(value)
        super().__init__(f"{what} exceeds {option} {v}" + (f" ({detail})" if detail else "")
                         + f"; raise {option} to read it")


def too_many_chars(what: str, limits: Limits, n: int | None = None) -> LimitExceeded:
    return LimitExceeded(what, "--max-chars", limits.max_chars,
                         f"{n:,} characters" if n is not None else "")


def too_many_bytes(what: str, limits: Limits) -> LimitExceeded:
    return LimitExceeded(what, "--max-bytes", limits.max_bytes)


def too_compressed(what: str, limits: Limits, out: int, compressed: int) -> LimitExceeded:
    return LimitExceeded(what, "--max-ratio", limits.max_ratio,
                         f"{out:,} bytes from {compressed:,} compressed")


@dataclass
class ReadStats:
    """What the readers saw. `skipped` counts inputs that are not articles, by kind:
    "warc:request", "warc:metadata", "warc:404", "warc:redirect", "warc:not html" (images,
    scripts, styles, DNS), "unsupported file", "hidden file", "directory without supported files" …
    (broken articles are not counted here: they are error records). `files` counts the files,
    archive members and WARC
    records read; `bytes_read` the bytes read from disk or stdin so far (compressed, as
    stored), which sources.estimate() totals in advance for a progress bar."""
    skipped: Counter = field(default_factory=Counter)
    files: int = 0
    bytes_read: int = 0

    def skip(self, kind: str, n: int = 1) -> None:
        self.skipped[kind] += n
