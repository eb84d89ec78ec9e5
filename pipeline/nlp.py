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
    """Word tokens of a short text (a sentence): the tokens spaCy's Chinese tokenizer (segmenter
    jieba, blank_zh) makes, without building a spaCy Doc (nor growing its vocabulary).

    That tokenizer takes jieba.cut's words and aligns them with the text as
    spacy.util.get_words_and_spaces does: whitespace words dropped, the text between two words
    a token of its own, one plain space after a word its trailing space. The same is done here."""
    words = [x for x in jieba.cut(text, cut_all=False) if x]
    if "".join(words) != text:   # jieba keeps every character; should it not, spaCy decides
        return tuple(Token(t.text, t.idx, t.idx + len(t.text)) for t in blank_zh().tokenizer(text))
    out, pos, n = [], 0, len(text)
    for word in words:
        if word.isspace():
            continue
        start = text.index(word, pos)
        if start > pos:
            out.append(Token(text[pos:start], pos, start))
        pos = start + len(word)
        out.append(Token(word, start, pos))
        if pos < n and text[pos] == " ":
            pos += 1
    if pos < n:
        out.append(Token(text[pos:], pos, n))
    return tuple(out)


_MIN_FLOAT = -3.14e100       # jieba.posseg.viterbi's constants
_MIN_INF = float("-inf")
_PRED: dict[int, tuple[dict, dict]] = {}


def _viterbi(obs, states, start_p, trans_p, emit_p):
    """jieba.posseg.viterbi.viterbi with the same result, float for float, several times faster.

    The original scores every (state, previous state) pair, although a state has only ~20 of
    posseg's 256 states after it, so most pairs score -inf; a common character (有, 新, 人) has
    100+ states, so even a two-character unknown word cost ~1 ms. Here a state is scored only
    from the previous states that lead to it. Same sums in the same order ((V + trans) + emit),
    the same max over (prob, state); whenever the best is not finite (or no previous state leads
    to any state of the character) the step falls back to the original's expression."""
    pred = _PRED.get(id(trans_p))
    if pred is None or pred[0] is not trans_p:
        back: dict = {}
        for y0, nxt in trans_p.items():
            for y, p in nxt.items():
                back.setdefault(y, []).append((y0, p))
        pred = _PRED[id(trans_p)] = (trans_p, back)
    back = pred[1]
    V = [{}]
    mem_path = [{}]
    all_states = trans_p.keys()
    for y in states.get(obs[0], all_states):
        V[0][y] = start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT)
        mem_path[0][y] = ''
    for t in range(1, len(obs)):
        Vp, ch = V[t - 1], obs[t]
        Vt: dict = {}
        Mt: dict = {}
        V.append(Vt)
        mem_path.append(Mt)
        slow = []
        nprev = len(Vp)
        for y in set(states.get(ch, all_states)):
            em = emit_p[y].get(ch, _MIN_FLOAT)
            bp = bs = None                # the max of (prob, state), as max() over tuples picks it
            into = back.get(y, ())
            if len(into) <= nprev:        # walk the shorter side: the states leading to y …
                for y0, p in into:
                    v = Vp.get(y0)
                    if v is not None:
                        c = v + p + em
                        if bp is None or c > bp or (c == bp and y0 > bs):
                            bp, bs = c, y0
            else:                         # … or the previous states (same pairs, same sums)
                for y0, v in Vp.items():
                    p = trans_p[y0].get(y)
                    if p is not None:
                        c = v + p + em
                        if bp is None or c > bp or (c == bp and y0 > bs):
                            bp, bs = c, y0
            if bp is None:
                continue                  # no previous state leads here: not in obs_states
            if bp == _MIN_INF:
                slow.append(y)            # -inf ties: decide as the original does
            else:
                Vt[y] = bp
                Mt[y] = bs
        if not Vt and not slow:           # the original's fallback: no state of ch is reachable
            prev_states = [x for x in Vp if len(trans_p[x]) > 0]
            nxt = set(y for x in prev_states for y in trans_p[x].keys())
            slow = list(nxt if nxt else all_states)
        if slow:
            prev_states = [x for x in Vp if len(trans_p[x]) > 0]
            for y in slow:
                prob, state = max((Vp[y0] + trans_p[y0].get(y, _MIN_INF) +
                                   emit_p[y].get(ch, _MIN_FLOAT), y0) for y0 in prev_states)
                Vt[y] = prob
                Mt[y] = state
    prob, state = max((V[-1][y], y) for y in mem_path[-1].keys())
    route = [None] * len(obs)
    i = len(obs) - 1
    while i >= 0:
        route[i] = state
        state = mem_path[i][state]
        i -= 1
    return (prob, route)


def _posseg():
    """jieba.posseg, with its Viterbi pass replaced by _viterbi (identical results)."""
    import jieba.posseg as pseg
    if pseg.viterbi is not _viterbi:
        pseg.viterbi = _viterbi
    return pseg


@lru_cache(maxsize=4096)
def segment_pos(text: str, hmm: bool = True) -> tuple[Token, ...]:
    """Word tokens with jieba part-of-speech tags, for recipients and objects.

    Most of posseg's cost is its part-of-speech HMM over runs of characters the dictionary does
    not know; hmm=False skips it (such runs stay single characters, and digit runs are tagged
    `eng`). Tag only a short window next to a candidate either way (DESIGN.md)."""
    pseg = _posseg()
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
