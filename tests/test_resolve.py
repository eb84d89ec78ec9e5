"""resolve: of overlapping numeric facts the longest wins (then the type's priority, then the
earliest); awards may hold other facts and are not settled against them."""
import random

from pipeline.context import Context
from pipeline.model import Fact
from pipeline.resolve import NESTING, PRIORITY, resolve


def test_resolve_same_as_pairwise():
    """The fast sweep keeps what comparing every kept fact with every other keeps."""
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
