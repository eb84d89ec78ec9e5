"""What one match says: the groups of a date rule → Spec (still unresolved, no ref_date yet)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..numerals import parse_number

# Year digits read one by one (二〇二三, 零八, 三六七): date-specific, not a quantity.
# 二00四年, 二OO四年: zeros typed as Arabic digits or the letter O among Chinese digits.
_YDIGIT = {"〇": "0", "○": "0", "零": "0", "0": "0", "O": "0", "一": "1", "二": "2", "三": "3",
           "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}

# 今年 去年 …: offset from the reference year; 次/翌/当/同 count from the year last mentioned.
YEAR_REL = {"大前": -3, "大后": 3, "今": 0, "本": 0, "去": -1, "上": -1, "下": 1, "前": -2,
            "明": 1, "来": 1, "后": 2, "次": 1, "翌": 1, "当": 0, "同": 0}
# 上年 / 下年 are the previous / next year only in Hong Kong and Macao usage; on the mainland 上年
# is the year before the one a report covers (FACTS.md: no fact), so the finder asks the locale.
YEAR_REL_LOCALES = ("zh-HK", "zh-MO")
MINGUO_EPOCH = 1911   # 民國1年 = 1912
YEAR_ANAPH = {"次", "翌", "当", "同"}
MONTH_REL = {"本月": 0, "这个月": 0, "今个月": 0, "呢个月": 0, "上月": -1, "上个月": -1, "下月": 1,
             "下个月": 1, "上上个月": -2, "下下个月": 2, "上一个月": -1, "下一个月": 1,
             "当月": 0, "同月": 0, "次月": 1}
MONTH_ANAPH = {"当月", "同月", "次月"}
DAY_REL = {"今天": 0, "今日": 0, "本日": 0, "昨天": -1, "昨日": -1, "前天": -2, "前日": -2,
           "大前天": -3, "大大前天": -4, "明天": 1, "明日": 1, "后天": 2, "後天": 2, "后日": 2,
           "大后天": 3, "大大后天": 4, "寻日": -1, "琴日": -1, "听日": 1, "寻晚": -1, "琴晚": -1,
           "听晚": 1,   # Cantonese
           # northern speech
           "今儿": 0, "今儿个": 0, "明儿": 1, "明儿个": 1, "昨儿": -1, "昨儿个": -1, "今夜": 0,
           "当天": 0, "当日": 0, "同日": 0, "同一天": 0, "次日": 1, "翌日": 1,
           "今晚": 0, "今早": 0, "今晨": 0, "昨晚": -1, "昨夜": -1, "昨晨": -1, "明晚": 1,
           "明早": 1, "明晨": 1, "前晚": -2, "当晚": 0, "第二天": 1, "前一天": -1}
DAY_ANAPH = {"当天", "当日", "同日", "同一天", "次日", "翌日", "当晚", "第二天", "前一天"}
DAY_ANAPH_STRICT = {"第二天", "前一天"}   # only after a date written in the article
# 今明两天, 明后两天: the first character of each day word
# (翌(16)日: the next day, its day of month written; the written day decides)
PAIR_DAY = {"今": "今天", "本": "今天", "明": "明天", "翌": "明天", "后": "后天", "昨": "昨天",
            "前": "前天"}
PM = {"下午", "傍晚", "晚上", "晚间", "夜间", "夜里", "晚"}
# 上季度 alone: a report's, like 上年
QUARTER_REL = {"本": 0, "这个": 0, "今个": 0, "上个": -1, "下个": 1, "下": 1}
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def year_digits(s: str) -> int | None:
    """二〇二三 → 2023, 零八 → 8 (the caller widens two digits to a century)."""
    try:
        return int("".join(_YDIGIT[c] for c in s))
    except KeyError:
        return None


def small_number(s: str | None) -> int | None:
    """A month, day, hour or minute: 10, 十, 二十三, 廿一 (numerals.parse_number)."""
    if not s:
        return None
    v = parse_number(s)
    return int(v) if isinstance(v, (int, float)) and float(v).is_integer() else None


@dataclass
class Spec:
    """One point as written. Fields left None are not in the text."""
    # a written year (4, 3 digits, 二〇二三, 两千零四, 民国112年 → 2023)
    year: int | None = None
    year3: bool = False            # three digits with no era (113年): a Minguo year in Taiwan
    year2: int | None = None       # a two-digit year (08年, 23年): century from ref_date
    year2_text: str | None = None
    year2_cn: bool = False         # …written in Chinese digits one by one (一五年, 九七年)
    yrel: str | None = None        # 今 去 前 … (+ 年)
    ymod: str | None = None        # 年底 年初
    month: int | None = None
    mrel: str | None = None        # 本月 上月 当月 …
    month_gloss: int | None = None  # 上（11）月: the month written beside a relative month
    mmod: str | None = None        # 月底 上旬 …
    day: int | None = None
    day_gloss: int | None = None   # 今(11)日: the day of month written beside a relative day
    drel: str | None = None        # 今天 昨天 当天 次日 …
    hour: int | None = None
    minute: int | None = None
    quarter: str | None = None     # 一季度 前三季度 上半年 全年 前10个月
    quarter_n: int | None = None
    quarter_rel: int | None = None # 本季度 上个季度 下个季度: quarters from ref_date's
    quarter_end: bool = False      # 二季度末 上半年末: the quarter's last month
    fest: str | None = None

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.year2 is not None or self.yrel is not None

    @property
    def empty(self) -> bool:
        return not (self.has_year or self.month or self.mrel or self.day or self.drel
                    or self.quarter or self.fest)


# the groups each part of spec_from reads: a part whose groups a match lacks is skipped (most
# matches hold two or three groups of the forty a Spec can be read from)
_YEAR_GROUPS = frozenset(("y4", "ymg", "y3", "y2", "yc", "yv", "ycp"))
_TIME_GROUPS = frozenset(("hh", "hc"))
_QUARTER_GROUPS = frozenset(("q", "qn", "qrel"))


def spec_from(g: dict[str, Any], p: str = "") -> Spec:
    """Groups of a match (with prefix `p`, e.g. 's_') → Spec."""
    if p:
        cut = len(p)
        g = {k[cut:]: v for k, v in g.items() if k.startswith(p)}
    get: Callable[[str], Any] = g.get

    sp = Spec()
    if _YEAR_GROUPS.isdisjoint(g):
        pass
    elif get("y4"):
        sp.year = int(get("y4"))
    elif get("ymg"):
        n = 1 if get("ymg") == "元" else small_number(get("ymg"))
        sp.year = n + MINGUO_EPOCH if n else None
    elif get("y3"):
        sp.year, sp.year3 = int(get("y3")), True
    elif get("y2"):
        sp.year2, sp.year2_text = int(get("y2")), get("y2")
    elif get("yc"):
        v = year_digits(get("yc"))
        if v is not None and len(get("yc")) == 2:
            sp.year2, sp.year2_text = v, "0" + str(v) if v < 10 else str(v)
            sp.year2_cn = True
        else:
            sp.year, sp.year3 = v, len(get("yc")) == 3
    elif get("yv"):
        sp.year = small_number(get("yv"))
    elif get("ycp"):          # 八十八年, 一百零五年: a Minguo year with its tens (resolve.py)
        v = small_number(get("ycp"))
        if v is not None and v >= 100:
            sp.year, sp.year3 = v, True
        else:
            sp.year2, sp.year2_text, sp.year2_cn = v, get("ycp"), True
    sp.yrel = get("yrel")
    sp.ymod = get("ymod")
    if get("ypart"):          # 年底 / 年初 alone: of the year last written, else ref_date's
        sp.yrel, sp.ymod = "当", get("ypart")
    if get("m"):
        sp.month = int(get("m"))
    elif "mcn" in g:
        sp.month = 1 if get("mcn") == "元" else small_number(get("mcn"))
    if get("mord"):
        sp.month = small_number(get("mord"))
    sp.mrel = get("mrel")
    if get("mg"):           # 上（11）月 (Taiwan news): 上月, its month written in the brackets
        sp.mrel = get("mp") + "月"
        mg = get("mg")
        sp.month_gloss = int(mg) if mg.isdigit() else small_number(mg)
    sp.mmod = get("mmod")
    if get("d"):
        sp.day = int(get("d"))
    elif "dcn" in g:
        sp.day = small_number(get("dcn"))
    sp.drel = get("drel") or (PAIR_DAY.get(get("dp") or "") if "dp" in g else None)
    if get("dg"):
        dg = get("dg")
        sp.day_gloss = int(dg) if dg.isdigit() else small_number(dg)
    if not _TIME_GROUPS.isdisjoint(g):
        _read_time(sp, get)
    if not _QUARTER_GROUPS.isdisjoint(g):
        q = get("q")
        sp.quarter = q.replace(" ", "") if q is not None else None   # (第 1 季: spaced digits)
        sp.quarter_n = small_number(get("qn"))
        sp.quarter_end = get("qend") is not None
        if get("qrel") is not None:
            sp.quarter, sp.quarter_rel = "季度", QUARTER_REL[get("qrel")]
    sp.fest = get("fest")
    return sp


def _read_time(sp: Spec, get: Callable[[str], Any]) -> None:
    """The hour and minute of a match that holds hh (8:30) or hc (八点半)."""
    if get("hh") is not None:
        sp.hour, sp.minute = int(get("hh")), int(get("mi"))
    elif get("hc") is not None:
        sp.hour = small_number(get("hc")) if get("hc") not in ("零", "〇") else 0
        sp.minute = 30 if get("half") else (small_number(get("mic")) or 0)
    if sp.hour is None or sp.minute is None:
        sp.hour = sp.minute = None
    else:
        ampm = get("ampm")
        if (ampm in PM and sp.hour < 12) or (ampm == "中午" and sp.hour < 3):
            sp.hour += 12
        elif ampm == "凌晨" and sp.hour == 12:
            sp.hour = 0
        if not (0 <= sp.hour < 24 and 0 <= sp.minute < 60):
            sp.hour = sp.minute = None  # 24时 is the end of a day, not a time to write


def quarter_months(q: str, n: int | None) -> tuple[int, int] | None:
    """一季度 → (1, 3), 前三季度 → (1, 9), 上半年 → (1, 6), 全年 → (1, 12), 前10个月 → (1, 10)."""
    q = q.lstrip("第")
    if q[0] in "首头":           # 首两个月, 头两个月, 首季度: from the year's start
        q = "一季度" if q[1] == "季" else "前" + q[1:]
    if q in ("上半年", "半年度"):     # 2024年半年度 (a half-year report): the first half
        return 1, 6
    if q == "下半年":
        return 7, 12
    if q == "全年":
        return 1, 12
    if q.startswith("前") and q.endswith(("季度", "季")):     # 前三季度, 前三个季度, 前三季
        k = QUARTERS.get(q[1], 2 if q[1] == "两" else None)
        return (1, 3 * k) if k else None
    if q.startswith("前") and q.endswith("月"):        # 前10个月, 前2月 (Macao, Hong Kong)
        return (1, n) if n and 1 <= n <= 12 else None
    k = int(q[1]) if q[0] in "Qq" else QUARTERS.get(q[0])
    return (3 * k - 2, 3 * k) if k else None
