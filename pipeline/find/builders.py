"""Named value and unit builders for declared rules (pipeline/find/declared.py).

A value builder is build(ctx, m, arg, lex) -> (value, qualifier) or None (no fact); a unit
builder is unit(ctx, m, arg, lex) -> str or None. `m` is the rule's match, `arg` what the rule
wrote after the builder's name (`value: {number_times: 1000}` → arg 1000), `lex` the lexicons
the declared finder loaded (Lexicons below). Register one with @value_builder / @unit_builder;
an extra builder (@extra_builder, a rule's `extras:`) adds fields such as `change`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..numerals import parse_number, parse_quantity
from ..patterns import alternation

VALUES: dict[str, Callable] = {}
UNITS: dict[str, Callable] = {}


@dataclass
class Lexicons:
    currencies: dict[str, dict[str, str]]  # word → row of lexicons/currencies.tsv
    local_currency: dict[str, str]  # meta.locale → code of a bare 元 (money.yaml)
    q_before: dict[str, str]  # qualifiers.tsv
    q_after: dict[str, str]


def value_builder(name: str):
    def register(fn):
        VALUES[name] = fn
        return fn

    return register


def unit_builder(name: str):
    def register(fn):
        UNITS[name] = fn
        return fn

    return register


def _num_group(m) -> str | None:
    return m.groupdict().get("num")


def _tidy(v: float) -> int | float:
    v = round(v, 10)
    return int(v) if v == int(v) else v


@value_builder("number")
def number(ctx, m, arg, lex):
    """The number in group `num` (七成: 七, 2万余: 20000 more_than), or the whole match."""
    v, q = parse_quantity(_num_group(m) or m.group())
    return None if v is None else (_tidy(v), q)


@value_builder("number_times")
def number_times(ctx, m, arg, lex):
    """The number in group `num` times `arg` (成: 10, 千分之: 0.1)."""
    got = number(ctx, m, None, lex)
    return None if got is None else (_tidy(got[0] * float(arg)), got[1])


@value_builder("amount")
def amount(ctx, m, arg, lex):
    """Money: the number in group `num` times the factor of the currency word in group `cur`
    (lexicons/currencies.tsv: 5角 = 0.5)."""
    got = number(ctx, m, None, lex)
    if got is None:
        return None
    row = lex.currencies.get(m.groupdict().get("cur") or "")
    factor = float(row["factor"]) if row and row.get("factor") else 1.0
    return _tidy(got[0] * factor), got[1]


@value_builder("constant")
def constant(ctx, m, arg, lex):
    """A fixed value (翻一番: 100)."""
    return arg, None


@value_builder("fraction")
def fraction(ctx, m, arg, lex):
    """The share groups `num` / `den` name, in percent to two decimals (1/4: 25, 2/3: 66.67);
    none when the part is not below the whole."""
    num, den = parse_number(m.group("num")), parse_number(m.group("den"))
    if not num or not den or num >= den:
        return None
    return _tidy(round(num * 100 / den, 2)), None


@value_builder("digits")
def digits(ctx, m, arg, lex):
    """The number written in group `num` with no magnitude or qualifier reading (年份 2024)."""
    v = parse_number(_num_group(m) or m.group())
    return None if v is None else (v, None)


@unit_builder("currency")
def currency(ctx, m, arg, lex):
    """The ISO code of the currency word in group `cur` (or group `arg`); `local` → by the
    article's place (meta.locale, money.yaml local_currency), CNY when unknown."""
    word = m.groupdict().get(arg or "cur")
    row = lex.currencies.get(word or "")
    if row is None:
        return None
    code = row["code"]
    if code == "local":
        code = lex.local_currency.get(ctx.meta.get("locale") or "", "CNY")
    return code


@unit_builder("literal")
def literal(ctx, m, arg, lex):
    return arg


# extra builders: extra(arg, rf) -> fn(ctx, m, fact) -> dict of extra fields, built once per rule
EXTRAS: dict[str, Callable] = {}


def extra_builder(name: str):
    def register(fn):
        EXTRAS[name] = fn
        return fn

    return register


@extra_builder("direction")
def direction(arg, rf):
    """`change: up | down` when a direction word stands just before the fact, only `between`
    words or spaces after it (上升了0.5个百分点): the words of the rule file's `change` section
    (percent.yaml), or of arg {up, down, between}."""
    words = arg or rf.data.get("change") or {}
    up, down = list(words.get("up") or ()), list(words.get("down") or ())
    if not up and not down:
        return lambda ctx, m, fact: {}
    between = list(words.get("between") or ())
    rx = regex.compile(
        r"(?P<w>"
        + alternation([*up, *down])
        + r")(?:"
        + (alternation(between) + "|" if between else "")
        + r"[ \t\u3000])*$"
    )
    ups = set(up)

    def change(ctx, m, fact) -> dict:
        got = rx.search(ctx.text, max(0, fact.start - 12), fact.start)
        return {"change": "up" if got.group("w") in ups else "down"} if got else {}

    return change


def qualifier_of(m, lex: Lexicons, found: str | None) -> str | None:
    """A qualifier word in group `qb` (before) or `qa` (after) wins over the number's own."""
    g = m.groupdict()
    if g.get("qa"):
        return lex.q_after.get(g["qa"], found)
    if g.get("qb"):
        return lex.q_before.get(g["qb"], found)
    return found


def make_lexicons(rules) -> Lexicons:
    from ..numerals import load_qualifiers

    cur = {r["word"]: r for r in rules.lexicons.get("currencies", [])}
    local = {}
    if "money" in rules.files:
        local = dict((rules.file("money").data.get("guards") or {}).get("local_currency") or {})
    qb, qa = load_qualifiers(rules.lexicons.get("qualifiers", []))
    return Lexicons(cur, local, qb, qa)
