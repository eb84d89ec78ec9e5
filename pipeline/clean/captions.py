"""Picture captions that only the page around them shows.

A caption carries no mark of its own as often as not (村民在长桌宴上品尝家乡菜。): alone it is
a short sentence like any other. What gives it away is how pages print it:

- twice in a row: the caption under the picture, then the same line again (the picture's alt
  text, a gallery's second label). A body never prints a sentence twice in a row; a headline
  shown twice is the title rule's (it ends in no sentence mark). Or the alt text is the
  caption's words without its number or credit, right next to it (某某雷达图 /
  图(2)某某雷达图(本站绘制)). A long label with no stop is a caption twice in a row too, below
  the first paragraph;
- as a copy of the text right under a picture's credit: a paper's page sets the story's own
  paragraphs again under the photo (…供图 / the paragraphs again / …供图); the first showing
  is the article's, the copies after the credit go;
- as a run of short one-sentence labels right above the photo story's credit (记者 某某
  摄影报道): one label a picture, the credit closing the gallery; or above the gallery's last
  label that carries the credit itself (…奉上书画作品。 某某/摄), the labels then without a comma;
- as a short sentence right under what the picture left (its file name, its markdown, an
  app's 查看精彩图片 prompt), with the text going on after it;
- as a run of short labels set flush between indented paragraphs: a page that indents every
  paragraph (　　 or spaces) leaves its pictures' labels, centred under them, without;
- as the article's title numbered: a CMS that fills each picture's alt text with the title
  and the picture's number prints 某某通车(1) … 某某通车(4), 某某公布(图1), 某某落幕 - 2
  between the paragraphs.

One pass keeps instead of removing: a post told in pictures (five or more pictures' leftovers,
a short line under most of them) keeps those lines as its words (photo_story).

Each is switched on by a rule entry in rules/boilerplate/caption.yaml (`detector:` its name).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise
from typing import Any

from .detectors import Proposal
from .page import Page
from .shapes import SENT, han_at_least

PASSES = ("caption_story", "caption_twice", "caption_gallery",
          "caption_after_picture",
          "caption_flush", "caption_numbered", "caption_described")

_ENDS = ("。", "!", "?", ")", "」")
# the rules whose line stands where a picture was: the caption comes right under it
_PICTURE_RULES = frozenset({
    "boilerplate.caption.image_file", "boilerplate.caption.file_name",
    "boilerplate.caption.markdown_image", "boilerplate.caption.placeholder",
    "boilerplate.caption.photo_by", "boilerplate.share.app_picture"})
# a photo story's credit closing its gallery: 记者 某某 摄影报道 (a plain 某某 摄 closes many
# articles whose last paragraphs are short: not enough)
_PHOTO_CREDIT = re.compile(r"(?:摄影报道|摄影报导|攝影報道)\s*[)|]?$")
# the rules of a one-sentence picture label closed by its credit (…作品。 某某/摄)
_LABEL_CREDIT_RULES = frozenset({
    "boilerplate.caption.credit_tail", "boilerplate.caption.glued_credit",
    "boilerplate.caption.supplied"})
# a paragraph's indent: two spaces or more, or an ideographic space
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
# what a flush label never holds: a field's colon, a bar, a space between names or halves, a
# list's number, a clause's comma or 、 at its end (a poem's line, a list's item)
_NOT_LABEL = re.compile(r"[:|\s]|^(?:[一二三四五六七八九十\d]+[、.)]|\(|[•·▪●■◆])|[,、;]$")
# a picture's number after a stem: (1), (图1), a number glued to a closing bracket,
# - 2, 第1张
_NUMBERED = re.compile(
    r"^(?P<stem>.*?)\s*(?:\((?:图|圖)?\s*(?P<a>\d{1,3})\)|(?<=\))(?P<b>\d{1,3})"
    r"|\s+-\s+(?P<c>\d{1,2})|\s*第\s*(?P<d>\d{1,2})\s*[张張])$")
_NUMBERED_ENDS = frozenset(")张張")
# what a label never holds: a field's colon, a bar between items, a phone number's digits,
# the space a headline sets between its two halves (某某开通一周年 日均客流突破20万)
_FIELD = re.compile(r"[:|@\s]|\d{4}")


def run(page: Page, rules: dict[str, dict[str, Any]]) -> None:
    """The caption passes switched on by `rules` (detector name → its rule entry). Each starts
    from the lines removed so far (a page has few) or from the page's repeated lines
    (Page.places, counted once): a page with neither costs next to nothing."""
    done = _removed(page)   # the lines the rules and the earlier passes removed
    if "caption_twice" in rules:
        twice(page, rules["caption_twice"]["id"], done)
    if "caption_gallery" in rules:
        gallery(page, rules["caption_gallery"]["id"], done)
    if "caption_after_picture" in rules:
        after_picture(page, rules["caption_after_picture"]["id"], done)
    if "caption_flush" in rules:
        flush(page, rules["caption_flush"]["id"])
    if "caption_numbered" in rules:
        numbered(page, rules["caption_numbered"]["id"])
    if "caption_described" in rules:   # last: it judges what every caption rule took
        rule = rules["caption_described"]
        described(page, int(rule.get("min_han", 16)), frozenset(rule.get("keep_rules") or ()))


# a bracketed credit or note ((資料照，記者某某攝), 【图】): its clause marks tell no sentence
_BRACKETED = re.compile(r"[(\[【（][^)\]】）]*[)\]】）]")
_CLAUSE = re.compile(r"[。，,；;！？!?]")
_STOPS = ("。", "！", "？", "!", "?")
_SENTENCE = re.compile(r"[。！？!?]|图\s?\d{1,2}\s?[:：]|圖\s?\d{1,2}\s?[:：]")


# a caption that opens by saying what the picture is (图为…, 上图为…): on 1,128 labelled real
# pages every such line was body
_PICTURE_IS = re.compile(r"^[(]?(?:上|下|左|右|资料)?(?:图为|图片为)")
_PICTURE_IS_MIN = 6
# a caption that opens with its date tells an event (8月16日，临高千帆竞发出港开捕。记者 某某 摄):
# on real pages labelled this round 18 of 18 such lines, the credit last, were body, most
# shorter than min_han
_DATED = re.compile(r"^(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日.*(?:摄|供图|提供)\)?$")
_DATED_MIN = 8
# a caption closed by its credit in brackets (文化發展諮詢委員會舉行全體會議。(文化局圖片),
# ▲市長某某頒獎表揚優秀選手。(體育局 提供)): on the real pages labelled in two rounds 4 of 4 such
# lines of 12 to 15 Han characters were body; a glued or spaced credit (某某庆祝完成练习。某某摄)
# still needs min_han
_BRACKET_CREDIT = re.compile(r"[(（][^()（）]{0,20}(?:图片|圖片|提供|供图|供圖|摄|攝|资料图|資料圖)"
                             r"[^()（）]{0,6}[)）]$")
_BRACKET_CREDIT_MIN = 12
_BULLETS = "•·▲■●◆ "


def described(page: Page, min_han: int, keep: frozenset[str] = frozenset()) -> None:
    """A caption that tells what the picture shows in a sentence of `min_han` Han characters
    or more (图为…，…。 / 4月29日，…开园纳客。 罗云鹏 摄) is the article's text: its first
    showing goes back to the body (a copy of it is still a caption). A credit, a label or a
    short caption stays removed."""
    normed, removed = page.normed, page.removed
    seen: set[str] = set()
    for i in page.filled:
        n = normed[i]
        key = n.lstrip(_BULLETS)    # (the caption again without the bullet it had first)
        p = removed.get(i)
        if p is None or p.reason != "caption" or key in seen or p.rule in keep:
            seen.add(key)
            continue
        # 图为… says in so many words that it tells what the picture shows: a shorter sentence,
        # and no clause mark needed when it runs on as one (图为会议现场; 图为：…, (图为…) and
        # 左图为…、右图为… are labels)
        least = (min(min_han, _PICTURE_IS_MIN) if _PICTURE_IS.match(n)
                 else min(min_han, _DATED_MIN) if _DATED.match(n)
                 else min(min_han, _BRACKET_CREDIT_MIN) if _BRACKET_CREDIT.search(n)
                 else min_han)
        if n.startswith("图为") and n[2:3] not in ":：" and han_at_least(n, least):
            del removed[i]
            page.kept.add(i)
        elif han_at_least(n, least):
            # the sentence: the line up to its last stop, without bracketed credits — the
            # credit after it (记者 李明 摄, 中央社記者某某攝五月二十七日) tells nothing
            bare = _BRACKETED.sub("", n)
            stop = max(map(bare.rfind, _STOPS))
            said = bare[:stop + 1] if stop >= 0 else bare
            # one sentence long enough: short labels run together (图1：…。图2：…。) are none
            if _CLAUSE.search(said) and any(han_at_least(x, least)
                                            for x in _SENTENCE.split(said)):
                del removed[i]
                page.kept.add(i)
        seen.add(key)


def _take(page: Page, i: int, rule_id: str) -> None:
    if i not in page.removed:
        page.take(i, Proposal(rule_id, "caption", "any"))


def _sentences(n: str) -> int:
    return len(SENT.findall(n))


Done = list[int]


def _removed(page: Page) -> Done:
    """The removed non-blank lines, in order."""
    normed = page.normed
    return [i for i in sorted(page.removed) if normed[i]]


def _place(page: Page, i: int) -> int:
    """Line i's place among the non-blank lines."""
    return bisect_left(page.filled, i)


def _repeats(page: Page) -> bool:
    """Whether the page shows any line twice."""
    return len(page.places()) < len(page.filled)


def photo_story(page: Page, min_pictures: int = 5, max_len: int = 40, min_han: int = 3,
                share: float = 0.6) -> None:
    """A post told in pictures (a family's or a school's photo blog): `min_pictures` or more
    pictures' leftovers (file names, markdown), and under `share` of them a short line no rule
    proposes. Those lines are the post's words, whatever a scorer or a shape pass would make of
    them (做鬼臉, 張校長頒發畢業證書與畢業勳章): they go back to the body and stay there
    (page.kept). Run right after the line rules, before any pass."""
    pictures = [i for i in _removed(page) if page.removed[i].rule in _PICTURE_RULES]
    if len(pictures) < min_pictures:
        return
    told = [j for i in pictures if (j := page.nb(i, 1)) is not None and j not in page.removed
            and not page.props[j] and len(page.normed[j]) <= max_len
            and han_at_least(page.normed[j], min_han)]
    if len(told) >= share * len(pictures):
        # each line's first showing: one shown again under a later picture is a copy, which the
        # passes may take
        page.kept.update({page.normed[j]: j for j in reversed(told)}.values())


def twice(page: Page, rule_id: str, done: Done | None = None, max_len: int = 100,
          min_label: int = 20, min_short: int = 8) -> None:
    """A short sentence line shown twice in a row (blank lines between): both copies go, when
    the page has body text besides them. A label of `min_label` characters or more with no
    stop shown twice in a row goes too, below the first paragraph only: above it, that is
    the headline printed twice (the title rules'). Two labels or more of `min_short`
    characters or more each shown twice in a row go wherever they stand: a headline is one
    line, a gallery prints each picture's label twice (its caption and its alt text). A line
    held whole in the caption next to it goes, and so do the lines under it while each is
    held in it."""
    filled, normed = page.filled, page.normed
    if _repeats(page):
        head = normed[page.headline] if page.headline is not None else None
        pairs: list[tuple[int, int]] = []
        labels: dict[str, list[tuple[int, int]]] = {}
        for n, ks in page.places().items():
            if len(ks) < 2 or not 6 <= len(n) <= max_len:
                continue
            label = (len(n) >= min_short and not SENT.search(n) and n != head
                     and not _FIELD.search(n))
            if not label and (not n.endswith(_ENDS) or not SENT.search(n) or _sentences(n) > 2):
                continue
            for ka, kb in pairwise(ks):
                a, b = filled[ka], filled[kb]
                if kb != ka + 1 or page.headline in (a, b):
                    continue
                if not any(i not in (a, b) and i not in page.removed for i in page.anchors):
                    continue    # the article itself, printed twice: not ours to judge
                if label:
                    labels.setdefault(n, []).append((a, b))
                else:
                    pairs.append((a, b))
        several = len(labels) >= 2   # not counting a headline shown twice
        for n, abs_ in labels.items():
            pairs += [(a, b) for a, b in abs_
                      if several or (len(n) >= min_label and a >= page.first)]
        top = filled[0] if filled else None
        for a, b in pairs:
            if a == top or page.reason(a) == "title":
                # the page's first line shown again and again is its headline: only its
                # copies go, as copies of the headline
                if b not in page.removed:
                    page.take(b, Proposal(rule_id, "title", "any"))
                continue
            _take(page, a, rule_id)
            _take(page, b, rule_id)
    for i in _removed(page) if done is None else done:
        if page.removed[i].reason != "caption":
            continue
        k = _place(page, i)
        # the line above, and the lines below while each is held in it (a gallery's labels
        # run together on one line, then shown one a picture)
        for q in [k - 1] * (k > 0) + list(range(k + 1, len(filled))):
            j = filled[q]
            if (j not in page.removed and j != page.headline and len(normed[j]) >= 8
                    and normed[j] in normed[i]):
                _take(page, j, rule_id)
            elif q > k:
                break


def gallery(page: Page, rule_id: str, done: Done | None = None, max_len: int = 24,
            min_lines: int = 3) -> None:
    """A run of `min_lines` or more short lines of one sentence each, ending in its stop,
    right above a photo story's credit (a removed line ending in 摄影报道): a gallery's labels.
    Or right above a short label closed by its credit (one of _LABEL_CREDIT_RULES): the run's
    lines have no comma then, as the labels of one gallery have none."""
    filled, normed = page.filled, page.normed
    for i in _removed(page) if done is None else done:
        n = normed[i]
        labelled = (page.removed[i].rule in _LABEL_CREDIT_RULES and len(n) <= max_len + 16
                    and _sentences(n) == 1)
        if not labelled and (("报" not in n and "報" not in n) or not _PHOTO_CREDIT.search(n)):
            continue
        k = _place(page, i)
        run: list[int] = []
        for j in reversed(filled[:k]):
            n = normed[j]
            if (j in page.removed or len(n) > max_len or not n.endswith("。")
                    or _sentences(n) != 1 or j == page.headline or (labelled and "," in n)):
                break
            run.append(j)
        if len(run) >= min_lines:
            for j in run:
                _take(page, j, rule_id)


def after_picture(page: Page, rule_id: str, done: Done | None = None,
                  max_len: int = 30) -> None:
    """A short line of one clause, ending in its stop, right under a picture's leftover (a
    line one of _PICTURE_RULES removed) and right above a kept paragraph: the picture's
    caption. A subhead there ends in no stop; a paragraph is longer or has a comma."""
    filled, normed = page.filled, page.normed
    for i in _removed(page) if done is None else done:
        if page.removed[i].rule not in _PICTURE_RULES:
            continue
        k = _place(page, i)
        if k + 2 >= len(filled):
            continue
        j, after = filled[k + 1], filled[k + 2]
        n = normed[j]
        if (j in page.removed or len(n) > max_len or not n.endswith("。") or _sentences(n) != 1
                or "," in n or j == page.headline or after in page.removed
                or after not in page.anchors):
            continue
        _take(page, j, rule_id)


def flush(page: Page, rule_id: str, max_len: int = 30, min_lines: int = 2,
          min_paragraphs: int = 3, share: float = 0.8, min_han: int = 4) -> None:
    """A run of `min_lines` or more short lines set flush (no indent) between two indented
    paragraphs, on a page that indents `share` of its paragraphs from its first indented one
    to its last (`min_paragraphs` or more):
    its pictures' labels, which a page centres under each picture. Each line is one clause
    of `max_len` characters or fewer and `min_han` Chinese characters or more (a section's
    number, 01, is no label), no stop but at its end, nothing of a field, a list or a byline
    (_NOT_LABEL); a single flush line is as often a subhead and stays."""
    anchors = page.anchors
    if len(anchors) < min_paragraphs:
        return
    lines, filled, normed = page.lines, page.filled, page.normed
    indented = [a for a in anchors if _INDENT.match(lines[a])]
    if len(indented) < min_paragraphs:
        return
    # the share among the paragraphs from the first indented one to the last (a teaser or a
    # note set flush outside them is no paragraph of this text)
    inside = [a for a in anchors if indented[0] <= a <= indented[-1]]
    if len(indented) < share * len(inside):
        return
    top = set(indented)
    lo, hi = bisect_left(filled, indented[0]), bisect_left(filled, indented[-1])
    run: list[int] = []
    for q in range(lo + 1, hi + 1):
        j = filled[q]
        n = normed[j]
        if (j not in page.removed and not _INDENT.match(lines[j]) and len(n) <= max_len
                and han_at_least(n, min_han) and not _NOT_LABEL.search(n)
                and not SENT.search(n[:-1]) and j != page.headline):
            run.append(j)
            continue
        if len(run) >= min_lines and j in top and filled[q - len(run) - 1] in top:
            for i in run:
                _take(page, i, rule_id)
        run = []


def numbered(page: Page, rule_id: str, min_han: int = 4) -> None:
    """Lines after the first paragraph that are one stem and a picture's number: two or more
    with one stem and different numbers (某某通车(1) … (4)), or one whose stem is the headline
    or another line of the page (某某公布 / 某某公布(图1)). The headline and the lines above
    the first paragraph are left to the title rules (a page's second part, 某某(2), is a title)."""
    filled, normed = page.filled, page.normed
    _counted(page, rule_id)
    stems: dict[str, list[tuple[int, str]]] = {}
    for i in filled:
        if i < page.first or i == page.headline or i in page.removed:
            continue
        # every match ends in a digit, ) or 张/張, at the end or before a last newline
        n = normed[i]
        end = n[-2:-1] if n.endswith("\n") else n[-1:]
        if end not in _NUMBERED_ENDS and not end.isdigit():
            continue
        m = _NUMBERED.match(n)
        if m is None or not han_at_least(m["stem"], min_han):
            continue
        stems.setdefault(m["stem"], []).append((i, m["a"] or m["b"] or m["c"] or m["d"]))
    if not stems:
        return
    shown = {normed[i] for i in filled}
    head = normed[page.headline] if page.headline is not None else None
    for stem, xs in stems.items():
        if len({n for _, n in xs}) >= 2 or stem in shown or stem == head:
            for i, _ in xs:
                _take(page, i, rule_id)


# a picture's number alone on its line, maybe with a short note (2 (已售出))
_BARE_NUMBER = re.compile(r"^(\d{1,3})\s*(?:[(（][^()（）]{1,6}[)）])?$")


def _counted(page: Page, rule_id: str, min_lines: int = 5) -> None:
    """A run of `min_lines` or more lines after the first paragraph that are each a bare
    number counting up by one from 1 (1 / 2 (已售出) / 3 …): a gallery's pictures numbered one
    by one, their pictures gone. A table column's figures neither start at 1 nor go up by one."""
    run: list[int] = []
    last = 0
    for i in [*page.filled, -1]:
        m = None if i < page.first or i in page.removed else _BARE_NUMBER.match(page.normed[i])
        k = int(m[1]) if m is not None else 0
        if m is not None and k == (last + 1 if run else 1):
            run.append(i)
        else:
            if len(run) >= min_lines:
                for j in run:
                    _take(page, j, rule_id)
            run = [i] if k == 1 else []
        last = k

