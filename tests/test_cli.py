"""The `zhfacts` command: extract / eval / review / rules, formats, errors and exit codes."""
from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import require
from iohelp import article_text, read_jsonl, write_jsonl

from pipeline.cli import main
from pipeline.model import SCHEMA

ROOT = Path(__file__).resolve().parent.parent
REF = "2024-03-08"


def zhfacts(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The real console entry point in a fresh interpreter."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
            "from pipeline.cli import main; sys.exit(main())")
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=600)


def test_thousand_articles_in_order_with_a_broken_line(tmp_path):
    src, out = tmp_path / "big.jsonl", tmp_path / "out.jsonl"
    ids = write_jsonl(src, 1000, broken={500: '{"id": "doc00500", "text": "没有结尾'})
    assert main(["extract", str(src), "-o", str(out), "--ref-date", REF, "--jobs", "2"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1000
    recs = [json.loads(ln) for ln in lines]
    assert [r["id"] for r in recs] == [i if i is not None else "big:501" for i in ids]
    assert "bad JSON at line 501" in recs[500]["error"] and recs[500]["facts"] == []
    ok = [r for r in recs if "error" not in r]
    assert len(ok) == 999 and all(r["schema"] == SCHEMA and r["ref_date"] == REF for r in ok)
    assert "南京" in lines[0] and "\\u" not in lines[0]  # UTF-8, Chinese unescaped


def test_jobs2_equals_jobs1_through_the_cli(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 120)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert main(["extract", str(src), "-o", str(out), "--jobs", jobs, "--ref-date", REF]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") == 120


def test_ref_date_fills_only_missing(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "今天开会。", "ref_date": "2023-05-06"},
                              ensure_ascii=False) + "\n"
                   + json.dumps({"id": "y", "text": "今天开会。"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--ref-date", REF]) == 0
    assert [r["ref_date"] for r in read_jsonl(out)] == ["2023-05-06", REF]


def test_csv_one_row_per_fact(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 40)
    jl, cv = tmp_path / "o.jsonl", tmp_path / "o.csv"
    assert main(["extract", str(src), "-o", str(jl), "--ref-date", REF]) == 0
    assert main(["extract", str(src), "-o", str(cv), "--ref-date", REF]) == 0  # format from suffix
    rows = list(csv.DictReader(io.StringIO(cv.read_text(encoding="utf-8"))))
    facts = [(r["id"], f) for r in read_jsonl(jl) for f in r["facts"]]
    assert cv.read_text(encoding="utf-8").splitlines()[0] == (
        "id,type,text,start,end,value,unit,qualifier,rule,sentence,"
        "object,recipient,level,status,tags,datetime,source,error")
    assert len(rows) == len(facts)
    for row, (aid, f) in zip(rows, facts, strict=True):
        assert row["id"] == aid and row["type"] == f["type"] and row["text"] == f["text"]
        assert int(row["start"]) == f["start"] and row["rule"] == f["rule"]


def test_json_is_one_readable_list(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 5)
    out = tmp_path / "o.txt"
    assert main(["extract", str(src), "-o", str(out), "--format", "json", "--ref-date", REF]) == 0
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert [d["id"] for d in data] == [f"doc{i:05d}" for i in range(5)]
    assert "\n    \"id\": \"doc00000\"" in text and "\\u" not in text and "南京" in text
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["extract", str(empty), "-o", str(tmp_path / "e.json")]) == 0
    assert json.loads((tmp_path / "e.json").read_text(encoding="utf-8")) == []


def test_jsonl_equals_json_records(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 12)
    assert main(["extract", str(src), "-o", str(tmp_path / "a.jsonl"), "--ref-date", REF]) == 0
    assert main(["extract", str(src), "-o", str(tmp_path / "a.json"), "--ref-date", REF]) == 0
    assert read_jsonl(tmp_path / "a.jsonl") == json.loads(
        (tmp_path / "a.json").read_text(encoding="utf-8")
    )


def test_mixed_inputs_folder_zip_gz_in_order(tmp_path):
    d = tmp_path / "folder"
    d.mkdir()
    (d / "b.txt").write_text(article_text(2), encoding="utf-8")
    (d / "a.txt").write_text(article_text(1), encoding="utf-8")
    zp = tmp_path / "z.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("z1.txt", article_text(3))
    gz = tmp_path / "g.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g1", "text": article_text(4)}, ensure_ascii=False) + "\n")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(gz), str(d), str(zp), "-o", str(out), "--jobs", "2"]) == 0
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == ["g1", "a", "b", "z1"]
    assert recs[1]["text"].startswith(article_text(1).split("\n")[0])


def test_stdin_and_stdout():
    recs = [{"id": "s1", "text": article_text(1)}, {"id": "s2", "text": article_text(2)}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode()
    r = zhfacts("extract", "-", "--ref-date", REF, stdin=data)
    assert r.returncode == 0, r.stderr.decode()
    out = [json.loads(x) for x in r.stdout.decode("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["s1", "s2"]
    # no bar off a terminal
    assert b"\r" not in r.stderr and r.stderr.startswith(b"summary: 2 articles")
    r = zhfacts("extract", "-", "-q", stdin=data)
    assert r.returncode == 0 and r.stderr == b""
    r = zhfacts("extract", "-", stdin=article_text(5).encode())
    assert r.returncode == 0 and json.loads(r.stdout)["id"] == "stdin"


def test_help_everywhere():
    for args in ([], ["extract"], ["eval"], ["review"], ["rules"]):
        with pytest.raises(SystemExit) as e:
            from pipeline.cli import build_parser
            build_parser().parse_args([*args, "--help"])
        assert e.value.code == 0
    r = zhfacts("extract", "--help")
    assert r.returncode == 0 and b"--ref-date" in r.stdout and b"--dask" in r.stdout


@pytest.mark.parametrize("args,needle", [
    ([], "required"),
    (["frobnicate"], "invalid choice"),
    (["extract"], "required"),
    (["extract", "{tmp}/missing.jsonl"], "no such file"),
    (["extract", "{src}", "--ref-date", "2024-02-30"], "YYYY-MM-DD"),
    (["extract", "{src}", "--jobs", "0"], "at least 1"),
    (["extract", "{src}", "--format", "xml"], "invalid choice"),
    (["extract", "{src}", "-o", "{tmp}/no/such/dir/o.jsonl"], "does not exist"),
    (["extract", "{src}", "--rules", "{tmp}/norules"], "rules folder not found"),
    (["extract", "-", "-"], "only once"),
    (["eval", "{tmp}/missing_gold", "--pred", "{src}"], "no such gold"),
    (["eval", "{src}"], "--pred"),
    (["eval", "{src}", "--pred", "{src}", "--min-f1", "1.5"], "0 to 1"),
    (["review", "{tmp}/missing.txt"], "no such file"),
    (["rules", "--rules", "{tmp}/norules"], "rules folder not found"),
])
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, args, needle):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 2)
    argv = [a.format(tmp=tmp_path, src=src) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and needle in err, err


def test_bad_rules_folder_is_exit_2(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "money.yaml").write_text("type: money\nrules: [{id: m1, examples: nope}]\n",
                                      encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text(article_text(1), encoding="utf-8")
    assert main(["extract", str(src), "--rules", str(rules)]) == 2
    assert "examples" in capsys.readouterr().err
    assert main(["rules", "--check", "--rules", str(rules)]) == 1


def test_bundled_rules_that_cannot_build_are_exit_2_and_leave_no_output(tmp_path, capsys,
                                                                       monkeypatch):
    from pipeline import core

    class Unbuildable:
        def __init__(self, *args, **kw):
            raise ValueError("stage money: bad pattern")

    monkeypatch.setattr(core, "_SHARED", {})
    monkeypatch.setattr(core, "Pipeline", Unbuildable)
    src, out = tmp_path / "a.txt", tmp_path / "out.jsonl"
    src.write_text(article_text(1), encoding="utf-8")
    assert main(["extract", str(src), "-o", str(out), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "bad pattern" in err, err
    assert list(tmp_path.iterdir()) == [src]


def test_rules_lists_and_checks(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    from pipeline.rules import load_rules
    rules = load_rules()
    for _, r in rules.all_rules():
        assert r["id"] in out
    assert f"{sum(1 for _ in rules.all_rules())} rules" in out
    assert main(["rules", "--check"]) == 0
    assert "rules: ok" in capsys.readouterr().out


def test_review_from_articles_and_from_output(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "evil",
                               "text": "<script>alert('x')</script>\n南京新增企业120家。"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    page = tmp_path / "r.html"
    assert main(["review", str(src), "-o", str(page), "--ref-date", REF]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "\\u003cscript>alert" in html and "evil" in html
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    r = zhfacts("review", str(out))
    assert (
        r.returncode == 0
        and b"\\u003cscript>alert" in r.stdout
        and b"<script>alert" not in r.stdout
    )


def test_eval_delegates_to_evaluate(tmp_path, monkeypatch):
    import pipeline.evaluate as ev
    seen = {}

    def fake_run(gold, pred, min_f1=None, min_boilerplate_f1=None, verbose=False, as_json=False):
        seen.update(gold=gold, pred=pred, min_f1=min_f1, mb=min_boilerplate_f1, verbose=verbose,
                    as_json=as_json)
        return 1

    monkeypatch.setattr(ev, "run", fake_run)
    pred = tmp_path / "p.jsonl"
    pred.write_text("", encoding="utf-8")
    gold = ROOT / "corpus" / "dev" / "gold"
    assert main(["eval", str(gold), "--pred", str(pred), "--min-f1", "0.5", "--json", "-v"]) == 1
    assert seen == {"gold": [str(gold)], "pred": str(pred), "min_f1": 0.5, "mb": None,
                    "verbose": True, "as_json": True}


def test_eval_on_the_corpus_runs(tmp_path):
    out = tmp_path / "pred.jsonl"
    assert main(["extract", str(ROOT / "corpus" / "dev" / "articles"), "-o", str(out)]) == 0
    r = zhfacts("eval", ROOT / "corpus" / "dev" / "gold", "--pred", out, "--json")
    assert r.returncode in (0, 1), r.stderr.decode()
    assert isinstance(json.loads(r.stdout), dict)


def test_warc_and_html_through_the_cli(tmp_path):
    require("warcio")
    from pipeline import html as html_stage
    if not html_stage.available():
        pytest.skip("trafilatura (the html extra) is not installed")
    from test_sources import _warc
    page = ("<html><head><title>盐城新闻</title></head><body><article><h1>盐城养老服务</h1>"
            "<p>今年以来，盐城市新建养老服务中心12家，新增床位3000张，服务老人超过2万人次。</p>"
            "<p>全市养老服务投入资金1.5亿元，比上年增长20%。</p></article></body></html>")
    w = tmp_path / "crawl.warc.gz"
    _warc(w, [("http://news.example.cn/yc.html", "text/html; charset=utf-8", page.encode())])
    h = tmp_path / "page.html"
    h.write_text(page, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(w), str(h), "-o", str(out), "--ref-date", REF]) == 0
    recs = read_jsonl(out)
    assert [r["id"] for r in recs][1] == "page" and recs[0]["id"].startswith("urn:uuid:")
    assert recs[0]["meta"]["url"] == "http://news.example.cn/yc.html"
    for r in recs:
        assert "error" not in r and "新建养老服务中心12家" in r["text"] and "<p>" not in r["text"]


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal(monkeypatch):
    from pipeline import cli
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert list(cli.progress(range(120))) == list(range(120)) and sys.stderr.getvalue() == ""
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    assert list(cli.progress(range(120))) == list(range(120))
    assert "120" in tty.getvalue()  # tqdm's bar, or the plain counter without tqdm
    monkeypatch.setitem(sys.modules, "tqdm", None)  # tqdm not installed: the plain counter
    tty2 = _Tty()
    monkeypatch.setattr(sys, "stderr", tty2)
    assert list(cli.progress(range(120))) == list(range(120))
    assert tty2.getvalue().endswith("\r120 articles\n")
    assert list(cli.progress(range(5), enabled=False)) == list(range(5))


def test_dask_missing_is_exit_2_and_leaves_no_output(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the dask extra were not installed
    src, out = tmp_path / "in.jsonl", tmp_path / "o.jsonl"
    write_jsonl(src, 40)
    assert main(["extract", str(src), "--dask", "local", "-o", str(out)]) == 2
    assert "zhfacts[dask]" in capsys.readouterr().err and not out.exists()


@pytest.mark.slow
def test_dask_local_cluster_through_the_cli(tmp_path):
    require("distributed")
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 80, broken={3: "[1, 2"})
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["extract", str(src), "-o", str(a), "--jobs", "2", "--ref-date", REF]) == 0
    assert main(["extract", str(src), "-o", str(b), "--jobs", "2", "--dask", "local", "--ref-date",
                 REF]) == 0
    assert a.read_bytes() == b.read_bytes() and a.read_bytes().count(b"\n") == 80


def test_jsonl_stays_one_line_per_article_with_odd_line_ends(tmp_path):
    src = tmp_path / "odd.jsonl"
    text = "南京新增企业120家\u2028其中\x85科技企业40家\u2029。"
    src.write_text(json.dumps({"id": "odd", "text": text}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "next", "text": "无锡。"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()  # splitlines() splits on U+2028 too
    assert [json.loads(x)["id"] for x in lines] == ["odd", "next"]


# -- archive runs: output files, resume, summary, exit codes --------------------------------------

def test_output_is_never_overwritten_silently(tmp_path, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "o.jsonl"
    write_jsonl(src, 3)
    out.write_text("keep me\n", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--overwrite" in err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    partial = tmp_path / "p.jsonl.partial"
    partial.write_text("", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(tmp_path / "p.jsonl"), "-q"]) == 2
    assert "--resume" in capsys.readouterr().err
    assert main(["extract", str(src), "-o", str(out), "--overwrite", "-q"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["doc00000", "doc00001", "doc00002"]
    assert not (tmp_path / "o.jsonl.partial").exists()
    # complete: nothing to resume
    assert main(["extract", str(src), "-o", str(out), "--resume", "-q"]) == 2
    assert "nothing to resume" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_resume_after_a_torn_line_equals_a_whole_run(tmp_path, fmt):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 30, broken={4: "{oops"})
    (tmp_path / "dup.jsonl").write_text("".join(
        json.dumps({"id": "doc00001", "text": article_text(i)}, ensure_ascii=False) + "\n"
        for i in range(3)),
        encoding="utf-8")  # an id seen before, three times: positions count, not ids
    inputs = [str(src), str(tmp_path / "dup.jsonl")]
    whole, cut = tmp_path / f"whole.{fmt}", tmp_path / f"cut.{fmt}"
    assert main(["extract", *inputs, "-o", str(whole), "-q"]) == 0
    assert main(["extract", *inputs, "-o", str(cut), "-q"]) == 0
    # as if killed mid-write: 17 complete records and half of the 18th in the partial file
    jsonl = tmp_path / "ref.jsonl"
    assert main(["extract", *inputs, "-o", str(jsonl), "-q"]) == 0
    lines = jsonl.read_bytes().splitlines(keepends=True)
    cut.unlink()
    Path(str(cut) + ".partial").write_bytes(b"".join(lines[:17]) + lines[17][:40])
    # an unfinished run is not overwritten
    assert main(["extract", *inputs, "-o", str(cut), "-q"]) == 2
    assert main(["extract", *inputs, "-o", str(cut), "--resume"]) == 0
    assert cut.read_bytes() == whole.read_bytes()
    assert not Path(str(cut) + ".partial").exists()


def test_resume_refuses_other_inputs(tmp_path, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_jsonl(a, 5)
    write_jsonl(b, 5, start=100)
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(a), "-o", str(out), "-q"]) == 0
    # torn: 4 whole lines + a torn one
    Path(str(out) + ".partial").write_bytes(out.read_bytes()[:-1])
    out.unlink()
    assert main(["extract", str(b), "-o", str(out), "--resume", "-q"]) == 2
    err = capsys.readouterr().err
    assert "not the same input" in err and len(err.strip().splitlines()) == 1


def test_summary_and_fail_on_error(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 6, broken={2: "{broken"})
    with open(src, "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "doc00000", "text": "南京新增企业120家，投资15.6亿元。"},
                           ensure_ascii=False) + "\n")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    recs = read_jsonl(out)
    n_facts = sum(len(r["facts"]) for r in recs)
    n_removed = sum(len(r["removed"]) for r in recs)
    assert "summary: 7 articles, 7 records" in err and "characters/s" in err
    assert "errors: 1 (bad JSON: 1)" in err and "duplicate ids: 1" in err
    assert f"facts: {n_facts} (count " in err and f"removed lines: {n_removed}" in err
    assert "skipped inputs: 0" in err
    assert main(["extract", str(src), "-o", str(out), "--overwrite", "-q", "--fail-on-error"]) == 3
    assert len(read_jsonl(out)) == 7  # written all the same
    # resumed after the broken record was written: it still counts
    lines = out.read_bytes().splitlines(keepends=True)
    out.unlink()
    Path(str(out) + ".partial").write_bytes(b"".join(lines[:3]))
    capsys.readouterr()
    assert main(["extract", str(src), "-o", str(out), "--resume", "--fail-on-error"]) == 3
    err = capsys.readouterr().err
    assert (
        "summary: 4 articles" in err
        and "resumed: 3 records" in err
        and "errors: 1 (bad JSON: 1)" in err
    )
    assert "duplicate ids: 1" in err
    write_jsonl(src, 3)
    assert main(["extract", str(src), "-o", str(out), "--overwrite", "-q", "--fail-on-error"]) == 0


def test_csv_has_a_row_for_each_error(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 3, broken={1: "[1, 2"})
    out = tmp_path / "o.csv"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    errors = [r for r in rows if r["error"]]
    assert len(errors) == 1 and errors[0]["id"] == "in:2" and "bad JSON" in errors[0]["error"]
    assert errors[0]["type"] == "" and errors[0]["source"].endswith("in.jsonl:2")
    facts = [r for r in rows if not r["error"]]
    assert facts and all(r["source"].endswith(".jsonl:" + str(int(r["id"][-5:]) + 1))
                         for r in facts)


def test_award_columns_in_csv(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("2024年3月8日，南京市李华同志荣获全国三八红旗手称号。", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
    rows = [r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
            if r["type"] == "award"]
    jl = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(jl), "-q"]) == 0
    award = [f for f in read_jsonl(jl)[0]["facts"] if f["type"] == "award"]
    assert len(rows) == len(award) >= 1
    assert rows[0]["level"] == (award[0].get("level") or "") and rows[0]["recipient"] == (
        award[0].get("recipient") or ""
    )


def test_ref_date_is_a_fallback_and_force_overrides(tmp_path):
    src = tmp_path / "in.jsonl"
    dated = "发布时间：2023-05-06 09:30\n昨天，南京市新增企业120家。"
    src.write_text(json.dumps({"id": "dated", "text": dated}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "bare", "text": "昨天，无锡市新增企业80家。"},
                                ensure_ascii=False) + "\n",
                   encoding="utf-8")
    plain, fallback, forced = (tmp_path / f"{n}.jsonl" for n in ("plain", "fallback", "forced"))
    assert main(["extract", str(src), "-o", str(plain), "-q"]) == 0
    assert main(["extract", str(src), "-o", str(fallback), "-q", "--ref-date", REF]) == 0
    assert main(["extract", str(src), "-o", str(forced), "-q", "--force-ref-date", REF]) == 0
    p, f, o = read_jsonl(plain), read_jsonl(fallback), read_jsonl(forced)
    assert p[0]["ref_date"] == f[0]["ref_date"] == "2023-05-06"
    # the dated article is the same with or without --ref-date
    assert p[0]["facts"] == f[0]["facts"]
    assert [x["value"] for x in f[0]["facts"] if x["type"] == "date"] == ["2023-05-05"]
    assert p[1]["ref_date"] is None and f[1]["ref_date"] == REF
    assert [x["value"] for x in f[1]["facts"] if x["type"] == "date"] == ["2024-03-07"]
    assert o[0]["ref_date"] == REF and [
        x["value"] for x in o[0]["facts"] if x["type"] == "date"
    ] == ["2024-03-07"]


def test_unwritable_output_is_one_line(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 2)
    # /proc takes no new files, not even from root (a chmod'ed folder would not stop root)
    r = zhfacts("extract", src, "-o", "/proc/zhfacts-out.jsonl")
    err = r.stderr.decode()
    assert r.returncode == 2 and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "/proc/zhfacts-out.jsonl" in err


def test_empty_folder_is_an_error(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"x")
    assert main(["extract", str(empty)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(empty) in err


def test_python_m_pipeline_is_the_cli():
    r = subprocess.run([sys.executable, "-m", "pipeline", "--version"], capture_output=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith(b"zhfacts ")


def test_eval_reads_json_output_and_extracts_gold_articles(tmp_path):
    arts = ROOT / "corpus" / "dev" / "articles"
    gold = ROOT / "corpus" / "dev" / "gold"
    picked = sorted(gold.glob("*.json"))[:6]
    gdir, adir = tmp_path / "gold", tmp_path / "articles"
    gdir.mkdir()
    adir.mkdir()
    for g in picked:
        (gdir / g.name).write_bytes(g.read_bytes())
        gid = json.loads(g.read_text(encoding="utf-8"))["id"]
        (adir / f"{gid}.txt").write_bytes((arts / f"{gid}.txt").read_bytes())
    js, jl = tmp_path / "o.json", tmp_path / "o.jsonl"
    assert main(["extract", str(adir), "-o", str(js), "-q"]) == 0
    assert main(["extract", str(adir), "-o", str(jl), "-q"]) == 0
    a = zhfacts("eval", gdir, "--pred", js, "--json")
    b = zhfacts("eval", gdir, "--pred", jl, "--json")
    assert a.returncode in (0, 1) and a.stdout == b.stdout and json.loads(a.stdout)["articles"] == 6
    c = zhfacts("eval", gdir, "--articles", adir, "--json")
    assert c.returncode in (0, 1), c.stderr
    from pipeline import evaluate
    from pipeline.core import shared_pipeline
    g = evaluate.load_gold([gdir])
    pipe = shared_pipeline()
    want = {gid: pipe.extract((adir / f"{gid}.txt").read_text("utf-8"), id=gid,
                              ref_date=x.get("ref_date")).to_dict()
            for gid, x in g.items()}
    assert json.loads(c.stdout) == evaluate.evaluate(g, want)[0]


def test_limits_and_skipped_inputs_in_the_summary(tmp_path, capsys):
    d = tmp_path / "mix"
    d.mkdir()
    (d / "a.txt").write_text("南京新增企业120家。", encoding="utf-8")
    (d / "b.docx").write_bytes(b"PK")
    (d / "long.txt").write_text("中" * 300, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(d), "-o", str(out), "--max-chars", "100"]) == 0
    recs = read_jsonl(out)
    assert [r["id"] for r in recs] == ["a", "long"]
    assert "--max-chars 100" in recs[1]["error"] and "error" not in recs[0]
    err = capsys.readouterr().err
    assert "errors: 1 (over --max-chars: 1)" in err
    assert "skipped inputs: 1 (unsupported file: 1)" in err
    assert main(["extract", str(d), "--max-ratio", "0"]) == 2


def test_progress_bar_has_a_total_when_known(monkeypatch):
    require("tqdm")
    from pipeline import cli
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    asked = []
    assert list(cli.progress(range(40), total=lambda: asked.append(1) or 40)) == list(range(40))
    assert asked == [1] and "40/40" in tty.getvalue() and "100%" in tty.getvalue()


def test_review_has_a_time_limit():
    from pipeline.cli import build_parser
    p = build_parser()
    assert p.parse_args(["review", "x.txt"]).timeout == 60
    assert p.parse_args(["review", "x.txt", "--timeout", "5"]).timeout == 5


def test_progress_bar_in_bytes_without_a_count(monkeypatch):
    require("tqdm")
    from pipeline import cli
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    done = iter(range(100, 1100, 100))
    assert list(
        cli.progress(range(10), total=lambda: None, size=1000, read=lambda: next(done))
    ) == list(range(10))
    assert "1.00k/1.00k" in tty.getvalue() and "100%" in tty.getvalue()
