"""Every record the pipeline writes follows FACTS.md and its JSON Schema."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from conftest import REF_DATE, ROOT

SCHEMA = json.loads(
    resources.files("pipeline.schema").joinpath("article.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
ARTICLES = sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt"))


def check_record(rec: dict, raw: str) -> None:
    errors = sorted(VALIDATOR.iter_errors(rec), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    text = rec["text"]
    for f in rec["facts"]:
        assert text[f["start"]:f["end"]] == f["text"], f
    lines = raw.replace("\r\n", "\n").split("\n")
    body = text.split("\n") if rec.get("error") is None else []
    if rec.get("error") is None:
        assert len(body) + len(rec["removed"]) == len(lines)
        for r in rec["removed"]:
            assert lines[r["line"]] == r["text"]
    json_text = json.dumps(rec, ensure_ascii=False)
    assert "\\u" not in json.dumps(rec["text"], ensure_ascii=False)
    assert json.loads(json_text) == rec


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_corpus_records_follow_contract(pipe, path: Path):
    raw = path.read_text(encoding="utf-8")
    art = pipe.extract(raw, ref_date=None, id=path.stem, source=str(path))
    assert art.error is None, art.error
    check_record(art.to_dict(), raw)


def test_to_json_keeps_chinese_readable(pipe):
    art = pipe.extract("苏州市妇联举办专场招聘178场。", ref_date=REF_DATE, id="x")
    s = art.to_json()
    assert "苏州市妇联" in s and "\\u" not in s
    assert json.loads(s)["schema"] == "zhfacts/1"


def test_bad_ref_date_is_an_error_record_not_a_crash(pipe):
    from pipeline.model import Document
    with pytest.raises(ValueError, match="ref_date"):  # the caller's own mistake raises at once
        pipe.extract("今年2月28日召开大会。", ref_date="2024-13-45", id="bad")
    # a bad ref_date that came with an input article: its error record
    art = pipe.process(Document(id="bad", text="今年2月28日召开大会。", ref_date="2024-13-45"))
    rec = art.to_dict()
    assert rec["error"].startswith("ValueError") and "ref_date" in rec["error"]
    assert rec["facts"] == []
    check_record(rec, "")


def test_lines_are_kept_or_removed_never_lost(pipe):
    raw = "标题\r\n\r\n第一段正文，举办活动12场。\n\n第二段正文。\n"
    rec = pipe.extract(raw, ref_date=REF_DATE).to_dict()
    check_record(rec, raw)
