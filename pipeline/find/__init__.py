"""One finder per fact type. Each module has build(rules) -> find(ctx) -> list[Fact].

The order is the order they run in: later finders see earlier facts in ctx.facts.
"""
from . import award, count, date, money, percent

FINDERS = (money, percent, date, count, award)
