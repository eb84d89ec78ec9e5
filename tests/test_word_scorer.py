"""The word scorer (pipeline/clean/word_scorer.py): a learned model over a line's characters and
its neighbours', for head and tail lines the rules left beside furniture they found."""
from __future__ import annotations

import shutil

import pytest

from pipeline import Pipeline
from pipeline.clean import build
from pipeline.clean.word_scorer import GUARDS, REASONS, words
from pipeline.model import Document
from pipeline.rules import RuleError, default_rules_dir, load_rules

BODY = ("江城市今年共新建改建城市公园28座，新增绿地面积120公顷，市民出门五百米见绿的目标"
        "基本实现。\n市园林局负责人介绍，明年还将推进15座口袋公园建设，重点补齐老城区的绿化短板。")


@pytest.fixture(scope="module")
def few_rules(tmp_path_factory):
    """The rules with navigation's and the scorers' files only: what the word scorer takes
    here does not depend on which metadata or share families the rules happen to have."""
    rules = tmp_path_factory.mktemp("few") / "rules"
    shutil.copytree(default_rules_dir(), rules)
    for path in (rules / "boilerplate").glob("*.yaml"):
        if path.name not in ("navigation.yaml", "scored.yaml"):
            path.unlink()
    return Pipeline(rules_dir=rules)


LOW = 0.3   # the threshold of a scorer without some of its guards


@pytest.fixture(scope="module")
def without(tmp_path_factory, pipe):
    """A pipeline whose word scorer runs without the named guards (scored.yaml `guards`);
    without none, the session's pipeline."""
    made: dict[tuple[str, ...], Pipeline] = {(): pipe}

    def build(*off: str) -> Pipeline:
        if off not in made:
            def edit(entry: dict) -> None:
                assert set(off) <= set(entry["guards"])
                entry["guards"] = [g for g in entry["guards"] if g not in off]
                # and a low threshold: what the guard keeps, not the weights' margin
                entry["threshold"] = entry["list_threshold"] = LOW
            made[off] = edited_scorer(tmp_path_factory, edit)
        return made[off]
    return build


def edited_scorer(tmp_path_factory, edit) -> Pipeline:
    """A pipeline whose word scorer entry in scored.yaml `edit` has changed."""
    import yaml
    rules = tmp_path_factory.mktemp("scorer") / "rules"
    shutil.copytree(default_rules_dir(), rules)
    path = rules / "boilerplate" / "scored.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in doc["rules"]:
        if entry.get("detector") == "word_scorer":
            edit(entry)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return Pipeline(rules_dir=rules)


def taken_by_scorer(pipe: Pipeline, text: str) -> set[str]:
    return {r.text for r in pipe.extract(text, id="t").removed
            if r.rule == "boilerplate.scored.words"}


def kept_only_by(without, text: str, lines: set[str], *guards: str) -> None:
    """The scorer takes none of `lines` with its guards, and some of them without these (at
    the threshold LOW): the guards keep them whatever the weights' margin."""
    assert not taken_by_scorer(without(), text) & lines
    assert taken_by_scorer(without(*guards), text) & lines


def test_an_unknown_guard_is_refused(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    path = rules / "boilerplate" / "scored.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("guards: [paragraph,",
                                                             "guards: [paragraf,"),
                    encoding="utf-8")
    with pytest.raises(RuleError, match="unknown guard"):
        Pipeline(rules_dir=rules)


@pytest.fixture
def removed(few_rules):
    def run(text: str) -> dict[str, tuple[str, str]]:
        return {r.text: (r.rule, r.reason) for r in few_rules.extract(text, id="t").removed}
    return run


def test_words_read_digits_and_latin_as_one_mark():
    w = words("点阅:52 views")
    assert {"^点", "a$", "点阅", ":0", "0", "a"} <= w
    assert "5" not in w and "52" not in w


def test_takes_furniture_no_rule_lists_beside_furniture_the_rules_found(removed):
    got = removed(f"江城新增口袋公园\n{BODY}\n城市快讯 > 民生\n返回顶部")
    assert got["城市快讯 > 民生"] == ("boilerplate.scored.words", "navigation")
    assert got["返回顶部"][0] != "boilerplate.scored.words"  # the rules' own find


@pytest.mark.parametrize("line", ["发布:2024-03-01 点阅:52", "责任编辑：李明", "来源：江城日报"])
def test_a_stamp_or_credit_it_takes_is_metadata_by_its_own_words(removed, line):
    got = removed(f"江城新增口袋公园\n{BODY}\n{line}\n返回顶部")
    assert got[line] == ("boilerplate.scored.words", "metadata")


def test_leaves_a_page_where_the_rules_found_no_furniture(removed):
    # the same line with no furniture under the body may be the article's own last word: the
    # word scorer leaves it (the context scorer reads a trail's arrow: test_context_scorer.py)
    got = removed(f"江城新增口袋公园\n{BODY}\n城市快讯 > 民生")
    assert got.get("城市快讯 > 民生", ("",))[0] != "boilerplate.scored.words"


# (a notice's signature date is guarded too, but today's weights never take one: no test here)
@pytest.mark.parametrize("line", ["联系电话：0512-66881234", "• 北区：正常开放\n• 南区：闭园维修",
                                  "第七章 法律责任"])
def test_never_takes_a_contact_line_a_list_or_a_numbered_heading(removed, line):
    got = removed(f"江城新增口袋公园\n{BODY}\n{line}\n返回顶部")
    for kept in line.split("\n"):
        assert got.get(kept, ("",))[0] != "boilerplate.scored.words", kept


def test_never_takes_a_directory_of_phone_numbers(without):
    # a notice's list of hotlines under the body, furniture below it: the text's own contacts
    rows = ["市防汛指挥中心 2857 3333", "城区消防救援站 119", "江城市人民医院 2831 3731",
            "江城海关 2855 9944", "江城自来水有限公司 2822 0088"]
    text = "台风期间紧急求助电话一览\n" + BODY + "\n如遇紧急情况，可拨打以下电话：\n" + \
        "\n".join(rows) + "\n返回顶部"
    kept_only_by(without, text, set(rows), "directory", "announced")


def test_never_takes_a_match_up(without):
    # a draw under the body, furniture below it: each match-up is the article's own
    rows = ["西尼亚科娃 VS 佩拉", "王欣瑜 VS 布朗泽蒂", "郑钦文 VS 多勒海德", "袁悦 VS 达尼洛维奇"]
    text = "网球公开赛女双首轮签表出炉\n" + BODY + "\n首轮对阵如下：\n" + "\n\n".join(rows) + \
        "\n返回顶部\n责任编辑：周敏"
    kept_only_by(without, text, set(rows), "match_up", "announced")


def test_never_takes_a_prize_results_row(without):
    # a festival's results under the report, furniture below them: each row is the article's
    rows = ["最佳影片:《湖光》(中国)", "最佳导演:李明远《归途》(巴西)",
            "最佳女演员:陈雨《归途》(巴西)", "最佳编剧:张安《山城》(马来西亚)",
            "最佳摄影:周炜《日出》(中国)"]
    text = "港城国际电影节闭幕 各奖项揭晓\n" + BODY + "\n" + "\n".join(rows) + \
        "\n返回顶部\n责任编辑：周敏"
    kept_only_by(without, text, set(rows), "prize_row")


def test_never_takes_a_bilingual_pages_english_headings(without):
    # a society's charter in Chinese and English: its English headings are the text's
    heads = ["Charter of the Port City Photographic Society", "Chapter I: General Provisions",
             "Adopted at the General Meeting in April 2025"]
    prose = ["The Society is a non-profit organisation of photographers in the city.",
             "Its purpose is to promote the art of photography and the exchange of ideas.",
             "Any resident who supports the purpose of the Society may apply to join it."]
    text = "\n".join(["港城摄影学会章程", *heads, BODY, *prose, "返回顶部", "责任编辑：周敏"])
    kept_only_by(without, text, set(heads), "bilingual")


def test_a_lexicon_without_the_reason_columns_is_refused(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    lexicon = rules / "lexicons" / "line_words.tsv"
    lexicon.write_text("word\tline\tnear\n来源\t1.0\t0.5\n", "utf-8")
    with pytest.raises(RuleError, match="line_words.tsv needs the columns word, line, near, "
                       + ", ".join(REASONS)):
        Pipeline(rules_dir=rules)


def test_a_bulleted_list_under_furniture_is_judged_as_a_whole(tmp_path_factory, pipe):
    # other stories' headlines, bulleted, under the page's back link: its items go together or
    # not at all. Each scores above the line threshold, their average below list_threshold:
    # none goes; with list_threshold at the line threshold, both go
    text = (f"江城新增口袋公园\n{BODY}\n返回顶部\n• 江城地铁4号线进入联调联试阶段\n"
            "• 城南古窑址入选年度考古发现")
    items = {"• 江城地铁4号线进入联调联试阶段", "• 城南古窑址入选年度考古发现"}
    assert not taken_by_scorer(pipe, text) & items
    lowered = edited_scorer(tmp_path_factory,
                            lambda entry: entry.update(list_threshold=entry["threshold"]))
    assert taken_by_scorer(lowered, text) == items


def test_never_takes_a_spaced_title_a_speech_salutation_or_the_contents_label(without):
    # a work report printed as a document: its cover lines, its salutation and its contents
    text = ("首页 > 政务公开 > 规划计划\n返回顶部\n政 府 工 作 报 告\n各位代表：\n" + BODY
            + "\n目 录\n第一章 开启农业农村现代化新征程\n第二章 巩固拓展脱贫攻坚成果\n返回顶部")
    assert not taken_by_scorer(without(), text) & {"政 府 工 作 报 告", "各位代表：", "目 录"}
    # without the guards the weights would take them
    off = without("salutation", "contents", "letter_spaced")
    assert taken_by_scorer(off, text) & {"各位代表：", "目 录"}


def test_never_takes_an_announced_list_or_a_numbered_agenda(without):
    # a prize list a colon announces, and a meeting's numbered agenda, under the body with
    # furniture below: the article's own lists
    prizes = ["最佳影片:《北方的河》(中国)", "最佳导演:王立新《回声》(中国)",
              "最佳女演员:李青《远山》(中国)", "最佳编剧:陈默《良心》(中国)"]
    agenda = ["1. 会长致辞", "2. 覆准2023年度会员大会纪录(15/6/2023)",
              "3. 检讨2023年度会员大会议案(15/6/2023)", "4. 接纳财政报告"]
    text = ("电影节闭幕\n" + BODY + "\n本届电影节完全获奖名单如下:\n" + "\n".join(prizes)
            + "\n会员大会议程如下\n" + "\n".join(agenda) + "\n返回顶部\n责任编辑：周敏")
    kept_only_by(without, text, set(prizes + agenda), "announced", "numbered")


def test_never_judges_a_dash_led_line_or_the_praise_above_it(without):
    # a story's pairs of praise and place under its text, furniture below: the article's own
    # list, which the scorer leaves unjudged
    from pipeline.model import Document
    pairs = ["中国最北极寒之地", "——漠河北极村", "火山冰雪胜景", "——五大连池", "高山雪谷",
             "——凤凰山"]
    text = ("十大冰雪旅游目的地\n" + BODY + "\n" + "\n".join(pairs)
            + "\n返回顶部\n责任编辑：周敏")

    def judged(pipe: Pipeline) -> set[str]:
        cleaner = pipe._clean.cleaner
        page = cleaner.ruled_page(Document(id="t", text=text))
        return {page.normed[i] for _, i in cleaner.word_scorer.judged(page)}
    assert not judged(without()) & set(pairs)
    assert judged(without("dash_led")) & set(pairs)


def test_never_takes_a_plans_sections_numbered_in_figures(without):
    # an emergency plan's contents under its text (1 总则 / 2 组织体系 …), furniture below:
    # its own headings, numbered in figures as standards and plans number them
    sections = ["1 总则", "1.1 编制目的", "1.2 适用范围", "2 组织指挥体系", "2.1 指挥部及职责",
                "3 汛前准备", "3.1 责任落实", "4 监测预警", "5 应急响应", "6 后期处置", "7 附则"]
    text = ("江城县防汛应急预案\n" + BODY + "\n目 录\n" + "\n\n".join(sections)
            + "\n返回顶部\n责任编辑：周敏")
    kept_only_by(without, text, set(sections), "heading")
    # the same set spaced, as a plan's Word file sets its first-level headings (1 总 则)
    spaced = ["目 录", "1 总 则", "1.1 编制目的", "2 组织体系", "7 附 则"]
    text = ("江城县防汛应急预案\n" + BODY + "\n" + "\n\n".join(spaced)
            + "\n返回顶部\n责任编辑：周敏")
    kept_only_by(without, text, set(spaced[1:]), "heading")


def test_never_takes_an_events_schedule_or_english_prose(without):
    # a community centre's activities under the body (dates with spans of hours), then its
    # English text wrapped line by line, furniture below: the article's own
    schedule = ["日期:2024年6月25日(星期六)时间:下午2时至3时",
                "日期:2024年9月4日(星期日)时间:上午10时至下午2时",
                "日期:2024年12月11日(星期三)时间:下午2时至4时"]
    english = ["The foundation has donated $40 million to support the new campus",
               "that will house the business school and the institute for study."]
    text = ("社区中心下半年活动\n" + BODY + "\n" + "\n".join(schedule) + "\n" + "\n".join(english)
            + "\n返回顶部\n责任编辑：周敏")
    kept_only_by(without, text, set(schedule + english), "schedule", "english_prose")


def test_never_takes_a_joint_notices_issuers(without):
    # the departments that issued a notice together, two to a line under it, furniture below
    rows = ["生态环境部 发展改革委", "工业和信息化部 公安部", "交通运输部 商务部",
            "市场监管总局 能源局"]
    text = "关于做好夏季用能保障工作的通知\n" + BODY + "\n" + "\n".join(rows) + \
        "\n2024年3月8日\n（此件社会公开）\n返回顶部\n责任编辑：周敏"
    kept_only_by(without, text, set(rows), "issuers")


def test_never_takes_the_first_words_of_a_paragraph_an_excerpt_cut(without):
    # the page's text stops two words into a paragraph, right under the last one kept
    for cut in ("深耕", "作为首位"):
        text = "首页 > 新闻中心 > 本地要闻\n返回顶部\n江城新增口袋公园\n" + BODY + "\n" + cut
        kept_only_by(without, text, {cut}, "cut_end")


def test_never_takes_a_paragraph_left_in_its_html_tags(without):
    # a converter left the page's markup: the pictures' lines go, the paragraph between stays
    para = ('<p style="text-indent: 2em;">江城讯 9月10日，2024江城半程马拉松新闻发布会举行，'
            '本届赛事设半程马拉松和健康跑两个项目，规模为8000人。</p>')
    text = "\n".join(["江城半程马拉松发布会举办", "首页 > 新闻中心", para,
                      '<p style="text-align:center"><img src="/uploads/2024/09/a.jpg" alt=""></p>',
                      BODY, "返回顶部"])
    kept_only_by(without, text, {para}, "marked_up")


def test_never_takes_a_notices_contact_its_issuer_or_its_date_in_figures():
    # a notice's foot under its text, furniture below: a contact line with its key set
    # letter-spaced, the e-mail line, the issuer and the date in figures are the notice's own
    foot = ["联 系 人:周颖 联系电话:3196032", "电子邮箱:zhouy2785@163.com", "妇委会", "2019.1.3"]
    cleaner = build(load_rules()).cleaner

    def guarded(name: str, lines: list[str], line: str) -> bool:
        page = cleaner.ruled_page(Document(id="t", text="\n".join(lines)))
        i = lines.index(line)
        return GUARDS[name](page, page.filled.index(i), i)
    lines = ["首页 > 通知公告", "关于推荐岗位建功先进集体的通知", *BODY.split("\n"), *foot]
    assert guarded("contact", lines, foot[0]) and guarded("contact", lines, foot[1])
    assert guarded("signed_figures", lines, foot[3])
    # the same date under the e-mail line, no issuer over it, is no signature
    assert not guarded("signed_figures", [*lines[:-2], foot[3]], foot[3])


def test_never_takes_a_table_written_key_space_value(without):
    # a two-column table under its heading, one row a line: the text's own; pairs of short
    # words (a menu's) are no table
    rows = ["项目 内容", "名称 三八红旗手", "含义 表彰在各行业做出突出贡献的优秀女性",
            "起源时间 20世纪50年代", "颁发机构 中华全国妇女联合会(简称“妇联”)",
            "评选对象 在各行业中表现突出、具有代表性的女性"]
    text = "三八红旗手是什么意思\n" + BODY + "\n二、表格展示\n" + "\n".join(rows) + \
        "\n返回顶部\n责任编辑：周敏"
    kept_only_by(without, text, set(rows), "table_row")


def test_never_takes_a_timelines_year_over_its_entry(without):
    # a museum's chronicle under the page's furniture: each year alone (bulleted), an image's
    # placeholder text under it, then the entry; the years head the text's own entries
    years = ["  • 1925", "  • 1948", "  • 1955", "  • 1972"]
    entries = ["县立文化馆正式成立，向民众开放参观。", "馆藏书画八十箱迁往乡间保存。",
               "新馆舍工程完工，藏品随即迁入。", "文化馆与县图书馆合署办公。"]
    text = "跳到主要内容区块\n:::\n馆史大事记\n" + "\n".join(
        f"{y}\n    placeholder\n    {e}" for y, e in zip(years, entries, strict=True)) + "\n回页首"
    kept_only_by(without, text, set(years), "heading")
