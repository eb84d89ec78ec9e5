"""meta from what the clean stage found: the values of removed metadata lines, and bylines
inside body lines (本报讯（记者 王俊岭）, （责任编辑：李四）) — those lines stay in the body.
And one page-level check the stage runs before: a title field (标题：…) stays removed only when
its title stands elsewhere on the page (lone_titles)."""
from __future__ import annotations

import re
from typing import Any

from . import twins
from .page import Page
from .shapes import _ISO, _WS, iso_date

_INLINE_AUTHOR = twins.compile(r"[(（](?:本报|本刊|新华社|中新社)?(?:特约|全媒体|融媒)?"
                               r"记者\s*(?P<v>\p{Han}{2,4}(?:[、\s]+\p{Han}{2,4})*)"
                               r"(?:\s+(?:通讯员|实习生)\s*\p{Han}{2,4}"
                               r"(?:[、\s]+\p{Han}{2,4})*)*\s*[)）]")
_INLINE_EDITOR = twins.compile(r"[(（【\[](?:本文)?(?:责任编辑|责编|编辑)\s*"
                               r"[:：]\s*(?P<v>\p{Han}{2,4})\s*[)）】\]]")

# a day-first stamp of Hong Kong and Macao pages, 28/08/2024 10:36 (the mainland writes the
# year first; a Taiwan site's system may print the US month-first order: month_first)
_DAY_FIRST = twins.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})(?![\d/.-])"
                           r"(?:\s*(?:\(\w{1,3}\)\s*)?(\d{1,2}):(\d{2}))?")

# what may follow a title field's title on its line: an empty field (文号:) or a tool ([打印本页])
_TITLE_TAIL = twins.compile(r"(?:\s+(?:\p{Han}{1,6}\s*:|\[[^\]]{1,8}\]|【[^】]{1,8}】))+$")
_TITLE_FIELD = ".title_field"

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
        # (刊登日期 : 27/07/2021: Hong Kong and Macao write the day first)
        meta["published"] = (iso_date(meta["published"]) or day_first(meta["published"])
                             or meta["published"])
    if not meta.get("published"):
        for i in sorted(removed):
            if removed[i].reason == "metadata" and (d := day_first(lines[i])):
                meta["published"] = d
                break
    if not meta.get("published") and page.filled:
        # a page store's record of the page's date leading its text ( date 2025-12-17 苗栗縣…):
        # the line is the article's, its stamp the date it was published
        m = STORE_STAMP.match(lines[page.filled[0]])
        if m:
            meta["published"] = m.group(1)
    return meta


STORE_STAMP = re.compile(r"^\s*date\s+((?:19|20)\d{2}-[01]\d-[0-3]\d)(?=\s)")


def day_first(line: str) -> str | None:
    """A day-first stamp as ISO 8601 (28/08/2024 10:36 → 2024-08-28T10:36); a first number
    that cannot be a day but the second can (08/28/2024) is read month first."""
    m = _DAY_FIRST.search(line)
    if not m:
        return None
    a, _, b, y, hh, mm = m.groups()
    d, mo = (int(b), int(a)) if int(a) <= 12 < int(b) else (int(a), int(b))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    out = f"{y}-{mo:02d}-{d:02d}"
    if hh is not None and int(hh) < 24 and int(mm) < 60:
        out += f"T{int(hh):02d}:{mm}"
    return out


def month_first(published: str, lines: list[str]) -> str:
    """On a Taiwan page a stamp in figures with the year last is month first, as its sites'
    systems print it (發布日期:6/8/2024 is June 8): `published`, read day first from one of
    `lines` where both numbers could be the month, read again month first."""
    for line in lines:
        m = _DAY_FIRST.search(line)
        if m is None or day_first(line) != published:
            continue
        a, b = int(m.group(1)), int(m.group(3))
        if a != b and a <= 12 and b <= 12:
            return f"{m.group(4)}-{a:02d}-{b:02d}" + published[10:]
    return published


def lone_titles(page: Page) -> None:
    """A title field (标题:某某镇召开…, rule *.title_field) is a record page's copy of the
    headline: it stays removed only when a kept line of the page shows the same title — the
    title alone, or with a site's name before it or a tool after it (网名:标题, 标题 [打印]).
    Else it is the page's only headline and goes back to the body: the first of two fields of
    one title (a forum's 标题: in its header and over the post) is kept, the second removed."""
    fields = [i for i, r in page.removed.items() if r.rule.endswith(_TITLE_FIELD)]
    if not fields:
        return
    titles = {i: v for i, v in page.found.get("title", []) if i in fields}
    squeezed = {j: _WS.sub("", _TITLE_TAIL.sub("", n)) for j, n in enumerate(page.normed) if n}
    for i in sorted(fields):
        title = _WS.sub("", _TITLE_TAIL.sub("", titles.get(i, ""))).strip("《》")
        if len(title) < 4:
            continue
        shown = any(j != i and j not in page.removed and title in s
                    and len(s) <= len(title) + 16 and (s.endswith(title) or s.startswith(title))
                    for j, s in squeezed.items())
        if not shown:
            del page.removed[i]
            page.kept.add(i)    # the page's headline: no later pass or scorer takes it
