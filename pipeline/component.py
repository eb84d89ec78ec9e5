"""The `zh_facts` spaCy component: facts of doc.text into doc.spans["facts"].

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_facts", config={"ref_date": "2024-03-08"})

Found through the `spacy_factories` entry point, so any installed spaCy knows the name.
The component runs the same find → resolve path as `pipeline.extract`, on the doc's text as
it is (a spaCy Doc cannot drop lines); span label = fact type, `span._.value`, `span._.unit`,
`span._.fact` (the whole fact record).

`nlp.to_disk(path)` saves a snapshot of the rules the component runs with (every rule file and
lexicon, under path/zh_facts/rules, with a manifest of their SHA-256), and `spacy.load(path)`
runs with that snapshot, wherever the rules folder it was built from is now and whatever it
holds: a saved pipeline finds what it found when it was saved (with the same zhfacts code).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from itertools import pairwise
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import __version__
from .core import Pipeline, shared_pipeline
from .rules import RuleError, load_rules

SNAPSHOT = "rules"              # the folder of the rules snapshot, in the component's folder
MANIFEST = "rules.json"         # what the snapshot holds: files and their SHA-256

for _name in ("value", "unit", "fact"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("facts_warnings"):
    Doc.set_extension("facts_warnings", default=None)


def _rule_files(root: Path) -> list[Path]:
    """The files load_rules reads: every rule file and lexicon under the rules folder."""
    return sorted([*root.rglob("*.yaml"), *root.rglob("*.tsv")])


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _split_at(doc: Doc, cuts: set[int]) -> None:
    """Split every token that a fact boundary falls inside (jieba's 元至 in 800元至1000元), so
    that each fact's span covers exactly its own characters."""
    with doc.retokenize() as retok:
        for tok in doc:
            end = tok.idx + len(tok.text)
            inner = sorted(c for c in cuts if tok.idx < c < end)
            if inner:
                offs = [tok.idx, *inner, end]
                orths = [doc.text[a:b] for a, b in pairwise(offs)]
                retok.split(tok, orths, heads=[(tok, i) for i in range(len(orths))])


class ZhFacts:
    def __init__(self, nlp: Language, name: str, ref_date: str | None, rules_dir: str | None,
                 spans_key: str):
        self.name, self.ref_date, self.rules_dir, self.spans_key = (
            name,
            ref_date,
            rules_dir,
            spans_key,
        )
        # built on first use (one per process and rules folder): a pipeline loaded from disk
        # runs with its snapshot, and the rules folder named in its config may be long gone
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = shared_pipeline(self.rules_dir)
        return self._pipeline

    def to_disk(self, path, *, exclude=()) -> None:
        """A snapshot of the rules this component runs with: every *.yaml and *.tsv of its
        rules folder, copied as they are, and a manifest. A folder changed on disk since the
        rules were loaded is refused: its copy would not be the rules the component ran with."""
        path = Path(path)
        rules = self.pipeline.rules
        root = Path(rules.root)
        try:
            unchanged = load_rules(root) == rules
        except (OSError, RuleError):
            unchanged = False
        if not unchanged:
            raise RuleError(f"{root}: the rules folder changed since the zh_facts component "
                            "loaded it; build the pipeline again before saving it")
        path.mkdir(parents=True, exist_ok=True)
        snap = path / SNAPSHOT
        same = snap.exists() and snap.resolve() == root.resolve()   # saved where it was loaded
        if snap.exists() and not same:
            shutil.rmtree(snap)
        files = {}
        for src in _rule_files(root):
            rel = src.relative_to(root)
            dst = snap / rel
            if not same:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
            files[rel.as_posix()] = _sha256(dst)
        manifest = {"zhfacts": __version__, "spans_key": self.spans_key, "files": files}
        (path / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> ZhFacts:
        """Run with the rules snapshot that to_disk saved in `path`."""
        path = Path(path)
        snap = path / SNAPSHOT
        if not (path / MANIFEST).is_file() or not snap.is_dir():
            raise RuleError(f"{path}: no rules snapshot of the zh_facts component "
                            f"({MANIFEST} and {SNAPSHOT}/, written by nlp.to_disk)")
        want = json.loads((path / MANIFEST).read_text(encoding="utf-8"))["files"]
        have = {f.relative_to(snap).as_posix(): _sha256(f) for f in _rule_files(snap)}
        if have != want:
            odd = sorted(k for k in {*want, *have} if want.get(k) != have.get(k))
            raise RuleError(f"{snap}: the rules snapshot is not the one saved (changed, added or "
                            f"missing: {', '.join(odd[:5])})")
        self.rules_dir = str(snap.resolve())
        self._pipeline = shared_pipeline(self.rules_dir)
        return self

    def __call__(self, doc: Doc) -> Doc:
        warnings: list[str] = []
        ref = doc.user_data.get("ref_date", self.ref_date)
        spans = []
        facts = self.pipeline.find_facts(doc.text, ref_date=ref, warnings=warnings)
        _split_at(doc, {c for f in facts for c in (f.start, f.end)})
        for f in facts:
            # strict: a span is exactly the fact's characters (800元 never grows into 800元至)
            span = doc.char_span(f.start, f.end, label=f.type, alignment_mode="strict")
            if span is None:   # only a boundary inside whitespace can miss; such a fact has no span
                continue
            span._.value, span._.unit, span._.fact = f.value, f.unit, f.to_dict()
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.facts_warnings = warnings
        return doc


@Language.factory("zh_facts",
                  default_config={"ref_date": None, "rules_dir": None, "spans_key": "facts"})
def make_zh_facts(nlp: Language, name: str, ref_date: str | None, rules_dir: str | None,
                  spans_key: str) -> ZhFacts:
    return ZhFacts(nlp, name, ref_date, rules_dir, spans_key)
