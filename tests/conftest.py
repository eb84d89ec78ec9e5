import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

REF_DATE = "2024-03-08"  # tests run at a fixed reference date; nothing reads the clock


@pytest.fixture(scope="session")
def pipe():
    from pipeline import Pipeline
    return Pipeline()
