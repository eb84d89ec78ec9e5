"""What every finder sees of one article: the body text, its sentences, ref_date, tokens on demand."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import regex

from . import nlp
from .model import Fact

# Sentence ends: full stops, question and exclamation marks, semicolons, and line breaks.
_SENT_END = regex.compile(r"[。！？!?；;]+[”’」』）)]*|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, 0)]


@dataclass
class Context:
    text: str
    ref_date: str | None = None             # ISO date or None; never "now"
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # what earlier finders proposed
    _sents: list[tuple[int, int]] | None = None
    _starts: list[int] | None = None
    _toks: dict = field(default_factory=dict, repr=False)   # (sentence index, pos) → tokens

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sents is None:
            self._sents = split_sentences(self.text)
            self._starts = [s for s, _ in self._sents]
        return self._sents

    def sentence_index(self, offset: int) -> int:
        self.sentences
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(offset)]

    def tokens(self, offset: int, pos: bool = False) -> list[nlp.Token]:
        """jieba tokens of the sentence holding `offset`, with offsets into the whole text."""
        i = self.sentence_index(offset)
        toks = self._toks.get((i, pos))
        if toks is None:
            s, e = self.sentences[i]
            toks = tuple(nlp.Token(t.text, t.start + s, t.end + s, t.pos)
                         for t in (nlp.segment_pos if pos else nlp.segment)(self.text[s:e]))
            self._toks[(i, pos)] = toks
        return list(toks)

    def token_at(self, offset: int) -> nlp.Token | None:
        for t in self.tokens(offset):
            if t.start <= offset < t.end:
                return t
        return None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
