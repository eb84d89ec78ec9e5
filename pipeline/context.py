"""What every finder sees of one article: the body text, its sentences, ref_date, tokens on
demand."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import regex

from . import nlp
from .model import Fact

Token = nlp.Token

# The blocks jieba.cut (_SEG_) and jieba.posseg (_POS_) segment one at a time (group 1), and the
# runs between them; and what posseg makes of a run between blocks.
_SEG_PIECES = regex.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+)|"
                            r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
# posseg's blocks (group 1: cut word by word) and what lies between them; explicit ranges and
# ASCII only, so the standard `re` matches as `regex` does (count.py walks them too)
POS_PIECES = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&._]+)|[^\u4E00-\u9FD5a-zA-Z0-9+#&._]+")
_BETWEEN = regex.compile(r"\r\n|.", regex.S)
_POS_KEYS = {True: ("pos", True), False: ("pos", False)}   # window()'s block cache keys, by hmm

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
    _toks: dict = field(default_factory=dict, repr=False)   # (sentence index, pos), blocks → tokens
    _wins: dict = field(default_factory=dict, repr=False)   # window()'s arguments → its tokens

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sents is None:
            self._sents = split_sentences(self.text)
            self._starts = [s for s, _ in self._sents]
        return self._sents

    def sentence_index(self, offset: int) -> int:
        if self._starts is None:
            self._starts = [s for s, _ in self.sentences]
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

    def window(self, start: int, end: int | None = None, pos: bool = False, hmm: bool = True,
               margin: int = 0) -> list[nlp.Token]:
        """Tokens around a candidate [start, end) (offsets into the whole text), without
        segmenting its whole sentence: the tokens of the sentence holding `start` that lie in
        the text blocks reaching into [start - margin, end + margin), clipped to the sentence.

        jieba segments and tags a text block by block (a run of Chinese characters, letters and
        digits; the characters between blocks one by one), and nothing crosses a block's edge,
        HMM included; so these are exactly the tokens ctx.tokens(start, pos) has there (tags of
        posseg with `hmm` when pos=True). Each block is segmented once per article, and the
        tokens of a window asked for again are kept (finders ask about one place several times)."""
        wkey = (start, end, pos, hmm, margin)
        got = self._wins.get(wkey)
        if got is not None:
            return list(got)
        sents = self.sentences if self._sents is None else self._sents
        starts = self._starts
        assert starts is not None                 # (set with the sentences)
        i = bisect.bisect_right(starts, start) - 1            # sentence_span(start), inlined
        s, e = sents[i if i > 0 else 0]
        key = _POS_KEYS[hmm] if pos else "seg"
        pieces, ends = self._pieces(s, e, pos)
        up = max(start + 1, end if end is not None else start) + margin
        out: list[nlp.Token] = []
        cache = self._toks
        # from the first piece ending after start - margin
        k, n = bisect.bisect_right(ends, start - margin), len(pieces)
        while k < n:
            a, b, block = pieces[k]
            if a >= up:
                break
            toks = cache.get((a, key))
            if toks is None:
                toks = cache[(a, key)] = self._piece_tokens(a, b, block, s, pos, hmm)
            out.extend(toks)
            k += 1
        self._wins[wkey] = tuple(out)
        return out

    def _pieces(self, s: int, e: int, pos: bool):
        got = self._toks.get((s, e, pos))
        if got is None:
            pieces = [(m.start(), m.end(), m.group(1) is not None)
                      for m in (POS_PIECES if pos else _SEG_PIECES).finditer(self.text, s, e)]
            got = self._toks[(s, e, pos)] = (pieces, [b for _, b, _ in pieces])
        return got

    def _piece_tokens(self, a: int, b: int, block: bool, sent_start: int, pos: bool,
                      hmm: bool) -> tuple[nlp.Token, ...]:
        text = self.text
        new = tuple.__new__         # Token(…) without the named tuple's Python __new__
        if pos:
            if not block:   # posseg: \r\n, each space and each other character alone, tagged x
                if b == a + 1:      # most runs between blocks: one character
                    return (new(Token, (text[a], a, b, "x")),)
                return tuple([new(Token, (m.group(), m.start(), m.end(), "x"))
                              for m in _BETWEEN.finditer(text, a, b)])
            return tuple([new(Token, (w, i + a, j + a, tag))
                          for w, i, j, tag in nlp.segment_pos(text[a:b], hmm)])
        if not block and a > sent_start and text[a] == " ":
            a += 1          # a plain space after a word is that word's trailing space (nlp.segment)
            if a == b:
                return ()
        return tuple([new(Token, (w, i + a, j + a, "")) for w, i, j, _ in nlp.segment(text[a:b])])

    def token_at(self, offset: int) -> nlp.Token | None:
        for t in self.tokens(offset):
            if t.start <= offset < t.end:
                return t
        return None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
