"""The headline in the page head: chosen by position (above metadata, under the menu, last
in a head of page furniture, never a numbered head, label, signature, table row or list of
names), with the short site and channel names above it."""
from __future__ import annotations

from typing import Any

from .detectors import Proposal
from .page import Page
from .shapes import _DATELINE, _HAN, _NOT_HEADLINE, SENT, is_headline_shape, is_title_shape, norm


def _kicker(page: Page, j: int) -> bool:
    """A site or channel name above the headline: 新闻中心, XX县融媒体中心."""
    n = page.normed[j]
    return (j not in page.removed and 2 <= len(n) <= 16 and not SENT.search(n) and not n.endswith(":")
            and len(_HAN.findall(n)) >= 2)


def headline(page: Page, rule: dict[str, Any], titles: list[Any]) -> None:
    rid = rule["id"]
    after_rules = set(rule.get("after_rules") or ())
    removed, normed, lines = page.removed, page.normed, page.lines
    head = page.head()
    known = [norm(str(v)) for v in titles if v]
    known += [norm(v) for _, v in page.found.get("title", [])]
    kicker = lambda j: _kicker(page, j)  # noqa: E731

    chosen: list[int] = []
    for i in head:
        n = normed[i]
        if i in removed or not (is_title_shape(n) or is_headline_shape(n, 36)):
            continue
        again = any(normed[j] == n for j in head if j != i)
        named = any(k == n or (len(n) >= 6 and k.startswith(n)) for k in known)
        nxt, prv = page.nb(i, 1), page.nb(i, -1)
        before_meta = nxt is not None and nxt in removed and removed[nxt].reason in ("metadata", "caption")
        under_nav = (prv is not None and prv in removed
                     and (removed[prv].reason == "navigation" or removed[prv].rule in after_rules)
                     and (nxt is None or page.zone(nxt) != "head"))
        # an official document: the headline alone above its salutation (各有关单位：)
        first_left = all(j in removed for j in head if j < i)
        salutation = (nxt is not None and nxt not in removed and normed[nxt].endswith(":")
                      and len(normed[nxt]) <= 40 and any(j in removed for j in head if j < i))
        # the last line of the page head, right above the body, with only removed lines
        # (and site names) above it: 点击上方蓝字关注 / 转载自… / 江城地铁4号线全线贯通！
        above = [j for j in head if j < i]
        above_body = (nxt is not None and page.zone(nxt) != "head" and nxt not in removed
                      and any(j in removed for j in above) and all(j in removed or kicker(j) for j in above)
                      and not _DATELINE.search(n)
                      # ！？ in it (家人们，好消息来了！ opens a post): only right under a source or menu line
                      and (is_title_shape(n) or (prv in removed and removed[prv].reason in ("metadata", "navigation"))))
        # a later candidate when only furniture lies between: 城市晚报数字报 / date / 版面 / headline
        free = not chosen or all(j in removed or j in chosen or kicker(j) for j in above if j > chosen[-1])
        placed = before_meta or under_nav or above_body
        if again or named or ((first_left and salutation) or (placed and not _NOT_HEADLINE.search(n))) and free:
            chosen.append(i)
    for i in chosen:
        page.take(i, Proposal(rid, "title", "head", {"title": lines[i].strip()} if i == chosen[-1] else {}))
    for i in head:  # the site's name over its menu: XX县融媒体中心 / 首页 丨 时政 丨 …
        nxt = page.nb(i, 1)
        if (kicker(i) and nxt is not None and nxt in removed and removed[nxt].reason == "navigation"
                and i not in chosen and all(j in removed or kicker(j) for j in head if j < i)):
            page.take(i, Proposal(rid, "navigation", "head"))
    if chosen:  # short lines above the headline, with nothing but page furniture above them
        top = [j for j in head if j < chosen[-1]]
        if all(j in removed or kicker(j) for j in top):
            for j in top:
                if j not in removed:
                    reason = "title" if page.nb(j, 1) == chosen[0] else "navigation"
                    page.take(j, Proposal(rid, reason, "head"))
