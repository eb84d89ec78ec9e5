"""count facts: a number with a classifier or measure unit (rules/count.yaml,
lexicons/classifiers.tsv).

A candidate is [qualifier] NUMBER [余/多/来] UNIT [qualifier], the unit taken longest-first from
the classifier lexicon (so 个月, 个百分点, 人次 win over 个, 人). Units of kind `duration` or
`other` match only to stop a shorter unit from matching; they never make a count (years,
months and days are dates or durations; 个百分点 is a percent).

Guards, all data in rules/count.yaml `guards` and the lexicon:
- ordinals and ranks: 第114个, 首批, 前10名 (a number after 第/首/前/后 … is not a count);
- 一 as an article (一场活动, 一份答卷) where the lexicon says `one: article`; 一枚金牌 counts;
- a unit that begins another word (`not_before`: 只是, 处理, 位于 …);
- a Chinese numeral inside a longer jieba word (统一个, 十三大) or a numeral + unit inside an
  idiom (千家万户, 三番五次, 五位一体);
- titles 《…》 and short quoted names “四个全面”; trap phrases (八项规定);
- Arabic numbers glued to Latin letters or codes (5G, G20, A3);
- time units after a duration word (历时3小时) — durations are not counts;
- 发 (rounds) only before its nouns or at a clause end (`unit_needs_after`: 500发炮弹, 2000余发。);
- 分 is no unit by itself (minutes, cents, points): count.score takes it after a score word of the
  same clause (考了612分, 总分650分, 高出一本线50分; `context_units`);
- temperatures (℃ 摄氏度 度) take a sign: 零下15℃ and -5℃ → -15, -5 (`signed_units`).

Ranges (3至5个, 3-5个, 3到5万人) give ONE FACT PER END: the first end's text is its number alone
(value 3, unit of the second end, tags ["range_from"]), the second end is number + unit
(tags ["range_to"]). A trailing magnitude is shared: 3到5万人 → 30000 and 50000.
Coordinated lists share their classifier: 分别为12、15、20个 → three counts of 个.
`object` (what was counted) goes in extra when the text says it: the noun phrase after the
unit (2562个暑期见习实践岗位) or, when none follows, the one just before the number
(建立妇联组织137家).
"""
from __future__ import annotations

import regex

from .. import nlp
from ..context import Context
from ..model import Fact
from ..numerals import (
    CN_NUM_CHARS,
    NUMBER,
    NUMBER_START,
    alternation,
    enclosing,
    load_qualifiers,
    parse_quantity,
    place_names,
)
from ..rules import Rules
from ..script import simplified_table
from .simplified import as_written, find_through_simplified

_DIGITS = regex.compile(r"[0-9０-９.．]+")
_BIG_MAG = regex.compile(r"[万亿萬億]")
_BARE_MAG = regex.compile(r"[百千万亿]")
_MAGS = regex.compile(r"[百千万亿]+")
_HAN = regex.compile(r"\p{Han}")
_TAIL_BIG = regex.compile(r"[万亿]+$")
_ANY_MAG = regex.compile(r"[万亿千百]")
_COUNT_KINDS = {"classifier", "event", "measure", "time"}
_CLAUSE = "，。；！？,;!?\n"
_PUNCT = set("，。；：、！？,.;:!?（）()【】[]…—\n ")
# POS tags that can be part of a counted noun phrase (jieba): nouns, names, distinguishing
# words, nominal verbs, adjectives, the particle 的.
_NOUNISH = ("n", "vn", "b", "j", "nz", "nt", "ns", "nr", "an", "l", "i", "ng", "s", "eng")


def build(rules: Rules):
    rf = rules.file("count")
    g = rf.data.get("guards") or {}
    lex = rules.lexicon("classifiers")
    units = {r["unit"]: r for r in lex}
    q_before, q_after = load_qualifiers(rules.lexicon("qualifiers"))
    # qualifiers between number and unit are part of NUMBER/parse_quantity (余 多 来)
    q_after_unit = {w: q for w, q in q_after.items() if len(w) > 1 or w in ("许",)}

    ordinal_before = tuple(g.get("ordinal_before", []))
    rank_before = tuple(g.get("rank_before", []))
    rank_units = set(g.get("rank_units", []))
    # 位次为2.4万名, 排名升至第…: a rank word, then a linking verb, then the number
    rank_words = "|".join(map(regex.escape, g.get("rank_words", [])))
    rank_links = "|".join(map(regex.escape, g.get("rank_links", [])))
    rank_link = regex.compile(f"(?:{rank_words})(?:{rank_links})$")
    one_blockers = set(g.get("one_preceded_by", ""))
    duration_words = tuple(g.get("duration_before", []))
    ambiguous_below = float(g.get("ambiguous_below", 0.5))
    total_words = tuple(g.get("time_total_before", []))
    indefinite = set(g.get("indefinite_before", "数几若"))
    time_followers = set(g.get("time_unit_followers", "的内以左上之"))
    trap_phrases = list(g.get("trap_phrases", []))
    one_generic = tuple(g.get("one_generic", []))
    lone_terms = set(g.get("lone_terms", []))
    event_units = set(g.get("event_units", []))
    event_before = tuple(g.get("event_before", []))
    event_after = tuple(g.get("event_after", []))
    _n = "[0-9０-９" + CN_NUM_CHARS + "]"
    clock_after = regex.compile(r"[0-9０-９]|" + _n + r"+(?:分钟|分|秒)")
    clock_before = regex.compile(_n + r"(?:小时|时|分钟|分)$")
    quote_max = int(g.get("quoted_name_max", 10))
    range_seps = rf.rule("count.range").get("separators", ["至", "到", "-", "~", "～", "—"])
    list_seps = rf.rule("count.list").get("separators", ["、"])
    obj_stop = set(g.get("object_stop_words", []))
    obj_verbs = set(g.get("object_verbs", []))
    obj_nominal = set(g.get("object_nominal_verbs", []))
    ordinal_units_cn = set(g.get("ordinal_units_chinese", []))
    approx_before = g.get("approx_before", {})  # 上千名 → more_than
    one_char_not_noun = set(g.get("one_char_not_noun", ""))
    # units that make no count by themselves (kind other) but do in a context: 分 after an exam
    # or score word in the same clause (考了612分, 总分650分, 高出一本线50分)
    ctx_units = {u: (regex.compile(alternation(c["context"])), int(c.get("window", 16)),
                     tuple(c.get("not_before", [])), set(c.get("not_after_char", "")))
                 for u, c in (g.get("context_units") or {}).items()}
    # units whose Han follower must be one of these words (500发炮弹) — else punctuation or a
    # qualifier must follow (2000余发。)
    needs_after = {u: tuple(v) for u, v in (g.get("unit_needs_after") or {}).items()}
    # units a sign may precede (零下15℃, -5℃): the value is negative and the text holds the sign
    signed_units = set(g.get("signed_units", []))
    sign_words = tuple(g.get("sign_before", ["零下", "-", "−", "－", "负"]))

    unit_re = alternation(units)
    qb_re = alternation([*q_before, *approx_before])
    qa_re = alternation(q_after_unit)
    cand = regex.compile(
        r"(?P<qb>"
        + qb_re
        + r")?(?P<num>"
        + NUMBER_START
        + NUMBER
        + r")(?P<q2>[余多来几]|(?<=[百千万])把)?"
        # 3.27 亿 人次: a space before the unit only after a magnitude (12 张 in a table row is no
        # count)
        # ...or one space after Arabic digits glued to a Chinese word (项目219 个), or spaced on
        # both
        # sides when the unit ends the phrase (项目 58 个、); never after digits that another number
        # and a space precede (a flattened table row: 2023 12 个) nor before a name (姓名 1 张三)
        r"(?:(?<=[万亿萬億])[ \xa0\u2009\u202f]{1,2}"
        r"|(?<=\p{Han}[\d.]+)[ \xa0\u2009\u202f]"
        r"|(?<=\p{Han}[ \xa0\u2009\u202f][\d.]+)[ \xa0\u2009\u202f](?=(?:"
        + unit_re
        + r")(?!\p{Han})))?"
        r"(?P<unit>" + unit_re + r")"
        r"(?P<qa>" + qa_re + r")?"
    )
    unit_only = regex.compile(unit_re)
    ge_approx = regex.compile(r"(?P<q>[多余来])(?P<u>" + unit_re + r")")
    qa_only = regex.compile(qa_re)
    range_re = regex.compile(
        r"(?P<a>" + NUMBER + r")(?P<q>[余多])?(?:" + alternation(range_seps) + r")$"
    )
    list_re = regex.compile(r"(?P<a>\d+(?:\.\d+)?)(?:" + alternation(list_seps) + r")$")
    trap_re = regex.compile(alternation(trap_phrases)) if trap_phrases else None
    place_re = place_names(rules.lexicon("place_numerals"), rules.lexicon("script_pairs"))
    cn_chars = set(CN_NUM_CHARS)

    # jieba's dictionary and the guards are Simplified: a Traditional text is read through its
    # character-by-character Simplified copy (find_any below), else 民眾十萬人次 is 眾十萬 | 人次
    to_simplified = simplified_table(rules)

    def numeral_in_word(ctx: Context, s: int, unit_end: int, chinese: bool) -> bool:
        if not chinese:
            return False
        toks = ctx.tokens(s)
        for t in toks:
            if t.start < s < t.end:                 # 统一, 十三大: the numeral starts inside a word
                return True
            if t.start == s and t.end > unit_end and t.end - t.start >= 3:
                return True                          # 千家万户, 三番五次, 五位一体: an idiom
        return False

    def classifier_then_noun(t, unit_e: int) -> bool:
        """jieba joined the unit to what follows (6|类产品) but the rest is a noun of two or more
        characters (产品): the unit is a classifier before its noun. 3|只是, 两|面旗 stay words."""
        rest = t.text[unit_e - t.start:]
        if t.start >= unit_e - 1 and len(rest) >= 2:
            tag = nlp.word_tag(rest)
            if tag:
                return tag.startswith(("n", "vn"))
        # 3只羊, 20只鸡苗: jieba joins the classifier and a noun jieba's dictionary lacks as a whole
        # (只羊, 只鸡苗); its first character must be a plain noun (只是, 只有 stay blocked)
        if t.start == unit_e - 1 and rest and rest[0] not in one_char_not_noun:
            return nlp.word_tag(rest[0]) == "n"
        return False

    def _quote_fix(ctx: Context, s: int, e: int) -> tuple[int, int]:
        """Widen [s, e) so that its “ ” are paired (巾帼暖“新”驿站, “双护课堂”公益课)."""
        txt = ctx.text[s:e]
        if txt.count("“") < txt.count("”") and s > 0 and ctx.text[s - 1] == "“":
            s -= 1
        elif txt.count("“") > txt.count("”") and ctx.text[e:e + 1] == "”":
            e += 1
        return s, e

    clause_start = regex.compile(r"(?r)[" + regex.escape(_CLAUSE) + r"]")
    clause_end = regex.compile(r"[" + regex.escape(_CLAUSE) + r"]")
    obj_before_steps = [int(x) for x in g.get("object_window_before", [8, 16])]
    obj_after_steps = [int(x) for x in g.get("object_window_after", [10, 24])]
    obj_hmm = bool(g.get("object_hmm", True))

    def object_of(ctx: Context, num_start: int, unit_end: int) -> str | None:
        text = ctx.text
        # the clause around the number, looked for only as far as the widest window reaches
        # (a search to the text's ends is quadratic in a long clause with many numbers)
        lo = max(0, num_start - max(obj_before_steps, default=0) - 1)
        cm = clause_start.search(text, lo, num_start)
        cs = cm.end() if cm else lo
        hi = unit_end + max(obj_after_steps, default=0) + 1
        cm = clause_end.search(text, unit_end, hi)
        ce = cm.start() if cm else min(len(text), hi)

        def tagged(a: int, b: int, cut_left: bool, cut_right: bool) -> list:
            """POS tokens of text[a:b] only (DESIGN.md: NLP only next to the candidate); a word
            the window may have cut (cut_left, cut_right) is dropped. The number is not tagged."""
            if a >= b:
                return []
            toks = [nlp.Token(t.text, t.start + a, t.end + a,
                              # hmm=False: 12 → eng
                              "m" if t.pos == "eng" and _DIGITS.fullmatch(t.text) else t.pos)
                    for t in nlp.segment_pos(text[a:b], obj_hmm)]
            return toks[1 if cut_left else 0:len(toks) - (1 if cut_right else 0)]

        # after the unit: 2562个暑期见习实践岗位. A short window first; only when the walk runs
        # into the window's edge is a longer one tagged (most objects are a word or two).
        # (a cheap character test first: punctuation or the clause's end after the unit → none)
        if unit_end < ce and text[unit_end] not in _PUNCT:
            for size in obj_after_steps:
                we = min(ce, unit_end + size)
                # the window starts at the unit's last character: jieba tags a word better after a
                # classifier; if that character joins the next word (张券), it starts after the unit
                toks = tagged(unit_end - 1, we, False, we < ce)
                if toks and toks[0].end > unit_end:
                    toks = tagged(unit_end, we, False, we < ce)
                toks = [t for t in toks if t.start >= unit_end]
                words, open_end = after_walk(toks, unit_end)
                if not (open_end and we < ce):
                    break
            if words:
                s, e = _quote_fix(ctx, words[0].start, words[-1].end)
                return ctx.text[s:e]
        # before the number: 建立妇联组织137家
        if num_start <= cs or text[num_start - 1] in _PUNCT:
            return None
        for size in obj_before_steps:
            ws = max(cs, num_start - size)
            before = tagged(ws, num_start, ws > cs, False)
            words, open_end = before_walk(before, num_start)
            if not (open_end and ws > cs):
                break
        if words:
            s, e = _quote_fix(ctx, words[-1].start, words[0].end)
            return ctx.text[s:e]
        return None

    def after_walk(toks: list, unit_end: int) -> tuple[list, bool]:
        """The object's words after the unit, and whether the walk ran out of tokens."""
        words: list = []
        quoted = False
        open_end = True
        for t in toks:
            # a break at the window's last token may be the edge's doing
            open_end = t is toks[-1]
            if t.text in "“”‘’":
                quoted = t.text in "“‘"
                words.append(t)
                continue
            if quoted and t.text[0] not in _PUNCT:
                words.append(t)
                continue
            if t.text[0] in _PUNCT or t.text in obj_stop:
                break
            if (
                t.pos in ("p", "c", "d", "r", "u", "ul", "uz", "ug", "y", "e", "o", "m", "q")
                and t.text != "的"
            ):
                break
            if not words and t.pos == "uj":
                break
            if t.pos == "v" and not words:
                nxt = [u for u in toks if u.start == t.end]
                if (
                    not nxt
                    or not nxt[0].pos.startswith(("n", "vn", "v"))
                    or nxt[0].text[0] in _PUNCT
                ):
                    break
            elif t.pos == "v" and t.text not in obj_nominal:
                break
            words.append(t)
            if t.end - unit_end >= 20:
                open_end = False
                break
        else:
            open_end = True
        while words and (words[-1].text in ("的", "“", "‘") or words[-1].pos in ("uj", "a", "d")):
            words.pop()
        if words and any(w.pos.startswith(("n", "vn", "j", "l", "i", "nz", "nt")) for w in words):
            return words, open_end
        return [], open_end

    def before_walk(before: list, num_start: int) -> tuple[list, bool]:
        """The object's words before the number (last first), and whether the walk ran out of
        tokens."""
        if not before:
            return [], True               # the window held one word, which its edge may have cut
        if before[-1].end != num_start:
            return [], False
        words: list = []
        quoted = False
        open_end = True
        for k, t in enumerate(reversed(before)):
            prev = before[-k - 2] if k + 2 <= len(before) else None
            # a break at the window's first token may be the edge's doing
            open_end = prev is None
            if t.text in "“”‘’":
                quoted = t.text in "”’"
                words.append(t)
                continue
            if quoted and t.text[0] not in _PUNCT:
                words.append(t)
                continue
            if t.text[0] in _PUNCT or t.text in obj_stop or t.text in obj_verbs:
                break
            if t.pos.startswith(_NOUNISH) or (words and t.pos == "a") or t.text in obj_nominal \
                    or (not words and t.pos == "vn") \
                    or (not words and t.pos == "v" and len(t.text) == 1 and prev is not None
                        and prev.pos.startswith(_NOUNISH)):
                words.append(t)
                continue
            break
        else:
            open_end = True
        while words and (words[-1].text in "“”‘’" or (words[-1].pos == "v" and len(words) > 1
                                                      and words[-1].text not in obj_nominal)):
            words.pop()
        if words and any(w.pos.startswith(("n", "vn", "j", "l", "nt", "nz", "i")) for w in words):
            return words, open_end
        return [], open_end

    def find(ctx: Context) -> list[Fact]:
        text = ctx.text
        out: list[Fact] = []
        taken = [(f.start, f.end) for f in ctx.facts if f.type in ("money", "percent", "date")]
        traps = [m.span() for m in trap_re.finditer(text)] if trap_re else []
        if place_re is not None:      # 三元区, 六盘水: a numeral inside a place name
            traps += [m.span() for m in place_re.finditer(text)]

        def overlaps(s: int, e: int) -> bool:
            return any(a < e and s < b for a, b in taken)

        for m in cand.finditer(text, overlapped=False):
            num_s, num_e = m.span("num")
            q2, unit, unit_e, qa, end = (
                m.group("q2"),
                m.group("unit"),
                m.end("unit"),
                m.group("qa"),
                m.end(),
            )
            # 3.5千米, 1200万千瓦时: a magnitude the number swallowed may begin a longer unit
            for i in range(num_e - 1, num_s, -1):
                if text[i] not in "十百千万亿":
                    continue
                um = unit_only.match(text, i)
                if um and um.end() >= unit_e and parse_quantity(text[num_s:i])[0] is not None:
                    num_e, q2, unit, unit_e = i, None, um.group(), um.end()
                    qm = qa_only.match(text, unit_e)
                    qa = qm.group() if qm else None
                    end = qm.end() if qm else unit_e
                    break
            # 两个多小时, 三个多月: 个 + 多/余/来 + a unit that takes 个 (个小时, 个月) — that unit
            # decides
            if unit == "个" and not qa and not q2:
                gm = ge_approx.match(text, unit_e)
                if gm and "个" + gm.group("u") in units:
                    if units["个" + gm.group("u")]["kind"] not in _COUNT_KINDS:
                        continue
                    q2, unit, unit_e = gm.group("q"), gm.group("u"), gm.end()
                    qm = qa_only.match(text, unit_e)
                    qa = qm.group() if qm else None
                    end = qm.end() if qm else unit_e
            num = text[num_s:num_e]
            row = units[unit]
            rule_ctx = None
            if row["kind"] not in _COUNT_KINDS:
                cu = ctx_units.get(unit)
                if not cu:
                    continue
                cm_ = clause_start.search(text, max(0, num_s - cu[1]), num_s)
                ws = max(cm_.end() if cm_ else 0, num_s - cu[1])
                if not cu[0].search(text, ws, num_s) or text.startswith(cu[2], unit_e) \
                        or text[num_s - 1:num_s] in cu[3] or text[num_s - 1:num_s].isdigit():
                    continue
                rule_ctx = "count.score"
            value, qual = parse_quantity(num + (q2 or ""))
            if value is None and m.group("qb") and _BIG_MAG.fullmatch(num):
                # 近万名, 上万人: a bare 万/亿 is 1万/1亿
                value = parse_quantity("一" + num)[0]
            if value is None or value <= 0:
                continue
            chinese = num[0] in cn_chars
            before1 = text[num_s - 1] if num_s > 0 else ""
            prefix = (
                text[max(0, num_s - 4) : num_s]
                if not m.group("qb")
                else text[max(0, m.start() - 4) : m.start()]
            )
            # ordinals and ranks
            if prefix.endswith(ordinal_before):
                continue
            if unit in rank_units and prefix.endswith(rank_before):
                continue
            if unit in rank_units and rank_link.search(text, max(0, num_s - 8), num_s):
                continue
            # Arabic glued to Latin letters, codes, decimals of something else
            glued = before1 and before1.isascii() and (before1.isalnum() or before1 in "._/-:#")
            if not chinese and glued:
                # a minus sign is kept: a range (5-10个) or a signed unit after no letter or digit
                b2 = text[num_s - 2:num_s - 1]
                signed = unit in signed_units and not (b2.isascii() and b2.isalnum())
                if not (before1 == "-" and (range_re.search(text[max(0, num_s - 12):num_s])
                                            or signed)):
                    continue
            # 二期, 三届 (phases, sessions): a Chinese numeral before these is an ordinal
            if chinese and unit in ordinal_units_cn and not m.group("qb"):
                continue
            # 数十个, 几百人, 若干: indefinite, no value
            if chinese and before1 and before1 in indefinite and not m.group("qb"):
                continue
            # a bare magnitude is a count only with a qualifier (近千名, 上万人), not in 千村示范
            if _BARE_MAG.fullmatch(num) and not m.group("qb") and not q2:
                continue
            # 二次 (二次分红, 二次元, 二次创业) is a term: counting says 两次; 师徒二人 still counts
            if num + unit in lone_terms and not m.group("qb"):
                continue
            # 一 as an article
            if num in ("一", "壹") and not m.group("qb") and row["one"] == "article":
                continue
            if num == "一" and before1 in one_blockers:
                continue
            # 一亩地比去年多收…: 一 + unit + what it measures is a rate ("per mu"), not a count
            if num == "一" and not m.group("qb") and text.startswith(one_generic, m.start("unit")):
                continue
            # the unit begins another word
            nb = [w for w in row.get("not_before", "").split("|") if w]
            rest = text[unit_e:unit_e + 4]
            if nb and rest.startswith(tuple(nb)) and not qa:
                continue
            # time units after a duration word (历时3小时), or naming something (15分钟生活圈,
            # 24小时服务)
            if row["kind"] == "time":
                pre = text[max(0, m.start() - 6):m.start()]
                if pre.endswith(duration_words) and not any(w in pre for w in total_words):
                    continue
                nxt = text[end:end + 1]
                if nxt and _HAN.match(nxt) and nxt not in time_followers and not qa:
                    continue
                # a time of day or of a race (2小时08分31秒, 23秒08, 5秒92): its parts are not
                # counts
                if clock_after.match(text, unit_e) or clock_before.search(text, max(0, num_s - 4),
                                                                          num_s):
                    continue
            # an event named by its distance (男子200米, 200米跑, 100米自由泳) is not a count
            if unit in event_units and (text.endswith(event_before, max(0, num_s - 4), num_s)
                                        or text.startswith(event_after, unit_e)):
                continue
            # titles, short quoted names, trap phrases
            enc = enclosing(text, num_s, unit_e)
            if enc and (enc[0] in "《〈" or (enc[2] - enc[1]) <= quote_max):
                continue
            if any(a <= num_s < b for a, b in traps):
                continue
            if m.group("qb") in approx_before and not _MAGS.fullmatch(num):
                continue
            if numeral_in_word(ctx, m.start() if m.group("qb") else num_s, unit_e, chinese):
                continue
            # an ambiguous unit (prob below the threshold) must end where a jieba word ends:
            # 3只是, 两面旗帜 → the unit is the start of another word
            if float(row["prob"] or 0) < ambiguous_below and any(
                    t.start < unit_e < t.end and not classifier_then_noun(t, unit_e)
                    for t in ctx.tokens(num_s)):
                continue
            if unit in needs_after:
                nxt = text[end:end + 1]
                if nxt and _HAN.match(nxt) and not text.startswith(needs_after[unit], end):
                    continue
            if overlaps(m.start(), end):
                continue
            if m.group("qb"):
                qw = m.group("qb")
                qual = q_before.get(qw) or approx_before.get(qw) or qual
            if qa:
                qual = q_after_unit[qa]
            rule = rule_ctx or ("count.measure" if row["kind"] in ("measure", "time")
                                else "count.classifier")
            start = m.start()
            if unit in signed_units and not m.group("qb"):
                sw = next((w for w in sign_words if text.endswith(w, 0, num_s)), None)
                if sw and not (len(sw) == 1 and text[num_s - 2:num_s - 1].isdigit()):
                    start, value = num_s - len(sw), -value
            extra = {}
            obj = object_of(ctx, m.start(), unit_e)
            if obj:
                extra["object"] = obj
            # ranges: 3至5个 → two facts
            head = text[max(0, num_s - 16):num_s]
            rm = range_re.search(head) if not m.group("qb") else None
            if rm:
                a_txt = rm.group("a")
                a_s = num_s - len(head) + rm.start("a")
                a_val, a_q = parse_quantity(a_txt)
                mag = _TAIL_BIG.search(num)
                if a_val is not None and mag and not _ANY_MAG.search(a_txt):
                    a_val = parse_quantity(a_txt + mag.group())[0]
                if a_val is not None and (not chinese or a_txt[0] in cn_chars) and a_val < value:
                    out.append(Fact("count", a_txt, a_s, a_s + len(a_txt), a_val, "count.range",
                                    unit, a_q, extra={**extra, "tags": ["range_from"]}))
                    out.append(Fact("count", text[num_s:end], num_s, end, value, "count.range",
                                    unit, qual, extra={**extra, "tags": ["range_to"]}))
                    continue
            main = Fact("count", text[start:end], start, end, value, rule, unit, qual, extra=extra)
            # coordinated list sharing the unit: 12、15、20个
            items: list[Fact] = []
            pos = num_s
            while not chinese and not m.group("qb"):
                lm = list_re.search(text[max(0, pos - 14):pos])
                if not lm:
                    break
                a_s = pos - len(text[max(0, pos - 14):pos]) + lm.start("a")
                a_txt = lm.group("a")
                if a_s > 0 and (text[a_s - 1].isdigit() or text[a_s - 1] in ".-/"):
                    break
                a_val = parse_quantity(a_txt)[0]
                if a_val is None or overlaps(a_s, a_s + len(a_txt)):
                    break
                items.append(Fact("count", a_txt, a_s, a_s + len(a_txt), a_val, "count.list", unit,
                                  None, extra=dict(extra)))
                pos = a_s
            if items and text[max(0, pos - 4):pos].endswith(ordinal_before):
                continue          # 第1、2、3名: the whole list is ordinal
            out.append(main)
            out.extend(items)
        return out

    def restore(facts: list[Fact], text: str, simp: str) -> None:
        for f in facts:
            if f.unit:
                f.unit = as_written(f.unit, text, simp, f.start, f.end, last=True)
            if f.extra.get("object"):
                f.extra["object"] = as_written(f.extra["object"], text, simp, f.start - 40,
                                               f.end + 60)

    def find_any(ctx: Context) -> list[Fact]:
        """A Traditional text is read through its Simplified copy (same offsets), so the guards
        of rules/count.yaml hold there too; facts keep the text's own characters."""
        return find_through_simplified(find, to_simplified, ctx, restore)

    return find_any
