"""Writers: Articles → JSONL (default), JSON or CSV, to a file or stdout, streaming.

All UTF-8 with Chinese as it is (never \\uXXXX). JSONL: one line per article. JSON: one list,
indented, written item by item. CSV: one row per fact (an article without facts gives no row).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from typing import IO, Any, Iterable

from .model import Article

FORMATS = ("jsonl", "json", "csv")
CSV_FIELDS = ("id", "type", "text", "start", "end", "value", "unit", "qualifier", "rule", "sentence")


def format_for(path: str | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else jsonl."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    if path and path != "-":
        low = path.lower()
        for suf, f in ((".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json")):
            if low.endswith(suf):
                return f
    return "jsonl"


def _as_dict(a: Article | dict) -> dict[str, Any]:
    return a if isinstance(a, dict) else a.to_dict()


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


class JsonlSink(Sink):
    def write(self, article):
        self.out.write(json_line(_as_dict(article)) + "\n")
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
            row = {"id": d.get("id"), **f}
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
        self._own = self._wrapped = None

    def __enter__(self) -> Sink:
        if self.stream is not None:
            out = self.stream
        elif self.path is None:
            enc = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
            if enc == "utf8" or not hasattr(sys.stdout, "buffer"):
                out = sys.stdout
            else:  # a non-UTF-8 terminal or pipe: the output is UTF-8 all the same
                sys.stdout.flush()
                out = self._wrapped = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
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
