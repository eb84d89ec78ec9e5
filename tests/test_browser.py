"""The review page in a real browser: headless chromium over the DevTools protocol.

Skips when no chromium (or websocket-client) is installed, and FAILS instead under CI=true:
CI installs Debian's chromium (.ci/run). Nothing here downloads a browser.
Figures (page size, load and filter times at 10,000 articles) are printed (pytest -s) and
written to outputs/review-10k.json; they are measured, never asserted.
"""
from __future__ import annotations

import copy
import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, SEED_ID

from pipeline import evaluate, review
from pipeline.cli import main

OUTPUTS = ROOT / "outputs"
DEV = ROOT / "corpus" / "dev"


def _need(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}: the browser tests must run in CI")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium_path():
    from browser import find_chromium
    try:
        import websocket  # noqa: F401  (websocket-client, the DevTools transport)
    except ImportError:
        _need("websocket-client is not installed (pip install -e '.[test]')")
    path = find_chromium()
    if path is None:
        _need("no chromium found (apt-get install chromium, or set ZHFACTS_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(chromium_path, downloads):
    from browser import Chromium
    b = Chromium(chromium_path, download_dir=str(downloads))
    yield b
    b.close()


@pytest.fixture(scope="module")
def dev_records(pipe):
    """The dev corpus through the pipeline, each article at its gold's ref_date."""
    recs = []
    for path in sorted((DEV / "articles").glob("*.txt")):
        g = json.loads((DEV / "gold" / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        recs.append(pipe.extract(path.read_text(encoding="utf-8"), ref_date=g.get("ref_date"),
                                 id=path.stem).to_dict())
    return recs


EVIL_TEXT = ("<script>window.__pwned = 1</script>南京新增企业120家。\n"
             "<img src=x onerror=\"window.__pwned = 2\">获评全国文明单位。\n"
             "\"><svg onload=\"window.__pwned = 3\"></svg>投资15.6亿元。")


def _evil(pipe) -> dict:
    rec = pipe.extract(EVIL_TEXT, ref_date="2024-03-08",
                       id="evil<img src=x onerror=window.__pwned=4>").to_dict()
    rec["meta"]["title"] = "<iframe src=javascript:window.__pwned=5>"
    rec["removed"].append({"line": 9, "text": "<script>window.__pwned = 6</script>",
                           "reason": "spam", "rule": "<b onmouseover=window.__pwned=7>"})
    rec["warnings"].append("<img src=x onerror=window.__pwned=8>")
    return rec


def _jsonl(path: Path, recs) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                    encoding="utf-8")
    return path


def _select(browser, text: str, nth_from: int):
    """Select `text` in the article body by the DOM selection API (as a mouse drag would),
    starting the search at UTF-16 index `nth_from`."""
    return browser.js(f"""(() => {{
      const body = document.getElementById('article-text');
      const want = {json.dumps(text)}, full = body.textContent, at = full.indexOf(want, {nth_from});
      if (at < 0) return false;
      const walk = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0, node, started = false;
      while ((node = walk.nextNode())) {{
        const len = node.data.length;
        if (!started && at < seen + len) {{ range.setStart(node, at - seen); started = true; }}
        if (started && at + want.length <= seen + len) {{
          range.setEnd(node, at + want.length - seen); break;
        }}
        seen += len;
      }}
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString() === want;
    }})()""")


def _rows(browser) -> list[list[str]]:
    return browser.js("Array.from(document.querySelectorAll('#view table.facts tr[data-k]'), "
                      "tr => Array.from(tr.cells, c => c.textContent))")


def test_review_gold_round_trip_in_chromium(browser, downloads, dev_records, pipe, tmp_path,
                                            monkeypatch):
    recs = [*dev_records[:8], _evil(pipe)]
    assert recs[0]["id"] == SEED_ID
    monkeypatch.chdir(tmp_path)  # the page's title names its input: out.jsonl
    out = _jsonl(tmp_path / "out.jsonl", recs)
    page = tmp_path / "review.html"
    assert main(["review", "out.jsonl", "-o", str(page)]) == 0
    browser.open(page.as_uri())
    assert browser.js("zhfactsReview.current()") == SEED_ID

    # the seed's 15.6亿元: highlighted as money, and in the fact table with its value and unit
    marks = browser.js("Array.from(document.querySelectorAll('#article-text mark'), m =>"
                       " [m.className, m.textContent, m.title])")
    money = [m for m in marks if m[1] == "15.6亿元"]
    assert len(money) == 1 and money[0][0] == "t-money" and "value = 1560000000 CNY" in money[0][2]
    row = next(r for r in _rows(browser) if r[3] == "15.6亿元")
    assert row[2:7] == ["money", "15.6亿元", "1560000000", "CNY", ""] and row[8] == "money.unit"
    assert len(_rows(browser)) == len(recs[0]["facts"])
    assert browser.js("document.getElementById('article-text').textContent") == recs[0]["text"]

    # the summary: counts, the bar chart, money totals
    assert browser.js("document.querySelectorAll('#type-chart rect').length") == len(
        {f["type"] for r in recs for f in r["facts"]})
    summary = browser.js("document.getElementById('summary').textContent")
    awards = Counter(str(f["value"]) for r in recs for f in r["facts"] if f["type"] == "award")
    top_award, _ = sorted(awards.items(), key=lambda e: (-e[1], e[0]))[0]
    assert f"articles{len(recs)}" in summary and f"Most frequent awards{top_award}" in summary
    cny = sum(f["value"] for r in recs for f in r["facts"] if f["type"] == "money"
              and f["unit"] == "CNY")
    assert f"{round(cny):,}" in summary

    # filtering to award: other types leave the list, the highlighting and the table
    for t in ("count", "money", "date", "percent"):
        browser.js(f"document.getElementById('show-{t}').click()")
    with_award = [r["id"] for r in recs if any(f["type"] == "award" for f in r["facts"])]
    assert browser.js("zhfactsReview.shown()") == with_award and with_award
    assert {r[2] for r in _rows(browser)} == {"award"}
    assert set(
        browser.js("Array.from(document.querySelectorAll('#article-text mark'), m => m.className)")
    ) == {"t-award"}
    for t in ("count", "money", "date", "percent"):
        browser.js(f"document.getElementById('show-{t}').click()")
    assert len(browser.js("zhfactsReview.shown()")) == len(recs)

    # by rule (facts and removed lines), warnings only
    ix = browser.js("Array.from(document.getElementById('rule-filter').options)"
                    ".findIndex(o => o.textContent.startsWith('money.unit '))")
    browser.js(f"(s => {{ s.selectedIndex = {ix}; s.dispatchEvent(new Event('change')); }})"
               "(document.getElementById('rule-filter'))")
    assert browser.js("zhfactsReview.shown()") == [r["id"] for r in recs
                                                   if any(f["rule"] == "money.unit"
                                                          for f in r["facts"])]
    browser.js("(s => { s.selectedIndex = 0; s.dispatchEvent(new Event('change'));"
               " })(document.getElementById('rule-filter'))")
    browser.js("document.getElementById('warnings-only').click()")
    assert browser.js("zhfactsReview.shown()") == [r["id"] for r in recs if r["warnings"]]
    browser.js("document.getElementById('warnings-only').click()")
    assert len(browser.js("zhfactsReview.shown()")) == len(recs)

    # keyboard: next / previous article, next fact
    browser.key("j")
    assert browser.js("zhfactsReview.current()") == recs[1]["id"]
    browser.key("k")
    browser.key("n")
    assert browser.js("zhfactsReview.current()") == SEED_ID
    assert (
        browser.js("document.querySelector('#view tr.current').cells[3].textContent")
        == recs[0]["facts"][0]["text"]
    )

    # decisions: 15.6亿元 wrong (its ✗ button), 5年 of 连续5年 missed (select it, then "count")
    browser.js("""Array.from(document.querySelectorAll('#view table.facts tr[data-k]'))
                  .find(tr => tr.cells[3].textContent === '15.6亿元')
                  .querySelector('button.bad').click()""")
    assert _select(browser, "5年", recs[0]["text"].index("连续5年"))
    browser.js("document.querySelector('#view button.add-count').click()")
    start = recs[0]["text"].index("连续5年") + 2
    expected = [{"id": SEED_ID,
                 "fact": {"type": "money", "text": "15.6亿元", "start": 1459, "end": 1465},
                 "verdict": "wrong"},
                {"id": SEED_ID,
                 "missed": {"type": "count", "text": "5年", "start": start, "end": start + 2,
                                           "value": None, "unit": None}}]
    money_fact = next(f for f in recs[0]["facts"] if f["text"] == "15.6亿元")
    expected[0]["fact"].update(start=money_fact["start"], end=money_fact["end"])

    # they survive a reload (localStorage), then download as JSONL
    browser.reload()
    assert browser.js("zhfactsReview.current()") == SEED_ID
    cls = browser.js("""Array.from(document.querySelectorAll('#view table.facts tr[data-k]'))
                        .find(tr => tr.cells[3].textContent === '15.6亿元').className""")
    assert "wrong" in cls
    for f in downloads.glob("*"):
        f.unlink()
    browser.js("document.getElementById('download').click()")
    deadline = time.monotonic() + 30
    while not [f for f in downloads.glob("*.jsonl")] and time.monotonic() < deadline:
        time.sleep(0.1)
    got = list(downloads.glob("*.jsonl"))
    assert len(got) == 1, f"no download in {downloads}: {list(downloads.iterdir())}"
    lines = [json.loads(x) for x in got[0].read_text(encoding="utf-8").splitlines()]
    assert lines == expected

    # the downloaded file loads into a fresh browser profile (another machine)
    browser.js("localStorage.clear()")
    browser.reload()
    assert browser.js("zhfactsReview.decisionsJsonl()") == ""
    junk = tmp_path / "more.jsonl"
    junk.write_text(
        got[0].read_text(encoding="utf-8")
        + "not json\n"
        + json.dumps({"id": "elsewhere", "missed": expected[1]["missed"]})
        + "\n",
        encoding="utf-8",
    )
    doc = browser.send("DOM.getDocument")["root"]["nodeId"]
    node = browser.send("DOM.querySelector", {"nodeId": doc, "selector": "#load-file"})["nodeId"]
    browser.send("DOM.setFileInputFiles", {"files": [str(junk)], "nodeId": node})
    deadline = time.monotonic() + 10
    while browser.js("zhfactsReview.decisionsJsonl()") == "" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [json.loads(x)
            for x in browser.js("zhfactsReview.decisionsJsonl()").splitlines()] == expected
    assert "2 decisions loaded, 2 lines skipped" in browser.js(
        "document.getElementById('status').textContent"
    )

    # a screenshot for the README: the seed with its decisions, the wrong fact current
    for _ in range(1 + next(i for i, f in enumerate(recs[0]["facts"]) if f["text"] == "15.6亿元")):
        browser.key("n")
    assert (
        browser.js("document.querySelector('#view tr.current').cells[3].textContent") == "15.6亿元"
    )
    OUTPUTS.mkdir(exist_ok=True)
    browser.screenshot(OUTPUTS / "review.png")

    # decisions → gold → eval: exactly one false positive and one miss
    gold_dir = tmp_path / "gold"
    assert main(["gold", str(got[0]), "--pred", str(out), "-o", str(gold_dir)]) == 0
    summary, report = evaluate.evaluate(evaluate.load_gold([gold_dir]), evaluate.load_pred(out))
    assert [sum(t[k] for t in summary["types"].values()) for k in ("fp", "fn")] == [1, 1]
    assert summary["types"]["money"]["fp"] == 1 and summary["types"]["count"]["fn"] == 1
    assert f"{SEED_ID}: missed count '5年' = 5" in report

    # the payloads in id, text, title, removed lines, rules and warnings stay text
    assert browser.js("zhfactsReview.open(" + json.dumps(recs[-1]["id"]) + ")")
    view = browser.js("document.getElementById('view').textContent")
    assert "<script>window.__pwned = 1</script>" in view and 'onerror="window.__pwned = 2"' in view
    assert (
        "<b onmouseover=window.__pwned=7>" in view
        and "<img src=x onerror=window.__pwned=8>" in view
    )
    assert browser.js("document.querySelectorAll('body script, #view img, #view svg, #view iframe,"
                      " #view b[onmouseover], #list img').length") == 2
    # its facts are still drawn
    assert browser.js("document.querySelectorAll('#view mark').length") >= 2
    time.sleep(0.3)  # an injected onerror would fire by now
    assert browser.js("typeof window.__pwned") == "undefined"
    assert not [c for c in browser.console() if c.startswith("exception")]


@pytest.mark.slow
def test_ten_thousand_articles_load_and_filter(browser, dev_records, tmp_path, capsys):
    """10,000 records: the dev corpus's outputs again and again, each with its own id and a
    last line of its own (offsets unchanged), so no two articles are the same."""
    n = 10_000
    recs = []
    for k in range(n):
        r = copy.deepcopy(dev_records[k % len(dev_records)])
        r["id"] = f"{r['id']}-{k:05d}"
        r["text"] += f"\n（本文档案编号 {k:05d}）"
        recs.append(r)
    page = tmp_path / "big.html"
    t = time.perf_counter()
    page.write_text(review.render(recs, title="10,000 articles"), encoding="utf-8")
    write_s = time.perf_counter() - t
    size_mb = page.stat().st_size / 1e6
    assert size_mb < 25

    t = time.perf_counter()
    browser.open(page.as_uri())
    open_s = time.perf_counter() - t
    load_ms = browser.js("zhfactsReview.loadMs")
    assert len(browser.js("zhfactsReview.shown()")) == n
    # only what is on screen is in the DOM
    assert browser.js("document.querySelectorAll('#list .item:not([hidden])').length") < 100
    assert browser.js("document.getElementsByTagName('*').length") < 5000

    def timed(action: str) -> float:  # the action, the filtering and the layout it causes
        return browser.js(f"(() => {{ const t = performance.now(); {action}; "
                          "document.body.getBoundingClientRect(); void document.body.offsetHeight; "
                          "return performance.now() - t; })()")

    timing = {}
    for t in ("count", "money", "date", "percent"):
        timing[f"uncheck {t} (ms)"] = timed(f"document.getElementById('show-{t}').click()")
    with_award = sum(1 for r in recs if any(f["type"] == "award" for f in r["facts"]))
    assert len(browser.js("zhfactsReview.shown()")) == with_award
    browser.js("document.getElementById('search').value = '劳动模范'")
    timing["search 劳动模范 (ms)"] = timed(
        "document.getElementById('search').dispatchEvent(new KeyboardEvent('keydown', {key:"
        " 'Enter'}))")
    hits = sum(1 for r in recs if any(f["type"] == "award" for f in r["facts"])
               and ("劳动模范" in r["text"] or "劳动模范" in r["id"]
                    or "劳动模范" in (r["meta"].get("title") or "")
                    or "劳动模范" in (r.get("source") or "")))
    assert len(browser.js("zhfactsReview.shown()")) == hits > 0
    timing["warnings only (ms)"] = timed("document.getElementById('warnings-only').click()")
    timing["all filters off (ms)"] = timed(
        "['show-count', 'show-money', 'show-date', 'show-percent', 'warnings-only'].forEach(id => "
        "document.getElementById(id).click()); document.getElementById('search').value = ''; "
        "document.getElementById('search').dispatchEvent(new KeyboardEvent('keydown', {key:"
        " 'Enter'}))")
    assert len(browser.js("zhfactsReview.shown()")) == n
    timing["scroll list to the end (ms)"] = timed("const l = document.getElementById('list');"
                                                  " l.scrollTop = 1e9; "
                                                   "l.dispatchEvent(new Event('scroll'))")
    assert recs[-1]["id"] in browser.js("Array.from(document.querySelectorAll('#list"
                                        " .item:not([hidden]) .id'), e => e.textContent)")
    browser.key("j")
    assert not [c for c in browser.console() if c.startswith("exception")]

    figures = {"articles": n, "page MB": round(size_mb, 2), "render page (s)": round(write_s, 2),
               "open until ready (s)": round(open_s, 2), "load in page (ms)": round(load_ms),
               "script (ms)": round(browser.js("zhfactsReview.scriptMs")),
               **{k: round(v, 1) for k, v in timing.items()}}
    OUTPUTS.mkdir(exist_ok=True)
    (OUTPUTS / "review-10k.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    with capsys.disabled():
        print("\n10,000-article review page: " + ", ".join(f"{k} {v}" for k, v in figures.items()))


def test_code_point_offsets_prefill_empty_and_error_pages(browser, tmp_path):
    """Offsets count code points (an emoji is one, but two UTF-16 units in the browser); a missed
    fact whose text was found elsewhere gets that value and unit; error records and an empty
    page render."""
    text = "😀😀南京新增企业120家，无锡新增企业120家。"
    first = text.index("120家")
    second = text.index("120家", first + 1)
    rec = {"schema": "zhfacts/1", "id": "emoji", "source": None, "ref_date": "2024-03-08",
           "meta": {}, "text": text, "removed": [], "warnings": [],
           "facts": [{"type": "count", "text": "120家", "start": first, "end": first + 4,
                      "sentence": 0, "value": 120, "unit": "家", "qualifier": None,
                      "rule": "count.classifier"}]}
    err = {"schema": "zhfacts/1", "id": "broken", "source": "x.txt", "ref_date": None, "meta": {},
           "text": "", "removed": [], "facts": [], "warnings": [],
           "error": "ValueError: article has no text"}
    page = tmp_path / "p.html"
    page.write_text(review.render([rec, err]), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.js("Array.from(document.querySelectorAll('#article-text mark'), m =>"
                      " m.textContent)") == ["120家"]
    assert _select(browser, "120家",
                   browser.js("document.getElementById('article-text').textContent.lastIndexOf('120家')"))
    browser.key("1")  # add the selection as a missed count
    lines = [json.loads(x) for x in browser.js("zhfactsReview.decisionsJsonl()").splitlines()]
    assert lines == [{"id": "emoji", "missed": {"type": "count", "text": "120家", "start": second,
                                                "end": second + 4, "value": 120, "unit": "家"}}]
    browser.key("n")  # the first fact, then: wrong, right, unmarked
    browser.key("w")
    assert (
        json.loads(browser.js("zhfactsReview.decisionsJsonl()").splitlines()[0])["verdict"]
        == "wrong"
    )
    browser.key("r")
    assert (
        json.loads(browser.js("zhfactsReview.decisionsJsonl()").splitlines()[0])["verdict"]
        == "right"
    )
    browser.key("u")
    assert browser.js("zhfactsReview.decisionsJsonl()").count("verdict") == 0
    browser.js("localStorage.clear()")
    browser.key("j")
    assert browser.js("zhfactsReview.current()") == "broken"
    assert (
        browser.js("document.querySelector('#view .error').textContent")
        == "error ValueError: article has no text"
    )
    page.write_text(review.render([]), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.js("document.getElementById('view').textContent") == "No articles."
    assert not [c for c in browser.console() if c.startswith("exception")]
