"""Award facts: what the finder makes of the seed article, levels, recipients, lists, and the
rule file itself.

Rule examples and counterexamples of rules/award.yaml run in tests/test_rules.py; the seed's
score is tests/test_seed.py's; here are the properties no single example shows.
"""
from __future__ import annotations

import pytest
import regex
from conftest import REF_DATE

from pipeline.context import Context
from pipeline.find.award import AwardFinder
from pipeline.rules import load_rules

RULES = load_rules()


@pytest.fixture(scope="module")
def finder():
    return AwardFinder(RULES)


def awards(finder, text):
    facts = finder.find(Context(text=text, ref_date=REF_DATE))
    for f in facts:
        assert text[f.start:f.end] == f.text
    return facts


def by_text(facts):
    return {f.text: f for f in facts}


# -- the seed article ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_article(seed):
    assert seed.article.error is None, seed.article.error
    return seed.article


def test_seed_levels_and_recipients(seed, seed_article):
    got = [f for f in seed_article.facts if f.type == "award"]
    gold = [g for g in seed.gold["facts"] if g["type"] == "award"]
    for g in gold:
        if g.get("optional"):
            continue
        f = next((f for f in got if f.value == g["value"]), None)
        assert f is not None, g
        assert f.extra.get("level") == g.get("level"), (g, f.extra)
        if "recipient" in g:
            assert f.extra.get("recipient") == g["recipient"], (g, f.extra)


def test_seed_programmes_are_not_awards(seed_article):
    text = seed_article.text
    got = [f for f in seed_article.facts if f.type == "award"]
    for name in ("木兰讲师团", "“幸福港湾”实践项目", "巾帼暖“新”驿站", "巾帼志愿服务项目",
                 "美丽庭院", "木兰家教", "讲师团", "示范基地", "科技基地", "最美“她”答卷"):
        for i in [m.start() for m in regex.finditer(regex.escape(name), text)]:
            bad = [f.text for f in got if f.start < i + len(name) and i < f.end]
            assert not bad, f"{name} taken as award {bad}"


def test_seed_nomination(seed_article):
    f = next(f for f in seed_article.facts if f.type == "award" and f.value == "江苏慈善奖")
    assert f.extra["status"] == "nominated"
    assert f.extra["level"] == "provincial"


# -- levels -------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix,level", [
    ("全国", "national"), ("中国", "national"), ("中华", "national"), ("国家", "national"),
    ("共和国", "national"), ("省", "provincial"), ("江苏省", "provincial"), ("浙江", "provincial"),
    ("上海市", "provincial"), ("市", "municipal"), ("苏州市", "municipal"),
    ("焦作市", "municipal"), ("市级", "municipal"), ("区", "district"), ("县", "district"),
    ("姑苏区", "district"), ("吴江区", "district"), ("", None),
])
def test_level(finder, prefix, level):
    text = f"去年，她获评{prefix}五一劳动奖章。"
    facts = awards(finder, text)
    assert len(facts) == 1, facts
    assert facts[0].value == f"{prefix}五一劳动奖章"
    assert facts[0].extra["level"] == level


def test_community_is_not_a_district_prefix(finder):
    f = by_text(awards(finder, "该社区巾帼文明岗的姐妹们忙碌起来。"))
    assert "区巾帼文明岗" not in f and f["巾帼文明岗"].extra["level"] is None


# -- lists, variants, quotes --------------------------------------------------------------------
def test_list_level_distributes_without_claiming_it(finder):
    facts = awards(finder, "全县新增省巾帼建功标兵、巾帼文明岗和三八红旗集体共9个。")
    f = by_text(facts)
    assert f["省巾帼建功标兵"].extra["level"] == "provincial"
    for name in ("巾帼文明岗", "三八红旗集体"):
        assert f[name].extra["level"] is None
        assert f[name].extra["list_level"] == "provincial"


def test_collective_variant(finder):
    f = by_text(awards(finder, "表彰市三八红旗手（集体）20个。"))
    assert f["市三八红旗手"].value == "市三八红旗手"
    assert f["市三八红旗手"].extra["tags"] == ["collective"]


def test_quoted_value_drops_quotes(finder):
    facts = awards(finder, "该家庭获评全国“最美家庭”。")
    assert [(f.text, f.value) for f in facts] == [("全国“最美家庭”", "全国最美家庭")]


def test_recipient_shared_by_a_list_after_one_trigger(finder):
    facts = awards(finder, "市一中教师陆晓云先后荣获全国优秀教师、省三八红旗手和市劳动模范。")
    assert [f.value for f in facts] == ["全国优秀教师", "省三八红旗手", "市劳动模范"]
    assert {f.extra["recipient"] for f in facts} == {"陆晓云"}


def test_recipient_null_when_not_said(finder):
    for text in ("她荣获全国三八红旗手称号。", "2023年新增全国最美家庭5户。"):
        facts = awards(finder, text)
        assert facts and all(f.extra["recipient"] is None for f in facts), (text, facts)


def test_award_nests_over_a_date(pipe):
    art = pipe.extract("王建国主持的课题荣获焦作市2013年度科技进步奖一等奖。", ref_date=REF_DATE)
    aw = [f for f in art.facts if f.type == "award"]
    assert [f.text for f in aw] == ["焦作市2013年度科技进步奖一等奖"]


def test_numbers_in_award_names_stay_inside(pipe):
    """三八, 五一, 五四, 七一 inside honours are never counts (the count finder's side)."""
    art = pipe.extract("她先后获得全国三八红旗手、全国五一劳动奖章、中国青年五四奖章和七一勋章。",
                       ref_date=REF_DATE)
    aw = [f for f in art.facts if f.type == "award"]
    assert len(aw) == 4
    inside = [f for f in art.facts if f.type in ("count", "money", "percent")
              and any(a.start <= f.start < a.end for a in aw)]
    assert not inside, inside


# -- the rule file ------------------------------------------------------------------------------
def _rule_sentences():
    rf = RULES.file("award")
    for r in rf.rules:
        for kind in ("examples", "counterexamples"):
            for ex in r.get(kind) or []:
                yield kind, (ex if isinstance(ex, str) else ex["text"])


def test_enough_rule_sentences():
    sents = list(_rule_sentences())
    assert sum(1 for k, _ in sents if k == "examples") >= 40
    assert sum(1 for k, _ in sents if k == "counterexamples") >= 20


def test_every_trigger_and_head_has_an_example(finder):
    f = finder
    examples = [t for k, t in _rule_sentences() if k == "examples"]
    seen_trig = {m.group() for t in examples for m in f.trigger_re.finditer(t)}
    seen_head = {m.group() for t in examples for m in f.suffix_re.finditer(t)}
    seen_head |= {m.group() for t in examples for m in f.prefix_re.finditer(t)}
    seen_head |= {h for t in examples for h in f.context_heads if h in t}
    trig = {t["trigger"] for t in RULES.lexicon("award_triggers")}
    heads = {h["head"] for h in RULES.lexicon("award_heads")}
    assert not trig - seen_trig, f"triggers without an example: {sorted(trig - seen_trig)}"
    assert not heads - seen_head, f"heads without an example: {sorted(heads - seen_head)}"


def test_rule_sentences_are_not_copied_from_the_seed(seed):
    for _, text in _rule_sentences():
        for i in range(max(0, len(text) - 11)):
            assert text[i:i + 12] not in seed.text, f"{text!r} copies the seed: {text[i:i + 12]!r}"


def test_category_takes_the_prize_before_it_in_its_paragraph(pipe):
    text = ("第三十六届中国电影金鸡奖揭晓，影片《山河》获得最佳故事片奖，李梅获得最佳女配角奖。\n"
            "另据报道，青年作家周岚获得优秀散文奖。")
    cats = {f.text: f.extra.get("category_of") for f in pipe.extract(text).facts
            if f.type == "award"}
    assert cats["最佳故事片奖"] == cats["最佳女配角奖"] == "第三十六届中国电影金鸡奖"
    assert cats["优秀散文奖"] is None          # another paragraph: no parent


def test_traditional_award_heads_and_triggers(pipe):
    facts = [f for f in pipe.extract("該校學生榮獲香港傑出青年獎。").facts if f.type == "award"]
    assert [(f.text, f.rule, f.extra.get("recipient")) for f in facts] == [
        ("香港傑出青年獎", "award.pattern", "該校學生")
    ]


def test_word_scans_match_regex(finder):
    """The finder's `re` word scans find what the same alternation compiled by `regex` finds."""
    from pipeline.patterns import alternation
    text = ("她荣获全国五一劳动奖章、全国三八红旗手称号，"
            "被评为“苏州市优秀共产党员”，市妇联获评巾帼文明岗。")
    for rx, words in ((finder.lex_re, finder.lex_level), (finder.suffix_re, finder.suffix_strength),
                      (finder.trigger_re, finder.triggers)):
        slow = regex.compile(alternation(words))
        spans = [m.span() for m in rx.finditer(text)]
        assert spans and spans == [m.span() for m in slow.finditer(text)]
