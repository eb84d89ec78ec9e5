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

from iohelp import article_text, read_jsonl, write_jsonl
from pipeline.cli import main
from pipeline.model import SCHEMA

ROOT = Path(__file__).resolve().parent.parent
REF = "2024-03-08"


def zhfacts(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The real console entry point in a fresh interpreter."""
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pipeline.cli import main; sys.exit(main())"
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
    src.write_text(json.dumps({"id": "x", "text": "今天开会。", "ref_date": "2023-05-06"}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "y", "text": "今天开会。"}, ensure_ascii=False) + "\n", encoding="utf-8")
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
    assert cv.read_text(encoding="utf-8").splitlines()[0] == "id,type,text,start,end,value,unit,qualifier,rule,sentence"
    assert len(rows) == len(facts)
    for row, (aid, f) in zip(rows, facts):
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
    assert read_jsonl(tmp_path / "a.jsonl") == json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))


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
    assert r.stderr == b""  # no progress bar when stderr is not a terminal
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
    (rules / "money.yaml").write_text("type: money\nrules: [{id: m1, examples: nope}]\n", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text(article_text(1), encoding="utf-8")
    assert main(["extract", str(src), "--rules", str(rules)]) == 2
    assert "examples" in capsys.readouterr().err
    assert main(["rules", "--check", "--rules", str(rules)]) == 1


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
    src.write_text(json.dumps({"id": "evil", "text": "<script>alert('x')</script>\n南京新增企业120家。"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    page = tmp_path / "r.html"
    assert main(["review", str(src), "-o", str(page), "--ref-date", REF]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "\\u003cscript>alert" in html and "evil" in html
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    r = zhfacts("review", str(out))
    assert r.returncode == 0 and b"\\u003cscript>alert" in r.stdout and b"<script>alert" not in r.stdout


def test_eval_delegates_to_evaluate(tmp_path, monkeypatch):
    import pipeline.evaluate as ev
    seen = {}

    def fake_run(gold, pred, min_f1=None, min_boilerplate_f1=None, verbose=False, as_json=False):
        seen.update(gold=gold, pred=pred, min_f1=min_f1, mb=min_boilerplate_f1, verbose=verbose, as_json=as_json)
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
    pytest.importorskip("warcio")
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
    pytest.importorskip("distributed")
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 80, broken={3: "[1, 2"})
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["extract", str(src), "-o", str(a), "--jobs", "2", "--ref-date", REF]) == 0
    assert main(["extract", str(src), "-o", str(b), "--jobs", "2", "--dask", "local", "--ref-date", REF]) == 0
    assert a.read_bytes() == b.read_bytes() and a.read_bytes().count(b"\n") == 80


def test_jsonl_stays_one_line_per_article_with_odd_line_ends(tmp_path):
    src = tmp_path / "odd.jsonl"
    text = "南京新增企业120家\u2028其中\x85科技企业40家\u2029。"
    src.write_text(json.dumps({"id": "odd", "text": text}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "next", "text": "无锡。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()  # splitlines() splits on U+2028 too
    assert [json.loads(x)["id"] for x in lines] == ["odd", "next"]
