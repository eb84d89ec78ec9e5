"""Bytes → text: UTF-8 (with or without BOM) as is; anything else guessed, with a warning.

decode(data) -> (text, warning | None). The guess goes through charset-normalizer, limited to
the encodings Chinese news comes in (GB18030 — a superset of GBK and GB2312 —, Big5, UTF-16);
a guess that is not one of them, or no guess, falls back to GB18030 with replacement
characters, and the warning says so. Text is never altered otherwise (no normalisation of
full-width characters or spaces: offsets stay true to the input).
"""
from __future__ import annotations

import codecs

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
    enc = _guess(data)
    if enc is not None:
        try:
            return data.decode(enc), f"encoding guessed: {enc}"
        except UnicodeDecodeError:
            pass
    return data.decode("gb18030", errors="replace"), "encoding guessed: gb18030 (undecodable bytes replaced)"


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
