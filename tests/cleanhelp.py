"""The clean stage on a list of lines, for the page-pass tests: which lines it removes, and why."""
from __future__ import annotations

from pipeline import clean as C
from pipeline.model import Document
from pipeline.rules import load_rules

_CLEAN = C.build(load_rules())


def removed(lines):
    """Line number → the Removed record, for the lines the clean stage removes."""
    res = _CLEAN(Document(id="t", text="\n".join(lines)))
    return {r.line: r for r in res.removed}
