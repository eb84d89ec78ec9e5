"""The boilerplate stage: lines out, metadata in; repeats; HTML; encodings."""
from __future__ import annotations

import builtins
import json
import re

import pytest
from conftest import ROOT, require

from pipeline import clean as C
from pipeline.encoding import decode
from pipeline.model import Document
from pipeline.repeats import RepeatIndex, group_of
from pipeline.rules import load_rules

CORPUS = ROOT / "corpus" / "dev"


@pytest.fixture(scope="module")
def clean():
    return C.build(load_rules())


BODY = [
    "3月7日，市统计局发布数据显示，今年前两个月全市规模以上工业增加值同比增长6.2%，"
    "增速比去年同期加快1.5个百分点。",
    "分行业看，电子信息、装备制造和新材料三大产业合计贡献了超过六成的增长，"
    "其中新能源装备产值增长超过两成。",
    "市统计局有关负责人表示，随着一批重大项目陆续投产，预计全年工业经济将保持平稳向好的态势。",
]


def run(clean, lines, repeated=frozenset(), **kw):
    return clean(Document(id="t", text="\n".join(lines), **kw), repeated)


def removed_lines(res):
    return {r.line: r for r in res.removed}


def check_invariant(text, res):
    lines = C.split_lines(text)
    gone = removed_lines(res)
    assert len(gone) == len(res.removed)
    assert [r.text for r in res.removed] == [lines[i] for i in sorted(gone)]
    assert res.text == "\n".join(ln for i, ln in enumerate(lines) if i not in gone)
    assert all(r.reason in C.REASONS and r.rule.startswith("boilerplate.") for r in res.removed)


# -- the seed and the boilerplate corpus ------------------------------------------------------

def test_seed_article(clean, seed):
    res = clean(Document(id="seed", text=seed.text))
    check_invariant(seed.text, res)
    got = {r.line: r.reason for r in res.removed}
    assert set(got) == set(seed.gold["boilerplate_lines"])


def _bp_cases():
    for g in sorted((CORPUS / "gold").glob("bp_*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        yield gold["id"], gold


def test_corpus_is_there():
    assert len(list(_bp_cases())) >= 30


@pytest.mark.parametrize("aid,gold", list(_bp_cases()),
                         ids=lambda x: x if isinstance(x, str) else "")
def test_corpus_article_invariant(clean, aid, gold):
    text = (CORPUS / "articles" / f"{aid}.txt").read_text(encoding="utf-8")
    res = clean(Document(id=aid, text=text))
    check_invariant(text, res)
    assert not gold["facts"] and gold["exhaustive"] is False


def test_corpus_precision_recall(clean):
    tp = fp = fn = 0
    for aid, gold in _bp_cases():
        # newline="" keeps \r\n as written: split_lines must normalise it
        with open(CORPUS / "articles" / f"{aid}.txt", encoding="utf-8", newline="") as fh:
            text = fh.read()
        got = {r.line for r in clean(Document(id=aid, text=text)).removed}
        want = set(gold["boilerplate_lines"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert tp / (tp + fp) >= 0.98
    assert tp / (tp + fn) >= 0.95


# -- the contract ------------------------------------------------------------------------------

def test_crlf_and_blank_lines_stay(clean):
    text = "来源：苏州日报\r\n\r\n" + "\r\n\r\n".join(BODY) + "\r\n\r\n责任编辑：李四\r\n"
    res = clean(Document(id="t", text=text))
    check_invariant(text, res)
    assert {r.line for r in res.removed} == {0, 8}
    assert "\r" not in res.text and res.text.startswith("\n" + BODY[0])
    assert res.meta["source"] == "苏州日报" and res.meta["editor"] == "李四"


def test_metadata_out_of_the_body(clean):
    res = run(clean, ["发布时间：2024-03-08 10:21\u3000浏览次数：123", *BODY])
    assert "浏览次数" not in res.text and "2024-03-08" not in res.text
    assert res.meta["published"] == "2024-03-08T10:21"


def test_published_normalised(clean):
    for line, want in [("发布日期：2024年3月8日", "2024-03-08"),
                       ("发布时间：２０２４年１２月１２日　１０：３０", "2024-12-12T10:30"),
                       ("发布时间：2024/3/8", "2024-03-08"),
                       ("发布时间：3月8日", "3月8日"),
                       # a field's value written day first (Hong Kong, Macao)
                       ("刊登日期 : 27/07/2021", "2021-07-27")]:
        assert run(clean, [line, *BODY]).meta["published"] == want, line


def test_published_from_a_day_first_stamp(clean):
    # Hong Kong and Macao pages write the day first; a first number over 12 is no month
    for line, want in [("28/08/2024 10:36", "2024-08-28T10:36"),
                       ("05/03/2024 09:15", "2024-03-05T09:15"),
                       ("08/28/2024 10:36", "2024-08-28T10:36")]:
        res = run(clean, [line, *BODY])
        assert line not in res.text and res.meta["published"] == want, line
    # a date in the body is not the page's stamp
    assert "published" not in run(clean, [*BODY[:2], "截至28/08/2024，共收到申请5份。"]).meta


def test_published_from_a_page_stores_leading_stamp(clean):
    # a store of scraped pages writes the page's date before its first line: the line stays
    first = " date 2025-12-17 " + BODY[0]
    res = run(clean, [first, *BODY[1:]])
    assert res.meta["published"] == "2025-12-17" and first in res.text
    # only leading the page, only a full date
    assert "published" not in run(clean, [*BODY, " date 2025-12-17 " + BODY[0]]).meta
    assert "published" not in run(clean, [" date 2025-12 " + BODY[0], *BODY[1:]]).meta
    # the rules judge what follows the stamp: an ad marker there goes, the stamp still dates it
    marker = " date 2026-02-23 我是廣告 請繼續往下閱讀"
    res = run(clean, [marker, *BODY])
    assert marker not in res.text and res.meta["published"] == "2026-02-23"


def test_a_company_pages_contact_block_above_the_story_goes(clean):
    # a site's contact fields printed above the story are its footer's (copyright); an event's
    # organiser above its story is the story's
    res = run(clean, ["江城建材有限公司", "地址：江城经济开发区轻工路8号", "传真：0710-3611588",
                      "电话：0710-3612788", *BODY])
    assert {r.line: r.reason for r in res.removed if r.line in (1, 2, 3)} == {
        1: "copyright", 2: "copyright", 3: "copyright"}
    assert not run(clean, ["主办单位：市妇联", *BODY]).removed


def test_byline_in_body_fills_meta_and_stays(clean):
    lead = ("本报讯（记者 王俊岭）3月7日，市统计局发布数据显示，"
            "今年前两个月全市工业增加值同比增长6.2%。")
    last = BODY[2] + "（责任编辑：李四）"
    res = run(clean, [lead, BODY[1], last])
    assert res.removed == []
    assert res.meta["author"] == "王俊岭" and res.meta["editor"] == "李四"


def test_names_under_the_source_line_are_the_byline_not_the_headline(clean):
    # a short headline above its source line, reporters' names alone right above the body
    res = run(clean, ["新区学校开学了", "来源：江城日报", "王晓明 李婷", *BODY])
    assert res.meta["title"] == "新区学校开学了" and res.meta["author"] == "王晓明 李婷"
    assert res.text.startswith("新区学校开学了\n3月7日")
    # a kicker of short words over the body, with no headline placed above it, stays
    res = run(clean, ["春耕 备耕", *BODY])
    assert res.text.startswith("春耕 备耕")


def test_a_channel_label_between_the_headline_and_its_stamp_still_places_it(clean):
    # a portal's page: copyright on top, the headline, its channel's name, then the stamps
    head = "城东旧改︱王立新 : 尽力调配资源 预留安置房源 为居民提供及早安居选择"
    res = run(clean, ["Copyright © 2026 City Daily Ltd. All rights reserved.", head, "社会",
                      "发布时间：19:45 2026-01-15", *BODY])
    assert res.meta["title"] == head and res.text.startswith(head)


def test_a_speakers_headline_under_a_topic_tag_is_the_headline(clean):
    # 【topic】 then a speaker's colon headline over its date stamp: no field label (记者：)
    head = "【防汛救灾】林某：全力保障受灾群众基本生活 更多乡镇受惠"
    res = run(clean, [head, "20/02/2020", *BODY])
    assert res.meta["title"] == head and res.text.startswith(head)


def test_a_kicker_of_clauses_over_the_headlines_lines_stays(clean):
    # 引题 / 主题 / 副题 under the original title: the kicker holds a comma, no channel's name
    kicker = "住别墅吃咸菜,被抓时还在忙“工作”"
    res = run(clean, ["原标题：远赴海外万里追逃 江城警方破获特大电信诈骗案", kicker,
                      "44名嫌犯一窝端,“打包”回国受审",
                      "随着警方打击力度加大,诈骗分子成本占了“收入”7成,日子越来越不好过",
                      "图片来源：江城日报", *BODY])
    assert res.text.startswith(kicker)


def test_a_wire_dateline_alone_above_the_headline_stays(clean):
    # the decision's title under the agency's dateline: the dateline is the story's first words
    res = run(clean, ["当前位置: 首页>> 今日中国>> 要闻", "", "江城市委决定表彰优秀共产党员等", "",
                      "江城政府门户网站 www.jiangcheng.gov.cn   2011年07月01日", "",
                      "    新华社江城7月1日电 ", "", "中共江城市委关于表彰先进基层党组织",
                      "和优秀共产党员的决定", "", "(2011年7月1日)", "", *BODY])
    assert "    新华社江城7月1日电 " in res.text.split("\n")


def test_meta_title_from_headline_and_original_title(clean):
    res = run(clean, ["首页 > 新闻 > 正文", "全市工业增加值增长6.2%", "来源：市统计局",
                      "原标题：前两月全市工业增加值同比增长6.2%", *BODY])
    assert [r.reason for r in res.removed] == ["navigation", "metadata", "metadata"]
    assert res.meta["title"] == "全市工业增加值增长6.2%"
    assert res.text.split("\n")[0] == "全市工业增加值增长6.2%"  # the headline is article text


def test_headline_stays_and_its_copies_go(clean):
    """FACTS.md: the headline stays in the body (its facts are found) and is copied to
    meta.title; only its copies are removed, reason title — in the head or further down."""
    head = "全市工业增加值增长6.2%"
    res = run(clean, [head, *BODY], meta={"title": head})
    assert res.removed == [] and res.meta["title"] == head
    res = run(clean, [head, head, "来源：市统计局", *BODY])
    assert [(r.line, r.reason) for r in res.removed] == [(1, "title"), (2, "metadata")]
    assert res.meta["title"] == head
    # a spun page repeats the headline between its paragraphs: each copy goes
    res = run(clean, [head, "来源：市统计局", BODY[0], head, BODY[1], head, BODY[2]])
    assert [(r.line, r.reason) for r in res.removed] == [(1, "metadata"), (3, "title"),
                                                         (5, "title")]


def test_the_breadcrumb_names_the_headline(clean):
    # a breadcrumb ending in the story's title (cut short) names the line under it, though a
    # counter no rule knows stands between it and the body
    head = "高校团队发布新型图像标注工具"
    crumb = "当前位置：首页 > 科技 > 高校团队发布新型图像标注..."
    res = run(clean, [crumb, head, "小编 3天前 科技 56", *BODY])
    assert res.meta["title"] == head and res.text.startswith(head)
    # a crumb ending in a channel's name names nothing
    res = run(clean, ["当前位置：首页 > 科技 > 新闻中心", head, "小编 3天前 科技 56", *BODY])
    assert "title" not in res.meta


def test_a_headline_copy_between_paragraphs_places_the_headline(clean):
    # a spun page prints its headline again between two paragraphs: its first showing, in the
    # head with nothing else to place it, is the headline; the copy goes as title
    head = "老城区燃气管网改造全面完工"
    res = run(clean, ["首页 > 新闻", head, "江城网 阅读(1.2万)", BODY[0], head, BODY[1], BODY[2]])
    assert res.meta["title"] == head
    assert (4, "title") in [(r.line, r.reason) for r in res.removed]
    assert 1 not in {r.line for r in res.removed}


def test_a_font_size_bar_one_item_a_line_is_metadata(clean):
    # the menu pass takes a run of short items under the stamp; a font-size bar's items are
    # the article's tools (metadata, as 字号：大 中 小 on one line is), a menu's are navigation
    res = run(clean, ["台风过境 全市中小学今日停课", "2025-09-23 07:39", "- 小", "- 中", "- 大",
                      *BODY])
    assert [(r.line, r.reason) for r in res.removed] == [(1, "metadata"), (2, "metadata"),
                                                         (3, "metadata"), (4, "metadata")]
    res = run(clean, ["台风过境 全市中小学今日停课", "2025-09-23 07:39", "- 要闻", "- 民生",
                      "- 体育", *BODY])
    assert [r.reason for r in res.removed][1:] == ["navigation"] * 3


def test_exclaiming_headline_shown_again_is_no_paragraph(clean):
    """A headline that exclaims or asks is shaped like a paragraph; printed again (one copy
    with the page's part mark) it is the headline, and the lines under it are the head:
    its copies go as title, the stamp as metadata."""
    head = "暴雨！暴雨！这些地方的受灾群众怎么样了？（2）"
    res = run(clean, ["设为书签可以将本页面保存下来，方便下次阅读。", "当前位置：新闻 > 政务", head,
                      head, "2024-03-08 08:37:12 江城网", head[:-3], *BODY])
    assert [(r.line, r.reason) for r in res.removed][-3:] == [(3, "title"), (4, "metadata"),
                                                              (5, "title")]
    assert 2 not in {r.line for r in res.removed}
    # one showing only: the same headline is no copy of anything, and stays with the body
    res = run(clean, [head, *BODY])
    assert res.removed == []


def test_list_items_above_and_under_the_body_read_by_their_words(clean):
    """A page turned to text marks the items of an HTML list (• …, - …): above or under the
    body an item is asked of the rules without its mark; between paragraphs it stays."""
    res = run(clean, [*BODY, "  • 06/16/2018", "  • 江城公告"])
    assert [(r.line, r.reason) for r in res.removed] == [(3, "metadata"), (4, "metadata")]
    assert res.meta["published"] == "2018-06-16"
    res = run(clean, [*BODY[:1], "- 2021-12-10 20:33:15", *BODY[1:]])
    assert res.removed == []


def test_pipeline_finds_facts_in_the_headline(pipe):
    art = pipe.extract("\n".join(["首页 > 新闻 > 正文", "城区今年新增12个口袋公园",
                                  "来源：市园林局", *BODY]))
    assert art.meta["title"] == "城区今年新增12个口袋公园"
    assert any(f.type == "count" and f.value == 12 for f in art.facts)


# Every known false positive of DESIGN.md's table, as a line of its own and inside a body line,
# in the head, the middle and the tail: it stays.
DESIGN_KEEP = [
    "返回家乡", "返回家乡创业的青年越来越多。", "登上热搜首页", "该话题登上热搜首页。",
    "资金来源于市级财政", "项目资金来源于市级财政和社会捐赠。", "编辑部", "基因编辑",
    "时间：3月8日 地点：市民活动中心", "现场交流分享", "3D打印", "责令关闭", "微信支付",
    "消费者可使用微信支付领取消费券。",
    "根据著作权法规定，版权所有人有权禁止他人未经许可使用其作品。",
    "红金年会颁奖", "开云集团", "开云集团上半年营收约90亿欧元。",
    "1月澳门博彩毛收入为193.37亿澳门元，同比增长67%。", "福利彩票",
    "今年全市共销售福利彩票4.2亿元。", "提供各机构官方网站入口", "广告法", "加盟",
    "连锁品牌开放加盟，在县城新开门店800家。", "相关部门", "相关部门表示，将加强监管。",
    "注册资本1000万元", "图为正在建设中的城东口袋公园。", "——助力科技创新，“她”义不容辞。",
    "——助力科技创新",
]


@pytest.mark.parametrize("where", ["head", "middle", "tail"])
def test_design_false_positives_stay(clean, where):
    for line in DESIGN_KEEP:
        lines = {"head": [line, *BODY], "middle": [*BODY[:1], line, *BODY[1:]],
                 "tail": [*BODY, line]}[where]
        res = run(clean, lines)
        assert res.removed == [], f"{line!r} in the {where}: {res.removed}"


def test_short_line_between_paragraphs_stays(clean):
    for line in ["相关新闻", "扫码关注", "点击进入", "标签：工业", "多部电影定档国庆 09-20",
                 "附件："]:
        res = run(clean, [*BODY[:1], line, *BODY[1:]])
        assert res.removed == [], line
    # but the same lines after the body are page furniture
    for line in ["来源：市统计局", "编辑：李四", "相关新闻", "标签：工业"]:
        assert [r.line for r in run(clean, [*BODY, line]).removed] == [3], line
    # and a credit alone with a bare value is furniture wherever it stands (88 such lines on
    # labelled real pages, every one junk): a source's name, an editor's
    for line in ["来源：市统计局", "编辑：李四"]:
        assert [r.line for r in run(clean, [*BODY[:1], line, *BODY[1:]]).removed] == [1], line


def test_spam_needs_brand_and_portal_or_shape(clean):
    def tail(line):
        return [r.reason for r in run(clean, [*BODY, line]).removed]

    assert tail("亚博体育官方网站") == ["spam"]
    assert tail("yabo亚博") == ["spam"]             # Latin glued to Han
    assert tail("亚博") == []                       # a brand alone
    assert tail("官方网站") == []                   # a portal word alone
    assert tail("亚博体育官网入口，欢迎广大球迷访问。") == []   # a sentence


def test_related_list_items(clean):
    lines = [*BODY, "相关新闻", "一季度工业数据出炉 2024-04-15", "全市新增规上企业236家",
             "欢迎读者来信反映问题。"]   # not a title: the list ends
    res = run(clean, lines)
    got = {r.line: r for r in res.removed}
    assert {i: got[i].reason for i in (3, 4, 5) if i in got} == dict.fromkeys((3, 4, 5),
                                                                             "related")
    # (the site's invitation under the list is no item of it: the list's rules leave it, the
    # word scorer may take it as furniture of its own)
    assert not set(got) - {3, 4, 5, 6}
    assert 6 not in got or got[6].rule == "boilerplate.scored.words"


def test_repost_card(clean):
    lines = ["以下文章来源于城市生活，作者小城", "城市生活", "记录城市的点滴变化。", *BODY]
    res = run(clean, lines)
    assert [r.line for r in res.removed] == [0, 1, 2] and res.meta["source"] == "城市生活"


def test_rules_compile_once(clean):
    cleaner = clean.cleaner
    assert cleaner.rules and cleaner.title_rule and cleaner.repeated_rule
    assert {r.reason for r in cleaner.rules if hasattr(r, "reason")} <= set(C.REASONS)


def test_bad_rule_is_a_clear_error(tmp_path):
    d = tmp_path / "boilerplate"
    d.mkdir()
    (d / "x.yaml").write_text("type: boilerplate\nrules:\n  - id: boilerplate.x\n    reason: junk\n"
                              "    pattern: 'a'\n    examples: []\n    counterexamples: []\n",
                              encoding="utf-8")
    with pytest.raises(Exception, match="reason"):
        C.build(load_rules(tmp_path))


def test_unknown_rule_key_fails_rules_check(tmp_path, capsys):
    """A misspelt key (max_length: for max_len:) would silently do nothing: it is an error
    naming the file and the rule, and `zhfacts rules --check` fails on it."""
    import shutil

    from pipeline.cli import main
    from pipeline.rules import RuleError
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "boilerplate" / "related.yaml"
    text = path.read_text("utf-8")
    assert "    max_len: 60\n" in text
    path.write_text(text.replace("    max_len: 60\n", "    max_length: 60\n", 1), "utf-8")
    with pytest.raises(RuleError,
                       match=r"related\.yaml: rule boilerplate\.related\.\w+: "
                       r"unknown key 'max_length'"):
        C.build(load_rules(rules))
    assert main(["rules", "--rules", str(rules), "--check"]) == 1
    assert "max_length" in capsys.readouterr().err
    assert main(["rules", "--check"]) == 0


# -- repetition across a batch -------------------------------------------------------------------

FOOTER = ["城市快讯客户端全新上线", "城市快讯 新闻热线 0512-66668888"]


def _site_docs(n, host="news.example.cn"):
    docs = []
    for k in range(n):
        body = [f"第{k + 1}篇：" + BODY[0], BODY[1],
                f"这是第{k + 1}篇稿件自己的结尾段落，内容与其他稿件都不相同。"]
        docs.append(Document(id=f"d{k}", text="\n".join(["本地新闻速递", *body, *FOOTER]),
                             meta={"url": f"https://www.{host}/a/{k}.html"}))
    return docs


def test_repeat_index_finds_site_furniture(clean):
    docs = _site_docs(6)
    index = RepeatIndex()
    for d in docs:
        index.add(d)
    rep = index.repeated(docs[0])
    assert set(FOOTER) <= rep and "本地新闻速递" in rep
    assert not any(BODY[1] in r for r in rep)           # sentences are never candidates
    res = clean(docs[0], rep)
    check_invariant(docs[0].text, res)
    gone = {r.text: r for r in res.removed}
    assert set(FOOTER) | {"本地新闻速递"} <= set(gone)
    assert all(r.rule == "boilerplate.repeated" for r in gone.values())
    assert gone[FOOTER[0]].reason == "related" and gone[FOOTER[1]].reason == "ad"


def test_repeat_alone_is_the_same(clean):
    (doc,) = _site_docs(1)
    index = RepeatIndex()
    index.add(doc)
    assert index.repeated(doc) == frozenset()
    assert clean(doc, index.repeated(doc)) == clean(doc)


def test_repeat_threshold(clean):
    index = RepeatIndex(min_articles=5, min_share=0.5)
    docs = _site_docs(4) + _site_docs(6, host="other.example.cn")
    for d in docs:
        index.add(d)
    assert index.repeated(docs[0]) == frozenset()       # only 4 articles of that site
    assert index.repeated(docs[4])                       # 6 of this one
    # a line on 5 of 12 pages: below 50%
    many = _site_docs(12, host="big.example.cn")
    for d in many[5:]:
        d.text = d.text.replace(FOOTER[0], "")
    index = RepeatIndex()
    for d in many:
        index.add(d)
    assert FOOTER[0] not in index.repeated(many[0]) and FOOTER[1] in index.repeated(many[0])


def test_repeated_line_between_paragraphs_stays(clean):
    lines = [*BODY[:1], "城市快讯客户端全新上线", *BODY[1:]]
    assert run(clean, lines, frozenset({"城市快讯客户端全新上线"})).removed == []


def test_repeat_groups():
    assert group_of(Document(id="a", meta={"url": "http://www.news.cn/x"})) == "host:news.cn"
    assert group_of(Document(id="a", source="/data/site1/a.txt")) == "dir:/data/site1"
    assert group_of(Document(id="a", source="/data/dump.jsonl:17")) == "file:/data/dump.jsonl"
    assert (
        group_of(Document(id="a", source="/data/x.warc.gz#http://a.cn/1")) == "file:/data/x.warc.gz"
    )
    assert group_of(Document(id="a", source="/data/x.zip!site1/a.txt")) == "file:/data/x.zip!site1"
    assert group_of(Document(id="a", source="/data/x.zip!d.jsonl:3")) == "file:/data/x.zip!d.jsonl"


# -- HTML ---------------------------------------------------------------------------------------

PAGE = """<html><head><title>港口集装箱吞吐量突破1000万标准箱</title>
<meta property="article:published_time" content="2024-12-12T10:30:00+08:00"></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/yw">要闻</a> &gt; 正文</div>
<article><h1>港口集装箱吞吐量突破1000万标准箱</h1>
<p>发布时间：2024-12-12 10:30 来源：港城新闻网</p>
<p>12月11日，港城港口集装箱吞吐量突破1000万标准箱，提前19天完成全年目标。</p>
<p>今年以来，港口新开通国际航线8条，外贸集装箱航线总数达到56条，同比增长约两成。</p>
<p>港口集团负责人表示，将继续推进智慧港口建设，明年自动化码头作业效率有望再提升10%。</p>
<p>责任编辑：郑华</p></article>
<div class="footer">版权所有©2024 港城新闻网 苏ICP备12345678号</div></body></html>"""


def test_html_input(pipe):
    require("trafilatura")
    art = pipe.process(Document(id="h", html=PAGE))
    assert art.error is None, art.error
    assert (
        "提前19天完成全年目标" in art.text
        and "责任编辑" not in art.text
        and "发布时间" not in art.text
    )
    assert "ICP" not in art.text
    assert art.meta["title"] == "港口集装箱吞吐量突破1000万标准箱"
    assert art.meta["published"] == "2024-12-12T10:30" and art.meta["editor"] == "郑华"
    assert all("发布时间" not in r.text or r.reason == "metadata" for r in art.removed)


def test_html_without_trafilatura(pipe, monkeypatch):
    real = builtins.__import__

    def no_traf(name, *a, **kw):
        if name == "trafilatura" or name.startswith("trafilatura."):
            raise ImportError("No module named 'trafilatura'")
        return real(name, *a, **kw)
    monkeypatch.setattr(builtins, "__import__", no_traf)
    art = pipe.process(Document(id="h", html=PAGE))
    assert art.facts == [] and "HtmlSupportMissing" in art.error and "zhfacts[html]" in art.error


def test_clean_stage_reads_text_only(clean):
    """HTML is made text before the clean stage (no import of the HTML reader in it)."""
    with pytest.raises(ValueError, match="make the HTML text first"):
        clean(Document(id="h", html=PAGE))
    import ast
    for f in (ROOT / "pipeline" / "clean").glob("*.py"):
        for node in ast.walk(ast.parse(f.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "html" not in (node.module or "") and all(
                    a.name != "html" for a in node.names
                ), f


# -- encodings ---------------------------------------------------------------------------------

TEXT = (
    "来源：苏州日报\n3月7日，市统计局发布数据显示，今年前两个月全市规模以上工业增加值同比增长6.2%。"
)


def test_decode_utf8_and_bom():
    assert decode(TEXT.encode("utf-8")) == (TEXT, None)
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == (TEXT, None)
    assert decode(TEXT.encode("utf-16")) == (TEXT, None)


@pytest.mark.parametrize("enc", ["gbk", "gb18030", "big5"])
def test_decode_guessed(enc):
    big5 = ("來源：蘇州日報\n3月7日，市統計局發布數據顯示，"
            "今年前兩個月全市規模以上工業增加值同比增長6.2%。")
    text = TEXT if enc != "big5" else big5
    got, warning = decode(text.encode(enc))
    assert got == text
    assert warning and "guessed" in warning


def test_decode_never_fails():
    got, warning = decode(b"\xfa\xfb\xfc\x80\x81\xff" * 3 + "中文".encode("gbk")[:1])
    assert isinstance(got, str) and warning


def test_odd_spaces_and_fullwidth_only_in_matching(clean):
    line = "\u3000来源：\xa0苏州日报\u3000"
    res = run(clean,
              [*BODY, "", line, "Ｃｏｐｙｒｉｇｈｔ\u3000２０２４\u3000苏州日报\u3000版权所有"])
    assert [r.text for r in res.removed] == [line,
                                             "Ｃｏｐｙｒｉｇｈｔ　２０２４　苏州日报　版权所有"]
    assert res.meta["source"] == "苏州日报"
    body_line = "今年以来，全市新增ＡＩ企业１２家，\u3000同比增长两成。"
    res = run(clean, [*BODY, body_line])
    assert res.text.split("\n")[-1] == body_line        # the body text is never altered


def test_article_of_short_lines_keeps_its_body_zone(clean):
    lines = ["春季招聘会", "时间：2024-03-16", "地点：市民广场", "来源：市人社局",
             "上一篇：市人社局召开工作会议"]
    res = run(clean, lines)
    # no paragraph anchors the zones: only the unmistakable lines go (a credit with a bare
    # value, the previous story's link)
    assert [(r.line, r.reason) for r in res.removed] == [(3, "metadata"), (4, "navigation")]
    lines = ["春季招聘会本周六举行。", "来源：市人社局"]
    assert [r.line for r in run(clean, lines).removed] == [1]


@pytest.mark.parametrize("text", ["2010-01-29", "\n2010年1月29日\n", "市统计局发布前两月工业数据",
                                  "责任编辑：李四", "  上一篇：我市召开安全生产工作会议  \r\n"])
def test_a_lone_line_is_never_removed(clean, text):
    res = clean(Document(id="t", text=text))
    check_invariant(text, res)
    assert res.removed == [] and res.text.strip() == text.strip()


def test_a_lone_line_still_goes_with_company(clean):
    res = run(clean, ["2010-01-29", "责任编辑：李四"])
    assert {r.line for r in res.removed} == {1}
    res = run(clean, ["2010-01-29", BODY[0]])
    assert {r.line for r in res.removed} == {0}


@pytest.mark.parametrize("line", ["一、申报时间", "活动地点：古镇南广场", "区科学技术局",
                                  "张建华 李秀英 王志刚 刘海燕", "食品烟酒 | 0.9 | -1.2",
                                  "家人们，好消息来了！"])
def test_body_line_under_page_furniture_is_no_headline(clean, line):
    for furniture in ("来源：市统计局", "首页 > 新闻中心 > 本地新闻"):
        res = run(clean, [furniture, line, *BODY])
        got = {r.line: r for r in res.removed}
        # (a row of names over the body under a breadcrumb may be its authors: the word scorer
        # takes it as a byline then, never as a headline's furniture)
        if 1 in got and _NAMES_ROW.match(line):
            assert got[1].reason == "metadata", (furniture, line)
            continue
        assert 1 not in got, (furniture, line)


_NAMES_ROW = re.compile(r"^[\u4e00-\u9fff]{2,4}(?: [\u4e00-\u9fff]{2,4}){2,}$")


def test_headline_and_site_names_over_the_body(clean):
    res = run(clean, ["XX县融媒体中心", "首页 丨 时政 丨 民生 丨 乡村振兴 丨 视频",
                      "我县启动冬季农田水利建设", "来源：XX县融媒体中心", *BODY,
                      "网站地图 │ 联系我们 │ 使用帮助 │ 隐私声明"])
    assert set(removed_lines(res)) == {0, 1, 3, 7}
    assert res.meta["title"] == "我县启动冬季农田水利建设"


def test_headline_list_is_no_anchor(clean):
    # a related headline with ！ and a date must not shield the junk above it from the tail
    res = run(clean, [*BODY, "相关阅读", "秋游季来了！这份赏秋地图请收好 2024-09-25",
                      "暖心！外卖小哥跳河救人 2024-09-17"])
    assert set(removed_lines(res)) == {3, 4, 5}


def test_link_list_is_no_paragraph(clean):
    # a long unfamiliar list of short items after the body is no anchor: the junk above it
    # stays in the tail zone
    junk = ("热点聚焦：养老金上调、公积金贷款利率、社保卡办理、医保报销比例、异地就医备案、"
            "个税专项附加扣除")
    res = run(clean, [*BODY, "扫码关注公众号", junk])
    assert 3 in removed_lines(res)
    assert not C.is_anchor_shape(C.norm(junk))
    assert C.is_anchor_shape(C.norm("全市共有医院、社区卫生服务中心、乡镇卫生院、"
                                    "村卫生室等各类医疗机构3200余家、床位5.6万张"))


# -- the page as a whole ---------------------------------------------------------------------

def test_related_block_takes_teasers_until_the_body_resumes(clean):
    teasers = ["相关推荐", "暑期档总票房突破百亿",
               "今年暑期档共有新片120部上映，观影人次超过3亿，较去年增长两成。",
               "城市书房新增12家", "截至8月底，全市城市书房已达86家，年接待读者超过200万人次。"]
    res = run(clean, BODY[:2] + teasers + BODY[2:])
    assert sorted(removed_lines(res)) == [2, 3, 4, 5, 6]
    assert {r.reason for r in res.removed} == {"related"}
    assert BODY[2] in res.text  # the paragraph after the block is article text again


def test_fields_laid_out_one_per_line(clean):
    head = ["学院新闻", "我院学子在省机器人大赛中获一等奖", "作者", "王晓东", "来源", "校团委",
            "点击数", "1234"]
    res = run(clean, head + BODY)
    assert sorted(removed_lines(res)) == [0, 2, 3, 4, 5, 6, 7]
    assert res.meta["author"] == "王晓东" and res.meta["source"] == "校团委"
    assert res.meta["title"] == "我院学子在省机器人大赛中获一等奖"


def test_spun_page_repeats_go_after_the_first(clean):
    spun = "城区新增口袋公园一览表最新版"
    res = run(clean, [spun, BODY[0], spun, BODY[1], spun, BODY[2], spun])
    assert sorted(removed_lines(res)) == [2, 4, 6]
    assert {r.reason for r in res.removed} == {"title"}


def test_keyword_spam_line_is_no_paragraph(clean):
    spam = "精品视频在线观看,午夜影院免费看,国产精品无码专区,欧美日韩高清播放,亚洲最新资源每日更新"
    assert not C.is_anchor_shape(C.norm(spam))
    res = run(clean, [spam, "城区新增5处口袋公园", "来源：市园林局", *BODY])
    assert removed_lines(res)[0].reason == "spam" and 1 not in removed_lines(res)


def test_paragraph_cut_before_its_stop_is_a_paragraph(clean):
    # an excerpt cuts the body's one paragraph before its 。: its clauses are no keywords, so
    # the page has a body and the furniture around it goes
    cut = ("2023年,全省市场监管部门坚持问题导向,完成食品安全监督抽检69万批次,依据食品安全国家"
           "标准进行检验,发现不合格样品1.9万批次,监督抽检不合格率为2.73%,较上年下降0.13个百分点")
    assert C.is_anchor_shape(C.norm(cut))
    assert not C.is_anchor_shape(C.norm(cut[:60] + "..."))    # a teaser cut with dots
    res = run(clean, ["法规标准", "省市场监管局关于食品安全监督抽检情况的通告",
                      "时间:2024-05-11 09:24:53", cut])
    assert sorted(removed_lines(res)) == [0, 2]


def test_a_post_written_a_phrase_a_line_keeps_its_lines_though_its_headline_repeats(clean):
    # a reposted account article: a phrase a line, no 。, its headline printed again over each
    # picture; the copies are no paragraphs, so the phrases read as the body's prose (是…, 纷纷…,
    # 有的…, …后) and only the copies and the pictures' labels go
    head = "小学|开学第一天,家长组团“暗中观察”刷屏"
    lines = [head, "今天(9月1日)", "是开学第一天", "多地中小学学生重返校园", "很快,热搜沸了!",
             head, "文章插图", "今早", "一段家长们“暗中观察”的视频", "在网络上火了",
             "一群家长在送孩子进校园后", "纷纷靠着墙向里“窥探”", head, "文章插图",
             "家长们有的蹲下身观察", "有的攀上栏杆往里看", "家长把孩子送进校园后",
             "纷纷贴墙“暗中观察”", head, "文章插图", "并表示", "“第一次当小学生的妈妈,我会努力的!”"]
    got = removed_lines(run(clean, lines))
    assert not {0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 20, 21} & set(got)
    assert {5, 12, 18} <= set(got) and got[5].reason == "title"


def test_line_scorer_needs_removed_neighbours(clean):
    # a short line alone after the body stays; the same shape among removed furniture goes
    assert run(clean, [*BODY, "本站热线"]).removed == []
    res = run(clean, [*BODY, "网站地图", "本站热线", "版权所有 城市网"])
    assert sorted(removed_lines(res)) == [3, 4, 5]
    assert removed_lines(res)[4].rule == "boilerplate.scored.line"


def test_notice_letter_and_its_signature_stay(clean):
    """A notice's cover letter under its salutation, then the issuer and date, then the rules it
    sends: the letter starts the body, so the signature date is no page stamp."""
    lines = ["首页 > 信息公开 > 规范性文件", "发布日期: 2024-01-23 生效时间: 2024-01-23",
             "关于印发《城区河道管理办法》的通知", "各街道办事处，区政府各部门：",
             "《城区河道管理办法》已经2024年1月5日区政府常务会议通过，现予印发，请遵照执行。",
             "区人民政府", "2024年1月17日", "城区河道管理办法", "第一章 总则",
             "第一条 为加强城区河道管理，保障防洪安全，改善水环境，结合本区实际，制定本办法。",
             "第二条 本办法适用于本区行政区域内河道的整治、利用和保护，以及相关的管理活动。"]
    res = run(clean, lines)
    assert sorted(removed_lines(res)) == [0, 1]


def test_anchored_patterns_use_match():
    from pipeline.clean.detectors import _anchored
    assert _anchored(r"^(?:上一篇|下一篇)\s*:") and _anchored(r"(?i)^copyright|^all rights")
    assert _anchored(r"^[(|]\s*a|^b")            # a | inside a class is no alternative
    assert not _anchored(r"^a|b") and not _anchored(r"(?:^a|^b)") and not _anchored(r"ICP\s*备")


# -- navigation, captions and comments judged by shape and place ------------------------------

def test_menu_one_item_a_line_goes_but_a_short_list_in_the_text_stays(clean):
    # a channel menu, one item a line, above the headline: navigation whatever its words
    menu = ["时事", "城乡", "人物", "观察", "快讯"]
    res = run(clean, [*menu, "全市工业经济开局平稳", *BODY])
    assert {r.line: r.reason for r in res.removed} == dict.fromkeys(range(5), "navigation")
    # three short lines between two paragraphs (a list in the article itself) stay
    res = run(clean, [BODY[0], "电子信息", "装备制造", "新材料", *BODY[1:]])
    assert res.removed == []
    # two short lines are no menu
    res = run(clean, ["时事", "城乡", "全市工业经济开局平稳", *BODY])
    assert 2 not in removed_lines(res)


def test_caption_with_spaced_photo_credit(clean):
    cap = "资料图：新投产的装备制造车间。图为工人在调试设备。 江城日报记者 王某 摄"
    res = run(clean, [BODY[0], cap, *BODY[1:]])
    assert {r.line: r.reason for r in res.removed} == {1: "caption"}
    # the same description without a credit holds facts: it stays
    res = run(clean, [BODY[0], "图为工人在调试新投产的装备制造设备。", *BODY[1:]])
    assert res.removed == []


def test_comment_thread_after_the_article_is_comment(clean):
    thread = ["网友评论", "江城网友 2024-03-08 09:12", "数据不错，希望继续保持！", "回复 举报"]
    res = run(clean, [*BODY, *thread])
    assert {r.line: r.reason for r in res.removed} == dict.fromkeys(range(3, 7), "comment")


@pytest.mark.parametrize("top", [
    # the page's headline over its source and time, then a longer title-like line over the
    # body (a subtitle or the story's own heading): the first is the headline, both stay
    ["工业提速说明了什么", "来源:江城统计网 更新时间:2024-03-08 08:07:26",
     "前两月工业增加值增速加快的原因解析"],
    # a reading site's chapter: the book's title, the site's app pointer, the chapter's first
    # section head, then the text — the title is a late headline over the section head
    ["县域商业体系建设研究", "上江城阅读APP看书，第一时间看更新", "三、县域商业体系建设的总体情况"],
])
def test_the_first_line_is_the_headline_over_a_removed_line_and_a_title_like_one(clean, top):
    res = run(clean, [*top, *BODY])
    assert set(removed_lines(res)) == {1}
    assert res.meta["title"] == top[0]


def test_traditional_lines_meet_the_simplified_rules(clean):
    # every Traditional character of the one script table is read in its Simplified form, so a
    # Taiwan forum's 張貼日期 / 積分 meet the rules written as 张贴日期 / 积分
    from pipeline.clean.shapes import furniture_form, norm
    assert norm("張貼日期：2021-03-09　積分：385") == "张贴日期:2021-03-09 积分:385"
    res = run(clean, ["張貼日期：2021-03-09 09:34　點閱：1452", "積分：385", *BODY])
    assert {0, 1} <= set(removed_lines(res))
    # the word scorer reads a line as its weights were learnt: only furniture made Simplified
    line = "旅遊資訊　免費註冊"
    assert furniture_form(line, norm(line)) == "旅遊资讯 免費注册"
    assert norm(line) == "旅游资讯 免费注册"
    assert furniture_form("旅游", norm("旅游")) == "旅游"


def test_headline_right_above_a_papers_own_story(clean):
    # furniture, then a title, then the paper's own story (本报讯…, no date): the title is the
    # headline, not a line the word scorer may take
    head = "探寻古镇春色 共话乡村振兴"
    res = run(clean, ["01:一版要闻", "本版列表新闻", "2024年03月08日 星期五 放大 缩小 默认",
                      head, "本报讯（记者 王某）近日，某区组织媒体记者走进乡村，采访春耕备耕情况。",
                      *BODY])
    assert 3 not in removed_lines(res) and res.meta["title"] == head
    assert {0, 1, 2} <= set(removed_lines(res))


def test_the_headline_shown_again_under_a_related_header_stays_a_copy(clean):
    # a content farm: a breadcrumb ending in the headline, the headline, its time, 相关推荐 and
    # the headline again right over the first paragraph — the breadcrumb and the copy go
    headline = "江城创新传播形式 打通宣传最后一公里"
    lines = [f"范文大全 > {headline}", "", headline, "", "时间:2020-06-13 10:43:14", "",
             "相关推荐", "", headline, "", *BODY]
    res = run(clean, lines)
    got = removed_lines(res)
    assert res.meta["title"] == headline
    assert 2 not in got
    assert got[0].reason == "navigation"
    assert 8 in got and 6 in got


def test_a_headline_whose_commas_stand_in_its_kicker_is_no_paragraph():
    # 【…正当时,…开新局】 then the title: 40+ characters with commas, but all inside the
    # kicker's brackets; the stamps and byline under it are the page head's
    from pipeline.clean.shapes import is_anchor_shape
    assert not is_anchor_shape(
        "【文化旅游正当时,乡村振兴开新局】2023江城小留镇乡村文化旅游节顺利闭幕")
    assert not is_anchor_shape(
        "“守护绿水青山,建设美丽家园”主题活动在江城滨海广场举行并启动志愿服务")
    assert is_anchor_shape(
        "【文化旅游】江城小留镇乡村文化旅游节顺利闭幕,为期10天的活动吸引游客30余万人次")


def test_first_line_over_removed_furniture_is_the_headline(clean):
    """No rule places the headline (no stamp under it when the headline pass runs), but the
    page's first line is shaped as one and only lines the rules removed stand between it and
    the body: it is the headline (meta.title) and stays; a first line with a line of text
    under it is not named so."""
    head = "城南中学第四届教工运动会隆重开幕"
    res = run(clean, [head, "正文", *BODY])
    assert [(r.line, r.reason) for r in res.removed] == [(1, "navigation")]
    assert res.meta["title"] == head
    res = run(clean, [head, "操场上彩旗飘飘 歌声嘹亮", *BODY])
    assert res.meta.get("title") != head


def test_a_notice_foot_over_its_annex_keeps_the_notice_in_the_body(clean):
    # a call for comments: its one paragraph, its contact, issuer and date, then the annex's
    # articles; the foot is the notice's own, so its first paragraph is no stray line on top
    lines = ["市商务局公开征求《江城市商贸流通网点规划》意见",
             "为做好商贸流通网点规划编制工作，市商务局起草了规划征求意见稿，现向社会公开征求"
             "意见，请于2024年4月10日前将意见反馈至联系人。",
             "联系人：王晓明", "联系电话：0512-66001234", "江城市商务局", "2024年3月8日",
             "附件：江城市商贸流通网点规划（征求意见稿）",
             "第一条 为优化全市商贸流通网点布局，促进商贸流通业健康发展，制定本规划。",
             "第二条 本规划适用于全市行政区域内的商贸流通网点建设和管理。"]
    res = run(clean, lines)
    assert not {1, 2, 3, 4, 5} & set(removed_lines(res))
    assert res.meta["title"] == lines[0]


def test_rule_missing_its_id_line_fails_rules_check(tmp_path, capsys):
    """A rule whose `- id:` line is lost would merge into the rule above it, YAML keeping the
    later of each key written twice: the loader rejects a key written twice, naming the line."""
    import shutil

    from pipeline.cli import main
    from pipeline.rules import RuleError
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "boilerplate" / "copyright.yaml"
    text = path.read_text("utf-8")
    line = "  - id: boilerplate.copyright.column_stance\n"
    assert line in text
    path.write_text(text.replace(line, "", 1), "utf-8")
    with pytest.raises(RuleError, match=r"copyright\.yaml: not valid YAML: key '\w+' written "
                       r"twice in one mapping \(first at line \d+\)"):
        load_rules(rules)
    assert main(["rules", "--rules", str(rules), "--check"]) == 1
    assert "written twice" in capsys.readouterr().err
