"""`zhfacts gold`: a reviewer's decisions (the review page's download) + the predictions they were
made on → one gold file per reviewed article, in the corpus gold format, for `zhfacts eval`.

Decisions are JSONL, one per line (later lines win over earlier ones about the same fact):
  {"id": ID, "fact": {"type", "text", "start", "end"}, "verdict": "right" | "wrong"}
  {"id": ID, "missed": {"type", "text", "start", "end", "value", "unit"}}

An article is reviewed when it has at least one decision. Its gold facts are its predicted
facts minus those marked wrong, plus the missed ones; a predicted fact of a reviewed article
that carries no verdict is kept (the page treats an unmarked fact as right, so a reviewer marks
only what is wrong). Wrong facts also go to `not_facts`, so `zhfacts eval` reports a later run
that finds them again as a trap taken. A missed fact without a value gets one from the pipeline,
run on the selected text with the article's ref_date (15.6亿元 → 1560000000 CNY); failing that,
an award's value is its name and a count's is its numeral with the rest as unit (5年 → 5, 年).
One that still has none is written with a warning, as no prediction could match it.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import evaluate
from .model import FACT_TYPES

# the gold format's fact keys, in the corpus files' order; everything else a prediction carries
# (sentence, rule) describes how it was found, not what the fact is
GOLD_KEYS = ("type", "text", "value", "unit", "qualifier", "object", "recipient", "level", "change",
             "status", "tags")


class GoldError(ValueError):
    """A decisions file that cannot be used (the message names the file and line)."""


@dataclass
class Decisions:
    verdicts: dict[tuple, str] = field(default_factory=dict)   # (type, start, end) → right/wrong
    texts: dict[tuple, str] = field(default_factory=dict)      # (type, start, end) → fact text
    missed: dict[tuple, dict] = field(default_factory=dict)    # (type, start, end) → missed fact
    lines: dict[tuple, int] = field(default_factory=dict)      # where each decision came from


@dataclass
class Summary:
    files: list[Path] = field(default_factory=list)
    right: int = 0
    wrong: int = 0
    missed: int = 0
    kept: int = 0          # predicted facts of reviewed articles without a verdict
    warnings: list[str] = field(default_factory=list)


def _span(d: Any, where: str) -> tuple[str, int, int]:
    if not isinstance(d, dict):
        raise GoldError(f"{where}: expected an object with type, text, start, end")
    t, s, e = d.get("type"), d.get("start"), d.get("end")
    if t not in FACT_TYPES:
        raise GoldError(f"{where}: type must be one of {', '.join(FACT_TYPES)}, not {t!r}")
    if (
        not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e)
        or isinstance(s, bool)
        or isinstance(e, bool)
    ):
        raise GoldError(f"{where}: start and end must be whole numbers with start < end")
    if not isinstance(d.get("text"), str) or not d["text"]:
        raise GoldError(f"{where}: text missing")
    return t, s, e


def read_decisions(path: str | Path) -> dict[str, Decisions]:
    out: dict[str, Decisions] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise GoldError(f"{path}: cannot read: {e}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{where}: not JSON: {e}") from None
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            raise GoldError(f"{where}: a decision needs an \"id\"")
        dec = out.setdefault(d["id"], Decisions())
        if "fact" in d:
            key = _span(d["fact"], where)
            if d.get("verdict") not in ("right", "wrong"):
                raise GoldError(
                    f"{where}: verdict must be \"right\" or \"wrong\", not {d.get('verdict')!r}"
                )
            dec.verdicts[key], dec.texts[key], dec.lines[key] = d["verdict"], d["fact"]["text"], n
        elif "missed" in d:
            key = _span(d["missed"], where)
            dec.missed[key] = dict(d["missed"])
            line_key = ("missed", *key)  # mypy reads x[(a, *b)] as 3.11-only x[a, *b]
            dec.lines[line_key] = n
        else:
            raise GoldError(f"{where}: a decision has \"fact\" and \"verdict\", or \"missed\"")
    return out


def read_predictions(path: str | Path) -> dict[str, dict]:
    """The records of `zhfacts extract` output (JSONL or --format json) by id, read the way
    `zhfacts eval` reads them."""
    try:
        return evaluate.load_pred(path)
    except evaluate.EvalError as e:
        raise GoldError(str(e)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise GoldError(f"{path}: cannot read: {e}") from None


def gold_fact(f: dict) -> dict:
    g = {k: f[k] for k in GOLD_KEYS if f.get(k) not in (None, "", [], {})}
    for k in ("start", "end"):  # not in the hand-written corpus gold, but they say which mention
        if isinstance(f.get(k), int):
            g[k] = f[k]
    return g


def derive_value(missed: dict, ref_date: str | None, pipe=None) -> dict:
    """value/unit (and qualifier) for a missed fact that has none: the pipeline's own reading of
    the selected text, when it finds one fact of that type spanning the whole selection."""
    if missed.get("value") not in (None, ""):
        return missed
    from .core import shared_pipeline
    pipe = pipe or shared_pipeline()
    try:
        art = pipe.extract(missed["text"], ref_date=ref_date)
    except Exception:  # a text the pipeline rejects leaves the value empty (warned by the caller)
        return missed
    whole = [f for f in art.facts if f.type == missed["type"] and f.start == 0
             and f.end == len(missed["text"])]
    if len(whole) == 1:
        f = whole[0]
        out = dict(missed, value=f.value)
        if not out.get("unit") and f.unit:
            out["unit"] = f.unit
        if f.qualifier and not out.get("qualifier"):
            out["qualifier"] = f.qualifier
        return out
    if missed["type"] == "award":  # an award's value is its name
        return dict(missed, value=missed["text"])
    if missed["type"] == "count":  # one the rules leave out (连续5年): the numeral, then the unit
        from .numerals import parse_quantity
        text = missed["text"]
        for k in range(len(text), 0, -1):
            value, qualifier = parse_quantity(text[:k])
            if value is not None:
                out = dict(missed, value=value)
                if not out.get("unit") and text[k:].strip():
                    out["unit"] = text[k:].strip()
                if qualifier and not out.get("qualifier"):
                    out["qualifier"] = qualifier
                return out
    return missed


def gold_for(rec: dict, dec: Decisions, summary: Summary,
             decisions_path: str = "decisions") -> dict:
    text, aid = rec.get("text") or "", str(rec.get("id"))
    facts, seen = [], set()
    not_facts: list[str] = []
    for f in rec.get("facts") or []:
        key = (f.get("type"), f.get("start"), f.get("end"))
        seen.add(key)
        verdict = dec.verdicts.get(key)
        if verdict == "wrong":
            summary.wrong += 1
            if f.get("text") and f["text"] not in not_facts:
                not_facts.append(f["text"])
            continue
        if verdict == "right":
            summary.right += 1
        else:
            summary.kept += 1
        facts.append(gold_fact(f))
    for key in dec.verdicts:
        if key not in seen:
            raise GoldError(
                f"{decisions_path}:{dec.lines[key]}: article {aid} has no predicted {key[0]} "
                f"{dec.texts[key]!r} at {key[1]}:{key[2]} "
                "(were the decisions made on another output?)"
            )
    for key, m in dec.missed.items():
        if text and text[key[1]:key[2]] != m["text"]:
            line_key = ("missed", *key)
            raise GoldError(
                f"{decisions_path}:{dec.lines[line_key]}: article {aid}: the text at "
                f"{key[1]}:{key[2]} is not {m['text']!r}"
            )
        m = derive_value(m, rec.get("ref_date"))
        if m.get("value") in (None, ""):
            summary.warnings.append(f"{aid}: missed {m['type']} {m['text']!r} has no value; "
                                    "no prediction can match it until one is filled in")
        summary.missed += 1
        facts.append(gold_fact(m))
    facts.sort(key=lambda g: (g.get("start", 0), -g.get("end", 0)))
    gold: dict[str, Any] = {"id": aid, "ref_date": rec.get("ref_date"),
                            "boilerplate_lines": sorted(r["line"] for r in rec.get("removed") or []
                                                        if isinstance(r.get("line"), int)),
                            "facts": facts}
    if not_facts:
        gold["not_facts"] = not_facts
    gold["reviewed"] = {
        "right": sum(v == "right" for v in dec.verdicts.values()),
        "wrong": sum(v == "wrong" for v in dec.verdicts.values()),
        "missed": len(dec.missed),
        "unmarked_kept": sum(
            1
            for f in rec.get("facts") or []
            if (f.get("type"), f.get("start"), f.get("end")) not in dec.verdicts
        ),
    }
    return gold


_UNSAFE = re.compile(r"[^\w.\-]+")


def file_name(aid: str) -> str:
    """A file name for an article id: the id itself when it is safe, else a cleaned id + a hash."""
    safe = _UNSAFE.sub("_", aid).strip("._")[:100]
    if safe != aid or not safe:
        safe = f"{safe or 'article'}-{hashlib.sha1(aid.encode('utf-8')).hexdigest()[:8]}"
    return f"{safe}.gold.json"


def write(decisions: str | Path, pred: str | Path, out_dir: str | Path) -> Summary:
    decs = read_decisions(decisions)
    records = read_predictions(pred)
    missing = [aid for aid in decs if aid not in records]
    if missing:
        raise GoldError(f"{decisions}: {len(missing)} reviewed article(s) not in {pred}: "
                        + ", ".join(map(repr, missing[:5])))
    summary = Summary()
    golds = [gold_for(records[aid], dec, summary, str(decisions)) for aid, dec in decs.items()]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for g in golds:
        path = out / file_name(g["id"])
        path.write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        summary.files.append(path)
    return summary


def describe(s: Summary, out_dir: str) -> Iterable[str]:
    yield from (f"warning: {w}" for w in s.warnings)
    yield (f"{out_dir}: {len(s.files)} gold files; facts marked right {s.right}, wrong {s.wrong}, "
           f"missed {s.missed}, unmarked kept {s.kept}")
