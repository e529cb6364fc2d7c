"""Reading Members' statistics files: dialects, shapes, scales, units, names, duplicates.

Each test writes a small file, judges it with the real reader, resolver and Great Expectations
suite (``assess_statistics``) against the sample registers, and checks the values that would be
loaded and the findings a steward would read. The values reaching the marts are checked in
test_statistics_pipeline.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ingestion.findings import CRITICAL, WARNING
from ingestion.registers.reader import read_registers, seed_reference
from ingestion.statistics.assessment import (
    StatisticsAssessment,
    StatisticsContext,
    assess_statistics,
)
from ingestion.statistics.layouts import build_questionnaire

pytestmark = pytest.mark.xdist_group("statistics_reading")
MAX_YEAR = 2025


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> StatisticsContext:
    folder = tmp_path_factory.mktemp("reference")
    seed_reference(folder)
    return StatisticsContext.from_frames(read_registers(folder))


@pytest.fixture
def judge(context: StatisticsContext, tmp_path: Path):
    def run(name: str, content: str | bytes, encoding: str = "utf-8") -> StatisticsAssessment:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return assess_statistics(path, None, MAX_YEAR, context=context)

    return run


def values(result: StatisticsAssessment) -> dict[tuple[str, int, str], float]:
    assert result.frame is not None, [f.describe() for f in result.findings]
    frame = result.frame
    return {
        (m, int(y), i): float(v)
        for m, y, i, v in zip(
            frame.member_code, frame.year, frame.indicator_code, frame.value, strict=True
        )
    }


def rules(result: StatisticsAssessment, severity: str | None = None) -> list[str]:
    return [f.rule for f in result.findings if severity is None or f.severity == severity]


# --------------------------------------------------------------------------------------------
# Dialects
# --------------------------------------------------------------------------------------------

POINT_ROWS = [
    ("CIV", "2015", "DECL_IMPORT", '"12,345*"'),
    ("TUR", "2015", "DECL_EXPORT", '"1,234,567"'),
    ("KOR", "2015", "EDECL_SHARE", "75.5"),
    ("FRA", "2015", "AEO_COUNT", '"2 500"'),
    ("DEU", "2015", "AEO_COUNT", "n/a"),
    ("ITA", "2015", "AEO_COUNT", ".."),
    ("ESP", "2015", "AEO_COUNT", "-"),
]
COMMA_ROWS = [
    ("CIV", "2015", "DECL_IMPORT", "12 345*"),
    ("TUR", "2015", "DECL_EXPORT", "1.234.567"),
    ("KOR", "2015", "EDECL_SHARE", '"75,5"'),
    ("FRA", "2015", "AEO_COUNT", "2\u00a0500"),
    ("DEU", "2015", "AEO_COUNT", "n/a"),
    ("ITA", "2015", "AEO_COUNT", ".."),
    ("ESP", "2015", "AEO_COUNT", "-"),
]
EXPECTED = {
    ("CIV", 2015, "DECL_IMPORT"): 12345.0,
    ("TUR", 2015, "DECL_EXPORT"): 1234567.0,
    ("KOR", 2015, "EDECL_SHARE"): 75.5,
    ("FRA", 2015, "AEO_COUNT"): 2500.0,
}


@pytest.mark.parametrize(
    ("encoding", "separator", "rows", "dialect"),
    [
        ("utf-8", ",", POINT_ROWS, "UTF-8, comma separated"),
        ("utf-8-sig", ",", POINT_ROWS, "UTF-8 with BOM, comma separated"),
        ("utf-8-sig", ";", COMMA_ROWS, "UTF-8 with BOM, semicolon separated"),
        ("utf-16", ";", COMMA_ROWS, "UTF-16, semicolon separated"),
        ("utf-16", ",", POINT_ROWS, "UTF-16, comma separated"),
        ("latin-1", ";", COMMA_ROWS, "Latin-1 (Windows), semicolon separated"),
        ("utf-8", "\t", POINT_ROWS, "UTF-8, tab separated"),
    ],
)
def test_every_dialect_reads_the_same_values(judge, encoding, separator, rows, dialect):
    header = separator.join(["Membre", "Année", "Indicateur", "Valeur"])
    body = "\n".join(separator.join(r) for r in rows)
    result = judge("stats.csv", f"{header}\r\n{body}\r\n", encoding)
    assert result.accepted, [f.describe() for f in result.findings]
    assert result.dialect == dialect
    assert values(result) == EXPECTED  # missing markers n/a, .., - are skipped
    footnotes = result.frame.set_index("member_code")["footnote"]
    assert footnotes["CIV"] == "*"
    assert result.frame.set_index("member_code").loc["TUR", "value_as_reported"] in (
        "1,234,567",
        "1.234.567",
    )


def test_title_lines_above_the_header_are_skipped(judge):
    text = (
        'Customs statistics extract\n"Source: WCO"\n\n'
        "member,year,indicator,value\nBEL,2015,AEO_COUNT,10\n"
    )
    result = judge("titled.csv", text)
    assert values(result) == {("BEL", 2015, "AEO_COUNT"): 10.0}
    assert list(result.frame.source_cell) == ["D5"]  # rows keep their number in the file


@pytest.mark.parametrize("blank", ["", "\n"], ids=["regular", "blank-line"])
def test_rows_are_numbered_as_in_the_file_whichever_reader_takes_it(judge, blank):
    """A regular file is read by Arrow, one with a blank line or a ragged row by pandas; the
    cells and the rows named in findings are the same."""
    text = (
        f"member,year,indicator,value\nBEL,2015,AEO_COUNT,10\n{blank}"
        'Frence,2015,AEO_COUNT,3\nNLD,2015,AEO_COUNT,"1,234"\n'
    )
    result = judge("numbered.csv", text)
    [finding] = [f for f in result.findings if f.rule == "unresolved_member"]
    assert finding.cell == ("D3" if not blank else "D4")
    fixed = judge("numbered.csv", text.replace("Frence", "France"))
    got = values(fixed)
    assert got[("NLD", 2015, "AEO_COUNT")] == 1234.0
    assert dict(zip(fixed.frame.member_code, fixed.frame.source_cell, strict=True)) == {
        "BEL": "D2",
        "FRA": "D3" if not blank else "D4",
        "NLD": "D4" if not blank else "D5",
    }


def test_a_ragged_row_is_read_too(judge):
    text = "member,year,indicator,value,unit\nBEL,2015,AEO_COUNT,10\nNLD,2015,AEO_COUNT,4,\n"
    assert values(judge("ragged.csv", text)) == {
        ("BEL", 2015, "AEO_COUNT"): 10.0,
        ("NLD", 2015, "AEO_COUNT"): 4.0,
    }


# --------------------------------------------------------------------------------------------
# Scales and units
# --------------------------------------------------------------------------------------------


def test_scale_words_in_headers_and_cells_give_base_units(judge):
    text = (
        "member,year,indicator,value (in thousands),unit\n"
        "BEL,2015,DECL_IMPORT,12,\n"  # header: thousands
        "BEL,2015,REV_TOTAL,3.5,EUR millions\n"  # unit cell wins over the header
        "NLD,2015,REV_TOTAL,2,000s\n"
        "NLD,2015,DECL_IMPORT,1.5 million,\n"  # scale word in the value cell, times the header
        "NLD,2015,EDECL_SHARE,80,%\n"
    )
    result = judge("scales.csv", text)
    got = values(result)
    assert got[("BEL", 2015, "DECL_IMPORT")] == 12_000
    assert got[("BEL", 2015, "REV_TOTAL")] == 3_500_000
    assert got[("NLD", 2015, "REV_TOTAL")] == 2_000
    assert got[("NLD", 2015, "DECL_IMPORT")] == 1_500_000_000
    assert got[("NLD", 2015, "EDECL_SHARE")] == 80
    frame = result.frame.set_index(["member_code", "indicator_code"])
    assert frame.loc[("BEL", "REV_TOTAL"), "value_as_reported"] == "3.5"
    assert frame.loc[("BEL", "REV_TOTAL"), "unit"] == "EUR millions"
    assert frame.loc[("BEL", "REV_TOTAL"), "scale_factor"] == 1_000_000
    assert frame.loc[("BEL", "REV_TOTAL"), "currency_code"] == "EUR"


def test_durations_are_converted_to_the_indicators_unit_with_the_original_kept(judge):
    # RELEASE_TIME_IMPORT is in hours, TRAINING_DAYS in days (indicator register)
    text = (
        "member,year,indicator,value (days),unit\n"
        "BEL,2015,RELEASE_TIME_IMPORT,2,\n"  # header says days: 48 hours
        "NLD,2015,RELEASE_TIME_IMPORT,36,hours\n"  # the unit cell wins over the header
        'FRA,2015,RELEASE_TIME_IMPORT,"1,5",jours\n'  # French, decimal comma
        "DEU,2015,RELEASE_TIME_IMPORT,90,minutes\n"
        "BEL,2015,TRAINING_DAYS,36,hours\n"  # 1.5 days
        "NLD,2015,TRAINING_DAYS,4,\n"  # days, as the indicator
        "BEL,2015,AEO_COUNT,7,\n"  # not a duration: the header's word changes nothing
    )
    result = judge("durations.csv", text)
    got = values(result)
    assert got[("BEL", 2015, "RELEASE_TIME_IMPORT")] == 48
    assert got[("NLD", 2015, "RELEASE_TIME_IMPORT")] == 36
    assert got[("FRA", 2015, "RELEASE_TIME_IMPORT")] == 36
    assert got[("DEU", 2015, "RELEASE_TIME_IMPORT")] == 1.5
    assert got[("BEL", 2015, "TRAINING_DAYS")] == 1.5
    assert got[("NLD", 2015, "TRAINING_DAYS")] == 4
    assert got[("BEL", 2015, "AEO_COUNT")] == 7
    frame = result.frame.set_index(["member_code", "indicator_code"])
    assert frame.loc[("BEL", "RELEASE_TIME_IMPORT"), "value_as_reported"] == "2"
    assert frame.loc[("BEL", "RELEASE_TIME_IMPORT"), "unit"] == "days"
    assert frame.loc[("BEL", "RELEASE_TIME_IMPORT"), "scale_factor"] == 24
    assert frame.loc[("FRA", "RELEASE_TIME_IMPORT"), "unit"] == "jours"
    assert frame.loc[("BEL", "TRAINING_DAYS"), "scale_factor"] == pytest.approx(1 / 24)


def test_a_questionnaire_unit_cell_in_days_is_converted_to_hours(judge, tmp_path):
    workbook = build_questionnaire(
        "Belgium", 2016, [("RELEASE_TIME_IMPORT", 1.25, "days"), ("TRAINING_DAYS", 3, "")]
    )
    path = tmp_path / "q.xlsx"
    workbook.save(path)
    got = values(judge("questionnaire.xlsx", path.read_bytes()))
    assert got == {("BEL", 2016, "RELEASE_TIME_IMPORT"): 30.0, ("BEL", 2016, "TRAINING_DAYS"): 3.0}


def test_currency_defaults_to_the_members_currency_of_the_year(judge):
    text = (
        "member,year,indicator,value,unit\n"
        "HRV,2020,REV_TOTAL,10,\n"  # kuna before the euro (2023)
        "HRV,2024,REV_TOTAL,10,\n"
        "SEN,2020,REV_TOTAL,10,monnaie nationale\n"
        "USA,2020,REV_TOTAL,10,USD\n"
        "JPN,2020,DECL_IMPORT,10,\n"  # not a currency indicator: no currency
    )
    frame = judge("currency.csv", text).frame.set_index(["member_code", "year"])
    assert frame.loc[("HRV", 2020), "currency_code"] == "HRK"
    assert frame.loc[("HRV", 2024), "currency_code"] == "EUR"
    assert frame.loc[("SEN", 2020), "currency_code"] == "XOF"
    assert frame.loc[("USA", 2020), "currency_code"] == "USD"
    assert pd.isna(frame.loc[("JPN", 2020), "currency_code"])


# --------------------------------------------------------------------------------------------
# Members
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Côte d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("COTE D'IVOIRE", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Hong Kong, China", "HKG"),
        ("Korea, Rep.", "KOR"),
        ("Egypt, Arab Rep.", "EGY"),
        ("République de Corée", "KOR"),
        ("Union européenne", "EUN"),
        ("CI", "CIV"),
        ("civ", "CIV"),
        ("384", "CIV"),
        ("056", "BEL"),
    ],
)
def test_member_names_codes_and_variants_resolve(judge, written, code):
    text = f'member,year,indicator,value\n"{written}",2015,AEO_COUNT,1\n'
    assert values(judge("names.csv", text)) == {(code, 2015, "AEO_COUNT"): 1.0}


def test_aggregates_and_non_members_are_skipped_with_a_note(judge):
    text = (
        "member,year,indicator,value\n"
        "World,2015,AEO_COUNT,100\n"
        "Sub-Saharan Africa,2015,AEO_COUNT,50\n"
        "Taiwan,2015,AEO_COUNT,7\n"
        "BEL,2015,AEO_COUNT,3\n"
    )
    result = judge("aggregates.csv", text)
    assert result.accepted
    assert values(result) == {("BEL", 2015, "AEO_COUNT"): 3.0}
    notes = [f for f in result.findings if f.rule == "row_skipped"]
    assert {f.value for f in notes} == {"World", "Sub-Saharan Africa", "Taiwan"}
    assert all(f.severity == WARNING for f in notes)
    assert "aggregate" in notes[0].message_en and "agrégat" in notes[0].message_fr


def test_an_unresolved_member_rejects_the_file_with_row_and_suggestions(judge):
    text = (
        "member,year,indicator,value\nBEL,2015,AEO_COUNT,1\n"
        "Frence,2015,AEO_COUNT,2\nFrence,2016,AEO_COUNT,2\n"
    )
    result = judge("unknown.csv", text)
    assert not result.accepted
    [finding] = [f for f in result.findings if f.severity == CRITICAL]
    assert finding.rule == "unresolved_member"
    assert finding.value == "Frence"
    assert finding.location == "unknown.csv!D3"  # the first row where it appears
    assert "2 row(s)" in finding.message_en
    assert "France (FRA)" in finding.fix_en and "France (FRA)" in finding.fix_fr


def test_an_unknown_indicator_and_a_bad_year_reject_the_file(judge):
    text = (
        "member,year,indicator,value\nBEL,2015,NOT_AN_INDICATOR,1\n"
        "BEL,1890,AEO_COUNT,2\nBEL,2015,AEO_COUNT,abc\n"
    )
    result = judge("bad.csv", text)
    assert sorted(rules(result, CRITICAL)) == [
        "not_a_number",
        "not_a_year",
        "statistics_unknown_indicator",
    ]


# --------------------------------------------------------------------------------------------
# Duplicates and plausibility
# --------------------------------------------------------------------------------------------


def test_identical_duplicate_loads_once_with_a_warning(judge):
    text = "member,year,indicator,value\nBEL,2015,AEO_COUNT,5\nBelgium,2015,AEO_COUNT,5.0\n"
    result = judge("dup.csv", text)
    assert result.accepted
    assert len(result.frame) == 1
    assert rules(result) == ["identical_duplicate"]


def test_conflicting_duplicate_rejects_the_file_naming_both_values(judge):
    text = "member,year,indicator,value\nBEL,2015,AEO_COUNT,5\nBelgium,2015,AEO_COUNT,6\n"
    result = judge("conflict.csv", text)
    assert not result.accepted
    [finding] = result.findings
    assert finding.rule == "conflicting_values"
    assert "5 (D2)" in finding.message_en and "6 (D3)" in finding.message_en


def test_implausible_values_are_loaded_with_warnings(judge):
    text = (
        "member,year,indicator,value\n"
        "BEL,2015,EDECL_SHARE,140\n"
        "BEL,2015,AEO_COUNT,-3\n"
        "BEL,2015,RELEASE_TIME_IMPORT,900\n"
    )
    result = judge("odd.csv", text)
    assert result.accepted and len(result.frame) == 3
    details = sorted(f.message_en for f in result.findings if f.rule == "implausible_value")
    assert details == [
        "Member BEL, 2015, AEO_COUNT: -3 is a negative count.",
        "Member BEL, 2015, EDECL_SHARE: 140 is a percentage over 100.",
        "Member BEL, 2015, RELEASE_TIME_IMPORT: 900 is outside the expected range 0–720.",
    ]


# --------------------------------------------------------------------------------------------
# Shapes: wide, workbooks, questionnaire
# --------------------------------------------------------------------------------------------


def test_wide_by_indicator_with_names_and_units_in_headers(judge):
    text = (
        "Pays;Année;REV_TOTAL (en milliers);Effectifs de la douane;Share of declarations "
        "lodged electronically (%)\nSénégal;2016;10,5;300;88,5\n"
    )
    result = judge("wide.csv", text, "latin-1")
    assert result.shape == "wide_by_indicator"
    assert values(result) == {
        ("SEN", 2016, "REV_TOTAL"): 10_500.0,
        ("SEN", 2016, "STAFF_TOTAL"): 300.0,
        ("SEN", 2016, "EDECL_SHARE"): 88.5,
    }


def test_wide_by_year_as_statistics_producers_publish_it(judge):
    text = (
        "Country Name,Country Code,Series Name,Series Code,2015 [YR2015],2016 [YR2016]\n"
        'Belgium,BEL,AEO count,AEO_COUNT,"1,200",..\n'
        "World,WLD,AEO count,AEO_COUNT,9999,9999\n"
        "\n"
        "Data from database: WCO,,,,,\n"
    )
    result = judge("wdi.csv", text)
    assert result.shape == "wide_by_year"
    assert values(result) == {("BEL", 2015, "AEO_COUNT"): 1200.0}
    assert rules(result) == ["row_skipped"]


def test_bulk_workbook(judge, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Member", "Year", "Indicator", "Value", "Unit"])
    sheet.append(["Korea, Rep.", 2015, "DECL_IMPORT", 1200, "thousands"])
    sheet.append(["Hong Kong, China", 2015.0, "EDECL_SHARE", "97,5", "%"])
    path = tmp_path / "bulk.xlsx"
    workbook.save(path)
    result = judge("bulk.xlsx", path.read_bytes())
    assert values(result) == {
        ("KOR", 2015, "DECL_IMPORT"): 1_200_000.0,
        ("HKG", 2015, "EDECL_SHARE"): 97.5,
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_annual_questionnaire(judge, tmp_path, language):
    workbook = build_questionnaire(
        "Côte d'Ivoire",
        2016,
        [("REV_TOTAL", 12.5, "millions"), ("DECL_IMPORT", "1 000", ""), ("EDECL_SHARE", 99, "%")],
        currency="XOF",
        language=language,
    )
    path = tmp_path / "q.xlsx"
    workbook.save(path)
    result = judge("questionnaire.xlsx", path.read_bytes())
    assert result.shape == "questionnaire"
    assert values(result) == {
        ("CIV", 2016, "REV_TOTAL"): 12_500_000.0,
        ("CIV", 2016, "DECL_IMPORT"): 1000.0,
        ("CIV", 2016, "EDECL_SHARE"): 99.0,
    }
    frame = result.frame.set_index("indicator_code")
    assert frame.loc["REV_TOTAL", "currency_code"] == "XOF"
    assert frame.loc["REV_TOTAL", "source_cell"] == "C8"


def test_questionnaire_without_its_member_is_rejected(judge, tmp_path):
    workbook = build_questionnaire("", 2016, [("AEO_COUNT", 1, "")])
    path = tmp_path / "q.xlsx"
    workbook.save(path)
    result = judge("questionnaire.xlsx", path.read_bytes())
    assert rules(result) == ["missing_metadata"]


@pytest.mark.parametrize("version", ["1.0", "1"])
def test_questionnaire_of_a_supported_layout_version_is_read(judge, tmp_path, version):
    workbook = build_questionnaire("BEL", 2016, [("AEO_COUNT", 1, "")], layout_version=version)
    path = tmp_path / "q.xlsx"
    workbook.save(path)
    assert values(judge("questionnaire.xlsx", path.read_bytes())) == {
        ("BEL", 2016, "AEO_COUNT"): 1.0
    }


def test_questionnaire_of_an_unknown_layout_version_is_rejected_with_its_cell(judge, tmp_path):
    workbook = build_questionnaire("BEL", 2016, [("AEO_COUNT", 1, "")], layout_version="0.9")
    path = tmp_path / "q.xlsx"
    workbook.save(path)
    result = judge("questionnaire.xlsx", path.read_bytes())
    assert not result.accepted and result.frame is None
    [finding] = result.findings
    assert finding.rule == "unknown_questionnaire_version"
    assert (finding.sheet, finding.cell, finding.value) == ("Questionnaire", "B1", "0.9")
    assert "'0.9' is not supported (supported: 1.0)" in finding.message_en
    assert "« 0.9 » n'est pas prise en charge" in finding.message_fr
    assert finding.fix_en and finding.fix_fr


def test_other_file_types_are_rejected(judge):
    assert rules(judge("stats.pdf", b"%PDF-1.4")) == ["statistics_file_type"]
