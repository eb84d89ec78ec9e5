"""Pages a mirror converted and glossed with pinyin (46萬(wàn)余人): the facts are found as in
the plain text, and their offsets and text are the glossed original's."""
from pipeline import extract
from pipeline.glosses import glossed, strip

GLOSSED = ("東方城市花園小區(qū)發(fā)生火災(zāi),46萬(wàn)余人受災(zāi),"
           "直接經濟損失2.5億(yì)元,其中3成(chéng)為房屋損失。")
PLAIN = "東方城市花園小區發生火災,46萬余人受災,直接經濟損失2.5億元,其中3成為房屋損失。"


def test_facts_of_a_glossed_text_are_those_of_the_plain_text_at_the_original_offsets():
    got, want = extract(GLOSSED, ref_date="2024-03-08"), extract(PLAIN, ref_date="2024-03-08")
    assert [(f.type, f.value, f.unit) for f in got.facts] == [
        (f.type, f.value, f.unit) for f in want.facts]
    assert {f.text for f in got.facts} >= {"46萬(wàn)余人", "2.5億(yì)元"}
    for f in got.facts:
        assert GLOSSED[f.start:f.end] == f.text


def test_a_gloss_after_the_last_character_stays_outside_the_fact():
    f = next(f for f in extract(GLOSSED).facts if f.type == "percent")
    assert f.text == "3成" and GLOSSED[f.end] == "("


def test_one_or_two_pinyin_in_a_text_are_quotes_not_a_mirror():
    assert not glossed("北京(běijīng)是首都,人口2189萬人。")
    assert glossed(GLOSSED)
    text, where = strip("火災(zāi)了")
    assert text == "火災了" and where == [0, 1, 7, 8]
