"""Train the clean stage's line scorer on the dev corpus's labelled lines and write its weights
into rules/boilerplate/scored.yaml (the scorer: pipeline/clean/scorer.py).

    .venv/bin/python corpus/train_line_scorer.py            # train, print, write
    .venv/bin/python corpus/train_line_scorer.py --dry-run  # train and print only

Logistic regression by plain gradient descent (L2 0.01, 3000 steps, fixed start: the same gold
always gives the same weights). Each dev article is run through the rules first (the scorer
is disabled meanwhile); every non-blank line is one example, labelled junk when the gold lists
it in boilerplate_lines.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pipeline.clean import build  # noqa: E402
from pipeline.clean.scorer import FEATURES, features  # noqa: E402
from pipeline.model import Document  # noqa: E402
from pipeline.rules import load_rules  # noqa: E402

YAML = HERE.parent / "rules" / "boilerplate" / "scored.yaml"


def examples(corpus: Path = HERE / "dev"):
    cleaner = build(load_rules()).cleaner
    cleaner.scorer = None
    X, y = [], []
    for gp in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gp.read_text("utf-8"))
        text = (corpus / "articles" / f"{gold['id']}.txt").read_text("utf-8")
        page = cleaner.ruled_page(Document(id=gold["id"], text=text))
        junk = set(gold.get("boilerplate_lines", []))
        for i, values in features(page).items():
            X.append([float(v) for v in values])
            y.append(1.0 if i in junk else 0.0)
    return np.array(X), np.array(y)


def train(X, y, l2: float = 0.01, steps: int = 3000, rate: float = 0.5):
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ w))
        w -= rate * (X.T @ (p - y) / len(y) + l2 * w)
    return w


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    X, y = examples()
    w = train(X, y)
    for name, v in zip(FEATURES, w, strict=True):
        print(f"{name:16} {v:+.4f}")
    print(f"{len(y)} lines, {int(y.sum())} junk")
    if not args.dry_run:
        text = YAML.read_text("utf-8")
        weights = "[" + ", ".join(f"{v:.4f}" for v in w) + "]"
        text = re.sub(r"(?m)^    weights: \[.*\]$", "    weights: " + weights, text)
        YAML.write_text(text, "utf-8")
        print(f"written to {YAML.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
