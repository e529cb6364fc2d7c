"""Every message of the catalogue, rendered in French with typical arguments, reads as French.

A word of the English catalogue that the French catalogue never uses is an English fragment in
a French sentence (codes and proper names excepted: the allowlist below, committed and
reviewed). Fragments seen in real reports must not come back, and numbers are written the
French way (narrow no-break space, U+202F, as group separator and before %).
"""

from __future__ import annotations

import re
import string

import pytest

from ingestion.messages import CATALOGUE, LANGUAGES, fix, message, number_text, percent_text

WORD = re.compile(r"[A-Za-zÀ-ÿœŒ]+(?:'[A-Za-zÀ-ÿ]+)?")
# Codes and proper names French text uses as is (kept short: every word here is one the test
# can no longer catch).
ALLOWLIST = {"Excel", "LibreOffice", "OpenDocument", "CSV", "DTD", "EUR", "UTC", "SPF", "WCO"}
# Typical arguments for the placeholders of the catalogue.
TYPICAL: dict[str, object] = {
    "value": number_text(5000),
    "expected": "2025-26-Q1",
    "column": "Code du livrable",
    "aside": " (Deliverable code)",
    "detail": "XmlError",
    "limit": number_text(50000),
    "count": 3,
    "period": "2025-26-Q1",
    "percent": percent_text(60),
}
# Fragments seen in French reports before: English inside French sentences.
SEEN = ("it looks like", "once uncompressed", "declares a DTD", "expands", "[0; ]", "cells")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _rendered(rule: str) -> list[str]:
    names = set()
    for part in ("message", "fix"):
        for language in LANGUAGES:
            names |= _placeholders(CATALOGUE[rule][part][language])
    params = {name: TYPICAL.get(name, "X") for name in names}
    texts = [message(rule, **params).fr, fix(rule, **params).fr]
    # the arguments are data (a header quoted in English beside the French one, say): only the
    # catalogue's own words are checked
    for value in sorted((str(getattr(v, "fr", v)) for v in params.values()), key=len)[::-1]:
        texts = [text.replace(value, " ") for text in texts] if value.strip() else texts
    return texts


def _words(texts: list[str]) -> set[str]:
    return {w for text in texts for w in WORD.findall(text)}


ENGLISH = _words([CATALOGUE[r][p]["en"] for r in CATALOGUE for p in ("message", "fix")])
FRENCH = _words([CATALOGUE[r][p]["fr"] for r in CATALOGUE for p in ("message", "fix")])
ENGLISH_ONLY = ENGLISH - FRENCH - ALLOWLIST


@pytest.mark.parametrize("rule", sorted(CATALOGUE))
def test_french_rendering_has_no_english_words(rule):
    texts = _rendered(rule)
    found = _words(texts) & ENGLISH_ONLY
    assert not found, (rule, found, texts)
    for fragment in SEEN:
        assert all(fragment not in text for text in texts), (rule, fragment)


def test_numbers_are_written_the_french_way():
    assert number_text(5000).fr == "5\u202f000" and number_text(5000).en == "5,000"
    assert number_text(-5000.0).fr == "-5\u202f000"
    assert number_text(12.5).fr == "12,5"
    assert percent_text(60).fr == "60\u202f%" and percent_text(60).en == "60%"
    rendered = message("value_range", value=number_text(5000), expected="X").fr
    assert "5\u202f000" in rendered and "5000" not in rendered
