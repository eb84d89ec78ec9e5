"""ref_date from the article when the caller gave none. (First skeleton: issue 4 fills this in.)"""
from __future__ import annotations

from typing import Any


def infer_ref_date(text: str, meta: dict[str, Any], url: str | None = None) -> tuple[str | None, str | None]:
    """Returns (ISO date, where it came from) or (None, None)."""
    return None, None
