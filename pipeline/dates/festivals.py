"""A festival's date in a Gregorian year, from a row of rules/lexicons/festivals.tsv."""
from __future__ import annotations

import datetime as dt

from lunardate import LunarDate


def _lunar(year: int, month: int, day: int) -> dt.date | None:
    """Lunar month/day whose Gregorian date falls in `year` (腊八 of lunar year Y-1 is in January
    Y)."""
    for ly in (year, year - 1):
        try:
            d = LunarDate(ly, month, day).to_solar_date()
        except ValueError:
            continue
        if d.year == year:
            return d
    return None


def festival_date(row: dict[str, str], year: int) -> dt.date | None:
    cal, month = row["calendar"], int(row["month"])
    try:
        if cal == "solar":
            return dt.date(year, month, int(row["day"]))
        if cal == "lunar":
            return _lunar(year, month, int(row["day"]))
        if cal == "lunar_eve":  # 除夕: the day before the lunar new year that falls in `year`
            return LunarDate(year, 1, 1).to_solar_date() - dt.timedelta(days=1)
        if cal == "weekday":    # day "N/W": the Nth weekday W (1 Monday … 7 Sunday) of the month
            n, w = (int(x) for x in row["day"].split("/"))
            first = dt.date(year, month, 1)
            return first + dt.timedelta(days=(w - first.isoweekday()) % 7 + 7 * (n - 1))
        if cal == "easter":     # Easter Sunday (anonymous Gregorian computus) + day days
            a, b, c = year % 19, year // 100, year % 100
            d, e = b // 4, b % 4
            f = (b + 8) // 25
            g = (b - f + 1) // 3
            h = (19 * a + b - d - g + 15) % 30
            i, k = c // 4, c % 4
            ll = (32 + 2 * e + 2 * i - h - k) % 7
            m = (a + 11 * h + 22 * ll) // 451
            mo, dd = divmod(h + ll - 7 * m + 114, 31)
            return dt.date(year, mo, dd + 1) + dt.timedelta(days=int(row["day"]))
        if cal == "term":       # a solar term, [Y*0.2422 + C] - L, for 2000–2099
            if not 2000 <= year <= 2099:
                return None
            cc, *fixes = row["day"].split()  # "21.94 2021:-1": C, then years the formula misses
            y = year % 100
            # 小寒 … 雨水: the leap day is after them
            leap = (y - 1) // 4 if month <= 2 else y // 4
            day = int(y * 0.2422 + float(cc)) - leap
            day += sum(int(k) for f in fixes for yy, k in [f.split(":")] if int(yy) == year)
            return dt.date(year, month, day)
    except (ValueError, KeyError):
        return None
    return None
