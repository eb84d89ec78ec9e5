"""Throughput of the batch runner with --jobs 1 against --jobs 2 (and more, if given), the same
output either way, and the memory of each worker.

    .venv/bin/python benchmarks/batch_scaling.py -n 2000
    .venv/bin/python benchmarks/batch_scaling.py -n 2000 --jobs 1 2 4 --no-repeats

Writes N articles to a temporary JSONL file, then runs pipeline.batch.run over it (reading,
the repeat pass, the workers and JSONL writing, pool start-up included) for each jobs value,
and prints articles/s, the speed-up over the first jobs value, whether the output is byte for
byte that of the first run (and its sha256, to compare two versions of the code), and the
peak RSS of each worker process (sampled every 0.2 s with psutil, from the `bench` extra; the
main process when it does the work itself). It also prints
the rate after start-up (from the first quarter of the records on): each worker builds its
Pipeline (about a second of CPU), which a short run cannot amortise. The machine's core count
bounds the speed-up; a one-core machine shows none.

    .venv/bin/python benchmarks/batch_scaling.py --cli -n 3000 [--root DIR ...] [--repeat 3]

`--cli` times `zhfacts extract IN -o OUT --jobs J` instead, each run a fresh process (imports,
rule loading, the summary and the forkserver included), with jobs values and trees taking turns
run by run (`--root DIR`: a copy of another version's pipeline/ and rules/, e.g. from
`git archive`, timed against the working tree's; best of `--repeat`). It prints the wall time,
the main process's CPU time, whether the output and the summary (its timing left out) are those
of the first run, and exits 1 if any differ.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import common

from pipeline import batch, sinks

try:
    import psutil
except ImportError:  # pragma: no cover - memory figures are then left out
    psutil = None


class PeakRSS:
    """Peak RSS per process of this process's tree while the block runs. Workers are the
    processes that ran articles: descendants other than the forkserver (which has children of
    its own) and multiprocessing's resource tracker."""

    def __init__(self, interval: float = 0.2):
        self.interval, self.peak, self.parents, self.names = interval, {}, set(), {}
        self.cpu: dict[int, float] = {}   # CPU seconds (user + system) at the last sample
        self.own = 0.0                    # CPU seconds of the sampling itself (this thread)
        self._stop = threading.Event()

    def _sample(self):
        me = psutil.Process()
        procs = {me.pid: me}
        mine = " ".join(me.cmdline())
        while not self._stop.is_set():
            for pid in self._tree(me.pid):
                p = procs.get(pid)
                try:
                    if p is None:
                        p = procs[pid] = psutil.Process(pid)
                    with p.oneshot():
                        rss = p.memory_info().rss
                        c = p.cpu_times()
                    self.cpu[pid] = c.user + c.system
                    # until it differs from ours: a child seen between its fork and its exec
                    # (the resource tracker) first shows this process's command line
                    if self.names.get(pid, mine) == mine:
                        self.names[pid] = " ".join(p.cmdline())
                except psutil.Error:
                    continue
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self.own = time.thread_time()
            self._stop.wait(self.interval)

    def _tree(self, root: int) -> list[int]:
        """root and its descendants, noting those with children of their own (the forkserver).
        Read from /proc/PID/task/TID/children: psutil's children() reads every process of the
        machine, each time, and on a busy machine that sampling took a core's tenth from the
        run it measured (more with --jobs 2: one such scan per process)."""
        out, todo = [], [root]
        while todo:
            pid = todo.pop()
            out.append(pid)
            kids = _children(pid)
            if kids and pid != root:
                self.parents.add(pid)
            todo.extend(kids)
        return out

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def cpu_seconds(self, since: dict[int, float]) -> float:
        """CPU time the tree used while the block ran (`since`: the samples before it), less
        the sampling's own (psutil reads /proc for every process every 0.2 s)."""
        return sum(v - since.get(pid, 0.0) for pid, v in self.cpu.items()) - self.own

    def workers(self, jobs: int) -> list[float]:
        if jobs <= 1:
            return [self.peak.get(os.getpid(), 0) / 2**20]
        return sorted((v / 2**20 for pid, v in self.peak.items()
                       if pid != os.getpid() and pid not in self.parents
                       and "resource_tracker" not in self.names.get(pid, "")), reverse=True)


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:  # gone, or no /proc (then psutil's way)
        if os.path.isdir("/proc/self/task"):
            return []
        try:
            return [c.pid for c in psutil.Process(pid).children()]
        except psutil.Error:
            return []
    out = []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(map(int, f.read().split()))
        except OSError:
            continue
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--input", default="corpus", help="corpus | synthetic | FILE.jsonl")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-repeats", action="store_true")
    ap.add_argument("--chunk-size", type=int, default=batch.DEFAULT_CHUNK)
    ap.add_argument("--cli", action="store_true", help="time `zhfacts extract` in fresh processes")
    ap.add_argument("--root", nargs="*", default=[],
                    help="with --cli: other trees (pipeline/ and rules/) to time against this one")
    ap.add_argument("--repeat", type=int, default=3, help="with --cli: runs of each (best taken)")
    args = ap.parse_args(argv)
    if args.cli:
        return cli_main(args)

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        texts = common.texts(args.input, args.n)
        common.write_jsonl(src, texts)
        chars = sum(map(len, texts))
        del texts
        cores = len(os.sched_getaffinity(0))
        print(f"{args.n} articles, {chars:,} characters, {cores} cores available, "
              f"repeats {'off' if args.no_repeats else 'on'}, chunk {args.chunk_size}")
        base = first = cpu_base = steady_base = None
        same_all = True
        for jobs in args.jobs:
            out = Path(tmp) / f"out{jobs}.jsonl"
            mem = PeakRSS() if psutil else None
            if mem:
                me = psutil.Process().cpu_times()
                mem.cpu[os.getpid()] = me.user + me.system
                before = dict(mem.cpu)
            t0 = time.perf_counter()
            stamps: list[float] = []
            with open(out, "w", encoding="utf-8") as f, (mem or _Null()):
                n = sinks.write(_stamped(batch.run([str(src)], jobs=jobs,
                                                   repeats=not args.no_repeats,
                                                   chunk_size=args.chunk_size), stamps), stream=f)
            dt = time.perf_counter() - t0
            # after start-up: the records from the first quarter on, timed from the quarter mark
            # (the pool has started, the repeat pass is done, every worker has its Pipeline)
            k = n // 4
            steady = (n - 1 - k) / (stamps[-1] - stamps[k]) if n > 8 else 0.0
            assert n == args.n, (n, args.n)
            # the records' `source` holds the temporary folder: left out, so that the digest
            # of one version of the code can be compared with another's
            digest = hashlib.sha256(out.read_bytes().replace(os.fsencode(tmp), b"")).hexdigest()
            if first is not None and digest != first:
                _show_difference(Path(tmp) / f"out{args.jobs[0]}.jsonl", out)
            first = first or digest
            same_all &= digest == first
            rate = n / dt
            base = base or rate
            steady_base = steady_base or steady
            rss = mem.workers(jobs) if mem else []
            if mem:
                me = psutil.Process().cpu_times()
                mem.cpu[os.getpid()] = me.user + me.system
                cpu = mem.cpu_seconds(before)
                cpu_main = mem.cpu[os.getpid()] - before.get(os.getpid(), 0.0) - mem.own
                cpu_base = cpu_base or cpu
            rss_txt = (f"  peak RSS per {'worker' if jobs > 1 else 'process'}: "
                       + ", ".join(f"{x:.0f} MB" for x in rss)) if rss else ""
            print(f"jobs={jobs}: {dt:7.2f}s  {rate:8.1f} articles/s  {chars / dt:10,.0f} chars/s  "
                  f"speed-up {rate / base:.2f}  "
                  f"output {'identical' if digest == first else 'DIFFERENT'} "
                  f"(sha256 {digest[:12]}){rss_txt}")
            if steady:
                print(f"        after start-up (records {k + 1}-{n}): {steady:8.1f} articles/s  "
                      f"speed-up {steady / steady_base:.2f}  (start-up and first quarter "
                      f"{stamps[k]:.2f}s)")
            if mem:
                # on a busy machine wall time says little; CPU time says what the extra jobs
                # cost: with `jobs` idle cores the speed-up would be at most jobs × this ratio
                bound = min(jobs, jobs * cpu_base / cpu)
                print(f"        CPU {cpu:7.2f}s (main + workers, sampled; main {cpu_main:.2f}s; "
                      f"the sampling's own {mem.own:.2f}s left out)  "
                      f"CPU of the first run ÷ this one {cpu_base / cpu:.2f}  "
                      f"(bound on {jobs} idle cores: {bound:.2f}×)")
    return 0 if same_all else 1


# Runs the CLI in a fresh process, then writes that process's own CPU seconds (workers and the
# forkserver are not its children to be counted: main-process CPU alone) to the file in argv[1].
_CLI = """
import resource, sys
from pipeline.cli import main
rc = main(sys.argv[2:])
ru = resource.getrusage(resource.RUSAGE_SELF)
open(sys.argv[1], "w").write(str(ru.ru_utime + ru.ru_stime))
sys.exit(rc)
"""
_TIMING = re.compile(r" in [0-9.]+ s, [0-9,]+ characters/s")


def cli_main(args) -> int:
    """`zhfacts extract` per jobs value and tree, runs interleaved, best wall time of each."""
    here = str(common.ROOT)
    roots = [here, *[os.path.abspath(r) for r in args.root]]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        texts = common.texts(args.input, args.n)
        common.write_jsonl(src, texts)
        print(f"zhfacts extract, {args.n} articles, {sum(map(len, texts)):,} characters, "
              f"{len(os.sched_getaffinity(0))} cores, repeats {'off' if args.no_repeats else 'on'}"
              f", best of {args.repeat}")
        del texts
        best: dict[tuple[str, int], tuple[float, float]] = {}
        first: dict[str, str] = {}  # each tree's first digest: the same for every jobs value
        same = True
        for _ in range(args.repeat):
            for root in roots:
                for jobs in args.jobs:
                    wall, cpu, digest = _cli_run(root, jobs, src, Path(tmp), args)
                    if first.setdefault(root, digest) != digest:
                        same = False
                        print(f"  DIFFERENT output or summary: {root} jobs={jobs}")
                    old = best.get((root, jobs))
                    best[(root, jobs)] = (min(wall, old[0]), min(cpu, old[1])) if old else (wall,
                                                                                            cpu)
        for root in roots:
            name = "this tree" if root == here else root
            for jobs in args.jobs:
                wall, cpu = best[(root, jobs)]
                base = best[(roots[0], jobs)][0]
                vs = f"  this tree's speed ÷ its {wall / base:.2f}" if root != here else ""
                one = best[(root, args.jobs[0])][0]
                print(f"{name:>12} jobs={jobs}: {wall:7.2f}s wall  main CPU {cpu:6.2f}s  "
                      f"speed-up {one / wall:.2f}{vs}")
        print(f"output and summary {'identical' if same else 'DIFFERENT'} between jobs values; "
              "sha256 " + ", ".join(first[r][:12] for r in roots)
              + (" (trees alike)" if len(set(first.values())) == 1 else " (trees differ)"))
    return 0 if same else 1


def _cli_run(root: str, jobs: int, src: Path, tmp: Path, args) -> tuple[float, float, str]:
    out, cpu_file = tmp / "out.jsonl", tmp / "cpu"
    for p in (out, cpu_file):
        p.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", _CLI, str(cpu_file), "extract", str(src), "-o", str(out),
           "--jobs", str(jobs), "--no-progress"]
    if args.no_repeats:
        cmd.append("--no-repeats")
    if args.chunk_size != batch.DEFAULT_CHUNK:
        cmd += ["--chunk-size", str(args.chunk_size)]
    env = {**os.environ, "PYTHONPATH": root}
    t0 = time.perf_counter()
    # run from the temporary folder: the working directory would come before PYTHONPATH
    proc = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{root} jobs={jobs}: exit {proc.returncode}\n{proc.stderr}")
    summary = _TIMING.sub("", proc.stderr)
    digest = hashlib.sha256(out.read_bytes() + summary.encode()).hexdigest()
    return wall, float(cpu_file.read_text()), digest


def _stamped(records, stamps: list[float]):
    """The records, noting (in `stamps`) the seconds since the start at which each came out."""
    t0 = time.perf_counter()
    for r in records:
        stamps.append(time.perf_counter() - t0)
        yield r


def _show_difference(a: Path, b: Path) -> None:
    """How many records differ, and the first one (for a run whose output is not the same)."""
    la, lb = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
    diff = [i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y]
    print(f"  {len(diff)} of {len(la)} records differ ({len(la)} vs {len(lb)} lines)")
    if diff:
        x, y = json.loads(la[diff[0]]), json.loads(lb[diff[0]])
        keys = [k for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]
        print(f"  first: record {x.get('id')}, fields {keys}: "
              + "; ".join(f"{k}: {str(x.get(k))[:120]} | {str(y.get(k))[:120]}" for k in keys[:2]))


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    raise SystemExit(main())
