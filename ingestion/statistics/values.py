"""Numbers, scales and units as statistics producers write them, read into base units.

Cells arrive as "12 345*", "1.234.567,8", "(p) 4,5", "n/a", "..": thousands separators of every
locale, decimal commas, footnote markers and missing-value markers. Scale and unit words
("in thousands", "millions", "000s", "%", "USD millions") may sit in a header, a unit column or
the questionnaire's unit cell. Values are converted to base units (a value given "in millions"
is multiplied by 1,000,000) and the original text is kept beside it, so every figure can be
traced back to what the Member wrote.

Everything is vectorised: the plain numbers (most of a bulk extract) are converted by Arrow in
one call (``plain_numbers``, the same numbers as ``pandas.to_numeric``), and only the remaining
cells go through string operations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingestion.statistics.members import normalise_name

MISSING_MARKERS = ("", "n/a", "na", "n.a.", "..", "...", "-", "--", "\u2026", "x", "nd", "s/o")
SCALES: dict[float, tuple[str, ...]] = {
    1e3: ("thousand", "thousands", "milliers", "millier", "000s", "000", "k", "th"),
    1e6: ("million", "millions", "mn", "mio", "m", "mill", "mln"),
    1e9: ("billion", "billions", "bn", "milliard", "milliards", "bio"),
}
# Durations: the word written -> its length in hours. An indicator measured in hours (or days)
# but reported in another duration is converted to the indicator's own unit.
DURATION_WORDS: dict[str, float] = {
    **dict.fromkeys(("minute", "minutes", "min", "mins"), 1 / 60),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h", "heure", "heures"), 1.0),
    **dict.fromkeys(("day", "days", "jour", "jours", "j"), 24.0),
}
HOURS_PER_UNIT = {"hours": 1.0, "days": 24.0}  # indicator units that are durations
PERCENT_WORDS = ("percent", "per cent", "pourcentage", "pourcent", "pct")
NATIONAL_WORDS = ("national currency", "local currency", "lcu", "monnaie nationale", "nc")
USD_WORDS = ("usd", "us", "us dollars", "us dollar", "dollars us", "dollar us", "dollars")

_SCALE_BY_WORD = {word: factor for factor, words in SCALES.items() for word in words}
_FOOTNOTE = re.compile(r"\s*(?:\*+|[\u2020\u2021]+|\((?:[a-z]|\d{1,2})\)|\[\d{1,2}\]|\s[epr])$")
_LEADING_NOTE = re.compile(r"^\((?:[a-z])\)\s*")
_SCALE_SUFFIX = re.compile(
    r"\s*(thousands?|millions?|billions?|milliers|milliards?|bn|mn|k)$", re.IGNORECASE
)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_THOUSANDS_COMMA = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+$")
_THOUSANDS_DOT = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3}){2,}$|^[-+]?\d{1,3}(?:\.\d{3})+,\d+$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")


_PLAIN_NUMBER = r"^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$"


def plain_numbers(values: pd.Series) -> pd.Series:
    """``pandas.to_numeric(values, errors="coerce")``, by Arrow for text read from a CSV file.

    A clean column converts in one cast; a column with other text ("12 345*", "n/a") is
    converted where the cell is a plain number and left NaN elsewhere, for ``parse_numbers``.
    pandas' own conversion of Arrow-backed text goes through Python objects, which costs more
    than everything else on a bulk extract.
    """
    dtype = values.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return pd.to_numeric(values, errors="coerce")
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(values.array)
    try:
        number = pc.cast(text, pa.float64())
    except pa.ArrowInvalid:
        plain = pc.match_substring_regex(text, _PLAIN_NUMBER)
        kept = pc.if_else(plain, pc.utf8_trim_whitespace(text), pa.scalar(None, pa.string()))
        number = pc.cast(kept, pa.float64())
    return pd.Series(number.to_numpy(zero_copy_only=False), index=values.index)


@dataclass(frozen=True)
class UnitInfo:
    """What a unit or scale text says: a multiplier, a currency, whether it is a percentage."""

    scale: float = 1.0
    currency: str | None = None  # ISO code, or None (not said: the Member's own currency)
    percent: bool = False
    hours: float | None = None  # a duration word's length in hours ("days" = 24), if written


def parse_unit(text: str, currencies: frozenset[str]) -> UnitInfo:
    """Read "in thousands", "USD millions", "000s", "%", "EUR" or "monnaie nationale".

    A duration ("hours", "days", "jours", "minutes") is returned as its length in hours, so
    the caller can convert it to the indicator's unit (``HOURS_PER_UNIT``). Other words (such as
    "declarations") are ignored: they restate the indicator's unit and do not change the value.
    """
    raw = str(text or "")
    folded = normalise_name(raw.replace("'000", " 000 ").replace("$", " dollars "))
    words = folded.split()
    scale = 1.0
    for word in words:
        if word in _SCALE_BY_WORD:
            scale = _SCALE_BY_WORD[word]
    currency = None
    for word in words:
        if word.upper() in currencies:
            currency = word.upper()
    if currency is None and (folded in USD_WORDS or any(w in ("usd", "us") for w in words)):
        currency = "USD"
    if currency is None and any(phrase in folded for phrase in ("us dollar", "dollars us")):
        currency = "USD"
    percent = "%" in raw or any(word in folded for word in PERCENT_WORDS)
    hours = next((DURATION_WORDS[w] for w in words if w in DURATION_WORDS), None)
    return UnitInfo(scale, currency, percent, hours)


def decimal_comma_file(
    values: pd.Series, delimiter: str | None, plain: pd.Series | None = None
) -> bool:
    """Whether the file writes decimals with a comma, from the evidence in its values.

    "12,5" or "1.234,5" prove a decimal comma and "1,234.5" a decimal point; "1,234" alone is
    ambiguous, so the separator decides (a semicolon file comes from a decimal-comma locale).
    Only cells that are not plain numbers are examined, so a clean extract costs one pass.
    """
    if pd.api.types.is_numeric_dtype(values):
        return False
    if plain is None:
        plain = plain_numbers(values)
    text = values[plain.isna() & values.notna()]
    text = text[text.map(type).eq(str)] if text.dtype == object else text
    if text.empty:
        return delimiter == ";"
    text = text.astype(str).str.replace(_SPACES, "", regex=True)
    with_comma = text[text.str.contains(",", regex=False)]
    if with_comma.empty:
        return bool(text.str.match(_THOUSANDS_DOT).any()) or delimiter == ";"
    if (
        with_comma.str.match(_DECIMAL_COMMA).any()
        and not with_comma.str.match(_THOUSANDS_COMMA).all()
    ):
        return True
    if with_comma.str.contains(r"\d,\d{3}\.\d", regex=True).any():
        return False
    if text.str.match(_THOUSANDS_DOT).any():
        return True
    return delimiter == ";"


@dataclass
class ParsedNumbers:
    """Aligned with the input: the number (NaN if missing or unreadable) and what was seen."""

    value: pd.Series  # float64
    missing: pd.Series  # bool: a missing-value marker or empty cell
    unreadable: pd.Series  # bool: text that is not a number
    footnote: pd.Series  # object: footnote marker removed, or None
    scale: pd.Series  # float64: scale word written in the cell itself (1.0 if none)
    percent_sign: pd.Series  # bool


def parse_numbers(
    values: pd.Series, decimal_comma: bool, plain: pd.Series | None = None
) -> ParsedNumbers:
    """Numbers from cells; ``plain`` = ``plain_numbers(values)`` if the caller has it already
    (it is the costly part on a big file)."""
    index = values.index
    footnote = pd.Series(None, index=index, dtype=object)
    scale = pd.Series(1.0, index=index)
    percent_sign = pd.Series(False, index=index)
    if pd.api.types.is_numeric_dtype(values):
        number = pd.to_numeric(values, errors="coerce").astype("float64")
        missing = number.isna()
        return ParsedNumbers(
            number, missing, pd.Series(False, index=index), footnote, scale, percent_sign
        )
    # Fast path: real numbers (workbooks) and plain decimal text, in one C call. Not for a
    # decimal-comma file, where "1.234" means one thousand two hundred and thirty-four.
    if decimal_comma:
        is_number = values.map(type).isin((int, float))
        number = pd.Series(np.nan, index=index)
        number[is_number] = values[is_number].astype("float64")
    else:
        plain = plain_numbers(values) if plain is None else plain
        number = plain.astype("float64")
    rest = number.isna()
    text = values[rest].astype(str).str.strip()
    lowered = text.str.lower()
    missing = pd.Series(False, index=index)
    missing[rest] = lowered.isin(MISSING_MARKERS) | lowered.eq("nan") | values[rest].isna()
    todo = text[~missing[rest]]
    if not todo.empty:
        found = todo.str.extract(f"({_FOOTNOTE.pattern})$", expand=False)
        has_note = found.notna() & found.str.strip().ne("")
        footnote[todo.index[has_note]] = found[has_note].str.strip()
        todo = todo.str.replace(_FOOTNOTE, "", regex=True)
        leading = todo.str.extract(f"({_LEADING_NOTE.pattern})", expand=False)
        has_lead = leading.notna()
        footnote[todo.index[has_lead]] = leading[has_lead].str.strip()
        todo = todo.str.replace(_LEADING_NOTE, "", regex=True)
        word = todo.str.extract(_SCALE_SUFFIX, expand=False).str.lower()
        scale[todo.index] = word.map(_SCALE_BY_WORD).fillna(1.0).astype("float64")
        todo = todo.str.replace(_SCALE_SUFFIX, "", regex=True)
        pct = todo.str.endswith("%")
        percent_sign[todo.index] = pct
        todo = todo.str.rstrip("%").str.replace(_SPACES, "", regex=True)
        # accounting style: (123) = -123
        todo = todo.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
        todo = _normalise_separators(todo, decimal_comma)
        parsed = pd.to_numeric(todo, errors="coerce")
        number[todo.index] = parsed.astype("float64")
    unreadable = number.isna() & ~missing
    return ParsedNumbers(number, missing, unreadable, footnote, scale, percent_sign)


def _normalise_separators(text: pd.Series, decimal_comma: bool) -> pd.Series:
    """Plain "1234.5" from any grouping: the last of "," and "." present is the decimal mark,
    unless the only mark is a thousands grouping ("1,234" in a decimal-point file)."""
    has_comma = text.str.contains(",", regex=False)
    has_dot = text.str.contains(".", regex=False)
    out = text.copy()
    both = has_comma & has_dot
    if both.any():
        comma_last = text[both].str.rfind(",") > text[both].str.rfind(".")
        idx_c = comma_last[comma_last].index
        idx_d = comma_last[~comma_last].index
        out[idx_c] = text[idx_c].str.replace(".", "", regex=False).str.replace(",", ".")
        out[idx_d] = text[idx_d].str.replace(",", "", regex=False)
    only_comma = has_comma & ~has_dot
    if only_comma.any():
        part = text[only_comma]
        grouping = part.str.match(_THOUSANDS_COMMA) & (not decimal_comma)
        out[part.index] = part.where(~grouping, part.str.replace(",", "", regex=False))
        decimal_idx = part.index[~grouping]
        out[decimal_idx] = part[decimal_idx].str.replace(",", ".", regex=False)
    only_dot = has_dot & ~has_comma
    if only_dot.any():
        part = text[only_dot]
        grouping = part.str.count(r"\.") > 1
        if decimal_comma:
            grouping = grouping | part.str.match(r"^[-+]?\d{1,3}(?:\.\d{3})+$")
        out[part.index[grouping]] = part[grouping].str.replace(".", "", regex=False)
    return out
