"""Writers: Articles → JSONL (default), JSON or CSV, to a file or stdout, streaming.

All UTF-8 with Chinese as it is (never \\uXXXX). JSONL: one line per article. JSON: one list,
indented, written item by item. CSV: one row per fact, plus one row for each article that has an
error (its `error` column set, the fact columns empty); an article without facts gives no row.

A file output is complete or absent (FileOutput): records go to FILE.partial as JSONL, one line
per article in input order, and FILE appears only at the end (renamed, or converted to JSON or
CSV). Because the partial file's lines are the first articles of the input in order, an
interrupted run resumes by skipping that many articles; a torn last line is cut off first.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import pickle
import re
import sys
from collections.abc import Iterable
from typing import IO, Any

from .model import Article, Fact, Removed

FORMATS = ("jsonl", "json", "csv")
CSV_FIELDS = ("id", "type", "text", "start", "end", "value", "unit", "qualifier", "rule",
              "sentence", "object", "recipient", "level", "status", "tags", "datetime", "source",
              "error")


def format_for(path: str | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else jsonl."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    if path and path != "-":
        low = path.lower()
        for suf, f in ((".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
                       (".json", "json")):
            if low.endswith(suf):
                return f
    return "jsonl"


def _as_dict(a: Article | dict) -> dict[str, Any]:
    return a if isinstance(a, dict) else a.to_dict()


def _jsonl(a: Article | dict) -> str:
    """An article's JSONL line, its newline included: the one a worker encoded, if any."""
    line = a.line if type(a) is Encoded else None
    return (json_line(_as_dict(a)) if line is None else line) + "\n"


class Sink:
    def __init__(self, out: IO[str]):
        self.out, self.count = out, 0

    def write(self, article: Article | dict) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


# Characters that str.splitlines() and some editors take as line ends although JSON leaves them
# raw: escaped, so one record stays one line for every reader. (Chinese stays as it is.)
_LINE_ENDS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_LINE_ENDS_RE = re.compile("[\u2028\u2029\x85]")


def json_line(d: dict[str, Any]) -> str:
    s = json.dumps(d, ensure_ascii=False)
    return _LINE_ENDS_RE.sub(lambda m: _LINE_ENDS[m.group()], s) if _LINE_ENDS_RE.search(s) else s


def _field(name: str) -> property:
    def get(self):
        return self.values()[name]

    def set(self, value):
        self.values()[name] = value

    return property(get, set, doc=f"Article.{name}, unpickled when first read")


class Encoded(Article):
    """An Article as a batch worker sent it: its JSONL line, written as it is (the main process
    never encodes it again), what the run summary counts of it (`counts`, a summary.Counts) and
    its pickled fields, unpickled only when one is read. Once they are (the reader may change
    them), the line and the counts are dropped: a sink encodes the fields afresh. A record sent
    without its fields (batch.run(fields=False)) reads them from its line when asked: the same
    JSON, in JSON's types (a tuple reads back as a list).

    Built with `Encoded.of`; pickled or copied, it becomes a plain Article."""

    line: str | None
    counts: Any   # summary.Counts (summary imports this module) or None
    _blob: bytes | None

    @classmethod
    def of(cls, line: str | None, blob: bytes | None, counts: Any = None) -> Encoded:
        self = object.__new__(cls)
        self.__dict__.update(line=line, counts=counts, _blob=blob, _fields=None)
        return self

    def __init__(self, *args, **kw):  # dataclasses.replace(): fields given, nothing encoded
        self.__dict__.update(line=None, counts=None, _blob=None, _fields={})
        super().__init__(*args, **kw)

    def values(self) -> dict[str, Any]:
        d = self.__dict__
        if d["_fields"] is None:
            blob = d["_blob"]
            d["_fields"] = vars(pickle.loads(blob) if blob is not None else from_line(d["line"]))
            d["line"] = d["counts"] = d["_blob"] = None
        return d["_fields"]

    def plain(self) -> Article:
        return _article(self.values())

    def __reduce_ex__(self, protocol):
        return _article, (dict(self.values()),)

    def __eq__(self, other):
        if isinstance(other, Encoded):
            other = other.plain()
        return self.plain() == other

    __hash__ = None  # type: ignore[assignment]  # as Article's (a mutable dataclass)

    def __repr__(self) -> str:
        return repr(self.plain())


def _article(values: dict[str, Any]) -> Article:
    a = object.__new__(Article)
    a.__dict__.update(values)
    return a


for _f in dataclasses.fields(Article):
    setattr(Encoded, _f.name, _field(_f.name))


_FACT_KEYS = ("type", "text", "start", "end", "value", "rule", "unit", "qualifier", "sentence")


def from_line(line: str) -> Article:
    """The Article whose to_dict() a JSONL line holds (json_line's inverse, in JSON's types)."""
    d = json.loads(line)
    d.pop("schema", None)
    facts = []
    for f in d.get("facts", []):
        base = {k: f.pop(k) for k in _FACT_KEYS if k in f}
        facts.append(Fact(**base, extra=f))   # what is left are the extra fields
    d["facts"] = facts
    d["removed"] = [Removed(**r) for r in d.get("removed", [])]
    return Article(**d)


def encode(article: Article, fields: bool = True) -> tuple[str | None, bytes | None]:
    """What a worker sends for an Article, for Encoded.of: its line (None where its fields cannot
    be encoded as JSON: the sink raises then, as it would have) and its pickled fields (None
    when not `fields` and there is a line: they are read from it if ever asked for)."""
    try:
        line: str | None = json_line(article.to_dict())
    except Exception:
        line = None
    if line is not None and not fields:
        return line, None
    return line, pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)


class JsonlSink(Sink):
    def write(self, article):
        self.out.write(_jsonl(article))
        self.count += 1


class JsonSink(Sink):
    """A JSON list, indented; items are written as they come, so memory stays flat."""

    def write(self, article):
        item = json.dumps(_as_dict(article), ensure_ascii=False, indent=2)
        self.out.write(("[\n" if self.count == 0 else ",\n") + "  " + item.replace("\n", "\n  "))
        self.count += 1

    def close(self):
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v


class CsvSink(Sink):
    def __init__(self, out):
        super().__init__(out)
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(CSV_FIELDS)

    def write(self, article):
        d = _as_dict(article)
        for f in d.get("facts") or ():
            row = {**f, "id": d.get("id"), "source": d.get("source")}
            self.writer.writerow([_cell(row.get(k)) for k in CSV_FIELDS])
        if d.get("error"):  # an article that failed is visible in a CSV too
            row = {"id": d.get("id"), "source": d.get("source"), "error": d["error"]}
            self.writer.writerow([_cell(row.get(k)) for k in CSV_FIELDS])
        self.count += 1


SINKS = {"jsonl": JsonlSink, "json": JsonSink, "csv": CsvSink}


class open_sink:
    """`with open_sink(path_or_None, fmt) as sink: sink.write(article)`; None or '-' is stdout."""

    def __init__(self, path: str | os.PathLike | None = None, fmt: str | None = None,
                 stream: IO[str] | None = None):
        self.path = None if path in (None, "-") else os.fspath(path)
        self.fmt = format_for(self.path, fmt)
        self.stream = stream
        self._own: IO[str] | None = None
        self._wrapped: io.TextIOWrapper | None = None

    def __enter__(self) -> Sink:
        if self.stream is not None:
            out = self.stream
        elif self.path is None:
            enc = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
            if enc == "utf8" or not hasattr(sys.stdout, "buffer"):
                out = sys.stdout
            else:  # a non-UTF-8 terminal or pipe: the output is UTF-8 all the same
                sys.stdout.flush()
                out = self._wrapped = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8",
                                                       newline="")
        else:
            out = self._own = open(self.path, "w", encoding="utf-8", newline="")
        self.sink = SINKS[self.fmt](out)
        return self.sink

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.sink.close()
        finally:
            if self._own is not None:
                self._own.close()
            elif self._wrapped is not None:
                self._wrapped.flush()
                self._wrapped.detach()  # leave sys.stdout open


def write(articles: Iterable[Article | dict], path: str | None = None, fmt: str | None = None,
          stream: IO[str] | None = None) -> int:
    """Write every article; returns how many articles were written."""
    with open_sink(path, fmt, stream) as sink:
        for a in articles:
            sink.write(a)
    return sink.count


# -- complete-or-absent file output, resumable -------------------------------------------------

PARTIAL = ".partial"
FLUSH_EVERY = 64   # records between flushes of FILE.partial (a kill loses at most these)


class OutputError(Exception):
    """The output cannot be used as asked (exists, damaged partial file): one line, exit 2."""


def read_partial(path: str, errors: list[str] | None = None) -> list[str]:
    """The ids of the complete records of a partial JSONL output, in order (and their error
    messages appended to `errors`). A torn last line (a run killed mid-write) is cut off the
    file; a damaged line before the last is an OutputError."""
    ids: list[str] = []
    good = 0
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                if not raw.endswith(b"\n"):
                    raise ValueError("torn")
                rec = json.loads(raw)
                ids.append(str(rec["id"]))
                if errors is not None and rec.get("error"):
                    errors.append(str(rec["error"]))
            except (ValueError, KeyError, TypeError):
                if f.read().strip():
                    raise OutputError(f"{path}: line {n} is damaged and is not the last line; "
                                      "cannot resume (--overwrite starts again)") from None
                break
            good += len(raw)
    if good != os.path.getsize(path):
        with open(path, "r+b") as f:
            f.truncate(good)
    return ids


class FileOutput:
    """Records to FILE.partial (JSONL), FILE only when the run is complete (`finish`).

    Without `resume`, an existing FILE or FILE.partial is an OutputError unless `overwrite`.
    With `resume`, `done` holds the ids already in FILE.partial (the first len(done) articles of
    the input) and new records are appended after them; a FILE without a partial is complete:
    an OutputError (nothing to resume)."""

    def __init__(self, path: str | os.PathLike, fmt: str | None = None, *, resume: bool = False,
                 overwrite: bool = False):
        self.path = os.fspath(path)
        self.partial = self.path + PARTIAL
        self.fmt = format_for(self.path, fmt)
        self.done: list[str] = []
        self.done_errors: list[str] = []   # error messages of the records in `done`
        self.count = 0
        self._f: IO[bytes] | None = None
        have_final, have_partial = os.path.exists(self.path), os.path.exists(self.partial)
        if resume:
            if have_partial:
                self.done = read_partial(self.partial, self.done_errors)
            elif have_final and not overwrite:
                raise OutputError(
                    f"{self.path} is complete, nothing to resume (--overwrite runs again)"
                )
        elif not overwrite:
            if have_partial:
                raise OutputError(f"{self.partial} holds an unfinished run: --resume continues it, "
                                  "--overwrite starts again")
            if have_final:
                raise OutputError(f"{self.path} exists: --overwrite replaces it")
        self.resume = resume and have_partial

    def open(self) -> FileOutput:
        """Open FILE.partial (appending when resuming). Raises OSError when it cannot be written."""
        if self._f is None:
            # the writer owns the file until close()
            self._f = open(self.partial, "ab" if self.resume else "wb")  # noqa: SIM115
            self.resume = True  # opened again (finish), it is appended to, never emptied
        return self

    def write(self, article: Article | dict) -> None:
        f = self.open()._f
        assert f is not None  # open() opened it
        f.write(_jsonl(article).encode("utf-8"))
        self.count += 1
        if self.count % FLUSH_EVERY == 0:
            f.flush()

    def close(self) -> None:
        """Flush and close FILE.partial, leaving it to resume from (an interrupted run)."""
        if self._f is not None:
            self._f.close()
            self._f = None

    def finish(self) -> None:
        """FILE.partial becomes FILE: renamed (jsonl) or converted (json, csv) then removed."""
        self.open()
        self.close()
        if self.fmt == "jsonl":
            os.replace(self.partial, self.path)
            return
        tmp = self.partial + "." + self.fmt
        with open(self.partial, encoding="utf-8") as src, open(tmp, "w", encoding="utf-8",
                                                               newline="") as out:
            sink = SINKS[self.fmt](out)
            for line in src:
                sink.write(json.loads(line))
            sink.close()
        os.replace(tmp, self.path)
        os.remove(self.partial)
