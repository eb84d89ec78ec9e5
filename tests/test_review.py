"""The review page: self-contained, escaped, facts highlighted (nested too), removed lines shown."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from iohelp import article_text
from pipeline import review
from pipeline.model import Article, Fact, Removed

REF = "2024-03-08"


class Marks(HTMLParser):
    """Collects the body text and checks <mark> nesting is balanced."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.max_depth, self.text, self.titles, self.in_body = 0, 0, [], [], 0
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            self.titles.append(dict(attrs).get("title"))

    def handle_endtag(self, tag):
        if tag == "mark":
            self.depth -= 1
            assert self.depth >= 0

    def handle_data(self, data):
        self.text.append(data)


def body_of(page: str) -> str:
    m = re.search(r'<div class="body">(.*?)</div>', page, re.S)
    return m.group(1)


def _fact(text, sub, type_, value, rule, unit=None, nth=0, **extra):
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Fact(type=type_, text=sub, start=start, end=start + len(sub), value=value, rule=rule, unit=unit,
                extra=extra)


def test_highlight_nested_and_crossing_facts_keep_text_and_balance():
    text = "她获得泰州市2022年度科技进步奖一等奖，奖金5万元。"
    award = _fact(text, "泰州市2022年度科技进步奖一等奖", "award", "泰州市2022年度科技进步奖一等奖", "award.x", level="municipal")
    date = _fact(text, "2022年度", "date", "2022", "date.year")
    money = _fact(text, "5万元", "money", 50000, "money.wan", "CNY")
    crossing = _fact(text, "一等奖，奖金5", "count", 1, "count.test")  # crosses the award's end
    out = review.highlight(text, [f.to_dict() for f in (money, award, date, crossing)])
    p = Marks()
    p.feed(out)
    assert p.depth == 0 and p.max_depth >= 2
    assert "".join(p.text) == text  # highlighting never changes the text
    titles = "\n".join(t for t in p.titles if t)
    assert "value = 50000 CNY" in titles and "rule = money.wan" in titles and "level = municipal" in titles


def test_page_escapes_everything_and_is_self_contained(pipe):
    evil = "<script>alert('x')</script>"
    art = pipe.extract(evil + "\n" + article_text(1) + "\n<img src=x onerror=alert(1)>", ref_date=REF,
                       id="<b>id</b>")
    art.removed.append(Removed(line=9, text="<iframe src='http://bad.example'>", reason="spam", rule="spam.<x>"))
    art.warnings.append("<u>上线万元</u>")
    page = review.render([art], title="<title>")
    assert "<script" not in page and "<img" not in page and "<iframe" not in page and "<b>id" not in page
    assert html.escape(evil) in page and "&lt;b&gt;id&lt;/b&gt;" in page and "&lt;u&gt;上线万元&lt;/u&gt;" in page
    # no external assets of any kind
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
    assert "<link" not in page and "@import" not in page
    p = Marks()
    p.feed(page)
    assert p.depth == 0


def test_page_shows_facts_removed_lines_warnings_and_errors():
    text = "南京新增企业120家，增长12%。\n上线万元。"
    facts = [_fact(text, "120家", "count", 120, "count.basic", "家"), _fact(text, "12%", "percent", 12, "percent.sign", "%")]
    ok = Article(id="a1", text=text, ref_date=REF, facts=facts, warnings=["上线万元"],
                 removed=[Removed(line=2, text="上一篇：无 下一篇：无", reason="navigation", rule="nav.prev_next")])
    bad = Article(id="a2", error="ValueError: article has no text")
    page = review.render([ok, bad])
    assert page.count("<article") == 2
    assert 'class="t-count"' in page and 'class="t-percent"' in page
    assert "navigation" in page and "nav.prev_next" in page and "上一篇：无 下一篇：无" in page
    assert "上线万元" in page and "article has no text" in page
    assert "2 articles · 2 facts · 1 removed lines · 1 errors" in page


def test_fact_with_wrong_offsets_is_reported_not_drawn():
    text = "无锡新建公园3个。"
    wrong = Fact(type="count", text="3个", start=0, end=2, value=3, rule="count.basic", unit="个")
    outside = Fact(type="count", text="3个", start=5, end=99, value=3, rule="count.basic", unit="个")
    page = review.render([Article(id="w", text=text, facts=[wrong, outside])])
    assert "fact offsets do not match the text" in page
    assert body_of(page).count("<mark") == 1  # the one inside the text is drawn, the one past the end is not


def test_review_reads_existing_output_as_is(tmp_path, pipe):
    import json
    arts = [pipe.extract(article_text(i), ref_date=REF, id=f"o{i}") for i in range(3)]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(a.to_json() + "\n" for a in arts), encoding="utf-8")
    recs = list(review.articles_from([str(out)]))
    assert recs == [json.loads(a.to_json()) for a in arts]
    page = tmp_path / "p.html"
    assert review.write_page([str(out)], str(page)) == 3
    assert page.read_text(encoding="utf-8").count("<article") == 3


def test_review_reads_a_json_list_output_and_mixes_with_raw_input(tmp_path):
    from pipeline.cli import main
    src = tmp_path / "in.jsonl"
    src.write_text("".join(
        '{"id": "%s", "text": "%s"}\n' % (f"m{i}", article_text(i).replace("\n", "\\n")) for i in range(3)),
        encoding="utf-8")
    out = tmp_path / "o.json"
    assert main(["extract", str(src), "-o", str(out), "--ref-date", REF]) == 0
    raw = tmp_path / "extra.txt"
    raw.write_text(article_text(7), encoding="utf-8")
    arts = list(review.articles_from([str(out), str(raw)]))
    assert [a["id"] if isinstance(a, dict) else a.id for a in arts] == ["m0", "m1", "m2", "extra"]
