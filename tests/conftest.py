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
