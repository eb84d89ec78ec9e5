"""The records the pipeline reads and writes: Document in, Article out (FACTS.md)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "zhfacts/1"
FACT_TYPES = ("count", "money", "date", "percent", "award")
META_KEYS = ("title", "source", "editor", "published", "locale")


@dataclass
class Document:
    """One input article, as a reader found it."""
    id: str
    text: str | None = None      # plain text; None when only html is given
    source: str | None = None    # where it came from (path, path:line, url)
    ref_date: str | None = None  # given by the caller or the input's metadata
    meta: dict[str, Any] = field(default_factory=dict)
    html: str | None = None      # raw HTML, made text (pipeline.html) before the clean stage
    warnings: list[str] = field(default_factory=list)
    error: str | None = None     # a reader that failed still yields a Document


@dataclass
class Fact:
    type: str
    text: str
    start: int
    end: int
    value: Any
    rule: str
    unit: str | None = None
    qualifier: str | None = None
    sentence: int | None = None
    # object, recipient, level, change, status, tags …
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = {"type": self.type, "text": self.text, "start": self.start, "end": self.end,
             "sentence": self.sentence, "value": self.value, "unit": self.unit,
             "qualifier": self.qualifier, "rule": self.rule}
        d.update({k: v for k, v in self.extra.items() if v is not None})
        return d


@dataclass
class Removed:
    line: int
    text: str
    reason: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reason": self.reason, "rule": self.rule}


@dataclass
class Article:
    id: str
    text: str = ""
    source: str | None = None
    ref_date: str | None = None
    meta: dict[str, Any] = field(default_factory=lambda: {k: None for k in META_KEYS})
    removed: list[Removed] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"schema": SCHEMA, "id": self.id, "source": self.source, "ref_date": self.ref_date,
             "meta": dict(self.meta), "text": self.text,
             "removed": [r.to_dict() for r in self.removed],
             "facts": [f.to_dict() for f in self.facts],
             "warnings": list(self.warnings)}
        if self.error is not None:
            d["error"] = self.error
        return d

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
