"""The one extraction path: read → clean → find → resolve → Article. API, spaCy component and CLI
all call it."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from pathlib import Path
from typing import Any

from . import clean as clean_stage
from . import glosses, letterspacing, refdate
from . import locale as locale_stage
from .clean import Cleaned
from .clean import meta as clean_meta
from .context import Context
from .find import build_finders
from .model import META_KEYS, Article, Document, Fact
from .resolve import resolve
from .rules import Rules, load_rules


def check_ref_date(value: Any) -> str | None:
    """An ISO date string (or date) → 'YYYY-MM-DD'; anything else is a clear ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"ref_date must be YYYY-MM-DD, not {value!r}") from None


_CLAUSE_MARK = re.compile("[，。；,;]")


def _above_body(text: str, cleaned: Cleaned) -> list[str]:
    """The lines removed above the first paragraph kept (a line with a clause's mark: the
    headline is no paragraph), whatever they were removed as: a 发布时间 among them dates the
    page (a head's stamp taken for a menu's is still a stamp)."""
    gone = {r.line for r in cleaned.removed}
    first = next((i for i, ln in enumerate(text.split("\n"))
                  if i not in gone and _CLAUSE_MARK.search(ln)), None)
    return [r.text for r in cleaned.removed if first is None or r.line < first]


class Pipeline:
    """Rules compiled and jieba loaded once; reuse one Pipeline for many articles."""

    def __init__(self, rules_dir: str | Path | None = None, rules: Rules | None = None):
        self.rules = rules if rules is not None else load_rules(rules_dir)
        self._clean = clean_stage.build(self.rules)
        self._finders = [find for _, find in build_finders(self.rules)]  # rules/finders.tsv
        self._locale = locale_stage.build(self.rules)

    # -- the stages -------------------------------------------------------------------------
    def clean(self, doc: Document, repeated: frozenset[str] = frozenset(),
              title: str | None = None) -> Cleaned:
        """The clean stage alone: every line of a text Document is body or removed (reason and
        rule id), and what its metadata lines say (`Cleaned.meta`). `repeated` holds lines a batch
        found on many pages of one site; `title` is the headline a page's HTML metadata gave."""
        return self._clean(doc, repeated, title=title)

    def find_facts(self, text: str, *, ref_date: str | None = None, meta: dict | None = None,
                   warnings: list[str] | None = None) -> list[Fact]:
        """Facts in a text that is already clean (the spaCy component calls this directly)."""
        if glosses.glossed(text):     # a mirror's 46萬(wàn)余人: read without its glosses
            plain, where = glosses.strip(text)
            return glosses.restore(self.find_facts(plain, ref_date=ref_date, meta=meta,
                                                   warnings=warnings), text, where)
        if letterspacing.spaced(text):    # 一 千 二 百 艘: read with its lines closed up
            plain, where = letterspacing.strip(text)
            return letterspacing.restore(self.find_facts(plain, ref_date=ref_date, meta=meta,
                                                         warnings=warnings), text, where)
        ctx = Context(text=text, ref_date=check_ref_date(ref_date), meta=dict(meta or {}),
                      warnings=warnings if warnings is not None else [])
        if ctx.meta.get("locale") is None:   # finders read it (a bare 元 is HKD in Hong Kong)
            ctx.meta["locale"] = self._locale(text, ctx.meta)
        for find in self._finders:
            ctx.facts.extend(find(ctx))
        return resolve(ctx, ctx.facts)

    def process(self, doc: Document, repeated: frozenset[str] = frozenset(), *,
                fallback_ref_date: str | None = None) -> Article:
        """One Document → one Article, never an exception: a failure becomes an error record.
        `fallback_ref_date` is used only when the article states no date of its own."""
        art = Article(id=str(doc.id), source=doc.source)
        try:
            if doc.error:
                raise ValueError(doc.error)
            if doc.text is None and doc.html is None:
                raise ValueError("article has no text")
            ref_date = check_ref_date(doc.ref_date)
            doc, page_meta, html_warnings = _text_of(doc)
            cleaned = self.clean(doc, repeated, title=page_meta.get("title"))
            art.text, art.removed = cleaned.text, cleaned.removed
            meta: dict[str, Any] = {k: None for k in META_KEYS}
            meta.update({k: v for k, v in doc.meta.items() if v is not None})
            # what the text says first, then what the HTML page's own metadata says
            for found in (cleaned.meta, page_meta):
                meta.update({k: v for k, v in found.items()
                             if v is not None and meta.get(k) is None})
            art.warnings = [*doc.warnings, *html_warnings, *cleaned.warnings]
            # (a text set letter by letter is read closed up: 漁 護 署, 二 ○ 一 ○ 年 五 月)
            stamps = [letterspacing.close_up(r.text) if letterspacing.letter_spaced(r.text)
                      else r.text for r in cleaned.removed if r.reason == "metadata"]
            body = (letterspacing.strip(cleaned.text)[0] if letterspacing.spaced(cleaned.text)
                    else cleaned.text)
            meta["locale"] = self._locale(body, meta, meta.get("url"), stamps)
            if meta["locale"] == "zh-TW" and isinstance(meta.get("published"), str):
                meta["published"] = clean_meta.month_first(meta["published"], stamps)
            if ref_date is None:
                above = _above_body(doc.text or "", cleaned)
                ref_date, where = refdate.infer_ref_date(body, meta, meta.get("url"), stamps,
                                                         above)
                if ref_date:
                    meta["ref_date_source"] = where
                elif fallback_ref_date:
                    ref_date, meta["ref_date_source"] = check_ref_date(fallback_ref_date), "given"
            else:
                meta["ref_date_source"] = meta.get("ref_date_source") or "given"
            art.meta, art.ref_date = meta, ref_date
            art.facts = self.find_facts(art.text, ref_date=ref_date, meta=meta,
                                        warnings=art.warnings)
        except Exception as e:  # one input article, one output record
            art.facts, art.error = [], f"{type(e).__name__}: {e}"
        return art

    def extract(self, text: str, *, ref_date: str | None = None, id: str | None = None,
                source: str | None = None, meta: dict | None = None) -> Article:
        """One text → one Article. A wrong argument (not a str, a bad date) raises at once."""
        text, ref_date = check_args(text, ref_date)
        return self.process(Document(id=id or "article", text=text, source=source,
                                     ref_date=ref_date, meta=dict(meta or {})))

    def pipe(self, texts, *, ref_date: str | None = None, jobs: int = 1,
             timeout: float | None = None):
        """Articles of many texts, in order (ids "0", "1", …). jobs > 1 runs them on that many
        worker processes (each builds its own Pipeline from the same rules folder), safe in a
        script without an `if __name__ == "__main__":` guard (pipeline.batch). `timeout`:
        seconds per article (None: no limit); one that takes longer becomes an error record."""
        from . import batch
        ref_date = check_ref_date(ref_date)
        docs = (Document(id=str(i), text=check_args(t, None)[0], ref_date=ref_date)
                for i, t in enumerate(texts))
        if jobs is None or jobs <= 1:
            for doc in docs:
                yield self.process(doc)
            return
        from .rules import default_rules_dir
        root = Path(self.rules.root).resolve()
        rules_dir = None if root == default_rules_dir().resolve() else str(root)
        yield from batch.run_items(((d, frozenset()) for d in docs), jobs=jobs, rules_dir=rules_dir,
                                   timeout=timeout)


def check_args(text: Any, ref_date: Any) -> tuple[str, str | None]:
    """The public functions' arguments, checked before any work: TypeError/ValueError at once."""
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("text must be str, not bytes: decode it first (e.g. data.decode('utf-8'))")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if ref_date is not None and not isinstance(ref_date, (str, dt.date)):
        raise TypeError(
            f"ref_date must be a 'YYYY-MM-DD' string or a date, not {type(ref_date).__name__}"
        )
    return text, check_ref_date(ref_date)


def _text_of(doc: Document) -> tuple[Document, dict[str, Any], list[str]]:
    """A Document with text: HTML is made text here, before the clean stage; also the page's
    own metadata (title, published …; the clean stage looks for the headline by the title) and a
    warning when the page gave no text."""
    if doc.text is not None or doc.html is None:
        return doc, {}, []
    from . import html as html_stage  # trafilatura only when HTML comes in
    warnings: list[str] = []
    text, page_meta = html_stage.html_to_text(doc.html, url=doc.meta.get("url"), warnings=warnings)
    page_meta = {k: v for k, v in page_meta.items() if v}
    if not text.strip():
        warnings.append("HTML gave no article text")
    return dataclasses.replace(doc, text=text, html=None), page_meta, warnings


_SHARED: dict[str | None, Pipeline] = {}
_LOCK = threading.Lock()


def shared_pipeline(rules_dir: str | None = None) -> Pipeline:
    """This process's Pipeline for `rules_dir`, built on first use and kept: the one cache that
    extract(), the spaCy component and the batch workers all use."""
    pipe = _SHARED.get(rules_dir)
    if pipe is None:
        with _LOCK:  # Dask threads share a process
            pipe = _SHARED.get(rules_dir)
            if pipe is None:
                pipe = _SHARED[rules_dir] = Pipeline(rules_dir)
    return pipe


def default_pipeline() -> Pipeline:
    return shared_pipeline(None)


def extract(text: str, *, ref_date: str | None = None, id: str | None = None) -> Article:
    """Facts of one article with the bundled rules: `from pipeline import extract`."""
    check_args(text, ref_date)  # before the Pipeline is built
    return default_pipeline().extract(text, ref_date=ref_date, id=id)
