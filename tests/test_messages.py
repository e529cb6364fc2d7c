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
