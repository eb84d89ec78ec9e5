"""The clean stage's page passes over lists of other stories (pipeline/clean/lists.py) and
menus (zones.menu_run): each pass reports a rule id of its own, and the body's own short lines
stay. Articles in the manner of real pages, written for these tests."""
from __future__ import annotations

from cleanhelp import removed

from pipeline import clean as C
from pipeline.model import Document
from pipeline.rules import load_rules

STORY = [
    "5月20日，港城区2024年夏季消夏节在滨海广场开幕，40余家本地商户设摊，首日吸引市民游客约"
    "3万人次。",
    "区文旅局有关负责人介绍，本届消夏节为期一个月，每逢周末晚间还将举办露天电影和民乐演出。",
    "据悉，消夏节期间滨海广场周边新增临时停车位600个，公交部门同步加开夜间线路两条。",
]



def rules_of(got, lines):
    return {got[i].rule for i in lines if i in got}


def test_a_related_header_between_paragraphs_reports_its_own_id():
    lines = [STORY[0], "◎相关阅读:", "港城区夜间经济示范街区名单公布--2024-05-12港城日报",
             *STORY[1:]]
    got = removed(lines)
    assert rules_of(got, [1, 2]) == {"boilerplate.related.list_between"}
    assert not {0, 3, 4} & set(got)


def test_a_widget_over_a_cut_teaser_reports_its_own_id():
    lines = [STORY[0], "热点专题", "滨海步道二期工程进入收尾阶段",
             "连日来，滨海步道二期工地上机器轰鸣，工人们正抓紧铺设透水砖和安装照明设施，预计"
             "下月...", *STORY[1:]]
    got = removed(lines)
    assert rules_of(got, [1, 2, 3]) == {"boilerplate.related.widget_list"}


def test_teasers_over_read_more_lines_report_their_own_id():
    lines = [*STORY, "-", "港城区今年将新建改造口袋公园12处，首批6处已于本月开放，其中两处...",
             "2024-05-18阅读全文 >>", "-",
             "记者从区住建局获悉，老旧小区加装电梯工作今年提速，全年计划完成80台，目前已有...",
             "2024-05-17阅读全文 >>"]
    got = removed(lines)
    assert rules_of(got, [4, 7]) == {"boilerplate.related.read_more_teasers"}


def test_next_story_cards_report_their_own_id():
    lines = [*STORY, "返回首页", "港城区首批智慧停车场投入使用", "harbour24",
             "滨海新区两所中学秋季招生计划公布", "port.cc 港城网"]
    got = removed(lines)
    assert rules_of(got, [4, 5, 6, 7]) == {"boilerplate.related.story_cards"}


def test_a_bulleted_list_with_times_reports_its_own_id():
    head = ["• 交通局:夜间巴士线路下周起加密班次", "• 天文台:今晚有骤雨及雷暴(07:52)",
            "• 海关截获一批未申报电子产品(07:40)", "• 旅游局公布端午假期旅客数字(07:31)",
            "港城区夏季消夏节开幕"]
    got = removed([*head, *STORY])
    assert rules_of(got, [0, 1, 2, 3]) == {"boilerplate.navigation.bulleted_stories"}
    assert 4 not in got
    tail = ["返回目录", "· 港城区首批智慧停车场投入使用", "· 滨海新区两所中学", "秋季招生计划公布",
            "· 夜间巴士线路下周起加密班次", "· 口袋公园首批6处开放"]
    got = removed([*STORY, *tail])
    assert rules_of(got, range(4, 9)) == {"boilerplate.related.bulleted_stories"}


def test_a_list_of_links_at_the_top_leaves_the_headline_under_it():
    # other governments' sites led by '- ' (the page kept its list items) over the headline: the
    # list goes, and the headline the title stage could not place above it is found under it
    from pipeline import extract
    head = ["- 港城市人民政府", "- 临海市人民政府", "- 东湖市人民政府", "- 南山市人民政府",
            "- 北湖市人民政府", "港城区夏季消夏节开幕"]
    got = removed([*head, *STORY])
    assert rules_of(got, range(5)) == {"boilerplate.navigation.bulleted_stories"}
    assert 5 not in got
    assert extract("\n".join([*head, *STORY])).meta["title"] == "港城区夏季消夏节开幕"


def test_a_forum_threads_title_over_its_copy_link_button_and_counts_is_the_headline():
    # thread title / [复制链接] / 查看|回复 counts: the button between them keeps the title
    # placed (a share bar's 分享到: does not: a subtitle may stand under it)
    from pipeline import extract
    head = ["港城区夏季消夏节开幕 首日客流3万人次", "", "[复制链接]", "查看: 256|回复: 0"]
    assert extract("\n".join([*head, *STORY])).meta["title"] == head[0]
    assert 0 not in removed([*head, *STORY])


def test_an_epaper_title_list_under_its_label_goes_and_the_headline_is_its_copy_below():
    # an e-paper's list of its page's headlines under 标题导航, three of them, the last the story's
    # own: the list goes, and the copy over the body is the headline (the first showing was
    # the list's item)
    from pipeline import extract
    head = ["版面概览", "标题导航", "滨海步道二期工程进入收尾阶段", "城西公交枢纽站启用",
            "港城区夏季消夏节开幕", "版面导航", "第01版:头版", "第02版:要闻", "放大", "缩小",
            "港城区夏季消夏节开幕"]
    got = removed([*head, *STORY])
    assert {1, 2, 3, 4} <= set(got) and 10 not in got
    assert extract("\n".join([*head, *STORY])).meta["title"] == "港城区夏季消夏节开幕"
    # two short lines under the story's own kicker are no list
    got = removed(["港城区夏季消夏节开幕", "四十余家商户设摊", "首日客流约三万人次", *STORY])
    assert not {0, 1, 2} & set(got)


def test_rules_lists_each_list_pass(capsys):
    from pipeline.cli import main
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rid in ("boilerplate.related.list_between", "boilerplate.related.widget_list",
                "boilerplate.related.read_more_teasers", "boilerplate.related.story_cards",
                "boilerplate.related.bulleted_stories", "boilerplate.navigation.bulleted_stories",
                "boilerplate.zones.after_body", "boilerplate.zones.before_body"):
        assert rid in out


# a forum post: its first paragraph, a photo's file name, lines broken by hand, more paragraphs
# (the first paragraph stands far from the rest, so it is no anchor of the body)
POST = [
    "江城论坛 - 城市记忆版",
    "老城区南门的巷子还能走多久",
    "楼主: nanmen88 (南门老住户)   2024-04-06 21:17:42",
    "上周六带孩子回南门老巷转了一圈，从粮站一路走到钟楼，前后差不多两个小时，孩子一直喊累。",
    "IMG_20240406_153012.jpg",
    "小时候天天走", "现在围起来了", "墙上写着拆字", "心里不是滋味", "还能看几年呢",
    "听街坊说，南门片区今年要启动改造，涉及居民大约420户，其中一半以上是六十岁以上的老人。",
    "区里上个月开过一次座谈会，说是先做历史建筑普查，再定哪些巷子整体保留，哪些只留门头。",
    "返回列表",
]


def test_a_posts_hand_broken_lines_between_its_paragraphs_stay():
    got = removed(POST)
    assert not set(range(5, 10)) & set(got)
    assert {2, 4, 12} <= set(got)


def test_a_menu_between_two_paragraphs_is_still_a_menu():
    # the same place, but nouns a line (a board's menu), no clause in them
    menu = ["论坛首页", "本地生活", "房产家居", "二手市场", "联系我们"]
    got = removed([*POST[:5], *menu, *POST[10:]])
    assert set(range(5, 10)) <= set(got)
    assert {got[i].rule for i in range(5, 9)} == {"boilerplate.navigation.menu_run"}


def test_a_headline_guessed_inside_a_posts_lines_does_not_split_them():
    # no thread title on top: the title stage takes the last short line over the paragraph
    got = removed(POST[3:])
    assert not set(range(2, 7)) & set(got)


# the article's last paragraph trails off with …… : a clause, not a headline in a list
TRAILING = "老摊主说，夜市回来了，热闹也回来了，游客一拨接一拨，只是不知道这份热闹能持续多久……"


def test_a_paragraph_trailing_off_is_no_headline_under_a_late_header():
    # a header between paragraphs opens its block only when the block runs to the page's end;
    # the last paragraph ending in …… is no headline of that block
    lines = [*STORY[:2], "最新文章", "滨海广场夜市试运营首周客流破十万", STORY[2], TRAILING]
    got = removed(lines)
    assert not {1, 4, 5} & set(got)


def test_a_paragraph_trailing_off_stays_under_a_related_list():
    lines = [*STORY[:2], "相关新闻", "滨海广场夜市试运营首周客流破十万", STORY[2], TRAILING]
    got = removed(lines)
    assert {2, 3} <= set(got) and not {4, 5} & set(got)
    # in the tail, under the header alone: no teaser of a list that has no headline
    assert 4 not in removed([*STORY, "相关新闻", TRAILING])


def test_a_table_row_ending_in_a_figure_is_no_dated_headline():
    lines = [*STORY, "年份 | 项目 | 金额（亿元）", "| 2023 | 营收 | 12.5", "| 2024 | 营收 | 14.8"]
    assert not {3, 4, 5} & set(removed(lines))
    # headlines with their dates in dots still go
    got = removed([*STORY, "返回首页", "滨海广场夜市试运营首周客流破十万 05.18",
                   "港城区首批智慧停车场投入使用 2024.05.16"])
    assert {got[4].rule, got[5].rule} == {"boilerplate.related.dated_item"}


def test_every_pass_reads_the_same_lead_marks():
    # ▶ leads a related headline for the list passes; the tail's bulleted-list pass reads the
    # same marks (it knew only • · ▪ ◆ ● ■ and -, so the shape pass under the body took the
    # items, with the copyright line's reason)
    lines = [*STORY, "版权所有 港城网", "▶ 滨海广场夜市试运营首周客流破十万",
             "▶ 港城区首批智慧停车场投入使用", "▶ 夜间巴士线路下周起加密班次"]
    got = removed(lines)
    assert {(got[i].rule, got[i].reason) for i in (4, 5, 6)} == {
        ("boilerplate.related.bullet_list", "related")}


def test_the_head_channel_pass_reads_the_channel_rules_words(tmp_path):
    import shutil
    from pathlib import Path

    import pytest

    from pipeline.rules import RuleError
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", rules)
    path = rules / "boilerplate" / "navigation.yaml"
    text = path.read_text("utf-8")
    head = ["港城区夏季消夏节开幕", "海港", "港城区夏季消夏节开幕", "2024年05月20日 09:40"]
    # (the word scorer may take it as furniture; the channel pass does not know the word)
    assert getattr(removed([*head, *STORY]).get(1), "rule", None) != "boilerplate.epaper.story_list"
    # a section's name added to the line rule is a section's name for the head pass too
    path.write_text(text.replace("|时评|社评|生活)", "|时评|社评|生活|海港)", 1), "utf-8")
    res = C.build(load_rules(rules))(Document(id="t", text="\n".join([*head, *STORY])))
    assert {r.line: r.rule for r in res.removed}.get(1) == "boilerplate.epaper.story_list"
    path.write_text(text.replace("    in_head: beside_furniture\n", "    in_head: anywhere\n"),
                    "utf-8")
    with pytest.raises(RuleError, match="in_head"):
        C.build(load_rules(rules))


# a second story pasted under the article: its own dateline or reporter line shows it
PASTED = ["滨海广场夜市周末延长营业",
          "港城网5月21日讯（记者 林晓）记者从区商务局获悉，滨海广场夜市自本周起"
          "周末营业时间延长至凌晨一点，摊位数增加到120个。",
          "区商务局有关负责人表示，延长营业期间将加派保洁和安保人员，确保夜市秩序。"]


def test_a_story_pasted_under_a_related_header_goes_to_the_page_end():
    got = removed([*STORY, "□相关新闻", *PASTED])
    assert rules_of(got, range(3, 7)) == {"boilerplate.related.list_between"}
    assert set(range(3, 7)) <= set(got) and not {0, 1, 2} & set(got)


def test_a_story_pasted_under_a_link_line_with_its_subheads_goes():
    lines = [*STORY, "链接:滨海广场夜市周末延长营业 摊位增至120个", "夜市客流持续走高",
             "港城日报记者 林晓 陈一帆", *PASTED[1:]]
    got = removed(lines)
    assert set(range(3, 8)) <= set(got) and not {0, 1, 2} & set(got)


def test_a_link_box_of_background_without_a_byline_stays():
    # the article's own box: a term and its explanation, no second story's dateline
    box = ["链接:什么是夜间经济", "夜间经济是指从当日下午6点到次日早上6点所包含的经济文化活动，"
           "其业态囊括晚间购物、餐饮、旅游、娱乐、学习、影视、休闲等。"]
    got = removed([*STORY, *box])
    assert not {0, 1, 2, 4} & set(got)
    # nor is a paragraph that cites another outlet's report a pasted story
    quoted = ["相关新闻", "港城网此前报道，滨海广场夜市试运营首周客流破十万人次。"]
    assert not {0, 1, 2, 4} & set(removed([*STORY, *quoted]))


def test_the_headlines_copy_with_the_sites_name_between_paragraphs_goes():
    # a spun page prints its headline again between paragraphs, as its <title> shows it
    head = "港城区夏季消夏节在滨海广场开幕"
    top = [head, "2024-05-20 09:40 来源：港城新闻网", STORY[0]]
    got = removed([*top, f"{head}-港城新闻网", *STORY[1:]])
    assert getattr(got.get(3), "reason", None) == "title"
    assert not {0, 2, 4, 5} & set(got)
    # the headline run on after a dash into a sentence is the article's own line
    on = f"{head}-首日客流约3万人次，周末还将举办露天电影"
    assert not {0, 2, 3, 4, 5} & set(removed([*top, on, *STORY[1:]]))


def test_a_short_headline_shown_between_several_paragraphs_is_the_headline():
    # a photo story prints its seven-character headline over each picture's paragraph under a
    # stamp no rule knows: shown twice or more between paragraphs, it is the headline, and the
    # copies go as titles
    head = "又是一年消夏时"
    lines = [head, "0 2024-05-20 09:40 港城网 作者:港城新闻 [转载]", STORY[0], head, STORY[1],
             head, STORY[2]]
    got = removed(lines)
    assert {i for i, r in got.items() if r.reason == "title"} == {3, 5}
    assert not {0, 2, 4, 6} & set(got)
    # shown once between paragraphs, a short line may be a subheading: it stays
    assert not {0, 2, 3, 4, 5} & set(removed([head, lines[1], STORY[0], head, *STORY[1:]]))


def test_the_headline_again_without_its_quotes_over_the_body_is_its_copy():
    # the page's first line, a stamp no rule knows, then the headline again without its quote
    # marks right over the first paragraph: the first showing is the headline
    head = "“夜经济”带火港城区滨海广场消夏节"
    got = removed([head, "== 2024/5/20 9:40:12 == 热度 192", head.replace("“", "").replace("”", ""),
                   *STORY])
    assert getattr(got.get(2), "reason", None) == "title"
    assert not {0, 3, 4, 5} & set(got)


def test_a_related_block_above_the_body_gives_back_the_subheading_over_it():
    # 相关新闻 over other stories' headlines above the article: the block runs down to the
    # first paragraph, and its last line right over it is the article's subheading
    lines = ["相关新闻:", "港城区夜间经济示范街区名单公布", "滨海新区两所中学秋季招生计划公布",
             "港城区首批智慧停车场投入使用", "消夏节首日客流三万", *STORY]
    got = removed(lines)
    assert {0, 1, 2, 3} <= set(got)
    assert not {4, 5, 6, 7} & set(got)


def test_a_related_block_above_the_body_never_takes_the_articles_lead():
    # a related header's block ran over the headline, the lead (its last clause cut off) and a
    # subheading: the header goes alone
    lines = ["相关资讯", "港城区消夏节开幕 首日客流三万",
             "据港城日报报道,港城区2024年夏季消夏节昨晚在滨海广场开幕,40余家本地商户设摊,首日吸引"
             "市民游客约3万人次,", "夜间公交加开两条", *STORY]
    got = removed(lines)
    assert 0 in got
    assert not {1, 2, 3, 4, 5, 6} & set(got)


def test_a_tail_list_of_exclaiming_headlines_under_the_credit_goes():
    # the article closes with its agency credit; other stories' headlines follow, with ! and ?
    # (the first taken for the last paragraph)
    lines = [*STORY, "(中央社)", "退休族靠ETF月領5萬?專家傳授「2招」",
             "訂單瘋湧!這檔工業電腦股今強鎖漲停", "颱風假怎麼放?各縣市最新停班課一覽",
             "夜市攤商喊苦!食材漲價兩成 客人卻變少"]
    got = removed(lines)
    assert set(range(3, 8)) <= set(got)
    assert not {0, 1, 2} & set(got)



def test_a_related_block_between_paragraphs_leaves_the_paragraph_under_its_headline():
    # 延伸阅读 and its headlines between two paragraphs: the paragraph right under the last
    # headline, with the article going on below it, is the article's
    lines = [STORY[0], "延伸阅读", "港城区夜间经济示范街区名单公布",
             "滨海新区两所中学秋季招生计划公布",
             "为方便市民夜间出行，公交部门在消夏节期间加开两条夜间线路，末班车延至23时。",
             *STORY[1:]]
    got = removed(lines)
    assert {1, 2, 3} <= set(got)
    assert not {0, 4, 5, 6} & set(got)


def test_bulleted_headlines_with_exclamations_stay_in_a_related_list():
    lines = [*STORY[:2], "相关新闻", "- 港城区夜间经济示范街区名单公布",
             "- 破案了!滨海步道夜间亮灯时间延长", "- 消夏节哪天去人少?最全攻略来了", STORY[2],
             "区文旅局提醒，消夏节期间滨海广场周边实行交通管制，市民宜乘坐公共交通前往。"]
    got = removed(lines)
    assert rules_of(got, [2, 3, 4, 5]) == {"boilerplate.related.list_between"}
    assert not {0, 1, 6, 7} & set(got)


def test_headlines_each_over_its_time_stamp_after_the_body_go_with_their_stamps():
    lines = [*STORY, "加载更多", "夜市“坑游客”,监管不能缺位", "2024-05-20 08:58:39",
             "滨海步道夜间亮灯时间延长?", "2024-05-19 14:40:53", "消夏节首日人气旺!",
             "2024-05-19 09:01:20"]
    got = removed(lines)
    assert rules_of(got, range(4, 10)) == {"boilerplate.epaper.story_list_tail"}
    assert not {0, 1, 2} & set(got)



def test_stamped_headlines_with_read_counts_running_to_the_page_end_go():
    items = ["港城知名网红的海景房到底长啥样?", "2025年04月28日 • 8万次阅读",
             "他在港城买房6年亏了近百万!买房需小心这类房产", "2025年05月03日 • 2万次阅读",
             "港城人越住越小了?", "2025年04月29日 • 1万次阅读"]
    got = removed([*STORY, *items])
    assert rules_of(got, range(3, 9)) == {"boilerplate.epaper.story_list_tail"}
    assert not {0, 1, 2} & set(got)
    # the same pairs with the article going on below them: a timeline of its own
    got = removed([*STORY[:2], *items, STORY[2],
                   "区文旅局提醒，消夏节期间滨海广场周边实行交通管制，市民宜乘坐公共交通前往。"])
    assert not {2, 4, 6, 8, 9} & set(got)


def test_a_statistics_table_one_cell_a_line_above_the_text_stays():
    """A bureau's figures page: its table turned to text one cell a line (counts with their
    unit, changes with arrows) between the headline and the analysis. Menus and captions
    around it still go; the cells, labels and figures both, are the article's data."""
    lines = ["跳到主要内容", "港城区消防局2024年1月至6月出勤数据",
             "一、统计数字", "出勤类别", "2023年", "2024年", "增减",
             "火警", "412宗", "398宗", "↓14", "↓3.40%",
             "救援工作", "1,120宗", "1,305宗", "↑185", "↑16.52%",
             "救护车出勤", "21,460宗 (23,015架次)", "24,118宗 (25,940架次)", "↑2,658",
             "↑12.39%",
             "二、数据分析",
             "2024年上半年，港城区消防局火警出勤总数为398宗，较去年同期减少14宗，主要原因仍为"
             "厨房用火不慎。",
             "救护车出勤总数为24,118宗，较去年同期增加2,658宗，升幅为12.39%。",
             "返回顶部", "▲ 港城区消防局训练场"]
    got = removed(lines)
    assert 0 in got and 25 in got and 26 in got
    assert not set(range(7, 22)) & set(got), {i: got[i].rule for i in got if 7 <= i < 22}
    # a market ticker above a story is no table: its figures go with its labels
    ticker = ["行情", "• 上证指数", "3,286.65", "+12.37 (+0.38%)", "• 深证成指", "10,104.52",
              "-15.60 (-0.15%)", *STORY]
    got = removed(ticker)
    assert {2, 3, 5, 6} <= set(got)


def test_a_notices_own_attachment_list_stays_and_a_download_box_goes():
    """附件：1.… opens the notice's own list of attachments: its next items stay with it (and
    the issuer under them); a download box's bare file names under the body still go."""
    lines = ["关于做好春季防火工作的通知", "各村（社区）：",
             "为切实做好春季森林防火工作，现将有关事项通知如下，请各单位认真贯彻落实，确保安全。",
             "附件：1.防火责任人名单.doc", "2.防火物资清单.xls", "城关镇人民政府", "2024年3月1日",
             "附件下载：", "1.防火责任人名单.doc"]
    got = removed(lines)
    assert not {3, 4, 5, 6} & set(got), {i: got[i].rule for i in got}
    assert {7, 8} <= set(got)


def test_a_table_with_a_bar_line_between_its_cells_keeps_its_figures():
    """A page turned a table to text one cell a line with a lone | between the cells: the
    figures and labels are the article's; the bars are the table's decoration."""
    lines = ["表1 江城市2024年1-4月保险业经营数据"]
    for label, figure in [("原保险保费收入", "1791658.12"), ("1.财产险", "345215.86"),
                          ("2.人身险", "1446442.26"), ("(1)意外伤害险", "38080.25")]:
        lines += ["|", label, "|", figure, "|"]
    lines += ["注：原保险保费收入为按保险合同准则统计的保费收入，各项数据均未经审计。",
              "江城市保险行业协会根据各会员单位报送的数据整理发布，供社会各界参考。"]
    got = removed(lines)
    kept = [lines[i] for i in range(len(lines)) if i not in got]
    assert all(x in kept for x in ("1791658.12", "345215.86", "1446442.26", "38080.25",
                                   "原保险保费收入", "1.财产险")), {i: got[i].rule for i in got}
    assert all(lines[i] == "|" for i in got)


# other stories as a list prints them: a headline over its lead cut at a set length
TEASERS = [
    ("港城女排3比1逆转取胜，晋级全国联赛四强",
     "体育播报5月20日讯 全国女排联赛四分之一决赛昨晚进行，港城女排在先失一局的情况下，..."),
    ("全民健身日：港城新增社区球场12处",
     "体育播报5月19日讯 记者从市体育局获悉，今年以来全市新建和改造社区球场12处，覆盖..."),
    ("滨海步道二期工程进入收尾阶段",
     "本报讯 连日来，滨海步道二期工地上机器轰鸣，工人们正抓紧铺设透水砖和安装照明设施，预计..."),
]


def teaser_items(n: int, stamp: str) -> list[str]:
    """The first n teasers, each as headline / lead / stamp."""
    return [line for title, teaser in TEASERS[:n] for line in (title, teaser, stamp)]


def test_teasers_take_their_headline_above_and_date_under():
    """A list printed headline / cut teaser / date: each teaser's own headline and stamp go with
    it; the article's last paragraph above the list stays."""
    items = teaser_items(2, "2025-05-20")
    got = removed([*STORY, *items])
    assert set(range(3, 9)) <= set(got), {i: got[i].rule for i in got}
    assert not {0, 1, 2} & set(got)


def test_a_listing_page_keeps_its_teasers():
    """A tag or channel page is nothing but headline + cut lead items: with no paragraph of
    its own beside them, the items are the page (labellers: body); only the stamps go."""
    items = teaser_items(3, "2025-05-20 10:12:30")
    got = removed(["标签：港城新闻", *items])
    assert not {1, 2, 4, 5} & set(got), {i: got[i].rule for i in got}
    assert {0, 3, 6} <= set(got)
    # the same items under an article's paragraphs are a list of other stories
    got = removed([*STORY, *items])
    assert {4, 7, 10} <= set(got), {i: got[i].rule for i in got}
    # leads only, stamped, the excerpt cutting the page's last lead before its three dots: that
    # line is one more item, no article beside the list
    leads = [x for _, teaser in TEASERS for x in (teaser, "2025-05-20 10:12")]
    cut = ["首页", *leads,
           "本报讯 市文旅局近日发布暑期文旅消费活动方案。全市将推出夜间演出、非遗市集"]
    got = removed(cut)
    assert "boilerplate.related.cut_teasers" not in rules_of(got, range(len(cut)))
    assert not {1, 3} & set(got), {i: got[i].rule for i in got}
    # the first items' leads printed whole (ended by a stop), the later ones cut: each whole
    # lead stands over a stamp of the cut items' stamps' shape, so it is one more item too
    (title, teaser), rest = TEASERS[0], TEASERS[1:]
    whole = [title, teaser.rstrip(".") + "。", "2025年5月20日读毕需时 3 分钟"]
    cut_items = [line for t, x in rest for line in (t, x, "2025年5月19日读毕需时 2 分钟")]
    got = removed(["标签：港城新闻", *whole, *cut_items])
    assert "boilerplate.related.cut_teasers" not in rules_of(got, range(10)), got
    assert {3, 6, 9} <= set(got) and not {1, 2, 4, 5} & set(got)


def test_a_post_written_a_phrase_a_line_is_no_menu():
    """A post opening a phrase a line (当你在深夜里 / 但他们时刻都守护在你身边) over a short line
    the title stage took for its headline: most of the lines above it hold a clause's marks
    (menu_run's `prose`), so they are no site name or menu above a headline."""
    from pipeline.clean import zones
    from pipeline.clean.shapes import split_lines

    cleaner = C.build(load_rules()).cleaner
    lines = ["当你在路上遇到麻烦时", "你最先想到的是哪一个电话号码", "当你在深夜里独自回家",
             "也许你从来不知道他们的名字", "但他们一直都守在你的身边", "他们是你最熟悉的陌生人",
             "却是危急时刻守护群众的报警热线",
             "1月10日，港城市公安局在市民广场举办110宣传日活动，民警现场讲解防范电信诈骗的常识。"]

    def taken(prose):
        page = cleaner.page(split_lines("\n".join(lines)))
        page.headline, page.headline_sure = 6, True
        zones.above_headline(page, "test", lambda j: False, prose)
        return sorted(page.removed)

    assert taken(cleaner._menu_prose) == []
    assert taken(None) == [0, 1, 2, 3, 4]      # without the clause test: a menu's shape


def test_pictures_file_names_between_paragraphs_do_not_end_the_body():
    # a how-to post: a screenshot's file name between short steps; the last paragraph is the
    # body's, so the short steps between the pictures are the body's middle, not its tail
    page = [
        "家里的无线网络晚上总是很慢，看视频经常卡顿，于是我决定自己动手排查一下原因。",
        "以一台家用路由器为例，先登录管理页面，再打开无线设置，检查当前的信道和加密方式。",
        "截屏2024-03-15 下午2.05.41.png",
        "找到信道设置,点击进入",
        "截屏2024-03-15 下午2.06.10.png",
        "很好,改成自动后保存",
        "截屏2024-03-15 下午2.07.22.png",
        "重启路由器，等待一分钟",
        "Screenshot 2024-03-15 at 14.09.03.png",
        "重启以后，再用手机测一次网速，下载速度从每秒20兆左右提高到了80兆，效果相当明显。",
    ]
    got = removed(page)
    assert set(got) == {2, 4, 6, 8}
    assert {got[i].rule for i in got} == {"boilerplate.caption.file_name"}


def test_a_list_a_colon_announces_between_paragraphs_stays_body():
    # a flood report: the relief centres listed under "…分别位于：", then more paragraphs; the
    # list's many short lines do not cut the paragraphs after it off the body
    page = [
        "江城水灾持续，东区灾民人数一夜之间几乎翻倍，当局连夜增设临时疏散中心安置灾民。",
        "随着洪水进一步蔓延，东区灾民人数从昨晚的761人激增至1361人，成为灾情最严重的区域。",
        "Advertisement",
        "目前全区已启用12间临时疏散中心。其中东区从昨晚的7间增至10间，分别位于：",
        *[f"- {n}" for n in ["樟林中学", "南岸清真寺", "北岭小学", "传统民众会堂", "高岭民众会堂",
                             "新增 玛拉小学"]],
        "另一方面，西区的灾民人数因水势趋缓而下降，目前仍有271人留在疏散中心。",
        "至于水位监测方面，多条河流持续处于危险水平：",
        *[f"- {n}" for n in ["东河上游：23.26米", "南溪：10.76米", "北河：14.61米"]],
        "所有读数均已超过危险线，当局正严密监控，并持续进行安置及救援行动。",
    ]
    assert set(removed(page)) == {2}


def test_a_livestock_table_at_the_pages_end_stays():
    """A bulletin ends on its table one cell a line, counts with their own units (头, 只, 万吨):
    below the last paragraph, with nothing after it, it is still the article's data, no menu."""
    lines = ["港城区2023年国民经济和社会发展统计公报",
             "2023年，全区农林牧渔业总产值37.42亿元，较上年增长4.5%。全年生猪出栏稳中有升。",
             "畜牧业生产情况", "2023年", "较上年增长(%)",
             "当年出栏猪", "44383头", "4.4", "当年出栏羊", "117939只", "1.6",
             "禽蛋产量", "0.52万吨", "-2.1"]
    got = removed(lines)
    assert not set(range(2, 14)) & set(got), {i: got[i].rule for i in got}


def test_a_long_bulleted_list_under_its_own_heading_at_the_top_goes():
    """A society's page opens with its branches, each a '- ' item, under a short heading: the
    heading goes with the list (five items or more; the items' length would not make them a
    menu), the charter's title and its first chapter heading (第一章 总 则, spaced like a
    name) stay."""
    branches = ["- 医学发展专项基金委员会", "- 精神卫生和精神病学专委会", "- 风湿免疫病学专委会",
                "- 中西医结合分会", "- 国际医疗与特需服务专委会", "- 食品安全与营养健康分会"]
    charter = ["港城医学交流协会章程", "第一章 总 则",
               "第一条 本会的名称为港城医学交流协会，是由医药卫生行业从业者自愿组成的社会团体。",
               "第二条 本会的宗旨是促进医学交流，维护会员的合法权益。"]
    got = removed(["二级机构", *branches, *charter])
    assert set(range(7)) <= set(got), {i: got[i].rule for i in got}
    assert not {7, 8} & set(got)


def test_a_headline_under_the_pages_channel_label_is_found_and_stays():
    """動態新聞 / headline / body: the channel's label goes, the line under it, right above the
    body, is the headline (meta.title) and stays; a title with its subtitle after a colon as
    the page's first line, above its byline, is the headline too."""
    from pipeline import extract
    lines = ["動態新聞", "港城學務委員候選人陳某到訪中華會館", *STORY]
    got = removed(lines)
    assert 0 in got and 1 not in got
    assert extract("\n".join(lines)).meta["title"] == "港城學務委員候選人陳某到訪中華會館"
    lines = ["世纪跨越:华社、华团、华报", "", "文 · 陈某某(本刊记者)  图 · 编辑部", "", *STORY]
    got = removed(lines)
    assert 0 not in got and 2 in got
    assert extract("\n".join(lines)).meta["title"] == "世纪跨越:华社、华团、华报"


def test_a_question_index_over_its_first_question_goes():
    """A Q&A page opens with its index of questions numbered from 1, the first printed again
    under it as the heading of its answer: the index goes, the heading is the headline. A
    body's numbered list, not repeated below, stays."""
    from pipeline import extract
    index = ["1.港城消夏节有哪些活动", "2.滨海广场怎么停车", "3.夜间公交加开了几条线路",
             "4.消夏节会持续多久?", "5.露天电影在哪里放映"]
    lines = [*index, "港城消夏节有哪些活动", *STORY]
    got = removed(lines)
    assert set(range(5)) <= set(got) and 5 not in got
    assert extract("\n".join(lines)).meta["title"] == "港城消夏节有哪些活动"
    got = removed([*index, *STORY])
    assert not set(range(5)) & {i for i in got if got[i].rule == "boilerplate.epaper.story_list"}


def test_a_short_pages_headline_counted_as_a_paragraph_is_still_the_title():
    """A short page: headline, the outlet's stamp with its clock, a summary printed twice
    with spaces for its commas. No head is left above a paragraph, yet the first line is the
    title, and the stamp under it goes wherever it stands."""
    from pipeline import extract
    # (a summary set with spaces, no comma or stop: it reads as no paragraph)
    para = ("消夏节首日客流总体情况 - 2024年消夏节首日全区接待市民游客约3万人次 与去年同期"
            "相比增长10.0% [1] 其中夜间客流约1.8万人次 滨海广场周边")
    lines = ["2024年港城消夏节首日 全区接待游客超3万人次", "港城网·2024-05-20 21:52",
             para, para]
    got = removed(lines)
    assert set(got) == {1}, {i: got[i].rule for i in got}
    assert extract("\n".join(lines)).meta["title"] == lines[0]


def test_a_pages_one_head_line_over_the_body_is_its_headline():
    """The page opens with its headline, a colon in it, right above the first paragraph, and
    nothing else above the body: it is the headline (meta.title) and stays; a short channel
    label in its place is no headline."""
    from pipeline import extract
    lines = ["港城消夏节首日因降雨推迟 网友:雨停了再来逛", *STORY,
             "下一篇:港城区夜间公交加开两条线路"]
    got = removed(lines)
    assert 0 not in got and 4 in got
    assert extract("\n".join(lines)).meta["title"] == lines[0]
    assert extract("\n".join(["要闻", *STORY])).meta["title"] is None


def test_a_contents_list_goes_and_the_headings_it_lists_stay():
    # a report's contents above its title, each item its heading further down
    heads = ["一、过去一年工作回顾", "二、今年工作安排", "（一）聚焦项目建设",
             "三、加强政府自身建设"]
    text = ["县政府工作报告", "各位代表：",
            heads[0], "过去的一年，全县经济持续回升向好，主要指标增速高于全市平均水平。",
            heads[1], heads[2], "今年全县经济社会发展的主要预期目标是，地区生产总值增长6%左右。",
            heads[3], "我们将坚持依法行政，持续改进工作作风，自觉接受各方面监督。"]
    got = removed(heads + text)
    assert set(got) == {0, 1, 2, 3}
    assert rules_of(got, [0, 1, 2, 3]) == {"boilerplate.zones.contents_list"}
    # three such headings with no copy below are the page's own (four: _outline, below)
    assert not set(removed(heads[:3] + text[:2] + [text[3], text[6], text[8]]))
    # a page printed twice: its headline and subheads come again with its paragraphs
    twice = [text[0], "——在县人民代表大会上", "县长 王某某", text[3], heads[1], text[6]]
    got = removed(twice + twice)
    assert "boilerplate.zones.contents_list" not in rules_of(got, range(14))


def test_a_contents_list_running_on_past_its_copies_is_the_documents_own():
    # a plan's contents under its title, the excerpt cut after its first headings: only the
    # first items come again below, the list runs on, so it is the document's text
    contents = ["一、总则", "（一）编制目的", "（二）编制依据", "（三）工作原则",
                "二、组织指挥机构"]
    text = ["江城市防御台风应急预案", *contents,
            "一、总则", "（一）编制目的",
            "为科学、高效、有序做好台风防御工作，最大限度减轻台风灾害损失，制定本预案。",
            "（二）编制依据", "依据《中华人民共和国突发事件应对法》等法律法规，结合本市实际。"]
    got = removed(text)
    assert not set(got) & set(range(1, 6))
    assert "boilerplate.zones.contents_list" not in rules_of(got, range(len(text)))
    # the same list with every item repeated below goes (the test above)
    whole = ["江城市防御台风应急预案", *contents[:3],
             "为科学、高效、有序做好台风防御工作，最大限度减轻台风灾害损失，制定本预案。",
             *contents[:3], "依据《中华人民共和国突发事件应对法》等法律法规，结合本市实际。"]
    assert rules_of(removed(whole), [1, 2, 3]) == {"boilerplate.zones.contents_list"}


def test_a_plans_numbered_headings_at_the_page_end_are_no_menu():
    # the excerpt cut a plan after its contents and first heading (1 总 则 / 1.1 编制目的 / 为科学、
    # 高效、有): short lines at the page's end, but the text's own numbered headings
    body = ["江城市防汛应急预案",
            "为科学、高效、有序做好防汛工作，最大限度减轻灾害损失，制定本预案。",
            "全市防汛工作坚持以人为本、预防为主，实行各级人民政府行政首长负责制。"]
    tail = ["1 总 则", "1.1 编制目的", "1.2 编制依据", "为科学、高效、有"]
    assert not set(removed([*body, *tail])) & {3, 4, 5}
    assert set(removed([*body, "首页", "新闻中心", "政务公开", "互动交流"])) == {3, 4, 5, 6}


def test_a_tables_unit_over_each_table_stays():
    # a company's disclosure on an e-paper page: each table (its cells lost, a mark left) under
    # its heading and its unit (单位：万元), the unit shown again over every table, all above
    # the first paragraph: the tables' own lines, no headline and no menu
    lines = ["第A19版：信息披露", "公司关联交易情况如下：",
             "（1）采购商品情况", "单位：万元", "■", "（2）出售商品情况", "单位：万元", "■",
             "（3）资金拆借情况", "单位：万元", "■",
             "报告期内公司未向关联方拆出资金，关联方亦未占用公司资金。",
             "董事会认为，上述关联交易定价公允，不存在损害公司及股东利益的情形。"]
    got = removed(lines)
    assert not {3, 6, 9} & set(got), {i: got[i].rule for i in got}


def test_an_outline_opening_the_page_is_its_contents():
    # the excerpt cut the report before its headings: four numbered headings in a row above
    # its title still are its contents; three are not enough
    outline = ["一、过去一年工作回顾", "二、今年工作安排", "（一）聚焦项目建设",
               "（二）聚焦乡村振兴", "三、加强政府自身建设"]
    text = ["县政府工作报告", "各位代表：",
            "现在，我代表县人民政府，向大会报告政府工作，请予审议，并请县政协委员提出意见。",
            "过去的一年，全县经济持续回升向好，主要指标增速高于全市平均水平。"]
    got = removed(outline + text)
    assert set(got) == set(range(5))
    assert rules_of(got, range(5)) == {"boilerplate.zones.contents_list"}
    assert not set(removed(outline[:3] + text))



def test_the_list_a_last_paragraph_announces_stays():
    # a report's last paragraph ends in a colon and its list follows, one name a line, with
    # the site's disclaimer under it: the list is the article's (menu_run, after_body and the
    # word scorer leave it); the same names under a paragraph that ends in a full stop and
    # over the disclaimer are a menu's
    story = [STORY[1], STORY[0] + "据统计，节日期间接待游客最多的五家景区依次是："]
    names = ["滨海广场", "港城古镇", "鸥鹭湿地公园", "灯塔山景区", "渔港老街"]
    footer = ["声明：本文内容为本网站转载企业宣传资讯，仅代表作者个人观点，与本网无关。"]
    got = removed([*story, *names, *footer])
    assert not set(got) & {2, 3, 4, 5, 6}, {i: got[i].rule for i in got}
    assert 7 in got
    got = removed([*story[:1], STORY[0], *names, *footer])
    assert {2, 3, 4, 5, 6} <= set(got)


def test_a_widgets_numbered_headlines_printed_twice_go():
    # under the story, a "latest" widget: each numbered headline, its link printing the words
    # again, its age; the numbers do not make it the article's own list
    items = ["港城夜市获评省级示范街区", "滨海步道二期工程进入收尾阶段",
             "港城区新增公交夜间线路两条"]
    widget = []
    for k, t in enumerate(items, 1):
        widget += [f"{k}. {t}", t, f"{k + 1}小时前"]
    got = removed([*STORY, *widget])
    assert {6, 7, 9, 10} <= set(got), {i: got[i].rule for i in got}
    assert not {0, 1, 2} & set(got)
    # a numbered list of the article's own, each item once, stays
    own = ["1. 滨海广场设摊区", "2. 港城古镇美食街", "3. 鸥鹭湿地公园露营区"]
    got = removed([*STORY, *own, "返回顶部"])
    assert not {3, 4, 5} & set(got)


def test_a_tables_head_of_two_rows_stays():
    # a statistics table written one cell a line under its title: a head of two rows (指标 /
    # 3月 / 1—3月, then 绝对量 / (亿元) / 同比增长(%) twice), then label + four figures a row;
    # the site's menu words under it go
    head = ["指 标", "3月", "1—3月", "绝对量", "(亿元)", "同比增长(%)", "绝对量", "(亿元)",
            "同比增长(%)"]
    rows = ["社会消费品零售总额", "39020", "3.1", "120327", "4.7",
            "其中:限额以上单位消费品零售额", "15535", "2.6", "45451", "5.2",
            "其中:实物商品网上零售额", "28053", "8.4", "76880", "11.6"]
    lines = [STORY[0], "2024年3月份社会消费品零售总额主要数据", *head, *rows,
             "返回顶部", "打印本页"]
    got = removed(lines)
    assert not set(got) & set(range(2, 2 + len(head) + len(rows))), \
        {i: got[i].rule for i in got}


def test_a_table_of_figures_and_dates_one_cell_a_line_stays():
    # a company's dividend table written one cell a line: a row holds its year, an empty mark,
    # the dividend and four dates, so its figures stand five lines apart; its heads above
    paras = ["本公司章程规定，公司年度决算如有盈余，应先提缴税款、弥补以往亏损，"
             "再依法提列法定盈余公积。",
             "股利分派时考虑未来扩展营运规模及现金流量需求，"
             "每年发放现金股利不低于股利总额的百分之十。"]
    head = ["年度", "股票股利", "现金股利", "除息交易日", "基准日", "发放日"]
    rows = ["2023", "-", "2.3元", "2024/7/9", "2024/7/17", "2024/8/5",
            "2022", "-", "3.5元", "2023/7/9", "2023/7/15", "2023/8/8",
            "2021", "-", "2.0元", "2022/7/12", "2022/7/20", "2022/8/9"]
    lines = [*paras, *head, *rows, "历史股价查询"]
    got = removed(lines)
    # (the empty marks are decoration's: a lone dash says nothing)
    kept = [i for i in range(2, 2 + len(head) + len(rows)) if lines[i] != "-"]
    assert not set(got) & set(kept), {i: (lines[i], got[i].rule) for i in set(got) & set(kept)}


def test_a_charts_rows_under_the_text_are_no_story_list():
    # a chart's data under the text, a row a line: its number, a label and the label's share
    # set apart by a space — the rows of a chart, not the headlines of other stories
    rows = ["1 社区助学基金 51%", "2 新设奖助学金 23%", "3 书院发展项目 22%", "4 学生宿舍基金 4%"]
    lines = [*STORY, "上一篇  下一篇", "募捐所得用途分布", *rows]
    got = removed(lines)
    at = range(len(STORY) + 2, len(lines))
    assert not set(got) & set(at), {i: (lines[i], got[i].rule) for i in set(got) & set(at)}


def test_the_headline_shown_again_over_its_subtitle_is_its_first_showing():
    # headline / stamp / the headline again / a subtitle / the dateline's paragraph: the first
    # showing is the headline (kept, meta.title), the second its copy; the subtitle stays
    lines = ["第六届全市青年志愿服务项目大赛结果揭晓", "", "发布时间 :2024-11-20", "",
             "第六届全市青年志愿服务项目大赛结果揭晓", "", "社区养老类3个项目、2个组织获奖", "",
             "本报江城11月19日电 (记者 周敏)19日，第六届全市青年志愿服务项目大赛决赛在市青少年宫"
             "举行，经过两轮评审，20个项目分获金、银、铜奖。",
             "大赛自今年6月启动以来，共收到各区推荐项目186个，覆盖社区养老、助学帮困等领域。"]
    page = C.Cleaner(load_rules()).clean(Document(id="t", text="\n".join(lines)))
    got = {r.line: r.reason for r in page.removed}
    assert got.get(4) == "title" and 0 not in got and 6 not in got, got
    assert page.meta.get("title") == lines[0]


def test_a_headline_over_three_lines_stays_whole():
    # kicker / main line / subtitle-like last line, then the byline: the short middle line is
    # the headline's, no channel label above it
    lines = ["我市隆重纪念“三八”国际劳动妇女节115周年", "百名先进女性",
             "荣膺“巾帼标兵”", "□晚报记者 王丽",
             "本报讯 3月7日上午，全市纪念“三八”国际劳动妇女节115周年大会在市会议中心"
             "召开，100名来自各行各业的女性受到表彰。",
             "这100名女性是全市各条战线上的优秀代表，在各自岗位上作出了突出成绩。"]
    got = removed(lines)
    assert not {0, 1, 2} & set(got), {i: got[i].rule for i in got}


def test_a_headline_that_asks_then_states_leaves_the_lines_under_it_in_the_head():
    # a question and a statement without 。 (…如何“过冬”?…“越冬天堂”) is a headline, not the
    # body's first paragraph: the source and the share widget under it are the page's head
    lines = ["北迁白鹭如何“安家”?滨江湿地修复成“育雏天堂”", "来源:江城新闻在线 浏览量:3210",
             "分享到微信:", "二维码", "",
             "4月是白鹭的育雏季节。在江城滨江湿地公园，数百只白鹭在新修复的林地里筑巢，成为"
             "市民观鸟的新去处。",
             "江城市林业局介绍，近五年来全市累计修复湿地1.2万亩，新增水鸟栖息地30余处。"]
    got = removed(lines)
    assert {1, 2, 3} <= set(got) and not {0, 5, 6} & set(got), {i: got[i].rule for i in got}


def test_a_list_an_item_under_the_body_announces_stays():
    # a bulleted item ending in a colon under the last paragraph announces the short lines
    # under it, a rule (---) between them: the article's own list, not a menu
    lines = [*STORY, "* 滨海广场:", "* 全市十个社区文化中心:", "东区", "---", "港城中路文化站",
             "西湾"]
    got = removed(lines)
    assert not {3, 4, 5, 7, 8} & set(got), {i: got[i].rule for i in got}


def test_a_list_written_a_mark_a_line_stays_with_the_body():
    # a results digest set as a list, each item under its own bare mark (- / item / - / item)
    # at the page's end: the removed marks are no furniture beside the items, which stay
    page = ["宏远科技发布2024年年报：营收增长12% 拟每10股派现4元",
            "宏远科技3月28日晚间发布年报，全年实现营业收入4.71亿元，同比增长12.35%；归母净利润"
            "5123.6万元，同比增长8.02%。公司称，主营产品订单饱满，海外市场拓展顺利。",
            "四、研发投入与分红政策", "研发投入：",
            "-", "研发支出1814.73万元，占营收3.85%",
            "-", "虽同比有所下降，但仍保持技术投入",
            "股东回报：",
            "-", "拟每10股派现4元（含税）",
            "-", "分红总额预计占净利润约31.2%",
            "五、关键财务风险提示",
            "-", "经营活动现金流下降24.25%，需关注应收账款管理",
            "-", "货币资金大幅减少，需评估流动性风险",
            "-", "研发投入占比下降，可能影响长期竞争力"]
    got = removed(page)
    items = {i for i, line in enumerate(page) if i > 3 and line not in ("-", "股东回报：")
             and not line.startswith("五")}
    assert not items & set(got), {i: got[i].rule for i in got}


def test_a_reports_speaker_line_is_no_headline():
    from pipeline import extract
    # a work report's title set over two lines, its occasion under a dash, then the speaker
    # (office and post, a space, the name) over the page's stamp: the speaker is no headline,
    # and the title's lines above it stay
    head = ["您当前的位置：首页 > 政务公开 > 重点领域信息公开",
            "关于2023年度县级预算执行和其他财政收支的", "审计工作报告",
            "——2024年8月28日在江城县第十七届", "人民代表大会常务委员会第二十一次会议上",
            "江城县审计局局长 周海", "时间：2024-08-30 10:12:45 来源：本网 访问量：-"]
    body = ["主任、各位副主任、各位委员：",
            "我受县人民政府委托，向县人大常委会报告2023年度县级预算执行和其他财政收支的审计情况，"
            "请予审议。",
            "今年以来，县审计局共完成审计项目21个，查出问题金额1.36亿元，已督促整改1.02亿元。"]
    res = extract("\n".join([*head, *body]))
    assert res.meta.get("title") != "江城县审计局局长 周海"
    got = {r.line for r in res.removed}
    assert not got & {1, 2, 3, 4}, got


def test_a_headline_naming_its_speaker_before_a_colon_is_found_and_its_copy_goes():
    from pipeline import extract
    # 某部:… is a news headline, no field: found under the portal's channel line (which no
    # rule takes), it leads, and its copy under the page furniture (a spun page prints the
    # article again) goes as a title
    title = "港城区商务局:前5个月全区社会消费品零售总额增长6.2%"
    lines = ["港城头条官网>>头条要闻", title,
             "来源:港城日报 作者:李明 发布时间:2024-06-20 09:28", *STORY,
             "责任编辑:王芳", "返回顶部", title, "来源:港城日报 2024-06-20 09:28:03"]
    res = extract("\n".join(lines))
    assert res.meta.get("title") == title
    got = {r.line: r.reason for r in res.removed}
    assert got.get(len(lines) - 2) == "title"
    assert 1 not in got and not set(range(3, 6)) & set(got)
    # a field's key before the colon is no headline, however long its value (主办:…)
    from pipeline.clean.shapes import _NOT_HEADLINE
    assert _NOT_HEADLINE.search("主办单位:港城区人民政府办公室信息中心")
    assert _NOT_HEADLINE.search("发布时间:2024年6月20日上午九时")
    assert not _NOT_HEADLINE.search(title)


def test_a_top_menu_under_a_longer_first_line_goes():
    # a city site's menu two names a line, its first names set on one longer line: a run of
    # short lines with only that line above it is the page's top menu
    menu = ["港城滨海江北南湖西山", "投稿须知", "港城滨海", "江北南湖", "西山东港", "北岸新区",
            "高新园区", "临港新城"]
    title = "港城区夏季消夏节在滨海广场开幕"
    got = removed([*menu, title, *STORY])
    assert set(range(len(menu))) <= set(got)
    assert not {len(menu), len(menu) + 1} & set(got)


def _zones(lines):
    page = C.build(load_rules()).cleaner.ruled_page(Document(id="z", text="\n".join(lines)))
    return [page.zone(i) for i in range(len(lines))]


def test_the_body_ends_above_a_comment_box_header():
    # the comment box's terms of use under 我要评论 are sentences, but the page's, not the
    # article's: the body ends above the header and the terms meet the tail's rules
    terms = ("欢迎您文明发表评论，涉及广告、谩骂和违法内容的评论将被删除，情节严重的账号将被禁止"
             "发言。")
    lines = [*STORY, "我要评论", terms]
    assert _zones(lines) == ["middle", "middle", "middle", "tail", "tail"]
    assert 3 in removed(lines) and not {0, 1, 2} & set(removed(lines))


def test_a_comment_header_above_most_of_the_text_ends_nothing():
    # the same header between the lead and a longer rest: the rest is the article's
    lines = [STORY[0], "我要评论", *STORY[1:], STORY[1] + STORY[2]]
    assert _zones(lines) == ["middle"] * 5
    assert set(removed(lines)) == {1}


def test_a_related_header_only_a_tail_rule_names_ends_the_body_too():
    # 大家都在看 is a header the tail's rules take, not the rules between paragraphs; the two
    # short stories' lines under it are the page's list, not the article's last paragraphs
    lines = [*STORY, "大家都在看", "港城区夜间经济示范街区名单公布，首批共五条街区入选。",
             "滨海步道二期工程进入收尾阶段，预计下月开放。"]
    assert _zones(lines)[3:] == ["tail"] * 3
    assert not {0, 1, 2} & set(removed(lines))


def test_headlines_and_long_teasers_under_a_related_header_are_the_related_block():
    # each teaser, however long, stands under a headline of its own: other stories, not the
    # article's last paragraphs, even when they hold more text than the article
    teaser_a = ("记者19日从市公安局轨道交通分局获悉，19日8时许，地铁3号线某站内发生一起治安案件，"
                "民警接报后迅速到场处置，将两名受伤人员送医治疗，目前伤者生命体征平稳。" * 2)
    teaser_b = ("为持续深入推进打击电信网络诈骗犯罪专项行动，近日，市公安局会同有关部门开展集中"
                "收网行动，成功捣毁诈骗窝点10个，抓获犯罪嫌疑人150名，冻结涉案资金一批。" * 2)
    lines = [*STORY, "相关新闻", "地铁站内发生伤人案件 嫌疑人已被抓获", teaser_a,
             "打击电诈又一新成果！150名犯罪嫌疑人落网", teaser_b]
    assert set(removed(lines)) == {3, 4, 5, 6, 7}


def test_a_paragraph_after_a_related_header_with_no_headline_over_it_stays():
    # the same long sentences with no headline of their own over each: the article's
    teaser_a = ("记者19日从市公安局轨道交通分局获悉，19日8时许，地铁3号线某站内发生一起治安案件，"
                "民警接报后迅速到场处置，将两名受伤人员送医治疗，目前伤者生命体征平稳。" * 2)
    teaser_b = ("市公安局有关负责人表示，下一步将持续加大巡逻防控力度，在地铁站点增派警力，"
                "并联合运营单位开展安全检查，切实保障市民乘车安全。" * 2)
    lines = [*STORY, "相关新闻", teaser_a, teaser_b]
    assert not {0, 1, 2, 4, 5} & set(removed(lines))


def test_replies_under_nameless_post_headers_and_their_panel_figures_go():
    # a board whose poster names the page lost: each later floor is another reader's reply, and
    # a member panel's figures printed over their keys (35 / 主题) go with the panel
    lines = [*STORY, "发表于 2024-5-20 21:47 | 显示全部楼层", "消夏节办得好，希望明年继续。",
             "回复 支持 反对", "使用道具 举报", "35", "主题", "1719", "回帖", "1288", "金币",
             "发表于 2024-5-20 22:31 | 显示全部楼层", "停车位还是不够，建议多开公交。"]
    got = removed(lines)
    assert not {0, 1, 2} & set(got)
    assert got[14].rule == "boilerplate.zones.forum_replies"     # the later floor's words
    for i in (7, 9, 11):                                          # the panel's figures
        assert got[i].rule == "boilerplate.zones.forum_replies"
        assert got[i].reason == "metadata"                          # the member's, as its fields


def test_a_headline_a_scorer_took_goes_back_when_nothing_else_is_left_above_the_body():
    """The scorers read a headline no rule placed (under a Latin label, among a board's tools)
    as furniture: when every line above the body is gone and one of them, a scorer's, is shaped
    as a headline, it is the headline (title.scored_headline)."""
    from pipeline.clean import title
    from pipeline.clean.detectors import Proposal
    cleaner = C.build(load_rules()).cleaner
    scored = Proposal("boilerplate.scored.words", "navigation", "any")

    def page_of(head):
        page = cleaner.ruled_page(Document(id="t", text="\n".join(head + STORY)))
        page.headline = None    # (as on the real pages: no rule placed it)
        page.found.pop("title", None)
        for i in range(len(head)):
            if i not in page.removed:
                page.take(i, scored)
        return page
    head = ["Media Centre", "江城慈善基金会卖旗日2024 吁市民网上捐款 行善不停步",
            "打印 上一篇 下一篇"]
    page = page_of(head)
    assert page.headline is None and page.removed[1].rule == scored.rule
    title.scored_headline(page)
    assert page.headline == 1 and 1 not in page.removed and {0, 2} <= set(page.removed)
    assert page.found["title"] == [(1, head[1])]
    # two headline-shaped lines the scorers took: which one is the headline is not known
    page = page_of(["江城慈善基金会卖旗日2024 吁市民网上捐款", *head[1:]])
    title.scored_headline(page)
    assert page.headline is None and {0, 1, 2} <= set(page.removed)


def test_headlines_with_a_comma_next_to_a_list_of_other_stories_are_its_items():
    """A list of other stories under the body taken by its long headlines: the headlines right
    next to it that hold a comma (焦点关注|…,居民说了算; 科技助力,扶稳…) are its items too;
    the body's last paragraph, with its full stop, is not."""
    lines = [*STORY, "焦点关注|老城区改造先问居民,居民说了算",
                     "老城区雨污分流改造进入收尾阶段 工期提前两月",
                     "滨江绿道北延段下月贯通 沿线新增三处休息点",
                     "市民服务中心新增夜间窗口 办事不用再请假",
                     "十二所中小学食堂完成明厨亮灶改造", "地铁五号线南延段进入铺轨阶段",
                     "科技助力,扶稳老人前行脚步", "山中送教"]
    got = removed(lines)
    assert rules_of(got, range(3, 10)) == {"boilerplate.epaper.story_list_tail"}
    assert set(got) == set(range(3, 11))    # (山中送教, too short to grow into, the scorers')


def test_a_finance_outlets_name_over_the_stamp_is_no_headline():
    """A channel's or outlet's name right above the stamp (智通财经 / 2025.10.21 09:11) is
    placed like a headline: its channel word (财经 among title.yaml's channel_words) makes it
    furniture, and the line above it is the headline."""
    head = ["江城研究院:三季度重点商圈写字楼平均租金环比下跌", "", "某通财经", "2025.10.21 09:11"]
    lines = [*head, *STORY]
    got = removed(lines)
    assert 0 not in got and got[2].reason == "navigation" and 3 in got
    res = C.build(load_rules())(Document(id="t", text="\n".join(lines)))
    assert res.meta.get("title") == head[0]


# a parent's blog post told a clause a line, few full stops, under its date stamp
TOLD = ["facebook pixel code", "", "(小雨妈妈)", "", "带孩子去山里的农场", "", "2024年05月01日",
        "上周四是小宝学校一年一度的户外教学日", "这次户外教学的地点是北山的向阳农场",
        "但出发当天早上姐姐的喉咙突然剧烈疼痛,连喝水都很困难", "于是临时先带姐姐去看医生",
        "而小宝坚持要跟我们一起去农场", "只好等我忙完再带他自己去目的地了", "",
        "因为姐姐下午还有长笛、古筝和钢琴个别课", "喉咙痛加上鼻塞严重,这些课上起来恐怕很吃力",
        "所以干脆请假在家休息", "看完医生再联络好所有个别课老师已经是11:00了",
        "这时间有些晚,让我想放弃参加小宝的户外教学(学校出发时间是8:00)",
        "但小宝却一直催促我快点出发", "上网查了一下怎么自己前往", "天啊!农场在偏僻的山区里面!!",
        "好在网站写了很详细的交通资讯", "我骑了电动车到学校停好,再搭地铁到北站,最后换出租车到农场",
        "", "抵达农场刚好是中午12:00", "这时班上的孩子们正在学习炒大锅菜",
        "每个孩子看见小宝都热情地打招呼", "并且兴奋地分享上午的活动有多么精彩好玩",
        "让没参加到的我们好羡慕呀!", "",
        "农场为大家准备了午餐,有炒饭、三杯鸡、洋葱炒蛋和孩子们炒的包菜,还有好喝的玉米浓汤",
        "用完餐就开始安静的拓印活动",
        "导览员随手摘了几片叶子,要孩子们到农场里寻找一样的叶子,并且拓印在帆布袋上",
        "家长们也没闲着,需要自己到农场里采摘喜欢的叶子,并且做一个有自己特色的帆布袋",
        "接着,导览员带领大家一起当采花大盗", "导览员教大家怎么尝花蜜",
        "这是我第一次在户外可以这么大方地采花拔叶", "孩子们快乐地在农场里寻宝",
        "也认识了不少植物和昆虫", "光是下半场就这么好玩了,真难想象上半场更精彩的活动", "想去吗?",
        "农场只"]


def test_a_story_told_a_clause_a_line_is_no_list_of_headlines(monkeypatch):
    # runs of short lines under a paragraph look like a list of other stories' headlines; the
    # connectives opening several of them (但, 于是, 而, 所以, 并且, 接着) tell a story
    from pipeline.clean import lists
    got = removed(TOLD)
    assert not [i for i, r in got.items() if r.rule.startswith("boilerplate.epaper.")]
    # without that check the tail's list pass takes the story
    monkeypatch.setattr(lists, "_told", lambda page: False)
    got = removed(TOLD)
    assert sum(r.rule == "boilerplate.epaper.story_list_tail" for r in got.values()) >= 10


# a museum's timeline, a gallery link's label under each year
EVENTS = ["县文化馆正式成立,开设书画、图书、文献陈列室多处,向公众开放。",
          "完成馆藏古籍的清点登记工作,共清点线装书一千余册。",
          "创办《文化馆通讯》,每期四版,图文并重。",
          "馆藏书画首次赴省城参加联展。", "新馆舍工程完工。",
          "第一批藏品八十箱转移到乡间保存,由三名馆员负责押运。",
          "藏品陆续运回县城,暂存于文庙。", "文化馆与图书馆合署办公。",
          "新库房落成,藏品随即迁入。", "开办少儿书画培训班,首期招收学员六十人。"]
YEARS = [1925, 1928, 1929, 1935, 1936, 1937, 1938, 1948, 1950, 1952]
TIMELINE = ["跳到主要内容区块", ":::", "", "百年大事记", ""]
for y, e in zip(YEARS, EVENTS, strict=True):
    TIMELINE += [f"  • {y}", "    Gallery", "    " + e]


def test_a_copy_of_a_line_a_rule_took_goes_wherever_it_stands(monkeypatch):
    # the line rule takes the Latin label where its zone lets it; its copies between the
    # entries go as its copies, with its reason
    from pipeline.clean import zones
    at = [i for i, t in enumerate(TIMELINE) if t.strip() == "Gallery"]
    got = removed(TIMELINE)
    assert set(at) <= set(got) and {got[i].reason for i in at} == {"navigation"}
    copies = {i for i in at if got[i].rule == "boilerplate.title.repeated_in_page"}
    assert copies and min(copies) > min(at)
    assert not [i for i, t in enumerate(TIMELINE) if "。" in t and i in got]
    monkeypatch.setattr(zones, "rule_copies", lambda page, rule_id: None)
    assert not copies & set(removed(TIMELINE))
    # a field's value a pass split from its key is no such line: the notice signs with its
    # issuer again
    notice = ["发布机构：", "县农业农村局", "关于开展春季动物防疫工作的通知", STORY[0], STORY[1],
              "县农业农村局", "2024年3月8日"]
    got = removed(notice)
    assert got[1].reason == "metadata" and 5 not in got


def test_the_one_line_left_standing_above_the_body_is_the_headline():
    # a WeChat repost's head: every line above the body furniture but the headline, which no
    # headline rule placed (no channel, no date under it): it is meta.title
    for head in (["点击蓝字 关注我们", "▼", "滨海广场消夏节开幕啦!"],
                 ["※  城市生活的观察者  ※", "·", "滨海广场消夏节开幕", "▲"]):
        res = C.build(load_rules())(Document(id="t", text="\n".join(head + STORY)))
        title = next(t for t in head if t.startswith("滨海"))
        assert res.meta.get("title") == title
        assert head.index(title) not in {r.line for r in res.removed}
    # two lines left standing above the body: neither is sure to be the headline
    two = ["点击蓝字 关注我们", "港城区文旅局的朋友们好", "滨海广场消夏节开幕啦!"]
    res = C.build(load_rules())(Document(id="t", text="\n".join(two + STORY)))
    assert res.meta.get("title") is None and {r.line for r in res.removed} == {0}


NOTICE = ["关于做好春运期间道路客运安全工作的通知", *STORY,
          "值班电话:0731-2582220 传真:0731-4446054", "附件:", "一、春运道路旅客运输统计表",
          "二、春运水路旅客运输统计表", "特此通知", "二0二四年一月十日", "附件一:",
          "春运道路旅客运输统计表", "单位: 统计时间: 月 日"]


def test_a_notices_closing_formula_and_its_date_stay_under_its_attachments():
    # 特此通知 and the date under it (its year in Chinese numerals with Arabic zeros, as many
    # documents type it) are the notice's own lines, whatever furniture stands above them
    got = removed(NOTICE)
    assert not {8, 9} & set(got)
    # the formula alone, no date under it
    lines = NOTICE[:9] + NOTICE[10:]
    assert 8 not in removed(lines)


def test_a_headline_set_a_phrase_a_line_over_the_first_paragraph_is_no_menu():
    # a WeChat post's headline broken into short phrases, nothing above it, the story under it
    head = ["夏夜到", "集市旺", "摆摊的街坊", "笑得合不拢嘴"]
    assert not set(range(4)) & set(removed(head + STORY))
    # a channel path over the story is still a menu: its items hold a date, a slash
    menu = ["资讯中心", "刊物 / 文章", "港城日报文章", "2024年5月"]
    got = removed(menu + STORY)
    assert {got[i].rule for i in range(4) if i in got} == {"boilerplate.navigation.menu_run"}
