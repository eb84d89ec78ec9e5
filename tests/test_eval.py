"""`zhfacts eval` gives the same figures as the project scorer (../shared/tools/score.py)."""
import io
import json
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED

from pipeline import evaluate

SCORER = SHARED / "tools" / "score.py"


def _write_pred(pipe, tmp_path):
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for p in sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt")):
            fh.write(pipe.extract(p.read_text("utf-8"), id=p.stem).to_json() + "\n")
    return pred


@pytest.mark.skipif(not SCORER.exists(),
                    reason="../shared/tools/score.py is not beside the checkout")
def test_eval_agrees_with_project_scorer(pipe, tmp_path):
    pred = _write_pred(pipe, tmp_path)
    gold = str(ROOT / "corpus" / "dev" / "gold")
    theirs = subprocess.run([sys.executable, str(SCORER), "--gold", gold, "--pred", str(pred),
                             "--json"],
                            capture_output=True, text=True)
    buf = io.StringIO()
    evaluate.run([gold], str(pred), as_json=True, out=buf)
    ours = json.loads(buf.getvalue())
    # reason accuracy is ours alone (gold with boilerplate_reasons); every figure the scorer has is
    # the same
    extra = {k: ours["boilerplate"].pop(k)
             for k in ("reason_accuracy", "reasons_right", "reasons_scored")
             if k in ours["boilerplate"]}
    assert ours == json.loads(theirs.stdout)
    assert "reason_accuracy" in extra  # the dev gold carries reasons
    # and the human-readable table, line for line (less our reason lines)
    theirs_v = subprocess.run([sys.executable, str(SCORER), "--gold", gold, "--pred", str(pred),
                               "-v"],
                              capture_output=True, text=True).stdout
    buf = io.StringIO()
    evaluate.run([gold], str(pred), verbose=True, out=buf)
    mine = [ln for ln in buf.getvalue().splitlines(True)
            if not ln.startswith("boilerplate reasons right ") and ", gold reason " not in ln]
    assert "".join(mine) == theirs_v


def test_eval_counts_misses_extras_and_optional(tmp_path):
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"id": "a", "boilerplate_lines": [3], "facts": [
        {"type": "count", "text": "137家", "value": 137, "unit": "家"},
        {"type": "money", "text": "15.6亿元", "value": 1560000000, "unit": "CNY"},
        {"type": "count", "text": "5年", "value": 5, "unit": "年", "optional": True}]},
        ensure_ascii=False))
    pred = tmp_path / "p.jsonl"
    pred.write_text(json.dumps({"id": "a", "text": "137家 15.6亿 5年",
                                "removed": [{"line": 3}, {"line": 4}], "facts": [
        {"type": "count", "text": "137家", "start": 0, "end": 4, "value": 137, "unit": "家"},
        {"type": "money", "text": "15.6亿", "start": 5, "end": 10, "value": 1.56e9, "unit": "USD"},
        {"type": "count", "text": "5年", "start": 11, "end": 13, "value": 5, "unit": "年"}]},
        ensure_ascii=False) + "\n")
    summary, _ = evaluate.evaluate(evaluate.load_gold([gold]), evaluate.load_pred(pred))
    assert summary["types"]["count"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0,
                                         "recall": 1.0, "f1": 1.0}
    # unit disagrees
    assert summary["types"]["money"]["fp"] == 1 and summary["types"]["money"]["fn"] == 1
    assert summary["boilerplate"]["precision"] == 0.5 and summary["boilerplate"]["recall"] == 1.0


def test_eval_scores_boilerplate_reasons(tmp_path):
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"id": "a", "boilerplate_lines": [0, 3, 5], "facts": [],
                                "boilerplate_reasons": {"0": "navigation", "3": "metadata"}}),
                                encoding="utf-8")
    pred = tmp_path / "p.jsonl"
    pred.write_text(json.dumps({"id": "a", "text": "", "facts": [], "removed": [
        {"line": 0, "reason": "navigation"}, {"line": 3, "reason": "title"},
        {"line": 5, "reason": "ad"}]}) + "\n", encoding="utf-8")
    summary, report = evaluate.evaluate(evaluate.load_gold([gold]), evaluate.load_pred(pred))
    b = summary["boilerplate"]
    # line 5: no gold reason
    assert (b["reasons_right"], b["reasons_scored"], b["reason_accuracy"]) == (1, 2, 0.5)
    assert "a: boilerplate line 3 removed as title, gold reason metadata" in report
    assert "boilerplate reasons right 1/2 accuracy 0.500" in evaluate.format_table(summary)
    gold.write_text(json.dumps({"id": "a", "boilerplate_lines": [0], "facts": []}),
                    encoding="utf-8")
    summary, _ = evaluate.evaluate(evaluate.load_gold([gold]), evaluate.load_pred(pred))
    assert "reason_accuracy" not in summary["boilerplate"]  # gold without reasons: no figure
