"""spaCy + jieba, loaded once per process and used only around candidates (DESIGN.md).

Two backends give the same words and tags: `jieba` (pure Python) and `rjieba` (jieba-rs, the
same algorithm and dictionary in Rust; the `fast` extra). rjieba is used when it is installed;
ZHFACTS_NLP=jieba (or use_backend("jieba")) forces jieba, e.g. to compare the two.

Part-of-speech tags are jieba.posseg's, computed here by a tagger of our own (POSTagger) that
takes a text block's dictionary route from the backend and runs posseg's HMM over unknown runs
with a faster Viterbi (_ArrayViterbi, numpy; numpy comes with spaCy); jieba's modules are not
changed.
"""
from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import jieba

jieba.setLogLevel(logging.WARNING)

BACKENDS = ("rjieba", "jieba")


class Token(NamedTuple):
    """A word with offsets (a named tuple: made for every word of every window, it is built
    twice as fast as a frozen dataclass)."""
    text: str
    start: int   # offset in the text that was segmented
    end: int
    pos: str = ""  # jieba.posseg tag when asked for (nr person, nt organisation, ns place …)


@cache
def blank_zh():
    """spacy.blank("zh") with the jieba segmenter; no model weights are needed or loaded."""
    import spacy
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


# -- backends: the dictionary route of a block, and jieba.cut's words ----------------------------
class _Jieba:
    name = "jieba"

    def __init__(self):
        import jieba.posseg as pseg
        self.dt = jieba.dt
        self.dt.check_initialized()
        self._pseg = pseg.dt       # its tag table: every word of the dictionary with its tag
        self._total: float | None = None    # the dictionary's total its scores were made with
        self._logtotal = 0.0
        self._scores: dict[int, float] = {}     # frequency → log(freq) - log(total)

    def cut(self, text: str) -> list[str]:
        """jieba.cut(text) (accurate mode, HMM on): its blocks and the text between them as
        jieba.Tokenizer.cut splits them, each block's words as its __cut_DAG gives them."""
        out: list[str] = []
        for blk in _HAN_DEFAULT.split(text):
            if not blk:
                continue
            if _HAN_DEFAULT.match(blk):
                self._cut_block(blk, out)
                continue
            for x in _SKIP_DEFAULT.split(blk):
                if _SKIP_DEFAULT.match(x):
                    out.append(x)
                else:
                    out.extend(x)
        return out

    def _cut_block(self, block: str, out: list[str]) -> None:
        """__cut_DAG's words of a block: the route's (route(): the same words as its get_DAG
        and calc, ~1.3x faster), a run of single characters that is no dictionary word cut by
        jieba.finalseg's HMM, as __cut_DAG does."""
        freq = self.dt.FREQ
        buf: list[str] = []
        for w in self.route(block):
            if len(w) == 1:
                buf.append(w)
                continue
            if buf:
                self._flush(buf, freq, out)
                buf = []
            out.append(w)
        if buf:
            self._flush(buf, freq, out)

    @staticmethod
    def _flush(chars: list[str], freq: dict, out: list[str]) -> None:
        run = "".join(chars)
        if len(run) == 1 or freq.get(run):
            out.extend(chars)
        else:
            out.extend(jieba.finalseg.cut(run))

    def route(self, block: str) -> list[str]:
        """The words of the dictionary's most probable route through a block (no HMM, no
        joining): jieba's get_DAG and calc in one pass, with the same floats and choices.
        calc scores a word log(freq or 1) - log(total), then adds the rest of the route: that
        first difference depends on the frequency alone, so it is worked out once per
        frequency (until the dictionary's total changes); the greatest (score, end) wins, as
        calc's max over tuples picks it. calc goes from the block's end back, and the words
        starting at k are get_DAG's for k alone, so they are looked up at k's step (ends
        ascending, as get_DAG lists them) and never stored."""
        dt = self.dt
        dt.check_initialized()
        freq, n = dt.FREQ, len(block)
        if dt.total != self._total:
            self._total, self._logtotal = dt.total, math.log(dt.total)
            self._scores.clear()
        scores, logtotal = self._scores, self._logtotal
        get = freq.get
        best = [0.0] * (n + 1)      # calc's route[x][0]; route[n] = (0, 0)
        nxt = [0] * n               # calc's route[x][1]
        inf = -math.inf
        for k in range(n - 1, -1, -1):
            bv, bx = inf, -1         # every score is finite: the first end is taken first
            i = k
            f = get(block[k])       # (a frequency is an int: None is no entry)
            while f is not None:
                if f:
                    sc = scores.get(f)
                    if sc is None:
                        sc = scores[f] = math.log(f) - logtotal
                    v = sc + best[i + 1]
                    if v >= bv:               # ends ascend: on a tie the greater end wins
                        bv, bx = v, i
                i += 1
                if i >= n:
                    break
                f = get(block[k:i + 1])
            if bx < 0:              # no word: the character alone (freq.get(…) or 1)
                sc = scores.get(1)
                if sc is None:
                    sc = scores[1] = math.log(1) - logtotal
                bv, bx = sc + best[k + 1], k
            best[k], nxt[k] = bv, bx
        out, x = [], 0
        while x < n:
            y = nxt[x] + 1
            out.append(block[x:y])
            x = y
        return out

    def has_word(self, word: str) -> bool:
        return bool(self.dt.FREQ.get(word))

    def route_tags(self, block: str) -> list[tuple[str, str]]:
        """The route's words with their dictionary tags (x for a character outside it)."""
        self._pseg.makesure_userdict_loaded()   # words added with jieba.add_word(…, tag=…)
        tags = self._pseg.word_tag_tab
        return [(w, tags.get(w, "x")) for w in self.route(block)]

    def word_tag(self, word: str) -> str | None:
        if not self.has_word(word):
            return None
        self._pseg.makesure_userdict_loaded()
        return self._pseg.word_tag_tab.get(word)


_ASCII_ALNUM = re.compile(r"[a-zA-Z0-9]{2,}")
_ASCII_ALNUM1 = re.compile(r"[a-zA-Z0-9]")
_ODD = re.compile(r"[%+#&._\-]")                      # where jieba-rs's HMM groups differently
_HAN = re.compile("[\u4E00-\u9FD5]")
_HAN_DEFAULT = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")   # jieba.cut's blocks
_SKIP_DEFAULT = re.compile(r"(\r\n|\s)")
_SPACE = re.compile(r"\s")     # (what str.isspace() says of a character: the same C test)
_RS_HAN_ONLY = re.compile("[\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F]")
_FINAL_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # jieba.finalseg's re_skip


class _Rjieba:
    """jieba-rs: the same dictionary (jieba's dict.txt), route and HMM. Its cut without HMM joins
    runs of single ASCII letters and digits (as jieba's does), so such a word is split back
    into characters for the route; jieba's dictionary has no word of ASCII letters and digits
    only, and should a user dictionary add one, the route of that block is jieba's."""
    name = "rjieba"

    def __init__(self):
        import rjieba
        self._cut = rjieba.cut
        self._tag = rjieba.tag
        self._has = rjieba.has_word
        self._py: _Jieba | None = None

    def _python(self) -> _Jieba:
        """jieba itself, for what jieba-rs cannot say (loaded only if ever needed)."""
        if self._py is None:
            self._py = _Jieba()
        return self._py

    def cut(self, text: str) -> list[str]:
        """jieba.cut's words: jieba-rs's HMM keeps a run like 2025-10-28 or 0510-81827600 whole
        where jieba's splits it (2025 - 10 - 28), so such words are split as jieba's are."""
        if _RS_HAN_ONLY.search(text):       # characters only jieba-rs counts as Chinese: by blocks
            return [w for blk in _HAN_DEFAULT.split(text) if blk
                    for w in (self.cut(blk) if _HAN_DEFAULT.match(blk) else
                              (y for x in _SKIP_DEFAULT.split(blk) if x
                               for y in ((x,) if _SKIP_DEFAULT.match(x) else x)))]
        words = self._cut(text, True)
        if not _ODD.search(text):
            return words
        out: list[str] = []
        for w in words:
            if len(w) > 1 and _ODD.search(w) and not _HAN.search(w) and not self._has(w):
                out.extend(x for x in _FINAL_SKIP.split(w) if x)
            else:
                out.append(w)
        return out

    def route(self, block: str) -> list[str]:
        words = self._cut(block, False)
        if not any(_ASCII_ALNUM.fullmatch(w) for w in words):
            return words
        out: list[str] = []
        for w in words:
            if _ASCII_ALNUM.fullmatch(w):
                if self._has(w):          # a dictionary word of letters or digits: ask jieba
                    return self._python().route(block)
                out.extend(w)
            else:
                out.append(w)
        return out

    def has_word(self, word: str) -> bool:
        return self._has(word)

    def route_tags(self, block: str) -> list[tuple[str, str]]:
        """route()'s words with their dictionary tags, from one rjieba.tag call. A word of the
        route is a dictionary word or a single character; jieba-rs gives a character outside
        the dictionary a guessed tag (聞 v, 業 ng) where jieba's tag table says x."""
        out = []
        has = self._has
        for p in self._tag(block, False):
            w = p[0]
            if len(w) == 1:
                out.append(p if has(w) else (w, "x"))
            elif w.isascii() and w.isalnum():      # joined single letters and digits (route())
                if has(w):
                    return self._python().route_tags(block)
                out.extend((ch, "x") for ch in w)
            else:
                out.append(p)
        return out

    def word_tag(self, word: str) -> str | None:
        if not self._has(word):
            return None
        got = self._tag(word, False)
        if len(got) == 1:                          # the dictionary word is its own route
            return got[0][1]
        return self._python().word_tag(word)       # its route splits it: jieba's table says


def available_backends() -> list[str]:
    try:
        import rjieba  # noqa: F401
        return list(BACKENDS)
    except ImportError:
        return ["jieba"]


def default_backend_name() -> str:
    """ZHFACTS_NLP (auto, rjieba or jieba); auto: rjieba when it is installed."""
    want = os.environ.get("ZHFACTS_NLP", "").strip().lower() or "auto"
    if want not in ("auto", *BACKENDS):
        raise ValueError(f"ZHFACTS_NLP must be one of auto, {', '.join(BACKENDS)}; not {want!r}")
    return available_backends()[0] if want == "auto" else want


_BACKEND = None


def backend():
    """This process's backend (built on first use)."""
    global _BACKEND
    if _BACKEND is None:
        _BACKEND = _Rjieba() if default_backend_name() == "rjieba" else _Jieba()
    return _BACKEND


_BUILT: dict[str, tuple] = {}   # name → (backend, tagger), kept for switching back and forth


def use_backend(name: str) -> None:
    """Switch this process to backend `name` ("rjieba" or "jieba") and forget cached tokens."""
    global _BACKEND, _TAGGER
    if name not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; not {name!r}")
    if _BACKEND is not None:
        _BUILT[_BACKEND.name] = (_BACKEND, _TAGGER)
    _BACKEND, _TAGGER = _BUILT.get(name) or (_Rjieba() if name == "rjieba" else _Jieba(), None)
    clear_caches()


def clear_caches() -> None:
    """Forget the tokens of texts seen so far (benchmarks do, so that repeats cannot hide work)."""
    segment.cache_clear()
    segment_pos.cache_clear()
    _HMM_CACHE.clear()


@lru_cache(maxsize=4096)
def segment(text: str) -> tuple[Token, ...]:
    """Word tokens of a short text (a sentence): the tokens spaCy's Chinese tokenizer (segmenter
    jieba, blank_zh) makes, without building a spaCy Doc (nor growing its vocabulary).

    That tokenizer takes jieba.cut's words and aligns them with the text as
    spacy.util.get_words_and_spaces does: whitespace words dropped, the text between two words
    a token of its own, one plain space after a word its trailing space. The same is done here."""
    words = [x for x in backend().cut(text) if x]
    if "".join(words) != text:   # jieba keeps every character; should it not, spaCy decides
        return tuple(Token(t.text, t.idx, t.idx + len(t.text)) for t in blank_zh().tokenizer(text))
    if _SPACE.search(text) is None:   # (most texts: a block) no space to align, each word a token
        new = tuple.__new__           # Token(…) without the named tuple's Python __new__
        out, pos = [], 0
        for word in words:
            end = pos + len(word)
            out.append(new(Token, (word, pos, end, "")))
            pos = end
        return tuple(out)
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


# -- part-of-speech tags: jieba.posseg's, by a tagger of our own ---------------------------------
# jieba.posseg's patterns: blocks of these characters are tagged word by word, everything else
# character by character; inside a block, runs the dictionary does not know go to the HMM.
_HAN_INTERNAL = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[\.0-9]+")
# posseg's ^[a-zA-Z0-9]$: one ASCII letter or digit
_ENG1 = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class POSTagger:
    """jieba.posseg.cut's (word, tag) pairs, the same ones: the block's route and the
    dictionary's tags come from the backend, unknown runs are tagged by posseg's HMM with
    _ArrayViterbi (the same floats and states as jieba.posseg.viterbi, about 10× faster).
    jieba.posseg itself is only read (its tables)."""

    def __init__(self, backend):
        self.backend = backend
        # jieba-rs's route with its tags, read straight by segments() (no route_tags list)
        self._rs: tuple[Callable, Callable] | None = (
            (backend._tag, backend._has) if isinstance(backend, _Rjieba) else None)
        model = _hmm_model()
        self._viterbi: Callable[[str], list]
        try:
            self._viterbi = _ArrayViterbi(*model)
        except ImportError:          # numpy (spaCy's own dependency) missing: the same, slower
            self._viterbi = lambda run: _viterbi(run, *model)

    def cut(self, text: str, hmm: bool = True) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        block = self._dag if hmm else self._dag_no_hmm
        for blk in _HAN_INTERNAL.split(text):
            if not blk:
                continue
            if _HAN_INTERNAL.match(blk):
                block(blk, out)
                continue
            for x in _SKIP_INTERNAL.split(blk):
                if _SKIP_INTERNAL.match(x):
                    out.append((x, "x"))
                else:
                    for xx in x:            # posseg tests `x` for eng, not `xx`: kept as it is
                        out.append((xx, "m" if _NUM.match(xx) else "eng" if _ENG.match(x) else "x"))
        return out

    def _dag_no_hmm(self, blk: str, out: list) -> None:
        out.extend([(t[0], t[3]) for t in self._block_no_hmm(blk)])

    def _dag(self, blk: str, out: list) -> None:
        buf: list[tuple[str, str]] = []      # a run of single characters of the route
        for w, tag in self.backend.route_tags(blk):
            if len(w) == 1:
                buf.append((w, tag))
                continue
            if buf:
                self._flush(buf, out)
                buf = []
            out.append((w, tag))
        if buf:
            self._flush(buf, out)

    def _flush(self, chars: list[tuple[str, str]], out: list) -> None:
        buf = "".join([ch for ch, _ in chars])
        if len(buf) == 1:
            out.append(chars[0])
        elif not self.backend.has_word(buf):
            out.extend(self._unknown(buf))
        else:
            out.extend(chars)

    def _unknown(self, buf: str) -> Sequence[tuple[str, str]]:
        """posseg's words of a run of single characters of the route that is no word itself:
        Chinese runs by the HMM, digits m, letters eng, the rest x."""
        if _HAN_DETAIL.fullmatch(buf):
            return _hmm_words(buf, self._viterbi)
        out: list[tuple[str, str]] = []
        for blk in _HAN_DETAIL.split(buf):
            if not blk:
                continue
            if _HAN_DETAIL.match(blk):
                out.extend(_hmm_words(blk, self._viterbi))
            else:
                for x in _SKIP_DETAIL.split(blk):
                    if x:
                        tag = "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x"
                        out.append((x, tag))
        return out

    def tokens(self, text: str, hmm: bool = True) -> list[Token]:
        """cut()'s words as Tokens with their offsets in text."""
        if hmm:
            segs = self.segments(text)
        elif _HAN_INTERNAL.fullmatch(text):
            return self._block_no_hmm(text)
        else:
            segs = None
        if segs is None:
            new = tuple.__new__              # Token(...) without the named tuple's Python __new__
            out, i = [], 0
            for word, flag in self.cut(text, hmm):
                j = i + len(word)
                out.append(new(Token, (word, i, j, flag)))
                i = j
            return out
        out = []
        for t in segs:
            if type(t) is Pending:
                out.extend(self.resolve(t))
            else:
                out.append(t)
        return out

    def _block_no_hmm(self, text: str) -> list[Token]:
        """tokens(text, hmm=False) of a text that is one block (most windows of award
        recipients): _dag_no_hmm's words (a run of single letters and digits joined, eng) made
        Tokens as the block's route is walked."""
        new = tuple.__new__
        out: list[Token] = []
        i, run = 0, -1                       # run: where the letters and digits being joined start
        for w, tag in self.backend.route_tags(text):
            if w in _ENG1:
                if run < 0:
                    run = i
                i += 1
                continue
            if run >= 0:
                out.append(new(Token, (text[run:i], run, i, "eng")))
                run = -1
            j = i + len(w)
            out.append(new(Token, (w, i, j, tag)))
            i = j
        if run >= 0:
            out.append(new(Token, (text[run:i], run, i, "eng")))
        return out

    def segments(self, text: str, base: int = 0) -> list | None:
        """tokens(text)'s tokens (hmm on) when text is one block (most windows next to a
        candidate), else None; a run of unknown characters that the HMM would split is left
        as a Pending (resolve() gives its tokens), so that a caller that may not need all of
        a window pays for the HMM only where it looks. The tokens are made as the block's
        route is walked; a run of single characters is the slice of the text it covers.
        base: added to every offset (text is a block of a longer window that starts there)."""
        if not _HAN_INTERNAL.fullmatch(text):
            return None
        if self._rs is not None and not _ASCII_ALNUM1.search(text):
            # jieba-rs's route and tags as they come (a word of two characters or more is a
            # dictionary word with its tag; route_tags' one difference, the joined letters and
            # digits, cannot occur in such a block), a single character's tag asked of the
            # dictionary only where it is kept (alone, or in a run that is a word), not in a
            # run left pending
            tag, has = self._rs
            return self._walk(text, base, tag(text, False), has, lambda w, t: t if has(w) else "x")
        return self._walk(text, base, self.backend.route_tags(text), self.backend.has_word,
                          lambda w, t: t)

    def _walk(self, text: str, base: int, pairs, has, single) -> list:
        """segments()' tokens from a block's route (word, tag pairs): `has(run)` says whether
        a run of single characters is a dictionary word, `single(w, tag)` gives a kept single
        character's tag."""
        new = tuple.__new__
        out: list = []
        n, i, pos = len(pairs), 0, base
        while i < n:
            w, t = pairs[i]
            if len(w) > 1:
                j = pos + len(w)
                out.append(new(Token, (w, pos, j, t)))
                pos, i = j, i + 1
                continue
            k = i + 1                            # the run of single characters pairs[i:k]
            while k < n and len(pairs[k][0]) == 1:
                k += 1
            if k == i + 1:
                out.append(new(Token, (w, pos, pos + 1, single(w, t))))
                pos, i = pos + 1, k
                continue
            run = text[pos - base:pos - base + k - i]
            if has(run):
                for w, t in pairs[i:k]:
                    out.append(new(Token, (w, pos, pos + 1, single(w, t))))
                    pos += 1
            else:
                out.append(Pending(pos, run))
                pos += len(run)
            i = k
        return out

    def resolve(self, p: Pending) -> list[Token]:
        """The tokens of a run segments() left pending (posseg's HMM words)."""
        new = tuple.__new__
        out, pos = [], p.start
        for w, tag in self._unknown(p.run):
            j = pos + len(w)
            out.append(new(Token, (w, pos, j, tag)))
            pos = j
        return out


class Pending(NamedTuple):
    """A run of single characters of a block's route that is no dictionary word, at `start`:
    its tokens are the HMM's words (POSTagger.resolve)."""
    start: int
    run: str


def _hmm_model() -> tuple:
    """jieba.posseg's HMM tables (char_state_tab, start, trans, emit). Read from its modules'
    files when jieba.posseg is not imported yet: importing it loads the tag table of the whole
    dictionary (≈ 0.3 s and tens of MB), which the rjieba backend does not need."""
    import importlib.util
    import sys
    from pathlib import Path
    pseg = sys.modules.get("jieba.posseg")
    if pseg is not None:
        return (pseg.char_state_tab_P, pseg.start_P, pseg.trans_P, pseg.emit_P)
    out = []
    for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"):
        path = Path(jieba.__file__).parent / "posseg" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"_zhfacts_posseg_{name}", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot read jieba.posseg's {name} from {path}")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out.append(mod.P)
    return tuple(out)


_HMM_CACHE: dict[str, tuple[tuple[str, str], ...]] = {}


def _hmm_words(run: str, viterbi) -> tuple[tuple[str, str], ...]:
    """posseg's HMM words of a run of Chinese characters the dictionary does not know (its
    __cut), kept for the next time the run comes up (an unknown name recurs in an article)."""
    got = _HMM_CACHE.get(run)
    if got is not None:
        return got
    _, pos_list = viterbi(run)
    words, begin, nexti = [], 0, 0
    for i, ch in enumerate(run):
        p = pos_list[i][0]
        if p == "B":
            begin = i
        elif p == "E":
            words.append((run[begin:i + 1], pos_list[i][1]))
            nexti = i + 1
        elif p == "S":
            words.append((ch, pos_list[i][1]))
            nexti = i + 1
    if nexti < len(run):
        words.append((run[nexti:], pos_list[nexti][1]))
    if len(_HMM_CACHE) >= 4096:
        _HMM_CACHE.clear()
    got = _HMM_CACHE[run] = tuple(words)
    return got


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
    V: list[dict] = [{}]
    mem_path: list[dict] = [{}]
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
            nxt = {y for x in prev_states for y in trans_p[x]}
            slow = list(nxt if nxt else all_states)
        if slow:
            prev_states = [x for x in Vp if len(trans_p[x]) > 0]
            for y in slow:
                prob, state = max((Vp[y0] + trans_p[y0].get(y, _MIN_INF) +
                                   emit_p[y].get(ch, _MIN_FLOAT), y0) for y0 in prev_states)
                Vt[y] = prob
                Mt[y] = state
    prob, state = max((V[-1][y], y) for y in mem_path[-1])
    route = [None] * len(obs)
    i = len(obs) - 1
    while i >= 0:
        route[i] = state
        state = mem_path[i][state]
        i -= 1
    return (prob, route)



class _ArrayViterbi:
    """jieba.posseg.viterbi.viterbi over numpy arrays: the same sums in float64 in the same order
    ((V + trans) + emit: float addition commutes, so trans + V is the same float), the same
    choice among equal sums (the greater state), the same fallback cases. The states are kept
    in descending order, so that argmax's first maximum is the tuple max()'s pick.

    A step is a few numpy calls on a small matrix: the scores of the character's states (rows)
    from the previous states that have a next state (columns), taken at once from the flat
    transposed transition table. Every score along a path posseg keeps is finite (start,
    transition and emission log probabilities are finite), so a state with the score -inf is
    one posseg drops (no kept state leads to it): kept here, it only ever adds -inf, which
    never wins over a finite score. When the best final score is -inf (posseg would have
    found no state to keep, or no previous state with a next one) the run goes to _viterbi,
    which decides as the original does. At the last step one argmax over the matrix gives the
    final state and its predecessor at once: the first maximum in row order is the greatest
    state, and within it the greatest previous state. A character's states, emissions and
    first-step scores are looked up once."""

    def __init__(self, states, start_p, trans_p, emit_p):
        import numpy as np
        self.np = np
        self.model = (states, start_p, trans_p, emit_p)
        self.names = sorted(trans_p, reverse=True)
        self.index = {s: i for i, s in enumerate(self.names)}
        n = self.n = len(self.names)
        into = np.full((n, n), _MIN_INF)          # into[y, y0] = trans_p[y0][y]
        for y0, nxt in trans_p.items():
            for y, p in nxt.items():
                into[self.index[y], self.index[y0]] = p
        self.flat = into.ravel()
        self.has_next = np.array([bool(trans_p[y]) for y in self.names])
        self.start = np.array([start_p[y] for y in self.names])
        self._chars: dict[str, tuple] = {}

    def _prev(self, live):
        """Of the states `live` (ascending indices), those with a next state: their positions
        in `live` (None: all of them) and their indices."""
        hn = self.has_next[live]
        if hn.all():
            return None, live
        where = hn.nonzero()[0]
        return where, live[where]

    def _char(self, ch: str):
        got = self._chars.get(ch)
        if got is None:
            np = self.np
            states = self.model[0].get(ch)
            idx = (sorted({self.index[y] for y in states}) if states is not None
                   else list(range(self.n)))
            cols = np.array(idx, dtype=np.intp)
            emit_p, names = self.model[3], self.names
            em = np.array([emit_p[names[i]].get(ch, _MIN_FLOAT) for i in idx])
            first = self.start[cols] + em          # start_p[y] + emit_p[y].get(ch, MIN_FLOAT)
            j = int(first.argmax())
            one = (float(first[j]), names[idx[j]])  # a run of this character alone
            if len(self._chars) > 20000:
                self._chars.clear()
            got = self._chars[ch] = (cols, (cols * self.n)[:, None], em[:, None], first, one,
                                     *self._prev(cols))
        return got

    def __call__(self, obs: str):
        _, _, _, v, one, where, prev = self._char(obs[0])
        if len(obs) == 1:
            return one[0], [one[1]]
        flat, inf, last = self.flat, _MIN_INF, len(obs) - 1
        live = self._char(obs[0])[0]                  # the states of V[t] (mem_path[t]'s keys)
        steps = []
        for t in range(1, last + 1):
            cols, rows, em, _, _, cwhere, cprev = self._char(obs[t])
            if where is not None:
                if not len(where):
                    return _viterbi(obs, *self.model)  # the original fails here; say it as it does
                v = v[where]
            scores = flat.take(rows + prev)           # scores[i, j] = trans_p[prev[j]][cols[i]]
            scores += v
            scores += em
            if t == last:
                k = int(scores.argmax())
                prob = scores.item(k)
                if prob == inf:                       # no state of the character is reachable
                    return _viterbi(obs, *self.model)
                i, j = divmod(k, scores.shape[1])
                k = j if where is None else int(where[j])
                route = [int(cols[i]), int(live[k])]
                break
            # a state no previous state leads to keeps the score -inf: posseg drops it, and
            # here it can only lead to -inf scores, which never win over a finite one
            arg = scores.argmax(1)
            steps.append((live, arg if where is None else where[arg]))
            live, v, where, prev = cols, scores.max(1), cwhere, cprev
        for prev_live, came in reversed(steps):
            k = int(came[k])
            route.append(int(prev_live[k]))
        names = self.names
        return prob, [names[i] for i in reversed(route)]


_TAGGER: POSTagger | None = None


def tagger() -> POSTagger:
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = POSTagger(backend())
    return _TAGGER


@lru_cache(maxsize=4096)
def segment_pos(text: str, hmm: bool = True) -> tuple[Token, ...]:
    """Word tokens with jieba part-of-speech tags (jieba.posseg.cut's), for recipients and objects.

    Most of posseg's cost is its part-of-speech HMM over runs of characters the dictionary does
    not know; hmm=False skips it (such runs stay single characters, and digit runs are tagged
    `eng`). Tag only a short window next to a candidate either way (DESIGN.md)."""
    return tuple(tagger().tokens(text, hmm))


def word_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of `word`, or None when the dictionary lacks it."""
    return backend().word_tag(word)
