"""What the clean stage gives back for one article."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Removed


@dataclass
class Cleaned:
    text: str                                   # body lines joined with "\n"
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
