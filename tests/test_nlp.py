"""The NLP layer: both backends give jieba's words and jieba.posseg's tags, the pipeline finds the
same facts with either, and ctx.window gives the tokens the whole sentence has there."""
import json
import random

import pytest
from conftest import REF_DATE, ROOT, SHARED

from pipeline import Pipeline, nlp
from pipeline.context import Context, split_sentences

SUITES = sorted((SHARED / "benchmarks").glob("*.jsonl"))
HAS_RJIEBA = "rjieba" in nlp.available_backends()
needs_rjieba = pytest.mark.skipif(not HAS_RJIEBA,
                                  reason="rjieba (the `fast` extra) is not installed")


def _articles() -> list[tuple[str, str | None]]:
    dev = sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt"))
    out: list[tuple[str, str | None]] = [(p.read_text(encoding="utf-8"), None) for p in dev]
    for path in SUITES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out.append((d["text"], d.get("ref_date")))
    return out


ARTICLES = _articles()
# tricky pieces: letters and digits jieba-rs joins where jieba does not (2025-10-28, 0510-8182),
# dictionary words with + # & (c++, AT&T), characters only jieba-rs counts as Chinese (㐀),
# spaces of both kinds, a full stop inside a number
EDGES = ["发布时间：2025-10-28 09:15　　浏览次数：356", "可拨打0510-81827600。",
         "学习c++和C#语言，AT&T公司", "㐀㐁中国", "龘靐齉人成了", "  两个  空格，　全角　空格 ",
         "增长3.5%，达12.5万吨", "B超检查T恤衫3D打印",
         "首頁 > 新聞 > 財經：本地零售業第三季營業額按年上升"]   # characters outside the dictionary


def _sentences():
    out = [t[s:e] for t, _ in ARTICLES for s, e in split_sentences(t) if e > s]
    rnd = random.Random(11)
    windows = []
    for s in out:                # window-sized pieces too: count objects tag 8–24 characters
        if len(s) > 6:
            a = rnd.randrange(len(s) - 3)
            windows.append(s[a:a + rnd.randint(3, 24)])
    return out + windows + EDGES


SENTENCES = _sentences()


@pytest.fixture
def backend():
    """Restores the process's backend after a test switches it."""
    before = nlp.backend().name
    yield
    nlp.use_backend(before)


@pytest.fixture(scope="module")
def jieba_reference():
    """jieba.lcut and jieba.posseg (with and without HMM) of every sentence, computed once for
    both backends (jieba's own modules are never patched: the reference is the same)."""
    import jieba
    import jieba.posseg as pseg
    return [(s, jieba.lcut(s), {hmm: [(w.word, w.flag) for w in pseg.cut(s, HMM=hmm)]
                                for hmm in (True, False)}) for s in SENTENCES]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["jieba", pytest.param("rjieba", marks=needs_rjieba)])
def test_backend_words_and_tags_are_jiebas(name, backend, jieba_reference):
    nlp.use_backend(name)
    assert len(jieba_reference) > 3000
    for s, words, tagged in jieba_reference:
        assert nlp.backend().cut(s) == words, s
        for hmm in (True, False):
            want = tagged[hmm]
            assert nlp.tagger().cut(s, hmm) == want, (s, hmm)
            # the tokens finders get: the same words and tags, at their offsets
            toks = nlp.tagger().tokens(s, hmm)
            assert [(t.text, t.pos) for t in toks] == want, (s, hmm)
            assert all(s[t.start:t.end] == t.text for t in toks), (s, hmm)


@pytest.mark.parametrize("name", ["jieba", pytest.param("rjieba", marks=needs_rjieba)])
def test_block_tokens_without_hmm_are_posseg_words(name, backend):
    """A window of one block (what award recipients tag, no HMM) is tokenized in one walk of
    its route: posseg's words and tags, runs of ASCII letters and digits joined as eng."""
    import jieba.posseg as pseg

    from pipeline.context import POS_PIECES
    nlp.use_backend(name)
    blocks = [m.group(1) for s in SENTENCES[:400] for m in POS_PIECES.finditer(s) if m.group(1)]
    blocks += ["GDP增长5.2", "iPhone15发布会", "第3届CBA联赛", "a1b2的c", "荣获2024年度奖", "Q"]
    assert len(blocks) > 800
    for b in blocks:
        toks = nlp.tagger().tokens(b, False)
        assert [(t.text, t.pos) for t in toks] == [(w.word, w.flag)
                                                   for w in pseg.cut(b, HMM=False)], b
        assert all(b[t.start:t.end] == t.text for t in toks), b


@pytest.mark.parametrize("name", ["jieba", pytest.param("rjieba", marks=needs_rjieba)])
def test_word_tag_is_the_dictionarys(name, backend):
    import jieba
    import jieba.posseg as pseg
    jieba.dt.check_initialized()
    words = {w for s in SENTENCES[:1500] for w in jieba.lcut(s)}
    words |= {"产品", "只是", "羊", "聞", "業", "c++", "AT&T", "12"}
    nlp.use_backend(name)
    for w in sorted(words):
        want = pseg.dt.word_tag_tab.get(w) if jieba.dt.FREQ.get(w) else None
        assert nlp.word_tag(w) == want, w


@pytest.mark.slow
@needs_rjieba
def test_facts_are_the_same_with_either_backend(backend):
    pipe = Pipeline()

    def facts(name, text, ref_date):
        nlp.use_backend(name)   # forgets cached tokens
        return pipe.extract(text, ref_date=ref_date or REF_DATE).to_dict()["facts"]
    total = 0
    for text, ref_date in ARTICLES:
        with_jieba = facts("jieba", text, ref_date)
        assert facts("rjieba", text, ref_date) == with_jieba, text[:60]
        total += len(with_jieba)
    assert total > 1000


def test_window_holds_the_sentences_tokens():
    rnd = random.Random(5)
    checked = 0
    for text, _ in ARTICLES[:150] + [(e, None) for e in EDGES]:
        ctx = Context(text=text)
        for s, e in ctx.sentences:
            if e <= s:
                continue
            for pos, hmm in ((False, True), (True, True), (True, False)):
                whole = [nlp.Token(t.text, t.start + s, t.end + s, t.pos)
                         for t in (nlp.segment_pos(text[s:e], hmm) if pos
                                   else nlp.segment(text[s:e]))]
                assert ctx.window(s, e, pos=pos, hmm=hmm, margin=len(text)) == whole
                a = rnd.randrange(s, e)
                b, margin = min(e, a + rnd.randint(1, 6)), rnd.randint(0, 8)
                part = ctx.window(a, b, pos=pos, hmm=hmm, margin=margin)
                lo, up = max(s, a - margin), min(e, b + margin)
                if text[lo:up].isspace():
                    continue
                i = whole.index(part[0])   # a run of the sentence's tokens …
                assert whole[i:i + len(part)] == part
                covered = {k for t in part for k in range(t.start, t.end)}
                # … covering the window (a space after a word is that word's, not a token)
                assert all(k in covered or text[k].isspace()
                           for k in range(lo, up)), (text[lo:up], part)
                checked += 1
    assert checked > 1000


def test_a_wrong_backend_name_is_a_clear_error(monkeypatch):
    with pytest.raises(ValueError, match="rjieba"):
        nlp.use_backend("hanlp")
    monkeypatch.setenv("ZHFACTS_NLP", "hanlp")
    with pytest.raises(ValueError, match="ZHFACTS_NLP"):
        nlp.default_backend_name()
    monkeypatch.setenv("ZHFACTS_NLP", "jieba")
    assert nlp.default_backend_name() == "jieba"


# -- the tagger's own Viterbi and segment() give what jieba and spaCy give -------------------
HMM_STRINGS = ["有", "特新", "区人社局已", "名新入职", "陈晓燕", "徐工", "龘靐齉", "人成了",
               "最多时达", "荣获全国五一劳动奖章", "苏州市优秀共产党员", "被评为全国文明单位"]
HMM_CHARS = (
    "".join(HMM_STRINGS)
    + "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
    "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
    "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代"
    "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接"
    "知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府"
)


def _hmm_strings() -> list[str]:
    rnd = random.Random(3)
    return HMM_STRINGS + ["".join(rnd.choice(HMM_CHARS) for _ in range(rnd.randint(1, 7)))
                          for _ in range(400)]


def test_tagger_hmm_same_as_jieba(backend):
    """Runs the dictionary does not know go to the tagger's own Viterbi: tags as posseg's."""
    import jieba.posseg as pseg
    orig = pseg.viterbi
    nlp.use_backend("jieba")
    for s in _hmm_strings():
        assert nlp.tagger().cut(s, True) == [(w.word, w.flag) for w in pseg.cut(s)], s
    nlp.clear_caches()
    nlp.segment_pos("区人社局已招聘名新入职")
    assert pseg.viterbi is orig           # tagging leaves jieba's module as it was


def test_array_viterbi_same_as_jiebas_on_rare_characters():
    """Runs of characters with few HMM states often reach a state no previous one leads to,
    or none at all: the tagger's Viterbi then decides as jieba.posseg's does (private name:
    such runs are rare in text, so they are drawn here)."""
    import importlib

    import jieba.posseg as pseg
    orig = importlib.import_module("jieba.posseg.viterbi").viterbi
    model = (pseg.char_state_tab_P, pseg.start_P, pseg.trans_P, pseg.emit_P)
    fast = nlp._ArrayViterbi(*model)
    rnd = random.Random(7)
    rare = sorted(c for c, states in model[0].items() if len(states) <= 3)
    anything = [*sorted(model[0]), "Ω", "a"]          # outside the table: every state
    for pool in (rare, anything):
        for _ in range(1500):
            s = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 10)))
            assert fast(s) == orig(s, *model), s


def test_plain_viterbi_same_as_jiebas():
    """The pure-Python Viterbi the tagger falls back to without numpy. Private name: the
    fallback is only reached when numpy is missing, which no public call can arrange."""
    import importlib

    import jieba.posseg as pseg
    orig = importlib.import_module("jieba.posseg.viterbi").viterbi
    for s in _hmm_strings():
        args = (s, pseg.char_state_tab_P, pseg.start_P, pseg.trans_P, pseg.emit_P)
        assert nlp._viterbi(*args) == orig(*args), s


def test_segment_same_as_spacy_tokenizer():
    tok = nlp.blank_zh().tokenizer
    nlp.clear_caches()
    for text in ["今天，苏州市举行表彰大会。", "  前导空格 和  两个空格\t制表符\n换行 ",
                 "Hello world 2024年 GDP 增长5.2% ", "全国五一劳动奖章获得者 王秀英  在会上发言",
                 " ", "a  b", "\u3000全角空格\u3000文本\xa0不换行"]:
        want = tuple(nlp.Token(t.text, t.idx, t.idx + len(t.text)) for t in tok(text))
        assert nlp.segment(text) == want, text
