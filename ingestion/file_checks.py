"""Container checks run before any workbook parser sees the bytes.

They refuse, with one clear message, what is not a plain .xlsx (legacy .xls, .ods, CSV renamed,
encrypted or macro-enabled workbooks) and what could exhaust memory (oversized files, zip bombs),
using only the zip directory: nothing is decompressed here.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ingestion.findings import Finding, make_finding

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
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        return make_finding("too_large", detail=_mb(size), limit=_mb(limits.max_file_bytes))
    with path.open("rb") as handle:
        head = handle.read(8)
        if head.startswith(OLE_MAGIC):
            body = head + handle.read()
            if ENCRYPTED_STREAM in body:
                return make_finding("encrypted")
            return make_finding("not_xlsx", detail=" (it is an old .xls workbook)")
    if not head.startswith(ZIP_MAGIC):
        return make_finding("not_xlsx", detail=" (it looks like a text or CSV file)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                return make_finding("not_xlsx", detail=" (it is an OpenDocument spreadsheet)")
            if "xl/workbook.xml" not in names:
                return make_finding("not_xlsx", detail=" (no workbook inside the package)")
            if "xl/vbaProject.bin" in names:
                return make_finding("macro_enabled")
            total = sum(info.file_size for info in infos)
            if total > limits.max_uncompressed_bytes:
                return make_finding(
                    "too_large",
                    detail=f"{_mb(total)} once uncompressed",
                    limit=_mb(limits.max_uncompressed_bytes),
                )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as part:
                        head = part.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        # OOXML never declares a DTD; one that does may expand entities (an
                        # "XML bomb") in whatever parser reads it next.
                        return make_finding("corrupt", detail=f"{info.filename} declares a DTD")
                ratio = info.file_size / info.compress_size if info.compress_size else 0.0
                if ratio > limits.max_compression_ratio and info.file_size > 1024 * 1024:
                    return make_finding(
                        "too_large",
                        detail=f"{info.filename} expands {ratio:.0f}×",
                        limit=f"{limits.max_compression_ratio:.0f}×",
                    )
    except zipfile.BadZipFile as exc:
        return make_finding("corrupt", detail=str(exc))
    return None
