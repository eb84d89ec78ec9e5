"""Who received an honour: the trigger's subject (徐彩萍获评…, 市妇联被评为…) or object (授予张三…称号).

Used by pipeline/find/award.py once an award is known to be governed by a trigger; the word
lists come from rules/award.yaml (rule award.trigger: `recipient_*` keys), compiled once.
Returns the recipient as written, or None when the text does not say (a pronoun, nothing
before the trigger in its clause, or a subject too long to be a name).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from . import nlp
from .context import Context

# jieba.posseg cuts a text block by block: runs of these characters, and the runs between them
# (punctuation, spaces) piece by piece; nothing crosses a block's edge, HMM included. So the
# tokens of the whole blocks around a candidate are exactly the tokens the whole sentence gives
# there, at a fraction of the cost (pos_tokens).
_PIECES = regex.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]+|[^\u4E00-\u9FD5a-zA-Z0-9+#&._]+")
WINDOW = 32


def pos_tokens(ctx: Context, pos: int, hi: int | None = None, hmm: bool = True) -> list[nlp.Token]:
    """jieba POS tokens of the sentence holding `pos`, only of the whole blocks that reach within
    WINDOW characters of [pos, hi] (offsets into the whole text): with hmm=True the same tokens
    as ctx.tokens(pos, pos=True) there; each block is tagged once per article. hmm=False (no
    guessing of unknown words, so unknown names stay single characters) is enough for where a
    name starts and ends; who received it (nr names) asks for hmm=True."""
    text = ctx.text
    s, e = ctx.sentence_span(pos)
    cache = ctx.__dict__.setdefault("_award_pieces", {})
    pieces = cache.get(s)
    if pieces is None:
        pieces = cache[s] = [m.span() for m in _PIECES.finditer(text, s, e)]
    lo, up = pos - WINDOW, max(pos, hi if hi is not None else pos) + WINDOW
    out: list[nlp.Token] = []
    for a, b in pieces:
        if b <= lo or a >= up:
            continue
        toks = cache.get((a, hmm))
        if toks is None:
            toks = cache[(a, hmm)] = [nlp.Token(t.text, t.start + a, t.end + a, t.pos)
                                      for t in nlp.segment_pos(text[a:b], hmm)]
        out.extend(toks)
    return out

# Where a trigger's clause begins: the subject never reaches across these.
CLAUSE_BREAK = "，,；;。！？!?\n：:"
# last characters of organisations, never of a person's name (jieba tags 科普馆 nr)
ORG_END = set("馆院局站所部会队厂校村室处组团社场店司厅委办")


@dataclass
class RecipientRules:
    lead: regex.Pattern          # time and frame phrases at the head of a subject (2023年, 近日 …)
    trail: regex.Pattern         # adverbs between subject and trigger (也 再次 先后 …)
    titles: regex.Pattern        # forms of address after a name (同志 老师 …)
    pronouns: frozenset[str]     # 他 她 其 …: the text does not name the recipient
    object_trim: regex.Pattern   # 了/给 before, 为/以 after an object recipient
    max_len: int


def compile_rules(rule: dict) -> RecipientRules:
    def alt(words):
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    lead = rule.get("recipient_lead") or []
    trail = rule.get("recipient_trail") or []
    return RecipientRules(
        lead=regex.compile(rf"(?:\d{{4}}年度?(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?|{alt(lead)}|在[^，。；]{{1,15}}?中)+"),
        trail=regex.compile(rf"(?:连续[\d一二三四五六七八九十两]+[年次届]|[\d一二三四五六七八九十两]+次|{alt(trail)})+$"),
        titles=regex.compile(rf"(?:{alt(rule.get('recipient_titles') or ['同志'])})$"),
        pronouns=frozenset(rule.get("recipient_pronouns") or []),
        object_trim=regex.compile(r"^(?:了|给|予)+|(?:为|以|同志)+$"),
        max_len=int(rule.get("recipient_max_len", 30)),
    )


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_BREAK:
        i -= 1
    return i


def _clean(rr: RecipientRules, s: int, e: int, text: str) -> tuple[int, int]:
    """Narrow [s, e) to the recipient: drop leading time phrases, trailing adverbs, spaces."""
    m = rr.lead.match(text, s, e)
    if m and m.end() > s:
        s = m.end()
    while s < e and text[s] in " \u3000、":
        s += 1
    seg = text[s:e]
    m = rr.trail.search(seg)
    if m and m.start() > 0:
        e = s + m.start()
    while e > s and text[e - 1] in " \u3000":
        e -= 1
    return s, e


def _named(ctx: Context, rr: RecipientRules, s: int, e: int) -> str | None:
    """The recipient inside [s, e): a person named at its end (执委徐彩萍 → 徐彩萍), else the whole."""
    text = ctx.text
    if e <= s:
        return None
    seg = text[s:e]
    m = rr.titles.search(seg)
    if m and m.start() > 0:
        e = s + m.start()
        seg = text[s:e]
    if seg in rr.pronouns or len(seg) > rr.max_len:
        return None
    toks = [t if t.end <= e else type(t)(t.text[:e - t.start], t.start, e, t.pos)
            for t in pos_tokens(ctx, s, e) if s <= t.start < e]
    # a person (jieba nr) at the end of the subject, its parts merged (王/秀英 → 王秀英)
    if toks and toks[-1].pos == "nr" and toks[-1].end == e:
        i = len(toks) - 1
        while i > 0 and toks[i - 1].pos == "nr" and len(toks[i - 1].text) + (e - toks[i].start) <= 4:
            i -= 1
        name = text[toks[i].start:e]
        if 2 <= len(name) <= 4 and name != seg and name[-1] not in ORG_END:
            return name
    return seg


def subject(ctx: Context, rr: RecipientRules, trig_start: int) -> str | None:
    """The receiver standing before a trigger in its clause (passive 被 … cut off)."""
    text = ctx.text
    s = _clause_start(text, trig_start)
    e = trig_start
    bei = text.rfind("被", s, e)
    if bei >= 0:
        e = bei
    else:
        # disposal: 市委将老党员孙长林评选为… — the receiver follows 将/把
        m = regex.search(r"[将把]([^将把]{2,})$", text[s:e])
        if m:
            s = s + m.start(1)
    s, e = _clean(rr, s, e, text)
    if subject_ends_in_preposition(text[s:e]):
        return None
    return _named(ctx, rr, s, e)


def relative(ctx: Context, pos: int) -> str | None:
    """获得“苏州市劳动模范”称号的代表: the receiver is the noun after 的."""
    text = ctx.text
    if text[pos:pos + 1] != "的":
        return None
    toks = [t for t in pos_tokens(ctx, pos) if t.start > pos]
    e = pos + 1
    for t in toks[:3]:
        if t.start != e or not t.pos.startswith("n") or not t.text.strip():
            break
        e = t.end
    return text[pos + 1:e] or None


def subject_ends_in_preposition(seg: str) -> bool:
    """市委书记为获得…: the clause's subject is the giver, not the receiver."""
    return bool(regex.search(r"[为向给对替]$", seg))


def object_(ctx: Context, rr: RecipientRules, trig_end: int, award_start: int) -> str | None:
    """The receiver between a trigger and the honour (授予张三同志…称号, 拟推荐李四为…)."""
    text = ctx.text
    seg = text[trig_end:award_start]
    if any(c in CLAUSE_BREAK for c in seg):
        return None
    m = rr.object_trim.sub("", seg)
    if not m:
        return None
    s = trig_end + seg.find(m)
    return _named(ctx, rr, s, s + len(m))


HOLDER = regex.compile(r"(?:获得者|获奖者|得主)?")


def apposition(ctx: Context, pos: int) -> str | None:
    """A person named right after an honour with no trigger: 全国劳动模范王秀英, 八一勋章获得者张超."""
    text = ctx.text
    m = HOLDER.match(text, pos)
    p = m.end() if m else pos
    toks = [t for t in pos_tokens(ctx, p) if t.start >= p]
    if not toks or toks[0].start != p or toks[0].pos != "nr":
        return None
    e = toks[0].end
    for t in toks[1:]:
        if t.start == e and t.pos == "nr" and e - p + len(t.text) <= 4:
            e = t.end
        else:
            break
    name = text[p:e]
    return name if 2 <= len(name) <= 4 else None
