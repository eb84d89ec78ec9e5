"""Dates: forms, ranges, relative dates, festivals, anaphora, traps, ref_date inference.

Every case runs at a fixed ref_date (conftest.REF_DATE unless the case says otherwise);
nothing here, and nothing in the code under test, reads the clock. The seed article's dates
are scored with its other facts in tests/test_seed.py.
"""
from __future__ import annotations

import re

import pytest
from conftest import REF_DATE, ROOT

from pipeline.refdate import infer_ref_date


def dates(pipe, text, ref=REF_DATE):
    art = pipe.extract(text, ref_date=ref)
    assert art.error is None, art.error
    return [(f.text, f.value) for f in art.facts if f.type == "date"]


# (text, ref_date, every date fact expected, as (text, value))
CASES = [
    # absolute forms
    ("2022年7月15日，新馆开馆。", REF_DATE, [("2022年7月15日", "2022-07-15")]),
    ("二〇二二年七月十五日，新馆开馆。", REF_DATE, [("二〇二二年七月十五日", "2022-07-15")]),
    ("落款为2022-07-15。", REF_DATE, [("2022-07-15", "2022-07-15")]),
    ("落款为2022/7/15。", REF_DATE, [("2022/7/15", "2022-07-15")]),
    ("落款为2022.07.15。", REF_DATE, [("2022.07.15", "2022-07-15")]),
    ("2022年7月，新馆开馆。", REF_DATE, [("2022年7月", "2022-07")]),
    ("2022年，新馆开馆。", REF_DATE, [("2022年", "2022")]),
    ("7月15日，新馆开馆。", REF_DATE, [("7月15日", "2024-07-15")]),
    ("7月15日，新馆开馆。", None, [("7月15日", "--07-15")]),
    ("七月，新馆开馆。", None, [("七月", "--07")]),
    ("在22年，新馆开馆。", REF_DATE, [("22年", "2022")]),
    # no marker, no leading zero: could be a duration
    ("他98年参军入伍。", "2024-03-08", []),
    ("他在98年参军入伍。", "2024-03-08", [("98年", "1998")]),
    ("2021年度优秀党员名单公布。", REF_DATE, [("2021年度", "2021")]),
    # ranges: each end at its stated precision, end inclusive
    ("2022年9月6日至8日，论坛在无锡举行。", REF_DATE,
     [("2022年9月6日至8日", "2022-09-06/2022-09-08")]),
    ("论坛于6日—8日举行。", REF_DATE, [("6日—8日", "2024-03-06/2024-03-08")]),
    ("4月至6月，开展专项整治。", REF_DATE, [("4月至6月", "2024-04/2024-06")]),
    ("2019年至2021年，累计投资80亿元。", REF_DATE, [("2019年至2021年", "2019/2021")]),
    ("2022年9月26日到10月3日，展会对外开放。", REF_DATE,
     [("2022年9月26日到10月3日", "2022-09-26/2022-10-03")]),
    ("2015-2017年，产值逐年增长。", REF_DATE, [("2015-2017年", "2015/2017")]),
    ("1至8月，出口增长6%。", REF_DATE, [("1至8月", "2024-01/2024-08")]),
    ("12月至次年3月为供暖季。", REF_DATE, [("12月至次年3月", "2024-12/2025-03")]),
    ("9月至2月，候鸟在此越冬。", None, [("9月至2月", "--09/--02")]),
    # quarters and halves
    ("2022年三季度，全市GDP增长4%。", REF_DATE, [("2022年三季度", "2022-07/2022-09")]),
    ("前三季度，全市GDP增长4%。", REF_DATE, [("前三季度", "2024-01/2024-09")]),
    ("下半年，重点项目加快推进。", REF_DATE, [("下半年", "2024-07/2024-12")]),
    ("2022年全年，新增就业3万人。", REF_DATE, [("2022年全年", "2022")]),
    # open ranges give their anchor
    ("2010年以前，村里没有自来水。", REF_DATE, [("2010年以前", "2010")]),
    ("自2021年5月1日起，新规施行。", REF_DATE, [("自2021年5月1日起", "2021-05-01")]),
    ("截至9月底，完成投资九成。", REF_DATE, [("截至9月底", "2024-09")]),
    # relative, against ref_date 2024-03-08
    ("今天，活动启动。昨天，筹备会召开。", REF_DATE,
     [("今天", "2024-03-08"), ("昨天", "2024-03-07")]),
    ("前天和明天都有降雨。", REF_DATE, [("前天", "2024-03-06"), ("明天", "2024-03-09")]),
    ("今年，去年，前年，明年。", REF_DATE,
     [("今年", "2024"), ("去年", "2023"), ("前年", "2022"), ("明年", "2025")]),
    ("本月、上月和下月。", REF_DATE,
     [("本月", "2024-03"), ("上月", "2024-02"), ("下月", "2024-04")]),
    ("今年1月9日，协会成立。", REF_DATE, [("今年1月9日", "2024-01-09")]),
    ("今年1月9日，协会成立。", None, [("今年1月9日", "--01-09")]),
    ("今年，协会成立。", None, []),
    ("今天，活动启动。", None, []),
    ("比去年同期增长5%。", REF_DATE, []),        # relative to the reported period: no fact
    ("3月中下旬，气温回升。", REF_DATE, [("3月中下旬", "2024-03")]),
    ("2023年1月1日，首趟列车发车。1月3日上午10时，第二趟发车。", REF_DATE,
     [("2023年1月1日", "2023-01-01"), ("1月3日上午10时", "2024-01-03")]),
    # anaphora: 当天 and a day alone read the date before them
    ("2022年5月4日，大会开幕。当天，千人参会。", REF_DATE,
     [("2022年5月4日", "2022-05-04"), ("当天", "2022-05-04")]),
    ("2022年5月4日，大会开幕。6日，大会闭幕。", REF_DATE,
     [("2022年5月4日", "2022-05-04"), ("6日", "2022-05-06")]),
    ("新华社南京5日电 全省春耕全面展开。", REF_DATE, [("5日", "2024-03-05")]),
    ("6日，大会闭幕。", None, []),
    # festivals, with tags ["festival"]; lunar ones via lunardate
    ("元旦当天，市民登高祈福。", REF_DATE, [("元旦当天", "2024-01-01")]),
    ("儿童节前夕，慰问活动举行。", REF_DATE, [("儿童节", "2024-06-01")]),
    ("春节前，物资发放到户。", "2023-01-10", [("春节", "2023-01-22")]),
    ("中秋节前后，月饼销量大增。", REF_DATE, [("中秋节", "2024-09-17")]),
    ("重阳节，社区为老人送上祝福。", REF_DATE, [("重阳节", "2024-10-11")]),
    ("2022年端午节，龙舟赛如期举行。", REF_DATE, [("2022年", "2022"), ("端午节", "2022-06-03")]),
    ("区教师节表彰大会召开。", REF_DATE, [("教师节", "2024-09-10")]),
    # relative months: 本月/上月/下月 from ref_date; 当月/次月 from the month written before them
    ("2023年6月，新规出台，次月起施行。", REF_DATE,
     [("2023年6月", "2023-06"), ("次月起", "2023-07")]),
    ("2023年12月，工程完工，次月通过验收。", REF_DATE,
     [("2023年12月", "2023-12"), ("次月", "2024-01")]),
    ("5月，全省出口增长3%，当月进口下降1%。", REF_DATE, [("5月", "2024-05"), ("当月", "2024-05")]),
    ("6月当月，销量增长两成。", REF_DATE, [("6月当月", "2024-06")]),
    ("当月新增用户5万户。", REF_DATE, [("当月", "2024-03")]),
    ("每月5日前上报上月数据，次月公示。", REF_DATE, []),
    # 年底 / 年初 alone: the year last written, else ref_date's (年底: its December)
    ("2026年，将新建场馆3座，年底前全部完工。", REF_DATE,
     [("2026年", "2026"), ("年底", "2026-12")]),
    ("年初以来，订单稳步增长。年末全县人口86万人。", REF_DATE, []),
    ("每年保底分红，年底再按盈余分配。", REF_DATE, []),
    ("去年年底，新馆落成。", REF_DATE, [("去年年底", "2023-12")]),
    # a quarter or half fixes no month for a day alone after it
    ("3月27日，年报发布。公司计划今年下半年扩产。27日股价上涨。", REF_DATE,
     [("3月27日", "2024-03-27"), ("今年下半年", "2024-07/2024-12"), ("27日", "2024-03-27")]),
    # holiday periods: the range the text gives, else nothing; festival days stay dates
    ("国庆假期（10月1日至7日），客流增长。国庆假期后，客流回落。", "2024-10-08",
     [("国庆假期", "2024-10-01/2024-10-07"), ("10月1日至7日", "2024-10-01/2024-10-07"),
      ("国庆假期", "2024-10-01/2024-10-07")]),
    ("与2月10日至17日的春节假期相比，客流增长。", REF_DATE,
     [("2月10日至17日", "2024-02-10/2024-02-17"), ("春节假期", "2024-02-10/2024-02-17")]),
    ("国庆长假、国庆黄金周、春节假期和五一假期，客流均创新高。", REF_DATE, []),
    ("国庆节当天，升旗仪式在广场举行。", REF_DATE, [("国庆节当天", "2024-10-01")]),
    ("大年初一当天，游客达9万人次。", "2026-02-25", [("大年初一当天", "2026-02-17")]),
    # date-times; a time alone is no date
    ("2022年10月16日上午10时，大会开幕。", REF_DATE, [("2022年10月16日上午10时", "2022-10-16")]),
    ("14:30，签到开始。", REF_DATE, []),
    # traps
    ("增长12.5%，版本V2.1.3，电话0512-65238888，比分10/12。", REF_DATE, []),
    ("新建美丽庭院2000户，建成工作室2001个。", REF_DATE, []),
    ("她是全国三八红旗手。", REF_DATE, []),
    ("春天来了，暑期实践岗位已上线。", REF_DATE, []),
    ("过去一年，连续5年位列第一。", REF_DATE, []),
    ("申请应在15日内提交。", REF_DATE, []),
    ("每年4月，这里举办樱花节。", REF_DATE, []),
    ("上世纪，这里还是农田。", None, []),
    ("上世纪80年代，这里还是农田。", None, [("上世纪80年代", "1980/1989")]),
    # weekdays: the day of ref_date's week (Monday–Sunday), moved by whole weeks (2024-03-08 is a
    # Friday)
    ("周三、星期一、礼拜天，均有演出。", REF_DATE,
     [("周三", "2024-03-06"), ("星期一", "2024-03-04"), ("礼拜天", "2024-03-10")]),
    ("本周五发布，下周一施行，上周日签约。", REF_DATE,
     [("本周五", "2024-03-08"), ("下周一", "2024-03-11"), ("上周日", "2024-03-03")]),
    ("下下周二开赛。", REF_DATE, [("下下周二", "2024-03-19")]),
    ("本周、上周和下个星期。", REF_DATE,
     [("本周", "2024-03-04/2024-03-10"), ("上周", "2024-02-26/2024-03-03"),
      ("下个星期", "2024-03-11/2024-03-17")]),
    ("下周一至周三集中培训。", REF_DATE, [("下周一至周三", "2024-03-11/2024-03-13")]),
    ("周三，全区开展演练。", None, []),
    ("窗口周一至周五办公，每周三下午休息，一周三个下午开放。", REF_DATE, []),
    ("他一个星期三次去健身房，第一周就瘦了。", REF_DATE, []),
    ("建校六十周年，他已满18周岁。", REF_DATE, []),
    ("3月1日（周五）发布，6日（周三）施行。", REF_DATE,
     [("3月1日（周五）", "2024-03-01"), ("6日", "2024-03-06")]),
    # offsets from ref_date (days, weeks, months → a day; years → a year), or a date before them
    ("3天后，三天前，两周后，一个月前，半年后，5年前。", REF_DATE,
     [("3天后", "2024-03-11"), ("三天前", "2024-03-05"), ("两周后", "2024-03-22"),
      ("一个月前", "2024-02-08"), ("半年后", "2024-09-08"), ("5年前", "2019")]),
    ("1月31日签约，一个月后开工。", REF_DATE,
     [("1月31日", "2024-01-31"), ("一个月后", "2024-02-29")]),
    ("下周一开工，3天后完工。", REF_DATE, [("下周一", "2024-03-11"), ("3天后", "2024-03-14")]),
    ("本世纪以来，五年前。", REF_DATE, [("本世纪", "2000/2099"), ("五年前", "2019")]),
    ("3天后，结果公示。", None, []),
    ("大后天、大前天和后天。", REF_DATE,
     [("大后天", "2024-03-11"), ("大前天", "2024-03-05"), ("后天", "2024-03-10")]),
    ("近日，日前，近期，前两天，几天前，多年前。", REF_DATE, []),
    ("签约两年后投产，样本三天后才能出结果，目前天然气充足。", REF_DATE, []),
    # lunar dates → Gregorian via lunardate: a written year is the lunar year, else ref_date's year
    ("农历正月十五、腊月二十三和农历八月十五。", REF_DATE,
     [("农历正月十五", "2024-02-24"), ("腊月二十三", "2024-02-02"),
      ("农历八月十五", "2024-09-17")]),
    ("2023年腊月二十三，新村落成。", REF_DATE, [("2023年腊月二十三", "2024-02-02")]),
    ("农历八月十五，家家赏月。", None, []),
    # decades and centuries → year ranges
    ("20世纪90年代、上世纪80年代、七十年代和1990年代。", REF_DATE,
     [("20世纪90年代", "1990/1999"), ("上世纪80年代", "1980/1989"), ("七十年代", "1970/1979"),
      ("1990年代", "1990/1999")]),
    ("本世纪以来，21世纪初。", REF_DATE, [("本世纪", "2000/2099"), ("21世纪", "2000/2099")]),
    ("那个年代，90后。", REF_DATE, []),
    # other written forms
    ("2024年3月8号、24年3月8日、二〇二四年三月八日、2024.3.8。", "2025-01-01",
     [("2024年3月8号", "2024-03-08"), ("24年3月8日", "2024-03-08"),
      ("二〇二四年三月八日", "2024-03-08"), ("2024.3.8", "2024-03-08")]),
    ("2024年第一季度和2023Q4。", REF_DATE,
     [("2024年第一季度", "2024-01/2024-03"), ("2023Q4", "2023-10/2023-12")]),
    ("3.8节前后，3.8万元。", REF_DATE, []),
    ("本月底、上月中旬、元月1日、大前年、昨晚。", REF_DATE,
     [("本月底", "2024-03"), ("上月中旬", "2024-02"), ("元月1日", "2024-01-01"),
      ("大前年", "2021"), ("昨晚", "2024-03-07")]),
    ("5000元月薪，今晚报。", REF_DATE, []),
    # traditional characters (Hong Kong, Taiwan): the grammar reads them as simplified, facts keep
    # the text
    ("下週一、上個星期三和這個週末。", REF_DATE,
     [("下週一", "2024-03-11"), ("上個星期三", "2024-02-28"),
      ("這個週末", "2024-03-09/2024-03-10")]),
    ("三個月後，農曆八月十五，聖誕節，2024年3月8號。", REF_DATE,
     [("三個月後", "2024-06-08"), ("農曆八月十五", "2024-09-17"), ("聖誕節", "2024-12-25"),
      ("2024年3月8號", "2024-03-08")]),
]


@pytest.mark.parametrize("text,ref,want", CASES, ids=[c[0][:18] for c in CASES])
def test_dates(pipe, text, ref, want):
    assert dates(pipe, text, ref) == want


def test_festival_tag_and_open_range_tag(pipe):
    art = pipe.extract("国庆节前夕，自2019年起开放的景区游人如织。", ref_date=REF_DATE)
    by_text = {f.text: f for f in art.facts if f.type == "date"}
    assert by_text["国庆节"].extra.get("tags") == ["festival"]
    assert by_text["国庆节"].value == "2024-10-01"
    assert by_text["自2019年起"].extra.get("tags") == ["open_range_anchor"]


@pytest.mark.parametrize("text,ref,want", [
    ("2025年12月26日上午10时，发布会举行。", REF_DATE,
     ("2025年12月26日上午10时", "2025-12-26", "2025-12-26T10:00")),
    ("12月26日晚8点，跨年晚会彩排。", None, ("12月26日晚8点", "--12-26", "--12-26T20:00")),
    ("报名截止时间为2025-12-26 17:30。", REF_DATE,
     ("2025-12-26 17:30", "2025-12-26", "2025-12-26T17:30")),
    ("2025年12月26日，发布会举行。", REF_DATE, ("2025年12月26日", "2025-12-26", None)),
])
def test_datetime_field(pipe, text, ref, want):
    """value stays at day precision (scored as a date); the time of day goes to `datetime`."""
    (f,) = [f for f in pipe.extract(text, ref_date=ref).facts if f.type == "date"]
    assert (f.text, f.value, f.to_dict().get("datetime")) == want


# -- dates by place: meta.locale decides Minguo years, 上年 / 下年 and day-first slashes ---------

@pytest.mark.parametrize("text,locale,want", [
    ("立法院三讀通過113年度總預算，112年12月底前完成作業。", "zh-TW",
     [("113年度", "2024"), ("112年12月底前", "2023-12")]),
    ("立法院三讀通過113年度總預算。", "zh-CN", []),
    ("99年起實施的條例將修正。", "zh-TW", [("99年起", "2010")]),
    ("08年，他來到台北。", "zh-TW", [("08年", "2008")]),      # a leading zero is a Western year
    ("上年本港經濟增長3.2%，預計下年繼續增長。", "zh-HK", [("上年", "2023"), ("下年", "2025")]),
    ("上年全市经济增长5.2%，下年度预算草案提交审议。", "zh-CN", []),
    ("天文台於03/04/2025發出警告。", "zh-HK", [("03/04/2025", "2025-04-03")]),
    ("落款日期为03/04/2025。", "zh-CN", []),
    ("民國112年3月5日公告。", "zh-CN", [("民國112年3月5日", "2023-03-05")]),
    # an overseas community's page writes a Minguo date of its own as a mainland-cued one does
    ("同鄉會於109年5月29日成立。", "zh-AU", [("109年5月29日", "2020-05-29")]),
    ("立法院三讀通過113年度總預算。", "zh-US", []),
    ("教師節當天，學生向老師獻花。", "zh-TW", [("教師節當天", "2024-09-28")]),
    ("教师节当天，学生向老师献花。", "zh-CN", [("教师节当天", "2024-09-10")]),
    ("國慶日當天，總統府前舉行升旗典禮。", "zh-TW", [("國慶日當天", "2024-10-10")]),
])
def test_dates_by_locale(pipe, text, locale, want):
    art = pipe.extract(text, ref_date="2024-05-20", meta={"locale": locale})
    assert art.meta.get("locale") == locale
    assert [(f.text, f.value) for f in art.facts if f.type == "date"] == want


def test_range_with_times_gives_a_datetime_range(pipe):
    (f,) = [f for f in pipe.extract("5月6日8时至5月9日18时，该路段封闭。", ref_date=REF_DATE).facts
            if f.type == "date"]
    assert (f.value, f.to_dict().get("datetime")) == ("2024-05-06/2024-05-09",
                                                      "2024-05-06T08:00/2024-05-09T18:00")


def test_offsets_point_at_the_text(pipe):
    text = "２０２２年７月１５日，新馆开馆；15日至17日试运行。"  # full-width digits
    art = pipe.extract(text, ref_date=REF_DATE)
    ds = [f for f in art.facts if f.type == "date"]
    assert [f.value for f in ds] == ["2022-07-15", "2022-07-15/2022-07-17"]
    assert all(text[f.start:f.end] == f.text for f in ds)


# -- ref_date from the article -------------------------------------------------------------

@pytest.mark.parametrize("text,meta,url,want", [
    ("正文。", {"published": "2023-06-01T08:00"}, None, ("2023-06-01", "published")),
    ("正文。", {"published": "2023年6月1日 08:00"}, None, ("2023-06-01", "published")),
    ("标题\n发布时间：2023-06-01 08:00 浏览次数：12\n正文。", {}, None,
     ("2023-06-01", "published")),
    ("新华社北京6月1日电（记者 王五）正文。", {}, "http://example.cn/2023/0601/c1.html",
     ("2023-06-01", "dateline")),
    ("中新网上海2023年6月1日电 正文。", {}, None, ("2023-06-01", "dateline")),
    ("北京2023年6月1日 /美通社/ — 正文。", {}, None, ("2023-06-01", "dateline")),
    ("新华社北京1日电 正文。", {}, "http://example.cn/2023-06/01/c_1.htm",
     ("2023-06-01", "dateline")),
    ("（中央社記者台北9日電）正文。", {}, "http://example.tw/news/20181209/a.aspx",
     ("2018-12-09", "dateline")),
    ("新华社北京6月1日电 正文。", {}, None, (None, None)),      # no year anywhere
    # a press release's place, a comma or slash, the full date, then a dash
    ("标题\n香港，2024年8月20日 /美通社/ -- 某公司今日发布业绩。", {}, None,
     ("2024-08-20", "dateline")),
    ("标题\n中国北京 / 2021年8月18日—某公司今日公布财报。", {}, None, ("2021-08-18", "dateline")),
    # …or in brackets opening a paragraph, the date and the place either first; a bracketed
    # date inside a sentence dates no page
    ("标题\n【2018年8月19日.香港】今年是基金会成立20周年。", {}, None, ("2018-08-19", "dateline")),
    ("标题\n【香港，2024年3月8日】某公司今日宣布。", {}, None, ("2024-03-08", "dateline")),
    ("标题\n会议（2018年8月19日 香港）顺利举行。", {}, None, (None, None)),
    # a dateline's day takes the month of a url that names only the month
    ("（华都牙也12日讯）会馆举行晚宴。", {}, "https://example.my/zh/2019/03/wan-yan/",
     ("2019-03-12", "dateline")),
    # a url with the month only: the day the lead opens with, or calls today, in that month
    ("标题\n8月25日，某机构发布报告称。", {}, "https://example.com/tech/202208/1512338.shtml",
     ("2022-08-25", "lead")),
    ("标题\n本报济宁讯 12月3日，农业农村部发布通知。", {}, "https://example.net/jn/201912/9.html",
     ("2019-12-03", "lead")),
    ("【某网】某网获悉，新车将于今日(3月23日)发布。", {}, "http://example.com/news/201803/7.html",
     ("2018-03-23", "lead")),
    ("标题\n8月25日，某机构发布报告称。", {}, "https://example.com/tech/202209/1512338.shtml",
     (None, None)),                                     # another month: no day known
    ("标题\n会上，8月25日的安排已定。", {}, "https://example.com/tech/202208/1512338.shtml",
     (None, None)),                                     # a date inside the lead, not opening it
    # a url's date glued to an id, read when the lead calls that day today
    ("（記者某某／南投報導）縣政府今(2)日舉辦表揚大會。", {}, "https://n.example.com/Article/20231102186014",
     ("2023-11-02", "lead")),
    ("（記者某某／南投報導）縣政府今(3)日舉辦表揚大會。", {}, "https://n.example.com/Article/20231102186014",
     (None, None)),
    # a month's folder, then a file named by a day of that month glued to its id
    ("正文。", {}, "https://news.example.tw/cts/politics/202211/202211262114822.html",
     ("2022-11-26", "url")),
    ("正文。", {}, "https://news.example.tw/cts/politics/202211/202212262114822.html",
     (None, None)),                                     # another month: no agreement
    # a year folder, then a channel's month-and-day folder; a random folder name is none
    ("正文。", {}, "http://example.cn/2023/sh_1027/77876.html", ("2023-10-27", "url")),
    ("正文。", {}, "http://example.cn/html/2019/PLNDAQOH_0219/1.html", (None, None)),
    # …its day read when the lead opens with a day of that month at most a week before
    ("标题\n3月23日上午，市政府召开常务会议。", {}, "http://example.cn/html/2019/PLNDAQOH_0325/1.html",
     ("2019-03-25", "lead")),
    ("标题\n3月13日上午，市政府召开常务会议。", {}, "http://example.cn/html/2019/PLNDAQOH_0325/1.html",
     (None, None)),
    ("标题\n4月23日上午，市政府召开常务会议。", {}, "http://example.cn/html/2019/PLNDAQOH_0325/1.html",
     (None, None)),
    # a month folder joined to its year by _ (…/2020_7/…), a lead opening after a byline in
    # brackets or after a source with its account's id
    ("标题\n本报海东讯 (记者 某某) 7月21日，记者从园区获悉。", {},
     "http://example.cn/html/xxkd/2020_7/54345.html", ("2020-07-21", "lead")),
    ("标题\n某某网(ID:abc2012)10月27日消息，据报道。", {}, "https://news.example.cn/202110/480178.shtml",
     ("2021-10-27", "lead")),
    # the day's figures in one folder joined by hyphens
    ("正文。", {}, "http://www.example.cn/gysp/qw/2020-7-4/1593843952141.shtml",
     ("2020-07-04", "url")),
    ("正文。", {}, "http://www.example.cn/gysp/qw/2020-7/4.shtml", (None, None)),
    # a year and a month folder unpadded, and a lead that names yesterday's day: the day after
    ("标题\n应急管理部昨日(21日)部署第二轮专项检查。", {}, "http://example.com/news/2020/8/444474.shtm",
     ("2020-08-22", "lead")),
    ("标题\n应急管理部今日(21日)部署第二轮专项检查。", {}, "http://example.com/news/2020/8/444474.shtm",
     ("2020-08-21", "lead")),
    ("正文。", {}, "http://example.cn/2023/0601/c1.html", ("2023-06-01", "url")),
    ("正文。", {}, "http://example.cn/2023-06/01/c_1.htm", ("2023-06-01", "url")),
    ("正文。", {"url": "http://example.cn/news/20230601/a.shtml"}, None, ("2023-06-01", "url")),
    ("正文。", {}, "http://www.example.gov.cn/xw/202306/t20230601_42.html", ("2023-06-01", "url")),
    ("正文。", {}, "http://www.example.gov.cn/art/2023/6/1/art_1229_42.html",
     ("2023-06-01", "url")),
    # a year and two numbers in folders, the last not closed by a slash: no day
    ("正文。", {}, "http://example.cn/doc/2023/6/15.html", (None, None)),
    ("标题\n2023-06-01 08:00 来源：某某日报\n正文。", {}, None, ("2023-06-01", "text")),
    # a bare 发布: label with the date right after it; a notice published: a title, no date
    ("标题\n作者:匿名 来源:某某网 发布:2020-10-27 访问:833\n正文。", {}, None,
     ("2020-10-27", "published")),
    ("标题\n市政府发布：关于2020年10月27日起调整公交线路的通告。", {}, None, (None, None)),
    ("2023年6月1日，新馆开馆，市民踊跃参观。", {}, None, (None, None)),  # a body sentence
    ("正文。", {}, None, (None, None)),
    # a Minguo date is read on a Taiwan page only
    ("標題\n發布日期：113-05-20\n正文。", {"locale": "zh-TW"}, None, ("2024-05-20", "published")),
    ("正文。", {"published": "113年5月20日", "locale": "zh-TW"}, None, ("2024-05-20", "published")),
    ("標題\n發布日期：113-05-20\n正文。", {"locale": "zh-CN"}, None, (None, None)),
    # a stamp the clean stage left in the first lines: with its time, or short, or glued to
    # the lead; never a field of its own, an event's day, nor one of two days in the head
    ("标题\n某某网 www.example.cn 2015年01月14日 07:37:42 |\n正文。", {}, None,
     ("2015-01-14", "text")),
    ("标题\n城市镜像.新闻汇总 2021-05-12\n正文。", {}, None, ("2021-05-12", "text")),
    ("标题\n2009-12-01江城市物价局监测数据显示，鸡蛋价格略跌。", {}, None, ("2009-12-01", "text")),
    # a reporter's bracket opening the lead with the day the report was filed
    ("标题\n(通讯员王某2023-7-14)2023年7月14日，某实践队走进社区。", {}, None,
     ("2023-07-14", "text")),
    ("标题\n(记者王某)2023年7月14日，某实践队走进社区。", {}, None, (None, None)),
    ("标题\n开工时间:2022年11月21日\n正文。", {}, None, (None, None)),
    ("标题\n活动日期 2024-05-01 09:00\n正文。", {}, None, (None, None)),
    ("标题\n(2019年12月19日)\n(2019年12月20日)\n正文。", {}, None, (None, None)),
    # a chart's hour under its caption is no stamp (2022年7月19日11时)
    ("标题\n图1:全国逐小时气温实况图 2022年7月19日11时\n正文。", {}, None, (None, None)),
    # a CMS's empty stamp (Unix time 0) dates no page
    ("标题\n某某新闻网 王某 1970-01-01 08:00:00\n正文。", {}, None, (None, None)),
    # ...and not against the month a url's folder names
    ("标题\n城市镜像.新闻汇总 2021-05-12\n正文。", {}, "http://example.cn/2021/06/a.html",
     (None, None)),
])
def test_infer_ref_date(text, meta, url, want):
    assert infer_ref_date(text, meta, url) == want


@pytest.mark.parametrize("stamps,url,want", [
    # the first line removed as metadata with a full date: a stamp, a poster's day, a post time
    (["阅读 120 2025-04-19"], None, ("2025-04-19", "stamp")),
    (["作者：王五", "admin2022-12-23  26"], None, ("2022-12-23", "stamp")),
    # a 发布日期 among them is the published date, whatever stands before it on its line
    (["放大字体 缩小字体 发布日期:2021-05-08 来源:某某号"], None, ("2021-05-08", "published")),
    (["只看楼主 发表于 2023-3-6 17:07:39"], None, ("2023-03-06", "published")),
    # the url, then the stamps; none of them: nothing
    (["阅读 120 2025-04-19"], "http://example.cn/a/2023/0301/x.html", ("2023-03-01", "url")),
    (["作者：王五"], None, (None, None)),
    # a record's id in a stamp line is no date (JC-2024-0518); a compact date is (20240518)
    (["信息分类:文博场馆 | 信息索取号:JC-2024-0518"], None, (None, None)),
    (["编号 20240518 阅读 120"], None, ("2024-05-18", "stamp")),
    # a forum member's panel: when the member joined or last signed in dates no post
    (["- 注册时间2008-10-17", "- 最后登录2025-06-18"], None, (None, None)),
    (["注册时间2008-10-17", "admin2022-12-23  26"], None, ("2022-12-23", "stamp")),
    # a file named by its upload time
    ([], "http://example.cn/fzdt/newshtml/20210421142618.htm", ("2021-04-21", "url")),
    ([], "http://example.cn/upload/20220928212022992.jpg", (None, None)),
    # last, a page's file name opening on a date glued to its id, or a portal's two-digit
    # year and day folders; a stamp line comes first
    ([], "http://example.cn/20220908470322.html", ("2022-09-08", "url")),
    ([], "https://example.com/p20240129000185.html", ("2024-01-29", "url")),
    ([], "https://local.news.example.com/19/1210/09/F01BSCDN.html", ("2019-12-10", "url")),
    (["阅读 120 2025-04-19"], "http://example.cn/20220908470322.html", ("2025-04-19", "stamp")),
    ([], "http://example.cn/20229908470322.html", (None, None)),        # no such month
    # an English stamp a feed printed (the month's name, the day, the year), not a word like it
    (["May 2nd 2014, 10:11"], None, ("2014-05-02", "stamp")),
    (["26 February 2024"], None, ("2024-02-26", "stamp")),
    (["Mayor 12 2014"], None, (None, None)),
])
def test_infer_ref_date_from_stamps(stamps, url, want):
    assert infer_ref_date("正文。", {}, url, stamps) == want


def test_published_label_in_any_line_removed_above_the_body():
    # a stamp a rule took as a menu's line still dates the page; a teaser's stamp under the
    # body is not passed (core._above_body)
    above = ["作者:匿名 来源:某某网 发布:2020-10-27 所属分类:新闻动态"]
    assert infer_ref_date("正文。", {}, None, [], above) == ("2020-10-27", "published")
    assert infer_ref_date("正文。", {}, None, [], []) == (None, None)


def test_pipeline_uses_inferred_ref_date(pipe):
    art = pipe.extract("新华社北京6月1日电 昨天，全市降雨。",
                       meta={"url": "http://x.cn/2023/0601/c.html"})
    assert art.ref_date == "2023-06-01"
    assert art.meta["ref_date_source"] == "dateline"
    assert ("昨天", "2023-05-31") in [(f.text, f.value) for f in art.facts if f.type == "date"]


def test_nothing_reads_the_clock():
    code = [ROOT / "pipeline" / "refdate.py", ROOT / "pipeline" / "find" / "date.py",
            *sorted((ROOT / "pipeline" / "dates").glob("*.py"))]
    clock = re.compile(r"\.today\(|\.now\(|time\.time\(|utcnow|localtime\(")
    offenders = [p.name for p in code if clock.search(p.read_text("utf-8"))]
    assert not offenders, offenders


# -- speed without change: a rule is tried only where its `near` hits let a match start ------

LONG_FORMS = [
    "截止到两千零一十五年十二月份上中旬，工程完工。两千零一十五年十二月三十一日 上午十一点五十九分"
    "（星期四），闭幕。",
    "自2023年度底10月份上中旬 —— 2024年12月31日期间，展览开放。",
    "从2016 —— 二〇一八年，产值翻番。2021年9月30日晚上十一点五十九分，（星期四）系统上线。",
    "今年度底本月 12日下午3点半，会议召开；去年本月十日或之前完成。在2015年12月和2018年1月之间。",
    "二〇二三年八月十五（星期五），十二月至次年二月；Q3季度、2023年的第三季度、2023年前十一个月。",
    "下下个星期天晚上十一点五十九分，上上个礼拜一 —— 星期三，二十三个星期之前，半个月以后。",
    "两千零一十五年 农历 十二月二十三日，二〇二三年腊月初八；"
    "二十一世纪 九十 年代中后期，上个世纪。",
    "2024 年 第 Q1，今晚十一点五十九分，当晚。",
    "民国 一百一十二 年度底十二月份上中旬，民国 一百一十二 年 十二月三十一日 晚上十一点五十九分（星"
    "期四）。",
    "自两千零一十五年十二月三十一日晚上十一点五十九分起至两千零一十六年十二月三十一日晚上十一点五十"
    "九分止。",
    "大大前天，今个月，呢个星期，2021 07 04，20230916，1998.06-12，十一月20 晚上十一点五十九分。",
    "廿五号截止，卅一号 晚上十一点五十九分，本月卅一日。",
    # each part at its longest before the character its rule is found by
    "民国 一二三四五六 年度年底 十二月初一，民国 一二三四五六 年度年底 十二 月份的第二个星期日。",
    "民国 一二三四五六 年度年底 的第五十三周，民国 一二三四五六 年度年底 十二 月份 三十一 日以前。",
    "自民国 一二三四五六 年度年底 十二 月份 三十一 日 凌晨 二十三 点五十九分至次年，"
    "由民国 一二三四五六 年度年底 十二 月份 1234 — 3日。",
    "在民国 一二三四五六 年度年底 十二 月份 三十一 日和民国一百年之间；大前年度年底 的今天；"
    "大前年度年底 上一个月份上旬；民国 一二三四五六 年度年底 的第一季度；这个世纪 1990 年代；"
    "二十一世纪 九十 年代；1990 年代；2024 年 第 Q1；下下个 星期一至周三；五百天以后，再过一百天。",
]


def test_start_positions_find_what_a_full_scan_finds(pipe):
    from pipeline.dates import grammar as gram
    from pipeline.find.date import _matches_at, _starts
    from pipeline.rules import load_rules
    g = gram.load(load_rules())
    rf = load_rules().file("date")
    texts = [p for t in LONG_FORMS for p in (t, *t.split("。"), *t.split("，"), *t.split("；"))]
    for rule in rf.rules:
        for ex in (rule.get("examples") or []) + (rule.get("counterexamples") or []):
            texts.append(ex if isinstance(ex, str) else ex["text"])
    texts.append("".join(texts))
    checked = 0
    for rule in g.rules:
        if rule.near is None:
            continue
        for t in texts:
            t = gram.narrow(t)
            full = [m.span() for m in rule.regex.finditer(t)]
            tried = [m.span() for m in _matches_at(rule, t, _starts(t, rule.near))]
            assert tried == full, (rule.id, t)
            checked += len(full)
    assert checked > 100


def test_narrow_is_the_translation_table():
    from pipeline.dates import grammar as gram
    for t in ("２０２４年３月８日　上午１０：３０", "下週一，農曆臘月", "2024年3月8日", "",
              "２０２４／０３／０８－１２．５",
              # most characters change: the text is mapped as a whole (script.one_for_one)
              "據統計，臺灣地區今年上半年進出口總額達到歷史新高，較去年同期增長兩成。" * 3):
        assert gram.narrow(t) == t.translate(gram.FULLWIDTH)


def test_joined_hit_passes_find_what_each_hit_finds():
    from pipeline.dates import grammar as gram
    from pipeline.dates.hits import HitScans, one_character
    from pipeline.rules import load_rules
    g = gram.load(load_rules())
    scans = g.hit_scans
    assert len(scans.joined) > 10, "hits of one character share one pass"
    # the one pass runs on the standard `re` (a hit with \p{Han} made it `regex`'s, 3x slower)
    # and only multi-character hits run alone (a class with \n in it is one character each)
    import re as stdre
    assert isinstance(scans.rx, stdre.Pattern)
    assert all(one_character(h.pattern) is None for _, h in scans.single)
    assert [c for _, c, _ in one_character("[)\\n](?<=[0-9][)\\n])")] == [{")", "\n"}]
    assert sorted([i for i, _ in scans.single] + list(scans.joined)) == list(range(scans.count))
    hits = [None] * scans.count
    for r in g.rules:
        if r.near:
            assert hits[r.near.hit] in (None, r.near.regex)
            hits[r.near.hit] = r.near.regex
    assert None not in hits
    texts = [gram.narrow(t) for t in LONG_FORMS]
    texts += ["周星期礼拜，第二天第3周，最后一个，再过两天。Q1季度全年。", "".join(texts)]
    for t in texts:
        assert [list(x) for x in scans.find(t)] == [[m.start() for m in h.finditer(t)]
                                                    for h in hits]
    # what may join a pass: one character (a literal or a listed class) and look-arounds only
    assert [c for _, c, _ in one_character("[0-9](?=x)|周|星(?=期)")] == [
        set("0123456789"), {"周"}, {"星"}]
    for hit in ("周期", "(?:自从)", "[\\d](?=年)", "[^年]", "a+"):
        assert one_character(hit) is None, hit
    assert HitScans([]).find("2024年") == []
    # hits opening on the same character, each with its own look-arounds: told apart
    a, b, c = (stdre.compile(p) for p in ("[0-9](?=年)", "[0-9](?=\\s?[年月])", "[年](?=初)|1"))
    assert HitScans([a, b, c]).find("12年 3月，年初") == [[1], [1, 4], [0, 7]]
    assert HitScans([a, b, c]).find("年") == [(), (), ()]


def test_a_rule_is_tried_only_where_its_leading_look_arounds_hold():
    from pipeline.dates.grammar import first_class
    lead = first_class(r"(?:(?:(?=[\d一]))(?!(?<=[\d.])\d))(?:\d+年)")
    assert [m.start() for m in lead.finditer("a12.5一x3")] == [1, 5, 7]   # not 2, nor 5 after .
    assert first_class(r"(?=[农阴])农历") is not None
    # an alternative outside the look-arounds may start anywhere: no filter
    assert first_class(r"(?=[农])农历|腊月") is None
    assert first_class(r"(?:农|阴)历") is None and first_class("[农阴]历") is None
    # a look-ahead reading past its own character would need the text beyond the start places
    assert first_class(r"(?=(?:19|20)\d\d)\d+") is None


def test_digit_first_rules_never_start_inside_a_number(pipe):
    # FIRSTD rules skip the 0 2 3 of 2023年 and the 5 of 3.5: what they find there is what a
    # scan of every position finds (test_start_positions_find_what_a_full_scan_finds), and
    # the facts of such text are the dates, not pieces of the numbers
    assert dates(pipe, "增长3.5个百分点。2023年12月31日，总投资12023万元。") == [
        ("2023年12月31日", "2023-12-31")]


def test_what_a_pattern_consumes_is_read_from_its_source():
    import regex

    from pipeline.dates.alphabet import consumed, run_before
    cls = regex.compile(consumed(r"(?<![\d.])(?P<y>[0-9]{2,4})\s?—{1,2}(?=[年月])[-/.]\d"))
    # look-arounds and quantifier braces add nothing; a class's "-" stays a character
    assert all(cls.match(c) for c in "09 —-/.٣")
    assert not any(cls.match(c) for c in "年月{},y<P")
    for wide in ("a.b", "[^年]", r"\w年", r"\p{Han}", "(?i)q"):
        assert consumed(wide) is None, wide
    assert consumed(r"(?<=\p{Han})年(?![^月])") == "[年]"   # only inside look-arounds: fine
    run = run_before(["[年月]", "[0-9]"])
    assert run.match("公司2023年3月到", 0, 9).span() == (2, 9)
    assert run.match("公司2023年3月到", 5, 9).span() == (5, 9)   # never before lo
    assert run_before(["[年]", None]) is None


def test_every_date_example_stays_inside_its_rules_run():
    from pipeline.dates import grammar as gram
    from pipeline.rules import load_rules
    g = gram.load(load_rules())
    with_run = {r.id: r.near.run for r in g.rules if r.near is not None and r.near.run}
    assert {"date.range", "date.open", "date.ymd"} <= set(with_run)
    checked = 0
    for entry in load_rules().file("date").rules:
        run = with_run.get(entry["id"])
        for ex in entry.get("examples") or []:
            for fact in (ex.get("expect") or []) if run and isinstance(ex, dict) else []:
                if "text" in fact and fact.get("rule", entry["id"]) == entry["id"]:
                    t = gram.narrow(fact["text"])
                    assert run.match(t, 0, len(t)).start() == 0, (entry["id"], t)
                    checked += 1
    assert checked > 30


def test_odd_catches_every_character_the_engines_read_differently():
    import array
    import re as stdre

    import regex

    from pipeline.dates.engine import odd
    every = array.array("I", range(0x110000)).tobytes().decode("utf-32-le", "surrogatepass")
    every = every[:0xD800] + every[0xE000:]   # no lone surrogates
    differ = 0
    either = set()          # every digit or space of either engine
    for cls in (r"\d", r"\s"):
        by_regex = set(regex.findall(cls, every))
        by_re = set(stdre.findall(cls, every))
        differ += len(by_regex ^ by_re)   # \x1c-\x1f are spaces to `re` alone, at least
        for c in by_regex ^ by_re:
            assert odd(f"2024年{c}3月"), hex(ord(c))
        either |= by_regex | by_re
    assert differ >= 4
    # odd's one class: exactly the digits and spaces of either engine outside the agreed ones
    agreed = set("0123456789\t\n\x0b\x0c\r \xa0\u3000")
    assert {c for c in every if odd(c)} == either - agreed
    assert not odd("2024年 3月8日\n上午10:30\u3000（星期五）")


def test_one_search_says_whether_a_text_needs_narrowing_or_the_regex_engine():
    import array

    from pipeline.dates import grammar as gram
    from pipeline.dates.engine import odd
    every = array.array("I", range(0x110000)).tobytes().decode("utf-32-le", "surrogatepass")
    every = every[:0xD800] + every[0xE000:]
    special = gram.special_class()
    # in the BMP exactly the characters narrow changes or odd() catches; beyond it, every one
    assert [c for c in every[:0xF800] if special.match(c)] == [
        c for c in every[:0xF800] if gram.narrow(c) != c or odd(c)]
    assert all(special.match(c) for c in every[0xF800:])
    for text in ("２０２４年３月８日", "下週一", "2024年\x1c3月", "2024年\u0663月", "",
                 "2024年3月8日 上午10:30（星期五）", "农历腊月二十三"):
        assert gram.narrow_plain(text, special) == (gram.narrow(text), not odd(gram.narrow(text)))


def test_a_twin_renames_repeated_groups_and_refuses_what_re_reads_otherwise():
    from pipeline.dates.engine import twin
    rx, names = twin(r"(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d\d)(?P=sep)|(?P<m>\d\d)(?P<sep>\.)(?P=sep)")
    assert names == ("y", "sep", "m", "m", "sep")
    m = rx.match("12..")
    assert m and m.group("m__1") == "12" and m.group("sep__1") == "."   # its own sep
    assert rx.match("2024-05/") is None
    for pattern in (r"(?<![\p{Han}])年", r"(?<![A-Za-z][\d.]*)\d", r"(\d)年",
                    r"(?P<a>x)|(?P<a>y)(?(a)z|w)",
                    # `regex` reads whichever group of the name matched / kept the last capture
                    r"(?:(?P<s>-)|(?P<s>/))\d+(?P=s)", r"(?:(?P<a>x)|(?P<a>y))+"):
        assert twin(pattern) is None, pattern


def test_a_twin_opens_with_its_character_rather_than_with_look_behinds():
    """`re` skips to a pattern's first character; a look-behind first is tried everywhere."""
    import re as stdre

    from pipeline.dates.engine import _atom_first, twin
    rx, _ = twin(r"(?<![一二两])(?<!上)年(?P<ypart>底)(?!代)")
    assert rx.pattern.startswith("年")
    text = "一年底，上年底，两年底，今年底，年底，年代，年底。"
    assert [m.span() for m in rx.finditer(text)] == [
        m.span() for m in stdre.finditer(r"(?<![一二两])(?<!上)年(?P<ypart>底)(?!代)", text)]
    assert [m.start() for m in rx.finditer(text)] == [13, 16, 22]
    # not one character of every match: left as it is
    for pattern in (r"(?<!x)a|b", r"(?<!x)a+", r"(?<!x)\d", r"(?<!x)(?:ab)", r"(?<=x)a?"):
        assert _atom_first(pattern) == pattern, pattern


def test_every_twin_matches_what_its_rule_matches(pipe):
    from itertools import compress, repeat
    from operator import is_not

    from pipeline.dates import grammar as gram
    from pipeline.rules import load_rules

    def groups(names, m):
        gs = m.groups()
        return dict(compress(zip(names, gs, strict=True), map(is_not, gs, repeat(None))))
    g = gram.load(load_rules())
    texts = [gram.narrow(t) for t in LONG_FORMS]
    for entry in load_rules().file("date").rules:
        for ex in (entry.get("examples") or []) + (entry.get("counterexamples") or []):
            texts.append(gram.narrow(ex if isinstance(ex, str) else ex["text"]))
    twins = [r for r in g.rules if r.fast is not None]
    assert {"date.range", "date.open", "date.ymd", "date.month_day"} <= {r.id for r in twins}
    matched = 0
    for r in twins:
        for t in texts:
            for p in range(len(t)):
                a, b = r.regex.match(t, p), r.fast.match(t, p)
                assert (a and (a.span(), groups(r.names, a))) == (
                    b and (b.span(), groups(r.fast_names, b))), (r.id, t[p:])
                matched += a is not None
    assert matched > 500


def test_a_taiwan_pages_stamp_with_the_year_last_is_month_first():
    # a Taiwan site's system prints 發布日期:10/11/2024 (October 11); Hong Kong's day first
    from pipeline import Pipeline
    from pipeline.model import Document
    pipe = Pipeline()
    body = ("\n發布日期:10/11/2024\n{}今日在議會報告施政成果，今年投入{}3億元推動淨零轉型。"
            "\n相關預算明年持續擴大。")
    tw = pipe.process(Document(id="tw", text="市政新聞" + body.format("高雄市長", "新臺幣")))
    hk = pipe.process(Document(id="hk", text="政府新聞公報" + body.format("港府", "港元")))
    assert (tw.meta["locale"], tw.ref_date) == ("zh-TW", "2024-10-11")
    assert (hk.meta["locale"], hk.ref_date) == ("zh-HK", "2024-11-10")


def test_a_pictures_date_in_its_credit_anchors_no_later_day(pipe):
    """(2010年1月16日摄) tells when the photo was taken: the story's 10日 after it is a day of
    ref_date's month, not of January 2010."""
    text = ("试运行的列车从大桥上驶过(2010年1月16日摄)。随着10日6点31分首趟列车发出，"
            "这条高铁正式开通。")
    got = dates(pipe, text, "2016-09-11")
    assert ("2010年1月16日", "2010-01-16") in got
    assert [v for t, v in got if t.startswith("10日")] == ["2016-09-10"]
