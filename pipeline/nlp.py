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
def segment_pos(text: str) -> tuple[Token, ...]:
    """Word tokens with jieba part-of-speech tags, for recipients and objects."""
    import jieba.posseg as pseg
    out, i = [], 0
    for w in pseg.cut(text):
        out.append(Token(w.word, i, i + len(w.word), w.flag))
        i += len(w.word)
    return tuple(out)


def add_words(words) -> None:
    """Teach jieba lexicon words (award names, units) so they are not split; process-wide."""
    for w in words:
        jieba.add_word(w)
    segment.cache_clear()
    segment_pos.cache_clear()
