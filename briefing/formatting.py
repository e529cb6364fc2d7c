"""Locale formatting with Babel: numbers, percentages, money and dates as each language writes
them (French: ``1 234,5``, ``70 %`` and ``1 350 000 €`` with the no-break spaces CLDR specifies).

One declared precision per kind of figure (one decimal for KPI values and percentages, whole
euros), so that the text a test recomputes from the marts is the text the report prints.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

VALUE_PATTERN = "#,##0.#"  # KPI actuals and targets: at most one decimal
COUNT_PATTERN = "#,##0"


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


@cache
def _money_pattern(language: str) -> str:
    """The locale's currency pattern without decimals (budgets are shown in whole euros)."""
    pattern = _locale(language).currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace("#,##0.00", "#,##0")


def _one_decimal(value: float) -> Decimal:
    return Decimal(str(round(float(value), 1)))


def number(value: float | None, language: str) -> str:
    if value is None:
        return ""
    return format_decimal(_one_decimal(value), VALUE_PATTERN, locale=_locale(language))


def count(value: int | None, language: str) -> str:
    return "" if value is None else format_decimal(value, COUNT_PATTERN, locale=_locale(language))


def percent(value: float | None, language: str) -> str:
    """A value in per cent, one decimal at most: 70.0 → ``70%`` / ``70 %``, 72.5 → ``72,5 %``."""
    if value is None:
        return ""
    return format_percent(
        _one_decimal(value) / 100, locale=_locale(language), decimal_quantization=False
    )


def money(value: float | None, language: str) -> str:
    """Whole euros, the symbol placed as the locale does: ``€1,350,000`` / ``1 350 000 €``."""
    if value is None:
        return ""
    return format_currency(
        Decimal(round(float(value))),
        "EUR",
        _money_pattern(language),
        locale=_locale(language),
        currency_digits=False,
    )


def long_date(value: date | datetime | None, language: str) -> str:
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, format="long", locale=_locale(language))


def kpi_value(value: float | None, unit: str, language: str) -> str:
    """A KPI actual or target in its unit: per cent as a percentage, euros as money."""
    if unit == "percent":
        return percent(value, language)
    if unit == "eur":
        return money(value, language)
    return number(value, language)
