"""What a release says about its files: a SHA-256 per file, and permissions others can read.

The manifest's per-column checksums prove the *values*; an auditor or a BI gateway copying the
files also needs to prove the *files* arrived intact, hence one SHA-256 (hex, of the file's
bytes) per published file. Tableau's Hyper API creates its files 0600, readable by the
publishing account only, while every other file of a release is 0644: a Tableau Server or a
colleague on the shared folder could then read the Parquet files but not the extracts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

READABLE_BY_OTHERS = 0o644
_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of the file's bytes, read in chunks (extracts can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_digests(root: Path, files: Iterable[str]) -> dict[str, str]:
    """``{relative path: sha256}`` for the release files listed (paths relative to root)."""
    return {name: sha256_of(root / name) for name in sorted(files)}


def make_readable_by_others(paths: Iterable[Path]) -> None:
    """Give written files the release's usual permissions (0644)."""
    for path in paths:
        path.chmod(READABLE_BY_OTHERS)
