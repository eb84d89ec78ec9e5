"""The `zh_facts` spaCy component: facts of doc.text into doc.spans["facts"].

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_facts", config={"ref_date": "2024-03-08"})

Found through the `spacy_factories` entry point, so any installed spaCy knows the name.
The component runs the same find → resolve path as `pipeline.extract`, on the doc's text as
it is (a spaCy Doc cannot drop lines); span label = fact type, `span._.value`, `span._.unit`,
`span._.fact` (the whole fact record).
"""
from __future__ import annotations

from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from .core import shared_pipeline

for _name in ("value", "unit", "fact"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("facts_warnings"):
    Doc.set_extension("facts_warnings", default=None)

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
        self.pipeline = shared_pipeline(rules_dir)  # one per process and rules folder

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
