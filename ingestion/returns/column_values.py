"""Typing a whole column of cell values at once, with the tolerance of ``cell_values``.

Returns arrive clean almost everywhere: codes are plain text, percentages and amounts are
numbers, dates are dates, statuses are spelled as in the list. Those cells are converted in bulk
(one type test per cell, no call); only the odd cell (trailing spaces, "75 %", a French decimal
comma, a date typed as text, anything unreadable) goes through ``cell_values``, which decides
what it means and says why. Each fast path returns exactly what ``cell_values`` would return
for the values it takes, with no note: the result is the same as converting cell by cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from ingestion.returns import cell_values
from ingestion.returns.layout import Choice, ReturnLayout

Problems = dict[int, tuple[str, str | None]]  # position -> (rule, shown as) for noted cells
Converter = Callable[[Any], tuple[Any, cell_values.Note]]


def _blank(value: Any) -> bool:
    """``cell_values.is_blank``, inlined where it runs once per cell."""
    return value is None or value == "" or (value.__class__ is str and value.isspace())


def filled_rows(columns: list[Sequence[Any]]) -> list[int]:
    """Positions of the rows where any of ``columns`` holds something.

    The first column (a required key) is filled on almost every row, so it alone is scanned
    in full; the other columns are looked at only on the rows where it is empty."""
    if not columns:
        return []
    first, others = columns[0], columns[1:]
    keep = [
        i
        for i, value in enumerate(first)
        if not (value is None or value == "" or (value.__class__ is str and value.isspace()))
    ]
    if len(keep) == len(first):
        return keep
    kept = set(keep)
    return [
        i for i in range(len(first)) if i in kept or any(not _blank(column[i]) for column in others)
    ]


def _slow(values: list[Any], converter: Converter, odd: list[int]) -> Problems:
    """Convert the cells at ``odd`` positions one by one, in place; their notes by position."""
    problems: Problems = {}
    for position in odd:
        value, note = converter(values[position])
        values[position] = value
        if note is not None:
            problems[position] = note
    return problems


def _blank_to_none(values: Sequence[Any]) -> list[Any]:
    return [None if value == "" else value for value in values]


def _codes(values: Sequence[Any]) -> tuple[list[Any], Problems]:
    """Trimmed text: text without outer spaces is kept as is."""
    out = _blank_to_none(values)
    odd = [
        i
        for i, value in enumerate(out)
        if value is not None
        and not (value.__class__ is str and not value[0].isspace() and not value[-1].isspace())
    ]
    return out, _slow(out, cell_values.as_code, odd)


def _texts(values: Sequence[Any]) -> tuple[list[Any], Problems]:
    out = [value.strip() or None if value.__class__ is str else value for value in values]
    odd = [i for i, value in enumerate(out) if value is not None and value.__class__ is not str]
    return out, _slow(out, cell_values.as_text, odd)


def _numbers(values: Sequence[Any], converter: Converter) -> tuple[list[Any], Problems]:
    """Numbers (not booleans) become floats; text goes the tolerant way."""
    out = _blank_to_none(values)
    odd = []
    for i, value in enumerate(out):
        kind = value.__class__
        if kind is float:
            continue
        if kind is int:
            out[i] = float(value)
        elif value is not None:
            odd.append(i)
    return out, _slow(out, converter, odd)


def _integers(values: Sequence[Any]) -> tuple[list[Any], Problems]:
    out = _blank_to_none(values)
    odd = []
    for i, value in enumerate(out):
        kind = value.__class__
        if kind is float and value.is_integer():
            out[i] = int(value)
        elif kind is not int and value is not None:
            odd.append(i)  # text, booleans, fractions: the tolerant way says what is wrong
    return out, _slow(out, cell_values.as_int, odd)


def _dates(values: Sequence[Any]) -> tuple[list[Any], Problems]:
    out = _blank_to_none(values)
    odd = []
    for i, value in enumerate(out):
        kind = value.__class__
        if kind is datetime:
            out[i] = value.date()
        elif kind is not date and value is not None:
            odd.append(i)
    return out, _slow(out, cell_values.as_date, odd)


@cache
def _exact_choices(choices: tuple[Choice, ...]) -> dict[str, str]:
    """Texts that ``as_choice`` maps to a code without a note (code, labels as written)."""
    exact = {}
    for choice in choices:
        for text in (choice.code, choice.label_en, choice.label_fr):
            code, note = cell_values.as_choice(text, choices)
            if note is None and code is not None:
                exact.setdefault(text, code)
    return exact


def _choices(values: Sequence[Any], choices: tuple[Choice, ...]) -> tuple[list[Any], Problems]:
    exact = _exact_choices(choices)
    out = _blank_to_none(values)
    odd = []
    for i, value in enumerate(out):
        code = exact.get(value) if value.__class__ is str else None
        if code is not None:
            out[i] = code
        elif value is not None:
            odd.append(i)
    return out, _slow(out, lambda value: cell_values.as_choice(value, choices), odd)


def convert(
    values: Sequence[Any], cell_type: str, layout: ReturnLayout
) -> tuple[list[Any], Problems]:
    """Typed values of one column (a new list) and the notes of the cells that needed one.

    ``values`` are calamine's (empty cell: ""); the result holds None for empty cells."""
    if cell_type == "code":
        return _codes(values)
    if cell_type == "text":
        return _texts(values)
    if cell_type == "percent":
        return _numbers(values, cell_values.as_percent)
    if cell_type == "number":
        return _numbers(values, cell_values.as_number)
    if cell_type == "int":
        return _integers(values)
    if cell_type == "date":
        return _dates(values)
    return _choices(values, layout.choices(cell_type))
