"""The caption passes (pipeline/clean/captions.py): captions only the page around them shows."""
from cleanhelp import removed

P1 = "3月12日，江城市第十届湿地观鸟节在滨江湿地公园开幕，吸引了近两万名市民和游客前来观鸟。"
P2 = "据介绍，今年湿地公园记录到的越冬候鸟达86种，比去年增加了9种，其中国家一级保护鸟类4种。"
P3 = "观鸟节将持续到3月底，其间还将举办科普讲座、摄影比赛和亲子自然课堂等活动。"


def _rules(got, lines):
    return {lines[i]: r.rule.rsplit(".", 1)[-1] for i, r in got.items()}


def test_a_caption_printed_twice_goes_both_times():
    cap = "市民在观鸟台上用望远镜观察候鸟。"
    lines = [P1, cap, "", cap, P2, P3]
    got = removed(lines)
    assert {1, 3} <= set(got) and got[1].reason == got[3].reason == "caption"
    assert not {0, 4, 5} & set(got)


def test_two_different_sentences_in_a_row_stay():
    lines = [P1, "市民在观鸟台上用望远镜观察候鸟。", "孩子们在湖边的科普展板前驻足。", P2, P3]
    assert not removed(lines)


def test_a_paragraph_printed_twice_alone_is_the_article():
    # the whole article is the one sentence, twice: no other body to keep, nothing judged
    lines = [P1, P1]
    assert len(removed(lines)) < 2


def test_the_text_set_again_under_a_credit_stays_and_the_credits_go():
    # a paragraph printed twice is body both times (docs/LABELLING.md), under a picture's
    # credit too: a reader of a real page kept the copies, so only the credits go
    lines = [P1, P2, "江城晚报 供图", P1, P2, "江城晚报 供图", P3]
    got = removed(lines)
    assert {2, 5} <= set(got)
    assert not {0, 1, 3, 4, 6} & set(got)


def test_new_text_under_a_credit_stays():
    lines = [P1, "江城晚报 供图", P2, P3]
    assert set(removed(lines)) == {1}


def test_a_gallery_above_its_photo_credit_goes():
    labels = ["游客在观鸟台前合影。", "小朋友在展板前驻足。", "志愿者讲解候鸟知识。",
              "白鹭在湖面上觅食。"]
    lines = [P1, P2, *labels, "记者 林小禾 摄影报道"]
    got = removed(lines)
    assert set(range(2, 7)) <= set(got)
    assert all(got[i].rule.endswith("caption.gallery") for i in range(2, 6))
    assert not {0, 1} & set(got)


def test_short_closing_paragraphs_above_a_credit_stay_when_fewer_than_three():
    lines = [P1, P2, "观鸟节免费开放。", "欢迎市民前来参观。", "记者 林小禾 摄影报道"]
    got = removed(lines)
    assert not {0, 1, 2, 3} & set(got)


def test_a_short_label_under_a_picture_prompt_goes():
    lines = [P1, "打开江城新闻 查看精彩图片", "", "白鹭在湖面上觅食。", "", P2, P3]
    got = removed(lines)
    assert got[3].rule.endswith("caption.after_picture")
    assert not {0, 5, 6} & set(got)


def test_a_short_paragraph_or_subhead_under_a_picture_stays():
    for line in ("据介绍，观鸟节共持续三周。", "候鸟种类创新高"):
        lines = [P1, "IMG_20240301_0930.jpg", line, P2, P3]
        got = removed(lines)
        assert 1 in got and 2 not in got, line


def test_alt_text_held_in_the_caption_next_to_it_goes():
    lines = [P1, "江城港口吞吐量走势图", "图(3)江城港口吞吐量走势图(本站绘制)", P2, P3]
    got = removed(lines)
    assert {1, 2} <= set(got) and got[1].rule.endswith("caption.twice")
    assert not {0, 3, 4} & set(got)


def test_the_title_numbered_between_paragraphs_goes():
    alt = "江城湿地观鸟节开幕"
    lines = [alt, P1, f"{alt}(1)", P2, f"{alt}(2)", P3]
    got = removed(lines)
    assert {2, 4} <= set(got) and got[2].rule.endswith("caption.numbered")
    assert not {1, 3, 5} & set(got)


def test_one_numbered_line_of_its_own_stem_stays():
    lines = [P1, "越冬候鸟种类统计表(1)", P2, P3]
    assert 1 not in removed(lines)


def test_labels_run_together_then_shown_one_a_picture_go():
    a, b = "市民在观鸟台上用望远镜观察候鸟。", "孩子们在湖边的科普展板前驻足。"
    lines = [P1, f"图1：{a}图2：{b}图3：", a, b, P2, P3]
    got = removed(lines)
    assert {1, 2, 3} <= set(got) and got[3].rule.endswith("caption.twice")
    assert not {0, 4, 5} & set(got)


def test_a_long_label_shown_twice_below_the_first_paragraph_goes():
    cap = "县长率领民政处长亲临颁奖给十四家绩优宗教团体"
    lines = [P1, cap, cap, P2, P3]
    got = removed(lines)
    assert {1, 2} <= set(got) and got[1].rule.endswith("caption.twice")
    assert not {0, 3, 4} & set(got)
    lines = [cap, cap, P1, P2, P3]     # above the first paragraph: the headline, twice
    assert not any(r.rule.endswith("caption.twice") for r in removed(lines).values())


def test_a_picture_storys_captions_above_their_credits_stay():
    # a picture story's captions are its text: the dates, places and counts are in them (on an
    # unseen sample a gallery's five captions, labelled body, were taken when they went)
    a, b = "湿地公园的白鹭在湖面上觅食。", "3月12日，小朋友在科普展板前驻足。"
    lines = [P1, a, "林小禾摄（江城图片）", b, "（记者 陈一鸣 摄）", P2, P3]
    got = removed(lines)
    assert {2, 4} <= set(got)
    assert not {0, 1, 3, 5, 6} & set(got)


def test_one_short_paragraph_above_one_credit_stays():
    lines = [P1, "观鸟节将免费向市民开放。", "林小禾摄（江城图片）", P2, P3]
    got = removed(lines)
    assert 2 in got and 1 not in got
    # nor the text's last short paragraph above the credit the article closes on
    lines = [P1, P2, "观鸟节将免费向市民开放。", "林小禾摄（江城图片）",
             "湿地公园的白鹭在湖面上觅食。", "（记者 陈一鸣 摄）"]
    assert not {0, 1, 2, 4} & set(removed(lines))


def test_flush_labels_between_indented_paragraphs_go():
    ind = ["\u3000\u3000" + p for p in (P1, P2, P3)]
    labels = ["市民在观鸟台上用望远镜观察候鸟", "志愿者为游客讲解候鸟知识"]
    lines = [ind[0], ind[1], *labels, ind[2]]
    got = removed(lines)
    assert {2, 3} <= set(got) and got[2].rule.endswith("caption.flush")
    assert not {0, 1, 4} & set(got)


def test_flush_lines_stay_when_alone_listed_or_on_a_flush_page():
    ind = ["\u3000\u3000" + p for p in (P1, P2, P3)]
    # one flush line: a subhead as often as a label
    assert not removed([ind[0], ind[1], "候鸟种类创新高", ind[2]])
    # a numbered heading and its first item
    assert not removed([ind[0], ind[1], "一、观鸟节的主要安排", "（一）科普讲座进社区", ind[2]])
    # a page that indents none of its paragraphs
    assert not removed([P1, P2, "市民在观鸟台上用望远镜观察候鸟", "志愿者为游客讲解候鸟知识", P3])


def test_two_labels_each_shown_twice_go_above_the_first_paragraph_too():
    a, b, c = "市民在观鸟台上观察越冬候鸟", "志愿者为游客讲解湿地知识", "孩子们在湖边的展板前驻足"
    lines = [a, a, b, b, c, c, P1, P2, P3]
    got = removed(lines)
    # the first pair: the title rules' headline (and its copy); the labels after it go
    assert {2, 3, 4, 5} <= set(got) and got[2].rule.endswith("caption.twice")
    assert not {6, 7, 8} & set(got)
    # one label twice above the first paragraph: the headline printed twice, the title rules'
    lines = [a, a, P1, P2, P3]
    assert not any(r.rule.endswith("caption.twice") for r in removed(lines).values())


def test_a_section_number_and_its_heading_set_flush_stay():
    ind = ["\u3000\u3000" + p for p in (P1, P2, P3)]
    assert not removed([ind[0], ind[1], "02", "科普讲座走进社区", ind[2]])


def test_a_caption_that_describes_in_a_sentence_is_the_articles_text():
    # the described picture's caption stays with its facts; its copy, a short caption and a
    # photo-download pointer go (boilerplate.caption.described)
    described = ("3月12日，市民在滨江湿地公园的观鸟台上用望远镜观察越冬候鸟，现场还设置了科普展板。"
                 " 记者 林小禾 摄")
    lines = [P1, described, P2, described, "观鸟台。（记者 林小禾 摄）", P3,
             "有關活動的相片可按此連結下載瀏覽。"]
    got = removed(lines)
    assert 1 not in got
    assert {3, 4, 6} <= set(got) and {got[i].reason for i in (3, 4)} == {"caption"}
    assert not {0, 2, 5} & set(got)


def test_a_headline_printed_again_and_again_on_top_keeps_its_first_showing():
    # a spun page's headline shown four times over the story: the first is the headline, the
    # copies go as its copies
    head = "江城湿地观鸟节吸引近两万人次。"
    lines = [head, head, head, head, P1, P2, P3]
    got = removed(lines)
    assert set(got) == {1, 2, 3} and {got[i].reason for i in got} == {"title"}


def test_a_picture_is_caption_stays_even_without_a_stop_but_its_label_form_goes():
    # 图为会议现场 tells what the picture shows, as every 图为… line did on labelled real pages;
    # 图为：… with its colon is a gallery's label, as the rule reads it
    lines = [P1, "图为观鸟节开幕现场", P2, "图为：市民在观鸟台观察候鸟", P3]
    got = removed(lines)
    assert 1 not in got and got[3].reason == "caption", _rules(got, lines)


def test_a_file_picture_is_caption_with_its_agency_credit_is_the_articles_text():
    # 资料图为… says as 图为… does what the picture shows: the sentence stays, the agency's
    # credit after it notwithstanding; the credit alone still goes
    lines = [P1, "资料图为游客在湿地公园观鸟。江城通讯社图片", P2, "江城通讯社图片", P3]
    got = removed(lines)
    assert 1 not in got, _rules(got, lines)


def test_a_dated_caption_with_its_credit_last_is_the_articles_text():
    # a picture's caption that tells an event, its date first and its credit last, stays with
    # its date however short its sentence (8 Chinese characters, not 16); a short label with a
    # credit still goes
    dated = "3月12日，候鸟飞抵滨江湿地公园。记者 林小禾 摄"
    lines = [P1, dated, P2, "滨江湿地公园。记者 林小禾 摄", P3]
    got = removed(lines)
    assert 1 not in got and 3 in got
    assert not {0, 2, 4} & set(got)
