"""The batch runner: order, no loss, bounded reading, one Pipeline per worker, Dask = local."""
from __future__ import annotations

import itertools
import os

import pytest
from conftest import require
from iohelp import article_text, write_jsonl

from pipeline import batch
from pipeline.model import Article, Document

REF = "2024-03-08"


def _docs(n, start=0):
    return [Document(id=f"d{i}", text=article_text(i), ref_date=REF, source="mem")
            for i in range(start, start + n)]


# Chunk functions used by the pool must live at module level (workers import them by name).

def explode_on_d13(items, rules_dir=None):
    """Like process_chunk, but a worker crashes on the article with id d13 (a real exception
    inside the worker process, which the runner must survive)."""
    if any(doc.id == "d13" for doc, _ in items):
        raise RuntimeError("worker blew up on d13")
    return batch.process_chunk(items, rules_dir)


def kill_worker_on_d5(items, rules_dir=None):
    """The worker process dies outright (as with a segfault or the OOM killer)."""
    if any(doc.id == "d5" for doc, _ in items):
        os._exit(3)
    return batch.process_chunk(items, rules_dir)


class Noted(Article):
    """An Article of a caller's own: it must reach the caller as it is, not re-encoded."""

    def to_dict(self):
        return {**super().to_dict(), "noted": True}


def die_always(items, rules_dir=None):
    """Every worker dies on every chunk (as a worker whose Pipeline cannot build would)."""
    os._exit(3)


def noted_worker(items, rules_dir=None):
    return [Noted(id=doc.id) for doc, _ in items]


def report_worker(items, rules_dir=None, timeout=None):
    pipe = batch.worker_pipeline(rules_dir)
    return [Article(id=doc.id, warnings=[f"{os.getpid()}:{id(pipe)}", "|".join(sorted(rep))])
            for doc, rep in items]


def test_in_order_and_complete_with_many_chunks():
    docs = _docs(97)
    arts = list(batch.run(docs=docs, jobs=2, chunk_size=4, window=3, repeats=False))
    assert [a.id for a in arts] == [d.id for d in docs]
    assert all(a.error is None for a in arts)
    assert [a.text for a in arts] != [] and all(a.text for a in arts)


def test_jobs2_equals_jobs1(tmp_path):
    p = tmp_path / "in.jsonl"
    write_jsonl(p, 150, broken={40: '{"id": "half'})
    one = [a.to_dict() for a in batch.run([str(p)], ref_date=REF, jobs=1)]
    two = [a.to_dict() for a in batch.run([str(p)], ref_date=REF, jobs=2, chunk_size=7)]
    assert len(one) == 150 and one == two
    assert one[40]["id"] == "in:41" and "bad JSON" in one[40]["error"] and one[40]["facts"] == []


def test_failed_chunk_is_retried_and_only_the_bad_article_is_an_error():
    docs = _docs(40)
    arts = list(batch.run_items(((d, frozenset()) for d in docs), jobs=2, chunk_size=8,
                                chunk_fn=explode_on_d13))
    assert [a.id for a in arts] == [d.id for d in docs]
    errors = [a.id for a in arts if a.error]
    assert errors == ["d13"] and "worker blew up on d13" in arts[13].error
    # chunk-mates ran
    assert arts[12].error is None and docs[12].text.startswith(arts[12].text.split("\n")[0])


def test_dead_worker_process_does_not_lose_articles():
    docs = _docs(24)
    arts = list(batch.run_items(((d, frozenset()) for d in docs), jobs=2, chunk_size=4,
                                chunk_fn=kill_worker_on_d5))
    assert [a.id for a in arts] == [d.id for d in docs]
    assert [a.id for a in arts if a.error] == ["d5"]


def test_in_process_path_also_isolates_failures():
    docs = _docs(20)
    arts = list(batch.run_items(((d, frozenset()) for d in docs), jobs=1, chunk_size=8,
                                chunk_fn=explode_on_d13))
    assert [a.id for a in arts if a.error] == ["d13"] and len(arts) == 20


def test_reading_is_bounded_by_the_window():
    pulled = itertools.count()

    def endless():
        for i in itertools.count():
            next(pulled)
            yield Document(id=f"e{i}", text=article_text(i)), frozenset()

    chunk, window = 5, 3
    it = batch.run_items(endless(), jobs=2, chunk_size=chunk, window=window)
    got = [next(it).id for _ in range(30)]
    n_pulled = next(pulled)
    it.close()
    assert got == [f"e{i}" for i in range(30)]
    # 30 results out means at most `window` further chunks were read ahead (plus the one being cut)
    assert n_pulled <= 30 + chunk * (window + 2), n_pulled


def test_one_pipeline_per_worker_process():
    docs = _docs(60)
    arts = list(batch.run_items(((d, frozenset()) for d in docs), jobs=2, chunk_size=3,
                                chunk_fn=report_worker))
    by_pid: dict[str, set[str]] = {}
    for a in arts:
        pid, pipe = a.warnings[0].split(":")
        by_pid.setdefault(pid, set()).add(pipe)
    assert str(os.getpid()) not in by_pid  # the work ran in worker processes
    assert all(len(p) == 1 for p in by_pid.values())


def test_small_input_runs_in_process():
    arts = list(batch.run_items(((d, frozenset()) for d in _docs(3)), jobs=4,
                                chunk_fn=report_worker))
    assert {a.warnings[0].split(":")[0] for a in arts} == {str(os.getpid())}


def test_repeat_signal_reaches_the_workers(tmp_path):
    p = tmp_path / "rep.jsonl"
    import json
    spam = "jinnian金年会官方网站入口"
    with open(p, "w", encoding="utf-8") as f:
        for i in range(30):
            f.write(json.dumps({"id": f"r{i}", "text": article_text(i) + "\n" + spam},
                               ensure_ascii=False) + "\n")
    arts = list(batch.run([str(p)], jobs=2, chunk_size=4, chunk_fn=report_worker))
    assert all(spam in a.warnings[1] for a in arts)
    off = list(batch.run([str(p)], jobs=2, chunk_size=4, chunk_fn=report_worker, repeats=False))
    assert all(a.warnings[1] == "" for a in off)


def test_with_repeats_uses_the_index_and_survives_its_failure():
    class Index:
        def repeated(self, doc):
            if doc.id == "d1":
                raise KeyError("boom")
            return {"上一篇"}

    items = list(batch.with_repeats(_docs(3), Index()))
    assert [r for _, r in items] == [frozenset({"上一篇"}), frozenset(), frozenset({"上一篇"})]
    assert "repeat index failed" in items[1][0].warnings[0]


# -- what workers send: encoded lines, fields unpickled when read ---------------------------------

def _written(arts) -> str:
    import io

    from pipeline import sinks
    out = io.StringIO()
    sinks.write(arts, stream=out)
    return out.getvalue()


def test_workers_send_lines_the_sink_writes_as_they_are(tmp_path):
    from pipeline.sinks import Encoded
    p = tmp_path / "in.jsonl"
    write_jsonl(p, 40, broken={9: "not json"})
    one = list(batch.run([str(p)], ref_date=REF, jobs=1))
    two = list(batch.run([str(p)], ref_date=REF, jobs=2, chunk_size=6))
    assert all(type(a) is Encoded and a.line is not None for a in two)
    assert _written(two) == _written(one)
    assert all(a.line is not None for a in two)  # written without being unpickled
    assert [a.to_dict() for a in two] == [a.to_dict() for a in one] and two == one


def test_the_summary_counts_what_workers_sent_without_unpickling_it(tmp_path):
    from pipeline.summary import Summary
    p = tmp_path / "in.jsonl"
    write_jsonl(p, 40, broken={9: "not json"})
    summaries = []
    for jobs in (1, 2):
        arts = list(batch.run([str(p)], ref_date=REF, jobs=jobs, chunk_size=6))
        s = Summary()
        for a in arts:
            s.add(a)
        summaries.append(s)
    assert all(a.counts is not None and a.line is not None for a in arts)  # none unpickled
    one, two = summaries
    assert two.lines()[1:] == one.lines()[1:]  # all but the timing
    assert (two.articles, two.error_count, two.chars) == (40, 1, one.chars) and one.chars > 0
    assert two.facts == one.facts and sum(one.facts.values()) > 40 and one.removed > 0


def _article():
    from pipeline.model import Fact, Removed
    return Article(id="x1", text="全市新增企业120家。", source="mem", ref_date=REF,
                   removed=[Removed(line=2, text="责任编辑：王五", reason="credit", rule="r")],
                   facts=[Fact(type="count", text="120家", start=6, end=10, value=120, rule="c",
                               unit="家", extra={"object": "企业", "tags": None})])


def test_encoded_article_reads_copies_and_compares_as_the_article():
    import copy
    import dataclasses
    import pickle

    from pipeline.sinks import Encoded, encode, json_line
    from pipeline.summary import counts
    art = _article()
    enc = Encoded.of(*encode(art))
    assert enc.line == json_line(art.to_dict())
    assert isinstance(enc, Article) and enc == art and art == enc and repr(enc) == repr(art)
    assert enc.line is None  # read: the fields may change now, the sink encodes them afresh
    counted = Encoded.of(*encode(art), counts(art))
    assert counted.counts == (art.id, None, ("count",), 1, len(art.text) + 7)
    counted.facts.clear()
    assert counted.counts is None  # the fields were read: summary.counts counts them afresh
    for twin in (pickle.loads(pickle.dumps(Encoded.of(*encode(art)))), copy.deepcopy(enc)):
        assert type(twin) is Article and twin == art
    assert dataclasses.replace(enc, id="x2").to_dict() == {**art.to_dict(), "id": "x2"}
    assert dataclasses.asdict(enc) == dataclasses.asdict(art)


def test_records_sent_without_fields_read_them_from_their_line(tmp_path):
    from pipeline.sinks import Encoded, encode, from_line, json_line
    p = tmp_path / "in.jsonl"
    write_jsonl(p, 40, broken={9: "not json"})
    one = list(batch.run([str(p)], ref_date=REF, jobs=1))
    two = list(batch.run([str(p)], ref_date=REF, jobs=2, chunk_size=6, fields=False))
    assert all(type(a) is Encoded and a._blob is None and a.counts is not None for a in two)
    assert _written(two) == _written(one)
    assert [json_line(a.to_dict()) for a in two] == [json_line(a.to_dict()) for a in one]
    assert two[0].facts and all(f.rule for a in two for f in a.facts)  # Facts, not dicts
    art = _article()
    assert encode(art, fields=False)[1] is None
    assert from_line(json_line(art.to_dict())).to_dict() == art.to_dict()  # (None extras: left out)


def test_encoded_article_changed_after_reading_is_written_as_changed():
    from pipeline.sinks import Encoded, encode
    art = _article()
    enc = Encoded.of(*encode(art))
    enc.facts[0].value = 121
    enc.warnings.append("checked")
    art.facts[0].value = 121
    art.warnings.append("checked")
    assert _written([enc]) == _written([art]) and '"value": 121' in _written([enc])


def test_articles_of_a_subclass_come_back_as_they_are():
    docs = _docs(12)
    arts = list(batch.run_items(((d, frozenset()) for d in docs), jobs=2, chunk_size=3,
                                chunk_fn=noted_worker))
    assert [type(a) for a in arts] == [Noted] * 12 and all(a.to_dict()["noted"] for a in arts)


def test_article_json_cannot_encode_fails_at_the_sink_as_before():
    from pipeline.sinks import Encoded, encode
    art = _article()
    art.facts[0].value = object()  # not JSON
    line, blob = encode(art)
    assert line is None
    with pytest.raises(TypeError, match="not JSON serializable"):
        _written([Encoded.of(line, blob)])


def test_repeat_index_skips_groups_without_repeats_and_follows_later_adds():
    from pipeline.repeats import RepeatIndex
    foot = "扫一扫 关注官方公众号"
    docs = [Document(id=f"r{i}", text=f"第{i}篇正文。\n第{i}页" + ("\n" + foot if i < 4 else ""),
                     source="site/a.txt") for i in range(10)]
    index = RepeatIndex(min_articles=3, min_share=0.5)
    for d in docs:
        index.add(d)
    assert [index.repeated(d) for d in docs] == [frozenset()] * 10  # 4 of 10: under half
    index.CACHE = 2  # a full key cache is emptied, the keys stay the same
    for d in docs[:4]:
        index.add(Document(id="more", text=foot, source="site/b.txt"))
        index.add(Document(id="more", text=d.text, source="site/a.txt"))
    assert [index.repeated(d) for d in docs] == [frozenset({foot})] * 4 + [frozenset()] * 6


@pytest.mark.slow
def test_dask_local_cluster_equals_local(tmp_path):
    require("distributed")
    p = tmp_path / "in.jsonl"
    write_jsonl(p, 60, broken={7: "not json"})
    local = [a.to_dict() for a in batch.run([str(p)], ref_date=REF, jobs=2, chunk_size=8)]
    on_dask = [a.to_dict() for a in batch.run([str(p)], ref_date=REF, jobs=2, chunk_size=8,
                                              dask="local-threads")]
    assert len(local) == 60 and local == on_dask
    assert on_dask[7]["error"]
    assert _isolated_children() == []  # the time limit's child processes end with the cluster


def _isolated_children() -> list[str]:
    me = str(os.getpid())
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = f.read().rsplit(")", 1)[1].split()[1]
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if ppid == me and b"pipeline.isolated" in cmd:
            out.append(pid)
    return out


@pytest.mark.slow
def test_dask_failed_chunk_becomes_error_record():
    require("distributed")
    docs = _docs(20)
    arts = list(batch.run_items(((d, frozenset()) for d in docs), jobs=2, chunk_size=8,
                                dask="local-threads", chunk_fn=explode_on_d13))
    assert [a.id for a in arts] == [d.id for d in docs]
    assert [a.id for a in arts if a.error] == ["d13"]


# -- resume, library entry points -----------------------------------------------------------------

def test_skip_done_goes_by_position_and_checks_ids():
    docs = [Document(id=i) for i in ("a", "b", "a", "c")]
    assert [d.id for d in batch.skip_done(docs, ["a", "b", "a"])] == ["c"]
    with pytest.raises(batch.ResumeError, match="not the same input"):
        list(batch.skip_done(docs, ["a", "c"]))
    with pytest.raises(batch.ResumeError, match="only 4 articles"):
        list(batch.skip_done(docs, ["a", "b", "a", "c", "d"]))


def test_resumed_run_yields_only_the_rest(tmp_path):
    p = tmp_path / "in.jsonl"
    write_jsonl(p, 40)
    whole = [a.to_dict() for a in batch.run([str(p)], ref_date=REF, jobs=1)]
    rest = [a.to_dict() for a in batch.run([str(p)], ref_date=REF, jobs=2, chunk_size=4,
                                           done=[d["id"] for d in whole[:25]])]
    assert rest == whole[25:]  # same repeat index, same records


def test_public_functions_reject_wrong_types_at_once():
    from pipeline import Pipeline, extract
    with pytest.raises(TypeError, match="not int"):
        extract(123)
    with pytest.raises(TypeError, match="bytes"):
        extract("南京新增企业120家。".encode())
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        extract("南京新增企业120家。", ref_date="2024/03/08")
    with pytest.raises(TypeError, match="ref_date"):
        extract("南京新增企业120家。", ref_date=20240308)
    with pytest.raises(TypeError):
        list(Pipeline().pipe(["好", None]))


SCRIPT = """
import sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {tests!r})
from iohelp import article_text
from pipeline import Pipeline
texts = [article_text(i) for i in range(70)]
arts = list(Pipeline().pipe(texts, jobs=2, ref_date="2024-03-08"))
print(len(arts), sum(a.error is not None for a in arts), sum(len(a.facts) for a in arts))
"""


def test_pipe_with_jobs_in_a_script_without_main_guard(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    script = tmp_path / "no_guard.py"
    script.write_text(SCRIPT.format(root=str(root), tests=str(root / "tests")), encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, cwd=tmp_path,
                       timeout=300)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    n, errors, facts = map(int, r.stdout.split())
    from pipeline import Pipeline
    want = list(Pipeline().pipe([article_text(i) for i in range(70)], ref_date="2024-03-08"))
    assert (n, errors, facts) == (70, 0, sum(len(a.facts) for a in want))


# -- where the Pipeline is built ------------------------------------------------------------------

class _Unbuildable:
    def __init__(self, *args, **kw):
        raise ValueError("stage count: bad pattern\nsecond line")


def test_a_pool_of_forkserver_workers_builds_no_pipeline_here(monkeypatch):
    from pipeline import core
    if not batch.forkserver_builds(None):
        pytest.skip("no forkserver on this platform")
    monkeypatch.setattr(core, "_SHARED", {})
    arts = list(batch.run(docs=_docs(40), jobs=2, chunk_size=8, repeats=False))
    assert len(arts) == 40 and all(a.error is None and a.facts for a in arts)
    assert core._SHARED == {}  # the workers' Pipeline was built in the forkserver, not here


def test_a_pipeline_that_cannot_build_stops_the_run(monkeypatch):
    from pipeline import core
    monkeypatch.setattr(core, "_SHARED", {})
    monkeypatch.setattr(core, "Pipeline", _Unbuildable)
    with pytest.raises(batch.BuildError, match=r"bundled rules/ do not build: ValueError: stage"):
        list(batch.run(docs=_docs(3), jobs=1, repeats=False))
    # a pool found broken checks the build here before it starts another pool
    items = ((d, frozenset()) for d in _docs(12))
    with pytest.raises(batch.BuildError, match="do not build"):
        list(batch.run_items(items, jobs=2, chunk_size=4, chunk_fn=die_always))
