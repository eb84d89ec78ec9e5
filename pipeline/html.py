"""HTML → text lines + meta, with trafilatura (the `html` extra: pip install 'zhfacts[html]').

The clean stage calls html_to_text() when a Document has html and no text; the same line rules
then run on the lines it returns. trafilatura already drops most page furniture (menus,
footers); what it keeps is one paragraph, heading or list item per line. Its metadata
(title, date, author, site name) fills meta; `published` is ISO 8601.
"""
from __future__ import annotations

from typing import Any


class HtmlSupportMissing(RuntimeError):
    """trafilatura is not installed."""


def _trafilatura():
    try:
        import trafilatura
    except ImportError as e:
        raise HtmlSupportMissing(
            "HTML input needs trafilatura: pip install 'zhfacts[html]' "
            f"(import failed: {e})") from None
    return trafilatura


def available() -> bool:
    try:
        _trafilatura()
    except HtmlSupportMissing:
        return False
    return True


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """(text with one block per line, meta {title, published, author, source}).

    Raises HtmlSupportMissing when trafilatura is not installed (the article then gets an
    error record that says how to install it)."""
    traf = _trafilatura()
    doc = traf.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                               include_tables=True, favor_precision=False, deduplicate=False)
    if doc is None:
        return "", {}
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    meta: dict[str, Any] = {}
    for ours, theirs in (("title", "title"), ("author", "author"), ("source", "sitename")):
        v = get(theirs)
        if isinstance(v, str) and v.strip():
            meta[ours] = v.strip()
    date = get("date")
    if isinstance(date, str) and date.strip():
        from .clean import iso_date
        meta["published"] = iso_date(date) or date.strip()
    return text, meta
