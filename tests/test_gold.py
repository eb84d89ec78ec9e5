"""Decisions in → gold out → `zhfacts eval` counts exactly the decisions."""
from __future__ import annotations

import json

import pytest
from conftest import SEED_ID

from pipeline import evaluate, gold
from pipeline.cli import main


def _fact(rec, text, type_):
    f = next(f for f in rec["facts"] if f["text"] == text and f["type"] == type_)
    return {"type": f["type"], "text": f["text"], "start": f["start"], "end": f["end"]}


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _pred(tmp_path, seed):
    pred = tmp_path / "out.jsonl"
    pred.write_text(json.dumps(seed.record, ensure_ascii=False) + "\n", encoding="utf-8")
    return pred


def test_one_wrong_and_one_missed_score_one_fp_and_one_fn(tmp_path, seed, capsys):
    rec = seed.record
    start = rec["text"].index("连续5年") + 2  # the pipeline leaves this duration out
    assert not any(f["start"] == start for f in rec["facts"])
    decisions = _write(tmp_path / "decisions.jsonl", [
        {"id": SEED_ID, "fact": _fact(rec, "15.6亿元", "money"), "verdict": "wrong"},
        {"id": SEED_ID, "fact": _fact(rec, "137家", "count"), "verdict": "right"},
        {"id": SEED_ID, "missed": {"type": "count", "text": "5年", "start": start, "end": start + 2,
                                   "value": None, "unit": None}}])
    pred = _pred(tmp_path, seed)
    out = tmp_path / "gold"
    assert main(["gold", str(decisions), "--pred", str(pred), "-o", str(out)]) == 0
    assert "marked right 1, wrong 1, missed 1, unmarked kept" in capsys.readouterr().err
    g = json.loads((out / f"{SEED_ID}.gold.json").read_text(encoding="utf-8"))
    assert g["id"] == SEED_ID and g["ref_date"] == rec["ref_date"]
    assert g["boilerplate_lines"] == [r["line"] for r in rec["removed"]]
    assert not any(f["text"] == "15.6亿元" for f in g["facts"]) and g["not_facts"] == ["15.6亿元"]
    missed = next(f for f in g["facts"] if f.get("start") == start)
    assert (missed["value"], missed["unit"]) == (5, "年")  # filled in: the numeral, then the unit
    assert len(g["facts"]) == len(rec["facts"])  # -1 wrong +1 missed; unmarked facts kept
    summary, report = evaluate.evaluate(evaluate.load_gold([out]), evaluate.load_pred(pred))
    totals = [sum(t[k] for t in summary["types"].values()) for k in ("tp", "fp", "fn")]
    assert totals == [len(rec["facts"]) - 1, 1, 1]
    assert summary["types"]["money"]["fp"] == 1 and summary["types"]["count"]["fn"] == 1
    assert f"{SEED_ID}: extra money '15.6亿元' = 1560000000" in report
    assert f"{SEED_ID}: missed count '5年' = 5" in report
    assert summary["boilerplate"]["f1"] == 1.0
    capsys.readouterr()
    assert main(["eval", str(out), "--pred", str(pred)]) == 0
    # a fact marked wrong, found again
    assert "trap taken money '15.6亿元'" in capsys.readouterr().out


def test_later_decisions_win_and_values_come_from_the_pipeline(tmp_path, seed):
    rec = seed.record
    money = _fact(rec, "1184.74万元", "money")
    decisions = _write(tmp_path / "d.jsonl", [
        {"id": SEED_ID, "fact": money, "verdict": "wrong"},
        {"id": SEED_ID, "fact": money, "verdict": "right"},  # changed their mind
        {"id": SEED_ID, "missed": {"type": "award", "text": "全国五好家庭", "start": 0, "end": 6}}])
    s = gold.Summary()
    decs = gold.read_decisions(decisions)
    # offsets must point at the text
    with pytest.raises(gold.GoldError, match="is not '全国五好家庭'"):
        gold.gold_for(rec, decs[SEED_ID], s)
    m = gold.derive_value({"type": "money", "text": "15.6亿元", "start": 0, "end": 6}, "2024-03-08")
    assert (m["value"], m["unit"]) == (1560000000, "CNY")
    d = gold.derive_value({"type": "date", "text": "今年2月28日", "start": 0, "end": 7},
                          "2024-03-08")
    assert d["value"] == "2024-02-28"
    assert (
        gold.derive_value({"type": "percent", "text": "无从说起", "start": 0, "end": 4}, None).get(
            "value"
        )
        is None
    )
    decs[SEED_ID].missed.clear()
    s = gold.Summary()
    g = gold.gold_for(rec, decs[SEED_ID], s)
    assert any(f["text"] == "1184.74万元" for f in g["facts"]) and "not_facts" not in g
    assert s.right == 1 and s.wrong == 0


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "d.jsonl:1: not JSON"),
        ('{"fact": {}}', 'needs an "id"'),
        (
            '{"id": "x", "fact": {"type": "cost", "text": "1", "start": 0, "end": 1}, "verdict":'
            ' "right"}',
            "type must be",
        ),
        (
            '{"id": "x", "fact": {"type": "count", "text": "1", "start": 3, "end": 1}, "verdict":'
            ' "right"}',
            "start < end",
        ),
        (
            '{"id": "x", "fact": {"type": "count", "text": "1", "start": 0, "end": 1}, "verdict":'
            ' "maybe"}',
            "verdict must be",
        ),
        ('{"id": "x", "note": "hm"}', 'has "fact" and "verdict", or "missed"'),
    ],
)
def test_bad_decisions_are_one_clear_error(tmp_path, line, message):
    path = tmp_path / "d.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(gold.GoldError, match=message):
        gold.read_decisions(path)


def test_decisions_that_do_not_fit_the_predictions_are_refused(tmp_path, seed, capsys):
    pred = _pred(tmp_path, seed)
    other = _write(tmp_path / "a.jsonl",
                   [{"id": "nowhere",
                     "missed": {"type": "count", "text": "3个", "start": 0, "end": 2}}])
    assert main(["gold", str(other), "--pred", str(pred), "-o", str(tmp_path / "g")]) == 2
    assert "not in" in capsys.readouterr().err and not (tmp_path / "g").exists()
    moved = _write(tmp_path / "b.jsonl",
                   [{"id": SEED_ID,
                     "fact": {"type": "money", "text": "15.6亿元", "start": 3, "end": 9},
                                           "verdict": "wrong"}])
    assert main(["gold", str(moved), "--pred", str(pred), "-o", str(tmp_path / "g")]) == 2
    assert "has no predicted money '15.6亿元' at 3:9" in capsys.readouterr().err


def test_file_names_are_safe():
    assert gold.file_name("001_wuxi") == "001_wuxi.gold.json"
    odd = gold.file_name("../../etc/x y")
    assert "/" not in odd and odd.endswith(".gold.json") and odd != gold.file_name("../../etc/x_y")
