"""money facts. (First skeleton: the capability issue fills this in.)"""
from __future__ import annotations

from ..context import Context
from ..model import Fact
from ..rules import Rules


def build(rules: Rules):
    def find(ctx: Context) -> list[Fact]:
        return []
    return find
