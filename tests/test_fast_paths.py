"""The speed-ups that must not change a result: nlp._viterbi against jieba's own Viterbi, the
clean stage's rule tables and prefilters against asking every rule, norm() against its
definition, award's `re` word scans against the `regex` ones."""
import importlib
import random
import unicodedata

import regex

from pipeline import Pipeline, clean, nlp
from pipeline.find import award

STRINGS = ["有", "特新", "区人社局已", "名新入职", "陈晓燕", "徐工", "龘靐齉", "人成了", "最多时达",
           "荣获全国五一劳动奖章", "苏州市优秀共产党员", "被评为全国文明单位"]


def test_viterbi_same_as_jieba():
    import jieba.posseg as pseg
    orig = importlib.import_module("jieba.posseg.viterbi").viterbi
    rnd = random.Random(3)
    chars = (
        "".join(STRINGS)
        + "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
        "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
        "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
        "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代"
        "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接"
        "知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府"
    )
    for _ in range(400):
        STRINGS.append("".join(rnd.choice(chars) for _ in range(rnd.randint(1, 7))))
    array_viterbi = nlp._ArrayViterbi(pseg.char_state_tab_P, pseg.start_P, pseg.trans_P,
                                      pseg.emit_P)
    for s in STRINGS:
        args = (s, pseg.char_state_tab_P, pseg.start_P, pseg.trans_P, pseg.emit_P)
        want = orig(*args)
        assert nlp._viterbi(*args) == want, s
        assert array_viterbi(s) == want, s
    # tagging leaves jieba's module as it was
    nlp.segment_pos.__wrapped__("区人社局已招聘名新入职")
    assert pseg.viterbi is orig


def _norm_by_definition(line: str) -> str:
    return clean._WS.sub(" ", unicodedata.normalize("NFKC", line)).strip().translate(clean._T2S)


def test_norm_same_as_definition():
    for line in ["　責任編輯：王小明　", "本报讯（记者 张三）", "ＡＢＣ１２３ 返回頂部", "", "  ",
                 "相關新聞\xa0 熱門評論", "今天，苏州市举行表彰大会。"]:
        assert clean.norm(line) == _norm_by_definition(line)


def test_proposal_tables_same_as_every_rule():
    pipe = Pipeline()
    cl = pipe._clean.cleaner
    lines = []
    for rf in pipe.rules.of_type("boilerplate"):
        for entry in rf.rules:
            for key in ("examples", "counterexamples"):
                for ex in entry.get(key) or []:
                    lines.extend(
                        str(ex.get("text", ex) if isinstance(ex, dict) else ex).split("\n")
                    )
    assert len(lines) > 50
    for line in lines:
        n = clean.norm(line)
        for middle in (False, True):
            sent = bool(clean.SENT.search(n))
            if sent:  # between paragraphs only those that may act there
                rules = (
                    [r for r in cl._sent_rules if not middle or r in cl._middle_rules]
                    if len(n) <= cl._sent_max
                    else []
                )
            elif len(n) > max(cl._max, 120):
                rules = []
            else:
                rules = cl._middle_rules if middle else cl.rules
            want = [p for p in (r.propose(n) for r in rules) if p is not None]
            assert cl.proposals(n, middle) == want, line


def test_award_word_scans_match_regex():
    f = award.AwardFinder(Pipeline().rules)
    text = ("她荣获全国五一劳动奖章、全国三八红旗手称号，"
            "被评为“苏州市优秀共产党员”，市妇联获评巾帼文明岗。")
    for rx, words in ((f.lex_re, f.lex_level), (f.suffix_re, f.suffix_strength),
                      (f.trigger_re, f.triggers)):
        slow = regex.compile(award._alt(words))
        spans = [m.span() for m in rx.finditer(text)]
        assert spans and spans == [m.span() for m in slow.finditer(text)]


def test_segment_same_as_spacy_tokenizer():
    tok = nlp.blank_zh().tokenizer
    for text in ["今天，苏州市举行表彰大会。", "  前导空格 和  两个空格\t制表符\n换行 ",
                 "Hello world 2024年 GDP 增长5.2% ", "全国五一劳动奖章获得者 王秀英  在会上发言",
                 " ", "a  b", "\u3000全角空格\u3000文本\xa0不换行"]:
        want = tuple(nlp.Token(t.text, t.idx, t.idx + len(t.text)) for t in tok(text))
        assert nlp.segment.__wrapped__(text) == want, text


def test_resolve_same_as_pairwise():
    from pipeline.context import Context
    from pipeline.model import Fact
    from pipeline.resolve import NESTING, PRIORITY, resolve
    rnd = random.Random(5)
    text = "".join(rnd.choice("一二三四五六七八九十年月日元万个%") for _ in range(200))
    for trial in range(300):
        facts = []
        for _ in range(rnd.randint(0, 40)):
            s = rnd.randint(0, 195)
            e = s + rnd.randint(0 if trial % 10 == 0 else 1, 6)
            facts.append(Fact(rnd.choice(["money", "percent", "date", "count", "award"]),
                              text[s:e], s, e, None, "r"))
        numeric = sorted({(f.type, f.start, f.end): f for f in reversed(facts)
                          if f.type not in NESTING}.values(),
                         key=lambda f: (-(f.end - f.start), -PRIORITY.get(f.type, 0), f.start))
        want = []
        for f in numeric:
            if not any(f.start < k.end and k.start < f.end for k in want):
                want.append(f)
        got = resolve(Context(text=text), list(facts))
        assert sorted((f.type, f.start, f.end) for f in got if f.type not in NESTING) == \
            sorted((f.type, f.start, f.end) for f in want)
