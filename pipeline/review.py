"""The review page: one self-contained HTML file (no external assets, no script; works offline).

Per article: the body text with every fact highlighted (a colour per type; the tooltip gives
type, value, unit, qualifier and rule), the removed lines with their reasons and rules, the
warnings and any error. Every piece of article text is HTML-escaped.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Iterable, Iterator, Sequence

from .model import FACT_TYPES, SCHEMA, Article

EXTRA_KEYS = ("object", "recipient", "level", "change", "status", "tags")


def esc(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _template() -> Template:
    try:
        text = resources.files("pipeline.templates").joinpath("review.html").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, TypeError):
        text = (Path(__file__).parent / "templates" / "review.html").read_text(encoding="utf-8")
    return Template(text)


def _type_class(t: str) -> str:
    return f"t-{t}" if t in FACT_TYPES else "t-other"


def fact_title(f: dict) -> str:
    parts = [f"{f.get('type')}: {f.get('text')}"]
    value = f.get("value")
    if value is not None:
        v = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"value = {v}" + (f" {f['unit']}" if f.get("unit") else ""))
    elif f.get("unit"):
        parts.append(f"unit = {f['unit']}")
    if f.get("qualifier"):
        parts.append(f"qualifier = {f['qualifier']}")
    for k in EXTRA_KEYS:
        if f.get(k) not in (None, "", []):
            parts.append(f"{k} = {f[k] if isinstance(f[k], str) else json.dumps(f[k], ensure_ascii=False)}")
    parts.append(f"rule = {f.get('rule')}")
    return "\n".join(parts)


def highlight(text: str, facts: Sequence[dict]) -> str:
    """The text as HTML with a <mark> per fact. Facts may nest (an award over a date); spans that
    cross are closed and reopened so the HTML stays well formed. Facts whose offsets do not fit
    the text are left out (the page shows them in the article's warning box)."""
    good = [f for f in facts if isinstance(f.get("start"), int) and isinstance(f.get("end"), int)
            and 0 <= f["start"] < f["end"] <= len(text)]
    good.sort(key=lambda f: (f["start"], -f["end"]))
    opens: dict[int, list[int]] = {}
    bounds = {0, len(text)}
    for i, f in enumerate(good):
        opens.setdefault(f["start"], []).append(i)
        bounds.update((f["start"], f["end"]))
    tags = [f'<mark class="{_type_class(str(f.get("type")))}" title="{esc(fact_title(f))}">' for f in good]
    out: list[str] = []
    stack: list[int] = []
    points = sorted(bounds)
    for a, b in zip(points, points[1:]):
        # close what ends here; reopen what was closed above it but goes on
        ending = [i for i in stack if good[i]["end"] <= a]
        if ending:
            depth = min(stack.index(i) for i in ending)
            above = stack[depth:]
            out.append("</mark>" * len(above))
            stack = stack[:depth]
            for i in above:
                if good[i]["end"] > a:
                    out.append(tags[i])
                    stack.append(i)
        for i in opens.get(a, ()):
            out.append(tags[i])
            stack.append(i)
        out.append(esc(text[a:b]))
    out.append("</mark>" * len(stack))
    return "".join(out)


def _article_html(d: dict, n: int) -> str:
    text = d.get("text") or ""
    facts = d.get("facts") or []
    counts = Counter(str(f.get("type")) for f in facts)
    bad = [f for f in facts if not (isinstance(f.get("start"), int) and isinstance(f.get("end"), int)
                                    and 0 <= f["start"] < f["end"] <= len(text)
                                    and text[f["start"]:f["end"]] == f.get("text"))]
    meta = d.get("meta") or {}
    meta_bits = [f"<b>ref_date</b> {esc(d.get('ref_date') or '—')}"]
    for k, v in meta.items():
        if v not in (None, "", [], {}):
            meta_bits.append(f"<b>{esc(k)}</b> {esc(v)}")
    if d.get("source"):
        meta_bits.append(f"<b>source</b> {esc(d['source'])}")
    parts = [f'<article id="a{n}">', f"<h2>{esc(d.get('id'))}</h2>",
             f'<div class="meta">{" · ".join(meta_bits)}</div>',
             '<div class="meta counts">' + "".join(
                 f'<span><mark class="{_type_class(t)}">{esc(t)}</mark> {c}</span>' for t, c in sorted(counts.items()))
             + (f"<span>{len(facts)} facts</span>" if facts else "<span>no facts</span>") + "</div>"]
    if d.get("error"):
        parts.append(f'<div class="error"><b>error</b> {esc(d["error"])}</div>')
    parts.append(f'<div class="body">{highlight(text, facts)}</div>')
    warnings = list(d.get("warnings") or [])
    warnings += [f"fact offsets do not match the text: {f.get('type')} {f.get('text')!r} "
                 f"[{f.get('start')}:{f.get('end')}]" for f in bad]
    if warnings:
        parts.append('<div class="warnings"><b>warnings</b><ul>'
                     + "".join(f"<li>{esc(w)}</li>" for w in warnings) + "</ul></div>")
    removed = d.get("removed") or []
    if removed:
        reasons = Counter(str(r.get("reason")) for r in removed)
        rows = "".join(
            f'<tr><td>{esc(r.get("line"))}</td><td class="reason">{esc(r.get("reason"))}</td>'
            f'<td class="text">{esc(r.get("text"))}</td><td class="rule">{esc(r.get("rule"))}</td></tr>'
            for r in removed)
        summary = ", ".join(f"{esc(k)} {v}" for k, v in sorted(reasons.items()))
        parts.append(f"<details open><summary>{len(removed)} removed lines ({summary})</summary>"
                     '<table class="removed"><tr><th>line</th><th>reason</th><th>text</th><th>rule</th></tr>'
                     f"{rows}</table></details>")
    parts.append("</article>")
    return "\n".join(parts)


def render(articles: Iterable[Article | dict], title: str = "zhfacts review") -> str:
    """The whole page as a string."""
    dicts = [a if isinstance(a, dict) else a.to_dict() for a in articles]
    types = Counter(str(f.get("type")) for d in dicts for f in d.get("facts") or [])
    shown = [*FACT_TYPES, *sorted(t for t in types if t not in FACT_TYPES)]
    legend = "".join(
        f'<label><input type="checkbox" id="show-{esc(t)}" checked> '
        f'<span class="sw {_type_class(t)}" style="background:var(--{esc(t) if t in FACT_TYPES else "other"})"></span> '
        f"{esc(t)} ({types.get(t, 0)})</label>" for t in shown)
    hide = "\n  ".join(f"body:has(#show-{t}:not(:checked)) mark.{_type_class(t)} "
                       "{ background: none; border-bottom: 0; }" for t in FACT_TYPES)
    n_removed = sum(len(d.get("removed") or []) for d in dicts)
    n_err = sum(1 for d in dicts if d.get("error"))
    summary = (f"{len(dicts)} articles · {sum(types.values())} facts · {n_removed} removed lines"
               + (f" · {n_err} errors" if n_err else ""))
    toc = " ".join(f'<a href="#a{i}">{esc(d.get("id"))}</a>' for i, d in enumerate(dicts)) if len(dicts) > 1 else ""
    return _template().substitute(
        title=esc(title), legend=legend, hide_rules=hide, summary=esc(summary), toc=toc,
        articles="\n".join(_article_html(d, i) for i, d in enumerate(dicts)))


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
            if isinstance(data, list) and data and all(isinstance(d, dict) and d.get("schema") == SCHEMA for d in data):
                return data
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    return None


def articles_from(paths: Sequence[str], ref_date: str | None = None,
                  rules_dir: str | None = None) -> Iterator[Article | dict]:
    """Existing outputs are shown as they are; anything else is read and run through the pipeline."""
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


def render_paths(paths: Sequence[str], ref_date: str | None = None, rules_dir: str | None = None) -> str:
    title = "zhfacts review: " + ", ".join(paths[:3]) + (" …" if len(paths) > 3 else "")
    return render(articles_from(paths, ref_date, rules_dir), title=title)


def write_page(paths: Sequence[str], out: str, ref_date: str | None = None, rules_dir: str | None = None) -> int:
    arts = list(articles_from(paths, ref_date, rules_dir))
    title = "zhfacts review: " + ", ".join(paths[:3]) + (" …" if len(paths) > 3 else "")
    Path(out).write_text(render(arts, title=title), encoding="utf-8")
    return len(arts)


def screenshot(page: str, png: str, width: int = 1200, height: int = 1600,
               chromium: str = "/usr/bin/chromium") -> None:
    """A PNG of a review page with Debian's headless chromium, for a manual look (tests never need it)."""
    import subprocess
    if not Path(chromium).exists():
        raise SystemExit(f"{chromium} not found (apt-get install chromium fonts-noto-cjk)")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}",
                    f"--screenshot={Path(png).resolve()}", Path(page).resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)


if __name__ == "__main__":  # python -m pipeline.review PAGE.html OUT.png
    import sys
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m pipeline.review PAGE.html OUT.png")
    screenshot(sys.argv[1], sys.argv[2])
