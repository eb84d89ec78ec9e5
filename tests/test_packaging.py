"""The wheel carries rules/ and the schema: installed (not editable) and run from another folder."""
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_wheel_finds_its_rules_from_another_folder(tmp_path):
    wheels = tmp_path / "wheels"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                        "-w", str(wheels), str(ROOT)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    (whl,) = wheels.glob("zhfacts-*.whl")
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                        str(target), str(whl)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    code = ("import pipeline, json; from pipeline.rules import default_rules_dir; "
            "a = pipeline.extract('发放15.6亿元。', ref_date='2024-03-08'); "
            "print(default_rules_dir()); print(json.dumps([f.value for f in a.facts]))")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True,
                       env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr[-2000:]
    rules_dir, values = r.stdout.strip().splitlines()[-2:]
    assert rules_dir.startswith(str(target)), rules_dir
    assert "1560000000" in values
