"""Kill -9 in the middle of a run, then --resume: the result equals an uninterrupted run.

    python benchmarks/resume_kill.py [N] [--jobs J]

Writes N short articles (JSONL, with a few duplicate ids and a broken line), runs
`zhfacts extract` once uninterrupted, then again killed with SIGKILL (the whole process group:
main, forkserver, workers) once its FILE.partial holds about half the records, then with
--resume. Prints the records in the partial file at the kill, whether the resumed file equals
the uninterrupted one byte for byte, and whether every id is there exactly as often as in the
input. Exit 0 when equal.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from iohelp import article_text  # noqa: E402


def write_input(path: Path, n: int) -> list[str]:
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if i == n // 3:
                f.write('{"id": "broken", "text": "没有结尾\n')
                ids.append(f"{path.stem}:{i + 1}")
                continue
            aid = f"a{i:06d}" if i % 500 != 7 else "dup"  # some ids repeat: positions count
            f.write(json.dumps({"id": aid, "text": article_text(i, sentences=2)},
                               ensure_ascii=False) + "\n")
            ids.append(aid)
    return ids


def zhfacts(*args) -> list[str]:
    return [sys.executable, "-m", "pipeline", "extract", *map(str, args)]


def lines_in(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--at", type=float, default=0.5,
                    help="kill when this share of records is written")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "in.jsonl"
        ids = write_input(src, a.n)
        whole, resumed = tmp / "whole.jsonl", tmp / "resumed.jsonl"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        t = time.perf_counter()
        subprocess.run(zhfacts(src, "-o", whole, "--jobs", a.jobs, "-q"), check=True, cwd=ROOT,
                       env=env)
        t_whole = time.perf_counter() - t

        t = time.perf_counter()
        proc = subprocess.Popen(zhfacts(src, "-o", resumed, "--jobs", a.jobs, "-q"), cwd=ROOT,
                                env=env, start_new_session=True)
        partial = Path(str(resumed) + ".partial")
        while proc.poll() is None and lines_in(partial) < a.n * a.at:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        at_kill = lines_in(partial)
        torn = partial.exists() and not partial.read_bytes().endswith(b"\n")
        subprocess.run(zhfacts(src, "-o", resumed, "--jobs", a.jobs, "--resume", "-q"), check=True,
                       cwd=ROOT, env=env)
        t_two = time.perf_counter() - t

        same = whole.read_bytes() == resumed.read_bytes()
        got = [json.loads(x)["id"] for x in resumed.read_text(encoding="utf-8").splitlines()]
        exact = collections.Counter(got) == collections.Counter(ids) and got == ids
        print(f"articles: {a.n}; killed (SIGKILL) with {at_kill} complete lines in the partial file"
              f"{' and a torn last line' if torn else ''}")
        print(f"uninterrupted run {t_whole:.1f} s; killed + resumed {t_two:.1f} s "
              f"(ratio {t_two / t_whole:.2f})")
        print(f"resumed file equals the uninterrupted one byte for byte: {same}")
        print(f"every id as often as in the input, in input order: {exact} "
              f"({len(got)} records, {len(set(got))} distinct ids)")
        print(f"partial file left behind: {partial.exists()}")
        return 0 if same and exact and not partial.exists() else 1


if __name__ == "__main__":
    sys.exit(main())
