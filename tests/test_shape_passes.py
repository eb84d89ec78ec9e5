"""The clean stage's shape passes around the body (pipeline/clean/zones.py after_body and
before_body, run after the line scorer, each with its own rule id): lines the rules left under
the last paragraph or over the first, judged by their shape and their place on the page, on
articles in the manner of real pages."""
from __future__ import annotations

from pathlib import Path

from cleanhelp import removed

from pipeline import clean as C
from pipeline.model import Document
from pipeline.rules import load_rules

STORY = [
    "江城区秋季招聘会昨日举行",
    "10月12日，江城区2024年秋季招聘会在区体育馆举行，126家企业带来2300余个岗位，"
    "吸引求职者约5000人次入场。",
    "区人社局有关负责人介绍，本次招聘会首次设置退役军人专区和灵活就业专区，"
    "现场还提供简历修改、职业指导等服务。",
    "据统计，当天初步达成就业意向的有860人。",
]




def test_outlet_name_and_stamp_under_furniture_go_as_metadata():
    # the rules know 返回首页; the column's name and the bare date under it they do not
    lines = [*STORY, "返回首页", "城事观察", "2024-10-13"]
    got = removed(lines)
    assert set(got) == {4, 5, 6}
    # taken by the hand-set pass under the body, not by the learned scorer: its own id
    assert got[6].reason == "metadata" and got[6].rule == "boilerplate.zones.after_body"


def test_the_scorer_and_the_shape_passes_report_their_own_ids():
    # the scorer takes a line next to removed furniture; the shape pass the line above the
    # furniture that the scorer left (the first lines right under the body)
    got = removed([*STORY, "王晓明", "打印本页", "关闭窗口"])
    assert got[4].rule == "boilerplate.zones.after_body"
    got = removed([*STORY, "网站地图", "本站热线", "版权所有 城市网"])
    assert got[5].rule == "boilerplate.scored.line"
    head = ["江城区秋季招聘会昨日举行", "来源：江城日报", "王晓明", "浏览次数：1024"]
    assert removed([*head, *STORY[1:]])[2].rule == "boilerplate.zones.before_body"


def test_the_shape_passes_read_their_limits_from_their_rule(tmp_path):
    import shutil

    import pytest

    from pipeline.rules import RuleError
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", rules)
    path = rules / "boilerplate" / "zones.yaml"
    text = path.read_text("utf-8")
    # a shorter max_len leaves the column's name (10 characters) under the furniture
    lines = [*STORY, "返回首页", "江城之窗 城南夜话专栏"]
    assert 5 in removed(lines)
    path.write_text(text.replace("    max_len: 40\n", "    max_len: 8\n", 1), "utf-8")
    short = C.build(load_rules(rules))
    assert 5 not in {r.line for r in short(Document(id="t", text="\n".join(lines))).removed
                     if r.rule == "boilerplate.zones.after_body"}
    # a misspelt key is an error naming the rule, as in every other entry
    path.write_text(text.replace("    max_plain: 3\n", "    max_plains: 3\n", 1), "utf-8")
    with pytest.raises(RuleError, match=r"zones\.yaml: rule boilerplate\.zones\.after_body: "
                                        r"unknown key 'max_plains'"):
        C.build(load_rules(rules))


def test_a_byline_name_right_under_the_body_goes_when_furniture_follows():
    got = removed([*STORY, "王晓明", "打印本页", "关闭窗口"])
    assert got[4].reason == "metadata" and {5, 6} <= set(got)


def test_counters_with_no_han_go_on_a_page_with_tail_furniture():
    got = removed([*STORY, "12", "368", "1 2 3 4", "打印本页", "关闭窗口"])
    assert set(got) == {4, 5, 6, 7, 8}
    # with no furniture under the body only bare counts go; a date or time may be the notice's
    assert set(removed([*STORY, "12", "368"])) == {4, 5}
    assert removed([*STORY, "2024-10-12"]) == {} and removed([*STORY, "19:30"]) == {}


def test_a_short_closing_line_alone_stays():
    # no furniture around it, Han characters in it: the article's last line
    assert removed([*STORY, "欢迎广大求职者关注"]) == {}


def test_a_notice_signature_and_contact_lines_stay_around_furniture():
    notice = [*STORY, "联系电话：0512-66881234", "区人力资源和社会保障局", "打印本页",
              "2024年10月12日"]
    got = removed(notice)
    assert 4 not in got and 5 not in got and 7 not in got and 6 in got


def test_nothing_is_taken_above_text_the_page_goes_on_with():
    # a second part of the report follows the furniture: its head and the short line over it stay
    lines = [*STORY, "返回顶部", "招聘会现场掠影", "二、下一步工作",
             "区人社局将于11月举办高校毕业生专场招聘会，预计提供岗位1500个以上。"]
    got = removed(lines)
    assert 4 in got and not {5, 6, 7} & set(got)


def test_a_table_under_the_body_stays_with_furniture_after_it():
    lines = [*STORY, "岗位类别 | 岗位数 | 占比", "制造业 | 1200 | 52%", "服务业 | 800 | 35%",
             "返回首页"]
    got = removed(lines)
    assert 7 in got and not {4, 5, 6} & set(got)


def test_a_name_between_head_furniture_goes_and_a_subtitle_stays():
    head = ["江城区秋季招聘会昨日举行", "来源：江城日报", "王晓明", "浏览次数：1024"]
    got = removed([*head, *STORY[1:]])
    assert got[2].reason == "metadata" and 0 not in got
    head = ["江城区秋季招聘会昨日举行", "——2300余个岗位供求职者选择", "来源：江城日报",
            "浏览次数：1024"]
    got = removed([*head, *STORY[1:]])
    assert 0 not in got and 1 not in got and {2, 3} <= set(got)


def test_a_table_written_one_cell_a_line_stays_whole():
    # district / status / district / status …: the statuses repeat, the districts do not; no
    # pass takes a cell for furniture (a repeat, a line under the body, a scored line)
    table = ["东湖区", "停课一天", "西山区", "停课一天", "南江区", "正常上课", "北塘区",
             "停课一天", "滨海新区", "停课一天", "高新区", "正常上课", "临江县", "停课一天"]
    lines = [*STORY, *table, "发稿时间 17:20", "责任编辑：周敏", "返回顶部"]
    got = removed(lines)
    assert set(got) == {len(lines) - 3, len(lines) - 2, len(lines) - 1}
    # the same repeats with paragraphs between them are a spun page's copies, and go
    spun = [STORY[0], STORY[1], STORY[0], STORY[2], STORY[0], STORY[3], STORY[0]]
    assert {2, 4, 6} <= set(removed(spun))


def test_a_column_of_figures_stays_but_a_pager_goes():
    # label / figure / label / figure under the body, furniture after it: the table's
    table = ["产值（亿元）", "1526.8", "增速", "12.5%", "利润（亿元）", "98.3", "税收（亿元）",
             "61.2"]
    lines = [*STORY, *table, "返回顶部"]
    got = removed(lines)
    assert set(got) == {len(lines) - 1}, [lines[i] for i in got]
    # a pager's numbers count up from 1 and are no table
    pager = [*STORY, "上一页", "1", "2", "3", "4", "下一页"]
    assert set(removed(pager)) == set(range(4, 10))


def test_a_table_with_numbered_rows_stays_whole_under_the_body():
    # 序号 / 项目 / 获奖者 / 等级, then one row a number: short cells touching the page's end
    # read as a menu, but the row numbers 1, 2, 3 four lines apart make them a table
    table = ["序号", "项目", "获奖者", "等级", "1", "茶艺", "陈晓雨", "一等奖", "2", "插花",
             "林嘉", "二等奖", "3", "书法", "赵一鸣", "二等奖"]
    lines = [*STORY, *table]
    assert not set(removed(lines))
    # without the head the cells must be short; a pager's 1 / 2 / 3 stand together and go
    assert not set(removed([*STORY, *table[4:], "返回顶部"])) - {len(STORY) + 12}
    pager = [*STORY, "上一页", "1", "2", "3", "下一页"]
    assert set(removed(pager)) == set(range(4, 9))


def test_a_prize_list_one_cell_a_line_stays_under_the_body():
    # 冠軍 / school / winner / 亞軍 / …: short lines touching the page's end read as a menu,
    # but two ranks or more in the run make it the article's results
    prizes = ["冠軍", "江城一中", "鄭小悅", "亞軍", "江城二中", "陳大文",
              "季軍", "江城三中", "何小明"]
    lines = [*STORY, *prizes, "版权所有 江城网"]
    assert set(removed(lines)) == {len(lines) - 1}
    # one rank among menu entries is no prize list
    menu = ["新闻", "冠軍", "体育", "娱乐", "财经"]
    assert set(removed([*STORY, *menu])) == set(range(len(STORY), len(STORY) + 5))


def test_a_table_shown_with_bars_stays_under_the_body():
    # a page's text shows a table one cell a line, each cell closed by a bar and each row by
    # a lone bar: short cells under the body read as a menu or a story list, but six cells or
    # more closed by bars are the article's table (the lone bars themselves still go)
    table = ["附表一：临时改道安排", "|", "线路 |", "改道日期 |", "改道时间 |", "|", "12 |",
             "3月5日 |", "凌晨1时至5时 |", "|", "27 |", "3月6日 |", "凌晨2时至5时 |", "|",
             # a second table under its own title, which stays with it
             "附表二：巴士服务临时调整", "|", "日期 |", "巴士路线 |", "暂停使用的车站 |", "|",
             "3月5日 |", "12 往东湖 |", "“东湖公园”站 |", "|"]
    lines = [*STORY, *table, "返回顶部"]
    got = set(removed(lines))
    bars = {len(STORY) + k for k, t in enumerate(table) if t == "|"}
    assert got == bars | {len(lines) - 1}, [lines[i] for i in sorted(got)]


def test_a_barred_table_keeps_its_broken_header_and_empty_cells():
    # a header cell broken over two lines (旅游总收入 / (亿元) / |) leaves short lines without
    # their bar inside the table, an empty cell is written / |, and the last row's last cell
    # may lose its bar: all are the table's, only the lone bars go
    table = ["名次 |", "地区 |", "旅游总收入", "(亿元)", "|", "同比增长 |", "1 |", "江城 |",
             "530.42 |", "10% |", "2 |", "临川 |", "502 |", "/ |", "3 |", "东湖 |", "481.99 |",
             "8"]
    lines = [*STORY, *table]
    got = set(removed(lines))
    assert got == {len(STORY) + 4}, [lines[i] for i in sorted(got)]
    # bars on menu entries under the body are no table: too few cells, and no figure kept
    menu = ["首页 |", "新闻 |", "关于我们"]
    assert set(removed([*STORY, *menu])) == set(range(len(STORY), len(STORY) + 3))


def test_a_figure_tables_column_heads_stay_with_it():
    # a price table one cell a line under the body: its column heads (as many as a row's cells,
    # or one fewer) read as a menu by their shape, but they head the figures below; an arrow
    # with a space (↓ 14) is a figure too
    heads = ["加权均价", "较昨日", "周环比%", "月环比%", "年同比%"]
    rows = ["铁矿石价格指数", "970", "↓ 14", "-1.32", "3.87", "45.25",
            "国产铁矿石价格指数", "1115", "↓ 6", "-0.55", "15.42", "51.75"]
    lines = ["当前位置：首页 > 行情数据", *heads, *rows, *STORY]
    got = set(removed(lines))
    assert 0 in got and not got & set(range(1, 1 + len(heads) + len(rows))), \
        [lines[i] for i in sorted(got)]


def test_a_verse_over_the_headline_is_text_not_furniture():
    # a spring feature opens with verse cut at its commas and dashes, then its headline: the
    # site's name over it goes, the verse lines stay
    lines = ["首页 | 新闻 | 文旅", "江城融媒",
             "春风又绿江南岸,", "花开满城正当时。", "又见桃花,如期而至——", "在河畔、在巷口,",
             "邀您共赴春天之约!", "江城桃花节今日开幕", "来源:江城融媒 2024-03-20",
             *STORY[1:]]
    got = removed(lines)
    assert {0, 1} <= set(got)
    assert not {2, 3, 4, 5, 6} & set(got)


def test_a_list_under_the_headline_copy_is_the_articles_own():
    # the headline shown twice, then the ranking the story is about, its first item heading
    # the first section: no paper's list of other stories (that one hangs under a date line)
    items = ["城南古窑址入选年度考古发现", "江北汉代墓群考古发掘项目", "西山唐代寺院遗址考古调查",
             "东湖宋代沉船水下考古项目", "北郊明代驿站遗址考古项目"]
    lines = ["年度十大考古新发现揭晓", "发布时间:2024-05-06 来源:市文物局",
             "年度十大考古新发现揭晓", *items, items[0], "发掘单位:市文物考古研究所",
             "城南古窑址位于城南街道,考古人员在两年间清理窑炉12座,出土瓷器标本3000余件。",
             "专家认为,该遗址为研究当地制瓷业的兴衰提供了重要实物资料。"]
    got = removed(lines)
    assert not {3, 4, 5, 6, 7} & set(got)


def test_a_headline_broken_over_two_lines_keeps_its_first_half():
    # the school's name over its menu goes; the headline's first half (ending in 举办, a word
    # an office's name may end in too) stays with its second half under it
    lines = ["城南镇中心小学", "收藏本站", "城南镇中心小学举办", "秋季田径运动会",
             "创建于2024-10-26 阅读1520", *STORY[1:]]
    got = removed(lines)
    assert 2 not in got and 3 not in got
    assert {1, 4} <= set(got)


def test_a_post_a_phrase_a_line_whose_lines_go_on_with_the_sentence_stays():
    # a WeChat post with no 。 and few lines ending mid-word: its lines open with the words
    # that carry a sentence on (被…, 仍…, 随后…, 并…), which no menu or headline list does
    post = ["近日在城南的一条街道上", "一名5岁左右的男童横穿马路时", "被一辆电动车撞倒",
            "后方车辆因不知情", "仍在不断向前行驶", "情况十分危险", "路过的快递小哥看到这一情况",
            "果断冲入车流", "一把将男童抱起", "随后送往医院", "并为孩子垫付了医药费",
            "孩子很快转危为安", "事后", "快递小哥这样告诉记者", "“换了谁都会这么做”",
            "为热心救人的快递小哥", "点赞"]
    tail = ["来源|城市之声、江城新闻", "编辑|周敏", "推荐阅读", "给小编加油，点个“好看”"]
    got = removed([*post, *tail])
    assert not set(range(len(post) - 1)) & set(got), [post[i] for i in sorted(got)]
    assert set(range(len(post), len(post) + 4)) <= set(got)


def test_a_posts_hand_broken_lines_at_the_top_are_no_headline_list():
    # a board post mirrors a story cut at a fixed width: its first lines look like headlines
    # (no full stop), but they hold a clause's marks and run into the paragraph's short last
    # line with its 。
    lines = ["港都捷運新線延後通車 市府挨批",
             "港都捷運環狀線北段原定上月通車,因號誌系統測試未過,她說市府只能",
             "再延三個月,議員也質疑工程單位早就知道問題了,卻不對外說明,要求",
             "市府在下次定期會提出完整的檢討報告,還要說明延後期間的接駁方案與",
             "票價優惠細節。",
             "捷運局回應,將於本週內公布新的通車時程,並加開接駁公車,沿線各站",
             "也會派員引導",
             "捷運局表示,北段全長約七公里,共設九座車站,通車後尖峰時段每八分鐘一班,"
             "預計每日可服務旅客約五萬人次。"]
    got = removed(lines)
    assert not {0, 1, 2, 3, 4, 5, 6} & set(got)


def test_a_table_under_its_title_stays_whatever_its_rows():
    # 附表：… then one cell a line, a region written only on its first row and changes in
    # brackets: no stride or column gives it away, its title does
    table = ["附表：十大屋苑周末成交量", "地区", "屋苑", "成交量", "平均呎价(元)", "港岛", "太古城",
             "2(无升跌)", "19895(-1%)", "康怡花园", "0(上周1宗成交)", "九龙", "美孚新邨",
             "1(-66.7%)", "12478(-11.4%)", "合计", "17(-15%)"]
    lines = [*STORY, *table, "返回顶部"]
    got = removed(lines)
    assert set(got) == {len(lines) - 1}
    # without its title, the same cells are a menu's (some of them go)
    assert set(removed([*STORY, *table[1:], "返回顶部"])) - {len(STORY) + len(table) - 1}


def test_a_press_releases_contact_lines_stay_under_it():
    # a Taiwan county's release: its contact person, phone and mobile (聯絡, as Taiwan writes
    # 联系) are the release's own closing lines, not furniture the word scorer reads
    page = ["跳到主要內容區塊", "江城縣住宿餐飲業銷售額創新高",
            "江城縣稅捐局表示，依各類營業人銷售額分業月報表顯示，今年1至10月全縣住宿餐飲業之"
            "銷售額合計約58億元，與去年同期相較成長三成。",
            "該局分析，縣府舉辦各項大型活動，帶動人潮與消費，住宿餐飲、娛樂休閒服務業等產業銷售額"
            "屢創佳績。",
            "最後，該局表示，縣政府將持續推動觀光活動，為地方經濟注入一股活水。",
            "新聞稿聯絡人：宋小芳", "聯絡電話：03-5518141分機220", "聯絡手機：0922-876400"]
    assert set(removed(page)) == {0}
