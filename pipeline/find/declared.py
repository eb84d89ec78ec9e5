"""The finder of declared rules: a fact rule written wholly in YAML, with no Python of its own.

A rule of any fact file (count, money, percent, award) that names a value builder is declared:

    - id: money.usd_slang
      pattern: '{QUAL_BEFORE}(?P<num>{NUMBER})(?P<cur>美刀|刀乐){QUAL_AFTER}'
      candidate: numeral          # optional: only sentences holding a scan candidate of this kind
      guards: [not_in_url, ascii_edges, {not_before: [子]}]
      value: number               # builders.py: number, number_times, amount, constant …
      unit: USD                   # a literal, or {currency: cur} and other unit builders
      tags: [slang]
      extras: [direction]         # change: up/down from the file's `change` words (builders.py)
      examples: [...]

Parts a pattern may use: {NUMBER} (a numeral, numerals.NUMBER), {NUMBER_SPACED}, {QUAL_BEFORE}
and {QUAL_AFTER} (optional qualifier words of lexicons/qualifiers.tsv, groups qb / qa: the fact's
qualifier), {CURRENCY} (a currency word of lexicons/currencies.tsv, group cur). Guards come from
pipeline/find/guards.py, builders from pipeline/find/builders.py; an unknown name, key or a bad
pattern is a RuleError naming the file and rule. `candidate:` is a kind of pipeline/scan.py
(numeral, currency, percent, date, award) or numeral:FOLLOW (numeral:currency, numeral:percent
…): the pattern then runs only over the sentences that hold such a candidate, found by the one
scan of the article that other finders share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import regex

from ..clean.triggers import required
from ..model import Fact
from ..numerals import NUMBER, NUMBER_SPACED
from ..patterns import alternation
from ..rules import RuleError, Rules
from ..scan import FOLLOWS, KINDS, scan, sentences_with
from . import builders, finder, schema
from .guards import GUARDS


@dataclass
class DeclaredRule:
    id: str
    type: str
    regex: Any
    candidate: tuple[str, str | None] | None
    value: tuple[Callable, Any]
    unit: tuple[Callable, Any] | None
    guards: list[tuple[Callable, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    extras: list[Callable] = field(default_factory=list)
    # words of which every match holds one (read from the pattern): a text with none of them
    # is not searched (most texts: the regex search fails only after trying every position)
    needs: frozenset[str] = frozenset()


def _named(spec, registry: dict, what: str, where: str) -> tuple[Callable, Any]:
    """`name` or {name: arg} → (function of the registry, arg)."""
    if isinstance(spec, str):
        name, arg = spec, None
    elif isinstance(spec, dict) and len(spec) == 1:
        ((name, arg),) = spec.items()
    else:
        raise RuleError(f"{where}: a {what} is a name or {{name: argument}}, not {spec!r}")
    if name not in registry:
        raise RuleError(f"{where}: no {what} named {name!r} (known: {', '.join(sorted(registry))})")
    return registry[name], arg


def _parts(rules: Rules, lex: builders.Lexicons) -> dict[str, str]:
    return {
        "NUMBER": NUMBER,
        "NUMBER_SPACED": NUMBER_SPACED,
        "QUAL_BEFORE": r"(?P<qb>" + alternation(lex.q_before) + r")?" if lex.q_before else "",
        "QUAL_AFTER": r"(?P<qa>" + alternation(lex.q_after) + r")?" if lex.q_after else "",
        "CURRENCY": r"(?P<cur>" + alternation(lex.currencies) + r")"
        if lex.currencies
        else r"(?P<cur>(?!))",
    }


def expand_pattern(rules: Rules | None, rf, rule: dict, parts: dict[str, str] | None = None) -> str:
    """The regex source of a declared rule's `pattern`, its parts filled in (rules.probe_patterns
    probes this)."""
    from ..dates.grammar import expand

    if parts is None:
        assert rules is not None, "parts or the rules to build them from"
        parts = _parts(rules, builders.make_lexicons(rules))
    return expand(rule["pattern"], parts, f"{rf.path}: rule {rule['id']}")


def compile_rule(rf, rule: dict, parts: dict[str, str]) -> DeclaredRule:
    where = f"{rf.path}: rule {rule['id']}"
    rx = None
    if rule.get("pattern"):
        src = expand_pattern(None, rf, rule, parts)
        try:
            rx = regex.compile(src, regex.V0)
        except regex.error as e:
            raise RuleError(f"{where}: bad pattern: {e}") from None
    cand = None
    if rule.get("candidate"):
        kind, _, follow = str(rule["candidate"]).partition(":")
        if kind not in KINDS or (follow and (kind != "numeral" or follow not in FOLLOWS)):
            raise RuleError(
                f"{where}: candidate must be one of {', '.join(KINDS)} "
                f"(numeral:{'|'.join(FOLLOWS)}), not {rule['candidate']!r}"
            )
        cand = (kind, follow or None)
    value = _named(rule["value"], builders.VALUES, "value builder", where)
    unit = rule.get("unit")
    if unit is None:
        unit_fn = None
    elif isinstance(unit, str):
        unit_fn = (builders.UNITS["literal"], unit)
    else:
        unit_fn = _named(unit, builders.UNITS, "unit builder", where)
    guards = [_named(g, GUARDS, "guard", where) for g in rule.get("guards") or ()]
    extras = [
        fn(arg, rf)
        for fn, arg in (
            _named(x, builders.EXTRAS, "extra builder", where) for x in rule.get("extras") or ()
        )
    ]
    needs = required(rx.pattern) if rx is not None else ()
    return DeclaredRule(
        rule["id"], rf.type, rx, cand, value, unit_fn, guards, list(rule.get("tags") or ()), extras,
        needs[0] if needs else frozenset(),
    )


def declared_rules(rules: Rules) -> list[DeclaredRule]:
    schema.check(rules)
    lex = builders.make_lexicons(rules)
    parts = _parts(rules, lex)
    return [
        compile_rule(rf, r, parts)
        for rf, r in rules.all_rules()
        if rf.type not in ("boilerplate", "date") and schema.is_declared(r)
    ]


@finder("declared")
def build(rules: Rules):
    compiled = declared_rules(rules)
    lex = builders.make_lexicons(rules)

    def matches(ctx, r: DeclaredRule):
        text = ctx.text
        if r.needs and not any(w in text for w in r.needs):
            return
        if r.candidate is None:
            yield from r.regex.finditer(text)
            return
        kind, follow = r.candidate
        if r.regex is not None and r.regex.search(text) is None:
            return        # no match in the whole text: none in its sentences, and no scan needed
        cands = scan(ctx, rules).of(kind, follow)
        if r.regex is None:  # the candidates themselves are the facts
            for c in cands:
                yield _CandMatch(c)
            return
        for s, e in sentences_with(ctx, cands):
            yield from r.regex.finditer(text, s, e)

    def find(ctx) -> list[Fact]:
        out: list[Fact] = []
        for r in compiled:
            for m in matches(ctx, r):
                if m.end() <= m.start():
                    continue
                got = r.value[0](ctx, m, r.value[1], lex)
                if got is None:
                    continue
                value, qual = got
                unit = r.unit[0](ctx, m, r.unit[1], lex) if r.unit else None
                extra = {"tags": list(r.tags)} if r.tags else {}
                fact = Fact(
                    r.type,
                    m.group(),
                    m.start(),
                    m.end(),
                    value,
                    r.id,
                    unit,
                    builders.qualifier_of(m, lex, qual),
                    extra=extra,
                )
                if all(g(ctx, m, fact, arg) for g, arg in r.guards):
                    for add_extra in r.extras:
                        fact.extra.update(add_extra(ctx, m, fact))
                    out.append(fact)
        return out

    return find


class _CandMatch:
    """A scan candidate seen as a match (a rule with `candidate:` and no `pattern`)."""

    def __init__(self, c):
        self.c = c

    def start(self, g=0):
        return self.c.start

    def end(self, g=0):
        return self.c.end

    def group(self, g=0):
        return self.c.text

    def groupdict(self):
        return {"num": self.c.text} if self.c.kind == "numeral" else {}
