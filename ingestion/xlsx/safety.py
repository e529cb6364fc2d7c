"""Neutralising spreadsheet formula injection in every workbook the platform writes.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel and LibreOffice. Values found in submitted files are echoed back in reports,
so such texts are made inert with a leading apostrophe; numbers are never touched.
"""

from __future__ import annotations

from typing import Any

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value
