"""Lines set letter by letter (older government releases and yearbooks): read closed up, the facts
mapped back onto the text as given."""
import pytest

from pipeline import letterspacing

RELEASE = (
    "新 聞 公 佈\n"
    "政 府 制 訂 措 施 協 助 漁 民 度 過 休 漁 期\n"
    "二 ○ 一 ○ 年 五 月 十 五 日 ( 星 期 六 )\n"
    "內 地 有 關 部 門 宣 布 , 今 年 的 休 漁 期 由 五 月 十 六 日 起 至 八 月 一 日 止 。\n"
    "漁 護 署 預 計 約 有 一 千 二 百 艘 本 港 漁 船 受 影 響 , 最 高 貸 款 額 為 十 五 萬 元 。\n"
    "全 年 漁 獲 量 為 154 540 公 吨 , 較 上 年 增 加 3 , 560 公 吨 。\n"
)


def test_a_release_set_letter_by_letter_gives_its_facts_with_their_spaces(pipe):
    art = pipe.extract(RELEASE)
    got = {(f.type, f.text, f.value) for f in art.facts}
    assert ("date", "由 五 月 十 六 日 起 至 八 月 一 日 止", "2010-05-16/2010-08-01") in got
    assert ("count", "一 千 二 百 艘", 1200) in got
    assert ("money", "十 五 萬 元", 150000) in got
    assert ("count", "154 540 公 吨", 154540) in got
    assert ("count", "3 , 560 公 吨", 3560) in got
    # the release's own date line in Chinese numerals dates the page
    assert art.ref_date == "2010-05-15"
    for f in art.facts:
        assert art.text[f.start:f.end] == f.text


@pytest.mark.parametrize("line, spaced", [
    ("政 府 制 訂 措 施 協 助 漁 民", True),
    ("全 年 漁 獲 量 為 154 540 公 吨", True),
    # spaced numbers in an ordinary line, a flattened table row, a spaced menu cut by |
    ("全市新签约工业项目 58 个、在建项目 97 个", False),
    ("2023 12 120 150 36", False),
    ("頻 道: 首 頁 | 新 聞 | 國 際 | 財 經", False),
    # too short to tell
    ("新 聞 公 佈", False),
])
def test_which_lines_are_letter_spaced(line, spaced):
    assert letterspacing.letter_spaced(line) is spaced


def test_strip_maps_every_character_back():
    text = "標題\n政 府 制 訂 措 施 協 助 漁 民\n正文"
    plain, where = letterspacing.strip(text)
    assert plain == "標題\n政府制訂措施協助漁民\n正文"
    assert len(where) == len(plain) + 1
    assert all(text[where[i]] == c for i, c in enumerate(plain))


def test_an_ordinary_text_is_read_as_it_is(pipe):
    text = "全市新签约工业项目 58 个，其中来自长三角的项目 12 个，总投资 3.5 亿元。"
    assert not letterspacing.spaced(text)
    got = {(f.text, f.value) for f in pipe.extract(text).facts}
    assert ("58 个", 58) in got and ("3.5 亿元", 350000000) in got


@pytest.mark.parametrize("stamp, day", [
    ("二○一○年五月十五日(星期六)", "2010-05-15"),
    ("二〇二四年十二月三十一日", "2024-12-31"),
    ("一九九九年一月一日", "1999-01-01"),
    ("二零零七年二月三十日", None),          # no such day
    ("二〇二四年十二月", None),               # no day
])
def test_a_stamp_in_chinese_numerals_is_a_full_date(stamp, day):
    from pipeline import refdate

    got = refdate.full_date(stamp)
    assert (got.isoformat() if got else None) == day
