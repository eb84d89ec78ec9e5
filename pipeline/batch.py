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
- Time limit (`timeout` seconds per article, default DEFAULT_TIMEOUT, None/0 = none): in a worker
  process (and in this process when it runs the articles itself, from the main thread) a SIGALRM
  timer interrupts an article that runs too long, inside a regex match too (the `regex` module
  checks for signals); it becomes the error record "TimeoutError: article exceeded N s" and the
  worker goes on. A worker stuck where the signal cannot reach it (other C code) is killed by the
  parent once its chunk is overdue (timeout × articles + HARD_GRACE); the pool is replaced, the
  other in-flight chunks are resubmitted and the overdue chunk is retried one article at a time.
  Dask workers run tasks in threads, where no signal reaches: with a time limit, each Dask task
  runs its chunk in a child process of its worker (pipeline.isolated) under the same two limits.
- Interrupted (SIGINT/SIGTERM in the caller, or the consumer stops early): the workers are killed
  at once, not waited for; workers ignore SIGINT, so Ctrl-C in a terminal is the parent's to handle.
- Resume: `done` (ids of records already written) skips that many articles of the input, checking
  that their ids are the same, so a resumed run writes exactly the records still missing.
- `ref_date` is a fallback, used for an article that states no date of its own (no ref_date
  field, no 发布时间 line, dateline or url date); `force_ref_date` overrides every article's.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import types
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple

from .core import check_ref_date, shared_pipeline
from .model import Article, Document
from .repeats import RepeatIndex
from .sinks import Encoded, encode
from .summary import Counts, counts

Item = tuple[Document, frozenset]
ChunkFn = Callable[..., list[Article]]   # (items, rules_dir[, timeout=seconds]) -> Articles

DEFAULT_CHUNK = 32
# seconds a chunk may run past timeout × its articles before its worker is killed
HARD_GRACE = 30.0
# seconds per article when the caller says nothing (run(); the CLI's default)
DEFAULT_TIMEOUT: float | None = 60.0
EMPTY: frozenset = frozenset()

# -- the per-process pipeline -------------------------------------------------------------------

# one Pipeline per process and rules folder, built on first use (pipeline.core's shared cache)
worker_pipeline = shared_pipeline


def _init_worker(rules_dir: str | None) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the parent decides what stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(worker_pipeline(rules_dir))


def warm_up(pipe) -> None:
    """Ready a process's Pipeline for a long run: jieba's dictionary loaded now, so the first
    article is not charged for it (time limit), and what was built kept out of the collector's
    sight (the rules, lexicons and dictionary live as long as the process: a full collection
    would walk their ~85,000 objects every few hundred articles)."""
    with contextlib.suppress(Exception):  # process() never raises; this guards the guard
        pipe.extract("2024年3月8日，全市举办专场招聘会178场。")
    gc.collect()
    gc.freeze()


def start_forkserver() -> None:
    """Start the forkserver now, with the default Pipeline built in it (pipeline/preload.py):
    it is built there once, while this process still reads the input, and every worker forks
    with it. Does nothing where there is no forkserver, or when one is running already (a later
    run with rules of its own, in the same process, forks from it too: its workers build their
    own Pipeline beside the default one they inherited)."""
    if "forkserver" not in mp.get_all_start_methods():
        return
    from multiprocessing import forkserver
    mp.get_context("forkserver").set_forkserver_preload(["pipeline.preload"])
    with contextlib.suppress(Exception):  # the pool starts it later, as before
        forkserver.ensure_running()


def forkserver_builds(rules_dir: str | None) -> bool:
    """Whether a local pool's workers fork from a forkserver that builds their Pipeline
    (start_forkserver: the bundled rules). This process then builds none before the pool starts:
    it would spend a second or more on a Pipeline it never runs, and should that build fail, the
    workers fail too and the broken pool brings it here (check_build in _Local.renew)."""
    return rules_dir is None and "forkserver" in mp.get_all_start_methods()


class BuildError(RuntimeError):
    """The Pipeline cannot be built (found when a pool broke): the run stops, nothing to retry."""


def check_build(rules_dir: str | None) -> None:
    """Build this process's Pipeline for `rules_dir` (a no-op once built): a failure is a
    BuildError naming the rules folder, on one line."""
    try:
        worker_pipeline(rules_dir)
    except Exception as e:
        raise BuildError(f"the rules in {rules_dir or 'the bundled rules/'} do not build: "
                         f"{type(e).__name__}: {e}".splitlines()[0]) from e


def error_article(doc: Document, message: str) -> Article:
    return Article(id=str(doc.id), source=doc.source, error=message)


# -- the per-article time limit -----------------------------------------------------------------

def timeout_message(timeout: float) -> str:
    return f"article exceeded {timeout:g} s"


class _TimeLimit:
    """Per-article SIGALRM timer for one chunk, where signals can be used (Unix, main thread);
    elsewhere a no-op. The timer repeats every second after the limit, so a broad `except
    Exception` inside a stage cannot swallow the timeout for good."""

    def __init__(self, timeout: float | None):
        self.timeout = timeout if timeout and timeout > 0 else None
        self.on = (self.timeout is not None and hasattr(signal, "setitimer")
                   and threading.current_thread() is threading.main_thread())
        self.armed = False
        self.old: Any = None  # the SIGALRM handler before ours (a function, SIG_DFL or None)

    def _alarm(self, signum, frame):
        if self.armed and self.timeout is not None:
            # process(): "TimeoutError: article exceeded …"
            raise TimeoutError(timeout_message(self.timeout))

    def __enter__(self):
        if self.on:
            self.old = signal.signal(signal.SIGALRM, self._alarm)
        return self

    def __exit__(self, *exc):
        if self.on:
            self.disarm()
            signal.signal(signal.SIGALRM, self.old if self.old is not None else signal.SIG_DFL)
        return False

    def arm(self) -> None:
        if self.on and self.timeout is not None:
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.timeout, 1.0)

    def disarm(self) -> None:
        if self.on:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)


def process_chunk(items: list[Item], rules_dir: str | None = None,
                  timeout: float | None = None, ref_date: str | None = None) -> list[Article]:
    """The one per-chunk function, run by local processes and by Dask workers alike.
    `timeout`: seconds per article (see the module docstring), None or 0 for none.
    `ref_date`: the fallback for articles that state no date of their own."""
    pipe = worker_pipeline(rules_dir)
    out = []
    kw = {"fallback_ref_date": ref_date} if ref_date else {}
    with _TimeLimit(timeout) as limit:
        for doc, repeated in items:
            art = None
            try:
                limit.arm()
                try:
                    art = pipe.process(doc, repeated, **kw)
                finally:
                    limit.disarm()
            except BaseException as e:  # process() never raises; this guards the guard
                if isinstance(e, (KeyboardInterrupt, SystemExit)):
                    raise
                if art is None:  # (a timeout that fired after process() returned changes nothing)
                    art = error_article(doc, f"{type(e).__name__}: {e}")
            out.append(art)
    return out


class _Packed(NamedTuple):
    """A chunk's Articles as a worker sends them: (JSONL line, pickled fields) (sinks.encode)
    and what the run summary counts of each (summary.counts)."""
    items: list[tuple[str | None, bytes | None, Counts]]


def run_packed(chunk_fn: ChunkFn, items: list[Item], rules_dir: str | None,
               fields: bool = True) -> Any:
    """chunk_fn in a worker, its Articles encoded and counted there: the main process then
    writes their lines as they are, counts them for the summary as they were counted, and
    unpickles an Article only when its fields are read (sinks.Encoded). Without `fields`, none
    is pickled (a third of what a worker spends on sending a record)."""
    out = chunk_fn(items, rules_dir)
    if isinstance(out, list) and all(type(a) is Article for a in out):  # subclasses: as they are
        return _Packed([(*encode(a, fields), counts(a)) for a in out])
    return out  # not a list of Articles: left for _collect to judge


def unpacked(out: Any) -> Any:
    if not isinstance(out, _Packed):
        return out
    return [Encoded.of(line, blob, n) for line, blob, n in out.items]


# -- repetition ---------------------------------------------------------------------------------

def build_repeat_index(docs: Iterable[Document], on_total: Callable[[int], None] | None = None):
    """First pass: a RepeatIndex over every Document, or None when there is at most one article.
    `on_total(n)` learns how many articles the input holds (a progress bar's total)."""
    index, n = RepeatIndex(), 0
    for doc in docs:
        if doc.error is None:
            index.add(doc)
        n += 1
    if on_total is not None:
        on_total(n)
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


class HungWorker(RuntimeError):
    """A chunk that overran its deadline: its pool was killed and replaced."""


def _failed(chunk: list[Item], e: BaseException) -> list[Article]:
    return [error_article(doc, f"worker failed: {type(e).__name__}: {e}") for doc, _ in chunk]


class _Local:
    """A process pool that can be rebuilt when a worker dies (BrokenProcessPool)."""

    MAX_BREAKS = 3  # pools that died one after another before giving up on retries

    def __init__(self, jobs: int, rules_dir: str | None, chunk_fn: ChunkFn,
                 timeout: float | None = None, fields: bool = True):
        self.jobs, self.rules_dir, self.chunk_fn = jobs, rules_dir, chunk_fn
        self.fields = fields
        self.timeout = timeout if timeout and timeout > 0 else None
        self.breaks = 0
        self.generation = 0  # bumped when hung workers are killed: older futures are resubmitted
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        forkserver = "forkserver" in mp.get_all_start_methods()
        ctx = mp.get_context("forkserver" if forkserver else "spawn")
        if forkserver and self.rules_dir is None:
            start_forkserver()
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx,
                                   initializer=_init_worker, initargs=(self.rules_dir,))

    def _submit(self, chunk: list[Item]) -> Future:
        with _main_hidden(self.chunk_fn):  # workers start inside submit()
            return self.pool.submit(run_packed, self.chunk_fn, chunk, self.rules_dir,
                                    self.fields)

    def submit(self, chunk: list[Item]) -> Future:
        try:
            return self._submit(chunk)
        except BrokenProcessPool:
            self.renew()
            return self._submit(chunk)

    def renew(self) -> None:
        """A broken pool (a worker died, or could not start): a new one, once the Pipeline is
        known to build (when it does not, every worker would die the same way)."""
        check_build(self.rules_dir)
        self.breaks += 1
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()

    def ok(self) -> None:
        self.breaks = 0

    # -- hung workers ----------------------------------------------------------------------
    def deadline(self, n: int) -> float | None:
        """Seconds to wait for a chunk of n articles before its worker counts as hung."""
        return None if self.timeout is None else self.timeout * n + max(HARD_GRACE, self.timeout)

    def kill(self) -> None:
        """Kill every worker of the pool (one of them is stuck) and start a new pool. Not a
        break: a hang says nothing about workers that cannot start."""
        _stop(self.pool)
        self.pool = self._new()
        self.generation += 1

    def result(self, chunk: list[Item], fut: Future, generation: int) -> list[Article]:
        """The result of a chunk's future; a future of a pool killed since is resubmitted (unless
        it finished); a chunk overdue past its deadline kills the pool and is retried."""
        if generation != self.generation and not (fut.done() and not fut.cancelled()
                                                  and fut.exception() is None):
            fut = self.submit(chunk)
        try:
            return unpacked(fut.result(timeout=self.deadline(len(chunk))))
        except FutureTimeout as e:
            if fut.done():  # a TimeoutError raised by the task itself
                raise
            self.kill()
            raise HungWorker(f"no result in {self.deadline(len(chunk)):g} s") from e

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
            fut = self._submit([item])
            try:
                out.extend(unpacked(fut.result(timeout=self.deadline(1))))
                self.ok()
            except FutureTimeout:
                if fut.done():  # finished just after the wait ran out
                    err = fut.exception()
                    out.extend(unpacked(fut.result()) if err is None else _failed([item], err))
                    continue
                self.kill()  # this article hangs its worker even where the signal cannot reach it
                # a wait runs out only when there is a time limit (deadline)
                limit = self.timeout or 0.0
                out.append(error_article(item[0], f"TimeoutError: {timeout_message(limit)}"
                                                  " (worker killed and replaced)"))
            except Exception as e:
                if isinstance(e, BrokenProcessPool):
                    self.renew()
                out.extend(_failed([item], e))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def abort(self, futures: Iterable[Future] = ()) -> None:
        """Interrupted: kill the workers now instead of waiting for their chunks. The pool
        cancels what is pending itself (shutdown's cancel_futures): a future cancelled from
        here makes its manager thread fail (InvalidStateError, a traceback on stderr) when it
        then finds the pool broken and sets that future's exception."""
        _stop(self.pool, join=5)


def _stop(pool: ProcessPoolExecutor, join: float = 0) -> None:
    """Kill every worker of a pool now, and let the pool's manager thread end.

    A worker killed while it sends a result leaves half a message in the result pipe. This
    process holds that pipe's write end too (the pool made the pipe here), so no end-of-file
    ever comes: the manager thread waits in recv() for the rest for ever, and the interpreter
    joins that thread at exit (concurrent.futures' exit hook), so a run stopped at that moment
    never ends. With our write end closed, the half message reads as end-of-file once the
    workers are dead, which the manager thread takes for a broken pool: it fails what was
    pending and ends."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    results = getattr(pool, "_result_queue", None)  # shutdown(wait=False) forgets it
    for proc in procs:
        with contextlib.suppress(Exception):  # already gone
            proc.kill()
    if results is not None:  # only workers write results: nothing here needs this end
        with contextlib.suppress(Exception):
            results._writer.close()
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs if join else ():
        proc.join(join)


@contextlib.contextmanager
def _main_hidden(chunk_fn):
    """While worker processes start, `__main__` is a blank module. Forkserver and spawn workers
    otherwise re-run the caller's script (as __mp_main__) before they can work: a script without
    an `if __name__ == "__main__":` guard that starts a batch would start one in every worker,
    and every chunk would fail with BrokenProcessPool. The workers need nothing from __main__
    (their functions live in modules), unless chunk_fn itself does."""
    main = sys.modules.get("__main__")
    fn = getattr(chunk_fn, "func", chunk_fn)
    if main is None or getattr(fn, "__module__", None) in ("__main__", "__mp_main__"):
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class _Dask:
    def __init__(self, address: str, jobs: int, rules_dir: str | None, chunk_fn: ChunkFn,
                 timeout: float | None = None):
        # worker threads: the chunk runs in a child process (module docstring)
        if timeout is not None:
            from .isolated import run_isolated
            chunk_fn = functools.partial(run_isolated, chunk_fn, timeout=timeout)
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError(
                "--dask needs dask.distributed: pip install 'zhfacts[dask]'"
            ) from None
        self.rules_dir, self.chunk_fn, self.cluster = rules_dir, chunk_fn, None
        self.in_process = address == "local-threads"
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
                out.extend(self.client.submit(self.chunk_fn, [item], self.rules_dir,
                                              pure=False).result())
            except Exception as e:
                out.extend(_failed([item], e))
        return out

    def ok(self) -> None:
        pass

    generation = 0

    def result(self, chunk: list[Item], fut, generation: int) -> list[Article]:
        return fut.result()   # no hard limit on Dask: its workers are the cluster's to restart

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.in_process:  # its worker threads' child processes (pipeline.isolated) live here
            from .isolated import close_all
            close_all()

    def abort(self, futures: Iterable[Any] = ()) -> None:
        for fut in futures:
            fut.cancel()
        self.close()


def run_items(items: Iterable[Item], *, jobs: int | None = None, dask: str | None = None,
              rules_dir: str | os.PathLike | None = None, chunk_size: int = DEFAULT_CHUNK,
              window: int | None = None, chunk_fn: ChunkFn = process_chunk,
              timeout: float | None = None, ref_date: str | None = None,
              fields: bool = True) -> Iterator[Article]:
    """(Document, repeated) pairs → Articles in input order. jobs=1 (or a single chunk of input)
    runs in this process; otherwise a local process pool of `jobs` workers or Dask at `dask`
    ("local" starts a LocalCluster). `timeout`: seconds per article (None or 0: no limit); it is
    passed on to chunk_fn as `timeout=` (see the module docstring), and `ref_date` (the fallback
    date) as `ref_date=`, each only when set. `fields=False`: local workers send no pickled
    fields, only the record's JSONL line and its summary.Counts, for a caller that writes JSONL
    and counts (the fields are then read from the line if asked for: sinks.Encoded)."""
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    timeout = timeout if timeout and timeout > 0 else None
    ours = chunk_fn is process_chunk  # (a caller's own chunk_fn may need no Pipeline)
    if timeout is not None:
        chunk_fn = functools.partial(chunk_fn, timeout=timeout)
    if ref_date:
        chunk_fn = functools.partial(chunk_fn, ref_date=check_ref_date(ref_date))
    rules = str(rules_dir) if rules_dir is not None else None
    chunks = chunked(items, max(1, chunk_size))
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if dask is None and (jobs == 1 or second is None):
        # in-process: no pool to start for one worker or a handful of articles
        if ours:
            check_build(rules)  # a Pipeline that cannot build stops the run, with its reason
        for chunk in itertools.chain([first], [second] if second else [], chunks):
            try:
                yield from chunk_fn(chunk, rules)
            except Exception:
                out = []
                for item in chunk:
                    try:
                        out.extend(chunk_fn([item], rules))
                    except Exception as e2:
                        out.extend(_failed([item], e2))
                yield from out
        return
    if not dask and not forkserver_builds(rules):
        check_build(rules)  # a stage that cannot build fails here, once, not in every worker
    runner = (
        _Dask(dask, jobs, rules, chunk_fn, timeout)
        if dask
        else _Local(jobs, rules, chunk_fn, timeout, fields)
    )
    window = window or 4 * jobs
    pending: deque = deque()
    all_chunks = itertools.chain([first], [second] if second else [], chunks)
    finished = False
    try:
        for chunk in all_chunks:
            pending.append((chunk, runner.submit(chunk), runner.generation))
            while len(pending) >= window:
                yield from _collect(runner, *pending.popleft())
        while pending:
            yield from _collect(runner, *pending.popleft())
        finished = True
    finally:
        if finished:
            runner.close()
        else:  # interrupted, or the consumer stopped early: nobody waits for the workers
            runner.abort(fut for _, fut, _ in pending)


def _collect(runner, chunk: list[Item], fut, generation: int) -> list[Article]:
    try:
        out = runner.result(chunk, fut, generation)
        if len(out) != len(chunk):
            raise RuntimeError(f"worker returned {len(out)} records for {len(chunk)} articles")
        runner.ok()
        return out
    except Exception as e:
        return runner.retry(chunk, e)


class ResumeError(ValueError):
    """The records already written do not start the input (other inputs, other order)."""


def skip_done(docs: Iterable[Document], done: Sequence[str]) -> Iterator[Document]:
    """The Documents after the first len(done), whose ids must be `done` in order (ids may repeat:
    it is positions that count, the ids only check that the inputs are the same)."""
    it = iter(docs)
    for n, want in enumerate(done):
        doc = next(it, None)
        if doc is None:
            raise ResumeError(f"the partial output holds {len(done)} records but the input has "
                              f"only {n} articles: not the same input")
        if str(doc.id) != want:
            raise ResumeError(
                f"record {n + 1} of the partial output is {want!r} but article {n + 1} "
                f"of the input is {str(doc.id)!r}: not the same input"
            )
    yield from it


def _forced(docs: Iterable[Document], ref_date: str) -> Iterator[Document]:
    for doc in docs:
        doc.ref_date = ref_date
        yield doc


_DEFAULT = object()


def run(paths: Sequence[str] | None = None, *, docs: Iterable[Document] | None = None,
        ref_date: str | None = None, force_ref_date: str | None = None,
        jobs: int | None = None, dask: str | None = None,
        rules_dir: str | os.PathLike | None = None, repeats: bool = True,
        chunk_size: int = DEFAULT_CHUNK, window: int | None = None,
        chunk_fn: ChunkFn = process_chunk,
        timeout: float | None = _DEFAULT,  # type: ignore[assignment]
        done: Sequence[str] = (), on_total: Callable[[int], None] | None = None,
        read_kw: dict | None = None, fields: bool = True) -> Generator[Article, None, None]:
    """Articles of every input path (or of `docs`), in order. With `paths` that can be read twice
    and `repeats`, a first pass builds the repetition index (and tells `on_total` the number of
    articles). `ref_date`: the fallback for articles that state no date; `force_ref_date`: every
    article's. `timeout`: seconds per article, default DEFAULT_TIMEOUT, None or 0 for none.
    `done`: ids of the records an interrupted run wrote (skip_done). `read_kw`: passed on to
    sources.read (limits=, stats=). `fields`: see run_items."""
    from . import sources
    if timeout is _DEFAULT:
        timeout = DEFAULT_TIMEOUT
    ref_date = check_ref_date(ref_date)
    force_ref_date = check_ref_date(force_ref_date)
    read_kw = read_kw or {}
    if dask is None and rules_dir is None and (jobs or default_jobs()) > 1:
        start_forkserver()  # the workers' Pipeline is built while the first pass reads
    if docs is None:
        if paths is None:
            raise ValueError("give paths or docs")
        index = None
        if repeats and sources.rereadable(paths):
            first_kw = {k: v for k, v in read_kw.items() if k != "stats"}  # count skips once
            index = build_repeat_index(sources.read(paths, **first_kw), on_total)
        docs = sources.read(paths, **read_kw)
    else:
        index = None
        if repeats and isinstance(docs, (list, tuple)):
            index = build_repeat_index(docs, on_total)
    if force_ref_date:
        docs = _forced(docs, force_ref_date)
    if done:
        docs = skip_done(docs, done)
    yield from run_items(with_repeats(docs, index), jobs=jobs, dask=dask, rules_dir=rules_dir,
                         chunk_size=chunk_size, window=window, chunk_fn=chunk_fn, timeout=timeout,
                         ref_date=ref_date, fields=fields)
