"""Readers: every input kind gives one Document per article, in order, and never crashes."""
from __future__ import annotations

import gzip
import io
import json
import random
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import require
from iohelp import article_text, write_jsonl

from pipeline import sources
from pipeline.limits import LimitExceeded, Limits, ReadStats
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
                    "url": "http://news.example.cn/a1", "title": "无锡经济", "lang": "zh"},
                    ensure_ascii=False),
        "",
        json.dumps({"text": "没有编号的文章。"}, ensure_ascii=False),
        '{"id": "a3", "text": "截断的行',                       # bad JSON
        json.dumps({"id": "a4", "text": "日期不对。", "ref_date": "2024-13-45"},
                   ensure_ascii=False),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "html": "<p>网页正文</p>"}, ensure_ascii=False),
        json.dumps({"id": "a8"}),
        json.dumps({"id": "a9", "text": 42}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = docs_of(p)
    assert [d.id for d in docs] == ["a1", "feed:3", "feed:4", "a4", "feed:6", "7", "a8", "a9"]
    a1 = docs[0]
    assert a1.ref_date == "2024-05-01" and a1.meta == {"url": "http://news.example.cn/a1",
                                                       "title": "无锡经济"}
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
    recs = [{"id": "g1", "text": article_text(1)},
            {"id": "g2", "text": article_text(2), "ref_date": "2023-01-02"}]
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
            g.write(
                (
                    json.dumps({"id": f"c{i}", "text": article_text(i)}, ensure_ascii=False) + "\n"
                ).encode()
            )
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
    page = ("<html><head><meta charset='utf-8'><title>镇江新闻</title></head>"
            "<body><p>镇江新建公园5个。</p></body></html>")
    p.write_text(page, encoding="utf-8")
    [d] = docs_of(p)
    assert d.id == "page" and d.html == page and d.text is None


def test_zip_and_tar_archives(tmp_path):
    zp = tmp_path / "set.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("news/one.txt", article_text(1))
        zf.writestr("news/two.html", "<p>第二篇</p>")
        zf.writestr("feed.jsonl",
                    json.dumps({"id": "j1", "text": article_text(5)}, ensure_ascii=False) + "\n")
        zf.writestr("readme.md", "ignored")
    docs = docs_of(zp)
    assert [d.id for d in docs] == ["one", "two", "j1"]
    assert docs[0].text == article_text(1) and docs[1].html == "<p>第二篇</p>"
    assert docs[0].source == f"{zp}!news/one.txt"

    for mode, name in (("w", "set.tar"), ("w:gz", "set.tar.gz")):
        tp = tmp_path / name
        with tarfile.open(tp, mode) as tf:
            for member, data in (("a/first.txt", article_text(7)),
                                 ("a/second.txt", article_text(8)), ("inner.jsonl",
                                  json.dumps({"id": "t3", "text": "泰州"}, ensure_ascii=False))):
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
                                            payload=io.BytesIO(b"k: v"),
                                            warc_content_type="text/plain"))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_response_records(tmp_path, gz):
    require("warcio")
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    page1 = "<html><body><p>盐城新建养老机构12家。</p></body></html>"
    page2 = "<html><body><p>淮安新增绿地30公顷。</p></body></html>"
    _warc(p, [("http://news.example.cn/1.html", "text/html; charset=utf-8", page1.encode()),
              ("http://news.example.cn/logo.png", "image/png", b"\x89PNG\r\n"),
              ("http://news.example.cn/2.html", "text/html; charset=gbk", page2.encode("gbk"))],
              gz=gz)
    docs = docs_of(p)
    assert [d.html for d in docs] == [page1, page2]
    assert [d.meta["url"] for d in docs] == ["http://news.example.cn/1.html",
                                             "http://news.example.cn/2.html"]
    assert all(d.id.startswith("urn:uuid:") for d in docs) and len({d.id for d in docs}) == 2


def test_warc_inside_zip(tmp_path):
    require("warcio")
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
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pipeline import sources; "
            "print([(d.id, d.text) for d in sources.read(['-'])])")
    out = subprocess.run([sys.executable, "-c", code], input=text.encode(), capture_output=True,
                         check=True)
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


# -- limits: stop reading at once, one error record that names the limit -------------------------

def _zip_with_big_member(path, size: int, unit: bytes = "南京新闻。".encode() * 200):
    """A zip whose one text member is `size` bytes of repeated text, written in a stream (the
    test never holds the member in memory); it compresses about 1000 times."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("before.txt", article_text(1))
        with zf.open("big.txt", "w", force_zip64=True) as w:
            for _ in range(size // len(unit)):
                w.write(unit)
        zf.writestr("after.txt", article_text(2))


@pytest.mark.slow
def test_zip_bomb_member_is_one_error_record_naming_the_limit(tmp_path):
    zp = tmp_path / "bomb.zip"
    _zip_with_big_member(zp, 300 * 2 ** 20)
    assert zp.stat().st_size < 2 * 2 ** 20
    docs = docs_of(zp)
    assert [d.id for d in docs] == ["before", "big", "after"]
    assert docs[0].error is None and docs[2].error is None and docs[2].text == article_text(2)
    assert docs[1].text is None and "member big.txt exceeds --max-ratio 200" in docs[1].error
    # without the ratio limit, the character limit stops it (after 4 × max_chars bytes)
    stats = ReadStats()
    docs = docs_of(zp, limits=Limits(max_ratio=1e9, max_chars=100_000), stats=stats)
    assert "exceeds --max-chars 100000" in docs[1].error and docs[2].error is None
    assert stats.files == 4


def test_text_over_max_chars_is_stopped_early(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text(article_text(3) * 400, encoding="utf-8")
    stats = ReadStats()
    [d] = docs_of(p, limits=Limits(max_chars=5000), stats=stats)
    assert d.id == "long" and d.text is None and "exceeds --max-chars 5000" in d.error
    assert stats.bytes_read < p.stat().st_size          # it stopped reading
    [d] = docs_of(p, limits=Limits(max_chars=10 ** 6, max_bytes=10_000))
    assert "exceeds --max-bytes 10000" in d.error
    [d] = docs_of(p, limits=Limits(max_chars=len(article_text(3) * 400)))
    assert d.error is None and d.text == article_text(3) * 400


def test_jsonl_long_line_and_long_text_are_error_records_and_reading_goes_on(tmp_path):
    p = tmp_path / "f.jsonl"
    lines = [{"id": "a", "text": article_text(1)}, {"id": "b", "text": "长" * 30_000},
             {"id": "c", "text": article_text(2)}, {"id": "d", "text": "短" * 3000},
             {"id": "e", "text": "尾"}]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    docs = docs_of(p, limits=Limits(max_bytes=50_000, max_chars=2000))
    assert [d.id for d in docs] == ["a", "f:2", "c", "d", "e"]
    assert "line 2 of" in docs[1].error and "--max-bytes 50000" in docs[1].error
    assert "record d exceeds --max-chars 2000" in docs[3].error
    assert [d.error for d in docs[::2]] == [None, None, None]


def test_compressed_stream_over_max_ratio_stops(tmp_path):
    p = tmp_path / "zeros.jsonl.gz"
    with gzip.open(p, "wb") as g:
        g.write(
            (json.dumps({"id": "ok", "text": article_text(1)}, ensure_ascii=False) + "\n").encode()
        )
        for _ in range(40):
            g.write(b" " * 2 ** 20)
    docs = docs_of(p)
    assert docs[0].id == "ok" and docs[0].error is None
    assert (
        len(docs) == 2 and "--max-ratio 200" in docs[1].error and "stopped reading" in docs[1].error
    )


def test_limits_are_checked():
    assert Limits.default() == Limits(max_chars=2_000_000, max_bytes=64 * 2 ** 20, max_ratio=200)
    with pytest.raises(ValueError, match="--max-bytes"):
        Limits(max_bytes=0)
    e = LimitExceeded("member x.txt", "--max-bytes", 67108864)
    assert str(e).startswith("member x.txt exceeds --max-bytes 67108864")


# -- cut-off files: every complete article, then one error record that says where ----------------

def _complete_prefix(docs, originals, attr="text"):
    """docs = the first k originals, whole, then exactly one error record."""
    *good, last = docs
    assert [getattr(d, attr) for d in good] == originals[: len(good)], (
        "a cut-off article passed as whole"
    )
    assert all(d.error is None for d in good)
    assert last.error and getattr(last, attr) is None
    return len(good), last.error


@pytest.mark.parametrize("frac", [0.3, 0.55, 0.8, 0.97])
def test_cut_off_zip(tmp_path, frac):
    texts = [article_text(i, sentences=30) for i in range(6)]
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, t in enumerate(texts):
            zf.writestr(f"n{i}.txt", t)
    data = whole.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: int(len(data) * frac)])
    k, error = _complete_prefix(docs_of(cut), texts)
    assert str(cut) in error and "cut off" in error
    assert k >= 1 or frac < 0.4


def test_zip_written_as_a_stream_and_cut(tmp_path):
    """Members written without sizes in their headers (a data descriptor follows the data)."""
    texts = [article_text(i, sentences=30) for i in range(4)]

    class Unseekable(io.RawIOBase):
        def __init__(self):
            self.buf = io.BytesIO()

        def writable(self):
            return True

        def write(self, b):
            return self.buf.write(b)

    out = Unseekable()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, t in enumerate(texts):
            zf.writestr(f"s{i}.txt", t)
    data = out.buf.getvalue()
    (tmp_path / "s.zip").write_bytes(data)
    assert [d.text for d in docs_of(tmp_path / "s.zip")] == texts
    (tmp_path / "c.zip").write_bytes(data[: len(data) * 2 // 3])
    k, error = _complete_prefix(docs_of(tmp_path / "c.zip"), texts)
    assert k >= 1 and "cut off in member" in error


@pytest.mark.parametrize("mode,suffix", [("w", "tar"), ("w:gz", "tar.gz"), ("w:bz2", "tar.bz2")])
@pytest.mark.parametrize("frac", [0.45, 0.9])
def test_cut_off_tar(tmp_path, mode, suffix, frac):
    texts = [article_text(i, sentences=40) for i in range(5)]
    whole = tmp_path / f"whole.{suffix}"
    with tarfile.open(whole, mode) as tf:
        for i, t in enumerate(texts):
            b = t.encode("utf-8")
            info = tarfile.TarInfo(f"dir/t{i}.txt")
            info.size = len(b)
            tf.addfile(info, io.BytesIO(b))
    assert [d.text for d in docs_of(whole)] == texts
    data = whole.read_bytes()
    cut = tmp_path / f"cut.{suffix}"
    cut.write_bytes(data[: int(len(data) * frac)])
    docs = docs_of(cut)
    if [d.text for d in docs] == texts:     # cut in the zero blocks that pad a tar: nothing lost
        assert suffix == "tar" and frac == 0.9
        return
    k, error = _complete_prefix(docs, texts)
    assert str(cut) in error and "cut off" in error
    assert k >= 1 or suffix == "tar.bz2"    # bzip2 gives nothing of a block that is cut


def test_cut_off_jsonl_gz_says_after_which_line(tmp_path):
    p = tmp_path / "cut.jsonl.gz"
    texts = [article_text(i, sentences=20, seed=3) for i in range(100)]
    data = gzip.compress("".join(json.dumps({"id": f"c{i}", "text": t}, ensure_ascii=False) + "\n"
                                 for i, t in enumerate(texts)).encode())
    p.write_bytes(data[: len(data) // 2])
    docs = docs_of(p)
    k, error = _complete_prefix(docs, texts)
    assert 10 < k < 100 and f"after line {k}" in error and docs[-1].id == "cut:read-error"


def _warc_bytes(pages: list[bytes], gz: bool, extra: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "zhfacts tests"}))
    for i, page in enumerate(pages):
        uri = f"http://news.example.cn/{i}.html"
        if extra:
            w.write_record(w.create_warc_record(uri, "request",
                                                payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                                warc_content_type="application/http;"
                                                " msgtype=request"))
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(page),
                                            http_headers=http))
    if extra:
        for status, ctype in (("404 Not Found", "text/html"),
                              ("301 Moved Permanently", "text/html"), ("302 Found", "text/html"),
                              ("500 Internal Server Error", "text/html"), ("200 OK", "image/jpeg"),
                              ("200 OK", "text/css")):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record("http://news.example.cn/x", "response",
                                                payload=io.BytesIO(b"<p>x</p>"), http_headers=http))
        w.write_record(w.create_warc_record("http://news.example.cn/", "metadata",
                                            payload=io.BytesIO(b"k: v"),
                                            warc_content_type="text/plain"))
    return buf.getvalue()


def _pages(n: int) -> list[str]:
    return [f"<html><body><p>{article_text(i, sentences=12)}</p></body></html>" for i in range(n)]


@pytest.mark.parametrize("gz", [True, False])
def test_cut_off_warc_never_passes_a_cut_article_as_whole(tmp_path, gz):
    require("warcio")
    pages = _pages(10)
    data = _warc_bytes([p.encode() for p in pages], gz)
    seen_errors = 0
    for frac in (0.15, 0.33, 0.5, 0.61, 0.77, 0.9, 0.99):
        p = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        p.write_bytes(data[: int(len(data) * frac)])
        docs = docs_of(p)
        if docs and docs[-1].error is None:     # cut exactly between two records: nothing to see
            assert [d.html for d in docs] == pages[: len(docs)]
            continue
        k, error = _complete_prefix(docs, pages, attr="html")
        assert str(p) in error and "cut off" in error
        assert k >= int(10 * frac) - 2
        seen_errors += 1
    assert seen_errors >= 6


def test_warc_records_that_are_not_articles_are_counted(tmp_path):
    require("warcio")
    pages = _pages(3)
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(_warc_bytes([x.encode() for x in pages], True, extra=True))
    stats = ReadStats()
    docs = docs_of(p, stats=stats)
    assert [d.html for d in docs] == pages and all(d.error is None for d in docs)
    assert stats.skipped == {"warc:warcinfo": 1, "warc:request": 3, "warc:404": 1,
                             "warc:redirect": 2, "warc:500": 1, "warc:not html": 2,
                             "warc:metadata": 1}


def test_warc_record_over_max_bytes(tmp_path):
    require("warcio")
    pages = [_pages(1)[0], "<p>" + "大" * 50_000 + "</p>", _pages(3)[2]]
    p = tmp_path / "w.warc"
    p.write_bytes(_warc_bytes([x.encode() for x in pages], False))
    docs = docs_of(p, limits=Limits(max_bytes=100_000))
    assert [d.html for d in docs] == [pages[0], None, pages[2]]
    assert "exceeds --max-bytes 100000" in docs[1].error


# -- bytes that are not text; text that is mostly UTF-8 -----------------------------------------

@pytest.mark.parametrize("data", [random.Random(5).randbytes(100_000), b"\x00" * 5000,
                                  bytes(range(256)) * 40], ids=["random", "nuls", "all-bytes"])
def test_bytes_that_are_not_text_are_an_error_record(tmp_path, data):
    p = tmp_path / "blob.txt"
    p.write_bytes(data)
    [d] = docs_of(p)
    assert d.id == "blob" and d.text is None and "not text" in d.error


def test_mostly_utf8_stays_utf8_with_a_warning(tmp_path):
    text = "\n".join(article_text(i) for i in range(5))
    at = [60, 61, 300, 500]            # four stray bytes between characters of the article
    raw = b"".join(text[i:j].encode("utf-8") + (b"\xff" if j in at else b"")
                   for i, j in zip([0, *at], [*at, len(text)], strict=True))
    p = tmp_path / "stray.txt"
    p.write_bytes(raw)
    [d] = docs_of(p)
    assert d.error is None and "invalid UTF-8: 4 bad byte sequences replaced" in d.warnings[0]
    assert d.text.replace("\ufffd", "") == text
    # GBK stays GBK: too few valid UTF-8 characters to be UTF-8 with damage
    p.write_bytes(text.encode("gbk"))
    [d] = docs_of(p)
    assert d.text == text and d.warnings == ["encoding guessed: gb18030"]


# -- stdin and unknown names are recognised by their content ------------------------------------

def _tar_bytes(members: dict[str, str], mode: str = "w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, text in members.items():
            b = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(b)
            tf.addfile(info, io.BytesIO(b))
    return buf.getvalue()


def _zip_bytes(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buf.getvalue()


PAGE = ("<!DOCTYPE html>\n<html><head><title>宿迁新闻</title></head>"
        "<body><p>宿迁新建公园3个。</p></body></html>")


@pytest.mark.parametrize("kind", ["html", "gzip-text", "gzip-jsonl", "zip", "tar", "tar.gz",
                                  "warc", "warc.gz", "jsonl", "text", "bz2-html"])
def test_stdin_is_recognised_by_its_content(kind):
    members = {"a/x.txt": article_text(1), "y.txt": article_text(2)}
    jsonl = json.dumps({"id": "j1", "text": article_text(4)}, ensure_ascii=False) + "\n"
    import bz2
    data, want = {
        "html": (PAGE.encode(), [("stdin", None, PAGE)]),
        "gzip-text": (gzip.compress(article_text(3).encode()), [("stdin", article_text(3), None)]),
        "gzip-jsonl": (gzip.compress(jsonl.encode()), [("j1", article_text(4), None)]),
        "zip": (_zip_bytes(members), [("x", article_text(1), None), ("y", article_text(2), None)]),
        "tar": (_tar_bytes(members), [("x", article_text(1), None), ("y", article_text(2), None)]),
        "tar.gz": (_tar_bytes(members, "w:gz"),
                   [("x", article_text(1), None), ("y", article_text(2), None)]),
        "jsonl": (jsonl.encode(), [("j1", article_text(4), None)]),
        "text": (article_text(5).encode("gbk"), [("stdin", article_text(5), None)]),
        "bz2-html": (bz2.compress(PAGE.encode()), [("stdin", None, PAGE)]),
        "warc": (None, None), "warc.gz": (None, None),
    }[kind]
    if kind.startswith("warc"):
        require("warcio")
        pages = _pages(2)
        data = _warc_bytes([p.encode() for p in pages], kind == "warc.gz")
        docs = _stdin_docs(data)
        assert [d.html for d in docs] == pages and all(d.id.startswith("urn:uuid:") for d in docs)
        return
    docs = _stdin_docs(data)
    assert [(d.id, d.text, d.html) for d in docs] == want
    assert all(d.error is None for d in docs)


def test_stdin_jsonl_with_a_long_first_record():
    recs = [{"id": "long", "text": article_text(1, sentences=300)},
            {"id": "short", "text": article_text(2)}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode()
    assert data.index(b"\n") > 10_000
    assert [(d.id, d.text) for d in _stdin_docs(data)] == [(r["id"], r["text"]) for r in recs]


def test_stdin_that_is_not_text():
    [d] = _stdin_docs(random.Random(1).randbytes(20_000))
    assert d.id == "stdin" and "not text" in d.error


def test_unknown_suffix_named_on_the_command_line_is_sniffed(tmp_path):
    (tmp_path / "dump.bin").write_bytes(gzip.compress(PAGE.encode()))
    [d] = docs_of(tmp_path / "dump.bin")
    assert d.html == PAGE and d.id == "dump"
    sub = tmp_path / "feed"
    sub.mkdir()
    (sub / "news.txt.gz").write_bytes(gzip.compress(article_text(6).encode()))
    (sub / "other.dat").write_bytes(b"skipped")
    (sub / "empty").mkdir()
    stats = ReadStats()
    [d] = docs_of(sub, stats=stats)
    assert (d.id, d.text) == ("news", article_text(6))
    assert stats.skipped == {"unsupported file": 1, "directory without supported files": 1}


def test_archives_inside_archives(tmp_path):
    inner_zip = _zip_bytes({"in.txt": article_text(1)})
    tp = tmp_path / "outer.tar"
    with tarfile.open(tp, "w") as tf:
        for name, b in (("z/inner.zip", inner_zip), ("t.txt", article_text(2).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(b)
            tf.addfile(info, io.BytesIO(b))
    assert [(d.id, d.text) for d in docs_of(tp)] == [("in", article_text(1)),
                                                     ("t", article_text(2))]
    zp = tmp_path / "outer.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("__MACOSX/._inner.zip", b"\x00\x05\x16\x07 resource fork")
        zf.writestr("inner.zip", inner_zip)
        zf.writestr(".hidden/x.txt", "隐藏")
        zf.writestr("inner.tar.gz", _tar_bytes({"g.txt": article_text(3)}, "w:gz"))
    stats = ReadStats()
    assert [(d.id, d.text) for d in docs_of(zp, stats=stats)] == [("in", article_text(1)),
                                                                  ("g", article_text(3))]
    assert stats.skipped == {"hidden file": 2}
    tp = tmp_path / "dot.tar"
    tp.write_bytes(_tar_bytes({"./a/x.txt": article_text(4), "./a/._x.txt": "\x00\x05"}))
    assert [d.text for d in docs_of(tp)] == [article_text(4)]


# -- progress: the size of the input, and what was read ------------------------------------------

def test_estimate_and_bytes_read(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(article_text(i), encoding="utf-8")
    write_jsonl(tmp_path / "x.jsonl", 5)
    (tmp_path / "skip.md").write_text("not read", encoding="utf-8")
    total = sum(p.stat().st_size for p in tmp_path.iterdir() if p.suffix in (".txt", ".jsonl"))
    assert sources.estimate([str(tmp_path)]) == total
    assert sources.estimate([str(tmp_path), "-"]) is None
    stats = ReadStats()
    assert len(docs_of(tmp_path, stats=stats)) == 8
    assert (
        stats.bytes_read == total and stats.files == 4 and stats.skipped == {"unsupported file": 1}
    )
    assert sources.iter_documents is sources.read


# -- HTML too deep for the parser ---------------------------------------------------------------

def test_deeply_nested_html_falls_back_to_plain_text():
    require("trafilatura")
    from pipeline.html import html_to_text, nesting_depth
    body = "<p>全市新建美丽庭院2000户，发放贷款15.6亿元。</p><p>第二段&amp;结尾</p>"
    deep = (
        "<html><head><title>深层页面</title><style>p{}</style></head><body>"
        + "<div><span>" * 200
        + body
        + "</span></div>" * 200
        + "</body></html>"
    )
    warnings: list[str] = []
    text, meta = html_to_text(deep, warnings=warnings)
    assert text == "全市新建美丽庭院2000户，发放贷款15.6亿元。\n第二段&结尾" and meta == {
        "title": "深层页面"
    }
    assert warnings and "nested 402 levels deep" in warnings[0]
    # unclosed <p> and <li> do not nest: such a page goes to the extractor as usual
    flat = "<html><body><div>" + "<p>段落内容，全市新建公园5个。" * 400 + "</div></body></html>"
    assert nesting_depth(flat) == 3
    warnings = []
    text, _ = html_to_text(flat, warnings=warnings)
    assert warnings == [] and "全市新建公园5个" in text
