"""The clean stage's speed-ups must not change a result: norm() gives the normal form its
definition states, and the proposal tables (by sentence punctuation, zone and line length)
give what asking every rule gives."""
import pytest

from pipeline import Pipeline, clean


@pytest.mark.parametrize("line,want", [
    # NFKC: full-width to half-width, \u3000 and \xa0 to spaces, runs of spaces to one, trimmed
    ("　責任編輯：王小明　", "责任编辑:王小明"),     # page furniture in Traditional: Simplified
    ("本报讯（记者 张三）", "本报讯(记者 张三)"),
    ("ＡＢＣ１２３ 返回頂部", "ABC123 返回顶部"),
    ("", ""), ("  ", ""),
    ("相關新聞\xa0 熱門評論", "相关新闻 热门评论"),
    ("今天，苏州市举行表彰大会。", "今天,苏州市举行表彰大会。"),
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
