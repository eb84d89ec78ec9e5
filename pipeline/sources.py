"""Readers: paths → Documents, one per article, streaming.

What is read (by name; inside folders and archives too):
  .txt                 one article, id = file stem
  .html .htm           one article with Document.html set (the clean stage makes text of it)
  .jsonl .jsonl.gz     one article per line: `id`, `text`; optional `ref_date`, `url`, `title`,
                       `html`; other fields are ignored. No id → "<file stem>:<line no>".
  .warc .warc.gz       response records (warcio, the `warc` extra); id = WARC-Record-ID,
                       else the target URI; the HTTP body is the html
  .zip .tar .tar.gz .tgz   archives holding any of these (archive order)
  folder               every readable file below it, recursively, in sorted order
  -                    stdin: JSONL when its first line is a JSON object, else one text article
A file named on the command line with another suffix is read as one text article; inside a
folder or an archive, files with other suffixes are skipped.

Nothing is lost and nothing crashes: a bad JSON line, an undecodable file, a bad ref_date or a
broken archive member becomes a Document with `error` set, so one input article gives one
output record. Bytes become text through pipeline.encoding.decode.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .core import check_ref_date
from .model import Document

try:  # written by the encoding engineer: decode(data) -> (text, warning | None)
    from .encoding import decode as _decode
except ImportError:  # pragma: no cover - only while encoding.py does not exist yet
    _decode = None

STDIN = "-"
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
ZIP_SUFFIXES = (".zip",)
KNOWN_SUFFIXES = (TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
                  + TAR_SUFFIXES + ZIP_SUFFIXES)


class SourceError(OSError):
    """A path that cannot be read at all (missing, no permission): the CLI's exit 2."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes → (text, warning or None), through pipeline.encoding when it is there."""
    if _decode is not None:
        return _decode(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("gb18030"), "encoding guessed: gb18030"


def _lower_name(name: str) -> str:
    return name.rsplit("/", 1)[-1].lower()


def kind_of(name: str) -> str | None:
    """'text' | 'html' | 'jsonl' | 'warc' | 'tar' | 'zip' | None for a file name."""
    low = _lower_name(name)
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("warc", WARC_SUFFIXES), ("tar", TAR_SUFFIXES),
                           ("zip", ZIP_SUFFIXES), ("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if low.endswith(suffixes):
            return kind
    return None


def stem_of(name: str) -> str:
    """File name without folder and without its reading suffix (a.jsonl.gz → a)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    low = base.lower()
    for suf in sorted(KNOWN_SUFFIXES, key=len, reverse=True):
        if low.endswith(suf) and len(base) > len(suf):
            return base[: -len(suf)]
    return base.rsplit(".", 1)[0] if "." in base[1:] else base


def _error_doc(id: str, source: str, message: str) -> Document:
    return Document(id=id, source=source, error=message)


# -- single items -----------------------------------------------------------------------------

def _text_doc(data: bytes, id: str, source: str) -> Document:
    try:
        text, warning = decode(data)
    except Exception as e:
        return _error_doc(id, source, f"cannot decode {source}: {type(e).__name__}: {e}")
    return Document(id=id, text=text, source=source, warnings=[warning] if warning else [])


def _html_doc(data: bytes, id: str, source: str, meta: dict | None = None) -> Document:
    doc = _text_doc(data, id, source)
    if doc.error is None:
        doc.html, doc.text = doc.text, None
    if meta:
        doc.meta.update(meta)
    return doc


def record_to_doc(obj: object, default_id: str, source: str) -> Document:
    """One parsed JSONL record → Document (error set when it cannot be an article)."""
    if not isinstance(obj, dict):
        return _error_doc(default_id, source, f"line is JSON but not an object ({type(obj).__name__})")
    raw_id = obj.get("id")
    id = default_id if raw_id is None or raw_id == "" else str(raw_id)
    text, html = obj.get("text"), obj.get("html")
    if text is not None and not isinstance(text, str):
        return _error_doc(id, source, f"`text` must be a string, not {type(text).__name__}")
    if html is not None and not isinstance(html, str):
        return _error_doc(id, source, f"`html` must be a string, not {type(html).__name__}")
    if text is None and html is None:
        return _error_doc(id, source, "record has no `text` (nor `html`)")
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


def read_jsonl_stream(stream: BinaryIO, name: str, source: str | None = None) -> Iterator[Document]:
    """JSONL from a binary stream; blank lines are skipped, every other line is one Document."""
    stem, source = stem_of(name), source or name
    lines = enumerate(stream, 1)
    while True:
        try:
            item = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError, zlib_error()) as e:  # truncated .gz, I/O error mid-file
            yield _error_doc(f"{stem}:read-error", source, f"stopped reading {source}: {type(e).__name__}: {e}")
            return
        n, raw = item
        if not raw.strip():
            continue
        where = f"{source}:{n}"
        default_id = f"{stem}:{n}"
        try:
            line, warning = _line_text(raw)
            obj = json.loads(line)
        except Exception as e:
            yield _error_doc(default_id, where, f"bad JSON at line {n}: {type(e).__name__}: {e}")
            continue
        doc = record_to_doc(obj, default_id, where)
        if warning:
            doc.warnings.append(warning)
        yield doc


def zlib_error():
    import zlib
    return zlib.error


def read_warc_stream(stream: BinaryIO, name: str, source: str | None = None) -> Iterator[Document]:
    """Response records of a WARC (.gz or not): one Document per HTML or text response."""
    source = source or name
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield _error_doc(stem_of(name), source, "reading WARC needs warcio: pip install 'zhfacts[warc]'")
        return
    n = 0
    it = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(it)
        except StopIteration:
            return
        except Exception as e:
            yield _error_doc(f"{stem_of(name)}:record-{n + 1}", source,
                             f"broken WARC after record {n}: {type(e).__name__}: {e}")
            return
        if record.rec_type != "response":
            continue
        n += 1
        headers = record.rec_headers
        uri = headers.get_header("WARC-Target-URI")
        rid = (headers.get_header("WARC-Record-ID") or "").strip("<>") or uri or f"{stem_of(name)}:record-{n}"
        ctype = ""
        if record.http_headers is not None:
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        if ctype and not ("html" in ctype or ctype.startswith("text/")):
            continue  # images, scripts, PDFs: not articles
        where = f"{source}#{uri or rid}"
        try:
            body = record.content_stream().read()
        except Exception as e:
            yield _error_doc(rid, where, f"cannot read WARC record: {type(e).__name__}: {e}")
            continue
        meta = {"url": uri} if uri else {}
        charset = _charset(ctype)
        if "html" in ctype or not ctype:
            doc = _html_doc(body, rid, where, meta) if charset is None else _declared(body, rid, where, meta, charset, True)
        else:
            doc = _text_doc(body, rid, where) if charset is None else _declared(body, rid, where, meta, charset, False)
            doc.meta.update(meta)
        yield doc


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.strip() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def _declared(body: bytes, id: str, where: str, meta: dict, charset: str, html: bool) -> Document:
    """Body with a charset in its HTTP header: trust it when it decodes cleanly."""
    try:
        text = body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return _html_doc(body, id, where, meta) if html else _text_doc(body, id, where)
    doc = Document(id=id, source=where, meta=dict(meta))
    if html:
        doc.html = text
    else:
        doc.text = text
    return doc


# -- dispatch -----------------------------------------------------------------------------------

def _read_member(name: str, source: str, opener: Callable[[], BinaryIO], explicit: bool = False) -> Iterator[Document]:
    """One file (on disk or in an archive) by its name; `opener` gives a fresh binary stream."""
    kind = kind_of(name)
    if kind is None:
        if not explicit:
            return
        kind = "text"
    stem = stem_of(name)
    try:
        if kind in ("text", "html"):
            with opener() as f:
                data = f.read()
            yield (_text_doc(data, stem, source) if kind == "text" else _html_doc(data, stem, source))
        elif kind == "jsonl":
            with opener() as raw:
                stream = gzip.GzipFile(fileobj=raw) if name.lower().endswith(".gz") else raw
                yield from read_jsonl_stream(stream, name, source)
        elif kind == "warc":
            with opener() as f:
                yield from read_warc_stream(f, name, source)
        elif kind == "zip":
            with opener() as f:
                yield from _read_zip(f, source)
        elif kind == "tar":
            with opener() as f:
                yield from _read_tar(f, source)
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, zlib_error()) as e:
        yield _error_doc(stem, source, f"cannot read {source}: {type(e).__name__}: {e}")


def _read_zip(f: BinaryIO, source: str) -> Iterator[Document]:
    if not f.seekable():
        f = io.BytesIO(f.read())
    with zipfile.ZipFile(f) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            yield from _read_member(info.filename, f"{source}!{info.filename}",
                                    lambda info=info: zf.open(info))


def _read_tar(f: BinaryIO, source: str) -> Iterator[Document]:
    with tarfile.open(fileobj=f, mode="r|*") as tf:  # streaming: members in archive order
        for member in tf:
            if not member.isfile():
                continue
            if kind_of(member.name) is None:
                continue
            data = tf.extractfile(member).read()
            yield from _read_member(member.name, f"{source}!{member.name}", lambda data=data: io.BytesIO(data))


def _walk(folder: Path) -> Iterator[Path]:
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
            yield from _walk(Path(e.path))
        elif e.is_file():
            yield Path(e.path)


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Document]:
    """stdin: JSONL when the first non-blank line is a JSON object, else one text article."""
    stream = stream if stream is not None else sys.stdin.buffer
    head: list[bytes] = []
    first = b""
    for line in stream:
        head.append(line)
        if line.strip():
            first = line
            break
    is_jsonl = False
    if first:
        try:
            is_jsonl = isinstance(json.loads(_line_text(first)[0]), dict)
        except Exception:
            is_jsonl = False
    if is_jsonl:
        def lines():
            yield from head
            yield from stream
        yield from read_jsonl_stream(lines(), "stdin", "-")  # type: ignore[arg-type]
    else:
        data = b"".join(head) + stream.read()
        if not data.strip():
            return
        yield _text_doc(data, "stdin", "-")



def check_paths(paths: Iterable[str]) -> None:
    """Raise SourceError (one line) for a path that is missing or unreadable; stdin at most once."""
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
        if path.is_dir() and not os.access(path, os.X_OK):
            raise SourceError(f"{p}: folder cannot be listed (permission denied)")


def rereadable(paths: Iterable[str]) -> bool:
    """Can these inputs be read twice (a first pass for the repeat index)? Not stdin."""
    return all(p != STDIN for p in paths)


def read_path(path: str | os.PathLike) -> Iterator[Document]:
    p = str(path)
    if p == STDIN:
        yield from read_stdin()
        return
    fp = Path(p)
    if fp.is_dir():
        for f in _walk(fp):
            yield from _read_member(f.name, str(f), lambda f=f: open(f, "rb"))
    else:
        yield from _read_member(fp.name, p, lambda: open(fp, "rb"), explicit=True)


def read(paths: Iterable[str | os.PathLike], ref_date: str | None = None) -> Iterator[Document]:
    """Every article of every path, in the order given; `ref_date` fills in where none is carried."""
    default = check_ref_date(ref_date)
    for p in paths:
        for doc in read_path(p):
            if default is not None and doc.ref_date is None:
                doc.ref_date = default
            yield doc
