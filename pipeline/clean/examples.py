"""How a boilerplate rule's example or counterexample is read: its lines set in a small article
of three paragraphs, above them (zone head), between the first two (middle) or under them
(tail, the default). tests/test_rules.py checks every rule's examples on such articles, and
the context scorer's trainer (corpus/train_line_scorer.py --context) learns from them what the
rules' authors keep in the body: the design's own near-misses."""
from __future__ import annotations

from typing import Any

BODY = [
    "3月7日，市统计局发布数据显示，今年前两个月全市规模以上工业增加值同比增长6.2%，增速比去年同期加"
    "快1.5个百分点。",
    "分行业看，电子信息、装备制造和新材料三大产业合计贡献了超过六成的增长，其中新能源装备产值增长超"
    "过两成。",
    "市统计局有关负责人表示，随着一批重大项目陆续投产，预计全年工业经济将保持平稳向好的态势。",
]


def article(ex: str | dict[str, Any]) -> tuple[dict[str, Any], list[str], list[int]]:
    """The example as a mapping, the article's lines, and the places of the example's own
    lines among them (by position: an example may hold a line twice)."""
    ex = {"text": ex} if isinstance(ex, str) else ex
    own = ex["text"].split("\n")
    zone = ex.get("zone", "tail")
    if zone == "head":
        lines, start = own + BODY, 0
    elif zone == "middle":
        lines, start = BODY[:1] + own + BODY[1:], 1
    else:
        lines, start = BODY + own, len(BODY)
    return ex, lines, list(range(start, start + len(own)))
