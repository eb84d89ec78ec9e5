"""`zhfacts export`: an output (JSONL) as two tables for SQL over a whole archive.

  facts     one row per fact: article_id, n (its place in the article), type, text, start, end,
            sentence, value_num (count/money/percent), value_text (date/award, and any value
            that is not a number), unit, qualifier, rule, object, recipient, level, change,
            status, tags, extra (JSON of any other key)
  articles  one row per record: id, source, ref_date, year, title, published, meta (JSON), the
            number of facts of each type, removed lines, warnings (their texts), error

`-o DIR` writes DIR/facts.{parquet,csv} and DIR/articles.{parquet,csv}. Parquet needs pyarrow
(`pip install 'zhfacts[export]'`); CSV needs nothing. Records stream through in batches, so an
archive never has to fit in memory.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .model import FACT_TYPES

FACT_COLUMNS = ("article_id", "n", "type", "text", "start", "end", "sentence", "value_num",
                "value_text", "unit", "qualifier", "rule", "object", "recipient", "level",
                "change", "status", "tags", "extra")
ARTICLE_COLUMNS = ("id", "source", "ref_date", "year", "title", "published", "meta",
                   *(f"n_{t}" for t in FACT_TYPES), "n_facts", "n_removed", "n_warnings",
                   "warnings", "error")
_NAMED = set(FACT_COLUMNS) | {"value", "id"}
BATCH = 5000


class ExportError(ValueError):
    pass


def records(path: str | Path) -> Iterator[dict]:
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 -- `with fh` below; only open() may fail here
    except OSError as e:
        raise ExportError(f"{path}: cannot read: {e.strerror or e}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ExportError(f"{path}:{n}: not JSON: {e}") from None
                if not isinstance(rec, dict) or "id" not in rec:
                    raise ExportError(f"{path}:{n}: not a zhfacts record (no id)")
                yield rec


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _json(v: Any) -> str | None:
    return None if v in (None, {}, []) else json.dumps(v, ensure_ascii=False, sort_keys=True)


def fact_rows(rec: dict) -> Iterator[dict]:
    for n, f in enumerate(rec.get("facts") or []):
        v = f.get("value")
        num = _num(v)
        tags = f.get("tags")
        yield {"article_id": str(rec["id"]), "n": n, "type": f.get("type"), "text": f.get("text"),
               "start": f.get("start"), "end": f.get("end"), "sentence": f.get("sentence"),
               "value_num": num, "value_text": None if num is not None or v is None else
               (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)),
               "unit": f.get("unit"), "qualifier": f.get("qualifier"), "rule": f.get("rule"),
               **{k: (None if f.get(k) is None else str(f[k]))
                  for k in ("object", "recipient", "level", "change", "status")},
               "tags": [str(t) for t in tags] if isinstance(tags, list) else None,
               "extra": _json({k: x for k, x in f.items() if k not in _NAMED and x is not None})}


def article_row(rec: dict) -> dict:
    facts = rec.get("facts") or []
    meta = rec.get("meta") or {}
    ref = rec.get("ref_date")
    year = int(ref[:4]) if isinstance(ref, str) and ref[:4].isdigit() else None
    warnings = [str(w) for w in rec.get("warnings") or []]
    row = {"id": str(rec["id"]), "source": rec.get("source"), "ref_date": ref, "year": year,
           "title": meta.get("title"), "published": meta.get("published"), "meta": _json(meta)}
    for t in FACT_TYPES:
        row[f"n_{t}"] = sum(1 for f in facts if f.get("type") == t)
    row.update(n_facts=len(facts), n_removed=len(rec.get("removed") or []),
               n_warnings=len(warnings), warnings=warnings, error=rec.get("error"))
    return row


def _batches(rows: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _schemas():
    import pyarrow as pa
    s, i, f = pa.string(), pa.int64(), pa.float64()
    facts = pa.schema([("article_id", s), ("n", i), ("type", s), ("text", s), ("start", i),
                       ("end", i), ("sentence", i), ("value_num", f), ("value_text", s),
                       ("unit", s), ("qualifier", s), ("rule", s), ("object", s), ("recipient", s),
                       ("level", s), ("change", s), ("status", s), ("tags", pa.list_(s)),
                       ("extra", s)])
    articles = pa.schema([("id", s), ("source", s), ("ref_date", pa.date32()), ("year", i),
                          ("title", s), ("published", s), ("meta", s),
                          *((f"n_{t}", i) for t in FACT_TYPES), ("n_facts", i), ("n_removed", i),
                          ("n_warnings", i), ("warnings", pa.list_(s)), ("error", s)])
    return facts, articles


def _date(s: Any):
    import datetime
    try:
        return datetime.date.fromisoformat(s) if isinstance(s, str) else None
    except ValueError:
        return None


def write_parquet(path: str | Path, out: Path) -> tuple[int, int]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("parquet needs pyarrow: pip install 'zhfacts[export]' (or use --format"
                          " csv)") from None
    fs, as_ = _schemas()
    n_facts = n_arts = 0
    with (
        pq.ParquetWriter(out / "facts.parquet", fs) as fw,
        pq.ParquetWriter(out / "articles.parquet", as_) as aw,
    ):
        for batch in _batches(records(path), 1000):
            arts = [article_row(r) for r in batch]
            for a in arts:
                a["ref_date"] = _date(a["ref_date"])
            facts = [row for r in batch for row in fact_rows(r)]
            aw.write_table(pa.Table.from_pylist(arts, schema=as_))
            if facts:
                fw.write_table(pa.Table.from_pylist(facts, schema=fs))
            n_arts += len(arts)
            n_facts += len(facts)
    return n_arts, n_facts


def write_csv(path: str | Path, out: Path) -> tuple[int, int]:
    n_facts = n_arts = 0

    def cell(v):
        return ";".join(v) if isinstance(v, list) else v

    with open(out / "facts.csv", "w", encoding="utf-8", newline="") as ff, \
            open(out / "articles.csv", "w", encoding="utf-8", newline="") as af:
        fw = csv.DictWriter(ff, FACT_COLUMNS)
        aw = csv.DictWriter(af, ARTICLE_COLUMNS)
        fw.writeheader()
        aw.writeheader()
        for rec in records(path):
            row = article_row(rec)
            aw.writerow({k: cell(v) for k, v in row.items()})
            n_arts += 1
            for f in fact_rows(rec):
                fw.writerow({k: cell(v) for k, v in f.items()})
                n_facts += 1
    return n_arts, n_facts


def export(path: str | Path, out_dir: str | Path, fmt: str = "parquet") -> tuple[int, int]:
    """Write the two tables; (articles, facts) written."""
    if fmt not in ("parquet", "csv"):
        raise ExportError(f"unknown format {fmt!r}: parquet or csv")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: is a file; -o names a folder for facts.{fmt} and articles.{fmt}")
    out.mkdir(parents=True, exist_ok=True)
    return write_parquet(path, out) if fmt == "parquet" else write_csv(path, out)
