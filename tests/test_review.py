"""The review page without a browser: the embedded data is safe, complete and compact, the page
is self-contained, and existing outputs are read as they are. tests/test_browser.py runs the
page itself in headless chromium."""
from __future__ import annotations

import json
import re

from iohelp import article_text

from pipeline import review
from pipeline.model import Article, Fact, Removed

REF = "2024-03-08"
DATA = re.compile(r'<script type="application/json" id="zhfacts-data">(.*?)</script>', re.S)


def data_of(page: str) -> dict:
    blocks = DATA.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_text_cannot_leave_the_data_block(pipe):
    evil = "</script><script>alert('x')</script><!-- <img src=x onerror=alert(1)> \u2028"
    # inside a sentence of the body, where no boilerplate pass may take it
    said = f"网友在留言区写下“{evil}”一行字，平台随即删除了这条留言并封禁了账号。"
    art = pipe.extract(said + "\n" + article_text(1), ref_date=REF, id="</script><b>id</b>")
    art.removed.append(Removed(line=9, text="<iframe src='http://bad.example'>", reason="spam",
                               rule="spam.<x>"))
    art.warnings.append("<u>上线万元</u>")
    page = review.render([art], title="</title><script>alert(2)</script>")
    # the page's own two scripts (data + code) and nothing else; no `<` of the data is raw
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert (
        "<!--" not in page and "<iframe" not in page and "<img" not in page and "<b>id" not in page
    )
    assert "&lt;/title&gt;&lt;script&gt;" in page  # the title in <title> and <h1>, escaped
    d = data_of(page)
    a = d["a"][0]
    assert a["x"] == art.text and a["id"] == "</script><b>id</b>" and evil.strip() in a["x"]
    assert (
        a["rm"][-1][2] == "<iframe src='http://bad.example'>"
        and d["rules"][a["rm"][-1][3]] == "spam.<x>"
    )
    assert a["w"] == ["<u>上线万元</u>"]


def test_page_is_self_contained():
    page = review.render([Article(id="a", text="南京新增企业120家。")])
    assert not re.search(r"""(src|href|url)\s*[=(]\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "fetch(" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # article data reaches the DOM only through text APIs
    js = review._asset("review.js")
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
    assert "document.write" not in js and "eval(" not in js


def test_compact_record_keeps_every_fact_field():
    text = "她获得泰州市2022年度科技进步奖一等奖，奖金5万元。\n南京新增企业120家，增长12%。"
    assert (text.index("5万元"), text.index("120家")) == (23, 34)
    facts = [Fact(type="award", text="泰州市2022年度科技进步奖一等奖", start=3, end=20,
                  value="泰州市2022年度科技进步奖一等奖", rule="award.x",
                  extra={"level": "municipal", "recipient": "她"}),
             Fact(type="money", text="5万元", start=23, end=26, value=50000, rule="money.wan",
                  unit="CNY"),
             Fact(type="count", text="120家", start=34, end=38, value=120, rule="count.basic",
                  unit="家", qualifier="more_than"),
             # offsets off
             Fact(type="count", text="3个", start=0, end=2, value=3, rule="count.basic", unit="个")]
    ok = Article(id="a1", text=text, ref_date=REF, facts=facts, warnings=["上线万元"],
                 removed=[Removed(line=3, text="上一篇：无 下一篇：无", reason="navigation",
                                  rule="nav.prev_next")])
    bad = Article(id="a2", error="ValueError: article has no text")
    d = data_of(review.render([ok, bad]))
    types, rules = d["types"], d["rules"]
    a1, a2 = d["a"]
    rows = [(types[f[0]], text[f[1]:f[2]], f[3], rules[f[4]], *f[5:]) for f in a1["f"]]
    assert rows[0] == ("award", "泰州市2022年度科技进步奖一等奖", "泰州市2022年度科技进步奖一等奖",
                       "award.x", None, None, {"level": "municipal", "recipient": "她"})
    assert rows[1] == ("money", "5万元", 50000, "money.wan", "CNY")
    assert rows[2] == ("count", "120家", 120, "count.basic", "家", "more_than")
    assert a1["f"][3][8] == "3个"  # offsets that do not point at the fact: its text goes along
    assert all(len(f) <= 8 for f in a1["f"][:3])
    assert a1["rm"] == [[3, "navigation", "上一篇：无 下一篇：无", rules.index("nav.prev_next")]]
    assert a1["r"] == REF and a1["w"] == ["上线万元"]
    assert a2["e"] == "ValueError: article has no text" and a2["f"] == []


def test_storage_key_follows_the_data():
    a = [Article(id="k", text="无锡新建公园3个。")]
    k1 = data_of(review.render(a))["key"]
    assert k1 == data_of(review.render(a))["key"]  # same records, same key: decisions survive
    b = [Article(id="k", text="无锡新建公园4个。")]
    assert data_of(review.render(b))["key"] != k1


def test_review_reads_existing_output_as_is(tmp_path, pipe):
    arts = [pipe.extract(article_text(i), ref_date=REF, id=f"o{i}") for i in range(3)]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(a.to_json() + "\n" for a in arts), encoding="utf-8")
    recs = list(review.articles_from([str(out)]))
    assert recs == [json.loads(a.to_json()) for a in arts]
    page = tmp_path / "p.html"
    assert review.write_page([str(out)], str(page)) == 3
    d = data_of(page.read_text(encoding="utf-8"))
    assert [a["id"] for a in d["a"]] == ["o0", "o1", "o2"]
    assert sum(len(a["f"]) for a in d["a"]) == sum(len(a.facts) for a in arts) > 0


def test_review_reads_a_json_list_output_and_mixes_with_raw_input(tmp_path):
    from pipeline.cli import main
    src = tmp_path / "in.jsonl"
    src.write_text("".join(
        json.dumps({"id": f"m{i}", "text": article_text(i)}) + "\n"
        for i in range(3)), encoding="utf-8")
    out = tmp_path / "o.json"
    assert main(["extract", str(src), "-o", str(out), "--ref-date", REF]) == 0
    raw = tmp_path / "extra.txt"
    raw.write_text(article_text(7), encoding="utf-8")
    arts = list(review.articles_from([str(out), str(raw)]))
    assert [a["id"] if isinstance(a, dict) else a.id for a in arts] == ["m0", "m1", "m2", "extra"]


def test_a_title_with_placeholders_stays_text():
    page = review.render([], title="{{JS}} {{DATA}} {{CSS}}")
    # <title> and <h1>
    assert page.count("&#123;&#123;JS}} &#123;&#123;DATA}} &#123;&#123;CSS}}") == 2
    assert page.count("zhfacts review page") == 1 and len(DATA.findall(page)) == 1
