"""Robustness: no article crashes or hangs the batch.

- fuzz (hypothesis): Chinese text mixed with Chinese, Arabic and full-width numerals, units,
  currency and date words, punctuation, whitespace, control characters, combining marks, emoji
  and long lines → Pipeline.extract never raises, never returns an error record, and every record
  keeps the contract (text[start:end] == fact.text, input lines = body + removed, schema-valid).
- adversarial runs: 10,000 characters of one unit (numerals, 1,1,1…, 年年年…, spaces …) inside
  an article give a valid record; how each stage's time grows with them is measured by
  benchmarks/growth.py (speed is measured by scripts, not asserted in tests).
- hostile inputs, read and processed: bytes that are not text, UTF-8 with stray bytes, HTML
  nested deeper than the parser allows, a zip member far over the limits → an error record
  that says why, or the facts of the article, never junk facts (readers: tests/test_sources.py).
- time limit of the batch runner (`timeout=`): an article that runs too long becomes the error
  record "TimeoutError: article exceeded N s" and the batch goes on, in this process, in a worker
  process, and when the worker is stuck where the signal cannot reach it (killed and replaced).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from iohelp import write_jsonl
from test_contract import VALIDATOR, check_record

from pipeline import batch
from pipeline.model import Document
from pipeline.numerals import CN_NUM_CHARS, parse_number, parse_quantity

REF = "2024-03-08"

# -- fuzzing --------------------------------------------------------------------------------------

WORDS = [
    "年", "月", "日", "号", "至", "到", "—", "-", "~", "～", "%", "％", "‰", "万", "亿", "元",
    "个", "家", "名", "人", "人次", "点", "成", "倍", "折", "百分之", "千分之", "分之", "个百分点",
    "万元", "亿元", "美元", "块", "毛", "角", "分", "余", "多", "几", "来", "约", "近", "超过",
    "以上", "不到", "同比增长", "下降", "第", "届", "次", "场", "位", "周三", "下周一", "本周",
    "3天后", "两周前", "春节", "国庆节", "中秋", "农历", "腊月", "初八", "去年同期", "年底",
    "世纪", "年代", "季度", "上半年", "全国", "省级", "三八红旗手", "劳动模范", "荣获", "授予",
    "称号", "上一篇：", "下一篇：", "责任编辑：", "来源：", "（记者 张三 摄）", "版权所有",
    "发布时间：", "2024-03-08 10:00", "http://www.example.cn/a%20b?x=1", "《", "》", "“", "”", "‘",
    "’", "「", "」", "（", "）", "(", ")", "【", "】", "，", "。", "、", "；", "：", "！", "？",
    "…", "·", "｜", "|", "/", ".", ",", "．", "，", "+", "=", "#", "*",
    "\n", "\r\n", "\r", "\t", " ", "  ", "\u3000", "\xa0", "\u2009", "\u202f", "\u200b", "\ufeff",
    "\x00", "\x07", "\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u2028", "\u2029",
    "\u0301", "\u20dd", "\u0301\u0301", "😀", "👍🏽", "🇨🇳", "👨‍👩‍👧", "\U00020000", "\U0002a6d6",
    "苏州市", "妇联", "举办", "招聘", "企业", "发放", "贷款", "美丽庭院", "新建", "全市", "活动",
    "壹贰叁", "萬", "億", "兩", "廿", "卅", "〇", "○", "零",
]
FULLWIDTH = "０１２３４５６７８９"

arabic = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**15).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False).map(
        lambda x: f"{x:.3f}"
    ),
    st.text(alphabet="0123456789", min_size=1, max_size=30),
)
fullwidth = st.text(alphabet=FULLWIDTH + "．，", min_size=1, max_size=12)
chinese_numeral = st.text(alphabet=CN_NUM_CHARS + "点余多几", min_size=1, max_size=12)
fragment = st.one_of(
    st.sampled_from(WORDS), arabic, fullwidth, chinese_numeral,
    st.characters(codec="utf-8"),                       # anything (no surrogates in a str anyway)
    st.characters(categories=("Lo",), min_codepoint=0x4E00, max_codepoint=0x9FFF),
)
# a long line: one fragment repeated (a run of numerals, dashes, quotes …)
long_run = st.tuples(st.one_of(st.sampled_from(WORDS), arabic, chinese_numeral),
                     st.integers(min_value=50, max_value=1500)).map(lambda t: (t[0] * t[1])[:6000])
article = st.lists(st.one_of(fragment, fragment, fragment, long_run), max_size=60).map("".join)


_C0 = str.maketrans({c: None for c in map(chr, range(0x20))})


def check(art, raw: str) -> None:
    """test_contract.check_record, but: a lone \r is a line break too (clean.py reads it so), and
    C0 control characters are escaped in JSON (\u001f) by necessity — Chinese never is."""
    assert art.error is None, art.error
    rec = art.to_dict()
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if any(c in rec["text"] for c in map(chr, range(0x20)) if c != "\n"):
        # check_record without its readability clause; that clause on the text minus C0 controls
        assert "\\u" not in json.dumps(rec["text"].translate(_C0), ensure_ascii=False)
        rec_text = rec["text"]
        errors = sorted(VALIDATOR.iter_errors(rec), key=str)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        for f in rec["facts"]:
            assert rec_text[f["start"]:f["end"]] == f["text"], f
        lines = raw.split("\n")
        assert len(rec_text.split("\n")) + len(rec["removed"]) == len(lines)
        for r in rec["removed"]:
            assert lines[r["line"]] == r["text"]
        assert json.loads(json.dumps(rec, ensure_ascii=False)) == rec
    else:
        check_record(rec, raw)
    for f in art.facts:
        assert 0 <= f.start < f.end <= len(art.text)


def _extract_within_cut(pipe, text, ref, id):
    def alarm(signum, frame):
        raise AssertionError(f"extract took over {CUT} s")   # a hang fails, with its input
    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(CUT)
    try:
        return pipe.extract(text, ref_date=ref, id=id)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])
@given(text=article, ref=st.sampled_from([REF, None]))
def test_fuzz_extract_never_fails(pipe, text, ref):
    check(_extract_within_cut(pipe, text, ref, "fuzz"), text)


@settings(max_examples=200, deadline=None)
@given(s=st.one_of(chinese_numeral, arabic, fullwidth, st.text(max_size=80),
                   st.text(alphabet=CN_NUM_CHARS, min_size=60, max_size=400)))
def test_fuzz_numerals_never_raise(s):
    v = parse_number(s)
    assert v is None or isinstance(v, (int, float))
    q = parse_quantity(s)
    assert q[0] is None or isinstance(q[0], (int, float))


@pytest.mark.parametrize("text", [
    "万" * 3000,                       # was: RecursionError in numerals._integer
    "亿" * 2000 + "元",
    "1" * 5000 + "元",                 # an int of 5000 digits: JSON cannot write it
    "9" * 400 + "点五亿亿亿亿元",
    "一二三四五六七八九十百千万亿" * 50 + "个",
    "\x00\x0b\x0c\x1c\x85\u2028" * 100,
    "\u0301" * 1000 + "3个",
    "😀" * 1000 + "5%",
    # was: boilerplate.navigation.pagination backtracking, (\d+\s*){1,12}
    "0" * 30,
    "首页" + "1" * 40,
    # was: boilerplate.navigation.ticker's figure pattern, a digit run split every possible way
    "1850(01,000,000,000553411850196052957.096○",
], ids=["wan-run", "yi-run", "digits-run", "huge-decimal", "numerals-unit", "controls",
        "combining", "emoji", "digit-line", "pagination-digits", "ticker-digits"])
def test_known_bad_articles(pipe, text):
    art = _extract_within_cut(pipe, text, REF, "bad")
    check(art, text)
    art.to_json()   # writable: no inf, no int JSON cannot print


# -- growth ---------------------------------------------------------------------------------------

# Runs of one unit that once made a stage quadratic or worse (numerals, separators, spaces);
# benchmarks/growth.py measures how each stage's time grows with them (a script, not a test).
ADVERSARIAL = [
    "一二三四五六七八九十百千万亿", "1,", "1.", "年", "2023年", "“", "｜", "1", "１", "1一", "一 ",
    "一    ", "1 一 ", " ", "\u3000", "万", "百", "十", "点", "1月", "1至", "2023-", "1-", "号至",
    "年月日", "1年1月1日", "万亿元", "1%", "百分之", "成", "第", "《", "1\n", "上一篇：\n", "\n",
]
CUT = 60  # seconds: a hang guard so CI fails instead of waiting forever; not a speed measurement


class _Cut(Exception):
    pass


@pytest.mark.slow
@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_adversarial_runs_complete(pipe, unit):
    """A 10,000-character run of one unit inside an article gives a valid record (no hang, no
    error)."""
    text = (
        "全市新建美丽庭院2000户。\n"
        + (unit * (10000 // len(unit) + 1))[:10000]
        + "\n发放贷款15.6亿元。"
    )

    def alarm(signum, frame):
        raise _Cut()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(CUT)
    try:
        art = pipe.extract(text, ref_date=REF, id="long")
    except _Cut:
        pytest.fail(f"{unit!r} × 10000 did not finish within {CUT} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    check(art, text)
    assert any(f.type == "money" and f.value == 1560000000 for f in art.facts)


# -- hostile inputs, read then processed ----------------------------------------------------------

NEWS = "全市新建美丽庭院2000户。\n今年以来，全市发放创业担保贷款15.6亿元，带动就业3200人。"


def _records(pipe, path, **kw):
    from pipeline import sources
    return [pipe.process(d) for d in sources.read([str(path)], **kw)]


def test_random_bytes_give_an_error_record_and_no_facts(pipe, tmp_path):
    import random
    p = tmp_path / "noise.txt"
    p.write_bytes(random.Random(7).randbytes(100_000))
    [art] = _records(pipe, p)
    assert art.facts == [] and "not text" in art.error


def test_stray_bytes_keep_an_article_in_utf8(pipe, tmp_path):
    p = tmp_path / "stray.txt"
    raw = NEWS.encode("utf-8")
    p.write_bytes(raw[:3] + b"\xff" + raw[3:30] + b"\xfe\x80\x81" + raw[30:])
    [art] = _records(pipe, p)
    assert art.error is None and any("invalid UTF-8" in w for w in art.warnings)
    assert {(f.type, f.value) for f in art.facts} >= {("money", 1560000000), ("count", 3200)}


def test_html_nested_too_deep_keeps_its_facts(pipe, tmp_path):
    require("trafilatura")
    paras = "".join(f"<p>{line}</p>" for line in NEWS.split("\n"))
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 300 + paras + "</div>" * 300 + "</body></html>",
                 encoding="utf-8")
    [art] = _records(pipe, p)
    assert art.error is None
    assert {(f.type, f.value) for f in art.facts} >= {("money", 1560000000), ("count", 3200)}


def test_zip_member_over_the_limits_is_one_error_record(pipe, tmp_path):
    import zipfile

    from pipeline.limits import Limits
    zp = tmp_path / "big.zip"
    with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("ok.txt", NEWS)
        with zf.open("huge.txt", "w", force_zip64=True) as w:
            for _ in range(40):
                w.write("新闻。".encode() * 100_000)
    arts = _records(pipe, zp)
    assert [a.id for a in arts] == ["ok", "huge"] and arts[0].error is None and arts[0].facts
    assert arts[1].facts == [] and "exceeds --max-ratio 200" in arts[1].error
    arts = _records(pipe, zp, limits=Limits(max_ratio=10_000, max_chars=1_000_000))
    assert "exceeds --max-chars 1000000" in arts[1].error


# -- the batch runner's time limit ----------------------------------------------------------------
# Chunk functions used by the pool live at module level (workers import them by name). A test-only
# finder appended to the worker's Pipeline makes one article slow; production code is untouched.

SLOW = "慢慢慢慢"          # this article spins in pure Python: the alarm interrupts it
STUCK = "卡住卡住"         # this one blocks SIGALRM first: only the parent can end it


def _slow_finder(ctx):
    if SLOW in ctx.text:
        while True:
            pass
    if STUCK in ctx.text:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        try:
            while True:
                pass
        finally:  # pragma: no cover - the process is killed
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    return []


def slow_chunk(items, rules_dir=None, timeout=None):
    pipe = batch.worker_pipeline(rules_dir)
    if _slow_finder not in pipe._finders:
        pipe._finders.append(_slow_finder)
    try:
        return batch.process_chunk(items, rules_dir, timeout=timeout)
    finally:
        if _slow_finder in pipe._finders:
            pipe._finders.remove(_slow_finder)


def _docs(n: int, marks: dict[int, str]) -> list[tuple[Document, frozenset]]:
    out = []
    for i in range(n):
        text = f"全市新建美丽庭院{i + 1}00户，发放贷款{i + 1}.5亿元。" + marks.get(i, "")
        out.append((Document(id=f"d{i}", text=text, ref_date=REF), frozenset()))
    return out


def _check_batch(arts, n: int, timed_out: set[int], message: str) -> None:
    assert [a.id for a in arts] == [f"d{i}" for i in range(n)]
    for i, a in enumerate(arts):
        if i in timed_out:
            assert a.error is not None and a.error.startswith(message), a.error
            assert a.facts == []
        else:
            assert a.error is None, (i, a.error)
            assert {f.type for f in a.facts} >= {"count", "money"}


def test_timeout_in_this_process():
    items = _docs(5, {2: SLOW})
    t = time.perf_counter()
    arts = list(batch.run_items(items, jobs=1, chunk_size=2, chunk_fn=slow_chunk, timeout=0.5))
    assert time.perf_counter() - t < 15
    _check_batch(arts, 5, {2}, "TimeoutError: article exceeded 0.5 s")
    # the alarm is disarmed and the handler restored afterwards
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


def test_no_timeout_means_no_limit_installed():
    arts = list(batch.run_items(_docs(3, {}), jobs=1, chunk_fn=slow_chunk, timeout=0))
    _check_batch(arts, 3, set(), "")


@pytest.mark.slow
def test_timeout_in_worker_processes():
    items = _docs(9, {1: SLOW, 6: SLOW})
    arts = list(batch.run_items(items, jobs=2, chunk_size=2, chunk_fn=slow_chunk, timeout=2))
    _check_batch(arts, 9, {1, 6}, "TimeoutError: article exceeded 2 s")


@pytest.mark.slow
def test_stuck_worker_is_killed_and_replaced(monkeypatch):
    monkeypatch.setattr(batch, "HARD_GRACE", 4.0)
    items = _docs(7, {3: STUCK})
    t = time.perf_counter()
    # 5 s, not less: a worker that replaces a killed one builds its pipeline first, which takes
    # seconds on a loaded machine, and the other articles must not time out meanwhile
    arts = list(batch.run_items(items, jobs=2, chunk_size=2, chunk_fn=slow_chunk, timeout=5))
    _check_batch(arts, 7, {3}, "TimeoutError: article exceeded 5 s")
    assert "killed and replaced" in arts[3].error
    assert time.perf_counter() - t < 60


def test_cli_timeout_option():
    from pipeline.cli import build_parser
    p = build_parser()
    assert p.parse_args(["extract", "x.txt"]).timeout == 60
    assert p.parse_args(["extract", "x.txt", "--timeout", "0"]).timeout == 0
    assert p.parse_args(["extract", "x.txt", "--timeout", "2.5"]).timeout == 2.5
    with pytest.raises(SystemExit):
        p.parse_args(["extract", "x.txt", "--timeout", "-1"])


# -- archive runs: kill -9 and --resume, SIGTERM, catastrophic rules -------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _default_sigint() -> None:
    # as a terminal starts a command: a suite run as a shell's background job inherits SIGINT
    # ignored, and Python then never turns Ctrl-C into KeyboardInterrupt
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _extract(*args, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "extract", *map(str, args)],
                            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, preexec_fn=_default_sigint, **kw)


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _wait_for_lines(proc, path: Path, n: int, limit: float = 240) -> None:
    t = time.monotonic()
    while proc.poll() is None and _lines(path) < n and time.monotonic() - t < limit:
        time.sleep(0.05)
    assert proc.poll() is None, (
        f"the run ended before {n} records: {proc.stderr.read().decode()[-1500:]}"
    )


def _session(sid: int) -> list[int]:
    """Processes of a session (psutil when installed, else /proc)."""
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.getsid(int(name)) == sid:
                    pids.append(int(name))
            except OSError:
                pass
    return pids


@pytest.mark.slow
def test_kill_9_then_resume_equals_an_uninterrupted_run(tmp_path):
    src, whole, cut = tmp_path / "in.jsonl", tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    ids = write_jsonl(src, 2000, broken={700: '{"id": "torn'})
    p = _extract(src, "-o", whole, "--jobs", "2", "-q")
    assert p.wait(timeout=600) == 0, p.stderr.read().decode()[-1500:]
    partial = Path(str(cut) + ".partial")
    p = _extract(src, "-o", cut, "--jobs", "2", "-q")
    try:
        _wait_for_lines(p, partial, 900)
    finally:
        os.killpg(p.pid, signal.SIGKILL)  # main, forkserver and workers at once
        p.wait()
    at_kill = _lines(partial)
    assert 900 <= at_kill < 2000 and not cut.exists()
    p = _extract(src, "-o", cut, "--jobs", "2", "--resume")
    assert p.wait(timeout=600) == 0, p.stderr.read().decode()[-1500:]
    assert f"resumed: {at_kill} records" in p.stderr.read().decode()
    assert cut.read_bytes() == whole.read_bytes()
    got = [json.loads(x)["id"] for x in cut.read_text(encoding="utf-8").splitlines()]
    assert got == [i if i is not None else "in:701" for i in ids]  # every id once, in input order
    assert not partial.exists()


@pytest.mark.slow
@pytest.mark.parametrize("sig,extra,group", [(signal.SIGTERM, (), False),
                                             (signal.SIGINT, (), False),
                                             (signal.SIGINT, (), True),
                                             (signal.SIGTERM, ("--dask", "local"), False)],
                         ids=["SIGTERM", "SIGINT", "SIGINT-group", "SIGTERM-dask"])
def test_signal_stops_everything_and_leaves_a_partial_file(tmp_path, sig, extra, group):
    if extra:
        require("distributed")
    src, out = tmp_path / "in.jsonl", tmp_path / "o.jsonl"
    write_jsonl(src, 1500)
    partial = Path(str(out) + ".partial")
    p = _extract(src, "-o", out, "--jobs", "2", *extra)
    sid = os.getsid(p.pid)
    try:
        _wait_for_lines(p, partial, 64)
        assert len(_session(sid)) >= 4  # main, resource tracker, forkserver (or nannies), workers
        if group:  # Ctrl-C in a terminal: every process of the group has it, workers too
            os.killpg(p.pid, sig)
        else:
            p.send_signal(sig)  # to the main process only
        rc = p.wait(timeout=30)
        time.sleep(5)
        left = _session(sid)
    finally:
        for pid in _session(sid):
            os.kill(pid, signal.SIGKILL)
    assert rc == (143 if sig == signal.SIGTERM else 130)
    assert left == [], f"processes left behind: {left}"
    assert "--resume continues" in p.stderr.read().decode()
    data = partial.read_bytes()
    assert data.endswith(b"\n") and all(json.loads(x)["id"] for x in data.splitlines())
    p = _extract(src, "-o", out, "--jobs", "2", "--resume", "-q")
    assert p.wait(timeout=600) == 0 and _lines(out) == 1500


CATASTROPHIC = """
  - id: boilerplate.ad.user_repeats
    reason: ad
    zone: edge
    pattern: '^(广告|广告广告)+$'
    examples: ['广告广告']
    counterexamples: ['广告法']
"""


# a date rule runs over the whole text: 50 中 before a 日 keep it busy for ever
CATASTROPHIC_DATE = """  - id: date.user_repeats
    kind: point
    near: null
    pattern: '(?:中|中中)+(?P<d>[12]?[0-9])日'
    examples: []
    counterexamples: []

"""


def _rules_with_catastrophe(tmp_path, date: bool = False) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    if date:
        path = rules / "date.yaml"
        text = path.read_text(encoding="utf-8")
        i = text.index("  - id: ", text.index("rules:"))
        path.write_text(text[:i] + CATASTROPHIC_DATE + text[i:], encoding="utf-8")
    else:
        with open(rules / "boilerplate" / "ad.yaml", "a", encoding="utf-8") as f:
            f.write(CATASTROPHIC)
    return rules


def test_catastrophic_user_rule_is_rejected_by_name(tmp_path):
    rules = _rules_with_catastrophe(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "pipeline", "rules", "--check", "--rules",
                        str(rules)],
                       capture_output=True, cwd=ROOT, env=env, timeout=300)
    err = r.stderr.decode()
    assert r.returncode == 1 and "ad.yaml" in err and "boilerplate.ad.user_repeats" in err, err
    src = tmp_path / "a.txt"
    src.write_text("南京新增企业120家。", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(src), "--rules",
                        str(rules)],
                       capture_output=True, cwd=ROOT, env=env, timeout=300)
    assert r.returncode == 2 and b"boilerplate.ad.user_repeats" in r.stderr
    assert len(r.stderr.decode().strip().splitlines()) == 1


def test_probe_passes_the_bundled_rules_and_catches_nested_repeats(tmp_path):
    from pipeline.rules import RuleError, RuleFile, Rules, load_rules, probe_patterns
    probe_patterns(load_rules())  # every bundled pattern is safe
    with pytest.raises(RuleError, match=r"date\.yaml: rule date\.user_repeats"):
        probe_patterns(load_rules(_rules_with_catastrophe(tmp_path, date=True)))
    for pat in (r"(a|aa)+$", r"^(?:\d|\d\d)+元$"):
        rf = RuleFile(path=Path("mine.yaml"), type="boilerplate", data={},
                      rules=[{"id": "mine.bad", "pattern": pat}])
        with pytest.raises(RuleError, match=r"mine\.yaml: rule mine\.bad"):
            probe_patterns(Rules(root=Path("."), files={"mine": rf}))


@pytest.mark.slow
def test_dask_timeout_stops_a_catastrophic_rule(tmp_path):
    require("distributed")
    rules = _rules_with_catastrophe(tmp_path, date=True)
    src, out = tmp_path / "in.jsonl", tmp_path / "o.jsonl"
    texts = ["南京市今年新增企业120家。\n来源：南京日报",
             "南京市今年新增企业120家。\n" + "中" * 50 + "，8日开会。",
             "无锡市投资15.6亿元建设项目。"]
    src.write_text("".join(json.dumps({"id": f"t{i}", "text": t}, ensure_ascii=False) + "\n"
                           for i, t in enumerate(texts)), encoding="utf-8")
    t = time.monotonic()
    p = _extract(src, "-o", out, "--rules", rules, "--skip-rule-probe", "--dask", "local",
                 "--jobs", "1", "--timeout", "5")
    assert p.wait(timeout=300) == 0, p.stderr.read().decode()[-2000:]
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["t0", "t1", "t2"]
    assert recs[1]["error"].startswith("TimeoutError: article exceeded 5 s")
    assert "error" not in recs[0] and "error" not in recs[2] and recs[2]["facts"]
    assert time.monotonic() - t < 200
