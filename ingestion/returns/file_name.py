"""The name templates are given: ``return_<Directorate>_<period>.xlsx``.

Read back when the metadata cannot be (a damaged file is still reported to the Directorate its
name carries) or to check it against the metadata. A suffix added by a mail client or a person
(" (1)", "_v2") is allowed, and so is the hash prefix of a quarantined copy.
"""

from __future__ import annotations

import re

_FILE_NAME = re.compile(r"^(?:[0-9a-f]{12}__)?return_([A-Za-z0-9]+)_(\d{4}-\d{2}-Q[1-4])", re.I)


def template_file_name(directorate: str, period_code: str) -> str:
    return f"return_{directorate}_{period_code}.xlsx"


def named_in_file_name(name: str) -> tuple[str | None, str | None]:
    """(Directorate, period) a file name following the convention names, else (None, None)."""
    match = _FILE_NAME.match(name)
    if match is None:
        return None, None
    return match.group(1).upper(), match.group(2).upper()
