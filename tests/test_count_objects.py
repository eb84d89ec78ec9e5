"""The counted object's walks ask for a window's far tokens one run of unknown characters at a
time (CountFinder._tagged_edge's more()), and ask only whether a token is left (more.left())
where they do not read it: the words and the open edge they find must be those of a walk over
the whole window's tokens. Private names: which runs are tagged shows in no output."""
from __future__ import annotations

import random

import pytest
from conftest import ROOT

from pipeline.find.count import CountFinder


@pytest.fixture(scope="module")
def finder(pipe):
    return CountFinder(pipe.rules)


def _windows(n: int) -> list[tuple[str, int, int]]:
    """Windows of 3-16 characters at random places of the dev corpus, and 3-16 before each."""
    rnd = random.Random(5)
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "corpus/dev/articles").glob("*.txt"))]
    out = []
    for _ in range(n):
        t = rnd.choice(texts)
        a = rnd.randrange(len(t))
        out.append((t, a, min(len(t), a + rnd.randint(3, 16))))
    return out


# the window's cut edge ends inside an unknown name the HMM tags as one word: once the edge's
# word is dropped, the far run gives no token, and the verb before (after) it is the last one
EDGE_RUNS = [("项目建成徐彩萍", False), ("企业入驻陈晓燕", False), ("学生获得双护", False),
             ("徐彩萍参加人员", True), ("陈晓燕入驻企业", True), ("双护获得学生", True)]


def _all(more) -> list[list]:
    chunks = []
    while (got := more()) is not None:
        chunks.append(got)
    return chunks


def test_walks_with_lazy_tokens_are_walks_over_all_tokens(finder):
    lazy = 0
    for text, left in EDGE_RUNS:
        first, more = finder._tagged_edge(text, 0, len(text), left, not left, left=left)
        assert more is not None and _all(finder._tagged_edge(text, 0, len(text), left, not left,
                                                             left=left)[1]) == [[]], text
        walk = finder._before_walk(first, len(text), more) if left else \
            finder._after_walk(first, 0, more)
        assert walk[0] and walk[1] is True, text        # words, and the edge was reached
    for text, a, b in _windows(6000):
        for cut in (False, True):
            first, more = finder._tagged_edge(text, a, b, False, cut, left=False)
            if more is not None:
                lazy += 1
                whole = [*first, *(t for c in _all(finder._tagged_edge(
                    text, a, b, False, cut, left=False)[1]) for t in c)]
                assert finder._after_walk(list(first), 0, more) == \
                    finder._after_walk(whole, 0, None), (text[a:b], cut)
            first, more = finder._tagged_edge(text, a, b, cut, False, left=True)
            if more is not None:
                lazy += 1
                chunks = _all(finder._tagged_edge(text, a, b, cut, False, left=True)[1])
                whole = [*(t for c in reversed(chunks) for t in c), *first]
                assert finder._before_walk(list(first), b - a, more) == \
                    finder._before_walk(whole, b - a, None), (text[a:b], cut)
    assert lazy > 300            # windows holding a run for the HMM were walked
