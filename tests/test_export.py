"""`zhfacts export`: facts and articles tables, and the README's DuckDB queries run on them as
written there, with their answers checked against the records."""
from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict

import pytest
from conftest import ROOT, require

from pipeline import export
from pipeline.cli import main

DEV = ROOT / "corpus" / "dev"


@pytest.fixture(scope="module")
def records(pipe):
    recs = []
    for path in sorted((DEV / "articles").glob("*.txt"))[:40]:
        g = json.loads((DEV / "gold" / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        recs.append(pipe.extract(path.read_text(encoding="utf-8"), ref_date=g.get("ref_date"),
                                 id=path.stem).to_dict())
    recs.append({"schema": "zhfacts/1", "id": "broken", "source": None, "ref_date": None,
                 "meta": {}, "text": "", "removed": [], "facts": [], "warnings": ["no text"],
                 "error": "ValueError: article has no text"})
    return recs


@pytest.fixture(scope="module")
def out_jsonl(records, tmp_path_factory):
    p = tmp_path_factory.mktemp("export") / "out.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                 encoding="utf-8")
    return p


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, re.S)


def test_readme_duckdb_queries_answer_from_the_parquet_tables(records, out_jsonl, tmp_path,
                                                              monkeypatch):
    require("pyarrow")
    duckdb = require("duckdb")
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(out_jsonl), "-o", "tables"]) == 0
    money_q, awards_q, warn_q = readme_queries()  # exactly three, in this order

    con = duckdb.connect()
    money = con.execute(money_q).fetchall()
    want = defaultdict(lambda: [0, 0.0])
    for r in records:
        for f in r["facts"]:
            if f["type"] == "money":
                key = (f["unit"], int(r["ref_date"][:4]) if r["ref_date"] else None)
                want[key][0] += 1
                want[key][1] += f["value"]
    got = {(c, y): [n, pytest.approx(t)] for c, y, n, t in money}
    assert got == {k: [n, pytest.approx(t)] for k, (n, t) in want.items()}
    assert len(money) == len(want) > 0

    awards = con.execute(awards_q).fetchall()
    counted = Counter((f["value"], f.get("level")) for r in records for f in r["facts"]
                      if f["type"] == "award")
    top = sorted(counted.items(),
                 key=lambda e: (-e[1], e[0][0], e[0][1] is None, e[0][1] or ""))[:20]  # NULLs last
    assert [(a, lv, n) for a, lv, n, _ in awards] == [(a, lv, n) for (a, lv), n in top]
    assert all(arts <= n for _, _, n, arts in awards)

    warned = con.execute(warn_q).fetchall()
    expected = sorted(((r["id"], len(r["warnings"])) for r in records if r["warnings"]),
                      key=lambda e: (-e[1], e[0]))
    assert [(i, n) for i, _, n, _ in warned] == expected and ("broken", 1) in expected
    assert dict((i, w) for i, _, _, w in warned)["broken"] == ["no text"]


def test_parquet_tables_keep_every_fact_and_article(records, out_jsonl, tmp_path):
    pq = require("pyarrow.parquet")
    assert export.export(out_jsonl, tmp_path, "parquet") == (len(records),
                                                             sum(len(r["facts"]) for r in records))
    facts = pq.read_table(tmp_path / "facts.parquet").to_pylist()
    arts = pq.read_table(tmp_path / "articles.parquet").to_pylist()
    flat = [(r["id"], f) for r in records for f in r["facts"]]
    assert len(facts) == len(flat)
    for row, (aid, f) in zip(facts, flat, strict=True):
        assert row["article_id"] == aid and (
            row["type"],
            row["text"],
            row["start"],
            row["end"],
        ) == (f["type"], f["text"], f["start"], f["end"])
        if isinstance(f["value"], (int, float)):
            assert row["value_num"] == pytest.approx(f["value"]) and row["value_text"] is None
        else:
            assert row["value_text"] == f["value"] and row["value_num"] is None
        assert (row["unit"], row["rule"], row["level"]) == (f.get("unit"), f["rule"],
                                                            f.get("level"))
    assert [a["id"] for a in arts] == [r["id"] for r in records]
    broken = arts[-1]
    assert (
        broken["error"].startswith("ValueError")
        and broken["n_facts"] == 0
        and broken["ref_date"] is None
    )
    first = arts[0]
    assert str(first["ref_date"]) == records[0]["ref_date"] and first["n_removed"] == len(
        records[0]["removed"]
    )
    assert (
        sum(first[f"n_{t}"] for t in ("count", "money", "date", "percent", "award"))
        == first["n_facts"]
    )


def test_csv_tables_need_no_extra(records, out_jsonl, tmp_path, capsys):
    assert main(["export", str(out_jsonl), "--format", "csv", "-o", str(tmp_path / "t")]) == 0
    assert f"{len(records)} articles" in capsys.readouterr().err
    with open(tmp_path / "t" / "facts.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == sum(len(r["facts"]) for r in records)
    assert tuple(rows[0]) == export.FACT_COLUMNS
    with open(tmp_path / "t" / "articles.csv", encoding="utf-8", newline="") as fh:
        arts = list(csv.DictReader(fh))
    assert arts[-1]["id"] == "broken" and arts[-1]["warnings"] == "no text"


def test_export_errors_are_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\nnot json\n', encoding="utf-8")
    assert main(["export", str(bad), "--format", "csv", "-o", str(tmp_path / "o")]) == 2
    assert "bad.jsonl:2: not JSON" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o")]) == 2
    (tmp_path / "file").write_text("x")
    assert main(["export", str(bad), "-o", str(tmp_path / "file")]) == 2
    assert "is a file" in capsys.readouterr().err
