"""Numerals: turn the written form of a number into its value.

`parse_number(s)` reads one number as written in Chinese news and returns an int (when the
value is whole) or a float, or None when `s` is not a number:

- Arabic, with thousands separators and decimals: 1,184.74  10,000.233  .5  -2.5
- full-width digits and marks: １２３  ２．２  ４，５６５
- Chinese: 零〇一二两三…十百千万亿兆, 十三, 两千, 一千零五, 三万五 (= 35000), 四百五 (= 450),
  廿/卅/卌 (20/30/40), 半百, positional digit strings (二〇二三 = 2023), decimals with 点
- financial capitals and traditional forms: 壹贰叁肆伍陆柒捌玖拾佰仟, 萬 億 兩 貳 陸
- mixed: 3千, 1.2万, 15.6亿, 3万4000, 5万4千6百, 4.78万亿, 40k, 2.5M
- fractions: 三分之一, 3又1/3 written 3又三分之一, 百分之五 (= 0.05), 一千分之一
- signs: 负 / - / −
- approximate forms read as their lower bound: 2万余, 十多万, 五百余万, 十几, 三四 (= 3)

`parse_quantity(s)` does the same and also says how the text bounds the value:
(value, qualifier) with qualifier "more_than" for 余/多/几/来/出头, "about" for adjacent digit
pairs (三四个, 五六十), else None. Qualifier *words* around a number (约, 近, 超过, 以上 …) are
the finders' business (rules/lexicons/qualifiers.tsv).

`NUMBER` is a regex source string (for the `regex` module) matching a numeral candidate in
running text; finders build their patterns from it.
"""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

import regex

from .patterns import alternation, word_trie  # one builder for every stage

# --------------------------------------------------------------------------- characters
_TRAD = str.maketrans({
    "萬": "万", "億": "亿", "兩": "两", "倆": "两", "俩": "两", "貳": "贰", "陸": "陆",
    "負": "负", "點": "点", "餘": "余", "幾": "几", "參": "叁", "叄": "叁", "個": "个",
    "〡": "一", "〢": "二", "〣": "三",
    "−": "-", "－": "-", "﹣": "-", "—": "-",
})

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "弍": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_ZERO_DIGITS = "〇○Ｏ"
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8, "兆": 10 ** 12}
# financial capitals that also write common words when they stand alone (normalised forms)
_LONE_CAPITALS = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
# ...but these, as written, are numerals and nothing else (叁名, 贰项; 參 is 参加's)
_NUMERAL_ONLY = frozenset("叁叄贰貳")
_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
_LATIN_MULT = {"k": 10 ** 3, "K": 10 ** 3, "M": 10 ** 6, "w": 10 ** 4}   # 5w: 5万 (colloquial)

# Character classes for regex sources (simplified and traditional forms).
CN_DIGIT_CHARS = "零〇○一二两兩倆三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖"
CN_UNIT_CHARS = "十拾百佰千仟万萬亿億兆"
CN_NUM_CHARS = CN_DIGIT_CHARS + CN_UNIT_CHARS + "廿卅卌"
# thousands separators: "," anywhere; a full-width "，" only between full-width digits (４，５６５),
# since in running text "，" is a clause break (20，300美圆 is two numbers)
# a space, thin space or narrow no-break space between groups of three (3 000, 1\u2009200\u2009000)
# is
# a separator too when the first group has at most three digits and no digit follows the last
# (a run of numbers in a flattened table, 12 120 150, is not one: no digit and space before the
# first)
# a full-width "，" between ASCII digit groups is a separator too when a decimal part follows or
# there are two such groups (64，318.50元, 1，234，567人): a list would not write them so
# (the range written with its characters, not \u escapes: triggers.required reads NUMBER too)
_HAN_FIRST, _HAN_LAST = "\u4e00", "\u9fff"
_BROKEN_DECIMAL = (
    "(?:" + "|".join(rf"(?<=[{_HAN_FIRST}-{_HAN_LAST}]{sp}\d{{{n}}}[.．﹒])" for n in range(1, 5)
                     for sp in ("", " ")) + r") (?=\d{1,2}(?![\d.]))")
# …or before it, as text tokenised word by word sets it apart (考生57 .56万名, 营业额3 . 5亿元)
_SPACED_POINT = (
    "(?:" + "|".join(rf"(?<=[{_HAN_FIRST}-{_HAN_LAST}]{sp}\d{{{n}}})" for n in range(1, 5)
                     for sp in ("", " ")) + r") [.．﹒] ?(?=\d{1,3}(?![\d.]))")
_ARABIC = (r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?!，\d{3}(?!\d))|\d{1,3}(?:，[０-９]{3})+(?!\d)"
           r"|\d{1,3}(?:[,，]\d{3})+(?=[.．﹒]\d)|\d{1,3}(?:[,，]\d{3}){2,}(?!\d)"
           r"|(?<!\d[ \u2009\u202f\xa0])(?<!\d[.．﹒,，])\d{1,3}(?:[ \u2009\u202f\xa0]\d{3})+"
           r"(?![,，]\d)(?!\d)|\d+)"
           r"(?:[.．﹒](?:" + _BROKEN_DECIMAL + r"|)\d+|" + _SPACED_POINT + r"\d+)?"
           # (a point after a digit and a space opens no number: 57 .56万 is never .56万)
           r"|(?<!\d )[.．]\d+")
# (digits grouped by spaces never start at another number's decimals or group: a table row
# 54,973.50 110.51% is two numbers)
# (a PDF's text may break the decimal after its point, 實有68. 9 萬戶: one space, one or two
# decimals, a word right before the number; a list's 1. 2023级 or 2. 30家 keeps its item number)
# one space between Arabic digits and a magnitude, as content systems write them (3.27 亿, 52.6
# 亿元, 23 億 4,245 萬元, 1400 多万亩):
# only before 万/亿 (3 千米 is a length), never between two numbers nor after digits grouped by
# spaces (a table row 12 120 150 万元 keeps its numbers apart)
_MAG_SPACE = r"[ \xa0\u2009\u202f]"
# A numeral in running text: Arabic and/or Chinese parts, optional Chinese decimal part,
# optional 余/多/几 before a magnitude (十多万, 500余万). No sign, no fraction (finders add them).
NUMBER = (
    r"(?:(?:" + _ARABIC + r")|[" + CN_NUM_CHARS + r"])"
    # (after Arabic digits only a magnitude: 2024三層崎 is a year and a name, not 20243)
    # (a magnitude's trailing digit, 一万二 = 12,000, never opens 一手/二手: 1000萬二手住宅 is
    # 10,000,000 and a second-hand flat)
    r"(?:(?<!\d)(?!(?<=[万萬亿億])[一二]手)["
    + CN_NUM_CHARS
    + r"]|(?<=\d)["
    + CN_UNIT_CHARS
    + r"]|(?<=["
    + CN_NUM_CHARS
    + r"])(?:"
    + _ARABIC
    + r")|[余餘多几幾](?=[万萬亿億千])"
    r"|(?<=\d)(?<!\d" + _MAG_SPACE + r"\d{3})" + _MAG_SPACE + r"(?=[余餘多几幾]?[千百]?[万萬亿億])"
    # 万亿 spaced the same way (12.03 万 亿元)
    r"|(?:(?<=\d[万萬])|(?<=\d" + _MAG_SPACE + r"[万萬]))" + _MAG_SPACE + r"(?=[亿億])"
    # and after 亿 its ten-thousands, spaced the same way (23 億 4,245 萬元, as Taiwan's reports
    # print a sum): only digits that a 万 then closes, so 3亿 2024年 stays two numbers
    r"|(?<=[亿億])" + _MAG_SPACE + r"(?:\d,\d{3}|\d{1,4})(?=" + _MAG_SPACE + r"?[千万萬])"
    # …and after 万 its thousands with their comma, spaced the same way, when 元 closes them
    # (新臺幣 1 萬 4,400 元); a space before 仟/佰 when 元 follows (新台幣 5 仟元: 仟 names no
    # length, as 千 in 3 千米 does)
    r"|(?<=\d" + _MAG_SPACE + r"[万萬])" + _MAG_SPACE + r"\d,\d{3}(?=" + _MAG_SPACE + r"?[元圓])"
    r"|(?<=\d)" + _MAG_SPACE + r"(?=[仟佰][元圓])"
    r")*"
    # (‧, a hyphenation point, is Macao's and Taiwan's decimal point between Chinese numerals:
    # 四百七十六‧六億元, 三十五‧五%; so is a middle dot, 五十五·三億元, 一○·三元)
    r"(?:(?:[点點]|(?<=[" + CN_NUM_CHARS + r"])[﹒．‧·・]|(?<=[" + CN_DIGIT_CHARS + r"])\.(?=["
    + CN_DIGIT_CHARS + r"]))[" + CN_DIGIT_CHARS + r"]+[万萬亿億]*)?"
)


_WS = regex.compile(r"\s+")
_CN_POINT = regex.compile(r"(?<=[" + CN_NUM_CHARS + r"])[.‧·・](?=[" + CN_DIGIT_CHARS + r"])")
_FRAC_DIGITS = regex.compile(r"^([" + "".join(DIGITS) + r"0-9]+)([万亿兆]*)$")
_HAS_UNIT = regex.compile(r"[十百千万亿兆拾佰仟\d]")
_APPROX_IN = regex.compile(r"(?<=[\d" + CN_NUM_CHARS + r"])[余多几来](?=[万亿兆千百]*$)")
_TEEN_PAIR = regex.compile(r"^((?:[一二两三四五六七八九])?十)([一二三四五六七八])"
                           r"([二三四五六七八九])([万亿]*)$")
_PAIR = regex.compile(r"^([一二两三四五六七八九])([二两三四五六七八九])([十百千万亿]*)$")
_FRACTION = regex.compile(r"^(?:(.+?)又)?(.*?)分之(.+)$")
_SLASH = regex.compile(r"^(-?\d+)/(\d+)$")


def normalize(s: str) -> str:
    """Full-width → ASCII, traditional numeral characters → simplified, spaces removed."""
    s = unicodedata.normalize("NFKC", s).translate(_TRAD)
    s = _CN_POINT.sub("点", s)          # 六十二﹒五 (﹒ and ． are "." after NFKC)
    return _WS.sub("", s)


# A written number longer than this is no number (a run of digits in a table, 万万万…): None,
# never a value JSON cannot hold (inf, an int of thousands of digits) nor a deep recursion.
MAX_NUMBER_CHARS = 64


def _to_number(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    if not math.isfinite(f):
        raise ArithmeticError(f"{d} is out of range")
    return f


_ARABIC_FULL = regex.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_ARABIC_TOKEN = regex.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+")


def _tokenize(s: str) -> list[tuple[str, Decimal]] | None:
    """Tokens: ('n', value) a number (Arabic, or one Chinese digit), ('z', 0) 零,
    ('u', unit) small unit, ('U', unit) big unit. None if any character is foreign."""
    out: list[tuple[str, Decimal]] = []
    i = 0
    while i < len(s):
        m = _ARABIC_TOKEN.match(s, i)
        if m:
            out.append(("a", Decimal(m.group().replace(",", ""))))
            i = m.end()
            continue
        ch = s[i]
        if ch == "零" or (ch in _ZERO_DIGITS and out and out[-1][0] in ("u", "U")):
            # 零 marks a gap (一千零五); 〇 is the digit 0 (二〇二三) but a gap after a unit, as
            # Macao and Taiwan papers write it (二百○六萬 = 206万, 一百○一 = 101)
            out.append(("z", Decimal(0)))
            i += 1
            continue
        if ch in DIGITS:
            out.append(("n", Decimal(DIGITS[ch])))
        elif ch in SMALL_UNITS:
            out.append(("u", Decimal(SMALL_UNITS[ch])))
        elif ch in BIG_UNITS:
            out.append(("U", Decimal(BIG_UNITS[ch])))
        else:
            return None
        i += 1
    return out


def _section(toks: list[tuple[str, Decimal]], elide_unit: Decimal | None) -> Decimal | None:
    """Value of tokens holding no big unit. `elide_unit` is the big unit just before these
    tokens (三万五: a lone digit after it means elide_unit/10)."""
    if not toks:
        return Decimal(0)
    # a pure digit string, positional: 二〇二三, 一九九一, 5
    if all(k in ("n", "z") for k, _ in toks) and any(k == "n" for k, _ in toks):
        v = Decimal(0)
        for _, d in toks:
            v = v * 10 + d
        if len(toks) == 1 and elide_unit is not None and elide_unit >= 10 and toks[0][0] == "n":
            return v * elide_unit / 10
        return v
    total = Decimal(0)
    num: Decimal | None = None
    last_unit: Decimal | None = None
    after_unit = False  # last token was a unit (a following lone digit may be elided)
    zero = False
    for k, v in toks:
        if k == "z":
            if num is not None:
                total += num
                num = None
            zero = True
            after_unit = False
            continue
        if k in ("n", "a"):
            if num is not None:
                if k == "n":
                    num = num * 10 + v   # positional digits inside a larger number: rare
                else:
                    return None
            else:
                num = v
            continue
        # small unit
        if last_unit is not None and v >= last_unit and num is None:
            return None  # 十百, 千千
        total += (num if num is not None else Decimal(1)) * v
        num = None
        last_unit = v
        after_unit = True
        zero = False
    if num is not None:
        if after_unit and not zero and last_unit is not None and last_unit >= 100 and num < 10:
            total += num * last_unit / 10   # 四百五 = 450, 两千三 = 2300
        else:
            total += num
    elif not after_unit and not zero:
        return None
    return total


def _integer(toks: list[tuple[str, Decimal]], elide_unit: Decimal | None = None) -> Decimal | None:
    """Value of a token list that may hold big units: split at the last occurrence of the
    largest one (left × unit + right), so 万亿 and 万万 multiply."""
    bigs = [(v, i) for i, (k, v) in enumerate(toks) if k == "U"]
    if not bigs:
        return _section(toks, elide_unit)
    top = max(v for v, _ in bigs)
    idx = max(i for v, i in bigs if v == top)
    left, right = toks[:idx], toks[idx + 1:]
    # 万亿: the left part ends in a smaller big unit → it multiplies (handled by recursion)
    if not left:
        return None
    lv = _integer(left)
    if lv is None:
        return None
    rv = _integer(right, elide_unit=top) if right else Decimal(0)
    if rv is None:
        return None
    return lv * top + rv


def _plain(s: str) -> Decimal | None:
    """A number with no fraction, no sign: integer part, optional 点 decimals, magnitude."""
    if not s:
        return None
    for tens, spelled in _TENS.items():
        s = s.replace(tens, spelled)
    if s in ("半", "一半"):
        return Decimal("0.5")
    if len(s) > 1 and s[0] in "万亿" and s[1] in DIGITS:
        s = "一" + s                                    # 万九 = 一万九 = 19000, 亿五 = 1.5亿
    if s.startswith("半") and s[1:] in SMALL_UNITS:     # 半百 = 50
        return Decimal(SMALL_UNITS[s[1:]]) / 2
    mult = Decimal(1)
    if s[-1] in _LATIN_MULT and len(s) > 1:
        mult = Decimal(_LATIN_MULT[s[-1]])
        s = s[:-1]
    if s.endswith("打") and len(s) > 1:                 # a dozen: 五十打 = 600
        mult *= 12
        s = s[:-1]
    if _ARABIC_FULL.match(s):
        return Decimal(s.replace(",", "")) * mult
    if "点" in s:
        ip, _, fp = s.partition("点")
        m = _FRAC_DIGITS.match(fp)
        if not m:
            return None
        iv: Decimal | None
        if len(ip) > 1 and all(c in DIGITS and c != "两" for c in ip):
            # 一九点〇四: digits before a point are positional
            iv = Decimal("".join(str(DIGITS[c]) for c in ip))
        else:
            iv = _plain(ip) if ip else Decimal(0)
        if iv is None:
            return None
        frac = "".join(str(DIGITS[c]) if c in DIGITS else c for c in m.group(1))
        v = iv + Decimal("0." + frac)
        for u in m.group(2):
            v *= BIG_UNITS[u]
        return v * mult
    if len(s) > 1 and "两" in s and not _HAS_UNIT.search(s):
        return None     # 两 is never a positional digit (两两, 三三两两)
    if len(s) == 2 and all(c in DIGITS for c in s):
        # two bare Chinese digits are a name (三八, 十一 has a unit) or an approximation
        return None
                        # (三四, handled before), never a positional number; 二〇二三 has four
    toks = _tokenize(s)
    if not toks:
        return None
    whole = _integer(toks)
    return None if whole is None else whole * mult


def _strip_approx(s: str) -> tuple[str, str | None]:
    """Remove 余/多/几/来 that follow a number (十多万 → 十万, 2万余 → 2万); adjacent digit
    pairs (三四 → 三, 五六十 → 五十) are read as their lower value."""
    q = None
    t = _APPROX_IN.sub("", s)
    if t != s:
        q = "more_than"
    if t.endswith("出头"):
        t, q = t[:-2], "more_than"
    if t[-1:] == "把" and t[:-1] in ("百", "千", "万"):
        t, q = t[:-1], "about"               # 千把人, 百把块: about a thousand, a hundred
    if q and t in ("十", "百", "千", "万", "亿"):
        t = "一" + t                          # 万余人, 百多个: a bare magnitude means one of it
    m = _PAIR.match(t)
    if m and (DIGITS[m.group(2)] - DIGITS[m.group(1)] == 1 or m.group(1) + m.group(2) == "三五"):
        t, q = m.group(1) + m.group(3), "about"
    m = _TEEN_PAIR.match(t)
    if m and DIGITS[m.group(3)] - DIGITS[m.group(2)] == 1:
        # 十三四 = 13 or 14, 二十五六万 = 25万 or 26万
        t, q = m.group(1) + m.group(2) + m.group(4), "about"
    return t, q


def _signed(s: str) -> Decimal | None:
    neg = False
    if s[:1] in ("负", "-"):
        neg, s = True, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    v = _plain(s)
    if v is None:
        return None
    return -v if neg else v


def _value(s: str) -> tuple[Decimal | None, str | None]:
    s = normalize(s)
    if not s:
        return None, None
    s, q = _strip_approx(s)
    # mixed fraction: A又B分之C, and fractions B分之C (百分之C = C/100)
    m = _SLASH.match(s)               # 1/3, 2/5: an Arabic fraction
    if m and int(m.group(2)):
        return Decimal(m.group(1)) / Decimal(m.group(2)), q
    m = _FRACTION.match(s)
    if m:
        whole = _signed(m.group(1)) if m.group(1) else Decimal(0)
        if whole is None:
            return None, None
        den_s = m.group(2)
        if den_s in ("百", "千", "万"):
            den_s = "一" + den_s
        den, num = _signed(den_s), _signed(m.group(3))
        if den is None or num is None or den == 0:
            return None, None
        frac = num / den
        return (whole - frac if whole < 0 else whole + frac), q
    return _signed(s), q


# Most numbers in news are ASCII digits, with a point and 万/亿 at most (15.6亿, 2024, 7.5万):
# read without the general path, by the same Decimal arithmetic (exact at these lengths), so
# the same value. Anything else (a comma, a Chinese numeral, 余, a sign) takes the general path.
_PLAIN_ARABIC = re.compile(r"([0-9]{1,12}(?:\.[0-9]{1,12})?)(万亿|万|亿)?")
_PLAIN_MAGNITUDE = {None: 1, "万": 10 ** 4, "亿": 10 ** 8, "万亿": 10 ** 12}


def _plain_arabic(s: str) -> int | float | None:
    m = _PLAIN_ARABIC.fullmatch(s)
    if m is None:
        return None
    digits, mag = m.groups()
    if mag is None and "." not in digits:
        return int(digits)
    return _to_number(Decimal(digits) * _PLAIN_MAGNITUDE[mag])


@lru_cache(maxsize=16384)
def parse_number(s: str) -> int | float | None:
    """The value of one written number, or None. See the module docstring."""
    if len(s) > MAX_NUMBER_CHARS:
        return None
    plain = _plain_arabic(s)
    if plain is not None:
        return plain
    try:
        v, _ = _value(s)
        return None if v is None else _to_number(v)
    except (ArithmeticError, ValueError, KeyError, IndexError, RecursionError):
        return None


def lone_capital(s: str) -> bool:
    """One financial capital standing alone (參, 拾, 伍, 陆): in running text it is a character
    of a word (参加元旦, 拾起, 队伍, 陆续), not a number before a unit. A fraction keeps it
    (万分之肆): this is for the finders' number + unit candidates only."""
    return len(s) == 1 and s not in _NUMERAL_ONLY and normalize(s) in _LONE_CAPITALS


@lru_cache(maxsize=16384)
def parse_quantity(s: str) -> tuple[int | float | None, str | None]:
    """(value, qualifier) of one written number: qualifier "more_than" for 余/多/几/来/出头,
    "about" for adjacent digit pairs (三四), else None."""
    if len(s) > MAX_NUMBER_CHARS:
        return None, None
    plain = _plain_arabic(s)
    if plain is not None:
        return plain, None
    try:
        v, q = _value(s)
        return (None, None) if v is None else (_to_number(v), q)
    except (ArithmeticError, ValueError, KeyError, IndexError, RecursionError):
        return None, None


__all__ = [
    "CN_DIGIT_CHARS",
    "CN_NUM_CHARS",
    "CN_UNIT_CHARS",
    "NUMBER",
    "lone_capital",
    "normalize",
    "parse_number",
    "parse_quantity",
]


# --------------------------------------------------------------------------- for the finders
# Shared by the count, money and percent finders (pipeline/find/): candidate building blocks,
# qualifier words, and "is this inside a title, a short quoted name or a URL" checks.

_HSPACE = r"[ \t\u3000]"
_CN_OR_POINT = r"[" + CN_NUM_CHARS + r"点點]"
# 六十二﹒五: a point after a Chinese numeral
# (an ASCII point too, between two Chinese digits: 二.三五% as Taiwan papers write 2.35%)
_CN_DOT = (r"(?:[点點]|(?<=[" + CN_NUM_CHARS + r"])[﹒．‧]|(?<=[" + CN_NUM_CHARS + r"])[·・](?=["
           + CN_DIGIT_CHARS + r"])|(?<=[" + CN_DIGIT_CHARS + r"])\.(?=["
           + CN_DIGIT_CHARS + r"]))")
_CN_PIECE = (
    r"(?:[" + CN_NUM_CHARS + r"]|" + _CN_DOT + r"(?=" + _HSPACE + r"*[" + CN_DIGIT_CHARS + r"\d]))"
)
_PIECE = (
    r"(?:(?:"
    + _ARABIC
    + r")|["
    + CN_NUM_CHARS
    + r"]|"
    + _CN_DOT
    + r"(?="
    + _HSPACE
    + r"*["
    + CN_DIGIT_CHARS
    + r"\d]))"
)
# A numeral that may hold spaces next to its Chinese characters (百 分 之 一 百二 十点 五, 七成 六):
# used where a unit follows that makes the candidate unambiguous (percent).
# (the two branches must not both match a Chinese character: overlapping branches backtrack
# exponentially on a long run of numerals with no unit after it)
# Where a numeral may start: not inside a run of digits or Chinese numerals. A start inside a run
# only finds a tail of what the run's own start finds (tried first), and a finder whose candidate
# needs a unit after the number would otherwise rescan the run from every character (quadratic on
# a long run of numerals with no unit after it). NUMBER_SPACED also may not start after a Chinese
# numeral and up to three spaces (or a digit and spaces before a Chinese numeral): it would join
# them.
NUMBER_START = r"(?<![\d" + CN_NUM_CHARS + r"])"
_SPACED_START = (NUMBER_START + r"(?<!\d[.．])"
                 r"(?:(?<![" + CN_NUM_CHARS + r"]" + _HSPACE + r"{1,3})"
                 # (a table's next cell after an amount: 4036.51万 2.16%)
                 r"|(?:" + "|".join(r"(?<=\d[万萬亿億千百]" + _HSPACE * k + ")" for k in (1, 2, 3))
                 + r")(?=\d))"
                 r"(?!(?<=\d" + _HSPACE + r"{1,3})[" + CN_NUM_CHARS + r"])")
NUMBER_SPACED = (
    _SPACED_START
    + _PIECE
    + r"(?:"
    + _HSPACE
    + r"{0,3}"
    + _CN_PIECE
    + r"|(?<="
    + _CN_OR_POINT
    # (never after Arabic digits' magnitude: 4036.51万 2.16% is a table's two cells)
    + r")(?<!\d[万萬亿億千百])"
    + _HSPACE
    + r"{0,3}(?:"
    + _ARABIC
    + r"))*"
)


# 负 after these closes a word (减负, 担负, 肩负, 胜负, 自负, 正负, 抱负, 辜负): no minus before the
# number after it (减负920.3亿元 relieved that much); finders put it before their 负
NOT_MINUS_BEFORE = "(?<![减減担擔肩胜勝自正抱欠辜])"


# a number's closing magnitudes, and their order
_TAIL_MAG = re.compile(r"[百佰千仟万萬亿億兆]+$")
_MAG_ORDER = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "万": 4, "萬": 4, "亿": 5,
              "億": 5, "兆": 6}


def shared_magnitude(a_txt: str, a_val, b_num: str) -> str:
    """The magnitude a range's first end takes from its second (10到20万 → 万, 八到九百亿 → 百亿,
    一千到两千万 → 万, 七千到九千亿 → 亿): the second end's closing magnitudes above every one the
    first end writes, when the first end's number is below what the second end's stands before
    them (8500到3万 shares nothing: 8500 is no 8500万); else ''."""
    tail = _TAIL_MAG.search(b_num)
    if a_val is None or not tail:
        return ""
    top = max((_MAG_ORDER.get(c, 0) for c in a_txt), default=0)
    shared = tail.group()
    while shared and _MAG_ORDER[shared[0]] <= top:
        shared = shared[1:]
    if not shared:
        return ""
    coef = parse_quantity(b_num[:-len(shared)])[0] if len(shared) < len(b_num) else None
    return shared if coef is not None and a_val < coef else ""


def place_names(rows: list[dict[str, str]], pairs: list[dict[str, str]]):
    """lexicons/place_numerals.tsv rows → a compiled pattern of the names (and their Traditional
    forms, by lexicons/script_pairs.tsv) whose numerals are no count: 三元区, 六盘水, 九龍坡區."""
    to_trad = {r["simplified"]: r["traditional"] for r in pairs}
    forms: set[str] = set()
    for r in rows:
        for w in (r["name"], r["alias"]):
            if w and w != "-":
                forms.update((w, "".join(to_trad.get(c, c) for c in w)))
    # a literal alternation, as a trie (patterns.word_trie: the same matches): the standard `re`
    # finds them several times faster, and as a trie asks a position only about the names that
    # begin there
    return re.compile(word_trie(forms)) if forms else None


def load_qualifiers(rows: list[dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """qualifiers.tsv rows → ({word before the number: qualifier}, {word after: qualifier})."""
    before = {r["word"]: r["qualifier"] for r in rows if r["position"] == "before"}
    after = {r["word"]: r["qualifier"] for r in rows if r["position"] == "after"}
    return before, after




_PAIRS = {"《": "》", "〈": "〉", "“": "”", "‘": "’", "「": "」", "『": "』", "\"": "\""}
# the nearest line break or bracket / quote mark before a position: the one character
# enclosing() decides on (a reverse search in C instead of a loop over the characters)
_MARK_BEFORE = regex.compile(
    r"(?r)[\n" + regex.escape("".join(sorted(set(_PAIRS) | set(_PAIRS.values())))) + r"]")


def enclosing(text: str, start: int, end: int, window: int = 40) -> tuple[str, int, int] | None:
    """The innermost bracket or quote pair around text[start:end] on the same line, as
    (opening mark, content start, content end), or None."""
    mark = _MARK_BEFORE.search(text, max(0, start - window), start)
    if mark is None:
        return None
    ch = mark.group()
    if ch not in _PAIRS:
        return None          # a line break, or a closing mark first: we are outside any pair
    close = _PAIRS[ch]
    j = text.find(close, end, end + window)
    nl = text.find("\n", end, end + window)
    if j >= 0 and (nl < 0 or j < nl):
        return ch, mark.start() + 1, j
    return None


_URL = regex.compile(r"(?:https?://|www\.)[^\s\u3000，。；、）)】」》\p{Han}]+", regex.I)


def url_spans(text: str) -> list[tuple[int, int]]:
    # every URL holds :// or www. (its w only W or w, in any case folding): most texts hold
    # neither, and _URL is not run over them (no other character lowercases to w or .)
    if "://" not in text and "www." not in text.lower():
        return []
    return [m.span() for m in _URL.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


__all__ += [
    "NUMBER_SPACED",
    "NUMBER_START",
    "alternation",
    "enclosing",
    "inside",
    "load_qualifiers",
    "place_names",
    "url_spans",
]
