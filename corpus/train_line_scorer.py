"""Train the clean stage's line scorers on labelled lines and write their weights into
rules/boilerplate/scored.yaml (and, for the word scorer, rules/lexicons/line_words.tsv).

    .venv/bin/python corpus/train_line_scorer.py            # the shape scorer: train, write
    .venv/bin/python corpus/train_line_scorer.py --dry-run  # train and print only
    .venv/bin/python corpus/train_line_scorer.py --words --pages DIR [DIR ...]
                                                            # the word scorer (word_scorer.py)

Logistic regression by plain gradient descent from a fixed start: the same gold always gives
the same weights. The shape scorer (L2 0.01, 3000 steps) learns from the dev corpus: each dev
article is run through the rules first (the scorer disabled meanwhile); every non-blank line is
one example, labelled junk when the gold lists it in boilerplate_lines.

The word scorer learns from the dev corpus (weighted 0.3: our own layouts, many alike) and from
labelled real pages given with --pages: folders of NNN.txt with NNN.labels.json
({"site": …, "reasons": {"line number": reason}}). Real page text is not ours to publish, so
those folders are kept outside the repository; the committed weights say in scored.yaml what
they were trained on. Each page goes through the rules, the shape scorer and the shape passes
(the word scorer disabled); a character or pair becomes a feature when it occurs on at least
three sites (every dev article counts as a site of its own).
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
WORDS = HERE.parent / "rules" / "lexicons" / "line_words.tsv"


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


def _one_sub(pattern: str, repl, text: str) -> str:
    """re.sub that must replace exactly once: a changed layout of scored.yaml is an error, not
    weights silently left as they were."""
    text, n = re.subn(pattern, repl, text)
    if n != 1:
        raise SystemExit(f"scored.yaml: {n} places match {pattern[:60]}…, expected one")
    return text


def labelled_pages(dirs: list[Path]):
    """(site, text, {line: reason}) of the dev corpus and of each --pages folder."""
    for gp in sorted((HERE / "dev" / "gold").glob("*.json")):
        gold = json.loads(gp.read_text("utf-8"))
        text = (HERE / "dev" / "articles" / f"{gold['id']}.txt").read_text("utf-8")
        junk = {int(i): "navigation" for i in gold.get("boilerplate_lines", [])}
        junk.update({int(k): v for k, v in (gold.get("boilerplate_reasons") or {}).items()})
        yield "dev:" + gold["id"], text, junk
    for d in dirs:
        for lp in sorted(d.glob("*.labels.json")):
            lab = json.loads(lp.read_text("utf-8"))
            text = lp.with_name(lp.name.replace(".labels.json", ".txt")).read_text("utf-8")
            yield str(lab.get("site") or lp), text, {int(k): v for k, v in lab["reasons"].items()}


def word_examples(dirs: list[Path], min_sites: int = 3, judged_weight: float = 1.0,
                  dev_weight: float = 0.3):
    """The word scorer's examples: (shape values, own words, neighbours' words, junk, weight)
    per non-blank line, and the vocabulary (words on at least min_sites sites). A line the
    scorer would judge (WordScorer.judged) weighs judged_weight times more: the model is
    used on those lines only, but they are too few to learn from alone."""
    from pipeline.clean.word_scorer import line_words

    cleaner = build(load_rules()).cleaner
    scorer, cleaner.word_scorer = cleaner.word_scorer, None
    rows = []
    sites: dict[str, set[str]] = {}
    for site, text, junk in labelled_pages(dirs):
        page = cleaner.scored_page(Document(id="x", text=text))   # (no word scorer: taken out)
        values = features(page)
        own = [line_words(page, i) for i in page.filled]
        judged = {i for _, i in scorer.judged(page)} if scorer is not None else set()
        for k, i in enumerate(page.filled):
            near = set().union(*(own[j] for j in (k - 1, k + 1) if 0 <= j < len(own)))
            weight = dev_weight if site.startswith("dev:") else 1.0
            if i in judged:
                weight *= judged_weight
            rows.append((values[i], own[k], near, junk.get(i), weight))
            for t in own[k]:
                sites.setdefault(t, set()).add(site)
    vocab = sorted(t for t, s in sites.items() if len(s) >= min_sites and not t.startswith("#"))
    return rows, vocab


def train_words(rows, vocab, context: float = 0.5, l2: float = 0.003, steps: int = 1500,
                rate: float = 1.0, prior=None):
    """Sparse logistic regression: 26 shape weights, then a line and a neighbour weight a word.
    With a prior (the committed model: shape weights, {word: (line, near)}) training starts
    from it and L2 pulls toward it instead of toward zero, so new pages refine what earlier
    pages taught rather than replace it."""
    ns, nv = len(FEATURES), len(vocab)
    index = {t: k for k, t in enumerate(vocab)}
    cols, vals, ptr = [], [], [0]
    for shape, own, near, _, _ in rows:
        cols += range(ns)
        vals += [float(v) for v in shape]
        for t in own:
            if t in index:
                cols.append(ns + index[t])
                vals.append(1.0)
        for t in near:
            if t in index:
                cols.append(ns + nv + index[t])
                vals.append(context)
        ptr.append(len(cols))
    c, v = np.array(cols), np.array(vals)
    r = np.repeat(np.arange(len(rows)), np.diff(np.array(ptr)))
    y = np.array([1.0 if row[3] else 0.0 for row in rows])
    sw = np.array([row[4] for row in rows])
    w0 = np.zeros(ns + 2 * nv)
    if prior is not None:
        w0[:ns] = prior[0]
        for t, k in index.items():
            w0[ns + k], w0[ns + nv + k] = prior[1].get(t, (0.0, 0.0))
    w = w0.copy()
    for _ in range(steps):
        z = np.bincount(r, weights=w[c] * v, minlength=len(rows))
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        w -= rate * (np.bincount(c, weights=((p - y) * sw)[r] * v, minlength=len(w)) / sw.sum()
                     + l2 * (w - w0))
    return w[:ns], {t: (w[ns + k], w[ns + nv + k]) for t, k in index.items()}


def train_reasons(rows, vocab, reasons, l2: float = 0.003, steps: int = 1000, rate: float = 1.0,
                  prior=None):
    """Softmax over the reasons, for the junk lines: 26 shape weights and a weight a word, per
    reason (a line's own words only: a stamp is metadata wherever it stands); a prior
    (shape rows, {word: [weight per reason]}) as in train_words."""
    ns = len(FEATURES)
    index = {t: k for k, t in enumerate(vocab)}
    junk = [row for row in rows if row[3] in reasons]
    cols, vals, ptr = [], [], [0]
    for shape, own, _, _, _ in junk:
        cols += range(ns)
        vals += [float(v) for v in shape]
        cols += [ns + index[t] for t in own if t in index]
        vals += [1.0] * (len(cols) - len(vals))
        ptr.append(len(cols))
    c, v = np.array(cols), np.array(vals)
    r = np.repeat(np.arange(len(junk)), np.diff(np.array(ptr)))
    y = np.zeros((len(junk), len(reasons)))
    y[np.arange(len(junk)), [reasons.index(row[3]) for row in junk]] = 1.0
    sw = np.array([row[4] for row in junk])
    w0 = np.zeros((len(reasons), ns + len(vocab)))
    if prior is not None:
        w0[:, :ns] = np.array(prior[0])
        for t, k in index.items():
            if t in prior[1]:
                w0[:, ns + k] = prior[1][t]
    w = w0.copy()
    for _ in range(steps):
        z = np.stack([np.bincount(r, weights=w[k][c] * v, minlength=len(junk))
                      for k in range(len(reasons))], axis=1)
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * sw[:, None]
        for k in range(len(reasons)):
            w[k] -= rate * (np.bincount(c, weights=g[r, k] * v, minlength=w.shape[1]) / sw.sum()
                            + l2 * (w[k] - w0[k]))
    return w[:, :ns], {t: w[:, ns + k] for t, k in index.items()}


def rule_examples():
    """(site, text, {line: reason}) of every boilerplate rule's examples and counterexamples,
    each set in the small article tests/test_rules.py reads it in (pipeline/clean/examples.py):
    a counterexample's lines are body (those its `keep` names, when it names some), an
    example's lines junk (but those its `keep` names)."""
    from pipeline.clean import examples

    for rf in load_rules().of_type("boilerplate"):
        for entry in rf.rules:
            for kind in ("examples", "counterexamples"):
                for given in entry.get(kind) or []:
                    ex, lines, at = examples.article(given)
                    keep = set(ex.get("keep") or ())
                    if kind == "examples":
                        junk = {i: entry["reason"] for i in at if lines[i] not in keep}
                        body = set()
                    else:
                        junk = {}
                        body = {i for i in at if not keep or lines[i] in keep}
                    # (the article's own paragraphs and a counterexample's other lines: unsaid)
                    said = set(junk) | body
                    yield f"rule:{entry['id']}", "\n".join(lines), junk, said


def context_examples(dirs: list[Path], dev_weight: float = 0.3, rule_weight: float = 1.0):
    """The context scorer's examples: its feature values (context_scorer.features) for each
    line it would judge, after every rule, the shape passes and the word scorer; the line's
    label (junk or not) and weight. A dev corpus line weighs dev_weight; a line of a rule's
    example or counterexample (rule_examples) rule_weight — the rules' near-misses are lines
    the design keeps in the body, and a model that reads the whole page must keep them too."""
    from pipeline.clean.context_scorer import features as context_features

    cleaner = build(load_rules()).cleaner
    X, y, sw = [], [], []
    pages = [(site, text, junk, None) for site, text, junk in labelled_pages(dirs)]
    if rule_weight:
        pages += list(rule_examples())
    for site, text, junk, said in pages:
        page = cleaner.scored_page(Document(id="x", text=text))
        weight = (dev_weight if site.startswith("dev:") else
                  rule_weight if site.startswith("rule:") else 1.0)
        for i, values in context_features(page, cleaner.word_scorer).items():
            if said is not None and i not in said:
                continue
            X.append(values)
            y.append(1.0 if i in junk else 0.0)
            sw.append(weight)
    return np.array(X), np.array(y), np.array(sw)


def train_context(X, y, sw, l2: float = 1.0, steps: int = 50):
    """Logistic regression on standardised features by Newton's method (L2 `l2` on the
    standardised weights, the bias free), folded back into one weight a raw feature: the first
    feature (the word scorer's probability) is never constant, and the shape features' `bias`
    (always 1) carries the intercept."""
    from pipeline.clean.context_scorer import NAMES

    mean, std = X.mean(axis=0), X.std(axis=0)
    std[std == 0] = 1.0
    Z = np.hstack([np.ones((len(X), 1)), (X - mean) / std])
    w = np.zeros(Z.shape[1])
    penalty = np.full(Z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -30, 30)))
        g = Z.T @ ((p - y) * sw) + penalty * w
        H = (Z * (p * (1 - p) * sw)[:, None]).T @ Z + np.diag(penalty)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = w[1:] / std
    constant = X.std(axis=0) == 0
    raw[constant] = 0.0
    raw[NAMES.index("bias")] = w[0] - float((w[1:] * mean / std)[~constant].sum())
    return raw


def main_context(args) -> int:
    X, y, sw = context_examples(args.pages, dev_weight=args.dev_weight,
                                rule_weight=args.rule_weight)
    w = train_context(X, y, sw)
    p = 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))
    for th in (0.7, 0.75, 0.8, 0.85, 0.9):
        taken = p >= th
        print(f"at {th}: {int((taken & (y == 1)).sum())} junk, {int((taken & (y == 0)).sum())} "
              f"body lines of the training lines")
    print(f"{len(y)} lines, {int(y.sum())} junk")
    if args.dry_run:
        return 0
    write_weights("boilerplate.scored.context", [f"{v:.5g}" for v in w])
    return 0


def write_weights(rule_id: str, weights: list[str]) -> None:
    """Replace the `weights:` list of rule `rule_id` in scored.yaml."""
    listed = "[" + ", ".join(weights) + "]"
    entry = rf"(?m)^(  - id: {re.escape(rule_id)}\n(?:    .*\n)*?    weights: )"
    text = _one_sub(entry + r"\[.*\]$", lambda m: m.group(1) + listed, YAML.read_text("utf-8"))
    YAML.write_text(text, "utf-8")
    print(f"{len(weights)} weights of {rule_id} written to {YAML.relative_to(HERE.parent)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--words", action="store_true", help="train the word scorer")
    ap.add_argument("--context", action="store_true", help="train the context scorer")
    ap.add_argument("--pages", nargs="*", type=Path, default=[],
                    help="folders of labelled real pages (NNN.txt + NNN.labels.json)")
    ap.add_argument("--prior", action="store_true",
                    help="word scorer: start from the committed weights and keep near them")
    ap.add_argument("--l2", type=float, default=0.003, help="word scorer: L2 strength")
    ap.add_argument("--dev-weight", type=float, default=0.3,
                    help="word scorer: weight of a dev corpus line, against 1 for a real page's")
    ap.add_argument("--rule-weight", type=float, default=1.0,
                    help="context scorer: weight of a line of a rule's example or counterexample")
    ap.add_argument("--judged-weight", type=float, default=1.0,
                    help="word scorer: weight of the lines it judges, against 1 for the rest")
    args = ap.parse_args(argv)
    if not 0 <= args.l2 < 2:   # gradient steps of rate 1 diverge once rate * l2 reaches 2
        ap.error("--l2 must be at least 0 and below 2")
    if args.words:
        return main_words(args)
    if args.context:
        return main_context(args)
    X, y = examples()
    w = train(X, y)
    for name, v in zip(FEATURES, w, strict=True):
        print(f"{name:16} {v:+.4f}")
    print(f"{len(y)} lines, {int(y.sum())} junk")
    if not args.dry_run:
        write_weights("boilerplate.scored.line", [f"{v:.4f}" for v in w])
    return 0


def main_words(args) -> int:
    from pipeline.clean.word_scorer import REASONS

    rows, vocab = word_examples(args.pages, judged_weight=args.judged_weight,
                                dev_weight=args.dev_weight)
    prior = reason_prior = None
    if args.prior:
        old = build(load_rules()).cleaner.word_scorer
        if old is None:
            raise SystemExit("--prior: no word scorer in rules/boilerplate/scored.yaml")
        words_of = set(old.line) | set(old.near) | set(old.toward)
        vocab = sorted(set(vocab) | words_of)
        prior = (old.weights, {t: (old.line.get(t, 0.0), old.near.get(t, 0.0)) for t in words_of})
        zero = [0.0] * len(REASONS)
        reason_prior = (old.reason_shape, {t: old.toward.get(t, zero) for t in words_of})
    shape, table = train_words(rows, vocab, l2=args.l2, prior=prior)
    rshape, rtable = train_reasons(rows, vocab, list(REASONS), l2=args.l2, prior=reason_prior)
    for name, v in zip(FEATURES, shape, strict=True):
        print(f"{name:16} {v:+.4f}")
    kept = {t: (a, b) for t, (a, b) in table.items() if abs(a) >= 0.02 or abs(b) >= 0.02
            or max(abs(rtable[t])) >= 0.05}
    junk = sum(bool(r[3]) for r in rows)
    print(f"{len(rows)} lines, {junk} junk, {len(vocab)} words, {len(kept)} kept")
    if args.dry_run:
        return 0
    text = YAML.read_text("utf-8")
    weights = "[" + ", ".join(f"{v:.4f}" for v in shape) + "]"
    entry = r"(?m)^(  - id: boilerplate\.scored\.words\n(?:    .*\n)*?"
    text = _one_sub(entry + r"    weights: )\[.*\]$", lambda m: m.group(1) + weights, text)
    for reason, ws in zip(REASONS, rshape, strict=True):
        listed = "[" + ", ".join(f"{v:.3f}" for v in ws) + "]"
        text = _one_sub(entry + rf"      {reason}: )\[.*\]$",
                        lambda m, listed=listed: m.group(1) + listed, text)
    YAML.write_text(text, "utf-8")
    lines = ["# The word scorer's weights (pipeline/clean/word_scorer.py): a character or",
             "# character pair of a line (digits read 0, Latin letters a, ^ marks the first",
             "# character and $ the last), its weight when the line holds it and when a",
             "# neighbouring line does. Written by corpus/train_line_scorer.py --words.",
             "# The reason columns: the word's weight toward each reason, for a line taken.",
             "\t".join(("word", "line", "near", *REASONS))]
    lines += ["\t".join((t, f"{a:.3f}", f"{b:.3f}", *(f"{x:.2f}" for x in rtable[t])))
              for t, (a, b) in sorted(kept.items())]
    WORDS.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"written to {YAML.relative_to(HERE.parent)} and {WORDS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
