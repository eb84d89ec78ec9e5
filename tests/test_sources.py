"""Readers: every input kind gives one Document per article, in order, and never crashes."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from iohelp import article_text, write_jsonl
from pipeline import sources
from pipeline.model import Document

ROOT = Path(__file__).resolve().parent.parent


def docs_of(*paths, **kw) -> list[Document]:
    return list(sources.read([str(p) for p in paths], **kw))


def test_txt_file_id_is_stem(tmp_path):
    p = tmp_path / "南京新闻_01.txt"
    p.write_text(article_text(1), encoding="utf-8")
    [d] = docs_of(p)
    assert d.id == "南京新闻_01" and d.text == article_text(1) and d.error is None
    assert d.source == str(p) and d.html is None


def test_folder_is_recursive_and_sorted_and_skips_unknown(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    (tmp_path / "b" / "x.txt").write_text(article_text(2), encoding="utf-8")
    (tmp_path / "a" / "z" / "y.txt").write_text(article_text(3), encoding="utf-8")
    (tmp_path / "a" / "w.txt").write_text(article_text(4), encoding="utf-8")
    (tmp_path / "a" / "notes.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", 2)
    ids = [d.id for d in docs_of(tmp_path)]
    assert ids == ["w", "y", "x", "doc00000", "doc00001"]


def test_jsonl_fields_missing_id_and_broken_lines(tmp_path):
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "无锡新增企业120家。", "ref_date": "2024-05-01",
                    "url": "http://news.example.cn/a1", "title": "无锡经济", "lang": "zh"}, ensure_ascii=False),
        "",
        json.dumps({"text": "没有编号的文章。"}, ensure_ascii=False),
        '{"id": "a3", "text": "截断的行',                       # bad JSON
        json.dumps({"id": "a4", "text": "日期不对。", "ref_date": "2024-13-45"}, ensure_ascii=False),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "html": "<p>网页正文</p>"}, ensure_ascii=False),
        json.dumps({"id": "a8"}),
        json.dumps({"id": "a9", "text": 42}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = docs_of(p)
    assert [d.id for d in docs] == ["a1", "feed:3", "feed:4", "a4", "feed:6", "7", "a8", "a9"]
    a1 = docs[0]
    assert a1.ref_date == "2024-05-01" and a1.meta == {"url": "http://news.example.cn/a1", "title": "无锡经济"}
    assert a1.source == f"{p}:1" and a1.error is None
    assert docs[1].error is None and docs[1].text == "没有编号的文章。"
    assert "bad JSON at line 4" in docs[2].error
    assert "ref_date" in docs[3].error
    assert "not an object" in docs[4].error
    assert docs[5].html == "<p>网页正文</p>" and docs[5].text is None and docs[5].error is None
    assert "no `text`" in docs[6].error
    assert "must be a string" in docs[7].error


def test_jsonl_gz_and_default_ref_date(tmp_path):
    p = tmp_path / "batch.jsonl.gz"
    recs = [{"id": "g1", "text": article_text(1)}, {"id": "g2", "text": article_text(2), "ref_date": "2023-01-02"}]
    with gzip.open(p, "wt", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    docs = docs_of(p, ref_date="2024-03-08")
    assert [(d.id, d.ref_date, d.text) for d in docs] == [("g1", "2024-03-08", recs[0]["text"]),
                                                          ("g2", "2023-01-02", recs[1]["text"])]


def test_truncated_gz_gives_an_error_record_not_a_crash(tmp_path):
    p = tmp_path / "cut.jsonl.gz"
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as g:
        for i in range(200):
            g.write((json.dumps({"id": f"c{i}", "text": article_text(i)}, ensure_ascii=False) + "\n").encode())
    p.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    docs = docs_of(p)
    assert docs[-1].error and "stopped reading" in docs[-1].error
    assert all(d.error is None for d in docs[:-1]) and len(docs) > 1


def test_gbk_text_file_is_decoded(tmp_path):
    p = tmp_path / "gbk.txt"
    text = "扬州市今年新增就业岗位三千个，其中青年岗位占四成。\n责任编辑：李明"
    p.write_bytes(text.encode("gbk"))
    [d] = docs_of(p)
    assert d.error is None and d.text == text


def test_undecodable_bytes_never_crash(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 4)
    [d] = docs_of(p)
    assert d.id == "junk" and (d.error is not None or isinstance(d.text, str))


def test_html_file(tmp_path):
    p = tmp_path / "page.htm"
    page = "<html><head><meta charset='utf-8'><title>镇江新闻</title></head><body><p>镇江新建公园5个。</p></body></html>"
    p.write_text(page, encoding="utf-8")
    [d] = docs_of(p)
    assert d.id == "page" and d.html == page and d.text is None


def test_zip_and_tar_archives(tmp_path):
    zp = tmp_path / "set.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("news/one.txt", article_text(1))
        zf.writestr("news/two.html", "<p>第二篇</p>")
        zf.writestr("feed.jsonl", json.dumps({"id": "j1", "text": article_text(5)}, ensure_ascii=False) + "\n")
        zf.writestr("readme.md", "ignored")
    docs = docs_of(zp)
    assert [d.id for d in docs] == ["one", "two", "j1"]
    assert docs[0].text == article_text(1) and docs[1].html == "<p>第二篇</p>"
    assert docs[0].source == f"{zp}!news/one.txt"

    for mode, name in (("w", "set.tar"), ("w:gz", "set.tar.gz")):
        tp = tmp_path / name
        with tarfile.open(tp, mode) as tf:
            for member, data in (("a/first.txt", article_text(7)), ("a/second.txt", article_text(8)),
                                 ("inner.jsonl", json.dumps({"id": "t3", "text": "泰州"}, ensure_ascii=False))):
                b = data.encode("utf-8")
                info = tarfile.TarInfo(member)
                info.size = len(b)
                tf.addfile(info, io.BytesIO(b))
        docs = docs_of(tp)
        assert [d.id for d in docs] == ["first", "second", "t3"], name
        assert docs[1].text == article_text(8)


def test_broken_archive_is_an_error_record(tmp_path):
    p = tmp_path / "bad.zip"
    p.write_bytes(b"PK\x03\x04 this is not really a zip")
    [d] = docs_of(p)
    assert d.id == "bad" and "cannot read" in d.error


def _warc(path, records, gz=True):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        for uri, ctype, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
            w.write_record(rec)
        w.write_record(w.create_warc_record("http://news.example.cn/", "metadata",
                                            payload=io.BytesIO(b"k: v"), warc_content_type="text/plain"))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_response_records(tmp_path, gz):
    pytest.importorskip("warcio")
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    page1 = "<html><body><p>盐城新建养老机构12家。</p></body></html>"
    page2 = "<html><body><p>淮安新增绿地30公顷。</p></body></html>"
    _warc(p, [("http://news.example.cn/1.html", "text/html; charset=utf-8", page1.encode()),
              ("http://news.example.cn/logo.png", "image/png", b"\x89PNG\r\n"),
              ("http://news.example.cn/2.html", "text/html; charset=gbk", page2.encode("gbk"))], gz=gz)
    docs = docs_of(p)
    assert [d.html for d in docs] == [page1, page2]
    assert [d.meta["url"] for d in docs] == ["http://news.example.cn/1.html", "http://news.example.cn/2.html"]
    assert all(d.id.startswith("urn:uuid:") for d in docs) and len({d.id for d in docs}) == 2


def test_warc_inside_zip(tmp_path):
    pytest.importorskip("warcio")
    w = tmp_path / "in.warc.gz"
    _warc(w, [("http://news.example.cn/3.html", "text/html", "<p>连云港</p>".encode())])
    zp = tmp_path / "w.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.write(w, "crawl/in.warc.gz")
    [d] = docs_of(zp)
    assert d.html == "<p>连云港</p>" and d.meta["url"] == "http://news.example.cn/3.html"


def _stdin_docs(data: bytes) -> list[Document]:
    return list(sources.read_stdin(io.BytesIO(data)))


def test_stdin_jsonl_and_text():
    recs = [{"id": "s1", "text": article_text(1)}, {"text": article_text(2)}]
    data = ("\n" + "\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n").encode()
    docs = _stdin_docs(data)
    assert [d.id for d in docs] == ["s1", "stdin:3"] and docs[1].text == article_text(2)
    text = "{不是JSON}\n" + article_text(3)
    [d] = _stdin_docs(text.encode())
    assert d.id == "stdin" and d.text == text
    assert _stdin_docs(b"") == []


def test_stdin_through_a_real_pipe():
    text = article_text(9)
    code = ("import sys; sys.path.insert(0, %r); from pipeline import sources; "
            "print([(d.id, d.text) for d in sources.read(['-'])])" % str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], input=text.encode(), capture_output=True, check=True)
    assert out.stdout.decode().strip() == repr([("stdin", text)])


def test_check_paths(tmp_path):
    with pytest.raises(sources.SourceError, match="no such file"):
        sources.check_paths([str(tmp_path / "missing.jsonl")])
    with pytest.raises(sources.SourceError, match="only once"):
        sources.check_paths(["-", "-"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(sources.SourceError, match="holds no file that can be read"):
        sources.check_paths([str(tmp_path / "empty")])
    (tmp_path / "empty" / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(sources.SourceError, match="holds no file that can be read"):
        list(sources.read([str(tmp_path / "empty")]))    # read() checks before reading anything
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    sources.check_paths([str(tmp_path), "-"])
    assert not sources.rereadable(["-"]) and sources.rereadable([str(tmp_path)])


def test_stem_and_kind():
    assert sources.stem_of("dir/a.b.jsonl.gz") == "a.b"
    assert sources.stem_of("x.tar.gz") == "x" and sources.stem_of("noext") == "noext"
    assert sources.kind_of("A.HTM") == "html" and sources.kind_of("y.warc.gz") == "warc"
    assert sources.kind_of("z.gold.json") is None
