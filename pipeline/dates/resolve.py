"""Specs → ISO 8601 values, against ref_date and the dates already read in the article."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace

from .parse import (
    DAY_ANAPH,
    DAY_ANAPH_STRICT,
    DAY_REL,
    MINGUO_EPOCH,
    MONTH_ANAPH,
    MONTH_REL,
    YEAR_ANAPH,
    YEAR_REL,
    Spec,
    quarter_months,
)

NO_REF_PIVOT = 2000  # two-digit years with no ref_date: the century nearest 2000 (1950–2049)
# A two-digit year in Chinese digits read one by one (一五年, 九七年, 零八年: Hong Kong and Macao
# papers) looks back: the latest year not after ref_date's year + 1 (an article of December 2015
# may speak of 一六年); with no ref_date, 2000-2030 for 零零-三零, else the 1900s (四九年 = 1949).
CN_YEAR2_AHEAD = 1
CN_YEAR2_NO_REF_TOP = 2030


@dataclass(frozen=True)
class Point:
    y: int | None
    m: int | None = None
    d: int | None = None
    hh: int | None = None
    mi: int | None = None
    # a month the text does not write (年底 → December): no day alone after it takes it
    implied: bool = field(default=False, compare=False)

    def iso(self) -> str:
        if self.y is None:
            if self.m is None:
                return ""
            s = f"--{self.m:02d}"
        else:
            s = f"{self.y:04d}"
            if self.m is not None:
                s += f"-{self.m:02d}"
        if self.m is not None and self.d is not None:
            s += f"-{self.d:02d}"
        return s

    def datetime(self) -> str | None:
        """The date with its time of day (2025-12-26T10:00), or None when no time is written.
        `iso()` stays at day precision: values are compared as dates (docs/CONTRACT.md)."""
        if self.hh is None or self.m is None or self.d is None:
            return None
        return f"{self.iso()}T{self.hh:02d}:{self.mi or 0:02d}"

    def key(self) -> tuple[int, int, int]:
        return (self.y or 0, self.m or 0, self.d or 0)


PAST_DAY_GAP = 5   # a day alone up to this many days before ref_date's month began is of that month


@dataclass
class State:
    """What the article said so far: the anchor of 当天, 22日, 当年 …"""
    ref: dt.date | None
    locale: str = "zh-CN"             # meta.locale: zh-TW reads 113年 / 99年 as Minguo years
    last_day: Point | None = None     # last point with a day
    last_month: Point | None = None   # last point with a month
    last_year: int | None = None
    # the article's own day where its text writes it beside 今天 (今天(9月7日), a broadcast's
    # transcript posted later): the anchor of 今天, 昨晚, 明天 … after it, over ref_date
    today: Point | None = None

    def saw(self, p: Point | None) -> None:
        if p is None:
            return
        if p.d is not None and p.m is not None:
            self.last_day = p
        if p.m is not None and not p.implied:
            self.last_month = p
        if p.y is not None:
            self.last_year = p.y


def century(yy: int, ref: dt.date | None) -> int:
    base = ref.year if ref else NO_REF_PIVOT
    return min((c + yy for c in (1900, 2000, 2100)), key=lambda y: (abs(y - base), y))


def century_cn(yy: int, ref: dt.date | None) -> int:
    """一五年 → 2015, 九七年 → 1997, 四九年 → 1949: the latest year ending in yy not after
    ref_date's year + CN_YEAR2_AHEAD (no ref_date: not after CN_YEAR2_NO_REF_TOP)."""
    top = ref.year + CN_YEAR2_AHEAD if ref else CN_YEAR2_NO_REF_TOP
    y = top // 100 * 100 + yy
    return y if y <= top else y - 100


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is None:
        return d is None
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    # calendar.monthrange(y, m)[1], without the weekday it also works out
    return 1 <= d <= (29 if m == 2 and calendar.isleap(y if y is not None else 2000)
                      else _MONTH_DAYS[m])


def _year(sp: Spec, st: State) -> tuple[int | None, bool]:
    """(year, known): known is False when a relative year word has nothing to count from."""
    if sp.year is not None:
        if sp.year3 and sp.year < 200 and (st.locale == "zh-TW" or sp.month is not None
                                           or sp.quarter is not None):
            # 113年 in Taiwan: 民國113年 = 2024; with a month (112年9月21日) or a quarter
            # (114年第4季) on any page, since no news dates a day of the second century
            return sp.year + MINGUO_EPOCH, True
        return sp.year, True
    if sp.year2 is not None:
        if (st.locale == "zh-TW" and not (sp.year2_text or "").startswith("0")
                and not (sp.year2_cn and "十" not in (sp.year2_text or "十"))):
            # 99年 in Taiwan: 2010 (a Western '99 is written 1999); a year written digit by
            # digit (二○年, 九八年) is the Western one abbreviated: Minguo's are 九十八年
            return sp.year2 + MINGUO_EPOCH, True
        if sp.year2_cn:
            return century_cn(sp.year2, st.ref), True
        return century(sp.year2, st.ref), True
    if sp.yrel:
        base: int | None
        if sp.yrel in YEAR_ANAPH and st.last_year is not None:
            base = st.last_year
        else:
            base = st.ref.year if st.ref else None
        if base is None:
            return None, False
        return base + YEAR_REL[sp.yrel], True
    return None, True


# the words after 年 that name its end (年底, 年末, 年尾): the point is the year's December
YEAR_END = frozenset({"底", "末", "尾"})
YEAR_START = "初"   # 2017年初: the year's first month, as two labellers of three dated it


def point(sp: Spec, st: State) -> Point | None:
    """One point; None when the text does not fix enough of it (bare 今年 with no ref_date)."""
    ref = st.ref
    if sp.drel and sp.has_year and DAY_REL[sp.drel] == 0 and sp.drel not in DAY_ANAPH:
        y, _ = _year(sp, st)          # 去年的今天: ref_date's day in another year
        if y is None or ref is None:
            return None
        return Point(y, ref.month, min(ref.day, calendar.monthrange(y, ref.month)[1]))
    if sp.drel:
        off = DAY_REL[sp.drel]
        base = st.last_day if sp.drel in DAY_ANAPH and st.last_day else None
        if base is None and sp.drel in DAY_ANAPH_STRICT:
            return None
        if base is None and st.today is not None:
            base = st.today
        if base is None:
            if ref is None:
                return None
            base = Point(ref.year, ref.month, ref.day)
        if base.y is None:
            return base if off == 0 else None
        assert base.m is not None and base.d is not None  # ref's day, or last_day (State.saw)
        t = dt.date(base.y, base.m, base.d) + dt.timedelta(days=off)
        if sp.day_gloss is not None and sp.day_gloss != t.day:
            near = _nearest_day(t, sp.day_gloss)   # 今(11)日: the written day wins over ref_date
            if near is None:
                return None
            t = near
        hh = sp.hour
        if hh is not None and hh < 12 and sp.drel[-1] in "晚夜":
            hh += 12   # 今晚8点
        return Point(t.year, t.month, t.day, hh, sp.minute if hh is not None else None)
    y, known = _year(sp, st)
    m = d = None
    if sp.mrel:
        off = MONTH_REL[sp.mrel]
        by: int | None
        if sp.mrel in MONTH_ANAPH and st.last_month is not None:
            by, bm = st.last_month.y, st.last_month.m
            assert bm is not None  # last_month has a month (State.saw)
        elif ref is not None:
            by, bm = ref.year, ref.month
        else:
            return None
        if sp.has_year:
            by = y
        n = bm - 1 + off
        m = n % 12 + 1
        y = by + n // 12 if by is not None else None
        if sp.month_gloss is not None and sp.month_gloss != m:
            # 上（11）月: the written month wins, in the year that puts it nearest
            g = sp.month_gloss
            if y is not None:
                y += -1 if g - m > 6 else 1 if m - g > 6 else 0
            m = g
    elif sp.month is not None:
        m = sp.month
    if sp.day is not None:
        d = sp.day
        if m is None:  # a day alone: month and year of the nearest date before it
            if st.last_month is not None:
                y, m = st.last_month.y, st.last_month.m
            elif ref is not None:
                y, m = ref.year, ref.month
                # …or of the month before when that is the last few days (台北28日電 in a page
                # of 1 March: 28 February, not a day four weeks ahead); never a month ahead
                if d > ref.day + PAST_DAY_GAP:
                    py, pm = (y, m - 1) if m > 1 else (y - 1, 12)
                    if d <= calendar.monthrange(py, pm)[1] and \
                            (ref - dt.date(py, pm, d)).days <= PAST_DAY_GAP:
                        y, m = py, pm
            else:
                return None
    implied = m is None and d is None and y is not None and (sp.ymod in YEAR_END
                                                            or sp.ymod == YEAR_START)
    if implied:
        # 2024年底, 去年年末: the year's last month, as readers of real pages date it; 2017年初
        # its first
        m = 1 if sp.ymod == YEAR_START else 12
    if y is None and known and not sp.has_year and m is not None and ref is not None:
        y = ref.year  # a date with no year takes ref_date's year
    if y is None and m is None:
        return None
    if not _valid(y, m, d):
        return None
    hh, mi = (sp.hour, sp.minute) if d is not None else (None, None)
    return Point(y, m, d, hh, mi, implied=implied)


def glossed_today(month: int, day: int, ref: dt.date | None) -> Point | None:
    """The day 今天(9月7日) writes: in ref_date's year, or the year before when that puts it
    after ref_date (a transcript posted in January of the December before). With no page date
    none: 今天 stays undated, as labellers leave it (the written 9月7日 is its own fact)."""
    if ref is None:
        return None
    y = ref.year - 1 if (month, day) > (ref.month, ref.day) else ref.year
    if day > calendar.monthrange(y, month)[1]:
        return None
    return Point(y, month, day)


def _nearest_day(t: dt.date, day: int) -> dt.date | None:
    """The date with day-of-month `day` nearest to t, in t's month or the one before or after."""
    found = []
    for k in (-1, 0, 1):
        y, m = divmod(t.year * 12 + t.month - 1 + k, 12)
        if day <= calendar.monthrange(y, m + 1)[1]:
            found.append(dt.date(y, m + 1, day))
    return min(found, key=lambda d: abs((d - t).days)) if found else None


def quarter(sp: Spec, st: State) -> tuple[str | None, Point] | None:
    if sp.quarter_rel is not None:       # 下个季度: the quarter after ref_date's
        if st.ref is None:
            return None
        k = (st.ref.year * 4 + (st.ref.month - 1) // 3) + sp.quarter_rel
        qy, q = divmod(k, 4)
        a, b = Point(qy, 3 * q + 1), Point(qy, 3 * q + 3)
        return f"{a.iso()}/{b.iso()}", b
    if sp.quarter is None:
        return None
    months = quarter_months(sp.quarter, sp.quarter_n)
    if months is None:
        return None
    y, known = _year(sp, st)
    if y is None and known and not sp.has_year and st.ref is not None:
        y = st.ref.year
    if y is None and not known and sp.quarter == "全年":
        return None
    # (今年上半年 with no ref_date: the months alone, --01/--06, as 今年3月8日 gives --03-08)
    if sp.quarter == "全年":  # 2023年全年: the year itself
        return Point(y).iso() or None, Point(y)
    a, b = Point(y, months[0]), Point(y, months[1])
    if sp.quarter_end:    # 二季度末: the end of a quarter is its last month, as 年底 is December
        return b.iso(), b
    return f"{a.iso()}/{b.iso()}", b


def quarter_range(s: Spec, e: Spec, st: State) -> tuple[str, Point] | None:
    """2015年第四季至2016年第三季: the first quarter's first month to the second's last; an end
    with no year takes the start's."""
    a = quarter(s, st)
    if a is None or a[0] is None:
        return None
    if not e.has_year and a[1].y is not None:
        e = replace(e, year=a[1].y, year2=None, yrel=None)
    b = quarter(e, st)
    if b is None or b[0] is None or b[1].key() <= a[1].key():
        return None
    return f"{a[0].split('/')[0]}/{b[0].split('/')[1]}", b[1]


def range_(s: Spec, e: Spec, st: State) -> tuple[str, Point] | None:
    if s.quarter is not None and e.quarter is not None:
        return quarter_range(s, e, st)
    ps = point(s, st)
    if ps is None:
        return None
    inherit_year = not e.has_year and not e.mrel
    e2 = e
    if e.year2 is not None and s.year is not None and ps.y is not None and s.year >= 1000:
        # 2021至22年度, 1999-00赛季: the second year's century is the first's (not ref_date's,
        # nor Minguo's on a Taiwan page)
        y = ps.y // 100 * 100 + e.year2
        e2 = replace(e2, year=y if y >= ps.y else y + 100, year2=None, year2_text=None)
    if e.day is not None and e.month is None and not e.mrel:
        if ps.m is None:
            return None
        e2 = replace(e2, month=ps.m)
    if inherit_year:
        e2 = replace(e2, year=ps.y) if ps.y is not None else e2
    pe = point(e2, State(ref=st.ref if (ps.y is not None or not inherit_year) else None,
                         locale=st.locale, last_day=st.last_day, last_month=st.last_month,
                         last_year=st.last_year))
    if pe is None:
        return None
    if inherit_year and pe.y is not None and ps.y is not None and pe.key() < ps.key():
        if pe.y == ps.y and (pe.m or 0) < (ps.m or 0):  # 11月至2月: the end is in the next year
            pe = replace(pe, y=pe.y + 1)
        else:
            return None
    elif pe.y is not None and ps.y is not None and pe.key() < ps.key():
        return None
    if ps.y is None and pe.y is not None:
        return None
    return f"{ps.iso()}/{pe.iso()}", pe


def range_datetime(value: str, s: Spec, e: Spec, end: Point) -> str | None:
    """5月6日8时至5月9日18时: the range of date-times for `datetime` (the value keeps the days);
    None unless both ends write a time."""
    if s.hour is None or e.hour is None or end.datetime() is None:
        return None
    start = value.split("/")[0]
    return f"{start}T{s.hour:02d}:{s.minute or 0:02d}/{end.datetime()}"


def range_bare(n_text: str, s: Spec, e: Spec, st: State) -> tuple[str, Point] | None:
    """A bare number before a range end takes its unit from the end: 10-12日, 1至9月, 1995-1997年;
    `s` holds what is written before the number (2023年1-11月, 10月8-10日)."""
    from .parse import small_number, year_digits
    n = int(n_text) if n_text.isdigit() else (year_digits(n_text) if len(n_text) == 4
                                              else small_number(n_text))
    if n is None:
        return None
    if e.day is not None and e.month is None and not e.mrel and not e.has_year:       # 10-12日
        start = replace(s, day=n)
    elif e.month is not None and e.day is None and not e.has_year and s.month is None:  # 1至9月
        start = replace(s, month=n)
    # 1995-1997年
    elif e.year is not None and e.month is None and not e.mrel and len(n_text) == 4 and s.empty \
            and not e.year3:
        start = Spec(year=n)
    # 83至92年, 107-109年 in Taiwan: Minguo years (rule date.range_minguo), the first no later
    elif st.locale == "zh-TW" and e.month is None and not e.mrel and s.empty \
            and n_text.isdigit() and len(n_text) in (2, 3) \
            and (e.year3 or e.year2 is not None) \
            and n < (e.year if e.year3 and e.year is not None else (e.year2 or 0)):
        start = Spec(year=n, year3=True) if len(n_text) == 3 else Spec(year2=n, year2_text=n_text)
    else:
        return None
    return range_(start, e, st)


# ---- weekdays, offsets, lunar dates, decades (rules date.weekday, date.offset, date.lunar,
# date.decade). Each needs ref_date unless the text fixes the date itself; none reads the clock.

WEEK_REL = {"本": 0, "这": 0, "这个": 0, "这一": 0, "今个": 0, "呢个": 0, "上": -1, "上个": -1,
            "上一": -1, "下": 1, "下个": 1, "下一": 1, "上上": -2, "上上个": -2, "下下": 2,
            "下下个": 2}
WEEKDAY = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


def weekday(wrel: str | None, wd: str | None, ref: dt.date | None) -> tuple[str, Point] | None:
    """周三 / 本周五 / 下下周二 → the day in ref_date's week (Monday–Sunday) moved by whole weeks;
    下周 → that week, Monday/Sunday; 本周末 → Saturday/Sunday."""
    if ref is None:
        return None
    monday = (
        ref
        - dt.timedelta(days=ref.isoweekday() - 1)
        + dt.timedelta(weeks=WEEK_REL.get(wrel or "本", 0))
    )
    if wd in WEEKDAY:
        d = monday + dt.timedelta(days=WEEKDAY[wd] - 1)
        p = Point(d.year, d.month, d.day)
        return p.iso(), p
    a, b = (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)) if wd == "末" \
        else (monday, monday + dt.timedelta(days=6))
    pa, pb = Point(a.year, a.month, a.day), Point(b.year, b.month, b.day)
    return f"{pa.iso()}/{pb.iso()}", pb


def nth_weekday(y: int, m: int, n: int, wd: int) -> tuple[str, Point] | None:
    """The nth weekday `wd` (1 = Monday) of a month; n = -1 is the last."""
    days = [d for d in range(1, calendar.monthrange(y, m)[1] + 1)
            if dt.date(y, m, d).isoweekday() == wd]
    if not (-len(days) <= (n - 1 if n > 0 else n) < len(days)):
        return None
    p = Point(y, m, days[n - 1 if n > 0 else n])
    return p.iso(), p


def iso_week(y: int, wk: int) -> tuple[str, Point] | None:
    """ISO week `wk` of year y: its Monday/Sunday."""
    try:
        a = dt.date.fromisocalendar(y, wk, 1)
    except ValueError:
        return None
    b = a + dt.timedelta(days=6)
    pa, pb = Point(a.year, a.month, a.day), Point(b.year, b.month, b.day)
    return f"{pa.iso()}/{pb.iso()}", pb


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + m - 1 + k
    return n // 12, n % 12 + 1


def offset(n: float, unit: str, sign: int, base: dt.date | None) -> tuple[str, Point] | None:
    """3天后, 两周前, 一个月前, 半年后 → a day (ref_date ± N units; a month on the 31st ends on
    the month's last day); 5年前 → a year. Days, weeks and months give the day as Duckling,
    Recognizers-Text and JioNLP do; years keep the year, the precision news means by them."""
    if base is None or n <= 0:
        return None
    unit = unit.lstrip("个")
    if unit == "年" and n == 0.5:
        n, unit = 6, "月"
    if unit == "半月":          # 半个月
        n, unit = 15, "天"
    if not float(n).is_integer():
        return None
    k = sign * int(n)
    if unit in ("天", "日"):
        d = base + dt.timedelta(days=k)
    elif unit in ("周", "星期", "礼拜"):
        d = base + dt.timedelta(weeks=k)
    elif unit == "月":
        y, m = _add_months(base.year, base.month, k)
        d = dt.date(y, m, min(base.day, calendar.monthrange(y, m)[1]))
    elif unit == "年":
        p = Point(base.year + k)
        return p.iso(), p
    else:
        return None
    p = Point(d.year, d.month, d.day)
    return p.iso(), p


def lunar(year: int | None, month: int, day: int, ref: dt.date | None) -> tuple[str, Point] | None:
    """农历八月十五 → the Gregorian day. A written year is the lunar year (2023年腊月二十三 →
    2024-02-02); else the lunar date whose Gregorian day falls in ref_date's year, as for
    festivals (腊月二十三 in ref year 2024 → 2024-02-02). Neither → no fact."""
    from lunardate import LunarDate

    from .festivals import _lunar
    try:
        if year is not None:
            d = LunarDate(year, month, day).to_solar_date()
        elif ref is not None:
            d = _lunar(ref.year, month, day)
        else:
            return None
    except ValueError:
        return None
    if d is None:
        return None
    p = Point(d.year, d.month, d.day)
    return p.iso(), p


def decade(
    century_start: int | None, dec: int | None, ref: dt.date | None
) -> tuple[str, Point] | None:
    """20世纪90年代 → 1990/1999; 80年代 → the latest 1980s not after ref_date's year (with no
    ref_date, not after 2000, as for two-digit years); 本世纪 → 2000/2099; 20世纪 → 1900/1999."""
    if dec is None:
        if century_start is None:
            return None
        a, b = century_start, century_start + 99
    elif dec >= 100:                       # 1990年代
        a, b = dec, dec + 9
    else:
        if century_start is None:
            base = ref.year if ref else NO_REF_PIVOT
            century_start = (base // 100) * 100
            if century_start + dec > base:
                century_start -= 100
        a, b = century_start + dec, century_start + dec + 9
    return f"{a:04d}/{b:04d}", Point(b)
