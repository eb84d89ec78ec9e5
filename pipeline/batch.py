"""The batch runner: Documents in, Articles out, in input order, on every core or a Dask cluster.

- Chunked: the input is cut into chunks of `chunk_size` Documents; one task handles one chunk.
- Bounded: at most `window` chunks are in flight; the input is read only as fast as results
  are written, so a million articles never sit in memory at once.
- Ordered: results are yielded in input order (the oldest in-flight chunk is awaited first).
- Nothing lost: every worker result is read (unlike a fire-and-forget pool); a chunk whose
  task failed is retried one article at a time, and an article that still fails becomes an
  error record. One input article, one output record.
- One Pipeline per worker process, built once by the pool's initializer (or, on Dask, on the
  first chunk a worker process sees), never per article.
- Dask: `dask="tcp://host:8786"` uses a running cluster (its workers need zhfacts installed;
  `rules_dir` must exist on them, else leave it None for the bundled rules); `dask="local"`
  starts a LocalCluster of `jobs` worker processes for the run.
- Repetition signal: when the inputs can be read twice, a first pass fills a RepeatIndex
  (pipeline.repeats) and each Document goes out with its `repeated` lines.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .core import Pipeline
from .model import Article, Document

Item = tuple[Document, frozenset]
ChunkFn = Callable[[list[Item], "str | None"], list[Article]]

DEFAULT_CHUNK = 32
EMPTY: frozenset = frozenset()

# -- the per-process pipeline -------------------------------------------------------------------

_PIPES: dict[str | None, Pipeline] = {}
_LOCK = threading.Lock()


def worker_pipeline(rules_dir: str | None = None) -> Pipeline:
    """This process's Pipeline for `rules_dir`, built on first use and kept."""
    pipe = _PIPES.get(rules_dir)
    if pipe is None:
        with _LOCK:  # Dask threads share a process
            pipe = _PIPES.get(rules_dir)
            if pipe is None:
                pipe = _PIPES[rules_dir] = Pipeline(rules_dir)
    return pipe


def _init_worker(rules_dir: str | None) -> None:
    worker_pipeline(rules_dir)


def error_article(doc: Document, message: str) -> Article:
    return Article(id=str(doc.id), source=doc.source, error=message)


def process_chunk(items: list[Item], rules_dir: str | None = None) -> list[Article]:
    """The one per-chunk function, run by local processes and by Dask workers alike."""
    pipe = worker_pipeline(rules_dir)
    out = []
    for doc, repeated in items:
        try:
            out.append(pipe.process(doc, repeated))
        except BaseException as e:  # process() never raises; this guards the guard
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
            out.append(error_article(doc, f"{type(e).__name__}: {e}"))
    return out


# -- repetition ---------------------------------------------------------------------------------

def build_repeat_index(docs: Iterable[Document]):
    """First pass: a RepeatIndex over every Document, or None when pipeline.repeats is absent
    or there is at most one article."""
    try:
        from .repeats import RepeatIndex
    except ImportError:
        return None
    index, n = RepeatIndex(), 0
    for doc in docs:
        if doc.error is None:
            index.add(doc)
        n += 1
    return index if n > 1 else None


def with_repeats(docs: Iterable[Document], index) -> Iterator[Item]:
    for doc in docs:
        repeated = EMPTY
        if index is not None and doc.error is None:
            try:
                repeated = frozenset(index.repeated(doc))
            except Exception as e:
                doc.warnings.append(f"repeat index failed: {type(e).__name__}: {e}")
        yield doc, repeated


# -- running ------------------------------------------------------------------------------------

def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _failed(chunk: list[Item], e: BaseException) -> list[Article]:
    return [error_article(doc, f"worker failed: {type(e).__name__}: {e}") for doc, _ in chunk]


class _Local:
    """A process pool that can be rebuilt when a worker dies (BrokenProcessPool)."""

    MAX_BREAKS = 3  # pools that died one after another before giving up on retries

    def __init__(self, jobs: int, rules_dir: str | None, chunk_fn: ChunkFn):
        self.jobs, self.rules_dir, self.chunk_fn = jobs, rules_dir, chunk_fn
        self.breaks = 0
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx,
                                   initializer=_init_worker, initargs=(self.rules_dir,))

    def submit(self, chunk: list[Item]) -> Future:
        try:
            return self.pool.submit(self.chunk_fn, chunk, self.rules_dir)
        except BrokenProcessPool:
            self.renew()
            return self.pool.submit(self.chunk_fn, chunk, self.rules_dir)

    def renew(self) -> None:
        self.breaks += 1
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()

    def ok(self) -> None:
        self.breaks = 0

    def retry(self, chunk: list[Item], first_error: BaseException) -> list[Article]:
        """A chunk whose task failed: each article alone, once; what fails again is an error record.
        When pools keep dying (a worker that cannot even start), no more retries: error records."""
        if isinstance(first_error, BrokenProcessPool):
            if self.breaks >= self.MAX_BREAKS:
                return _failed(chunk, first_error)
            self.renew()
        out = []
        for item in chunk:
            if self.breaks >= self.MAX_BREAKS:
                out.extend(_failed([item], first_error))
                continue
            try:
                out.extend(self.pool.submit(self.chunk_fn, [item], self.rules_dir).result())
                self.ok()
            except Exception as e:
                if isinstance(e, BrokenProcessPool):
                    self.renew()
                out.extend(_failed([item], e))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    def __init__(self, address: str, jobs: int, rules_dir: str | None, chunk_fn: ChunkFn):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError("--dask needs dask.distributed: pip install 'zhfacts[dask]'") from None
        self.rules_dir, self.chunk_fn, self.cluster = rules_dir, chunk_fn, None
        if address == "local":
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        elif address == "local-threads":  # one process, threads: quick to start, for tests
            self.cluster = LocalCluster(n_workers=1, threads_per_worker=jobs, processes=False,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(address, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {e}") from None

    def submit(self, chunk: list[Item]):
        return self.client.submit(self.chunk_fn, chunk, self.rules_dir, pure=False)

    def retry(self, chunk: list[Item], first_error: BaseException) -> list[Article]:
        out = []
        for item in chunk:
            try:
                out.extend(self.client.submit(self.chunk_fn, [item], self.rules_dir, pure=False).result())
            except Exception as e:
                out.extend(_failed([item], e))
        return out

    def ok(self) -> None:
        pass

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def run_items(items: Iterable[Item], *, jobs: int | None = None, dask: str | None = None,
              rules_dir: str | os.PathLike | None = None, chunk_size: int = DEFAULT_CHUNK,
              window: int | None = None, chunk_fn: ChunkFn = process_chunk) -> Iterator[Article]:
    """(Document, repeated) pairs → Articles in input order. jobs=1 (or a single chunk of input)
    runs in this process; otherwise a local process pool of `jobs` workers or Dask at `dask`
    ("local" starts a LocalCluster)."""
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    rules = str(rules_dir) if rules_dir is not None else None
    chunks = chunked(items, max(1, chunk_size))
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if dask is None and (jobs == 1 or second is None):
        # in-process: no pool to start for one worker or a handful of articles
        for chunk in itertools.chain([first], [second] if second else [], chunks):
            try:
                yield from chunk_fn(chunk, rules)
            except Exception as e:
                out = []
                for item in chunk:
                    try:
                        out.extend(chunk_fn([item], rules))
                    except Exception as e2:
                        out.extend(_failed([item], e2))
                yield from out
        return
    if not dask:
        worker_pipeline(rules)  # a stage that cannot build fails here, once, not in every worker
    runner = _Dask(dask, jobs, rules, chunk_fn) if dask else _Local(jobs, rules, chunk_fn)
    window = window or 4 * jobs
    pending: deque = deque()
    all_chunks = itertools.chain([first], [second] if second else [], chunks)
    try:
        for chunk in all_chunks:
            pending.append((chunk, runner.submit(chunk)))
            while len(pending) >= window:
                yield from _collect(runner, *pending.popleft())
        while pending:
            yield from _collect(runner, *pending.popleft())
    finally:
        for _, fut in pending:
            fut.cancel()
        runner.close()


def _collect(runner, chunk: list[Item], fut) -> list[Article]:
    try:
        out = fut.result()
        if len(out) != len(chunk):
            raise RuntimeError(f"worker returned {len(out)} records for {len(chunk)} articles")
        runner.ok()
        return out
    except Exception as e:
        return runner.retry(chunk, e)


def run(paths: Sequence[str] | None = None, *, docs: Iterable[Document] | None = None,
        ref_date: str | None = None, jobs: int | None = None, dask: str | None = None,
        rules_dir: str | os.PathLike | None = None, repeats: bool = True,
        chunk_size: int = DEFAULT_CHUNK, window: int | None = None,
        chunk_fn: ChunkFn = process_chunk) -> Iterator[Article]:
    """Articles of every input path (or of `docs`), in order. With `paths` that can be read twice
    and `repeats`, a first pass builds the repetition index."""
    from . import sources
    if docs is None:
        if paths is None:
            raise ValueError("give paths or docs")
        index = None
        if repeats and sources.rereadable(paths):
            index = build_repeat_index(sources.read(paths, ref_date=ref_date))
        docs = sources.read(paths, ref_date=ref_date)
    else:
        index = None
        if repeats and isinstance(docs, (list, tuple)):
            index = build_repeat_index(docs)
    yield from run_items(with_repeats(docs, index), jobs=jobs, dask=dask, rules_dir=rules_dir,
                         chunk_size=chunk_size, window=window, chunk_fn=chunk_fn)
