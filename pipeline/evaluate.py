"""`zhfacts eval`: precision/recall/F1 per fact type and for boilerplate lines against gold.

The matching is the project scorer's (../shared/tools/score.py), so the figures agree:
a predicted fact matches a gold fact of the same type when one text contains the other,
the values agree (numbers within 1e-6 relative, dates as equal strings, award names when
one contains the other) and, for count and money, the units agree. Each gold fact is used
once; optional gold facts count neither way; `exhaustive: false` gold does not count extras.
Gold is article gold (*.json, the corpus/gold format) or a conformance suite (*.jsonl).

Article gold may also say why each boilerplate line goes: `"boilerplate_reasons": {"LINE":
"reason"}`. Then the share of removed junk lines that got the gold's reason is reported too
(`reason_accuracy`, beside the line precision/recall; it is ours, the project scorer has none).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import FACT_TYPES

_STRIP = set("“”\"'‘’《》〈〉「」『』()（）[]【】 \u3000")


class EvalError(ValueError):
    pass


def load_gold(paths) -> dict[str, dict[str, Any]]:
    gold: dict[str, dict[str, Any]] = {}
    for p in map(Path, paths):
        if not p.exists():
            raise EvalError(f"{p}: no such gold file or folder")
        files = sorted([*p.glob("*.json"), *p.glob("*.jsonl")]) if p.is_dir() else [p]
        for f in files:
            if f.suffix == ".jsonl":
                for line in f.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        case = json.loads(line)
                        gold[str(case["id"])] = {"id": str(case["id"]), "facts": case["expect"],
                                                 "types": case.get("types"),
                                                 "exhaustive": case.get("exhaustive", True)}
            else:
                g = json.loads(f.read_text(encoding="utf-8"))
                gold[str(g["id"])] = g
    return gold


def load_pred(path) -> dict[str, dict[str, Any]]:
    """Predictions by id: zhfacts extract output as JSONL (one record a line) or JSON (one list)."""
    pred = {}
    with open(path, encoding="utf-8") as fh:
        head = fh.read(4096).lstrip()
        fh.seek(0)
        if head.startswith("["):  # --format json
            try:
                records = json.load(fh)
            except json.JSONDecodeError as e:
                raise EvalError(f"{path}: not JSON: {e}") from None
            if not all(isinstance(r, dict) for r in records):
                raise EvalError(f"{path}: a JSON list of records was expected")
            return {str(r.get("id")): r for r in records}
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise EvalError(f"{path}:{n}: not JSON: {e}") from None
                pred[str(rec.get("id"))] = rec
    return pred


def extract_pred(
    gold: dict[str, dict[str, Any]], articles, rules_dir=None
) -> dict[str, dict[str, Any]]:
    """Predictions made now: each gold article found by id in the folder(s) `articles` and
    extracted at its gold file's own ref_date (as the corpus floors are measured). A gold id
    with no article there is simply absent (reported as 'no output record')."""
    from . import sources
    from .core import shared_pipeline
    pipe = shared_pipeline(str(rules_dir) if rules_dir is not None else None)
    pred = {}
    for doc in sources.read([str(a) for a in ([articles] if isinstance(articles, (str, Path))
                                              else articles)]):
        g = gold.get(str(doc.id))
        if g is None or str(doc.id) in pred:
            continue
        doc.ref_date = g.get("ref_date") or doc.ref_date
        pred[str(doc.id)] = pipe.process(doc).to_dict()
    return pred


def _name(s) -> str:
    return "".join(ch for ch in str(s) if ch not in _STRIP)


def _same_value(kind: str, g: dict, p: dict) -> bool:
    gv, pv = g.get("value"), p.get("value")
    if kind == "award":
        a, b = _name(gv or g["text"]), _name(pv or p.get("text", ""))
        return bool(a and b) and (a in b or b in a)
    if kind == "date":
        return str(gv) == str(pv)
    if gv is None or pv is None:
        return False
    try:
        gv, pv = float(gv), float(pv)
    except (TypeError, ValueError):
        return False
    return abs(gv - pv) <= 1e-6 * max(1.0, abs(gv))


def fact_matches(g: dict, p: dict) -> bool:
    if g["type"] != p.get("type"):
        return False
    gt, pt = g["text"], str(p.get("text", ""))
    if not pt or (gt not in pt and pt not in gt):
        return False
    if g["type"] in ("count", "money") and g.get("unit") and g.get("unit") != p.get("unit"):
        return False
    return _same_value(g["type"], g, p)


@dataclass
class ArticleScore:
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)
    traps: list[dict] = field(default_factory=list)


def score_article(g: dict, p: dict) -> ArticleScore:
    out = ArticleScore()
    types = set(g.get("types") or FACT_TYPES) & set(FACT_TYPES)
    facts = [f for f in p.get("facts", []) if f.get("type") in types]
    used = [False] * len(facts)
    for optional in (False, True):  # required gold first, so optional facts never steal a match
        for gf in g["facts"]:
            if gf.get("type") not in types or bool(gf.get("optional")) != optional:
                continue
            hit = next((i for i, pf in enumerate(facts) if not used[i] and fact_matches(gf, pf)),
                       None)
            if hit is not None:
                used[hit] = True
                if not optional:
                    out.counts[gf["type"]][0] += 1
            elif not optional:
                out.counts[gf["type"]][2] += 1
                out.misses.append(gf)
    not_facts = g.get("not_facts", [])
    if g.get("exhaustive", True):
        for i, pf in enumerate(facts):
            if used[i]:
                continue
            out.counts[pf["type"]][1] += 1
            out.extras.append(pf)
            t = str(pf.get("text", ""))
            if any(t in nf or nf in t for nf in not_facts):
                out.traps.append(pf)
    return out


def offset_errors(p: dict) -> list[str]:
    text = p.get("text", "")
    return [f"offsets of {f.get('text')!r} do not point at it in text" for f in p.get("facts", [])
            if not isinstance(f.get("start"), int) or not isinstance(f.get("end"), int)
            or text[f["start"]:f["end"]] != f.get("text")]


def gold_digest(folder) -> str:
    """sha256 over a gold folder's files (names and bytes): floors are tied to the gold they were
    set on."""
    import hashlib
    h = hashlib.sha256()
    for p in sorted(Path(folder).glob("*.json")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold: dict, pred: dict) -> tuple[dict[str, Any], list[str]]:
    """The summary (as score.py --json prints it) and the report lines."""
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    bp = [0, 0, 0]
    # junk lines removed with the gold's reason, of those the gold gives one for
    reasons = [0, 0]
    problems: list[str] = []
    report: list[str] = []
    for gid, g in sorted(gold.items()):
        p = pred.get(gid)
        if p is None:
            problems.append(f"{gid}: no output record")
            p = {"facts": [], "removed": []}
        elif p.get("error"):
            problems.append(f"{gid}: error: {p['error']}")
        problems += [f"{gid}: {e}" for e in offset_errors(p)]
        s = score_article(g, p)
        for k, v in s.counts.items():
            total[k] = [a + b for a, b in zip(total[k], v, strict=True)]
        want = set(g.get("boilerplate_lines", []))
        got = {r.get("line") for r in p.get("removed", [])}
        bp = [bp[0] + len(want & got), bp[1] + len(got - want), bp[2] + len(want - got)]
        why = {int(k): v for k, v in (g.get("boilerplate_reasons") or {}).items()}
        said = {r.get("line"): r.get("reason") for r in p.get("removed", [])}
        scored = sorted(n for n in want & got if n in why)
        wrong = [n for n in scored if said[n] != why[n]]
        reasons = [reasons[0] + len(scored) - len(wrong), reasons[1] + len(scored)]
        report += [f"{gid}: missed {m['type']} {m['text']!r} = {m.get('value')!r}"
                   for m in s.misses]
        report += [f"{gid}: extra {x.get('type')} {x.get('text')!r} = {x.get('value')!r}"
                   for x in s.extras]
        report += [f"{gid}: boilerplate line {n} kept" for n in sorted(want - got)]
        report += [f"{gid}: body line {n} removed" for n in sorted(got - want)]
        report += [f"{gid}: trap taken {t.get('type')} {t.get('text')!r}" for t in s.traps]
        report += [f"{gid}: boilerplate line {n} removed as {said[n]}, gold reason {why[n]}"
                   for n in wrong]
    summary: dict[str, Any] = {"articles": len(gold), "types": {}, "problems": problems}
    micro = [0, 0, 0]
    for k in FACT_TYPES:
        if k in total:
            micro = [a + b for a, b in zip(micro, total[k], strict=True)]
            summary["types"][k] = dict(zip(("tp", "fp", "fn", "precision", "recall", "f1"),
                                           (*total[k], *prf(*total[k])), strict=True))
    summary["micro"] = dict(zip(("precision", "recall", "f1"), prf(*micro), strict=True))
    summary["boilerplate"] = dict(zip(("precision", "recall", "f1"), prf(*bp), strict=True))
    if reasons[1]:  # only when some gold says why
        summary["boilerplate"].update(reason_accuracy=reasons[0] / reasons[1],
                                      reasons_right=reasons[0], reasons_scored=reasons[1])
    return summary, report


def format_table(summary: dict[str, Any]) -> list[str]:
    lines = [f"{'type':8} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for k, s in summary["types"].items():
        lines.append(f"{k:8} {s['tp']:5} {s['fp']:5} {s['fn']:5} "
                     f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    m, b = summary["micro"], summary["boilerplate"]
    lines.append(f"boilerplate lines P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}")
    if "reason_accuracy" in b:
        lines.append(f"boilerplate reasons right {b['reasons_right']}/{b['reasons_scored']} "
                     f"accuracy {b['reason_accuracy']:.3f}")
    lines.append(f"micro P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} "
                 f"over {summary['articles']} articles")
    return lines


def run(gold: list[str], pred: str | dict, min_f1: float | None = None,
        min_boilerplate_f1: float | None = None, verbose: bool = False, as_json: bool = False,
        out=None) -> int:
    """Print the report; 1 when a threshold is missed or a record has a problem, else 0."""
    import sys
    out = out or sys.stdout
    gold_ = load_gold(gold)
    summary, report = evaluate(gold_, pred if isinstance(pred, dict) else load_pred(pred))
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=1), file=out)
    else:
        shown = report if verbose else [r for r in report if ": trap taken " in r]
        for line in shown + [f"problem: {x}" for x in summary["problems"]] + format_table(summary):
            print(line, file=out)
    short = []
    if summary["problems"]:
        short.append(f"{len(summary['problems'])} problems")
    if min_f1 is not None and summary["micro"]["f1"] < min_f1:
        short.append(f"micro F1 {summary['micro']['f1']:.3f} < {min_f1}")
    if min_boilerplate_f1 is not None and summary["boilerplate"]["f1"] < min_boilerplate_f1:
        short.append(f"boilerplate F1 {summary['boilerplate']['f1']:.3f} < {min_boilerplate_f1}")
    if short:
        print("short: " + "; ".join(short), file=out)
        return 1
    return 0
