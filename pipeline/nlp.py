"""spaCy + jieba, loaded once per process and used only around candidates (DESIGN.md)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Token:
    text: str
    start: int   # offset in the text that was segmented
    end: int
    pos: str = ""  # jieba.posseg tag when asked for (nr person, nt organisation, ns place …)


@lru_cache(maxsize=None)
def blank_zh():
    """spacy.blank("zh") with the jieba segmenter; no model weights are needed or loaded."""
    import spacy
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


@lru_cache(maxsize=4096)
def segment(text: str) -> tuple[Token, ...]:
    """Word tokens of a short text (a sentence) through the spaCy tokenizer."""
    doc = blank_zh().tokenizer(text)
    return tuple(Token(t.text, t.idx, t.idx + len(t.text)) for t in doc)


@lru_cache(maxsize=4096)
def segment_pos(text: str, hmm: bool = True) -> tuple[Token, ...]:
    """Word tokens with jieba part-of-speech tags, for recipients and objects.

    Most of posseg's cost is its part-of-speech HMM over runs of characters the dictionary does
    not know; hmm=False skips it (such runs stay single characters, and digit runs are tagged
    `eng`). Tag only a short window next to a candidate either way (DESIGN.md)."""
    import jieba.posseg as pseg
    out, i = [], 0
    for w in pseg.cut(text, HMM=hmm):
        out.append(Token(w.word, i, i + len(w.word), w.flag))
        i += len(w.word)
    return tuple(out)


def word_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of `word`, or None when the dictionary lacks it."""
    import jieba.posseg as pseg
    jieba.dt.check_initialized()
    if not jieba.dt.FREQ.get(word):
        return None
    return pseg.dt.word_tag_tab.get(word)


def add_words(words) -> None:
    """Teach jieba lexicon words (award names, units) so they are not split; process-wide."""
    for w in words:
        jieba.add_word(w)
    segment.cache_clear()
    segment_pos.cache_clear()
