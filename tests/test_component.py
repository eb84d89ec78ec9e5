"""The zh_facts spaCy component, from a fresh interpreter, through the entry point."""
import json
import subprocess
import sys

from conftest import ROOT

CODE = r"""
import json, spacy
nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
nlp.add_pipe("zh_facts", config={"ref_date": "2024-03-08"})
doc = nlp("推出乡村振兴巾帼贷，发放15.6亿元，惠及涉农女性6393人。")
print(json.dumps([[s.label_, s._.fact["text"], s._.value, s._.unit] for s in doc.spans["facts"]],
                 ensure_ascii=False))
"""


def test_add_pipe_in_fresh_interpreter():
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    spans = json.loads(out.stdout.strip().splitlines()[-1])
    assert ["money", "15.6亿元", 1560000000, "CNY"] in spans
    assert ["count", "6393人", 6393, "人"] in spans


def test_component_offsets_match_doc_text():
    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_facts")
    doc = nlp("2023年10月10日至12日，全市新建美丽庭院2000户。")
    facts = [s._.fact for s in doc.spans["facts"]]
    assert facts, "no facts"
    for f in facts:
        assert doc.text[f["start"]:f["end"]] == f["text"]


def test_span_is_exactly_the_fact():
    """A fact boundary inside a jieba token (元至 in 800元至1000元) splits the token: the span
    never takes in a neighbouring character."""
    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_facts", config={"ref_date": "2024-03-08"})
    text = "每人补助800元至1000元不等，共发放3.27 亿元，惠及三○二户。"
    doc = nlp(text)
    got = [(s.text, s._.fact["text"]) for s in doc.spans["facts"]]
    assert ("800", "800") in got or ("800元", "800元") in got, got
    for span in doc.spans["facts"]:
        assert span.text == span._.fact["text"], (span.text, span._.fact)
    assert "".join(t.text_with_ws for t in doc) == text      # splitting keeps the text


def test_spans_equal_facts_on_the_dev_corpus():
    """Over every dev article: each fact becomes a span and its text is the fact's text."""
    import spacy

    from pipeline.core import shared_pipeline
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_facts")
    articles = sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt"))
    assert len(articles) > 10
    total = 0
    for path in articles:
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        facts = doc.spans["facts"]
        assert len(facts) == len(shared_pipeline(None).find_facts(text)), path.name
        for span in facts:
            assert span.text == span._.fact["text"], (path.name, span.text, span._.fact["text"])
        total += len(facts)
    assert total > 500
