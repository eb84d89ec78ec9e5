"""The clean stage's speed-ups must not change a result: norm() gives the normal form its
definition states, and the proposal tables (by sentence punctuation, zone and line length)
give what asking every rule gives."""
import pytest

from pipeline import Pipeline, clean
from pipeline.clean import triggers as clean_triggers


@pytest.mark.parametrize("line,want", [
    # NFKC: full-width to half-width, \u3000 and \xa0 to spaces, runs of spaces to one, trimmed
    ("　責任編輯：王小明　", "责任编辑:王小明"),     # page furniture in Traditional: Simplified
    ("本报讯（记者 张三）", "本报讯(记者 张三)"),
    ("ＡＢＣ１２３ 返回頂部", "ABC123 返回顶部"),
    ("", ""), ("  ", ""),
    ("相關新聞\xa0 熱門評論", "相关新闻 热门评论"),
    ("今天，苏州市举行表彰大会。", "今天,苏州市举行表彰大会。"),
    # a forum's jammer noise around a post's words is dropped; noise alone, or with a board's
    # name, and a menu's bars stay for their rules
    ("0 }0 I& S  E6 s* i# b  ~) Q新能源车是大屏的先驱& \\7 ^3 d7 M( R", "Q新能源车是大屏的先驱"),
    ("- s7 b9 N! n$ j% ]8 w. g湖畔论坛", "- s7 b9 N! n$ j% ]8 w. g湖畔论坛"),
    ("首页 > 新闻中心 > 本地新闻 > 社会 > 正文 > 江城新区",
     "首页 > 新闻中心 > 本地新闻 > 社会 > 正文 > 江城新区"),
])
def test_norm_is_its_definition(line, want):
    assert clean.norm(line) == want


def _rule_lines(rules) -> list[str]:
    lines = []
    for rf in rules.of_type("boilerplate"):
        for entry in rf.rules:
            for key in ("examples", "counterexamples"):
                for ex in entry.get(key) or []:
                    lines.extend(
                        str(ex.get("text", ex) if isinstance(ex, dict) else ex).split("\n")
                    )
    return lines


def test_proposal_tables_same_as_every_rule():
    rules = Pipeline().rules
    cl = clean.Cleaner(rules)
    lines = _rule_lines(rules)
    assert len(lines) > 50
    proposed = 0
    for line in lines:
        n = clean.norm(line)
        want = [p for p in (r.propose(n) for r in cl.rules) if p is not None]
        assert cl.proposals(n) == want, line
        proposed += bool(want)
        # between two paragraphs: some of those, in the same order, every `zone: any` one kept
        middle = cl.proposals(n, middle=True)
        it = iter(want)
        assert all(p in it for p in middle), line
        assert [p for p in want if p.zone == "any"] == [p for p in middle if p.zone == "any"], line
    assert proposed > 50


def test_chrome_word_lines_wake_their_rules():
    """A chrome-words rule wakes only on a line opening with one of its words or a bullet:
    its words in other cases and behind bullets and separators still wake it."""
    from pipeline.clean.detectors import ChromeWordsDetector
    rules = Pipeline().rules
    cl = clean.Cleaner(rules)
    chrome = [r for r in cl.rules if isinstance(r, ChromeWordsDetector)]
    assert chrome
    checked = 0
    for r in chrome:
        for w in sorted(r.words)[:40]:
            for line in (w, w.upper(), w.title(), f"• {w}", f"-{w.upper()}", f"▪ {w} | {w}",
                         f"| {w}", f"{w} / {w}", f"» {w.title()} »", f"İ{w}", f"K{w}"):
                n = clean.norm(line)
                want = [p for p in (q.propose(n) for q in cl.rules) if p is not None]
                assert cl.proposals(n) == want, line
                checked += any(p.rule == r.id for p in want)
    assert checked > 50


# -- triggers: which rules a line may wake -----------------------------------------------------

@pytest.mark.parametrize("pattern,required,first", [
    (r"^(?:上一篇|下一篇)\s*[:：]", {"上一篇", "下一篇"}, {"上", "下"}),
    (r"^[【\[]?(?:返回顶部|回到顶部)[】\]]?$", {"返回顶部", "回到顶部"}, {"【", "[", "返", "回"}),
    # a lookahead's words are in the line too; \p{Han} may be any character
    (r"^(?=.*(?:首页|新闻))\p{Han}{2,4}$", {"首页", "新闻"}, None),
    # under (?i) every case of a letter, the Kelvin sign and the long s included
    (r"(?i:ok)$", {"ok", "oK", "o\u212a", "Ok", "OK", "O\u212a"}, {"o", "O"}),
    # a string that holds another adds nothing
    (r"关闭|关闭本页", {"关闭"}, {"关"}),
    # an optional part is no requirement, and the first character may come after it
    (r"^(?:本报)?记者\s*\p{Han}{2,4}$", {"记者"}, {"本", "记"}),
    # nothing known: a backreference, a pattern that may match nothing, a scoped flag it
    # does not read
    (r"(\p{Han})\1", None, None),
    (r"^\d*$", None, None),
    (r"(?x) 首页", None, None),
    (r"(?:首页){e<=1}", None, None),  # fuzzy matching: 首页 may be missing a character
])
def test_triggers_read_patterns(pattern, required, first):
    from pipeline.clean import triggers
    assert triggers.required(pattern)[:1] == ((frozenset(required),) if required else ())
    assert triggers.first_chars(pattern) == (frozenset(first) if first else None)


@pytest.mark.parametrize("pattern,last", [
    (r"^[【\[]?(?:返回顶部|回到顶部)[】\]]?$", {"】", "]", "部"}),
    (r"(?:分享|转发)\s*$|^点赞$", {"享", "发", "赞", *clean_triggers._SPACE}),
    (r"分享$|转发", None),          # a match of one branch may end anywhere
    (r"^\d+$", None),               # any digit
    (r"^(?:记者)?$", None),          # it may match nothing
])
def test_triggers_read_line_ends(pattern, last):
    assert clean_triggers.last_chars(pattern) == (frozenset(last) if last else None)


def _variants(line: str) -> list[str]:
    n = clean.norm(line)
    h = len(n) // 2
    return [v for v in {n, n[:h], n[h:], n[1:], n[:-1], n + "。", n.upper(), n.lower(),
                        n.replace(" ", ""), " | ".join(n.split())} if v]


def test_triggers_never_miss_a_match():
    """Every line a rule's pattern matches (rule examples and variants of them) holds one of
    each of the rule's sets of trigger characters, starts with one of its first characters and
    ends with one of its last."""
    from pipeline.clean.detectors import PatternRule
    from pipeline.clean.triggers import first_chars, last_chars, pattern_triggers
    rules = Pipeline().rules
    cl = clean.Cleaner(rules)
    lines = sorted({v for line in _rule_lines(rules) for v in _variants(line)})
    checked = 0
    for r in cl.rules:
        if not isinstance(r, PatternRule):
            continue
        chars, more = pattern_triggers(r.re.pattern)
        first = first_chars(r.re.pattern) if r.find == r.re.match else None
        last = last_chars(r.re.pattern)
        for n in lines:
            if r.find(n):
                checked += 1
                assert chars is None or not chars.isdisjoint(n), (r.id, n)
                assert more is None or not more.isdisjoint(n), (r.id, n)
                assert first is None or n[0] in first, (r.id, n)
                assert last is None or n[-1] in last, (r.id, n)
    assert checked > 500


def test_trigger_case_tables_are_the_engines():
    """The case folds and the white space the pattern reader assumes are the regex module's."""
    import regex

    from pipeline.clean import triggers
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for c in "abcdefghijklmnopqrstuvwxyz":
        assert set(regex.findall("(?i)" + c, every)) == triggers._ASCII_FOLDS[c], c
    assert set(regex.findall(r"\s", every)) == triggers._SPACE
    assert set(regex.findall(r"(?i)\s", every)) == triggers._SPACE
    # what the reader takes as caseless (Han, kana, CJK and ASCII punctuation, digits) folds
    # to nothing else under (?i), nor to one another
    caseless = {c for c in every if triggers._caseless(c)}
    assert set(regex.findall("(?i)[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u30ff\uff00-\uff20"
                             "\uff3b-\uff40\uff5b-\uff65\x00-\x40\x5b-\x60\x7b-\x7f]",
                             every)) == caseless
    assert all(c.lower() == c.upper() == c for c in caseless)
    # the characters whose lower() holds an ASCII letter other than that letter's capital
    lowers = {}
    for x in every:
        if not x.isascii():
            for c in x.lower():
                if c.isascii():
                    lowers.setdefault(c, set()).add(x)
    assert lowers == {c: {x} for c, x in triggers._LOWERS_TO.items()}
    # what lower() changes, read over the cased blocks only, is what it changes over them all
    changed: dict[str, set[str]] = {}
    for x in every:
        if x.lower() != x:
            changed.setdefault(x.lower()[0], set()).add(x)
    assert triggers.lowered_from() == changed


def test_page_proposals_are_read_as_far_as_needed():
    """A page's proposals for a line are the rules' proposals in order; the rules after the
    first are asked only when a caller reads past it."""
    from pipeline.clean.page import Proposals
    rules = Pipeline().rules
    cl = clean.Cleaner(rules)
    n = clean.norm("分享到：微信 微博 QQ空间")
    want = cl.proposals(n)
    assert len(want) >= 1
    asked = []

    def each():
        for p in want:
            asked.append(p)
            yield p
    ps = Proposals(each())
    assert ps and ps[0] == want[0] and len(asked) == 1
    assert list(ps) == want and len(ps) == len(want) and ps[-1] == want[-1]
    assert not Proposals(iter(()))


def test_word_trie_matches_as_the_alternation():
    """patterns.word_trie finds the same keys at the same places as the longest-first
    alternation, also where a longer key must give way to a shorter one (来源于 → 来源: …)."""
    import random

    import regex

    from pipeline.clean.detectors import FieldsDetector
    from pipeline.patterns import alternation, word_trie
    rules = Pipeline().rules
    fields = next(r for r in clean.Cleaner(rules).rules if isinstance(r, FieldsDetector))
    keys = [k for k, _ in fields.keys] + ["来源", "来源于", "来", "作者", "作"]
    rnd = random.Random(7)
    alphabet = "".join({c for k in keys for c in k}) + ": |丨于0"
    lines = [clean.norm(x) for x in _rule_lines(rules)]
    lines += ["来源于: 新华社", "来源于新华社", "作者:作:者", "来源:作者 来源于:"]
    lines += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(2, 30))) for _ in range(1000)]
    for tail in (r"\s*(?::|\|(?!\s*T)|丨)\s*", r"\s*:", ""):
        plain = regex.compile(f"(?P<key>{alternation(keys)}){tail}")
        trie = regex.compile(f"(?P<key>{word_trie(keys)}){tail}")
        for n in lines:
            assert ([(m.span(), m["key"]) for m in plain.finditer(n)]
                    == [(m.span(), m["key"]) for m in trie.finditer(n)]), n
    assert word_trie([]) == "" and word_trie(["", "新闻"]) == "(?:新闻)"


def test_word_scan_finds_what_the_whole_trie_finds():
    """patterns.WordScan (the words split by their first character into a few tries) gives the
    whole trie's matches, also where words overlap (the whole trie takes only the first) and on
    the locale stage's own cue words."""
    import random
    import re

    from pipeline.patterns import WordScan, word_trie
    rnd = random.Random(11)
    words = ["香港", "港府", "港元", "新台币", "台币", "台北", "北京", "立法会", "会议", "澳门",
             "门票", "票价", "价格", "新界", "界限"]
    alphabet = "".join({c for w in words for c in w}) + "的了，。 0"
    texts = ["香港港府港元", "新台币台北京", "立法会议价格", "澳门票价", "新界限"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40))) for _ in range(3000)]
    rows = Pipeline().rules.lexicon("locales")
    cues = sorted({r["cue"] for r in rows if r["kind"] == "text"})
    texts += ["".join(rnd.choice(cues) + rnd.choice(["", "的", "港"]) for _ in range(8))
              for _ in range(500)]
    for ws in (words, cues):
        scan, whole = WordScan(ws), re.compile(word_trie(sorted(set(ws))))
        assert scan.parts, "the words should split into several tries"
        for t in texts:
            assert ([m.span() for m in scan.finditer(t)]
                    == [m.span() for m in whole.finditer(t)]), t
