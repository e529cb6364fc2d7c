"""The message catalogue: every message and fix exists in English and French, same placeholders."""

from __future__ import annotations

import string

import pytest

from ingestion.messages import CATALOGUE, LANGUAGES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("rule", sorted(CATALOGUE))
def test_entry_is_bilingual_with_matching_placeholders(rule):
    for part in ("message", "fix"):
        texts = CATALOGUE[rule][part]
        assert set(texts) == set(LANGUAGES)
        assert _fields(texts["en"]) == _fields(texts["fr"]), (rule, part)
    assert CATALOGUE[rule]["message"]["fr"] != CATALOGUE[rule]["message"]["en"]


def test_the_warnings_heading_of_a_report_follows_the_outcome():
    """A rejected file was not loaded: its report must not call its warnings "loaded"."""
    from datetime import UTC, datetime

    from ingestion.findings import Finding
    from ingestion.reports import render_report

    findings = [
        Finding("critical", "status", "Deliverables", "C2", "x", "bad", "mauvais", "fix", "corr"),
        Finding("warning", "late", "", "", "", "late", "en retard", "", ""),
    ]
    at = datetime(2026, 1, 5, 9, tzinfo=UTC)
    rejected = render_report("r.xlsx", at, findings, accepted=False)
    accepted = render_report("r.xlsx", at, findings[1:], accepted=True)
    assert "Warnings (please check them too before sending the file again) (1):" in rejected
    assert "Avertissements (à vérifier aussi avant de renvoyer le fichier) (1) :" in rejected
    assert "(loaded; please check)" not in rejected and "(chargé ;" not in rejected
    assert "Warnings (loaded; please check) (1):" in accepted
    assert "Avertissements (chargé ; à vérifier) (1) :" in accepted
