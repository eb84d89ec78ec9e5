"""The clean stage for one article: the rules compiled once (Cleaner), then per article the
proposals, the zones, the removals and the metadata (see the package docstring)."""
from __future__ import annotations

import functools
import operator
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import Document
from ..rules import RuleError, Rules
from . import captions, declarations, lists, spliced, teasers, zones
from . import meta as meta_stage
from . import title as title_stage
from .context_scorer import ContextScorer
from .detectors import (
    REASONS,
    ZONES,
    ChromeWordsDetector,
    FieldsDetector,
    LinkBarDetector,
    NoHanDetector,
    PatternRule,
    Proposal,
    SpamDetector,
    _compile,
    _fits,
)
from .page import Page, Proposals, tail_company
from .result import Cleaned
from .scorer import LineScorer
from .shapes import (
    _CONTACT,
    _HAN,
    SENT,
    is_anchor_shape,
    is_headline_shape,
    is_title_shape,
    norm,
    split_lines,
)
from .triggers import (
    Triggers,
    branches,
    first_chars,
    holds_one,
    last_chars,
    lowered_firsts,
    pattern_triggers,
    required,
    starts_at_line_start,
    trigger_chars,
)
from .word_scorer import WordScorer

# the keys each kind of boilerplate rule reads; any other key is a mistake (max_length: for
# max_len: would silently do nothing), so compiling refuses it
_COMMON = {"id", "reason", "zone", "detector", "examples", "counterexamples"}
_KEYS = {
    None: _COMMON | {"pattern", "max_len", "sentence_ok", "meta", "then", "requires_date", "last",
                     "in_head", "in_table"},
    "fields": _COMMON | {"keys"},
    "link_bar": _COMMON | {"max_len", "min_items", "share", "segment_len", "words"},
    "spam": _COMMON | {"brands", "portal", "strong_portal", "max_len"},
    "spam_shape": _COMMON | {"brands", "portal", "strong_portal", "max_len"},
    "chrome_words": _COMMON | {"words", "max_len"},
    "no_han": _COMMON | {"max_len", "form"},
    "title": _COMMON | {"after_rules", "not_menu", "channel_words"},
    "above_headline": _COMMON,
    "split_fields": _COMMON,
    "line_scorer": _COMMON | {"features", "weights", "threshold"},
    "word_scorer": _COMMON | {"features", "weights", "threshold", "list_threshold", "context",
                              "lexicon", "reason_weights", "trained_on", "guards"},
    "context_scorer": _COMMON | {"features", "weights", "threshold", "trained_on"},
    "repeats_in_page": _COMMON,
    "menu_run": _COMMON | {"max_len", "min_lines", "prose"},
    "bullet_list": _COMMON | {"min_lines"},
    "spliced_keywords": _COMMON | {"min_lines"},
    "story_lists": _COMMON | {"min_lines"},
    "story_lists_tail": _COMMON | {"min_lines"},
    "related_between": _COMMON,
    "widget_list": _COMMON,
    "teaser_units": _COMMON,
    "story_cards": _COMMON,
    "bulleted_list": _COMMON | {"min_lines"},
    "bulleted_list_tail": _COMMON | {"min_lines"},
    "after_body": _COMMON | {"max_len", "max_plain"},
    "before_body": _COMMON | {"max_len"},
    "declaration_block": _COMMON | {"pattern", "max_len", "words", "min_words"},
    "cut_teasers": _COMMON | {"pattern", "min_len", "min_lines"},
    "repeated": _COMMON,
    "caption_described": _COMMON | {"min_han", "keep_rules"},
    "caption_story": _COMMON | {"min_pictures", "max_len", "min_han", "share"},
    "jammer_lines": _COMMON | {"min_lines", "max_len"},
}
_THEN_KEYS = {"reason", "max_lines", "max_len", "shape", "block"}
# what the lines under a header must look like: a headline's shape (title, the default), any
# line up to max_len (line; any and short say the same), or a quote opened by ': ' (quoted)
_THEN_SHAPES = {"title", "line", "any", "short", "quoted"}
_FIELD_KEYS = {"key", "field", "reason", "strong", "numeric", "date_only", "head", "terms"}


def check_keys(where: str, entry: dict[str, Any]) -> None:
    """RuleError naming the rule when it holds a key its kind does not read."""
    allowed = _KEYS.get(entry.get("detector"))
    if allowed is None:
        return  # an unknown detector is reported by the caller
    for what, keys, ok in (
        ("", entry, allowed),
        ("then: ", entry.get("then") or {}, _THEN_KEYS),
        *(
            (f"keys[{i}]: ", k, _FIELD_KEYS)
            for i, k in enumerate(entry.get("keys") or [])
            if isinstance(k, dict)
        ),
    ):
        unknown = sorted(set(keys) - ok) if isinstance(keys, dict) else []
        if unknown:
            raise RuleError(f"{where}: {what}unknown key {', '.join(map(repr, unknown))} "
                            f"(known: {', '.join(sorted(ok))})")
    shape = (entry.get("then") or {}).get("shape", "title")
    if shape not in _THEN_SHAPES:
        raise RuleError(f"{where}: then: unknown shape {shape!r} "
                        f"(known: {', '.join(sorted(_THEN_SHAPES))})")


def _trigger_chars(rule: Any) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """Two sets of characters of which a line holds one of each when the rule may propose for
    it (None: no such set): from a pattern's required strings, or the words a detector refuses
    a line without."""
    if isinstance(rule, PatternRule):
        return pattern_triggers(rule.re.pattern)
    if isinstance(rule, LinkBarDetector) and rule.min_items >= 2:
        # and it splits the line at one of its separators at least once
        return _detector_chars(rule), trigger_chars(next(iter(required(rule._SEP.pattern)), None))
    return _detector_chars(rule), None


def _detector_chars(rule: Any) -> frozenset[str] | None:
    if isinstance(rule, FieldsDetector):
        return frozenset(":|丨")              # every key needs one of them after it
    if isinstance(rule, SpamDetector):        # its brands (spam) or portal words (spam_shape)
        return trigger_chars(rule.brands if rule.kind == "spam" else rule.portal + rule.strong,
                             lowered=True)
    if isinstance(rule, LinkBarDetector):     # 3+ segments hold one of its words
        return trigger_chars(next(iter(required(rule.words.pattern)), None))
    if isinstance(rule, ChromeWordsDetector):  # the line is made of its words
        return trigger_chars(rule.words, lowered=True)
    return None


def _detector_firsts(rule: Any) -> frozenset[str] | None:
    """The characters a line a detector may propose for starts with (None: any): a line of
    chrome words opens with one of its words (lowercased) or with a bullet — its first segment
    is a word once the bullets are stripped (ChromeWordsDetector.propose: keep in step)."""
    if not isinstance(rule, ChromeWordsDetector) or "" in rule.words:
        return None
    return lowered_firsts({w[0] for w in rule.words} | set(rule.LEADS))


def _slots(rule: Any) -> list[tuple[Any, Any, Any, Any, Any]]:
    """The rule's trigger slots, each (chars, more chars, first chars, last chars, held): a
    line wakes the rule when it meets every condition of one slot (None: no condition). A
    pattern has a slot per top-level alternative, each read alone, so a rule of several
    shapes wakes on the words of one, not on what all share. `held` is a literal check (in C,
    cheaper than most patterns) that the line holds one of the strings the slot's pattern
    needs, asked before the pattern itself."""
    if not isinstance(rule, PatternRule):
        chars, more = _trigger_chars(rule)
        return [(chars, more, _detector_firsts(rule), None, None)]
    pattern = rule.re.pattern
    out: list[tuple[Any, Any, Any, Any, Any]] = []
    for branch in branches(pattern):
        chars, more = pattern_triggers(branch)
        # a match at the line's start (match(), or ^ first): the characters it may start with
        starts = rule.find == rule.re.match or starts_at_line_start(branch)
        source = holds_one(branch)
        out.append((chars, more, first_chars(branch) if starts else None,
                    last_chars(branch, wide=True),
                    re.compile(source).search if source else None))  # compiled at load
    return out


_BULLET = re.compile(r"^[•·\-*▪]\s+(?=\S)")
_PICTURE_FILE = re.compile(r"\.(?i:jpe?g|png|gif|webp|bmp)$")
# (or asks, then states: 南迁候鸟如何“过春节”?湿地保护修复“越冬天堂”)
_QUESTION_HEAD = re.compile(r"^[^。]{20,60}[?!][”」』\"]?$|^[^。]{8,40}[?!][^。,;:?!]{4,30}$")


def _shown_again(anchors: list[int], normed: list[str]) -> list[int]:
    """The anchors of a headline's length and shape (no 。: a paragraph printed twice under a
    photo credit is the captions pass's) that the page shows again, maybe without a part
    mark (2)."""
    short = [a for a in anchors if len(normed[a]) <= 60 and "。" not in normed[a]]
    if not short:
        return []
    stem = title_stage.part_stem
    seen = Counter(stem(m) if m[-1:] in ")）" else m for m in normed if m)
    return [a for a in short if seen[stem(normed[a])] >= 2]


# a line that breaks off mid-sentence: it ends in a comma or in a word that needs what follows
# (…代表队与 / 当晚高潮属于 / 最为惊喜的是); a menu entry, a headline or a caption never does
_DANGLING = re.compile(
    r"(?:[,、]|(?<!参)与|(?<![共平温祥暖总调缓])和|(?<![我你他她目有别])的|(?<![存现实自所])在"
    r"|(?<![但只总于或要若凡还就])是|把|被|对|向|从|将|其|于|并|而|跟|让|给|使|以及|通过|作为|随着"
    r"|(?<=\S{3})(?<![售幕前])后)$")


# a line that goes on with the sentence the line above began (被一辆小轿车撞伤 / 仍在…行驶 /
# 随后送往医院): it opens with a conjunction or an adverb tying it to that clause
_GOES_ON = re.compile(r"^(?:被|并|却|仍|及|也|更|又|而|但|所以|因此|随后|然后|于是|同时|并且|而且"
                      r"|以及|甚至|才|便|是|纷纷|有的|还(?!款)|就(?![业医诊]))")


def _broken_prose(normed: list[str], anchors: list[int], props: Any,
                  max_len: int = 30, min_lines: int = 6, min_dangling: int = 3) -> list[int]:
    """A post written a phrase a line (a WeChat layout: 8月9日晚 / 2025年…决赛 / 在…落幕):
    its sentences run on over short lines with no 。, so no line is shaped like a paragraph.
    A run of 6+ short lines between the paragraphs or beyond them, 3+ of them (and one in
    twelve) broken off mid-sentence or going on with the line above's sentence, is the body's
    text: its lines no rule proposes are paragraphs. `props(i)` gives line i's proposals."""
    out: list[int] = []
    run: list[int] = []
    is_anchor = set(anchors)

    def flush() -> None:
        # (most runs are a page's few head or tail lines: too short to count their ends)
        lines = ([i for i in run if ":" not in normed[i] and "|" not in normed[i]]
                 if len(run) >= min_lines else [])
        if len(lines) >= min_lines:
            dangling = sum(1 for i in lines
                           if _DANGLING.search(normed[i]) or _GOES_ON.match(normed[i]))
            if dangling >= min_dangling and dangling * 12 >= len(lines):
                out.extend(i for i in lines if not props(i))
        run.clear()

    for i, n in enumerate(normed):
        if not n:
            continue
        if i in is_anchor or len(n) > max_len:
            flush()
        else:
            run.append(i)
    flush()
    return out


def _unlisted(normed: list[str], a: int, b: int) -> list[str]:
    """The non-blank lines between lines a and b, without the items of a list a colon
    announces (…分别位于: / - 樟仑国中 / - 高岭民众会堂 …): the body's own list."""
    out: list[str] = []
    listing = normed[a].endswith(":")
    for k in range(a + 1, b):
        n = normed[k]
        if not n:
            continue
        if listing and n[0] in "-•·▪*●◆■" and len(n) <= 40:
            continue
        listing = n.endswith(":")
        out.append(n)
    return out


_ANNEX = re.compile(r"^附件\s*\d{0,2}\s*[:：]")


def _notice_foot(n: str) -> bool:
    """A line of a notice's foot: the text's own short lines (its contact, its date —
    zones.text_shaped), its issuer, its annex's title."""
    return bool(zones.text_shaped(n) or _ANNEX.match(n)
                or (len(n) <= 20 and zones.ISSUER.search(n) and not SENT.search(n)))


def _main_run(anchors: list[int], normed: list[str], gap: int = 4) -> list[int]:
    """The body's paragraphs without a lone long line far from the rest at either end: a
    spam farm's keyword line on top, an author's bio under the head — 4+ lines of page
    furniture between it and the next paragraph show it is not where the body starts."""
    def apart(a: int, b: int) -> bool:
        between = _unlisted(normed, a, b)
        # a table shown with bars (six cells or more, zones._pipe_cells) is the article's own
        # text between two paragraphs, not furniture
        if sum(1 for n in between if n.endswith("|") and n.strip("| ")) >= 6:
            between = [n for n in between if not n.endswith("|")]
        # a picture's file name (截屏….jpg) is where a picture stood in the text, not furniture,
        # nor is a notice's foot over its annex (联系人：…, 联系电话：…, the issuer, the date it
        # was signed, 附件：…): the annex under it is the same document
        annex = any(_ANNEX.match(n) for n in between)
        return sum(1 for n in between if not _PICTURE_FILE.search(n)
                   and not (annex and _notice_foot(n))) >= gap

    # a notice's letter under its salutation (各单位：) is the body's start
    def stray(a: int) -> bool:
        before = next((normed[k] for k in range(a - 1, -1, -1) if normed[k]), "")
        return not (before.endswith(":") and normed[a].endswith(("。", "!", "?", "”")))
    # a spun page prints its headline two or three times (…怎么样了?(2) / …怎么样了?), and a
    # headline that exclaims or asks is shaped like a paragraph: a short line the page shows
    # again is a headline, not a paragraph of the body
    again = _shown_again(anchors, normed)
    if again and len(again) < len(anchors):
        anchors = [a for a in anchors if a not in again]
    while len(anchors) >= 3 and apart(anchors[0], anchors[1]) and stray(anchors[0]):
        anchors = anchors[1:]
    # a headline that asks (…哪些奇招令居民自觉分类垃圾?) is shaped like a paragraph; with only
    # short lines (its date, source, font bar) under it, the body starts at the next paragraph
    if len(anchors) >= 2 and _QUESTION_HEAD.search(normed[anchors[0]]):
        between = [normed[k] for k in range(anchors[0] + 1, anchors[1]) if normed[k]]
        if between and all(len(b) < 30 and "。" not in b for b in between):
            anchors = anchors[1:]
    while len(anchors) >= 3 and apart(anchors[-2], anchors[-1]):
        anchors = anchors[:-1]
    # other stories' headlines listed under the body with no header, most exclaiming (…砸2千萬
    # 留住魔鷹 / 新店發生死亡車禍!…): a closing ! made some of them paragraphs; five headlines or
    # more under the last sentence paragraph, three with a !, are a list and the body ends above
    k = len(anchors)
    while k > 2 and lists.item(normed[anchors[k - 1]], marks=True):
        k -= 1
    if k < len(anchors):
        block = [normed[j] for j in range(anchors[k - 1] + 1, anchors[-1] + 1) if normed[j]]
        if lists.exclaimed(block) and all(lists.item(n, marks=True) for n in block):
            anchors = anchors[:k]
    # …and a short one closing a list of headlines under the body (返回顶部 / 某某活动启动 /
    # 某某哪些球队晋级?) is that list's last item, not the body's last paragraph
    if len(anchors) >= 2 and zones.ASKED.match(normed[anchors[-1]]):
        between = [normed[k] for k in range(anchors[-2] + 1, anchors[-1]) if normed[k]]
        if len(between) >= 2 and all(len(b) <= 30 and not SENT.search(b) for b in between):
            anchors = anchors[:-1]
    return anchors


# what a table's cell never is, whatever it holds: a menu item or a picture's label (↑6,697 is a
# change, not a ▲ caption); a forum's profile figures are metadata, a lone | a table's decoration
_NOT_IN_TABLE = frozenset({"navigation", "caption"})


class Cleaner:
    def __init__(self, rules: Rules):
        order = {r: i for i, r in enumerate(REASONS)}
        self.rules: list[Any] = []
        self.title_rule: dict[str, Any] | None = None
        self.repeated_rule: dict[str, Any] | None = None
        self.above_headline_rule: dict[str, Any] | None = None
        # detectors that judge the page, not a line
        self.page_rules: dict[str, dict[str, Any]] = {}
        self.scorer: LineScorer | None = None
        self.word_scorer: WordScorer | None = None
        self.context_scorer: ContextScorer | None = None
        fields = None
        channel = None      # the pattern a channel's name in the head is read with (lists.py)
        ranked = []
        for rf in rules.of_type("boilerplate"):
            for k, entry in enumerate(rf.rules):
                where = f"{rf.path}: rule {entry['id']}"
                reason = entry.get("reason")
                if reason not in REASONS:
                    raise RuleError(
                        f"{where}: `reason` must be one of {', '.join(REASONS)}, not {reason!r}"
                    )
                if entry.get("zone", "edge") not in ZONES:
                    raise RuleError(f"{where}: `zone` must be one of {', '.join(ZONES)}")
                det = entry.get("detector")
                check_keys(where, entry)
                if det is None:
                    if "pattern" not in entry:
                        raise RuleError(f"{where}: needs `pattern` or `detector`")
                    rule: Any = PatternRule(where, entry)
                    if entry.get("in_head") is not None:
                        if entry["in_head"] != "beside_furniture":
                            raise RuleError(f"{where}: `in_head` can only be beside_furniture")
                        channel = rule.re
                elif det == "fields":
                    rule = fields = FieldsDetector(where, entry)
                elif det == "link_bar":
                    rule = LinkBarDetector(where, entry)
                elif det == "chrome_words":
                    rule = ChromeWordsDetector(where, entry)
                elif det == "no_han":
                    rule = NoHanDetector(where, entry)
                elif det in ("spam", "spam_shape"):
                    rule = SpamDetector(where, entry, det)
                elif det == "title":
                    self.title_rule = entry
                    continue
                elif det == "repeated":
                    self.repeated_rule = entry
                    continue
                elif det == "above_headline":
                    self.above_headline_rule = entry
                    continue
                elif det == "line_scorer":
                    self.scorer = LineScorer(where, entry)
                    continue
                elif det == "word_scorer":
                    self.word_scorer = WordScorer(where, entry, rules)
                    continue
                elif det == "context_scorer":
                    self.context_scorer = ContextScorer(where, entry)
                    continue
                elif det in ("split_fields", "repeats_in_page", "menu_run", "bullet_list",
                             "contents_list", "forum_replies", "jammer_lines",
                             "story_lists", "story_lists_tail", "spliced_keywords",
                             "after_body", "before_body", *lists.PASSES, *captions.PASSES,
                             *declarations.PASSES, *teasers.PASSES):
                    self.page_rules[det] = entry
                    continue
                else:
                    raise RuleError(f"{where}: unknown detector {det!r}")
                # whole-line patterns first, then the broader detectors (fields, spam)
                # (`last: true`: a broad pattern that yields to the detectors of its reason)
                ranked.append((det is not None or bool(entry.get("last")), order[reason],
                               str(rf.path), k, rule))
        self.rules = [r for *_, r in sorted(ranked, key=lambda t: t[:4])]
        # menu_run's marks of a clause (a post's hand-broken lines are no menu)
        menu = self.page_rules.get("menu_run") or {}
        self._menu_prose = (_compile(f"rule {menu.get('id')}: prose", str(menu["prose"]))
                            if menu.get("prose") else None)
        # the list passes switched on: detector → (rule id, min_lines)
        self._list_rules = {
            det: (self.page_rules[det]["id"], int(self.page_rules[det].get("min_lines", 4)))
            for det in ("story_lists", "story_lists_tail", *lists.PASSES)
            if det in self.page_rules}
        self.fields = fields
        self._channel = channel
        # prefilter: a line with sentence punctuation (most body lines) can only be taken by
        # the few `sentence_ok` patterns; every other rule and detector refuses it anyway
        self._sent_rules = [r for r in self.rules if getattr(r, "sentence_ok", False)]
        self._middle_rules = [r for r in self.rules
                              if not isinstance(r, (PatternRule, LinkBarDetector,
                                                    ChromeWordsDetector, NoHanDetector))
                              or r.zone in ("any", "middle", "below")]
        self._sent_max = max((r.max_len for r in self._sent_rules), default=0)
        self._max = max((getattr(r, "max_len", 120) for r in self.rules), default=0)
        # rule k has the bits of its trigger slots (_slots), in rule order: slot j as (rule,
        # held, search, the bits of the rule's other slots); a pattern rule's search is called
        # directly (the length and punctuation checks of propose() are settled by the tables),
        # a detector (search None) is asked through propose()
        slots: list[tuple[Any, Any, Any, Any, Any]] = []
        self._calls: list[tuple[Any, Any, Any, int]] = []
        bit: dict[int, int] = {}
        for r in self.rules:
            own = _slots(r)
            mask = ((1 << len(own)) - 1) << len(slots)
            bit[id(r)] = mask
            for j, slot in enumerate(own):
                self._calls.append((r, slot[4], r.find if isinstance(r, PatternRule) else None,
                                    mask & ~(1 << (len(slots) + j))))
            slots += own

        # the rules to try, by (sentence punctuation, middle) and line length: a pattern rule
        # only up to its max_len
        def table(rules: list[Any], top: int) -> list[int]:
            upto = [0] * (top + 1)      # the pattern rules whose max_len is (at least) this
            detectors = 0
            for r in rules:
                if isinstance(r, PatternRule):
                    if r.max_len >= 0:
                        upto[min(r.max_len, top)] |= bit[id(r)]
                else:
                    detectors |= bit[id(r)]
            rows, acc = [0] * (top + 1), 0
            for length in range(top, -1, -1):
                acc |= upto[length]
                rows[length] = detectors | acc
            return rows
        top = max(self._max, 120)
        self._tables = {(True, False): table(self._sent_rules, self._sent_max),
                        (False, False): table(self.rules, top),
                        (False, True): table(self._middle_rules, top)}
        # between paragraphs a sentence line meets only the sentence_ok rules that may act there
        self._tables[True, True] = table([r for r in self._sent_rules if r in self._middle_rules],
                                         self._sent_max)
        # and of those, only the rules whose trigger characters the line holds

        def triggers(rows: list[int]) -> Triggers:
            """The triggers of the rules of one table only: a body sentence is looked up
            in the characters of the few sentence_ok rules, not of all rules."""
            some = functools.reduce(operator.or_, rows, 0)

            def only(k: int) -> list[Any]:
                # a rule outside the table is never asked: no condition, nothing to look up
                return [s[k] if some >> j & 1 else None for j, s in enumerate(slots)]
            # a slot's first characters: a match at the line's start may start with one of
            # them; its last: every match ends at the line's end, with one of them
            return Triggers(only(0), only(1), only(2), only(3))
        self._woken = {key: (rows, triggers(rows)) for key, rows in self._tables.items()}
        # what _wake reads of each table, in one tuple
        self._plans = {key: (rows, len(rows), t.any_start, t.by_start, t.any_end, t.by_end,
                             t.waiting, t.always, t.by_char, t.find, t.width)
                       for key, (rows, t) in self._woken.items()}
        self._han_free = sum(bit[id(r)] for r in self.rules if isinstance(r, NoHanDetector))

    def proposals(self, n: str, middle: bool = False) -> list[Proposal]:
        """What the rules propose for a normalised line; `middle`: only the rules that may act
        between two paragraphs (the others' proposals would not fit there)."""
        return list(self._props(n, middle))

    def _props(self, n: str, middle: bool = False) -> Sequence[Proposal]:
        """The line's proposals: the first asked at once (every line's is read), the rest as
        far as a caller reads; () when no rule proposes (most lines: no object made)."""
        todo = self._wake(n, middle)
        if not todo:
            return ()
        p, todo = self._step(n, todo)
        if p is None:
            return ()
        return Proposals(None, self._step, n, todo, p)

    def _wake(self, n: str, middle: bool = False) -> int:
        """The trigger slots (bits) of the rules line n may wake (0: none), read off the
        table's Triggers fields in one call (the hottest per-line step)."""
        (rows, top, any_start, by_start, any_end, by_end, waiting, always, by_char, find,
         width) = self._plans[SENT.search(n) is not None, middle]
        # longer than any rule takes (sentence lines: than any sentence_ok rule)
        if len(n) >= top:
            return 0
        todo = rows[len(n)] & (any_start | by_start.get(n[:1], 0))
        if todo & ~any_end and "\n" not in n:  # $ may match before a newline
            todo &= any_end | by_end.get(n[-1:], 0)
        if todo & waiting:
            m = always
            if len(n) < 32:     # a short line: its characters looked up one by one, no list made
                get = by_char.get
                for c in n:
                    if b := get(c):
                        m |= b
            else:
                for c in find(n):
                    m |= by_char[c]
            todo &= m & (m >> width)
        if todo & self._han_free and _HAN.search(n):
            todo &= ~self._han_free
        return todo

    def _step(self, n: str, todo: int) -> tuple[Proposal | None, int]:
        """The next proposal for line n of the rules of `todo`, and the rules left to ask after
        it: the rules after a proposal are asked only when the caller reads on."""
        calls = self._calls
        while todo:
            low = todo & -todo
            todo ^= low
            r, held, search, others = calls[low.bit_length() - 1]
            if held is not None and held(n) is None:
                continue    # not this shape of the rule; its next slot may still wake it
            todo &= ~others     # the rule is asked once
            if search is None:
                p = r.propose(n)
            else:
                m = search(n)
                if m is None:
                    continue
                p = r.hit(n, m)
            if p is not None:
                return p, todo
        return None, 0

    # the whole article ---------------------------------------------------------------------
    def page(self, lines: list[str]) -> Page:
        """The article's lines with their proposals and zones."""
        normed = [norm(ln) for ln in lines]
        # a page store's stamp leading the text ( date 2026-02-23 我是廣告 …): when no rule takes
        # the line with it, the rules read the line without it, so what follows is judged as the
        # line it is (meta.collect still reads the stamp as `published`)
        first = next((i for i, n in enumerate(normed) if n), None)
        if first is not None and (m := meta_stage.STORE_STAMP.match(normed[first])):
            rest = normed[first][m.end():].strip()
            if rest and not self._props(normed[first]):
                normed[first] = rest
        # proposals in two steps: first the lines shaped like paragraphs (to find the anchors),
        # then the rest — a line between the first and the last anchor only meets the rules
        # that may act there (zone any), so body lines in the middle cost little
        props: list[Sequence[Proposal] | None] = [None] * len(lines)
        anchors = []
        for i, n in enumerate(normed):
            if not n:
                props[i] = ()
            elif is_anchor_shape(n):
                ps = props[i] = self._props(n)
                if not ps:
                    anchors.append(i)
        # an article of short lines: any plain sentence anchors it, else all is body zone
        if not anchors:
            props = [p if p is not None else self._props(n)
                     for p, n in zip(props, normed, strict=True)]
            # (a headline-long line the page prints again is the headline's copy, no paragraph:
            # it would cut a post written a phrase a line into runs too short to read as prose)
            seen = Counter(normed)
            anchors = [i for i, n in enumerate(normed)
                       if not props[i] and len(n) >= 10
                       and (SENT.search(n) or (len(n) >= 20 and (seen[n] == 1 or len(n) > 40)))]
        def proposed(i: int) -> Sequence[Proposal]:
            if props[i] is None:
                props[i] = self._props(normed[i])
            return props[i]  # type: ignore[return-value]

        prose = _broken_prose(normed, anchors, proposed)
        if prose:
            anchors = sorted(set(anchors) | set(prose))
        anchors = _main_run(anchors, normed)
        first, last = (anchors[0], anchors[-1]) if anchors else (0, len(lines) - 1)
        for i, n in enumerate(normed):
            if props[i] is None:
                props[i] = self._props(n, first < i < last)
        return Page(lines, normed, props, anchors)  # type: ignore[arg-type]

    def clean(self, doc: Document, repeated: frozenset[str] = frozenset(),
              title: str | None = None) -> Cleaned:
        """doc.text → body, removed lines and meta. HTML is made text before this (core.process)."""
        if doc.text is None:
            # the clean stage reads text only: Pipeline.process converts HTML
            if doc.html is not None:
                raise ValueError("the clean stage needs text: make the HTML text first"
                                 " (pipeline.html.html_to_text)")
            return Cleaned(text="")
        page = self.scored_page(doc, title)
        if self.context_scorer is not None and self.word_scorer is not None:
            self.context_scorer.apply(page, self.word_scorer)   # (it reads the word scorer's)
        if "jammer_lines" in self.page_rules:   # last: what the scorers left of a jammer's noise
            rule = self.page_rules["jammer_lines"]
            zones.jammer_lines(page, rule["id"], int(rule.get("min_lines", 4)),
                               int(rule.get("max_len", 20)))
        if "repeats_in_page" in self.page_rules:   # after the scorers: see rule_copies
            zones.rule_copies(page, self.page_rules["repeats_in_page"]["id"])
        if repeated:
            self._repeated(page, repeated)
        title_stage.scored_headline(page)
        meta_stage.lone_titles(page)   # a title field goes back when it is the only headline

        filled = page.filled    # (normed never changes)
        if len(filled) == 1:  # never empty an article: a lone `2010-01-29` or headline is its text
            page.removed.pop(filled[0], None)
        meta = meta_stage.collect(page)
        body = [ln for i, ln in enumerate(page.lines) if i not in page.removed]
        return Cleaned(text="\n".join(body),
                       removed=[page.removed[i] for i in sorted(page.removed)], meta=meta)

    def scored_page(self, doc: Document, title: str | None = None) -> Page:
        """The page after the rules, the line scorer, the shape passes around the body and the
        word scorer: what the context scorer judges (and, with the word scorer taken out, what
        the word scorer's trainer reads)."""
        page = self.ruled_page(doc, title)
        if self.scorer is not None:
            self.scorer.apply(page)
        self._around_body(page)
        if self.word_scorer is not None:
            self.word_scorer.apply(page)
        return page

    def ruled_page(self, doc: Document, title: str | None = None) -> Page:
        """The page after the line rules and the page-level passes (what the scorer sees)."""
        page = self.page(split_lines(doc.text or ""))
        follow: list[tuple[int, Proposal]] = []
        above_footer: list[tuple[int, Proposal]] = []
        first, last = page.first, page.last
        for i, ps in enumerate(page.props):
            if not ps:      # a blank line, or no rule proposes
                continue
            z = "head" if i < first else "tail" if i > last else "middle"   # page.zone(i)
            k = 0
            while (p := ps.at(k)) is not None:   # type: ignore[attr-defined]
                k += 1
                if not _fits(p, z):
                    continue
                if p.tail_company and z == "tail" and not tail_company(page, i):
                    if not above_footer or above_footer[-1][0] != i:   # its first such proposal
                        above_footer.append((i, p))
                    continue
                if ((p.not_in_table or (p.reason in _NOT_IN_TABLE and not p.in_table))
                        and i in zones.table_cells(page)):
                    continue    # a table's figures and labels are the article's data
                page.take(i, p)
                if p.then:
                    follow.append((i, p))
                break
        # a company's fields right above the footer the rules took (主办单位：… 地址：… over
        # its ICP line): the footer's too, the lowest first so a run of them goes up together
        for i, p in reversed(above_footer):
            j = page.nb(i, 1)
            if (i not in page.removed and j is not None and j in page.removed
                    and page.removed[j].reason == "copyright"):
                page.take(i, p)
        zones.own_attachments(page)
        if "caption_story" in self.page_rules:   # before any pass: a photo post's own words
            rule = self.page_rules["caption_story"]
            captions.photo_story(page, int(rule.get("min_pictures", 5)),
                                 int(rule.get("max_len", 40)), int(rule.get("min_han", 3)),
                                 float(rule.get("share", 0.6)))
        for i, p in follow:
            if (p.then or {}).get("block"):
                zones.related_block(page, i, p)
            else:
                self._follow(page, i, p)
        if "spliced_keywords" in self.page_rules:  # before the headline: a phrase shown twice
            rule = self.page_rules["spliced_keywords"]
            spliced.spliced_keywords(page, rule["id"], int(rule.get("min_lines", 2)))
        if "split_fields" in self.page_rules:  # before the headline: a field's value is never one
            zones.split_fields(page, self.fields, self.page_rules["split_fields"]["id"])
        if "contents_list" in self.page_rules:  # before the headline: a contents line is none
            rule = self.page_rules["contents_list"]
            zones.contents_list(page, rule["id"], int(rule.get("min_lines", 3)))
        if "forum_replies" in self.page_rules:  # (rezone, below, gives the tail its rules back)
            zones.forum_replies(page, self.page_rules["forum_replies"]["id"])
        # a title field with no copy on the page is its headline: back before the headline is
        # looked for (a forum's 标题某某 run into its key is the only showing of the post's title)
        meta_stage.lone_titles(page)
        if self.title_rule is not None:
            title_stage.headline(page, self.title_rule, self.above_headline_rule,
                                 [doc.meta.get("title"), title])
        if self.above_headline_rule is not None:
            zones.above_headline(page, self.above_headline_rule["id"],
                                 lambda j: title_stage.kept_with(page, j), self._menu_prose)
        if "repeats_in_page" in self.page_rules:
            zones.repeats(page, self.page_rules["repeats_in_page"]["id"])
        captions.run(page, self.page_rules)
        declarations.run(page, self.page_rules)
        if "menu_run" in self.page_rules:
            zones.menu_run(page, self.page_rules["menu_run"]["id"], self.page_rules["menu_run"],
                           self._menu_prose)
        self._list_items(page)   # an item a rule names by its words, before lists take it whole
        if "bullet_list" in self.page_rules:
            rule = self.page_rules["bullet_list"]
            zones.bullet_list(page, rule["id"], int(rule.get("min_lines", 3)))
        if self._list_rules:
            lists.story_lists(page, self._list_rules, "head", self._channel)
            lists.story_lists(page, self._list_rules, "tail")
        # teasers the list passes left (a list of them under a related line is theirs)
        teasers.run(page, self.page_rules)
        zones.rezone(page, self.proposals)
        title_stage.late_headline(page)
        return page

    def _list_items(self, page: Page) -> None:
        """A page turned to text marks each item of an HTML list (• 發布日期: …, - 註冊時間):
        an item above or under the body that the page passes left is asked of the rules by
        its own words."""
        first, last, removed, normed = page.first, page.last, page.removed, page.normed
        for i in page.filled:
            n = normed[i]
            if n[0] not in "•·-*▪" or i in removed or i == page.headline or first <= i <= last:
                continue    # (between paragraphs an item is the body's own list)
            m = _BULLET.match(n)
            if m is None:
                continue
            z = "head" if i < first else "tail"
            for p in self._props(n[m.end():]):
                if _fits(p, z) and not p.then and not (
                        p.tail_company and z == "tail" and not tail_company(page, i)):
                    page.take(i, p)
                    break

    def _around_body(self, page: Page) -> None:
        """The hand-set shape passes over what the rules and the scorer left under the last
        paragraph and over the first (zones.after_body, zones.before_body)."""
        rules = self.page_rules
        if "after_body" in rules:
            rule = rules["after_body"]
            zones.after_body(page, rule["id"], int(rule.get("max_len", 40)),
                             int(rule.get("max_plain", 3)))
        if "before_body" in rules:
            rule = rules["before_body"]
            zones.before_body(page, rule["id"], int(rule.get("max_len", 30)))

    def _follow(self, page: Page, i: int, p: Proposal) -> None:
        """The lines under a header that opens a block (相关新闻 → the titles under it)."""
        cfg = p.then or {}
        max_lines, max_len = int(cfg.get("max_lines", 10)), int(cfg.get("max_len", 40))
        shape = cfg.get("shape", "title")
        reason = cfg.get("reason", p.reason)
        anchor_set = set(page.anchors)
        j, n_taken = i + 1, 0
        while j < len(page.lines) and n_taken < max_lines:
            n = page.normed[j]
            if not n:
                j += 1
                continue
            if j in page.removed:
                # a bare time under a comment header is that comment's time, not the article's
                if reason == "comment" and page.removed[j].rule.endswith(".stamp_only"):
                    page.take(j, Proposal(p.rule, reason, "any"))
                    page.found = {k: kept for k, vs in page.found.items()
                                  if (kept := [(line, v) for line, v in vs if line != j])}
                n_taken += 1
                j += 1
                continue
            if shape == "quoted":   # a reply's quote: every line opened by ': ', however long
                ok = len(n) <= max_len and n[0] in ":："
            else:
                ok = len(n) <= max_len and j not in anchor_set
            if shape == "title":
                ok = ok and (is_title_shape(n, max_len) or is_headline_shape(n, max_len))
            if not ok:
                break
            page.take(j, Proposal(p.rule, reason, "any"))
            n_taken += 1
            j += 1

    def _repeated(self, page: Page, repeated: frozenset[str]) -> None:
        """Lines the batch found on many pages of one site, in the head or tail zone."""
        rid = self.repeated_rule["id"] if self.repeated_rule else "boilerplate.repeated"
        for i, n in enumerate(page.normed):
            if not n or i in page.removed or page.zone(i) not in ("head", "tail"):
                continue
            if page.lines[i] not in repeated and n not in repeated:
                continue
            if len(n) > 60 or SENT.search(n):
                continue
            titled = is_title_shape(n, 42) and not _CONTACT.search(n)
            reason = page.props[i][0].reason if page.props[i] else ("related" if titled else "ad")
            page.take(i, Proposal(rid, reason, "edge"))
