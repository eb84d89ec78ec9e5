"""HTML → text lines + meta, with trafilatura (the `html` extra: pip install 'zhfacts[html]').

The clean stage calls html_to_text() when a Document has html and no text; the same line rules
then run on the lines it returns. trafilatura already drops most page furniture (menus,
footers); what it keeps is one paragraph, heading or list item per line. Its metadata
(title, date, author, site name) fills meta; `published` is ISO 8601.

HTML nested deeper than the parser's limit (libxml2 stops at 255 levels and drops the rest,
so the extractor finds no text) is not given to trafilatura: plain_text() dumps the text of
the whole page instead (standard library parser, no depth limit), with a warning.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

MAX_DEPTH = 250   # a little under libxml2's 255: deeper pages fall back to plain_text()


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


def html_to_text(html: str, url: str | None = None,
                 warnings: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    """(text with one block per line, meta {title, published, author, source}).

    Raises HtmlSupportMissing when trafilatura is not installed (the article then gets an
    error record that says how to install it). A page nested too deep for the parser gives
    plain_text() of the whole page, and a warning appended to `warnings` when given."""
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        if warnings is not None:
            warnings.append(f"HTML nested {depth} levels deep (parsers stop at 255): "
                            "plain text of the whole page used")
        return plain_text(html)
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


# elements without an end tag, or whose end tag may be left out: they do not nest
_FLAT = frozenset("""area base br col embed hr img input link meta param source track wbr
    p li dt dd tr td th option optgroup thead tbody tfoot colgroup rt rp""".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s[^>]*)?>")
_RAW = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)


def nesting_depth(html: str) -> int:
    """Deepest nesting of elements that must be closed (div, span, table …), by a tag scan."""
    depth = deepest = 0
    for m in _TAG.finditer(_RAW.sub("", html)):
        name = m.group(2).lower()
        if name in _FLAT or m.group(0).endswith("/>"):
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


_BLOCK = frozenset("""address article aside blockquote br dd div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul
    """.split())
_SKIP = frozenset("script style noscript template head".split())


class _Dump(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0
        self.title: list[str] | None = None
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.title = []
        elif tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.lines.append("")

    def handle_endtag(self, tag):
        if tag == "title" and self.title is not None:
            self.titles.append("".join(self.title).strip())
            self.title = None
        elif tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag in _BLOCK:
            self.lines.append("")

    def handle_data(self, data):
        if self.title is not None:
            self.title.append(data)
        elif not self.skip:
            self.lines[-1] += data


def plain_text(html: str) -> tuple[str, dict[str, Any]]:
    """All visible text of a page, one block per line (no boilerplate removal), and its title."""
    p = _Dump()
    p.feed(html)
    p.close()
    lines = [" ".join(line.split()) for line in p.lines]
    meta = {"title": p.titles[0]} if p.titles and p.titles[0] else {}
    return "\n".join(line for line in lines if line), meta
