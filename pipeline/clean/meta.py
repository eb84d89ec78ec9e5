"""meta from what the clean stage found: the values of removed metadata lines, and bylines
inside body lines (本报讯（记者 王俊岭）, （责任编辑：李四）) — those lines stay in the body."""
from __future__ import annotations

from typing import Any

import regex

from .page import Page
from .shapes import _ISO, _WS, iso_date

_INLINE_AUTHOR = regex.compile(r"[(（](?:本报|本刊|新华社|中新社)?(?:特约|全媒体|融媒)?"
                               r"记者\s*(?P<v>\p{Han}{2,4}(?:[、\s]+\p{Han}{2,4})*)"
                               r"(?:\s+(?:通讯员|实习生)\s*\p{Han}{2,4}"
                               r"(?:[、\s]+\p{Han}{2,4})*)*\s*[)）]")
_INLINE_EDITOR = regex.compile(r"[(（【\[](?:本文)?(?:责任编辑|责编|编辑)\s*"
                               r"[:：]\s*(?P<v>\p{Han}{2,4})\s*[)）】\]]")

# each with a word every match holds: most body lines are not searched at all
_INLINE = (("author", _INLINE_AUTHOR, "记者"), ("editor", _INLINE_EDITOR, "编"))


def collect(page: Page) -> dict[str, Any]:
    """One value per meta field: the first found, a removed headline copy before others,
    责任编辑 before 编辑; published as ISO 8601 when it has a year."""
    found, removed, lines, meta = page.found, page.removed, page.lines, {}
    normed = page.normed
    for i, ln in enumerate(lines):
        if ("记者" in ln or "编" in ln) and normed[i] and i not in removed:
            for key, rx, word in _INLINE:
                m = rx.search(ln) if word in ln else None
                if m:
                    found.setdefault(key, []).append((i, _WS.sub(" ", m.group("v")).strip()))
    for key, vals in found.items():
        if key == "title":  # the headline line first
            vals = sorted(vals, key=lambda iv: (iv[0] != page.headline, iv[0]))
        elif key == "editor":  # 责任编辑 before 编辑, 审核 …
            vals = sorted(vals,
                          key=lambda iv: (iv[0] in removed and "责" not in lines[iv[0]], iv[0]))
        meta[key] = vals[0][1]
    if meta.get("published") and not _ISO.match(meta["published"]):
        meta["published"] = iso_date(meta["published"]) or meta["published"]
    return meta
