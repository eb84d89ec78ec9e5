"""The finders, one per fact type, in a registry.

A finder is a function build(rules) -> find(ctx) -> list[Fact], registered under a name with
the @finder decorator:

    from pipeline.find import finder

    @finder("phone")
    def build(rules):
        def find(ctx): ...
        return find

Which finders run, and in what order, is data: rules/finders.tsv (one name a line; a later
finder sees the facts of earlier ones in ctx.facts). A name there not registered yet is looked
for as a module of this package (pipeline/find/<name>.py registers itself when imported). A
rules folder without that file runs the built-in finders in their default order.
"""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from ..rules import RuleError, Rules

Build = Callable[[Rules], Callable]

REGISTRY: dict[str, Build] = {}

# the built-in finders: modules of this package with a build(rules), registered on first use
_BUILTIN = {"money": "money", "percent": "percent", "date": "date", "count": "count",
            "award": "award", "declared": "declared"}   # declared: rules written in YAML alone
DEFAULT_ORDER = ("money", "percent", "date", "count", "award", "declared")


def finder(name: str) -> Callable[[Build], Build]:
    """Register build(rules) -> find(ctx) as the finder `name` (a later registration replaces
    it)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"a finder's name must be a non-empty string, not {name!r}")

    def register(build: Build) -> Build:
        REGISTRY[name] = build
        return build
    return register


def registered() -> dict[str, Build]:
    """Every finder by name: the built-in ones and those registered with @finder."""
    for name, module in _BUILTIN.items():
        if name not in REGISTRY:
            REGISTRY[name] = importlib.import_module(f"{__name__}.{module}").build
    return REGISTRY


def order(rules: Rules) -> list[str]:
    """The names of the finders to run, in order: rules/finders.tsv, else DEFAULT_ORDER."""
    rows = rules.lexicons.get("finders")
    if rows is None:
        return list(DEFAULT_ORDER)
    names = [(row.get("name") or "").strip() for row in rows]
    known = registered()
    where = f"{rules.root}/finders.tsv"
    for n in names:
        if n not in known and n.isidentifier() and importlib.util.find_spec(f"{__name__}.{n}"):
            importlib.import_module(f"{__name__}.{n}")  # registers itself (@finder) on import
        if n not in known:
            raise RuleError(
                f"{where}: no finder named {n!r} (registered: {', '.join(sorted(known))})"
            )
    if len(set(names)) != len(names):
        raise RuleError(f"{where}: a finder is listed twice")
    return names


def build_finders(rules: Rules) -> list[tuple[str, Callable]]:
    """(name, find) of each finder to run, built with `rules`, in order."""
    known = registered()
    return [(name, known[name](rules)) for name in order(rules)]
