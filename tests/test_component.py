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


def _nlp(**config):
    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_facts", config={"ref_date": "2024-03-08", **config})
    return nlp


SAVED_TEXT = "全市实现营业收入15.6亿元，同比增长12.5%，惠及涉农女性6393人。"


def _facts(nlp, text: str = SAVED_TEXT) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.label_, s.text) for s in doc.spans["facts"]]


def _rules_without(tmp_path, finder: str):
    """A copy of the bundled rules with one finder left out of finders.tsv."""
    import shutil
    rules = tmp_path / f"rules_without_{finder}"
    shutil.copytree(ROOT / "rules", rules)
    tsv = rules / "finders.tsv"
    tsv.write_text("".join(ln for ln in tsv.read_text(encoding="utf-8").splitlines(True)
                           if ln.strip() != finder), encoding="utf-8")
    return rules


def test_to_disk_saves_the_rules_it_ran_with(tmp_path):
    """nlp.to_disk keeps a snapshot of the component's rules; spacy.load runs with it even when
    the rules folder it was built from is gone (here: rules without the percent finder, so the
    bundled rules would find 12.5%)."""
    import shutil

    import spacy
    rules = _rules_without(tmp_path, "percent")
    nlp = _nlp(rules_dir=str(rules))
    before = _facts(nlp)
    assert ("money", "15.6亿元") in before and not any(lab == "percent" for lab, _ in before)
    nlp.to_disk(tmp_path / "model")
    saved = tmp_path / "model" / "zh_facts"
    manifest = json.loads((saved / "rules.json").read_text(encoding="utf-8"))
    assert {"finders.tsv", "percent.yaml", "lexicons/currencies.tsv"} <= set(manifest["files"])
    assert (saved / "rules" / "finders.tsv").read_text(encoding="utf-8") == \
        (rules / "finders.tsv").read_text(encoding="utf-8")
    shutil.rmtree(rules)
    loaded = spacy.load(tmp_path / "model")
    assert _facts(loaded) == before
    # the bundled rules do find the percent: the snapshot, not a default, decided
    assert ("percent", "12.5%") in _facts(_nlp())


def test_saved_rules_are_checked(tmp_path):
    """A snapshot edited after saving, or a rules folder changed after the component loaded it,
    is a clear error, not a pipeline running with other rules than it says."""
    import pytest
    import spacy

    from pipeline.rules import RuleError
    _nlp(rules_dir=str(_rules_without(tmp_path, "date"))).to_disk(tmp_path / "model")
    tsv = tmp_path / "model" / "zh_facts" / "rules" / "finders.tsv"
    tsv.write_text(tsv.read_text(encoding="utf-8").replace("percent\n", ""), encoding="utf-8")
    with pytest.raises(RuleError, match=r"finders\.tsv"):
        spacy.load(tmp_path / "model")

    rules = _rules_without(tmp_path, "award")
    nlp = _nlp(rules_dir=str(rules))
    nlp(SAVED_TEXT)
    (rules / "finders.tsv").write_text("name\nmoney\n", encoding="utf-8")
    with pytest.raises(RuleError, match="changed since"):
        nlp.to_disk(tmp_path / "model2")
