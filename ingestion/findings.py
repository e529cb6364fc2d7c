"""Problems found in an input file, each located (file, sheet, cell) and explained in EN and FR."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingestion.messages import fix, message, number_text

CRITICAL = "critical"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem. ``critical`` rejects the whole file; ``warning`` is recorded and loaded."""

    severity: str
    rule: str
    sheet: str
    cell: str
    value: str
    message_en: str
    message_fr: str
    fix_en: str
    fix_fr: str

    @property
    def location(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def describe(self, language: str = "en") -> str:
        text = self.message_fr if language == "fr" else self.message_en
        hint = self.fix_fr if language == "fr" else self.fix_en
        where = f"{self.location}: " if self.location else ""
        return f"{where}{text} {hint}".strip()


def make_finding(
    rule: str,
    severity: str = CRITICAL,
    *,
    sheet: str = "",
    cell: str = "",
    value: Any = "",
    **params: Any,
) -> Finding:
    shown = "" if value is None else str(value)
    # A number read from a cell is written as the reader's language writes numbers.
    words = (
        number_text(value)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else shown
    )
    text = message(rule, value=words, sheet=sheet, **params)
    hint = fix(rule, value=words, sheet=sheet, **params)
    return Finding(
        severity=severity,
        rule=rule,
        sheet=sheet,
        cell=cell,
        value=shown,
        message_en=text.en,
        message_fr=text.fr,
        fix_en=hint.en,
        fix_fr=hint.fr,
    )


class RegisterError(Exception):
    """A reference register failed validation; carries every problem so all can be fixed at once."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(f.describe("en") for f in findings))


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
