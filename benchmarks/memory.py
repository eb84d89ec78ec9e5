"""Peak memory of `zhfacts extract` as the input grows: streaming keeps it flat.

    .venv/bin/python benchmarks/memory.py -n 1000            # N and 4N articles
    .venv/bin/python benchmarks/memory.py -n 1000 --jobs 2

For N and 4N articles it writes a JSONL file, runs the CLI on it in a fresh process
(output to /dev/null) and records peak resident memory: the kernel's peak of the largest
process (VmHWM; wait4's ru_maxrss without psutil), and main + workers sampled every 20 ms
with psutil when it is installed (it comes with the dask extra). A ratio near 1.0 between
4N and N means memory does not grow with the input.

    .venv/bin/python benchmarks/memory.py --case zip-bomb --baseline HEAD~5
    .venv/bin/python benchmarks/memory.py --case big-text

The input cases measure one hostile input instead: `zip-bomb` is a zip of about 2 MB whose
one text member is 2 GB of one repeated word (between two small articles), `big-text` one 50 MB
text file. The peak of the whole run is printed with the records written (an error record
that names the limit is expected). --baseline REV runs the same input with the code of a
git revision too (exported to a temporary folder) and prints the ratio; a run over
--max-seconds is stopped and reported at the peak it had reached.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

import common

try:
    import psutil
except ImportError:  # the kernel's peak of the main process only
    psutil = None


def measure(src: Path, jobs: int, extra: list[str], *, out: str = os.devnull,
            root: Path = common.ROOT, check: bool = True,
            max_seconds: float | None = None) -> dict[str, float]:
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(src), "-o", out,
           "--jobs", str(jobs), "--no-progress", *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL if not check else None)
    stopped = False
    peak_hwm = 0
    peak_main = peak_tree = 0
    p = psutil.Process(proc.pid) if psutil is not None else None
    while True:  # reap with wait4 (not poll) to get the kernel's rusage of the tree
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if p is not None:
            try:
                kids = p.children(recursive=True)
                main = p.memory_info().rss
                tree = main + sum(c.memory_info().rss for c in kids)
                peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
                for q in (p, *kids):
                    peak_hwm = max(peak_hwm, _hwm(q.pid))
            except psutil.Error:
                pass
        if max_seconds is not None and not stopped and time.perf_counter() - t0 > max_seconds:
            os.killpg(proc.pid, signal.SIGKILL)   # this run's own process group only
            stopped = True
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if status != 0 and check:
        raise SystemExit(f"zhfacts failed with status {status}")
    # ru_maxrss (KiB): the kernel's peak for the main process and the children it reaped
    # Linux: a child's ru_maxrss can carry a peak from before its exec (after a big earlier
    # run, it reported GBs for a run that never used them); VmHWM, sampled, is the process's own
    max_process = peak_hwm / 2**20 if peak_hwm else ru.ru_maxrss / 1024
    return {"seconds": time.perf_counter() - t0, "max_process_mb": max_process,
            "main_mb": peak_main / 2**20, "tree_mb": peak_tree / 2**20,
            "exit": proc.returncode, "stopped": stopped}


def _hwm(pid: int) -> int:
    """A process's peak resident memory so far (VmHWM, bytes); 0 where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


# -- hostile inputs -------------------------------------------------------------------------------

def write_zip_bomb(path: Path, size: int = 2 * 2**30) -> None:
    """A zip of ~2 MB: a small article, one `size`-byte text member of repeated text, another
    small article. Written in a stream: this script never holds the member in memory."""
    arts = common.synthetic(2)
    unit = "新闻。".encode() * 1000    # as repetitive as zeros: deflate's ~1000:1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a/first.txt", arts[0])
        with zf.open("a/huge.txt", "w", force_zip64=True) as w:
            for _ in range(size // len(unit)):
                w.write(unit)
        zf.writestr("a/last.txt", arts[1])


def write_big_text(path: Path, size: int = 50 * 2**20) -> None:
    """One text file of `size` bytes: news paragraphs, over and over."""
    arts = common.synthetic(200)
    with open(path, "w", encoding="utf-8") as f:
        written = 0
        while written < size:
            for a in arts:
                f.write(a + "\n")
                written += len(a.encode("utf-8")) + 1
                if written >= size:
                    break


def export(rev: str, dest: Path) -> Path:
    """The code of a git revision, in a folder of its own (rules and package only)."""
    data = subprocess.run(["git", "archive", rev, "pipeline", "rules", "pyproject.toml"],
                          cwd=common.ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        tf.extractall(dest)
    return dest


def records(out: Path) -> list[str]:
    """One line per record written: id and error (or the number of facts)."""
    rows = []
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            rows.append(f"{r.get('id')}: " + (f"error: {r['error'][:110]}" if r.get("error")
                                              else f"{len(r.get('facts', []))} facts"))
    return rows


def run_case(case: str, jobs: int, baseline: str | None, max_seconds: float) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / ("bomb.zip" if case == "zip-bomb" else "big.txt")
        (write_zip_bomb if case == "zip-bomb" else write_big_text)(src)
        print(f"{case}: input {src.stat().st_size / 2**20:.1f} MB on disk")
        roots = [("this tree", common.ROOT)]
        if baseline:
            roots.insert(0, (f"baseline {baseline}", export(baseline, tmp / "baseline")))
        peaks = []
        for label, root in roots:
            out = tmp / f"out-{len(peaks)}.jsonl"
            r = measure(src, jobs, ["--no-repeats"], out=str(out), root=root, check=False,
                        max_seconds=max_seconds)
            peak = max(r["max_process_mb"], r["tree_mb"])
            peaks.append(peak)
            print(
                f"  {label:>22}: {r['seconds']:6.1f}s  peak RSS main {r['max_process_mb']:7.1f} MB"
                + (f", main+workers {r['tree_mb']:7.1f} MB" if psutil else "")
                + f"  exit {r['exit']}"
                + ("  (stopped at --max-seconds)" if r["stopped"] else "")
            )
            for row in records(out):
                print(f"  {'':>22}  {row}")
        if len(peaks) == 2:
            print(f"  peak RSS this tree / baseline: {peaks[1] / peaks[0]:.3f}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="N: runs N and 4N articles")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--input", default="corpus", help="corpus | synthetic | FILE.jsonl")
    ap.add_argument("--no-repeats", action="store_true")
    ap.add_argument(
        "--case",
        choices=("scale", "zip-bomb", "big-text"),
        default="scale",
        help="scale: N and 4N articles (default); zip-bomb, big-text: one hostile input",
    )
    ap.add_argument("--baseline", metavar="REV",
                    help="with --case: also run the code of this git revision")
    ap.add_argument("--max-seconds", type=float, default=600,
                    help="with --case: stop a run after this long")
    args = ap.parse_args(argv)
    if args.case != "scale":
        return run_case(args.case, args.jobs, args.baseline, args.max_seconds)
    extra = ["--no-repeats"] if args.no_repeats else []
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.n, 4 * args.n):
            src = Path(tmp) / f"in{n}.jsonl"
            common.write_jsonl(src, common.texts(args.input, n))
            r = measure(src, args.jobs, extra)
            src.unlink()
            rows.append((n, r))
            print(f"N={n:>7}: {r['seconds']:7.1f}s  main (kernel) {r['max_process_mb']:7.1f} MB"
                  + (f"  main {r['main_mb']:7.1f} MB  main+workers {r['tree_mb']:7.1f} MB"
                     if psutil else ""))
    (n1, a), (n4, b) = rows
    print(
        f"peak RSS ratio {n4}/{n1} articles: "
        f"main (kernel) {b['max_process_mb'] / a['max_process_mb']:.2f}"
        + (f", main+workers {b['tree_mb'] / a['tree_mb']:.2f}" if psutil else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
