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
print(json.dumps([[s.label_, s._.fact["text"], s._.value, s._.unit] for s in doc.spans["facts"]], ensure_ascii=False))
"""


def test_add_pipe_in_fresh_interpreter():
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120)
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
