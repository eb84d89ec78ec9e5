"""Who received an honour: the trigger's subject (徐彩萍获评…, 市妇联被评为…) or object
(授予张三…称号).

Used by pipeline/find/award.py once an award is known to be governed by a trigger; the word
lists come from rules/award.yaml (rule award.trigger: `recipient_*` keys), compiled once.
Returns the recipient as written, or None when the text does not say (a pronoun, nothing
before the trigger in its clause, or a subject too long to be a name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from . import nlp
from .context import Context
from .patterns import alternation

WINDOW = 32


def pos_tokens(ctx: Context, pos: int, hi: int | None = None, hmm: bool = True,
               window: int = WINDOW) -> list[nlp.Token]:
    """jieba POS tokens of the sentence holding `pos`, only of the whole blocks that reach within
    WINDOW characters of [pos, hi] (offsets into the whole text): ctx.window's tokens, the same
    as ctx.tokens(pos, pos=True) there with hmm=True; each block is tagged once per article.
    hmm=False (no guessing of unknown words, so unknown names stay single characters) is enough
    for where a name starts and ends; who received it (nr names) asks for hmm=True, and only for
    the blocks that hold [pos, hi] (window=0): a name never crosses a block's edge."""
    return ctx.window(pos, hi, pos=True, hmm=hmm, margin=window)


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
    means: regex.Pattern         # 凭借/通过 …: what follows is how, not who (作家某某凭借小说…获)
    surnames: frozenset = frozenset()   # single-character surnames: a name jieba does not tag nr
    role_ends: frozenset = frozenset()  # last characters of a role word before a name (职工, 书记)


def compile_rules(rule: dict) -> RecipientRules:
    alt = alternation
    lead = rule.get("recipient_lead") or []
    trail = (rule.get("recipient_trail") or []) + (rule.get("recipient_trail_time") or [])
    return RecipientRules(
        lead=regex.compile(rf"(?:\d{{4}}年度?(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?|{alt(lead)}|在[^，。；,;]{{1,15}}?中)+"),
        trail=regex.compile(rf"(?:连续[\d一二三四五六七八九十两]+[年次届]|[\d一二三四五六七八九十两]+次|\d{{4}}年度?"
                            rf"|等[\d一二三四五六七八九十两百余多]+[个名位家户支人项所]\p{{Han}}{{0,4}}?|{alt(trail)})+$"),
        titles=regex.compile(rf"(?:{alt(rule.get('recipient_titles') or ['同志'])})$"),
        pronouns=frozenset(rule.get("recipient_pronouns") or []),
        object_trim=regex.compile(r"^(?:了|给|予)+|(?:为|以|同志)+$"),
        max_len=int(rule.get("recipient_max_len", 30)),
        means=regex.compile(alt(rule.get("recipient_means") or ["凭借"])),
        surnames=frozenset("".join(rule.get("recipient_surnames") or [])),
        role_ends=frozenset("".join(rule.get("recipient_role_ends") or [])),
    )


_COUNT_ONLY = regex.compile(r"[\d一二三四五六七八九十百千万两余多]+[名位个户家]")
# compiled once: `regex`'s own cache lookup of a pattern string costs more than the match
_LIST_SEP = regex.compile(r"([、和与及])")
_DISPOSAL = regex.compile(r"[将把]([^将把]{2,})$")
_GIVER_END = regex.compile(r"[为向给对替]$")
_OBJECT_LEAD = regex.compile(r"^(?:了|给|予)+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


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
    if m:
        e = s + m.start()        # all adverbs (还首次获评…): no receiver in this clause
    while e > s and text[e - 1] in " \u3000":
        e -= 1
    return s, e


def _named(ctx: Context, rr: RecipientRules, s: int, e: int) -> str | None:
    """The recipient inside [s, e): a person named at its end (执委徐彩萍 → 徐彩萍), else the
    whole."""
    text = ctx.text
    if e <= s:
        return None
    seg = text[s:e]
    m = rr.titles.search(seg)
    if m and m.start() > 0 and not _COUNT_ONLY.fullmatch(seg[:m.start()]):
        e = s + m.start()
        seg = text[s:e]
    if seg in rr.pronouns or len(seg) > rr.max_len:
        return None
    if seg[-1] in ORG_END:
        # ends as an organisation does: no person at its end, no tokens needed
        return seg
    toks = [t if t.end <= e else type(t)(t.text[:e - t.start], t.start, e, t.pos)
            for t in pos_tokens(ctx, s, e, window=0) if s <= t.start < e]
    # several people (张海、李秀云、王建新获评…): the list as written
    # (技师李强、护士长孙丽等获评… → 李强、孙丽: each item's person, joined as written)
    pieces = _LIST_SEP.split(seg)
    if len(pieces) > 1 and all(pieces[::2]):
        out, at = [], s
        for i, x in enumerate(pieces):
            if i % 2:
                out.append(x)
            else:
                out.append(_person(ctx, rr, toks, at, at + len(x)))
            at += len(x)
        if all(out):
            return "".join(out)
    return _person(ctx, rr, toks, s, e) or seg


def _person(ctx: Context, rr: RecipientRules, toks, s: int, e: int) -> str | None:
    """A person named at the end of [s, e) (执委徐彩萍 → 徐彩萍), or None. jieba's nr, its parts
    merged (王/秀英 → 王秀英), with a surname it left out (职工马|玉兰 → 马玉兰); else a surname
    and one or two characters right after a role word (村党委书记刘长山, 项目经理陈刚)."""
    text = ctx.text
    seg = text[s:e]
    toks = [t for t in toks if s <= t.start and t.end <= e]
    if toks and toks[-1].pos == "nr" and toks[-1].end == e:
        i = len(toks) - 1
        while (
            i > 0 and toks[i - 1].pos == "nr" and len(toks[i - 1].text) + (e - toks[i].start) <= 4
        ):
            i -= 1
        ns = toks[i].start
        if (
            i > 0
            and toks[i - 1].end == ns
            and toks[i - 1].pos in ("ns", "nt")
            and text[ns - 1] not in rr.role_ends
        ):
            # 重庆|马拉松: a place (not a role: 中学教师|陈晓燕) makes it a thing's name
            return None
        if e - ns == 2 and ns - 1 >= s and text[ns - 1] in rr.surnames \
                and (ns - 1 == s or text[ns - 2] in rr.role_ends):
            ns -= 1
        name = text[ns:e]
        if 2 <= len(name) <= 4 and name[-1] not in ORG_END:
            return name
    for n in (3, 2):
        ns = e - n
        if ns >= s and _han(text[ns:e]) and text[ns] in rr.surnames and text[e - 1] not in ORG_END \
                and ((ns == s and len(seg) == n) or (ns > s and text[ns - 1] in rr.role_ends)):
            if ns > s and n == 3 and text[ns + 1] in rr.surnames and text[ns] in rr.role_ends:
                continue
            return text[ns:e]
    return None


def _han(s: str) -> bool:
    return _HAN_RUN.fullmatch(s) is not None


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
        m = _DISPOSAL.search(text[s:e])
        if m:
            s = s + m.start(1)
    m = rr.means.search(text, s, e)
    if m and m.start() - s >= 2:
        e = m.start()            # 作家刘某凭借长篇小说《…》摘得…: who, not how
    s, e = _clean(rr, s, e, text)
    if subject_ends_in_preposition(text[s:e]):
        return None
    return _named(ctx, rr, s, e)


def relative(ctx: Context, pos: int, rr: RecipientRules | None = None) -> str | None:
    """获得“苏州市劳动模范”称号的代表: the receiver is the noun after 的; a person named at its
    end when there is one (荣获…的城西中学教师许丽娟 → 许丽娟)."""
    text = ctx.text
    if text[pos:pos + 1] != "的":
        return None
    toks = [t for t in pos_tokens(ctx, pos, pos + 2, window=0) if t.start > pos]
    e = pos + 1
    for t in toks[:3]:
        if t.start != e or not t.pos.startswith("n") or not t.text.strip():
            break
        e = t.end
    if rr is not None and e > pos + 1:
        return _person(ctx, rr, toks, pos + 1, e) or text[pos + 1:e]
    return text[pos + 1:e] or None


def subject_ends_in_preposition(seg: str) -> bool:
    """市委书记为获得…: the clause's subject is the giver, not the receiver."""
    return bool(_GIVER_END.search(seg))


def object_(ctx: Context, rr: RecipientRules, trig_end: int, award_start: int) -> str | None:
    """The receiver between a trigger and the honour (授予张三同志…称号, 拟推荐李四为…)."""
    text = ctx.text
    seg = text[trig_end:award_start]
    if any(c in CLAUSE_BREAK for c in seg):
        return None
    m = rr.object_trim.sub("", seg)
    if _COUNT_ONLY.fullmatch(m or ""):
        m = _OBJECT_LEAD.sub("", seg)    # 授予30名同志…: the count and who, not “30名”
    if not m:
        return None
    s = trig_end + seg.find(m)
    return _named(ctx, rr, s, s + len(m))


HOLDER = regex.compile(r"(?:获得者|获奖者|得主)?")


def apposition(ctx: Context, pos: int, rr: RecipientRules | None = None) -> str | None:
    """A person named right after an honour with no trigger: 全国劳动模范王秀英, 八一勋章获得者张超;
    or after 、 and a role (全国劳动模范、中建三局项目经理陈刚在会上发言 → 陈刚): the nouns after
    、 up to the first verb or punctuation, a person at their end."""
    text = ctx.text
    m = HOLDER.match(text, pos)
    p = m.end() if m else pos
    if not _han(text[p:p + 1]) and text[p:p + 1] != "、":
        return None              # no name can start here: no tokens needed
    toks = [t for t in pos_tokens(ctx, p, p + 2, window=0) if t.start >= p]
    if rr is not None and text[p:p + 1] == "、":
        # the first person after a role, within the words that follow (no punctuation, 20 chars)
        e = p + 1
        for t in toks[1:]:
            if t.start != e or not _han(t.text) or t.pos == "p" or t.end - p > 21:
                break
            e = t.end
            if t.pos.startswith("nr") and (t.start == p + 1 or text[t.start - 1] in rr.role_ends):
                name = _person(ctx, rr, toks, p + 1, e)
                if name:
                    return name
        return None
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
