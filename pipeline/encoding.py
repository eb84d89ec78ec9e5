"""Bytes → text: UTF-8 (with or without BOM) as is; anything else guessed, with a warning.

decode(data) -> (text, warning | None). UTF-8 with a few bad bytes stays UTF-8: the bad bytes
become U+FFFD and the warning counts them (guessing another encoding for the whole text would
turn every character into mojibake). Otherwise the guess goes through charset-normalizer, limited to
the encodings Chinese news comes in (GB18030 — a superset of GBK and GB2312 —, Big5, UTF-16);
a guess that is not one of them, or no guess, falls back to GB18030 with replacement
characters, and the warning says so. Text is never altered otherwise (no normalisation of
full-width characters or spaces: offsets stay true to the input).
"""
from __future__ import annotations

import codecs

import regex

_CANDIDATES = ("gb18030", "big5", "utf_16", "utf_8")


def decode(data: bytes) -> tuple[str, str | None]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), None
        except UnicodeDecodeError:
            pass
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None   # the codec reads and drops the BOM
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    enc = _guess(data)
    if enc is not None:
        try:
            return data.decode(enc), f"encoding guessed: {enc}"
        except UnicodeDecodeError:
            pass
    return data.decode(
        "gb18030", errors="replace"
    ), "encoding guessed: gb18030 (undecodable bytes replaced)"


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 where at least 4 in 5 non-ASCII characters are valid (the rest: cut or corrupted
    characters, stray bytes): the bad sequences are replaced. GBK or Big5 text read as UTF-8
    has only about one valid multi-byte character in ten, so it never passes."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count("\ufffd".encode("utf-8"))
    good = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if bad <= 0 or good < 10 or good < 4 * bad:
        return None
    return (
        text,
        f"invalid UTF-8: {bad} bad byte sequence{'s' if bad > 1 else ''} replaced with U+FFFD",
    )


class NotText(ValueError):
    """Bytes that are not text in any encoding (binary data, random bytes)."""


# control characters other than \t \n \v \f \r, private-use and unassigned code points: real
# text has next to none; binary data decoded as GB18030 is full of them (GB18030 maps nearly
# every byte sequence to some code point, so it never fails).
_NOT_TEXT = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f\p{Co}\p{Cn}]")


def check_text(text: str) -> None:
    """Raise NotText when more than 2% of the characters (and more than 2) cannot be text, or
    more than a quarter are U+FFFD (bytes that no encoding could read)."""
    bad = sum(1 for _ in _NOT_TEXT.finditer(text))
    replaced = text.count("\ufffd")
    if (bad > 2 and bad * 50 > len(text)) or (replaced > 2 and replaced * 4 > len(text)):
        raise NotText(
            f"not text: {(bad + replaced) * 100 // max(len(text), 1)}% of its {len(text):,} "
            "characters are control, private-use, unassigned or undecodable (binary"
            " data?)"
        )


def _guess(data: bytes) -> str | None:
    """gb18030 or big5 (or utf_16) by charset-normalizer; None when it finds neither."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a core dependency
        return _strict_try(data)
    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    if best is None:
        return _strict_try(data)
    enc = best.encoding.lower().replace("-", "_")
    if enc in ("gbk", "gb2312", "cp936", "gb18030"):
        return "gb18030"
    if enc in ("big5", "big5hkscs", "cp950"):
        return "big5"
    if enc.startswith("utf_16"):
        return "utf-16"
    return _strict_try(data)


def _strict_try(data: bytes) -> str | None:
    for enc in ("gb18030", "big5"):
        try:
            data.decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    return None
