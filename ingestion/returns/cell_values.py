"""Turning hand-typed cell values into typed values, tolerantly.

What a person plausibly meant (trailing spaces, a French decimal comma, "75 %", a date typed as
text) is accepted and reported as a warning; what cannot be understood is a critical finding.
Each function returns ``(value, note)``: ``note`` is None, ``("normalised", shown_as)`` for a
tolerated form, or ``(rule, None)`` for a value that cannot be read.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ingestion.returns.layout import Choice

Note = tuple[str, str | None] | None

_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def as_text(value: Any) -> tuple[str | None, Note]:
    if is_blank(value):
        return None, None
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), None
    if isinstance(value, datetime | date):
        return value.isoformat(), None
    text = str(value)
    return text.strip(), None


def as_code(value: Any) -> tuple[str | None, Note]:
    text, _ = as_text(value)
    if text is None:
        return None, None
    raw = str(value)
    if raw != raw.strip():
        return text, ("normalised", text)
    return text, None


def as_number(value: Any) -> tuple[float | None, Note]:
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, ("not_a_number", None)
    if isinstance(value, int | float):
        return float(value), None
    text = _SPACES.sub("", str(value))
    cleaned = text
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None, ("not_a_number", None)
    return number, ("normalised", f"{number:g}")


def as_percent(value: Any) -> tuple[float | None, Note]:
    if isinstance(value, str) and value.strip().endswith("%"):
        number, note = as_number(value.strip()[:-1])
        if number is None:
            return None, note
        return number, ("normalised", f"{number:g}")
    return as_number(value)


def as_int(value: Any) -> tuple[int | None, Note]:
    number, note = as_number(value)
    if number is None:
        return None, ("not_an_integer", None) if note else None
    if not float(number).is_integer():
        return None, ("not_an_integer", None)
    return int(number), note


def as_date(value: Any) -> tuple[date | None, Note]:
    if is_blank(value):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    try:
        parsed = date.fromisoformat(text)
        return parsed, ("normalised", parsed.isoformat())
    except ValueError:
        pass
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            parsed = date(year, month, day)
            return parsed, ("normalised", parsed.isoformat())
        except ValueError:
            return None, ("not_a_date", None)
    return None, ("not_a_date", None)


def as_choice(value: Any, choices: tuple[Choice, ...]) -> tuple[str | None, Note]:
    """Code of a choice given as code or EN/FR label, any case; unknown text is returned as is
    so the expectation suite reports it against the list of allowed values."""
    if is_blank(value):
        return None, None
    text = " ".join(str(value).split())
    folded = text.casefold()
    spaced = text != str(value)  # outer or doubled spaces: tolerated, and said (as for codes)
    for choice in choices:
        if text in (choice.code, choice.label_en, choice.label_fr):
            return choice.code, ("normalised", choice.label_en) if spaced else None
        if folded in (
            choice.code.casefold(),
            choice.label_en.casefold(),
            choice.label_fr.casefold(),
        ):
            return choice.code, ("normalised", choice.label_en)
    return text, None
