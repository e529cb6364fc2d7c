"""File names shown safely: a name is the sender's text, so it is escaped before it is printed.

A name with a newline would forge a line in the console summary or in an e-mail; a
bidirectional override (U+202E) would show ``evil‮xslx.exe`` as ``evilexe.xlsx``. Every control,
format (bidi, zero-width), line or paragraph separator and surrogate character is shown as its
escape (``\\n``, ``\\u202e``), everything else as it is, so a readable name stays readable.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if unicodedata.category(char) not in _UNSAFE_CATEGORIES:
        return char
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else (f"\\U{code:08x}")
    )


def safe_name(name: str) -> str:
    """``name`` with every character that could forge a line or reorder text escaped."""
    if name.isprintable() and "\\" not in name:
        return name  # the usual case, at no cost
    return "".join(_escaped(char) for char in name)
