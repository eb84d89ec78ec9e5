"""ref_date from the article when the caller gave none.

Where it looks, most trusted first, and the name it returns as the second value:

1. ``meta["published"]`` — an ISO date/datetime or the raw value of a 发布时间 line  → "published"
2. a 发布时间 / 发布日期 / 发表时间 / 更新时间 (發布日期 …) line still in the text        →
"published"
   (on a Taiwan page, meta.locale zh-TW, a Minguo date there counts: 113-05-20 → 2024-05-20)
3. a dateline, 新华社北京3月8日电 / 本报上海8日讯 / 北京2024年3月8日 /美通社/; a dateline
   without a year takes it (and, for 8日电, the month) from the url or the published
   value; a press release's place, a comma or slash, then the full date and a dash
   (香港，2024年8月20日 /美通社/ --, 中国北京 / 2021年8月18日—); a release's in brackets
   opening a paragraph (【2018年8月19日.香港】)                                  → "dateline"
4. a date in the url: …/2023/0308/…, …/2023-03/08/…, …/20230308/…, t20230308_…,
   …/2023/3/8/…, a file named by its upload time (…/20230308142618.htm), a year folder
   then a channel's day folder (…/2023/sh_1027/…), a month's folder then a file named by a
   day of that month glued to its id (…/202211/202211262114822.html)               → "url"
4b. a url that holds only the year and month (…/202208/…, …/2020/03/…, …/2020/8/…): the day
   the lead opens with when it is of that month (8月25日，某机构发布…), the day a lead calls
   today (今日(3月23日)…, 今(2)日), or the day after the one it calls yesterday
   (昨日(21日))                                                                      → "lead"
4c. a url's date glued to the id after it (…/Article/20231102186014), when the lead calls
   that very day today (今(2)日); a code folder's day (…/2019/IQKAQDDQ_0325/…) when the
   lead opens with a day of that month at most a week before it (3月23日上午，…)        → "lead"
5. a line near the top or the bottom that starts with a full date and holds little else
   (2024年3月8日 10:21, 2024-03-08 来源：苏州日报)                                         → "text"
6. the first line the clean stage removed as metadata that holds a full date (a stamp with a
   counter, 120 2025-04-19; a poster's name and the day, admin2022-12-23; a forum post's
   发表于 2023-3-6 17:07:39), given as `stamps`; a 发布时间 among them counts at step 2
   (a forum member's 注册时间 / 最后登录 never does)                               → "stamp"
7. then a url whose file name opens on a date glued to its id (…/20220908470322.html,
   …/p20240129000185.html) or a portal's two-digit year and day folders (…/19/1210/09/…):
   on 1,440 labelled real pages it agreed with the labeller's date wherever both had one
   (19 of 20 where other evidence also dated the page)                              → "url"
8. last of all, a stamp the clean stage left in the article's first lines: a line with no
   sentence in it holding one full date in figures, with the time of day or no more than 40
   characters (某某网 2015年01月14日 07:37:42 |, 城市镜像.新闻汇总 2021-05-12), or the lead
   opening with one glued to its text (2009-12-01宣城市物价局…, 2015-11-13 07:24本报讯…);
   never a field of its own (开工时间:…), a date after a word of events (活动, 报名, 截止 …),
   in a range or one of two days in the head, nor against a url's month folder    → "text"

Nothing here reads the clock: no evidence, no ref_date — (None, None).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from itertools import islice
from typing import Any

import regex

from .numerals import parse_quantity
from .patterns import FULL_DATE

# A full date as websites print it: 2024-03-08, 2024/3/8, 2024.03.08, 2024年3月8日 (+ a time).
_FULL = regex.compile(FULL_DATE)
# A Minguo date (113-05-20, 113/5/20, 113年5月20日), read only when meta.locale is zh-TW.
_MINGUO = regex.compile(
    r"(?<![\d.])(?P<y>1[0-4]\d)\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?)")
MINGUO_EPOCH = 1911
# a forum member's dates beside the post (注册时间 2008-10-17, 最后登录 2025-06-18) and a
# birth date (出生日期): no post's day
_MEMBER_DATE = regex.compile(r"注[册冊]|登\s*[录錄陆陸]|生日|出生")
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_PUBLISHED = regex.compile(r"(?:[发發][布表]|更新|上[传傳]|刊[发發]|出版)"
                           r"(?:[时時][间間]|日期|於|于)\s*[:：]?\s*")
_DATELINE = regex.compile(
    r"(?:^|[\n\s（(【])[\p{Han}·]{2,16}?"
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日"
    r"(?:电|讯|電|訊|\s*/美通社/)")   # (a press release's: 北京2022年8月30日 /美通社/ —)
_URL = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[/_\-.]?(?P<m>0[1-9]|"
                     r"1[0-2])[/_\-.]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
# an English stamp a feed or an English CMS printed on a Chinese page (May 2nd 2014, 10:11;
# 25 February 2024): the month's name, the day and a four-digit year
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
_ENGLISH = regex.compile(
    r"(?i)(?<![A-Za-z])" + _MON + r"\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})"
    r"(?!\d)|(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d{2})(?!\d)")
# the same in a line of text: one separator all through, or none (an id's 2024-0518 is none)
_COMPACT = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[/_\-.]?)(?P<m>0[1-9]|1[0-2])"
                         r"(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
# a path with the day's figures in folders of their own, unpadded (…/art/2025/7/31/art_…: a
# common government CMS), or in one folder joined by hyphens (…/2020-7-4/…); each figure
# between slashes, so a year and an issue number are not read as a month
_URL_FOLDERS = regex.compile(r"/(?P<y>(?:19|20)\d{2})(?P<sep>[/-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
                             r"(?P<d>3[01]|[12]\d|0?[1-9])/")
# a year folder, then a channel's folder named by the month and day (…/2023/sh_1027/…,
# …/2014/photo_0718/…: a common news CMS)
_URL_CHANNEL = regex.compile(r"/(?P<y>(?:19|20)\d{2})/[a-z]+_(?P<m>0[1-9]|1[0-2])"
                             r"(?P<d>0[1-9]|[12]\d|3[01])/")
# a year folder, then a folder named by a code (…/2019/IQKAQDDQ_0325/…): its figures may be
# anything but a date, so they count only when the lead opens with a day of that month at most
# a week before
_URL_CODED = regex.compile(r"/(?P<y>(?:19|20)\d{2})/[A-Z][A-Z\d]*_(?P<m>0[1-9]|1[0-2])"
                           r"(?P<d>0[1-9]|[12]\d|3[01])/")
# a year and month alone, as folders: …/202208/…, …/2020/03/…, …/2018-03/…, …/2020/8/…,
# …/2020_7/… (the day unknown)
_URL_MONTH = regex.compile(r"/(?P<y>(?:19|20)\d{2})"
                           r"(?:[/\-_]?(?P<m>0[1-9]|1[0-2])|[/\-_](?P<m>[1-9]))/")
# a press release's dateline: its place, a comma or a slash, the full date, the wire's name
# between slashes at most, then a dash (香港，2024年8月20日 /美通社/ --; 中国北京 / 2021年8月18日—)
_PRESS_DATELINE = regex.compile(
    r"(?m)^\s*[\p{Han}·]{2,12}\s*[,，/]\s*(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月"
    r"(?P<d>\d{1,2})日\s*(?:/[^/\n]{2,20}/\s*)?(?:--|—|–|-)")
# a release's dateline in brackets at a paragraph's start, the full date and the place joined by
# a dot, a comma or a space, either first (【2018年8月19日.香港】, 【香港，2024年3月8日】)
_BRACKET_DATELINE = regex.compile(
    r"(?m)^\s*[【\[（(]\s*(?:(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"\s*[.．,，·・/\s]\s*\p{Han}{2,8}|\p{Han}{2,8}\s*[.．,，·・/\s]\s*"
    r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日)\s*[】\]）)]")
# what a match of _DATELINE holds (a day and 电/讯, or a release's wire), and one of
# _PRESS_DATELINE or _BRACKET_DATELINE (a full date, digits between 年 月 日): most heads hold
# neither, and one plain search says so where those patterns try every position or line
_DATELINE_HINT = re.compile(r"日[电讯電訊]|/美通社/")
_FULL_DATE_HINT = re.compile(r"年[^\n]{1,2}月[^\n]{1,2}日")
# what a lead says of its own day (4b, 4c above), and the url date it may confirm
_LEAD_DAY, _TODAY_DAY, _URL_GLUED = (regex.compile(p) for p in (
    # a lead that opens with a day (8月25日，…), after a bracketed source or a 讯 at most
    # (本报某地讯 (记者 某某) 7月21日, 某某网(ID:…)10月27日消息)
    r"\s*(?:(?:【[^】\n]{1,20}】|[\p{Han}]{0,12}[（(][^）)\n]{1,30}[）)]|[\p{Han}]{0,10}[讯訊][:：]?)\s*)*"
    r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日",
    # today's day named in the lead: 今日(3月23日), 今天（26日）, Taiwan's 今(2)日; or
    # yesterday's (昨日(21日), 昨(21)日: the page is of the day after)
    r"(?P<ago>[今昨])(?:[日天][(（](?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日[)）]"
    r"|[(（](?P<d>\d{1,2})[)）]日)",
    # a url's date glued to the id after it (…/Article/20231102186014): read only when the
    # lead names that day today (今(2)日)
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\d{2,}",
))
_LEAD_LINES = 4
# a file named by its upload time, the day then the hour and minute (and seconds):
# …/shjw/20210421142618.htm
_URL_STAMP = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])"
                           r"(?P<d>0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?(?!\d)")
# a bare 发布: label (no 时间): its date must follow at once
_PUBLISHED_BARE = regex.compile(r"(?<!\p{Han})[发發][布表]\s*[:：]\s*")
# what may stand before the date
_LABEL = regex.compile(r"\s*(?:(?:时间|日期|发布|发表|更新)\s*[:：]?\s*)?")
_DATE_LINE_MAX = 40   # a 'date line' is short: a date, a time, a source name at most
_HEAD_LINES = 6
# the one full date (patterns.FULL_DATE) with the time of day after it, as a stamp prints it
# (no figure right after it: 2022年7月19日11时 is a chart's hour, no stamp)
_STAMP_DATE = regex.compile(FULL_DATE + r"(?![\d日])(?P<time>\s*\d{1,2}:\d{2}(?::\d{2})?)?")
# a line that is a sentence, or names an event's day or a span (活动时间, 截止, 至)
_NOT_STAMP = re.compile(r"[。！？!?；;]|活动|报名|截止|开始|结束|举行|举办|有效期|期限"
                        r"|至|到|~|～|—")
_STAMP_LINE_MAX = 80
# a field's key right before the date (开工时间:, 篮球比分直播:…)
_KEY_BEFORE = regex.compile(r"\p{Han}+\s*[:：][^:：]*$")
_HAN_NEXT = regex.compile(r"\s*\p{Han}")
# a reporter's bracket opening the lead with the day the report was filed: (通讯员某某2023-7-14)
_BYLINE_BEFORE = regex.compile(r"[(（]\s*(?:本报|本台|本网)?"
                               r"(?:通讯员|记者|实习生|特约记者|融媒体记者)[\p{Han}·\s]{0,12}$")
_CLOSE = regex.compile(r"\s*[)）]")


# 1970-01-01: a CMS's empty time stamp (Unix time 0) printed as a date, never the page's
_EPOCH = dt.date(1970, 1, 1)


def _date(y, m, d) -> dt.date | None:
    try:
        day = dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None
    return None if day == _EPOCH else day


# a full date in Chinese numerals, its year digit by digit: 二○一○年五月十五日, 二〇二四年三月八日
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_FULL_CN = regex.compile(r"(?P<y>(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})年"
                         r"(?P<m>十[一二]?|[一二三四五六七八九])月"
                         r"(?P<d>三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号]")

# ...alone on its line, its weekday after it in brackets at most
_CN_DATE_LINE = regex.compile(_FULL_CN.pattern + r"\s*(?:[(（]\s*星期[一二三四五六日天]\s*[)）])?")


def full_date(s: str, minguo: bool = False) -> dt.date | None:
    """The first full date in s (ISO 8601 or as websites print it), else None; with `minguo`
    (a Taiwan page) a Minguo date too."""
    s = str(s or "").translate(str.maketrans("０１２３４５６７８９／．－", "0123456789/.-"))
    try:
        return dt.date.fromisoformat(s.strip()[:10])
    except ValueError:
        pass
    m = _FULL.search(s)
    if m:
        return _date(m["y"], m["m"], m["d"])
    m = _COMPACT.search(s)  # 20240308, 2024_03_08 (one separator or none: 2024-0518 is an id)
    if m:
        return _date(m["y"], m["m"], m["d"])
    m = _MINGUO.search(s) if minguo else None
    if m:
        return _date(int(m["y"]) + MINGUO_EPOCH, m["m"], m["d"])
    m = _FULL_CN.search(s)   # 二○一○年五月十五日 (a Hong Kong government release's stamp)
    if m:
        return _cn_date(m)
    m = _ENGLISH.search(s)
    return _date(m["y"], _MONTHS[m["mon"][:3].lower()], m["d"]) if m else None


def _cn_date(m: regex.Match) -> dt.date | None:
    """The date of a _FULL_CN match."""
    return _date(m["y"].translate(_CN_DIGITS), parse_quantity(m["m"])[0],
                 parse_quantity(m["d"])[0])


def _url_path(url: str) -> str:
    return regex.sub(r"^[a-z]+://[^/]+", "", str(url))  # the host may hold digits too


def url_date(url: str | None) -> dt.date | None:
    if not url:
        return None
    path = _url_path(url)
    for m in (*_URL.finditer(path), *_URL_FOLDERS.finditer(path), *_URL_STAMP.finditer(path),
              *_URL_CHANNEL.finditer(path)):
        d = _date(m["y"], m["m"], m["d"])
        if d is not None:
            return d
    # a month's folder, then a file named by a day of that month glued to its id
    # (…/202211/202211262114822.html): the two agree
    month = _URL_MONTH.search(path)
    if month is not None:
        for m in _URL_GLUED.finditer(path, month.end()):
            if (m["y"], m["m"]) == (month["y"], month["m"]):
                return _date(m["y"], m["m"], m["d"])
    return None


# read last, when nothing else dates the page: the file's name opening on a date glued to its id
# (…/20220908470322.html, …/p20240129000185.html, …/2025-0319001.htm), or a portal's folders of a
# two-digit year, then the month and day (…/19/1210/09/…, …/content/21/0214/23/…)
_URL_FILE_DAY = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-?(?P<m>0[1-9]|1[0-2])"
                              r"(?P<d>0[1-9]|[12]\d|3[01])\d{2,}(?=(?:\.(?:s?html?|php|aspx?|jsp))?$)")
_URL_SHORT_YEAR = regex.compile(r"/(?P<y>[0-3]\d)/(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])/")


def url_file_day(url: str | None) -> dt.date | None:
    """The day a url's file name opens on, or its two-digit year's folders name (above)."""
    if not url:
        return None
    path = _url_path(url).split("?")[0]
    m = _URL_FILE_DAY.search(path)
    if m is not None:
        return _date(m["y"], m["m"], m["d"])
    m = _URL_SHORT_YEAR.search(path)
    return _date(2000 + int(m["y"]), m["m"], m["d"]) if m is not None else None


def url_month(url: str | None) -> tuple[int, int] | None:
    """(year, month) of a url that names them in folders (…/202208/…), else None."""
    if not url:
        return None
    m = _URL_MONTH.search(_url_path(url))
    return (int(m["y"]), int(m["m"])) if m else None


def _lead(text: str, lines: int = _LEAD_LINES) -> list[str]:
    """The lead: the article's first non-blank lines."""
    return list(islice((ln for ln in text.split("\n") if ln.strip()), lines))


def _glued_url_day(text: str, url: str | None) -> dt.date | None:
    """A url's date glued to more digits, when the lead calls that very day today (4c)."""
    glued = list(_URL_GLUED.finditer(_url_path(url))) if url else []
    if not glued:
        return None
    today = next((t for ln in _lead(text) if (t := _TODAY_DAY.search(ln))), None)
    if today is None or today["ago"] != "今":
        return None
    for m in glued:
        if int(m["d"]) == int(today["d"]) and (today["m"] is None
                                                or int(today["m"]) == int(m["m"])):
            return _date(m["y"], m["m"], m["d"])
    return None


def _coded_day(text: str, url: str | None) -> dt.date | None:
    """A code folder's month and day (4c), when the lead opens with a day of that month at
    most a week before it: the page went up a few days after the event it opens with."""
    m = _URL_CODED.search(_url_path(url)) if url else None
    day = _date(m["y"], m["m"], m["d"]) if m else None
    if day is None:
        return None
    for ln in _lead(text):
        lead = _LEAD_DAY.match(ln)
        if lead is not None:
            return day if (int(lead["m"]) == day.month
                           and 0 <= day.day - int(lead["d"]) <= 7) else None
    return None


def _lead_day(text: str, year: int, month: int) -> dt.date | None:
    """The day of the url's month that the lead opens with or calls today (4b above)."""
    for ln in _lead(text):
        m = _LEAD_DAY.match(ln) or _TODAY_DAY.search(ln)
        if m and (m["m"] is None or int(m["m"]) == month):
            day = _date(year, month, m["d"])
            if day is not None and m.groupdict().get("ago") == "昨":
                day += dt.timedelta(days=1)
            return day
    return None


def _published_in_text(text: str, minguo: bool = False) -> dt.date | None:
    for m in _PUBLISHED.finditer(text):
        d = full_date(text[m.end():m.end() + 30], minguo)
        if d is not None:
            return d
    # a bare 发布: / 发表: label, the date right after it (作者:某 来源:某 发布:2020-10-27)
    for m in _PUBLISHED_BARE.finditer(text):
        f = _FULL.match(text, m.end())
        if f is not None and (got := _date(f["y"], f["m"], f["d"])) is not None:
            return got
    return None


def _dateline(text: str, hint: dt.date | None, hint_year: int | None) -> dt.date | None:
    head = text[:2000]
    m = _DATELINE.search(head) if _DATELINE_HINT.search(head) else None
    if not m:
        m = (_PRESS_DATELINE.search(head) or _BRACKET_DATELINE.search(head)
             if _FULL_DATE_HINT.search(head) else None)
        return _date(m["y"], m["m"], m["d"]) if m else None
    y = int(m["y"]) if m["y"] else (hint.year if hint else hint_year)
    mo = int(m["m"]) if m["m"] else (hint.month if hint else None)
    if y is None or mo is None:
        return None
    return _date(y, mo, m["d"])


def _date_line(text: str) -> dt.date | None:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for ln in lines[:_HEAD_LINES] + lines[-_HEAD_LINES:]:
        if len(ln) <= _DATE_LINE_MAX:
            m = _FULL.search(ln)
            if not m and (cn := _CN_DATE_LINE.fullmatch(ln)):
                return _cn_date(cn)      # 二○○七年二月十一日(星期日): a release's own date
            if not m or not _LABEL.fullmatch(ln[:m.start()]):
                continue
            rest = ln[m.end():]
            if len(regex.sub(r"[\d\s:：\-/.时分]", "", rest)) <= 12 and not regex.search(
                r"[，,。；;！？!?]", rest
            ):
                d = _date(m["y"], m["m"], m["d"])
                if d is not None:
                    return d
    return None


def _head_stamp(text: str) -> dt.date | None:
    """A stamp left in the article's first lines (8 above)."""
    lines = [ln.strip() for ln in _lead(text[:2000], _HEAD_LINES)]
    found = [(ln, list(_STAMP_DATE.finditer(ln))) for ln in lines]
    if len({_date(m["y"], m["m"], m["d"]) for _, ms in found for m in ms}) != 1:
        return None     # (no day, or two in the head: a document's dates, a schedule's)
    for ln, ms in found:
        if not ms:
            continue
        m = ms[0]
        if _BYLINE_BEFORE.match(ln, 0, m.start()) and _CLOSE.match(ln, m.end()):
            return _date(m["y"], m["m"], m["d"])    # (通讯员某某2023-7-14)…: the report's day
        key = _KEY_BEFORE.search(ln, 0, m.start())
        if key is not None and not _LABEL.fullmatch(key.group()):
            return None     # a field of its own (开工时间:2022年11月21日), no stamp
        # the lead opening with the stamp glued to it (2009-12-01宣城市…, 时间:2020-01-15不负…)
        figures = "年" not in m.group() or m["time"]
        if figures and _LABEL.fullmatch(ln[:m.start()]) and _HAN_NEXT.match(ln, m.end()):
            return _date(m["y"], m["m"], m["d"])
        if len(ln) > _STAMP_LINE_MAX or _NOT_STAMP.search(ln) or len(ms) > 1:
            continue
        if m["time"] or len(ln) <= _DATE_LINE_MAX:
            return _date(m["y"], m["m"], m["d"])
    return None


def infer_ref_date(
    text: str, meta: dict[str, Any], url: str | None = None, stamps: Sequence[str] = (),
    above: Sequence[str] = ()
) -> tuple[str | None, str | None]:
    """Returns (ISO date, where it came from) or (None, None). `stamps`: the lines the clean
    stage removed as metadata, in page order; `above`: every line it removed above the body
    (a 发布时间 label there counts whatever the line was removed as)."""
    meta = meta or {}
    text = text or ""
    url = url or meta.get("url")
    published = meta.get("published")
    minguo = meta.get("locale") == "zh-TW"
    d = full_date(published, minguo) if published else None
    if d is not None:
        return d.isoformat(), "published"
    d = (_published_in_text(text, minguo) or _published_in_text("\n".join(stamps), minguo)
         or _published_in_text("\n".join(above), minguo))
    if d is not None:
        return d.isoformat(), "published"
    u = url_date(url)
    hint_year = None
    if published:
        py = _YEAR.search(str(published))
        hint_year = int(py.group(1)) if py else None
    ym = url_month(url) if u is None else None
    # a dateline's day (…12日讯) takes the month from a url that names only the month
    d = _dateline(text, u or (dt.date(ym[0], ym[1], 1) if ym else None), hint_year)
    if d is not None:
        return d.isoformat(), "dateline"
    if u is not None:
        return u.isoformat(), "url"
    d = _lead_day(text, *ym) if ym else (_glued_url_day(text, url) or _coded_day(text, url))
    if d is not None:
        return d.isoformat(), "lead"
    d = _date_line(text)
    if d is not None:
        return d.isoformat(), "text"
    for line in stamps:
        if _MEMBER_DATE.search(line):
            continue    # a forum member's panel: when the member joined, not the post's day
        d = full_date(line, minguo)
        if d is not None:
            return d.isoformat(), "stamp"
    d = url_file_day(url)
    if d is None or (ym is not None and ym != (d.year, d.month)):
        d = None      # (not against the month a folder names)
    today = _TODAY_DAY.search("\n".join(_lead(text)))
    if d is not None and today is not None and int(today["d"]) != d.day:
        d = None      # (nor against the day the lead calls today: 今(3)日)
    if d is not None:
        return d.isoformat(), "url"
    d = _head_stamp(text)
    if d is None or (ym is not None and ym != (d.year, d.month)):
        return None, None
    return d.isoformat(), "text"
