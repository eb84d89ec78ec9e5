"""Byte-stream layers of the readers: counting, putting back a sniffed head, decompressing
with a ratio guard, reading up to a cap, copying to a seekable file, and reading one zip
member from its local header (for a zip whose central directory is cut off)."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import struct
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from typing import IO, BinaryIO

from .limits import RATIO_FLOOR, LimitExceeded, Limits, too_compressed, too_many_bytes

CHUNK = 1 << 16
SNIFF = 1 << 12      # bytes looked at to recognise a stream by its content
# a zip that must be copied stays in memory up to this, then goes to disk
SPOOL_IN_MEMORY = 8 << 20

# errors of a stream that cannot be read on: truncated or corrupt data, I/O errors, a limit
STREAM_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError,
                 lzma.LZMAError, LimitExceeded)


class Counted(io.RawIOBase):
    """A raw stream that adds what it reads to a counter (ReadStats.bytes_read, compressed
    sizes)."""

    def __init__(self, raw, add: Callable[[int], None]):
        self._raw, self._add = raw, add

    def readable(self):
        return True

    def readinto(self, b):
        n = self._raw.readinto(b) if hasattr(self._raw, "readinto") else readinto1(self._raw, b)
        if n:
            self._add(n)
        return n

    def seekable(self):
        return self._raw.seekable()

    def seek(self, pos, whence=0):
        return self._raw.seek(pos, whence)

    def tell(self):
        return self._raw.tell()

    def close(self):
        try:
            self._raw.close()
        finally:
            super().close()


def readinto1(raw, b) -> int:
    # read1: what one read of the layer below gives, so that data before an error is not lost
    data = raw.read1(len(b)) if hasattr(raw, "read1") else raw.read(len(b))
    b[: len(data)] = data
    return len(data)


class Prefixed(io.RawIOBase):
    """`head` (already read to recognise the stream) followed by the rest of the stream."""

    def __init__(self, head: bytes, rest, error: BaseException | None = None):
        self._head, self._rest, self._error = head, rest, error

    def readable(self):
        return True

    def readinto(self, b):
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:   # the stream broke inside the head: after the head, say so
            raise self._error
        return readinto1(self._rest, b)


class StreamCut(OSError):
    """Compressed data that ends before its end marker. Not an EOFError: readers such as
    warcio take EOFError for a normal end and would drop the error silently."""


class Guarded(io.RawIOBase):
    """A decompressed stream that stops once it is over max_ratio × the compressed bytes read."""

    def __init__(self, dec, compressed: Callable[[], int], what: str, limits: Limits):
        self._dec, self._compressed, self._what, self._limits = dec, compressed, what, limits
        self.out = 0

    def readable(self):
        return True

    def readinto(self, b):
        try:
            n = readinto1(self._dec, b)
        except EOFError as e:
            raise StreamCut(
                f"the compressed data is cut off after {self.out:,} bytes ({e})"
            ) from None
        self.out += n
        if self.out > RATIO_FLOOR and self.out > self._limits.max_ratio * max(
            self._compressed(), 1
        ):
            raise too_compressed(self._what, self._limits, self.out, self._compressed())
        return n


class ShortReads:
    """read(n) that gives what is there (read1) instead of waiting for n bytes: warcio and
    tarfile read big blocks, and a block that runs into a cut would lose the complete
    records before the cut along with it."""

    def __init__(self, buffered: io.BufferedReader):
        self._b = buffered

    def read(self, n: int | None = -1) -> bytes:
        return self._b.read() if n is None or n < 0 else self._b.read1(n)

    def readline(self, n: int | None = -1) -> bytes:
        return self._b.readline(-1 if n is None else n)

    def close(self) -> None:
        self._b.close()


def head(stream, n: int = SNIFF) -> tuple[bytes, BinaryIO]:
    """The first n bytes of a stream, and a stream that still starts with them."""
    parts: list[bytes] = []
    got, error = 0, None
    while got < n:
        try:
            b = stream.read(n - got)
        except STREAM_ERRORS as e:
            if not parts:
                raise
            error = e
            break
        if not b:
            break
        parts.append(b)
        got += len(b)
    head = b"".join(parts)
    return head, io.BufferedReader(Prefixed(head, stream, error), CHUNK)


def decompressed(stream, head: bytes, what: str, limits: Limits) -> BinaryIO:
    """A gzip, bzip2 or xz stream, decompressed as it is read, with the ratio guard."""
    counter = [0]
    tally = io.BufferedReader(Counted(stream, lambda n: counter.__setitem__(0, counter[0] + n)),
                              CHUNK)
    dec: gzip.GzipFile | bz2.BZ2File | lzma.LZMAFile
    if head.startswith(b"\x1f\x8b"):
        dec = gzip.GzipFile(fileobj=tally, mode="rb")
    elif head.startswith(b"BZh"):
        dec = bz2.BZ2File(tally, mode="rb")
    else:
        dec = lzma.LZMAFile(tally, mode="rb")  # noqa: SIM115 -- the returned reader owns it
    return io.BufferedReader(Guarded(dec, lambda: counter[0], what, limits), CHUNK)


def read_capped(stream, cap: int, over: Callable[[], LimitExceeded]) -> bytes:
    """All of a stream, read in chunks, or LimitExceeded as soon as it is over `cap` bytes."""
    buf = bytearray()
    while True:
        chunk = stream.read(min(CHUNK, cap + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > cap:
            raise over()


def spool(stream, what: str, limits: Limits) -> IO[bytes]:
    """A copy of a stream that can seek (a zip inside a tar, a gzip or stdin), up to max_bytes."""
    tmp = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 -- returned
    size = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_bytes:
            tmp.close()
            raise too_many_bytes(what, limits)
        tmp.write(chunk)
    tmp.seek(0)
    return tmp


class LocalZipMember(io.RawIOBase):
    """The data of one zip member read from its local header on: stored or deflated, checked
    against its CRC; a member that ends early sets `cut` and raises EOFError."""

    def __init__(self, f, method: int, csize: int | None, crc: int | None):
        self._f, self._method, self._left, self._crc = f, method, csize, crc
        self._z = zlib.decompressobj(-15) if method == 8 else None
        self._pending = b""
        self._sum = 0
        self.cut = False
        self.done = False
        self.read_bytes = 0
        self.start = f.tell()
        self._size = csize

    def readable(self):
        return True

    def _raw(self, n: int) -> bytes:
        if self._left is not None:
            n = min(n, self._left)
            if n == 0:
                return b""
        data = self._f.read(n)
        if self._left is not None:
            self._left -= len(data)
            if not data or (self._left > 0 and len(data) < n):
                self.cut = True
                size = self._size or 0  # csize, like _left: not None here
                raise EOFError(f"the file ends {size - self._left:,} bytes into the member's "
                               f"{self._size:,} compressed bytes (at byte {self._f.tell():,})")
        return data

    def readinto(self, b):
        if self.done:
            return 0
        out = self._pending
        while not out:
            if self._z is None:
                out = self._raw(len(b))
                if not out:
                    break
            else:
                if self._z.eof:
                    # a stream read past its end gave back the bytes after it: put them back
                    if self._z.unused_data and self._left is None:
                        self._f.seek(-len(self._z.unused_data), 1)
                    break
                raw = self._z.unconsumed_tail or self._raw(CHUNK)
                if not raw and not self._z.unconsumed_tail:
                    self.cut = True
                    raise EOFError(f"the file ends inside the member's compressed data "
                                   f"(at byte {self._f.tell():,})")
                out = self._z.decompress(raw, len(b))
        if not out:
            self.done = True
            if self._crc is not None and self._sum != self._crc:
                raise zipfile.BadZipFile("bad CRC-32")
            return 0
        n = min(len(b), len(out))
        b[:n] = out[:n]
        self._pending = out[n:]
        self._sum = zlib.crc32(out[:n], self._sum)
        self.read_bytes += n
        return n

    def drain(self) -> None:
        """Past the rest of the member: a seek when its size is known, else read through."""
        if self._left is not None:
            self._f.seek(self._left, 1)
            self._left, self._pending, self.done = 0, b"", True
            return
        buf = bytearray(CHUNK)
        while self.readinto(buf):
            pass

    def skip_descriptor(self) -> None:
        """The data descriptor after a member written without sizes: optional signature, CRC,
        sizes (12 or 20 bytes); the next header's signature tells which."""
        start = self._f.tell()
        base = start + (4 if self._f.read(4) == b"PK\x07\x08" else 0)
        for size in (12, 20):
            self._f.seek(base + size)
            nxt = self._f.read(4)
            if nxt[:2] == b"PK" or not nxt:
                break
        self._f.seek(base + size)


def zip64_sizes(extra: bytes, usize: int, csize: int) -> tuple[int, int]:
    i = 0
    while i + 4 <= len(extra):
        hid, size = struct.unpack("<HH", extra[i:i + 4])
        if hid == 1:
            vals = list(struct.unpack(f"<{size // 8}Q", extra[i + 4:i + 4 + size - size % 8]))
            if usize == 0xFFFFFFFF and vals:
                usize = vals.pop(0)
            if csize == 0xFFFFFFFF and vals:
                csize = vals.pop(0)
            break
        i += 4 + size
    return usize, csize
