"""Dates: the grammar in rules/date.yaml (grammar.py), the hits that say where a rule can match
(hits.py), what a match says (parse.py), its value against ref_date and the dates before it
(resolve.py), festivals (festivals.py).

pipeline/find/date.py is the finder; pipeline/refdate.py finds ref_date in an article.
Nothing here reads the clock: with no ref_date a relative date keeps only what the text fixes.

Conventions where FACTS.md leaves room (each rule's comment in rules/date.yaml says more):
- Weekdays: a bare 周三 / 星期三 / 礼拜三 (and 本周三) is the day of ref_date's week, Monday to
  Sunday; 上/下/上上/下下 move it by whole weeks. A week (本周, 下个星期) is its Monday/Sunday
  range, 本周末 its Saturday/Sunday. 每周三, a timetable (周一至周五 with no 本/上/下), a weekday
  glossing a date (3月6日（周三）, 周三（3月6日）) and a bare 周末 give no fact.
- Offsets: 3天后, 两周前, 一个月前, 半年后 → the day ref_date ± N units (as Duckling,
  Recognizers-Text and JioNLP give it); N年前/后 → the year. A date earlier in the same sentence
  anchors it (3月1日报名，3天后公示). Only at the head of a clause or after 将于/于 (签约两年后
  counts from an event: none); …后才能 is a waiting time; vague spans (前两天, 几天前, 近日, 日前,
  近期) give none. 第二天 / 前一天 need a date before them in the article.
- Lunar dates (农历八月十五, 腊月二十三, 五月初五): via lunardate; a written year is the lunar
  year, else the day that falls in ref_date's Gregorian year (as festivals). No year → no fact.
- Parts of a month or year (上旬, 中旬, 下旬, 月初, 月底, 年底) keep the month / year
(corpus/README.md);
  月初 / 月底 alone give none, like 年初 / 年末.
- Decades and centuries: 20世纪90年代, 上世纪90年代, 九十年代 → 1990/1999; a decade with no century
  is the latest not after ref_date's year (no ref_date: not after 2000); 20世纪 → 1900/1999;
  本世纪 / 上世纪 alone need ref_date. Quarters: 2024Q1, 2024年Q1 → 2024-01/2024-03.
- Seasons (今年春季) are no date (they name periods: 2025年秋季招聘会); 3.8 is a number.
- By place (meta.locale, resolve.State.locale): 民国112年 is 2023 anywhere; in zh-TW a bare 113年 /
  99年度 is a Minguo year; 上年 / 下年 are plain years only in zh-HK / zh-MO (a report's elsewhere);
  15/04/2025 is day-first in zh-HK / zh-MO, and elsewhere only when the day cannot be a month.
- A range with times on both ends keeps its days as the value and its times as `datetime`.
"""
