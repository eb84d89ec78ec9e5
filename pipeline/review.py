"""The review page: one self-contained HTML file (no network, no external assets) that scales to
archives of 10,000 articles and records a reviewer's decisions.

The records go into the page once, as JSON inside <script type="application/json"> with every
`<` written as \\u003c (so no `</script>` or `<!--` in article text can end the block); the page's
own script renders only what is on screen: a virtual list of articles, and one article at a
time (its text with facts highlighted, a table of its facts, removed lines, warnings, error).
Article text only ever reaches the page through textContent and DOM calls, never innerHTML.

Decisions (a fact right or wrong, a missed fact added from a text selection) are kept in the
browser's localStorage under a key made from the data's hash and download as JSONL; `zhfacts
gold` (pipeline/gold.py) turns them into gold files. The compact data format is below
(`page_record`); the JavaScript in templates/review.js reads it.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .model import FACT_TYPES, SCHEMA, Article

# fact keys the table shows in their own columns; every other non-empty key goes to "extra"
_FACT_MAIN = ("type", "text", "start", "end", "sentence", "value", "unit", "qualifier", "rule")


def _asset(name: str) -> str:
    try:
        return resources.files("pipeline.templates").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, TypeError):
        return (Path(__file__).parent / "templates" / name).read_text(encoding="utf-8")


def _cp_slice(text: str, start: Any, end: Any) -> str | None:
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return text[start:end]
    return None


class _Interned:
    """Rule ids, types and reasons repeat on every fact: the page stores each once, by index."""

    def __init__(self, first: Sequence[str] = ()):
        self.items: list[str] = list(first)
        self.index = {s: i for i, s in enumerate(self.items)}

    def __call__(self, s: Any) -> int:
        s = "" if s is None else str(s)
        if s not in self.index:
            self.index[s] = len(self.items)
            self.items.append(s)
        return self.index[s]


def page_record(d: dict, types: _Interned, rules: _Interned) -> dict:
    """One output record in the page's compact form:
    {"id", "x": text, "s": source, "r": ref_date, "m": meta (non-empty keys), "e": error,
     "w": warnings, "rm": [[line, reason, text, rule#]], "f": [fact, …]} where a fact is
    [type#, start, end, value, rule#, unit, qualifier, extra, text] with trailing nulls cut;
    `text` is present only when the offsets do not point at it (the page then reports it)."""
    text = d.get("text") or ""
    facts = []
    for f in d.get("facts") or []:
        extra = {k: v for k, v in f.items() if k not in _FACT_MAIN and v not in (None, "", [], {})}
        row: list[Any] = [types(f.get("type")), f.get("start"), f.get("end"), f.get("value"),
                          rules(f.get("rule")), f.get("unit"), f.get("qualifier"), extra or None]
        if _cp_slice(text, f.get("start"), f.get("end")) != f.get("text"):
            row.append(f.get("text"))
        while row and row[-1] is None:
            row.pop()
        facts.append(row)
    out: dict[str, Any] = {"id": str(d.get("id")), "x": text, "f": facts}
    if d.get("source"):
        out["s"] = d["source"]
    if d.get("ref_date"):
        out["r"] = d["ref_date"]
    meta = {k: v for k, v in (d.get("meta") or {}).items() if v not in (None, "", [], {})}
    if meta:
        out["m"] = meta
    if d.get("error"):
        out["e"] = str(d["error"])
    if d.get("warnings"):
        out["w"] = [str(w) for w in d["warnings"]]
    removed = d.get("removed") or []
    if removed:
        out["rm"] = [[r.get("line"), r.get("reason"), r.get("text"), rules(r.get("rule"))]
                     for r in removed]
    return out


def page_data(articles: Iterable[Article | dict], title: str = "zhfacts review") -> dict:
    types, rules = _Interned(FACT_TYPES), _Interned()
    arts = [page_record(a if isinstance(a, dict) else a.to_dict(), types, rules) for a in articles]
    data = {"v": 1, "title": title, "types": types.items, "rules": rules.items, "a": arts}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # the decisions' storage key: the same data gives the same key, so decisions survive a reload
    # and a regenerated page of the same records, and never leak onto a page of other records
    data["key"] = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    return data


def script_json(data: Any) -> str:
    """JSON that is safe as the raw text of a <script> element: no `<` at all (so neither
    `</script>` nor `<!--` can appear) and no U+2028/2029 (old JS parsers took them as newlines)."""
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _html_text(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("{", "&#123;"))  # never a {{PLACEHOLDER}}


def render(articles: Iterable[Article | dict], title: str = "zhfacts review") -> str:
    """The whole page as a string."""
    data = page_data(articles, title)
    page = _asset("review.html")
    # our own assets first, then the title, then the data: text from the records is never
    # searched for a placeholder
    for k, v in (("{{CSS}}", _asset("review.css")),
                 ("{{JS}}", _asset("review.js").replace("</", "<\\/")),
                 ("{{TITLE}}", _html_text(title))):
        page = page.replace(k, v)
    return page.replace("{{DATA}}", script_json(data))


# -- inputs -------------------------------------------------------------------------------------

def _output_records(path: str) -> list[dict] | None:
    """The records of an existing zhfacts output (JSONL or a JSON list), else None."""
    p = Path(path)
    if path == "-" or not p.is_file():
        return None
    low = p.name.lower()
    try:
        if low.endswith((".jsonl", ".ndjson")):
            with open(p, encoding="utf-8") as f:
                first = next((ln for ln in f if ln.strip()), None)
            if first is None or json.loads(first).get("schema") != SCHEMA:
                return None
            with open(p, encoding="utf-8") as f:
                return [json.loads(ln) for ln in f if ln.strip()]
        if low.endswith(".json"):
            data = json.loads(p.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                data = [data]
            if isinstance(data, list) and data and all(isinstance(d, dict)
                                                       and d.get("schema") == SCHEMA for d in data):
                return data
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    return None


def articles_from(paths: Sequence[str], ref_date: str | None = None,
                  rules_dir: str | None = None) -> Iterator[Article | dict]:
    """Existing outputs are shown as they are; anything else is read and run through the
    pipeline."""
    from . import batch
    to_run: list[str] = []
    for p in paths:
        records = _output_records(p)
        if records is not None:
            if to_run:
                yield from batch.run(to_run, ref_date=ref_date, jobs=1, rules_dir=rules_dir)
                to_run = []
            yield from records
        else:
            to_run.append(p)
    if to_run:
        yield from batch.run(to_run, ref_date=ref_date, jobs=1, rules_dir=rules_dir)


def _title(paths: Sequence[str]) -> str:
    return "zhfacts review: " + ", ".join(paths[:3]) + (" …" if len(paths) > 3 else "")


def render_paths(paths: Sequence[str], ref_date: str | None = None,
                 rules_dir: str | None = None) -> str:
    return render(articles_from(paths, ref_date, rules_dir), title=_title(paths))


def write_page(paths: Sequence[str], out: str, ref_date: str | None = None,
               rules_dir: str | None = None) -> int:
    arts = list(articles_from(paths, ref_date, rules_dir))
    Path(out).write_text(render(arts, title=_title(paths)), encoding="utf-8")
    return len(arts)


def screenshot(page: str, png: str, width: int = 1400, height: int = 1000,
               chromium: str = "/usr/bin/chromium") -> None:
    """A PNG of a review page with headless chromium, for a manual look."""
    import subprocess
    if not Path(chromium).exists():
        raise SystemExit(f"{chromium} not found (apt-get install chromium fonts-noto-cjk)")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--window-size={width},{height}", f"--screenshot={Path(png).resolve()}",
                    Path(page).resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)


if __name__ == "__main__":  # python -m pipeline.review PAGE.html OUT.png
    import sys
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m pipeline.review PAGE.html OUT.png")
    screenshot(sys.argv[1], sys.argv[2])
