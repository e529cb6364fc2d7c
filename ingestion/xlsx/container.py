"""Container checks run before any workbook parser sees the bytes.

They refuse, with one clear message, what is not a plain .xlsx (legacy .xls, .ods, CSV renamed,
encrypted or macro-enabled workbooks) and what could exhaust memory (oversized files, zip bombs),
using only the zip directory: nothing is decompressed here.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingestion.findings import Finding, make_finding
from ingestion.messages import message

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class IntakeLimits:
    """Configurable ceilings (environment variables override the defaults)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_uncompressed_bytes: int = 500 * 1024 * 1024
    max_compression_ratio: float = 200.0
    max_cells: int = 2_000_000

    @classmethod
    def from_env(cls) -> IntakeLimits:
        return cls(
            max_file_bytes=int(os.environ.get("SPF_MAX_FILE_BYTES", cls.max_file_bytes)),
            max_uncompressed_bytes=int(
                os.environ.get("SPF_MAX_UNCOMPRESSED_BYTES", cls.max_uncompressed_bytes)
            ),
            max_compression_ratio=float(
                os.environ.get("SPF_MAX_COMPRESSION_RATIO", cls.max_compression_ratio)
            ),
            max_cells=int(os.environ.get("SPF_MAX_CELLS", cls.max_cells)),
        )


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_xlsx_container(path: Path, limits: IntakeLimits) -> Finding | None:
    """Return the one finding that disqualifies the file, or None if it is a plain .xlsx."""
    with open_checked_xlsx(path, limits) as (finding, _):
        return finding


@contextmanager
def open_checked_xlsx(
    path: Path, limits: IntakeLimits
) -> Iterator[tuple[Finding | None, zipfile.ZipFile | None]]:
    """The container checks, leaving the package open for whoever reads it next.

    Yields ``(finding, None)`` for a file refused here, else ``(None, archive)``; the archive is
    closed on leaving the ``with`` block."""
    finding = _check_head(path, limits)
    if finding is not None:
        yield finding, None
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        yield make_finding("corrupt", detail=str(exc)), None
        return
    with archive:
        try:
            finding = _check_archive(archive, limits)
        except zipfile.BadZipFile as exc:
            finding = make_finding("corrupt", detail=str(exc))
        yield finding, None if finding is not None else archive


def _check_head(path: Path, limits: IntakeLimits) -> Finding | None:
    """Size and magic bytes: what the file is, before it is opened as a zip."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        return make_finding("too_large", detail=_mb(size), limit=_mb(limits.max_file_bytes))
    with path.open("rb") as handle:
        head = handle.read(8)
        if head.startswith(OLE_MAGIC):
            body = head + handle.read()
            if ENCRYPTED_STREAM in body:
                return make_finding("encrypted")
            return make_finding("not_xlsx", detail=message("detail_old_xls"))
    if not head:
        return make_finding("empty_file")
    if not head.startswith(ZIP_MAGIC):
        return make_finding("not_xlsx", detail=message("detail_text_file"))
    return None


def _check_archive(archive: zipfile.ZipFile, limits: IntakeLimits) -> Finding | None:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        return make_finding("not_xlsx", detail=message("detail_opendocument"))
    if "xl/workbook.xml" not in names:
        return make_finding("not_xlsx", detail=message("detail_no_workbook"))
    if "xl/vbaProject.bin" in names:
        return make_finding("macro_enabled")
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        return make_finding(
            "too_large",
            detail=message("detail_uncompressed", size=_mb(total)),
            limit=_mb(limits.max_uncompressed_bytes),
        )
    raw = _RawReader(archive)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            head = raw.head(info, HEAD_BYTES)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                # OOXML never declares a DTD; one that does may expand entities (an
                # "XML bomb") in whatever parser reads it next.
                return make_finding("corrupt", detail=message("detail_dtd", part=info.filename))
        ratio = info.file_size / info.compress_size if info.compress_size else 0.0
        if ratio > limits.max_compression_ratio and info.file_size > 1024 * 1024:
            return make_finding(
                "too_large",
                detail=message("detail_expands", part=info.filename, ratio=f"{ratio:.0f}"),
                limit=f"{limits.max_compression_ratio:.0f}×",
            )
    return None


HEAD_BYTES = 4096
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., file name length, extra length


class _RawReader:
    """The first bytes of a zip member, without zipfile's per-member machinery.

    Reading the head of every XML part through ``ZipFile.open`` cost more than parsing the
    whole workbook with calamine. For a plain (stored or deflated, unencrypted) member whose
    local header agrees with the directory, the head is inflated directly from the raw bytes,
    at most ``size`` bytes out; anything else goes through ``ZipFile.open`` as before, which
    raises what it always raised for a damaged member."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.handle = archive.fp

    def head(self, info: zipfile.ZipInfo, size: int) -> bytes:
        fast = self._fast_head(info, size)
        if fast is not None:
            return fast
        with self.archive.open(info) as part:
            return part.read(size)

    def _fast_head(self, info: zipfile.ZipInfo, size: int) -> bytes | None:
        if self.handle is None or info.flag_bits & 0x1:  # encrypted: let zipfile refuse it
            return None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        try:
            self.handle.seek(info.header_offset)
            header = self.handle.read(_LOCAL_HEADER.size)
            signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
            name = self.handle.read(name_length)
            if signature != b"PK\x03\x04" or name != info.orig_filename.encode(
                "utf-8" if info.flag_bits & 0x800 else "cp437"
            ):
                return None
            self.handle.seek(extra_length, 1)
            if info.compress_type == zipfile.ZIP_STORED:
                return self._checked(info, size, self.handle.read(min(size, info.compress_size)))
            inflater = zlib.decompressobj(-15)
            out = b""
            remaining = info.compress_size
            while len(out) < size and remaining > 0 and not inflater.eof:
                chunk = self.handle.read(min(HEAD_BYTES, remaining))
                if not chunk:
                    return None
                remaining -= len(chunk)
                out += inflater.decompress(chunk, size - len(out))
                while len(out) < size and inflater.unconsumed_tail and not inflater.eof:
                    out += inflater.decompress(inflater.unconsumed_tail, size - len(out))
            return self._checked(info, size, out[:size])
        except (struct.error, zlib.error, UnicodeEncodeError, OSError):
            return None

    @staticmethod
    def _checked(info: zipfile.ZipInfo, size: int, head: bytes) -> bytes | None:
        """A member read to its end is checked as zipfile would (length, CRC-32)."""
        if info.file_size > size:
            return head
        if len(head) != info.file_size or zlib.crc32(head) != info.CRC:
            return None
        return head
