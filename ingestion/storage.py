"""Keeping originals safely: what is stored is verified, and a stored name always fits the disk.

An original is the one copy the office keeps once the inbox file is removed, so it is written
under a temporary name, flushed to disk, checked against the hash of the inbox file and only
then renamed to its final name (a rename is atomic): a crash leaves either no file or a whole
one, never a partial file under the final name. A file already at the final name is trusted
only if its hash matches; otherwise it is replaced from the inbox copy.

Stored names keep the sender's name so that a steward recognises it, but bounded in bytes: most
file systems refuse a name over 255 bytes, and a report adds ``.report.xlsx``. A name that is too
long is truncated and given a short hash of the full name, so that two long names that share
their beginning still differ; the full name stays in the registry and in the report.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

# Bytes allowed for a stored name (the file system's 255, less room for ".report.xlsx").
MAX_STORED_NAME_BYTES = 200
MAX_SUFFIX_CHARS = 16


class StorageError(OSError):
    """An original could not be stored and verified; the inbox copy must be kept."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _truncate_utf8(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits ``limit`` bytes (never half a
    character)."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def bounded_name(name: str, limit: int = MAX_STORED_NAME_BYTES) -> str:
    """``name`` if it fits ``limit`` bytes; otherwise its beginning, ``~`` and 8 hex digits of
    the full name's hash, then its (short) extension: ``very-long-na~1a2b3c4d.xlsx``."""
    if len(name.encode("utf-8")) <= limit:
        return name
    suffix = Path(name).suffix
    if len(suffix) > MAX_SUFFIX_CHARS or len(suffix.encode("utf-8")) > MAX_SUFFIX_CHARS:
        suffix = ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    tag = "~" + hashlib.sha256(name.encode("utf-8", errors="surrogateescape")).hexdigest()[:8]
    room = limit - len(tag) - len(suffix.encode("utf-8"))
    return _truncate_utf8(stem, room) + tag + suffix


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable: the folder's entry is flushed too (not possible on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def matches(path: Path, sha: str) -> bool:
    """True when ``path`` is a regular file holding exactly the bytes of hash ``sha``."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        return sha256_of(path) == sha
    except OSError:
        return False


def store_verified(source: Path, target: Path, sha: str) -> Path:
    """Copy ``source`` to ``target`` through a temporary file, flushed and verified against
    ``sha``, then renamed. An existing ``target`` is kept only if its hash is ``sha``.

    Raises ``StorageError`` (the inbox copy must then stay where it is) when the copy cannot be
    written or does not match.
    """
    if matches(target, sha):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name[:100]}.{os.getpid()}.partial")
    try:
        digest = hashlib.sha256()
        with source.open("rb") as reading, temporary.open("wb") as writing:
            for block in iter(lambda: reading.read(1 << 20), b""):
                digest.update(block)
                writing.write(block)
            writing.flush()
            os.fsync(writing.fileno())
        if digest.hexdigest() != sha or sha256_of(temporary) != sha:
            raise StorageError(f"the copy of {source.name!r} does not match the file received")
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, StorageError):
            raise
        raise StorageError(f"{type(exc).__name__}: {exc.strerror or exc}") from exc
    return target


def write_text_atomically(target: Path, text: str) -> Path:
    """A small text file (a report) written whole or not at all."""
    temporary = target.with_name(f".{target.name[:100]}.{os.getpid()}.partial")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target
