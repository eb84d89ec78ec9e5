"""Readers: paths → Documents, one per article, streaming, in bounded memory.

What is read (by name; inside folders and archives too):
  .txt                 one article, id = file stem
  .html .htm           one article with Document.html set (made text before the clean stage)
  .jsonl .jsonl.gz     one article per line: `id`, `text`; optional `ref_date`, `url`, `title`,
                       `html`; other fields are ignored. No id → "<file stem>:<line no>".
  .warc .warc.gz       response records with status 200 and an HTML or text body (warcio, the
                       `warc` extra); id = WARC-Record-ID, else the target URI. Other records
                       (requests, metadata, redirects, 404s, images) are counted in ReadStats.
  .zip .tar .tar.gz .tgz .tar.bz2 .tar.xz   archives holding any of these (archive order)
  .gz .bz2 .xz         any of these compressed; what is inside is recognised by its content
  folder               every readable file below it, recursively, in sorted order
  -                    stdin, recognised by its content like a file: gzip, zip, tar, WARC,
                       JSONL (first line a JSON object), HTML, else one text article
A file named on the command line with another suffix is recognised by its content too;
inside a folder or an archive, files with other suffixes are skipped (and counted).

Nothing is lost and nothing crashes: a bad JSON line, bytes that are not text, a bad ref_date,
an item over a limit (pipeline.limits) or a broken or cut-off archive becomes a Document with
`error` set, so one input article gives one output record. A file cut off in the middle gives
its complete articles and one error record that says where it broke; a cut-off article is
never passed on as if it were whole. Bytes become text through pipeline.encoding.

Library use: iter_documents(paths, limits=..., stats=...) (the same as read()).
"""
from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import struct
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from . import streams
from .core import check_ref_date
from .encoding import NotText, check_text, decode
from .limits import (
    RATIO_FLOOR,
    LimitExceeded,
    Limits,
    ReadStats,
    too_compressed,
    too_many_bytes,
    too_many_chars,
)
from .model import Document
from .streams import (
    CHUNK,
    Counted,
    LocalZipMember,
    Prefixed,
    ShortReads,
    decompressed,
    read_capped,
    spool,
    zip64_sizes,
)

STDIN = "-"
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
ZIP_SUFFIXES = (".zip",)
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
KNOWN_SUFFIXES = (TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
                  + TAR_SUFFIXES + ZIP_SUFFIXES + COMPRESSED_SUFFIXES)


class SourceError(OSError):
    """A path that cannot be read at all (missing, no permission, a folder with nothing to
    read): the CLI's exit 2."""


class _Broken(Exception):
    """A stream that broke off; the message names the file and where it broke."""

    def __init__(self, message: str, id: str | None = None):
        super().__init__(message)
        self.id = id


_STREAM_ERRORS = (*streams.STREAM_ERRORS, _Broken)


def _lower_name(name: str) -> str:
    return name.rsplit("/", 1)[-1].lower()


def kind_of(name: str) -> str | None:
    """'text' | 'html' | 'jsonl' | 'warc' | 'tar' | 'zip' | 'compressed' | None for a file name."""
    low = _lower_name(name)
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("warc", WARC_SUFFIXES),
                           ("tar", TAR_SUFFIXES), ("zip", ZIP_SUFFIXES), ("html", HTML_SUFFIXES),
                           ("text", TEXT_SUFFIXES), ("compressed", COMPRESSED_SUFFIXES)):
        if low.endswith(suffixes):
            return kind
    return None


def stem_of(name: str) -> str:
    """File name without folder and without its reading suffix (a.jsonl.gz → a, b.txt.gz → b)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    low = base.lower()
    for suf in sorted(KNOWN_SUFFIXES, key=len, reverse=True):
        if low.endswith(suf) and len(base) > len(suf):
            if suf in COMPRESSED_SUFFIXES:
                return stem_of(base[: -len(suf)])
            return base[: -len(suf)]
    return base.rsplit(".", 1)[0] if "." in base[1:] else base


def sniff(head: bytes) -> str:
    """What a stream holds, by its first bytes: 'compressed' | 'zip' | 'tar' | 'warc' | 'jsonl'
    | 'html' | 'text'."""
    if head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")):
        return "compressed"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    first, newline, _ = start.partition(b"\n")
    if first.startswith(b"{"):
        if not newline and len(head) >= streams.SNIFF:   # a first record longer than the head
            if _JSON_KEY.match(first):
                return "jsonl"
        else:
            try:
                if isinstance(json.loads(first.decode("utf-8")), dict):
                    return "jsonl"
            except (ValueError, UnicodeDecodeError):
                pass
    if start.startswith(b"<") and _HTML_TAG.search(start):
        return "html"
    return "text"


_JSON_KEY = re.compile(rb'\{\s*"(?:[^"\\]|\\.)*"\s*:')
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|table)[\s>/]", re.I
)


def _hidden(name: str) -> bool:
    """A hidden file or folder in an archive path ('.x', '__MACOSX'); './a.txt' is not hidden."""
    return any((part.startswith(".") and part not in (".", "..")) or part == "__MACOSX"
               for part in name.replace("\\", "/").split("/"))


def _error_doc(id: str, source: str, message: str) -> Document:
    return Document(id=id, source=source, error=message)


# -- the reader ---------------------------------------------------------------------------------

class _Reader:
    """One read of the inputs, with its limits and statistics."""

    def __init__(self, limits: Limits | None, stats: ReadStats | None):
        self.limits = limits or Limits.default()
        self.stats = stats if stats is not None else ReadStats()

    def _add_bytes(self, n: int) -> None:
        self.stats.bytes_read += n

    def open_file(self, path) -> BinaryIO:
        return io.BufferedReader(Counted(open(path, "rb", buffering=0), self._add_bytes), CHUNK)

    # single articles

    def decode_doc(self, data: bytes, id: str, source: str, html: bool = False,
                   charset: str | None = None) -> Document:
        warning = None
        text = None
        if charset is not None:
            try:
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                text = None   # the declared charset is wrong: guess
        try:
            if text is None:
                text, warning = decode(data)
            check_text(text)
        except NotText as e:
            return _error_doc(id, source, f"{source}: {e}")
        except Exception as e:
            return _error_doc(id, source, f"cannot decode {source}: {type(e).__name__}: {e}")
        if not html and len(text) > self.limits.max_chars:
            return _error_doc(id, source, str(too_many_chars(source, self.limits, len(text))))
        doc = Document(id=id, source=source, warnings=[warning] if warning else [])
        if html:
            doc.html = text
        else:
            doc.text = text
        return doc

    def cap(self, html: bool) -> int:
        """Bytes read of one text or HTML article at most."""
        return self.limits.max_bytes if html else self.limits.text_bytes

    def too_big(self, what: str, html: bool) -> LimitExceeded:
        if html or self.limits.text_bytes == self.limits.max_bytes:
            return too_many_bytes(what, self.limits)
        return too_many_chars(what, self.limits)   # more than 4 bytes a character in no encoding

    def single(self, stream, id: str, source: str, html: bool) -> Document:
        """A text or HTML file: read in chunks, stopped at once over the limit."""
        try:
            data = read_capped(stream, self.cap(html), lambda: self.too_big(source, html))
        except LimitExceeded as e:
            if e.option == "--max-ratio":
                raise     # the stream around this item: not this item's limit
            return _error_doc(id, source, str(e))
        return self.decode_doc(data, id, source, html=html)

    # dispatch

    def member(self, name: str, source: str, opener: Callable[[], IO[bytes]], *,
               explicit: bool = False, seekable_file: bool = False) -> Iterator[Document]:
        """One file (on disk, in an archive or stdin) by its name, else by its content; stream
        errors propagate to the caller, which knows whether the stream can go on."""
        kind = kind_of(name)
        if not explicit and _hidden(name):
            self.stats.skip("hidden file")    # .DS_Store, __MACOSX/._a.txt: not articles
            return
        if kind is None and not explicit:
            self.stats.skip("unsupported file")
            return
        self.stats.files += 1
        stem = stem_of(name)
        with opener() as raw:
            if kind == "zip":
                yield from self.zip(raw if seekable_file else spool(raw, source, self.limits),
                                    source)
                return
            head, stream = streams.head(raw)
            if sniff(head) == "compressed":
                stream = decompressed(stream, head, source, self.limits)
                head, stream = streams.head(stream)
                if kind in (None, "compressed"):
                    kind = sniff(head)
            elif kind in (None, "compressed"):
                kind = sniff(head)
            yield from self.stream(kind, stream, name, stem, source)

    def stream(self, kind: str, stream, name: str, stem: str, source: str) -> Iterator[Document]:
        if kind in ("text", "html"):
            yield self.single(stream, stem, source, html=kind == "html")
        elif kind == "jsonl":
            yield from self.jsonl(stream, stem, source)
        elif kind == "warc":
            yield from self.warc(stream, stem, source)
        elif kind == "tar":
            yield from self.tar(stream, source)
        elif kind == "zip":
            yield from self.zip(spool(stream, source, self.limits), source)
        else:  # compressed twice: not read
            yield _error_doc(stem, source,
                             f"{source}: compressed data inside compressed data is not read")

    def top(self, name: str, source: str, opener, *, explicit: bool = False,
            seekable_file: bool = False) -> Iterator[Document]:
        """A file or stdin: whatever breaks becomes one error record, after the articles before
        it."""
        stem = stem_of(name)
        try:
            yield from self.member(name, source, opener, explicit=explicit,
                                   seekable_file=seekable_file)
        except (_Broken, LimitExceeded) as e:
            yield _error_doc(getattr(e, "id", None) or stem, source, str(e))
        # stream errors, and whatever else: never an exception out of read()
        except Exception as e:
            yield _error_doc(stem, source, f"cannot read {source}: {type(e).__name__}: {e}")

    # JSONL

    def jsonl(self, stream, stem: str, source: str) -> Iterator[Document]:
        """One Document per non-blank line; a line over max_bytes is skipped (error record)."""
        cap = self.limits.max_bytes
        n = 0
        while True:
            try:
                raw = stream.readline(cap + 1)
                if not raw:
                    return
                n += 1
                too_long = len(raw) > cap
                if too_long:
                    while raw and not raw.endswith(b"\n"):   # the rest of the line, unread
                        raw = stream.readline(CHUNK)
            except _STREAM_ERRORS as e:
                if isinstance(e, LimitExceeded):
                    raise _Broken(f"stopped reading {source} after line {n}: {e}",
                                  f"{stem}:read-error") from e
                raise _Broken(f"stopped reading {source} after line {n} (the file is cut off or "
                              f"damaged there): {type(e).__name__}: {e}",
                              f"{stem}:read-error") from e
            where, default_id = f"{source}:{n}", f"{stem}:{n}"
            if too_long:
                yield _error_doc(default_id, where,
                                 str(too_many_bytes(f"line {n} of {source}", self.limits)))
                continue
            if not raw.strip():
                continue
            try:
                line, warning = _line_text(raw)
                obj = json.loads(line)
            except Exception as e:
                yield _error_doc(default_id, where,
                                 f"bad JSON at line {n}: {type(e).__name__}: {e}")
                continue
            doc = record_to_doc(obj, default_id, where, self.limits)
            if warning:
                doc.warnings.append(warning)
            yield doc

    # WARC

    def warc(self, stream, stem: str, source: str) -> Iterator[Document]:
        """Response records of a WARC: one Document per 200 response with an HTML or text body."""
        try:
            from warcio.archiveiterator import ArchiveIterator
        except ImportError:
            yield _error_doc(stem, source, "reading WARC needs warcio: pip install 'zhfacts[warc]'")
            return
        n = 0      # records read
        archive = ArchiveIterator(ShortReads(stream))
        it = iter(archive)
        while True:
            try:
                record = next(it)
            except StopIteration:
                left = getattr(archive, "next_line", None)
                if left and left.strip():   # a line warcio could not make a record of: cut off
                    raise _Broken(f"{source}: cut off after record {n}, in the header of the next "
                                  f"record ({left[:40]!r})", f"{stem}:record-{n + 1}") from None
                return
            except Exception as e:
                raise _Broken(
                    f"{source}: broken or cut off after record {n}: {type(e).__name__}: {e}",
                    f"{stem}:record-{n + 1}",
                ) from e
            n += 1
            if record.rec_type is None or record.length is None:
                raise _Broken(f"{source}: record {n} is cut off in its WARC headers",
                              f"{stem}:record-{n}")
            doc = self.warc_record(record, stem, source, n)
            if doc is not None:
                yield doc
                if doc.error and "cut off" in doc.error:
                    return    # what follows a cut-off record is the end of the file

    def warc_record(self, record, stem: str, source: str, n: int) -> Document | None:
        if record.rec_type != "response":
            self.stats.skip(f"warc:{record.rec_type}")
            return None
        headers = record.rec_headers
        uri = headers.get_header("WARC-Target-URI")
        rid = (
            (headers.get_header("WARC-Record-ID") or "").strip("<>") or uri or f"{stem}:record-{n}"
        )
        where = f"{source}#{uri or rid}"
        ctype = status = ""
        if record.http_headers is not None:
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            status = (record.http_headers.get_statuscode() or "").strip()
        else:   # not HTTP (dns:, ftp:): the record's own content type
            ctype = (headers.get_header("Content-Type") or "").lower()
        if status and status != "200":
            self.stats.skip("warc:redirect" if status.startswith("3") else f"warc:{status}")
            return None
        if ctype and not ("html" in ctype or ctype.startswith("text/plain")):
            self.stats.skip("warc:not html")   # images, scripts, styles, PDFs, DNS: not articles
            return None
        if record.length is not None and record.length > self.limits.max_bytes:
            return _error_doc(rid, where,
                              str(too_many_bytes(f"WARC record {uri or rid}", self.limits)))
        try:
            body = read_capped(record.content_stream(), self.limits.max_bytes,
                                lambda: too_many_bytes(f"WARC record {uri or rid}", self.limits))
        except LimitExceeded as e:
            if e.option == "--max-ratio":
                raise
            return _error_doc(rid, where, str(e))
        except Exception as e:
            return _error_doc(rid, where, f"{source}: record {n} ({uri or rid}) is cut off: "
                                          f"{type(e).__name__}: {e}")
        missing = getattr(record.raw_stream, "limit", 0) or 0
        if missing > 0:    # fewer bytes than its Content-Length: the file ends inside it
            return _error_doc(rid, where, f"{source}: record {n} ({uri or rid}) is cut off: "
                                          f"{record.length - missing:,} of {record.length:,} bytes")
        self.stats.files += 1
        html = "html" in ctype or not ctype
        doc = self.decode_doc(body, rid, where, html=html, charset=_charset(ctype))
        if uri and doc.error is None:
            doc.meta["url"] = uri
        return doc

    # archives

    def zip(self, f, source: str) -> Iterator[Document]:
        try:
            zf = zipfile.ZipFile(f)
        except zipfile.BadZipFile:
            f.seek(0)
            if f.read(4) != b"PK\x03\x04":
                raise
            yield from self.zip_scan(f, source)   # no central directory: cut off
            return
        with zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                msource = f"{source}!{info.filename}"
                err = self.zip_sizes(info.filename, msource, info.file_size, info.compress_size)
                if err is not None:
                    self.stats.files += 1
                    yield err
                    continue
                try:
                    yield from self.member(info.filename, msource,
                                           functools.partial(zf.open, info))
                except (_Broken, LimitExceeded) as e:
                    yield _error_doc(getattr(e, "id", None) or stem_of(info.filename), msource,
                                     str(e))
                # bad CRC, encrypted, unknown compression: the next member is fine
                except Exception as e:
                    yield _error_doc(stem_of(info.filename), msource,
                                     f"cannot read {msource}: {type(e).__name__}: {e}")

    def zip_sizes(self, name: str, source: str, size: int, compressed: int) -> Document | None:
        """An error record for a member whose declared sizes are over a limit, before reading it."""
        kind = kind_of(name)
        if kind is None:
            return None
        if size > RATIO_FLOOR and size > self.limits.max_ratio * max(compressed, 1):
            return _error_doc(stem_of(name), source,
                              str(too_compressed(f"member {name}", self.limits,
                                                                        size, compressed)))
        if kind in ("text", "html") and size > self.cap(kind == "html"):
            return _error_doc(stem_of(name), source,
                              str(self.too_big(f"member {name}", kind == "html")))
        return None

    def zip_scan(self, f, source: str) -> Iterator[Document]:
        """A zip without its central directory (cut off): its members read one after another
        from their local headers, up to the one that is cut off."""
        last = None
        f.seek(0)
        while True:
            pos = f.tell()
            sig = f.read(4)
            if sig in (b"PK\x01\x02", b"PK\x05\x06"):  # the central directory, cut or damaged
                raise _Broken(
                    f"cannot read {source}: its central directory (at byte {pos:,}) is cut off "
                    f"or damaged; every member before it was read"
                )
            if sig != b"PK\x03\x04":
                after = f"after member {last}" if last else "before its first member"
                raise _Broken(
                    f"cannot read {source}: cut off {after} (at byte {pos:,}; no central directory)"
                )
            fixed = f.read(26)
            if len(fixed) < 26:
                raise _Broken(
                    f"cannot read {source}: cut off in the header of a member at byte {pos:,}"
                )
            _, flag, method, _, _, crc, csize, usize, nlen, xlen = struct.unpack(
                "<HHHHHIIIHH", fixed
            )
            rawname, extra = f.read(nlen), f.read(xlen)
            name = rawname.decode("utf-8" if flag & 0x800 else "cp437", "replace")
            if csize == 0xFFFFFFFF or usize == 0xFFFFFFFF:
                usize, csize = zip64_sizes(extra, usize, csize)
            msource = f"{source}!{name}"
            if flag & 1 or method not in (0, 8) or (flag & 8 and method != 8):
                raise _Broken(
                    f"cannot read {source}: cut off, and member {name} cannot be read without "
                    "the central directory (encrypted, or an unknown compression)"
                )
            known = not flag & 8
            member = LocalZipMember(f, method, csize if known else None, crc if known else None)
            if name.endswith("/"):
                member.drain()
                continue
            err = self.zip_sizes(name, msource, usize, csize) if known else None
            try:
                if err is not None:
                    self.stats.files += 1
                    yield err
                else:
                    yield from self.member(name, msource,
                                           functools.partial(io.BufferedReader, member, CHUNK))
                member.drain()
            except (LimitExceeded, _Broken) as e:
                if isinstance(e, LimitExceeded) and not member.cut:
                    yield _error_doc(stem_of(name), msource, str(e))
                    member.drain()
                else:
                    yield _error_doc(stem_of(name), msource,
                                     f"{source} is cut off in member {name}: {e}")
                    return
            except _STREAM_ERRORS as e:
                yield _error_doc(stem_of(name), msource,
                                 f"{source} is cut off in member {name}: {type(e).__name__}: {e}")
                return
            if flag & 8:
                member.skip_descriptor()
            last = name

    def tar(self, stream, source: str) -> Iterator[Document]:
        """A tar (already decompressed), streaming: members in archive order. A member that
        breaks off ends the archive with one error record that names it."""
        last = None
        # stream mode ("r|") only calls read(), all ShortReads has: typeshed asks for a whole file
        tf = tarfile.open(fileobj=ShortReads(stream), mode="r|")  # type: ignore[call-overload]  # noqa: SIM115
        try:
            while True:
                try:
                    m = tf.next()
                except LimitExceeded:
                    raise
                except _STREAM_ERRORS as e:
                    after = f"after member {last}" if last else "before its first member"
                    raise _Broken(f"cannot read {source}: cut off or damaged {after}: "
                                  f"{type(e).__name__}: {e}") from e
                if m is None:
                    return
                if not m.isfile():
                    continue
                msource = f"{source}!{m.name}"
                kind = kind_of(m.name)
                if kind in ("text", "html") and m.size > self.cap(kind == "html"):
                    self.stats.files += 1
                    yield _error_doc(stem_of(m.name), msource,
                                     str(self.too_big(f"member {m.name}", kind == "html")))
                    continue
                try:
                    yield from self.member(m.name, msource, functools.partial(_member_file, tf, m))
                except (_Broken, LimitExceeded) as e:
                    if isinstance(e, LimitExceeded) and e.option != "--max-ratio":
                        yield _error_doc(stem_of(m.name), msource, str(e))
                        continue
                    yield _error_doc(getattr(e, "id", None) or stem_of(m.name), msource,
                                     f"{source} broke off in member {m.name}: {e}")
                    return
                except _STREAM_ERRORS as e:
                    yield _error_doc(
                        stem_of(m.name),
                        msource,
                        f"{source} is cut off in member {m.name} "
                        f"({m.size:,} bytes): {type(e).__name__}: {e}",
                    )
                    return
                last = m.name
        finally:
            with contextlib.suppress(Exception):
                tf.close()

    # folders and stdin

    def walk(self, folder: Path) -> Iterator[Path]:
        """Files below a folder, recursively, sorted by path (a/w.txt, a/z/y.txt, b/x.txt, c.jsonl);
        hidden files and folders are skipped."""
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir():
                found = False
                for f in self.walk(Path(e.path)):
                    found = found or kind_of(f.name) is not None
                    yield f
                if not found:
                    self.stats.skip("directory without supported files")
            elif e.is_file():
                yield Path(e.path)

    def path(self, p: str) -> Iterator[Document]:
        if p == STDIN:
            yield from self.stdin(None)
            return
        fp = Path(p)
        if fp.is_dir():
            for f in self.walk(fp):
                yield from self.top(f.name, str(f), lambda f=f: self.open_file(f),
                                    seekable_file=True)
        else:
            yield from self.top(fp.name, p, lambda: self.open_file(fp), explicit=True,
                                seekable_file=True)

    def stdin(self, stream) -> Iterator[Document]:
        stream = stream if stream is not None else sys.stdin.buffer
        raw = io.BufferedReader(Counted(stream, self._add_bytes), CHUNK)
        head, _ = streams.head(raw, 1)
        if not head:
            return
        for doc in self.top("stdin", STDIN, lambda: Prefixed(head, raw), explicit=True):
            if doc.text is not None and not doc.text.strip() and doc.id == "stdin":
                continue      # only blank lines on stdin: nothing to read
            yield doc


# -- records ------------------------------------------------------------------------------------

def record_to_doc(obj: object, default_id: str, source: str,
                  limits: Limits | None = None) -> Document:
    """One parsed JSONL record → Document (error set when it cannot be an article)."""
    if not isinstance(obj, dict):
        return _error_doc(default_id, source,
                          f"line is JSON but not an object ({type(obj).__name__})")
    raw_id = obj.get("id")
    id = default_id if raw_id is None or raw_id == "" else str(raw_id)
    text, html = obj.get("text"), obj.get("html")
    if text is not None and not isinstance(text, str):
        return _error_doc(id, source, f"`text` must be a string, not {type(text).__name__}")
    if html is not None and not isinstance(html, str):
        return _error_doc(id, source, f"`html` must be a string, not {type(html).__name__}")
    if text is None and html is None:
        return _error_doc(id, source, "record has no `text` (nor `html`)")
    limits = limits or Limits.default()
    if text is not None and len(text) > limits.max_chars:
        return _error_doc(id, source, str(too_many_chars(f"record {id}", limits, len(text))))
    meta = {k: obj[k] for k in ("url", "title") if isinstance(obj.get(k), str) and obj[k]}
    doc = Document(id=id, text=text, html=html if text is None else None, source=source, meta=meta)
    try:
        doc.ref_date = check_ref_date(obj.get("ref_date"))
    except ValueError as e:
        doc.error = str(e)
    return doc


def _line_text(raw: bytes) -> tuple[str, str | None]:
    try:
        return raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"), None
    except UnicodeDecodeError:
        return decode(raw)


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.strip() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


# -- public -------------------------------------------------------------------------------------

def read_jsonl_stream(stream: BinaryIO, name: str, source: str | None = None, *,
                      limits: Limits | None = None,
                      stats: ReadStats | None = None) -> Iterator[Document]:
    """JSONL from a binary stream; blank lines are skipped, every other line is one Document."""
    source = source or name
    stem = stem_of(name)
    try:
        yield from _Reader(limits, stats).jsonl(stream, stem, source)
    except _Broken as e:
        yield _error_doc(e.id or stem, source, str(e))


def read_warc_stream(stream: BinaryIO, name: str, source: str | None = None, *,
                     limits: Limits | None = None,
                     stats: ReadStats | None = None) -> Iterator[Document]:
    """Response records of a WARC (.gz or not): one Document per HTML or text response."""
    source = source or name
    try:
        yield from _Reader(limits, stats).warc(stream, stem_of(name), source)
    except _Broken as e:
        yield _error_doc(e.id or stem_of(name), source, str(e))


def read_stdin(stream: BinaryIO | None = None, *, limits: Limits | None = None,
               stats: ReadStats | None = None) -> Iterator[Document]:
    """stdin, recognised by its content like a file (gzip, zip, tar, WARC, JSONL, HTML, text)."""
    yield from _Reader(limits, stats).stdin(stream)


def check_paths(paths: Iterable[str]) -> None:
    """Raise SourceError (one line) for a path that is missing or unreadable, a folder with no
    file that can be read, or stdin given twice."""
    stdin_seen = False
    for p in paths:
        if p == STDIN:
            if stdin_seen:
                raise SourceError("'-' (stdin) can be given only once")
            stdin_seen = True
            continue
        path = Path(p)
        if not path.exists():
            raise SourceError(f"{p}: no such file or folder")
        if not os.access(path, os.R_OK):
            raise SourceError(f"{p}: not readable (permission denied)")
        if path.is_dir():
            if not os.access(path, os.X_OK):
                raise SourceError(f"{p}: folder cannot be listed (permission denied)")
            if not any(kind_of(f.name) is not None for f in _Reader(None, None).walk(path)):
                raise SourceError(f"{p}: folder holds no file that can be read "
                                  f"(looked for {', '.join(sorted(set(KNOWN_SUFFIXES)))})")


def rereadable(paths: Iterable[str]) -> bool:
    """Can these inputs be read twice (a first pass for the repeat index)? Not stdin."""
    return all(p != STDIN for p in paths)


def estimate(paths: Iterable[str | os.PathLike]) -> int | None:
    """Total bytes on disk of the inputs (compressed, as stored), for a progress bar that
    compares it with ReadStats.bytes_read; None when stdin is among them."""
    total = 0
    reader = _Reader(None, None)
    for p in paths:
        p = str(p)
        if p == STDIN:
            return None
        fp = Path(p)
        try:
            if fp.is_dir():
                total += sum(f.stat().st_size for f in reader.walk(fp)
                             if kind_of(f.name) is not None)
            else:
                total += fp.stat().st_size
        except OSError:
            continue
    return total


def read_path(path: str | os.PathLike, *, limits: Limits | None = None,
              stats: ReadStats | None = None) -> Iterator[Document]:
    """Every article of one path (file, folder or '-')."""
    yield from _Reader(limits, stats).path(str(path))


def read(paths: Iterable[str | os.PathLike], ref_date: str | None = None, *,
         limits: Limits | None = None, stats: ReadStats | None = None) -> Iterator[Document]:
    """Every article of every path, in the order given; `ref_date` fills in where none is
    carried. Over `limits` (default Limits.default()) an item becomes an error record; `stats`
    (a ReadStats) counts what was skipped and read. A missing path or a folder with nothing to
    read raises SourceError before anything is read; nothing else raises."""
    names = [str(p) for p in paths]
    check_paths(names)
    default = check_ref_date(ref_date)
    reader = _Reader(limits, stats)
    for p in names:
        for doc in reader.path(p):
            if default is not None and doc.ref_date is None:
                doc.ref_date = default
            yield doc


def _member_file(tf: tarfile.TarFile, m: tarfile.TarInfo) -> IO[bytes]:
    f = tf.extractfile(m)
    assert f is not None  # a regular file (isfile) always has data
    return f


iter_documents = read
