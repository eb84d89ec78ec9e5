import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

REF_DATE = "2024-03-08"  # tests run at a fixed reference date; nothing reads the clock


# -- optional extras: the module a test needs, and the pyproject extra that installs it --------
EXTRA_OF = {"trafilatura": "html", "warcio": "warc", "distributed": "dask", "tqdm": "progress",
            "pyarrow": "export", "duckdb": "test"}


def require(module: str):
    """The imported module a test needs from an optional extra. CI (CI=true) installs every
    extra, so there a missing module FAILS the test; elsewhere the test is skipped, naming the
    extra to install."""
    import importlib
    import os
    extra = EXTRA_OF.get(module.split(".")[0], "all")
    try:
        return importlib.import_module(module)
    except ImportError as e:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"{module} missing under CI: the `{extra}` extra must be installed ({e})")
        pytest.skip(f"needs {module}: pip install 'zhfacts[{extra}]'")


@pytest.fixture(scope="session")
def pipe():
    from pipeline import Pipeline
    return Pipeline()


# -- the seed article and scoring: one fixture and one helper for every test file --------------
SEED_ID = "000_da6288ff0e8b4f88"
SCORER = SHARED / "tools" / "score.py"


def score(gold: dict, records: dict) -> tuple[dict, list[str]]:
    """Summary and report lines for gold {id: gold} against records {id: output record}, exactly
    as `zhfacts eval` (and ../shared/tools/score.py) computes them."""
    from pipeline import evaluate
    return evaluate.evaluate(gold, records)


def shared_scorer():
    """../shared/tools/score.py as a module, or None when the checkout has no shared folder beside
    it."""
    import importlib.util
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Seed:
    """The article the project was born from (corpus/dev holds it), its gold and its output
    record."""

    def __init__(self, pipe):
        import json
        base = ROOT / "corpus" / "dev"
        self.text = (base / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
        self.gold = json.loads((base / "gold" / f"{SEED_ID}.gold.json").read_text(encoding="utf-8"))
        self.article = pipe.extract(self.text, ref_date=self.gold["ref_date"], id=SEED_ID)
        self.record = self.article.to_dict()

    def summary(self) -> tuple[dict, list[str]]:
        return score({SEED_ID: self.gold}, {SEED_ID: self.record})


@pytest.fixture(scope="session")
def seed(pipe):
    return Seed(pipe)
