"""Chunks run in a child process, under a time limit that always holds: for Dask workers.

A Dask worker runs its tasks in threads, and neither SIGALRM nor any other signal can stop a
thread (nor a regex match in C inside it). So with a time limit, the Dask task hands its chunk
to a long-lived child process of that worker (one per worker thread), where the chunk runs in
the child's main thread under the same SIGALRM limit as a local worker (pipeline.batch); a child
that still gives no answer by timeout × articles + HARD_GRACE is killed and started again, and
the chunk is retried one article at a time, an article that hangs again becoming an error record.

The child talks over its stdin/stdout with length-prefixed pickles (its own sys.stdout is sent
to stderr, so a print cannot break the stream); it exits when its parent closes the pipe, so
a worker that dies leaves no child behind.
"""
from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
import weakref

_HEADER = struct.Struct("!Q")


class ChildHung(RuntimeError):
    pass


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            raise ChildHung("no answer in time")
        part = os.read(fd, min(n - len(buf), 1 << 20))
        if not part:
            raise EOFError("the child process ended")
        buf += part
    return bytes(buf)


class Child:
    """One child process running chunk functions on request."""

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        _children.add(self)

    def __del__(self):  # its thread ended: the child goes too
        self.kill()

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # the same modules as here
        return subprocess.Popen([sys.executable, "-c",
                                 "from pipeline.isolated import serve; serve()"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def call(self, fn, items, rules_dir, deadline: float | None):
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        data = pickle.dumps((fn, items, rules_dir), protocol=pickle.HIGHEST_PROTOCOL)
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None  # started with both as pipes
        try:
            stdin.write(_HEADER.pack(len(data)) + data)
            stdin.flush()
            fd = stdout.fileno()
            size = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))[0]
            ok, value = pickle.loads(_read_exact(fd, size, deadline))
        except (ChildHung, EOFError, OSError):
            self.kill()
            raise
        if not ok:
            raise value
        return value

    def kill(self) -> None:
        proc, self.proc = getattr(self, "proc", None), None
        if proc is not None:
            try:
                proc.kill()
                proc.wait()
            except OSError:  # pragma: no cover - already gone
                pass


_local = threading.local()
_children: weakref.WeakSet[Child] = weakref.WeakSet()


def close_all() -> None:
    """End every child process of this process (an in-process Dask cluster is closing)."""
    for child in list(_children):
        child.kill()


def run_isolated(fn, items, rules_dir=None, *, timeout: float):
    """fn(items, rules_dir) in this thread's child process (the module docstring)."""
    from .batch import HARD_GRACE, error_article, timeout_message
    child = getattr(_local, "child", None)
    if child is None:
        child = _local.child = Child()
    grace = max(HARD_GRACE, timeout)
    try:
        return child.call(fn, items, rules_dir, time.monotonic() + timeout * len(items) + grace)
    except (ChildHung, EOFError, OSError) as first:
        out = []
        for item in items:
            try:
                out.extend(child.call(fn, [item], rules_dir, time.monotonic() + timeout + grace))
            except ChildHung:
                out.append(error_article(item[0], f"TimeoutError: {timeout_message(timeout)}"
                                                  " (child process killed and replaced)"))
            except (EOFError, OSError) as e:
                out.append(error_article(item[0],
                                         f"worker failed: {type(e).__name__}: {e or first}"))
        return out


def serve() -> None:
    """The child's loop: read a request, run it, answer; end when stdin closes."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what stops
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while True:
        head = inp.read(_HEADER.size)
        if len(head) < _HEADER.size:
            return
        fn, items, rules_dir = pickle.loads(inp.read(_HEADER.unpack(head)[0]))
        try:
            answer = (True, fn(items, rules_dir))
        except Exception as e:  # the parent retries the chunk article by article
            answer = (False, RuntimeError(f"{type(e).__name__}: {e}"))
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_HEADER.pack(len(data)) + data)
        out.flush()
