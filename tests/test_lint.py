"""The code is lint-clean (ruff) and type-clean (mypy), with the settings of pyproject.toml.

Both tools come with the `test` extra; they run as modules of this interpreter, so the suite checks
with the versions installed beside it. Any finding fails the test and is shown in its message.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec(tool) is None:
        pytest.fail(f"{tool} is not installed: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=600)


def test_ruff_finds_nothing():
    # every file ruff is configured to cover: pipeline/, tests/, benchmarks/, corpus/*.py
    r = _run("ruff", "check", "--output-format", "concise", ".")
    assert r.returncode == 0, f"ruff check found problems:\n{r.stdout}{r.stderr}"


def test_mypy_finds_nothing():
    # the package, with the settings and the per-library exceptions of [tool.mypy]
    r = _run("mypy", "pipeline")
    assert r.returncode == 0, f"mypy found problems:\n{r.stdout}{r.stderr}"
    assert "Success: no issues found" in r.stdout, r.stdout
