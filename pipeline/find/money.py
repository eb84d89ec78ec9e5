"""money facts: amounts of money (rules/money.yaml, lexicons/currencies.tsv,
lexicons/money_context.tsv).

value is in whole currency units (1184.74万元 → 11847400), unit the ISO 4217 code.
- money.unit:    NUMBER + currency word (15元, 1184.74万元, 5306亿台币, 8亿元人民币, 4人民币),
                 with sub-units after the main unit (50元6角三分, 两美元又三美分);
- money.prefix:  symbol or code or 人民币 before the number (￥300, US$5, 人民币 8千元, RMB 100);
- money.shared:  a list whose last item carries the currency (6.53亿、6.83亿、7.17亿元 → three
facts);
- money.context: a bare amount with a magnitude (3.5亿, 2000万) after a money word of the same
                 clause (支出, 收入, 投资, 资金 … lexicons/money_context.tsv) → CNY;
- money.ge_yi:   colloquial 两个亿, 三个多亿 (N个亿) in a money context or before a currency word;
- colloquial forms inside money.unit: 三块五 / 3块5 / 两毛五 (a lone digit after the last unit is a
                 tenth of it, guards.tenth_after), 5毛 and 两毛钱 (a sub-unit alone at a clause end
                 or
                 before 钱), 5k元 / 2w块 (guards.latin_magnitudes);
- money.range:   10万到20万元 → one fact per end (the first end's text is its number alone,
                 tags range_from / range_to), a magnitude on the second end only is shared.
A money unit with no number before it (上线万元) is a warning (`ctx.warn("上线万元")`: the two
characters before the unit and the unit), never a fact.

Only the clauses that hold a currency word or sign or a magnitude can hold money; the candidate
pattern is searched there, next to the numbers (scan.gated), and finds what a search of the
whole text finds there (tests/test_numbers.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import regex

from ..context import Context
from ..dates.engine import odd, twin
from ..model import Fact
from ..numerals import (
    CN_NUM_CHARS,
    NOT_MINUS_BEFORE,
    NUMBER,
    alternation,
    enclosing,
    load_qualifiers,
    lone_capital,
    parse_quantity,
    place_names,
    shared_magnitude,
)
from ..patterns import word_trie
from ..rules import Rules, blocked_words
from ..scan import _NEWER_DIGITS, gated, run_start
from ..script import cue_pairs, one_for_one, simplified_table, with_traditional

_SP = r"[ \t\u3000]*"
# (classes of literal characters: `re` reads them as `regex` does, with less cost a call)
_MAGS = re.compile(r"[十百千万萬亿億兆]+")
_TAIL_MAG = re.compile(r"[万萬亿億兆千百]+$")
# words 一 opens, no tenth of a price nor a price's unit after a sub-unit (三毛一直, 5毛一样)
_ONE_WORDS = tuple("一" + c for c in "直样樣起定般切共些再度边邊旦同道向律并併带帶")
_ANY_MAG = re.compile(r"[万萬亿億兆千百]")
# a negation before 一分钱 (不收, 没花, 未拿, 無): "not a single cent", no amount
_NOT_ONE = regex.compile(r"[不没沒未无無別别]")
# ...or the saying's second half after it (收你一分钱就给你一分货)
_ONE_GOODS = regex.compile(r"一分[货貨]")
_HAN = regex.compile(r"\p{Han}")
_ONE_CLASS = re.compile(r"\[[^^\]\\][^\]\\]*\]")   # a character class: no negation, no escapes
# where a clause ends: no candidate holds these (a comma only between two digits: 1,234)
# (a colon before a figure ends no clause: a field's key and its value, 总投资:258亿)
_CLAUSE_CUT = r"[。！？；!?;\n]|[：:](?!\s*[\d一二两三四五六七八九十])|(?<!\d)[，,]|[，,](?!\d)"
_CLAUSE_END = re.compile(_CLAUSE_CUT)
_CLAUSE_END_BEFORE = regex.compile(r"(?r)" + _CLAUSE_CUT)
_NAMED = regex.compile(r"[\p{Han}A-Za-z]")      # a currency written with a letter or a word
_WORD_CHAR = re.compile(r"[A-Za-z0-9_]")
# every candidate holds a number, and a number starts with one of these
_NUMBER_TRIGGER = re.compile(r"[\d.．" + CN_NUM_CHARS + r"]")
# what the number, its sign and the spaces before it may hold (scan.gated's reach)
_NUMBER_CHARS = frozenset(CN_NUM_CHARS + ",，.．﹒点點余多几 \xa0\u2009\u202f\t\u3000-负")


def _tail_magnitude(num: str) -> str:
    """The magnitude closing a written amount (6.83亿 → 亿, 3万亿 → 万亿), which a bare amount
    before it in a list shares; none when the amount holds one inside too (一千二百万)."""
    tail = _TAIL_MAG.search(num)
    return tail.group() if tail and not _ANY_MAG.search(num[:tail.start()]) else ""


def _compile(source: str):
    """`re` when it reads the pattern (a literal alternation runs several times faster). The
    word lists are written as tries (patterns.word_trie: the same matches as their
    alternation), so that at a position `re` tries only the words that begin there."""
    try:
        return re.compile(source)
    except re.error:
        return regex.compile(source)


def _behind_any(words) -> str:
    """A look-behind for any of `words`, one fixed-width look-behind per length (what `re`
    accepts; the same test as `regex`'s (?<=alternation))."""
    by_len: dict[int, list[str]] = {}
    for w in sorted(set(words)):
        if w:
            by_len.setdefault(len(w), []).append(w)
    return "(?:" + "|".join("(?<=" + alternation(ws) + ")" for _, ws in sorted(by_len.items())) \
        + ")" if by_len else ""


# a digit `regex`'s \\d knows and `re`'s does not (a newer Unicode than this Python's)
_NEWER_DIGIT = re.compile("[" + "".join(sorted(_NEWER_DIGITS)) + "]") if _NEWER_DIGITS else None
# a character outside the BMP, where every such digit lies (a class of the digits themselves is
# slow to search in `re`; a range is not)
_BEYOND_BMP = (re.compile("[\U00010000-\U0010ffff]")
               if all(c >= "\U00010000" for c in _NEWER_DIGITS) else None)


def re_reads_alike(text: str) -> bool:
    """Whether the standard `re` reads text as `regex` does: not when it holds a digit only
    `regex`'s \\d knows."""
    return _NEWER_DIGIT is None or (_BEYOND_BMP is not None and _BEYOND_BMP.search(text) is None) \
        or _NEWER_DIGIT.search(text) is None


def _cand_re(source: str):
    """source compiled with `re` (several times faster at the candidates) and with `regex`;
    `pick(text)` is the one that reads text as `regex` does."""
    fast, full = re.compile(source), regex.compile(source)

    def pick(text: str):
        return fast if re_reads_alike(text) else full
    return pick


def _class_chars(chars: str) -> str:
    """chars written inside a character class (the same set with `re` and `regex`)."""
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


def _dec(v) -> Decimal:
    return Decimal(str(v))


def _num(d: Decimal):
    return int(d) if d == d.to_integral_value() else float(d)


# a magnitude standing for the amount with no figure (百万元, 千萬元), alone in brackets or after
# 单位：: a table's unit label, not a million of anything (奖金百万元 in a sentence stays)
_MAGNITUDE_ONLY = regex.compile(r"[^\d一二两三四五六七八九十零〇兩]*?[百千]?[万萬亿億]\S*")
_LABEL_BEFORE = regex.compile(r"(?:(?P<open>[(（])|[单單]位\s*[:：])\s*$")
_LABEL_AFTER = regex.compile(r"\s*[)）]")


def _unit_label(text: str, f: Fact) -> bool:
    if any(ch.isdigit() for ch in f.text) or not _MAGNITUDE_ONLY.fullmatch(f.text):
        return False
    m = _LABEL_BEFORE.search(text, max(0, f.start - 8), f.start)
    # in brackets only when they close right after it (金额(百万元)); after 单位： always
    return m is not None and (m.group("open") is None or bool(_LABEL_AFTER.match(text, f.end)))


def build(rules: Rules):
    rf = rules.file("money")
    cfg = rf.data.get("guards") or {}
    rows = rules.lexicon("currencies")
    # the text is read as written (not through its Simplified copy): every Traditional spelling
    # of a word counts, mixed ones too (台幣, 新台幣 beside 台币 and 新臺幣), and so do those of
    # the qualifiers (約5億元, 4659萬餘元)
    script_rows = rules.lexicon("script_pairs")
    after = with_traditional({r["word"]: r for r in rows if r["position"] in ("after", "both")},
                             script_rows)
    before = with_traditional({r["word"]: r for r in rows
                               if r["position"] in ("before", "both")}, script_rows)
    subs = {w: r for w, r in after.items() if Decimal(r["factor"]) < 1}
    factor_of = {id(r): Decimal(r["factor"]) for r in rows}    # (the rows are kept: ids hold)
    context_words = [r["word"] for r in rules.lexicon("money_context")]
    unit_words = [r["unit"] for r in rules.lexicon("classifiers")] + list(
        cfg.get("not_money_after", [])
    )
    q_before, q_after = (with_traditional(q, script_rows)
                         for q in load_qualifiers(rules.lexicon("qualifiers")))
    q_after_unit = {w: q for w, q in q_after.items() if len(w) > 1}
    # currency word → what may not follow it (元旦, 块蛋糕)
    not_after = cfg.get("not_after", {})
    # (and the words marked ! that begin with one of them but follow an amount: 元年产值)
    not_after_words, not_after_but = (
        {cur: blocked_words(ws)[k] for cur, ws in not_after.items()} for k in (0, 1))
    # 块: 钱 多 五 …
    only_before = {w: set(v) for w, v in (cfg.get("han_after_only") or {}).items()}
    # 块: 牌 匾 碑 … — a thing named right before the number is counted in pieces (奖牌一块)
    piece_after = {w: set(v) for w, v in (cfg.get("piece_after") or {}).items()}
    sub_standalone = set(cfg.get("sub_unit_standalone", []))
    # 一分钱 (不收一分钱, 一分钱一分货): "a single cent", an idiom, no amount
    one_idiom = set(cfg["sub_unit_one_idiom"])
    indefinite = set(cfg.get("indefinite_before", "数几"))
    approx_before = cfg.get("approx_before", {"上": "more_than"})
    list_seps = rf.rule("money.shared").get("separators", ["、", "和", "及", "与", "或"])
    range_seps = rf.rule("money.range").get("separators", ["至", "到", "-", "~", "～", "—"])
    context_window = int(rf.rule("money.context").get("window", 24))
    magnitude = regex.compile(rf.rule("money.context").get("magnitude", r"[万亿萬億]"))
    named_after_src = rf.rule("money.context").get("named_after", "")
    named_after = regex.compile(named_after_src) if named_after_src else None
    # its `re` twin (the same matches) for the search through a clause (may_hold_money): the
    # pattern opens with optional words, so an engine tries it at every position, and `re`
    # does so several times faster; used on a text both engines read alike (engine.odd)
    named_twin = twin(named_after_src) if named_after_src else None
    people_after_src = rf.rule("money.context").get("people_after", "")
    people_after = regex.compile(people_after_src) if people_after_src else None
    warn_units = rf.rule("money.unit").get("warn_units", ["万元", "亿元"])
    warn_ok_before = set(rf.rule("money.unit").get("warn_ok_before", ""))
    warn_ok_after = tuple(rf.rule("money.unit").get("warn_ok_after", []))

    # code `local` (元 块 圆 角 毛 分 …): the currency of the article's place, meta.locale
    local_currency = dict(cfg.get("local_currency") or {"zh-CN": "CNY"})
    # a bare $ is the local dollar on a Hong Kong, Taiwan or Macao page ($5,000 in a Hong Kong
    # budget is HKD), the US dollar elsewhere
    local_dollar = dict(cfg.get("local_dollar") or {})
    # code `peso` (比索, 披索 alone): the peso of the country the article names most
    peso_places = dict(cfg.get("peso_places") or {})
    peso_re = regex.compile(word_trie(peso_places)) if peso_places else None
    bare_dollar = regex.compile(r"^\p{Han}*[$＄]")
    # ...unless a currency word stands right before it: 加币$580元 is CAD, 美金$20 USD, whatever
    # the page's place (a word of the text, not after a number: 500加币$ is another amount's)
    dollar_words = {w: r["code"] for w, r in {**after, **before}.items()
                    if r["code"] != "local" and Decimal(r["factor"]) == 1
                    and all(_HAN.match(c) for c in w)}
    word_before_dollar = regex.compile(
        r"(?<![\d" + CN_NUM_CHARS + r"])(?:" + word_trie(dollar_words) + r")" + _SP + r"$")
    # a unit that counts only with these sub-units after it (五個三毫: 個 is a dollar only so)
    needs_sub = {w: set(v) for w, v in (cfg.get("needs_subunit") or {}).items()}
    # a unit that counts only right after one of these characters (吉 after 零: 五万零吉 is the
    # ringgit 零吉 with its 零 read into the number)
    only_after = {w: set(v) for w, v in (cfg.get("only_after_char") or {}).items()}
    # 4500元日币, 两万元韩元, 8亿元人民币: a generic 元 then a currency name → that currency
    post_words = {w: r for w, r in after.items()
                  if Decimal(r["factor"]) == 1 and r["code"] != "local" and _HAN.match(w)
                  and all(_HAN.match(c) for c in w)}
    # 232億元（港元，下同）: the article says once what its bare 元 mean from here on
    declared_re = regex.compile(
        r"[（(]\s*(?:" + alternation(cfg.get("declared_before") or ["单位"]) + r")?[：:]?\s*"
        r"(?P<w>"
        + alternation(post_words)
        + r")\s*(?:[，,、;；]?\s*(?P<on>"
        + alternation(cfg.get("declared_words") or ["下同"])
        + r"))?\s*[）)]"
    )
    # 9.1亿澳门元（下同）: the currency written out once, then the note that it holds from here on
    declared_words = [w for w in cfg.get("declared_words") or ["下同"] if w]
    declared_after_re = regex.compile(
        r"(?P<w>" + alternation(post_words) + r")\s*[（(]\s*(?:"
        + alternation(declared_words) + r")\s*[）)]")
    # every match of declared_after_re holds one of these words: a text with none is not searched
    # (the search tries the currency names at every position, most texts hold no 下同)
    declared_cues = tuple(declared_words) or ("",)
    bare_before = regex.compile(r"(?:" + NUMBER + r")$")
    to_simplified = simplified_table(rules)
    place_re = place_names(rules.lexicon("place_numerals"),
                           cue_pairs(rules.lexicon("script_pairs")))
    # 签约亿元以上: 约 ends the word 签约 there, and 亿元以上 is a threshold, not about 1亿元
    word_tails = {w: set(with_traditional(dict.fromkeys(v), script_rows))
                  for w, v in with_traditional(cfg.get("qualifier_word_tail") or {},
                                               script_rows).items()}
    threshold_after = tuple(cfg.get("threshold_after") or ["以上", "以下"])
    scales = {k: Decimal(str(v)) for k, v in (cfg.get("scale_words") or {}).items()}
    # (as headlines capitalise them too: RM1 Million, US$2 Billion)
    scales.update({k.capitalize(): v for k, v in scales.items() if k.islower()})
    # 5k元, 3w块: a Latin magnitude letter glued to Arabic digits, only before a currency word
    latin = {k: Decimal(str(v)) for k, v in (cfg.get("latin_magnitudes") or {}).items()}
    # 三块五, 3块5, 两毛五: a lone digit after the last unit is a tenth of it (colloquial prices)
    tenth_after = {k: Decimal(str(v)) for k, v in (cfg.get("tenth_after") or {}).items()}
    # 5毛, 两毛。: a sub-unit alone is money when the clause ends after it (or 钱 follows)
    sub_clause_end = {w: set(v) for w, v in (cfg.get("sub_unit_at_clause_end") or {}).items()}
    sub_places = {w: set(v) for w, v in (cfg.get("sub_unit_places") or {}).items()}
    dollars = [w for w in after if w not in subs] + ["$"]

    def sub_alone_elsewhere(f: Fact, place: str) -> bool:
        """A place's sub-unit standing alone (派息5仙, 加價兩毫) on a page of another place: no
        money there. A currency word in the amount says whose it is (港仙, 十元五毫)."""
        unit = f.text[-1:]
        return (unit in sub_places and place not in sub_places[unit] and f.rule == "money.unit"
                and (f.text[-2:-1].isdigit() or f.text[-2:-1] in CN_NUM_CHARS)
                and not any(w in f.text for w in dollars))
    price_re = regex.compile(alternation(cfg.get("price_words") or ["价"]))
    seconds_after = regex.compile(r"\d{1,2}(?:\.\d+)?\s*秒")    # (8分)4秒, (3分)05.2秒
    qa_re = regex.compile(alternation(q_after_unit))
    generic_after = set(cfg.get("generic_after", []))
    price_always = set(cfg.get("sub_unit_price_always", []))
    score_words = cfg.get("sub_unit_score_words") or []
    score_re = regex.compile(alternation(score_words)) if score_words else None

    def clause_from(text: str, pos: int, window: int) -> int:
        """Start of the window of `window` characters before pos, cut at a clause break."""
        lo = max(0, pos - window)
        cut = list(clause_end.finditer(text, lo, pos))
        return cut[-1].end() if cut else lo
    price_window = int(cfg.get("price_window", 8))
    score_window = int(cfg.get("score_window", 20))
    cur_re = alternation(after)
    sub_re = alternation(subs)
    # the candidate pattern: its word lists as tries (patterns.word_trie: the same matches as
    # their alternation), and compiled with the standard `re` (_cand_re), which matches it
    # faster than `regex`
    # what a match may begin with: a qualifier or prefix word, a space, a sign, a number; read
    # first (one class), it fails the many positions gated's search tries before the match at
    # once, where the alternatives below were each tried (1.9x for the search alone)
    firsts = "".join(sorted({w[0] for w in (*q_before, *before)} | set(" \t\u3000-负.．"
                                                                   + CN_NUM_CHARS)))
    cand_src = (
        r"(?=[\d" + _class_chars(firsts) + r"])"
        # never start inside a run of spaces: such a match is a tail of the one from the run's
        # first space, and every start would rescan the run (quadratic on a long run of spaces)
        r"(?!(?<=[ \t\u3000])[ \t\u3000])"
        r"(?P<qb>" + word_trie(q_before) + r")?"
        r"(?P<pre>" + word_trie(before) + r")?" + _SP +
        r"(?<![\d.])(?P<sign>-|" + NOT_MINUS_BEFORE + r"负)?(?P<num>" + NUMBER + r")"
        r"(?P<lat>(?<=\d)(?:" + (word_trie(latin) or "(?!)") + r")(?![A-Za-z]))?"
        r"(?P<scale>" + _SP + r"(?:" + word_trie(scales) + r")(?![A-Za-z]))?"
        r"(?P<q2>[余餘多]|(?<=十)[几幾])?" + _SP +
        # (a sign read as the unit after a number opens the next amount when digits follow it:
        # $100 $240, a row of fees, is two amounts, not 100 dollars and a bare 240)
        r"(?:(?P<cur>" + word_trie(after) + r")(?!(?<=[$＄¥￥])[ \t\u3000]*\d)"
        # (each sub-unit's number starts with a digit or a numeral: most amounts have none
        # after their unit, and that is told before NUMBER's alternatives are tried)
        r"(?P<subs>(?:(?=[又零\d" + CN_NUM_CHARS + r"])[又零]?(?:" + NUMBER + r")(?:"
        + word_trie(subs) + r"))*)"
        r"(?P<post>" + _behind_any(generic_after) + r"(?:" + word_trie(post_words) + r"))?)?"
        r"(?P<qa>" + word_trie(q_after_unit) + r")?")
    pick_cand = _cand_re(cand_src)
    # the longest words that may stand before the number and its spaces: qualifier, then prefix
    prefix_max = max(map(len, q_before), default=0) + max(map(len, before), default=0)

    def reach(text: str, i: int, stop: int) -> int:
        return max(stop, run_start(_NUMBER_CHARS, text, i, stop) - prefix_max)

    list_words = tuple(list_seps)
    # a money fact needs a currency word or sign, or a magnitude (money.context), in its
    # clause (a list item shares the clause of the amount that ends the list)
    # (one literal alternation, which `re` skips through by its first characters: the
    # magnitude's class is spelt out as characters)
    if _ONE_CLASS.fullmatch(magnitude.pattern):
        mags = [c for c in CN_NUM_CHARS + "0123456789" if magnitude.fullmatch(c)]
        live_re = _compile(word_trie([*after, *before, *mags]))
    else:
        live_re = _compile(word_trie([*after, *before]) + "|" + magnitude.pattern)

    money_words = frozenset([*after, *before])
    named = {w: _NAMED.search(w) is not None for w in money_words}

    def live_clauses(text: str) -> Iterator[tuple[int, int, bool]]:
        """The clauses (cut after _CLAUSE_CUT, which no candidate holds) where a money word or a
        magnitude stands, in order, and whether the first one found is a money word. (No word
        holds a clause cut, so the next one is searched for after the clause.)"""
        done, n = 0, len(text)
        while True:
            w = live_re.search(text, done)
            if w is None:
                return
            cut = _CLAUSE_END_BEFORE.search(text, 0, w.start() + 1)   # (+1: what a comma sees)
            nxt = _CLAUSE_END.search(text, w.end())
            done = nxt.end() if nxt else n
            yield (cut.end() if cut else 0), done, w.group() in money_words

    def bare_end(m: regex.Match) -> int:
        """Where a bare amount (no currency word, no prefix) ends: its 余/多, or a qualifier."""
        end = m.end("q2") if m.group("q2") else m.end("num")
        return m.end("qa") if m.group("qa") and m.start("qa") == end else end

    def may_be_bare_money(text: str, m: regex.Match, num: str) -> bool:
        """A bare amount is money only with a magnitude (money.context: 投资3.5亿) or as an
        item of a list that ends in a currency (money.shared: 6.53、6.83亿元); any other one
        gives no fact, and leaving it out changes nothing: the amount to its left asks only
        whether a list separator alone stands between it and the money fact to its right."""
        return bool(magnitude.search(num)) or text.startswith(list_words, bare_end(m))

    sub_item = regex.compile(r"[又零]?(?P<n>" + NUMBER + r")(?P<u>" + sub_re + r")")
    ctx_re = _compile(word_trie(context_words))
    # a range's separator between two ends, a space around it at most (as spec tables print
    # it: 7.19 - 9.29 万)
    range_sep = r"[ \t]?(?:" + alternation(range_seps) + r")[ \t]?"
    range_re = regex.compile(r"(?P<a>" + NUMBER + r")" + range_sep + r"$")
    range_ends = tuple(range_seps)
    # a prefixed amount's range with its other end bare (HK$1,000-2,000, US$50至80): Arabic
    # digits, ending the clause or before a range word (之间, 不等), never a code's next part
    range_after = regex.compile(range_sep + r"(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
                                r"(?=[ \t]*(?:之间|之間|不等|左右|的|[，。；、,;)）]|$))")
    unit_start = regex.compile(alternation(unit_words))
    # a classifier's not_before words (lexicons/classifiers.tsv): there it begins another word
    # or is a preposition (3亿对十条公路: 对 + what is worked on), and counts nothing
    unit_not_before = {r["unit"]: blocked_words(r.get("not_before"))
                       for r in rules.lexicon("classifiers")}

    def counted_after(text: str, pos: int) -> bool:
        """A classifier or measure starts at pos (3万人, 5亿吨): the amount counts, no money."""
        um = unit_start.match(text, pos)
        if um is None:
            return False
        nb, but = unit_not_before.get(um.group(), ((), ()))
        return not (nb and text.startswith(nb, um.end())
                    and not (but and text.startswith(but, um.end())))
    warn_re = _compile(r"(?:" + alternation(warn_units) + r")")
    cn = set(CN_NUM_CHARS)
    # a dash after an amount's end, another dash or a closing bracket joins a range (1万元--5万元,
    # 1万(含)-5万元): no minus
    sign_blockers = cn | {w[-1] for w in after} | set("%％-－—~～)）")
    # 两个亿, 三个多亿, 十几个亿: colloquial "N 个 亿" — money in a money context or before a
    # currency
    ge = rf.rule("money.ge_yi")
    ge_re = regex.compile(
        r"(?<![\d" + CN_NUM_CHARS + r"几幾数數])(?P<num>(?:\d+(?:\.\d+)?|"
        r"[一二两兩三四五六七八九十]+))"
        r"(?P<q>[多几幾])?[个個](?P<q2>多)?(?P<mag>"
        + alternation(ge.get("magnitudes", {"亿": 1}))
        + r")"
        # (87个亿元以上重大项目: 87 projects of a billion and more, no sum)
        r"(?![元圆]?以上的?\p{Han}{0,4}?(?:项目|企业|工程|产业))"
        r"(?P<cur>" + cur_re + r")?(?![级量])"
    )
    # what every 个亿 candidate holds: most texts have none, and the full pattern is not tried
    ge_hint = re.compile(r"[个個]多?(?:" + alternation(ge.get("magnitudes", {"亿": 1})) + r")")
    ge_mags = {k: Decimal(str(v)) for k, v in ge.get("magnitudes", {"亿": 100000000}).items()}
    clause_end = regex.compile(r"[。；！？!?;\n，,：:]")
    cls_units = alternation([r["unit"] for r in rules.lexicon("classifiers")])
    # the digit must end the number: no digit, point or numeral after it — except 一 + classifier
    # (三块五一斤: the price per jin)
    tenth_re = regex.compile(
        r"(?P<z>零)?(?P<d>[一二两三四五六七八九半]|[1-9１-９])"
        r"(?![\d０-９.．点%％]|(?!一(?:" + cls_units + r"))[" + CN_NUM_CHARS + r"])"
    )
    tenth_block = regex.compile(r"(?:" + cls_units + "|" + alternation(after) + r")")
    tenth_words = regex.compile(alternation(cfg.get("tenth_not_words") or []) or "(?!)")

    # a clause that holds no money word (only a magnitude: 3万人) gives a fact only through
    # money.context, whose money word stands in the same clause (in_money_context cuts at every
    # clause break): a clause with neither is not searched
    money_word_re = _compile(word_trie([*after, *before]))

    def may_hold_money(text: str, s: int, e: int, named: list) -> bool:
        """named: the named_after pattern for this text, once the first clause has asked."""
        if (money_word_re.search(text, s, e) is not None
                or ctx_re.search(text[s:e].translate(to_simplified)) is not None):
            return True
        # (or a fund's word after the amount: 300万专款)
        if named_after is None:
            return False
        if not named:
            named.append(named_twin[0] if named_twin is not None and not odd(text)
                         else named_after)
        return named[0].search(text, s, e) is not None

    def candidates(text: str, full_scan: bool) -> Iterator[regex.Match]:
        """The pattern's matches in the clauses that may hold money, as its finditer over the
        whole text finds them there; with full_scan, all of them (the slow way, for tests)."""
        cand = pick_cand(text)
        if full_scan:
            return cand.finditer(text)
        named: list = []
        return (m for s, e, worded in live_clauses(text)
                if worded or may_hold_money(text, s, e, named)
                for m in gated(cand, text, _NUMBER_TRIGGER, reach, s, e))

    def currency_word(text: str, m: regex.Match, num: str, simp: Callable[[], str]) -> str | None:
        """The currency word after the number, or None where it is something else: a symbol
        glued to a name (5$x), a piece of something (一块高标准农田, 一块五斤重的肉), a sub-unit
        that is no price (笔名三毛, 分数线上涨11分)."""
        cur = m.group("cur")
        if cur is not None and not named[cur] \
                and _WORD_CHAR.match(text, m.end("cur"), m.end("cur") + 1):
            return None          # 5$x: a symbol glued to a name is code, not a price
        if cur in only_after and text[m.start("cur") - 1:m.start("cur")] not in only_after[cur]:
            return None          # 3吉: no ringgit without its 零
        if cur in needs_sub and not (m.group("subs") and all(
                s.group("u") in needs_sub[cur] for s in sub_item.finditer(m.group("subs")))):
            return None
        nxt = text[m.end("cur"):m.end("cur") + 3]
        if text[m.start() + 1:m.start() + 3] in one_idiom and num in ("一", "壹") and (
                _NOT_ONE.search(text, max(0, m.start() - 4), m.start())
                or text.startswith("一分", m.start() + 3)
                or _ONE_GOODS.search(text, m.start() + 3, m.start() + 12)):
            return None          # 不花一分钱, 一分钱一分货: not a single cent (便宜一分钱 is one)
        bad = not_after_words.get(cur)
        if bad and nxt.startswith(bad) and not m.group("post") \
                and not text.startswith(not_after_but.get(cur) or ("\0",), m.end("cur")):
            return None
        if cur in only_before:
            said = text[m.start():m.end("cur")]
            if text.startswith(said, m.end("cur")) or text.endswith(said, 0, m.start()):
                return None      # 一块一块地: piece by piece, no yuan
        if (cur in only_before and nxt and _HAN.match(nxt) and nxt[0] not in only_before[cur]
                and not m.group("post") and not m.group("qa")):
            return None          # 一块高标准农田, 三块试验田: a piece of something, not 块 = 元
        if cur in piece_after and m.start() > 0 and text[m.start() - 1] in piece_after[cur] \
                and not nxt.startswith(("钱", "錢")) and not m.group("subs"):
            return None          # 颁发奖牌一块: the plaque counted, not one yuan
        if cur in only_before and not m.group("subs") and not m.group("post") and nxt \
                and (nxt[0] in cn or nxt[0].isdigit()) and not nxt.startswith("一"):
            tm = tenth_re.match(text, m.end("cur"))
            if tm and tenth_block.match(text, tm.end()):
                return None      # 一块五斤重的肉: a piece weighing five jin (五块一斤: a price)
            return cur
        if cur in subs and cur not in sub_standalone and not nxt.startswith(("钱", "錢")) \
                and not m.group("subs") and not sub_unit_is_money(text, m, cur, num, nxt, simp):
            return None          # (两角五分: a smaller unit follows, a price)
        return cur

    # a range's separator and a number: what follows a sub-unit amount when a second in the same
    # unit does (read before the unit: the caller checks it is the same)
    same_unit_next = regex.compile(range_sep + r"(?:\d+(?:[.．﹒]\d+)?|[" + CN_NUM_CHARS + r"]+)")

    def sub_unit_is_money(text: str, m: regex.Match, cur: str, num: str, nxt: str,
                          simp: Callable[[], str]) -> bool:
        """A sub-unit alone (5毛, 两毛。, 三毛钱): money at a clause end, never after a score
        word (分数线上涨11分), and a Chinese numeral + 毛 only after a price word (笔名三毛)."""
        if seconds_after.match(nxt):
            return False         # 2小时8分4秒: a race's or a clock's time, no cents
        ok = sub_clause_end.get(cur)
        # (or a price a unit: 7毛左右一斤, 5毛一个)
        rest = text[m.end("cur"):m.end("cur") + 4]
        rest = rest[2:] if rest.startswith(("左右", "上下", "不等", "之间", "之間")) else rest
        # (or the first of two in the same unit: 調高1.3仙至28.5仙, 5毛到8毛)
        second = same_unit_next.match(text, m.end("cur"))
        alone = (not rest or clause_end.match(rest) is not None or rest[0] in "。.!！?？、)）”"
                 or (rest[0] == "一" and _HAN.match(rest[1:2]) is not None
                     and not rest.startswith(_ONE_WORDS))
                 or (second is not None and text.startswith(cur, second.end())))
        # 三毛五, not 三毛一直 (笔名三毛: 一直 is a word)
        tenth = tenth_re.match(nxt) is not None and not nxt.startswith(_ONE_WORDS)
        clause_head = m.start() == 0 or clause_end.match(text, m.start() - 1) is not None
        if not (ok and (alone or tenth) and
                (("arabic" in ok and num[0].isdigit()) or ("chinese" in ok
                                                           and not num[0].isdigit()))):
            return False
        if cur in price_always and score_re is not None and \
                score_re.search(simp(), clause_from(text, m.start(), score_window), m.start()):
            return False         # 分数线上涨11分: a score word in the clause makes 分 points
        return not ((not num[0].isdigit() or cur in price_always) and not tenth
                    and not (clause_head and cur not in price_always)
                    and not price_re.search(simp(), clause_from(text, m.start(), price_window),
                                            m.start()))

    def amount(text: str, m: regex.Match, cur: str | None):
        """(value, qualifier, start, end, sign) of a candidate's number, or None when it is
        none: no value, indefinite (数百亿元), a Latin magnitude or a scale word without a
        currency."""
        num, sign = m.group("num"), m.group("sign")
        if lone_capital(num):
            return None                 # 參加元旦: 參 of 參加, no 3 before 加元
        value, qual = parse_quantity(num + (m.group("q2") or ""))
        if value is None and cur and m.group("qb") and q_before[m.group("qb")] == "about" \
                and num in ("万", "亿", "千", "百") \
                and not (m.group("qb") in word_tails
                         and text[m.start() - 1:m.start()] in word_tails[m.group("qb")]) \
                and not text.startswith(threshold_after, m.end()):
            value = parse_quantity("一" + num)[0]   # 近万元, 约百元: about one of the magnitude
            # (超亿元, 上亿元 are thresholds: no fact — corpus/README.md)
        if value is None:
            return None
        start, end = m.start(), m.end()
        if not m.group("qb") and not m.group("pre"):
            # never a space before the number
            start = m.start("sign") if sign else m.start("num")
        if sign == "-" and m.start("sign") > 0 and (text[m.start("sign") - 1] in sign_blockers
                                                    or text[m.start("sign") - 1].isdigit()):
            sign = None          # 五元六角-五元七毛八分: a dash between two amounts, no minus
            if start == m.start("sign"):
                start = m.end("sign")
        # 数百亿元, 几万元: indefinite, no amount; 上千万元: more than
        if _MAGS.fullmatch(num) and not m.group("qb") and not m.group("pre"):
            b = text[m.start("num") - 1:m.start("num")]
            if b and b in indefinite:
                return None
            if b in approx_before:
                qual, start = approx_before[b], m.start("num") - 1
        if m.group("lat"):
            if cur is None:
                return None
            value = _num(_dec(value) * latin[m.group("lat")])
        if m.group("scale"):
            if cur is None and m.group("pre") is None:
                return None
            value = _num(_dec(value) * scales[m.group("scale").strip()])
        return value, qual, start, end, sign

    def bare_fact(text: str, m: regex.Match, value, qual, sign,
                  chain: tuple[str, int, str] | None) -> Fact | None:
        """A bare amount: money only in a list that ends in a currency (money.shared), or with a
        magnitude after a money word of its clause (money.context)."""
        num = m.group("num")
        end = m.end("q2") if m.group("q2") else m.end("num")
        start = m.start("sign") if sign else m.start("num")
        if m.group("qb"):
            start, qual = m.start(), q_before[m.group("qb")]
        if m.group("qa") and m.start("qa") == end:
            end, qual = m.end("qa"), q_after_unit[m.group("qa")]
        code, rule = None, None
        between = text[end:chain[1]] if chain else None
        if chain and between in list_seps:
            code, rule = chain[0], "money.shared"
            if chain[2] and not _ANY_MAG.search(num) and not m.group("q2"):
                # 2、3万人民币: the magnitude is shared
                # (两、三百万 is 两百万; 九十、三百万 shares 万 alone)
                value = (parse_quantity(num + chain[2])[0]
                         or parse_quantity(num + chain[2].lstrip("十百千"))[0] or value)
        elif magnitude.search(num) and (
                (named_after is not None and named_after.match(text, end))  # (天使轮: no 天)
                or (not counted_after(text, m.end("q2") if m.group("q2") else m.end("num"))
                    and not (people_after is not None and people_after.match(text, end))
                    and in_money_context(text, start)
                    and text[end:end + 1] not in ("%", "％"))):
            code, rule = "local", "money.context"
        if code is None or rule is None:
            return None
        if text[start - 1:start].isascii() and text[start - 1:start].isalnum():
            return None
        val = _dec(value)
        return Fact("money", text[start:end], start, end, _num(-val if sign else val), rule, code,
                    qual)

    def in_money_context(text: str, start: int) -> bool:
        """A money word (支出, 收入, 投资 …) in the `window` before start, in the same clause."""
        seg = text[max(0, start - context_window):start]
        cut = list(clause_end.finditer(seg))
        if cut and cut[-1].group() in ":：" and not seg[cut[-1].end():].strip():
            # a field's value right after its key (总投资:258亿, 票房：3.5亿): the key's words
            seg = seg[cut[-2].end() if len(cut) > 1 else 0:cut[-1].start()]
        else:
            seg = seg[cut[-1].end():] if cut else seg
        return bool(ctx_re.search(seg.translate(to_simplified)))

    def worded_facts(text: str, m: regex.Match, cur: str, value, qual, start: int, end: int,
                     sign) -> tuple[list[Fact], tuple[str, int, str] | None]:
        """The facts of an amount with a currency word or a prefix (one, or two for a range),
        and what the amount to its left may share (code, start, magnitude)."""
        num = m.group("num")
        pre = m.group("pre")
        if cur == "__pre__" and not num[:1].isdigit() and not named[pre]:
            return [], None      # $一包: a bare symbol reads only Arabic digits
        row = before[pre] if cur == "__pre__" else after[cur]
        code = row["code"]
        if m.group("post"):
            code = post_words[m.group("post")]["code"]
        if pre and before[pre]["code"] != code:
            # (港幣6.04仙: the place's cents after a currency word are that currency's)
            if (cur in generic_after or (cur in subs and code == "local")) \
                    and not m.group("post"):
                code = before[pre]["code"]     # 新台币1200万元: 元 is the unit of the prefix
            else:
                return [], None
        factor = factor_of[id(row)]
        if cur == "__pre__":
            # prefix without a currency word after: the amount ends at the number
            end = m.end("q2") if m.group("q2") else (m.end("scale") if m.group("scale")
                                                     else m.end("num"))
            if end == m.end("num"):
                # ...or at the prefix's own cents after it (人民幣 17.15 分, 港幣6.04仙: a
                # dividend per share), read as the currency's hundredths
                sm = cents_after_prefix.match(text, end)
                if sm and not text.startswith(not_after_words.get(sm.group("u")) or ("\0",),
                                              sm.end()):
                    factor, end = factor * Decimal(subs[sm.group("u")]["factor"]), sm.end()
        val = _dec(value) * factor
        if cur != "__pre__" and m.group("subs"):
            val += sub_units(m.group("subs"), code)
        if cur != "__pre__" and not m.group("post") and not m.group("qa"):
            val, qual, end = tenth(text, m, cur, val, qual, end)
        if sign:
            val = -val
        if m.group("qb"):
            qual = q_before[m.group("qb")]
            said = (prefix_end.search(text, max(0, start - 8), start)
                    if code == "local" and not pre and cur in generic_after else None)
            if said is not None:
                # 港币约500万元, 新台币约一仟万元: the currency word before the qualifier is the
                # amount's (the qualifier, read first, kept it from the prefix's place)
                code, start = before[said.group().strip()]["code"], said.start()
        if m.group("qa") and cur != "__pre__":
            qual = q_after_unit[m.group("qa")]
        elif m.group("qa") and m.start("qa") == end:
            qual, end = q_after_unit[m.group("qa")], m.end("qa")     # 人民币3.14左右
        b1 = text[m.start("num") - 1:m.start("num")] if not pre and not sign else ""
        if b1 and b1.isascii() and (b1.isalnum() or b1 in "._/#") and not (
                b1 == "/" and text[m.start("num") - 2:m.start("num") - 1].isdigit()
                and m.group("num")[:1].isdigit()):
            return [], None    # (a list's last item after a slash stays: 6784/2230/1520亿元)
        enc = enclosing(text, m.start("num"), end)
        if enc and enc[0] in "《〈":
            return [], None
        if not pre and not m.group("qb"):
            pair = range_facts(text, num, start, end, val, qual, code, factor)
            if pair:
                return pair, None
        if cur == "__pre__" and end == m.end("num") and num[:1].isdigit():
            rm = range_after.match(text, end)
            b_val = parse_quantity(rm.group("n"))[0] if rm else None
            if rm and b_val is not None and _dec(b_val) * factor > val:
                b_s, b_e = rm.span("n")
                return [Fact("money", text[start:end], start, end, _num(val), "money.prefix",
                             code, qual, extra={"tags": ["range_from"]}),
                        Fact("money", text[b_s:b_e], b_s, b_e, _num(_dec(b_val) * factor),
                             "money.range", code, None, extra={"tags": ["range_to"]})], None
        rule = "money.prefix" if pre else "money.unit"
        return ([Fact("money", text[start:end], start, end, _num(val), rule, code, qual)],
                (code, start, _tail_magnitude(num)))

    # a one-character sub-unit of the place's currency (角 毛 分 仙 毫) right after a prefixed
    # amount, a space between at most
    cents_after_prefix = regex.compile(
        r"[ \t\u3000]?(?P<u>" + alternation([w for w, r in subs.items()
                                             if r["code"] == "local" and len(w) == 1]) + r")")

    def sub_units(written: str, code: str) -> Decimal:
        """The value of the sub-units after the main unit (50元6角三分 → 6角三分); the place's own
        (毫, 仙) follow a named dollar too (五蚊六毫 → 0.6)."""
        total = Decimal(0)
        for s in sub_item.finditer(written):
            srow = subs[s.group("u")]
            sv = parse_quantity(s.group("n"))[0]
            if srow["code"] in (code, "local") and sv is not None:
                total += _dec(sv) * Decimal(srow["factor"])
        return total

    def tenth(text: str, m: regex.Match, cur: str, val: Decimal, qual, end: int):
        """三块五, 两毛五, 三块零四: a lone digit after the last unit is a tenth of it."""
        last = after[cur]["word"] if not m.group("subs") else None
        if m.group("subs"):
            items = list(sub_item.finditer(m.group("subs")))
            last = items[-1].group("u") if items else None
        # (not after a magnitude: 1.8万元三华李款 is 18,000 yuan before a plum's name)
        tm = (tenth_re.match(text, end) if last in tenth_after
              and not magnitude.search(m.group("num") or "") else None)
        if (tm and not tenth_block.match(text, tm.end())
                and not tenth_words.match(text, tm.start("d"))):
            d = tm.group("d")
            dv = Decimal(5) if d == "半" else _dec(parse_quantity(d)[0])
            # 三块零四 = 3.04: 零 skips one place
            val += dv * tenth_after[last] * (Decimal("0.1") if tm.group("z") else 1)
            end = tm.end()
            qm = qa_re.match(text, end)          # 一块二以上
            if qm:
                qual, end = q_after_unit[qm.group()], qm.end()
        return val, qual, end

    prefix_end = regex.compile(r"(?:" + alternation(
        [w for w, r in before.items() if r["code"] != "local"]) + r")\s*$")

    def prefix_before(text: str, at: int) -> str | None:
        """The code of a currency word right before position `at` (港幣600), or None."""
        m = prefix_end.search(text, max(0, at - 8), at)
        return before[m.group().strip()]["code"] if m else None

    def range_facts(text: str, num: str, start: int, end: int, val: Decimal, qual, code: str,
                    factor: Decimal) -> list[Fact] | None:
        """10万到20万元 → the first end too (a magnitude on the second end only is shared);
        looked for from `start`: in 100万-200万元 the dash is no sign."""
        head = text[max(0, start - 16):start]
        # range_re ends in a separator at the end ($: or before a last \n)
        if not (head[:-1] if head.endswith("\n") else head).rstrip(" \t").endswith(range_ends):
            return None
        rm = range_re.search(head)
        if not rm:
            return None
        a_txt = rm.group("a")
        a_s = start - len(head) + rm.start("a")
        a_val = parse_quantity(a_txt)[0]
        if code == "local":     # 港幣600至1,800元: the first end's currency word is the range's
            said = prefix_before(text, a_s)
            if said is not None:
                code = said
        shared = shared_magnitude(a_txt, a_val, num)
        if shared:
            a_val = parse_quantity(a_txt + shared)[0]
        if a_val is None or not _dec(a_val) * factor < val:
            return None
        return [Fact("money", text[start:end], start, end, _num(val), "money.range", code, qual,
                     extra={"tags": ["range_to"]}),
                Fact("money", a_txt, a_s, a_s + len(a_txt), _num(_dec(a_val) * factor),
                     "money.range", code, None, extra={"tags": ["range_from"]})]

    def read_amounts(text: str, found: list[tuple[regex.Match, str | None]]) -> list[Fact]:
        """The facts of the candidates, read right to left: a bare amount may share the
        currency (and magnitude) of the amount after it in a list."""
        out: list[Fact] = []
        # (code, start, magnitude) of the next money fact to the right
        chain: tuple[str, int, str] | None = None
        for m, cur in reversed(found):
            if cur is None and not magnitude.search(m.group("num")) \
                    and not (chain and text[bare_end(m):chain[1]] in list_seps):
                chain = None    # (may_be_bare_money): no fact, whatever the steps below find
                continue
            got = amount(text, m, cur)
            if got is None:
                chain = None
                continue
            value, qual, start, end, sign = got
            if cur is None:
                fact = bare_fact(text, m, value, qual, sign, chain)
                # 66.53、3.43、1.20和0.12万亿元 (6.53、6.83亿、7.17亿元): the magnitude this item
                # has, its own or one shared with it, reaches the bare items before it too
                num = m.group("num")
                shared = (chain is not None and fact is not None and fact.rule == "money.shared"
                          and not _ANY_MAG.search(num) and not m.group("q2"))
                mag = _tail_magnitude(num) or (chain[2] if shared and chain else "")
                chain = None
                if fact and fact.rule == "money.context" and not sign and not m.group("qb"):
                    # 指导价7.19-9.29万: the first end of a range, the magnitude shared
                    pair = range_facts(text, num, fact.start, fact.end, _dec(fact.value),
                                       fact.qualifier, fact.unit or "local", Decimal(1))
                    if pair:
                        out.extend(pair)
                        continue
                if fact:
                    out.append(fact)
                    chain = (fact.unit or "", fact.start, mag)
                continue
            facts, chain = worded_facts(text, m, cur, value, qual, start, end, sign)
            out.extend(facts)
        return out

    def ge_yi_facts(text: str, out: list[Fact]) -> list[Fact]:
        """两个亿, 三个多亿: colloquial N个亿 before a currency word or in a money context."""
        facts = []
        for g in ge_re.finditer(text) if ge_hint.search(text) else ():
            if any(f.start < g.end() and g.start() < f.end for f in out):
                continue
            gv, gq = parse_quantity(g.group("num") + (g.group("q") or ""))
            if gv is None or gv <= 0:
                continue
            code = after[g.group("cur")]["code"] if g.group("cur") else None
            if code is None:
                if not in_money_context(text, g.start()):
                    continue
                code = "local"
            if g.group("q2"):
                gq = "more_than"
            facts.append(Fact("money", g.group(), g.start(), g.end(),
                              _num(_dec(gv) * ge_mags[g.group("mag")]), "money.ge_yi", code, gq))
        return facts

    def warn_unitless(ctx: Context, out: list[Fact]) -> None:
        """A money unit with no number: 上线万元 → warning."""
        text = ctx.text
        for w in warn_re.finditer(text):
            b = text[w.start() - 1:w.start()] if w.start() else ""
            if not b or b.isdigit() or b in cn or b in warn_ok_before or not _HAN.match(b):
                continue
            if text[w.end():].startswith(warn_ok_after):
                continue
            if any(f.start <= w.start() < f.end for f in out):
                continue
            ctx.warn(text[max(0, w.start() - 2):w.end()])

    def settle_currencies(ctx: Context, out: list[Fact]) -> None:
        """What a bare 元 (code `local`) and a bare $ mean: the currency the article declares
        (232億元（港元，下同）, 9,000元（澳門幣）), else that of its place (meta.locale); adds
        the amounts a declaration names alone (1萬（澳門幣，下同）)."""
        text = ctx.text
        local = local_currency.get(ctx.meta.get("locale") or "zh-CN",
                                   local_currency.get("zh-CN", "CNY"))
        declared, just = [], {}
        # (every declaration opens with a bracket: most texts have none, and are not searched)
        for d in declared_re.finditer(text) if "（" in text or "(" in text else ():
            code = post_words[d.group("w")]["code"]
            if d.group("on"):
                declared.append((d.start(), code))      # （港元，下同）: from here on
            just[d.start()] = code                      # 9,000元（澳門幣）: the amount just before
            nm = bare_before.search(text, max(0, d.start() - 24), d.start())
            if nm and not any(f.start <= nm.start() < f.end for f in out):
                # 1萬（澳門幣，下同）: the number alone is the amount
                v, q = parse_quantity(nm.group())
                if v is not None and not text[nm.start() - 1:nm.start()].isdigit():
                    out.append(Fact("money", nm.group(), nm.start(), nm.end(), v, "money.declared",
                                    code, q))
        for d in (declared_after_re.finditer(text) if any(w in text for w in declared_cues)
                  else ()):
            declared.append((d.start(), post_words[d.group("w")]["code"]))
        declared.sort()
        dollar = local_dollar.get(ctx.meta.get("locale") or "zh-CN")
        # an amount with no currency word at all (马会捐款6.3亿, in a headline) that the article
        # states elsewhere with its currency (拨款6.3亿港元): that currency, when only one
        # (an amount in the place's 元 counts as that currency: 10亿元, 10亿美元 leave 10亿 alone)
        currencies: dict[object, set[str]] = {}
        bare = any(f.rule == "money.context" and f.unit == "local" for f in out)
        for f in out if bare else ():
            if f.rule == "money.context" or f.unit in ("peso", None) or (
                    f.rule == "money.prefix" and bare_dollar.match(f.text)):
                continue
            stated_code = local if f.unit == "local" else f.unit
            currencies.setdefault(f.value, set()).add(str(stated_code))
        # a bare $ after one the article named (港幣$68 … 每隻$55): the named one's dollar, on a
        # page whose place has none of its own
        named_dollar = None
        for f in sorted(out, key=lambda f: f.start):
            if f.rule == "money.prefix" and bare_dollar.match(f.text):
                w = word_before_dollar.search(text, max(0, f.start - 12), f.start)
                if w:
                    f.unit = named_dollar = dollar_words[w.group().strip(" \t\u3000")]
                elif dollar or named_dollar:
                    f.unit = dollar or named_dollar
            if f.unit == "local":
                said = [code for pos, code in declared if pos <= f.end + 1]
                stated = currencies.get(f.value, set()) if f.rule == "money.context" else set()
                f.unit = just.get(f.end) or (said[-1] if said else None) or (
                    next(iter(stated)) if len(stated) == 1 else local)
        if any(f.unit == "peso" for f in out):
            named: dict[str, int] = {}
            for m in peso_re.finditer(text) if peso_re is not None else ():
                code = peso_places[m.group()]
                named[code] = named.get(code, 0) + 1
            peso = max(named, key=lambda c: named[c]) if named else None
            for f in out:
                if f.unit == "peso":
                    f.unit = peso
            out[:] = [f for f in out if f.unit is not None or f.type != "money"]

    # an amount a PDF's line break cut from its magnitude or currency word (捐贈1,000 / 萬港元設立):
    # the line before is prose (a clause mark in it, a Chinese word right before the number), the
    # next line starts with the magnitude or currency word and goes on with a sentence; the break
    # is read as a space (the same length: every offset still points into the text as given)
    # (the newline first: the engine looks for it before it reads anything back)
    pdf_break = regex.compile(
        r"\n(?<=[,，、;；][^\n]{0,200}\p{Han}\d[\d,.]{0,12}\n)[ \t\u3000]*"
        r"(?=(?:[万亿萬億][ \t\u3000]?)?(?:" + word_trie(after) + r")[\p{Han}，。,；;])")

    def find(ctx: Context, full_scan: bool = False) -> list[Fact]:
        text = ctx.text
        broken = [b.span() for b in pdf_break.finditer(text)] if "\n" in text else []
        for a, b in broken:
            text = text[:a] + " " * (b - a) + text[b:]
        simp_: list[str] = []

        def simp() -> str:          # money and price words are read in Simplified
            if not simp_:
                simp_.append(one_for_one(text, to_simplified))
            return simp_[0]
        found: list[tuple[regex.Match, str | None]] = []
        for m in candidates(text, full_scan):
            num = m.group("num")
            cur = currency_word(text, m, num, simp) if m.group("cur") is not None else None
            if cur is None and m.group("pre") is None:
                if may_be_bare_money(text, m, num):
                    found.append((m, None))
                continue
            found.append((m, cur or "__pre__"))
        out = read_amounts(text, found)
        out += ge_yi_facts(text, out)
        warn_unitless(ctx, out)
        if place_re is not None:      # 三元区 is a district, not 3 元
            places = [m.span() for m in place_re.finditer(text)]
            if places:
                out = [f for f in out if not any(a < f.end and f.start < b for a, b in places)]
        # a table's unit in its header, no amount: (港幣百萬元), 单位：百万元
        out = [f for f in out if not _unit_label(text, f)]
        settle_currencies(ctx, out)
        if sub_places and out:
            place = ctx.meta.get("locale") or "zh-CN"
            out = [f for f in out if not sub_alone_elsewhere(f, place)]
        for f in out if broken else ():
            f.text = ctx.text[f.start:f.end]      # (the break as written)
        out.sort(key=lambda f: f.start)
        return out

    find.pick_candidates = pick_cand  # type: ignore[attr-defined]  # (read by tests)
    return find
