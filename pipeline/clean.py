"""Boilerplate lines out, metadata in. (First skeleton: issue 6 fills this in.)"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Document, Removed
from .rules import Rules


@dataclass
class Cleaned:
    text: str                                   # body lines joined with "\n"
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def build(rules: Rules):
    def clean(doc: Document, repeated: frozenset[str] = frozenset()) -> Cleaned:
        lines = split_lines(doc.text or "")
        return Cleaned(text="\n".join(lines))
    return clean
