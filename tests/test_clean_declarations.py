"""A rights declaration under its header goes as a block; a page reporting one keeps it."""
from cleanhelp import removed

_BODY = ["今年以来，江城市持续推进老旧小区改造，已完成改造小区86个，惠及居民2.3万户。",
         "市住建局有关负责人介绍，下一步将重点推进加装电梯和停车位建设。"]


def test_declaration_paragraphs_under_their_header_go_as_copyright():
    lines = ["江城老旧小区改造提速", *_BODY, "免责声明",
             "江城新闻网所刊登的第三方稿件，版权均归原作者所有，转载请注明出处。",
             "与本网链接的网站，其内容由提供者负责，本网不承担任何法律责任。"]
    out = removed(lines)
    # (the header by the block; its lines by the block or, when a line rule knows their words
    # — 转载请注明, 本网不承担任何法律责任 — by that rule, copyright either way)
    assert out[3].rule == "boilerplate.copyright.declaration_block"
    assert {i for i, r in out.items() if r.reason == "copyright"} == {3, 4, 5}
    assert not set(out) & {0, 1, 2}


def test_the_block_stops_at_the_first_line_without_rights_words():
    # an e-paper's page: the headline, the page number, the paper's declaration, the story
    lines = ["江城老旧小区改造提速", "版次:A2  2025年03月12日", "江城日报社严正声明",
             "近来，部分网站未经授权擅自转载本报稿件。现声明如下：",
             "凡本报记者署名的作品，版权均属江城日报社所有，未经许可不得转载、摘编。", *_BODY]
    out = removed(lines)
    assert {2, 3, 4} <= set(out) and out[3].rule == "boilerplate.copyright.declaration_block"
    assert not set(out) & {0, 5, 6}


def test_a_page_reporting_a_declaration_keeps_it():
    # the declaration is the story: its header is the page's headline
    lines = ["江城日报社发表严正声明",
             "江城日报社17日发表严正声明，称部分网站未经授权转载该社稿件，侵犯其版权。",
             "该社有关负责人表示，今后将通过法律途径维护自身权益。"]
    assert not removed(lines)
    # nor does a header on the page's first line
    assert not removed(["严正声明", *lines[1:]])
