"""Write openpyxl workbooks byte-for-byte reproducibly.

openpyxl stamps the save time into ``docProps/core.xml`` and into every zip entry, so the same
workbook saved twice has two different content hashes. Intake identifies files by content, so
generated files (demo returns, later templates) are normalised to a fixed timestamp.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>")


def save_deterministic(workbook: Workbook, path: Path, stamp: datetime) -> None:
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(
                    b'<dcterms:modified xsi:type="dcterms:W3CDTF">' + iso + b"</dcterms:modified>",
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dest.writestr(entry, data)
    path.write_bytes(out.getvalue())
