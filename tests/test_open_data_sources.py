"""Open-data downloads read as downloaded: World Bank DataBank/WDI, WITS, UN Comtrade, WTO Stats.

Each test writes a file in the site's exact header form, with its quirks (``..`` for missing,
``[YR2019]`` headers, title lines, aggregates, footnote rows at the end), judges it with the
real reader, resolver and Great Expectations suite against the sample registers (whose
``external_series.csv`` says which series feed which indicator), and checks the values loaded,
the notes for what was skipped and one located rejection per real error. No warehouse, no dbt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.findings import CRITICAL, WARNING
from ingestion.registers.reader import read_registers, seed_reference
from ingestion.statistics.assessment import (
    StatisticsAssessment,
    StatisticsContext,
    assess_statistics,
)

MAX_YEAR = 2025


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> StatisticsContext:
    folder = tmp_path_factory.mktemp("reference")
    seed_reference(folder)
    return StatisticsContext.from_frames(read_registers(folder))


@pytest.fixture
def judge(context: StatisticsContext, tmp_path: Path):
    def run(name: str, content: str, encoding: str = "utf-8") -> StatisticsAssessment:
        path = tmp_path / name
        path.write_bytes(content.encode(encoding))
        return assess_statistics(path, None, MAX_YEAR, context=context)

    return run


def loaded(result: StatisticsAssessment) -> dict[tuple[str, int, str], float]:
    assert result.frame is not None, [f.describe() for f in result.findings]
    frame = result.frame
    return {
        (m, int(y), i): float(v)
        for m, y, i, v in zip(
            frame.member_code, frame.year, frame.indicator_code, frame.value, strict=True
        )
    }


def notes(result: StatisticsAssessment, rule: str) -> dict[str, str]:
    """Skipped value -> its message, for the notes of one rule (all warnings)."""
    found = [f for f in result.findings if f.rule == rule]
    assert all(f.severity == WARNING for f in found)
    return {f.value: f.message_en for f in found}


def criticals(result: StatisticsAssessment) -> list:
    return [f for f in result.findings if f.severity == CRITICAL]


WDI_DATABANK = (
    "Country Name,Country Code,Series Name,Series Code,2019 [YR2019],2020 [YR2020]\n"
    "Belgium,BEL,Imports of goods and services (% of GDP),NE.IMP.GNFS.ZS,80.5,..\n"
    'Belgium,BEL,GDP (current US$),NY.GDP.MKTP.CD,"535,830,570,000",..\n'
    "United States,USA,Customs and other import duties (% of tax revenue),GC.TAX.IMPT.ZS,"
    "1.9,1.6\n"
    '"Micronesia, Fed. Sts.",FSM,Imports of goods and services (% of GDP),NE.IMP.GNFS.ZS,90,91\n'
    "Sub-Saharan Africa (excluding high income),SSA,Imports of goods and services (% of GDP),"
    "NE.IMP.GNFS.ZS,25,24\n"
    "IDA only,IDX,Imports of goods and services (% of GDP),NE.IMP.GNFS.ZS,30,..\n"
    ",,,,,\n"
    "Data from database: World Development Indicators,,,,,\n"
    "Last Updated: 07/01/2024,,,,,\n"
)


def test_world_bank_databank_download(judge):
    result = judge("Data_Extract_From_World_Development_Indicators.csv", WDI_DATABANK)
    assert result.shape == "world_bank_databank"
    assert loaded(result) == {
        ("BEL", 2019, "IMPORTS_GDP"): 80.5,
        ("USA", 2019, "DUTIES_TAX_SHARE"): 1.9,
        ("USA", 2020, "DUTIES_TAX_SHARE"): 1.6,
    }
    assert set(notes(result, "external_series_skipped")) == {"NY.GDP.MKTP.CD"}
    skipped = notes(result, "row_skipped")
    assert set(skipped) == {"FSM", "SSA", "IDX"}
    assert "2 row(s)" in skipped["SSA"] and "1 row(s)" in skipped["IDX"]
    assert set(result.frame["source_layout"]) == {"world_bank_databank"}


def test_world_bank_bulk_csv_with_title_lines(judge):
    text = (
        '"Data Source","World Development Indicators",\n\n'
        '"Last Updated Date","2024-06-28",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","1961","1989","2018",'
        '"2019",\n'
        '"Aruba","ABW","Merchandise imports (current US$)","TM.VAL.MRCH.CD.WT","","","1.1E9","",\n'
        '"Africa Eastern and Southern","AFE","Merchandise imports (current US$)",'
        '"TM.VAL.MRCH.CD.WT","","","1E11","1.1E11",\n'
        '"Brazil","BRA","Merchandise imports (current US$)","TM.VAL.MRCH.CD.WT","1.5E9","2E10",'
        '"192840000000","193162000000",\n'
    )
    result = judge("API_TM.VAL.MRCH.CD.WT_DS2_en_csv_v2.csv", text)
    assert result.shape == "world_bank_wdi"
    assert loaded(result) == {
        ("BRA", 2018, "MERCH_IMPORTS"): 192_840_000_000.0,
        ("BRA", 2019, "MERCH_IMPORTS"): 193_162_000_000.0,
    }
    assert set(result.frame["currency_code"]) == {"USD"}
    assert set(notes(result, "row_skipped")) == {"ABW", "AFE"}
    [early] = notes(result, "external_years_before_period").values()
    assert "1961–1989" in early and "before 1990" in early


def test_the_first_year_of_downloads_is_the_statistics_first_year():
    from expectations.statistics_suites import MIN_YEAR
    from ingestion.statistics.sources import FIRST_YEAR

    assert FIRST_YEAR == MIN_YEAR


def test_wits_country_time_series_with_historical_names(judge):
    text = (
        "Country Name,Indicator Name,Table,1990,1995,2019\n"
        "Ethiopia(excludes Eritrea),Imports of goods and services (% of GDP),"
        "Development,8.1,12.5,22.3\n"
        "East Timor,Imports of goods and services (% of GDP),Development,..,..,61.0\n"
        "Occ.Pal.Terr,Imports of goods and services (% of GDP),Development,..,40.1,..\n"
        "Fm Sudan,Imports of goods and services (% of GDP),Development,9.9,..,..\n"
        '"Serbia, FR(Serbia/Montenegro)",Imports of goods and services (% of GDP),'
        "Development,..,33.0,..\n"
        "Kiribati,Imports of goods and services (% of GDP),Development,..,..,95\n"
        "Ethiopia(excludes Eritrea),Trade (% of GDP),Development,..,..,30.1\n"
    )
    result = judge("WITS-Country-Timeseries.csv", text)
    assert result.shape == "wits"
    assert loaded(result) == {
        ("ETH", 1995, "IMPORTS_GDP"): 12.5,
        ("ETH", 2019, "IMPORTS_GDP"): 22.3,
        ("TLS", 2019, "IMPORTS_GDP"): 61.0,
        ("PSE", 1995, "IMPORTS_GDP"): 40.1,
    }
    skipped = notes(result, "row_skipped")
    assert set(skipped) == {"Fm Sudan", "Serbia, FR(Serbia/Montenegro)", "Kiribati"}
    assert "several WCO Members" in skipped["Fm Sudan"]
    [period] = notes(result, "row_outside_name_period").values()
    assert "ETH" in period and "1993" in period and "1 row(s)" in period
    assert set(notes(result, "external_series_skipped")) == {"Trade (% of GDP)"}


def test_wits_trade_summary_keeps_only_the_registered_partner_and_product(judge):
    text = (
        "Country Name,Partner Name,Product Group,Indicator Name,2019,2020\n"
        "Brazil,World,All Products,Imports (in US$ Mil),177347.9,158786.8\n"
        "Brazil,China,All Products,Imports (in US$ Mil),36000.2,35000.1\n"
        "Brazil,World,Fuels,Imports (in US$ Mil),25000,17000\n"
    )
    result = judge("wits_trade_summary.csv", text)
    assert loaded(result) == pytest.approx(
        {
            ("BRA", 2019, "MERCH_IMPORTS"): 177_347_900_000.0,
            ("BRA", 2020, "MERCH_IMPORTS"): 158_786_800_000.0,
        }
    )
    outside = notes(result, "external_rows_outside_selection")
    assert list(outside) == ["Imports (in US$ Mil)"]
    assert outside["Imports (in US$ Mil)"].startswith("2 row(s)")


COMTRADE_LEGACY_HEADER = (
    "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,"
    "Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,"
    "Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Netweight (kg),Trade Value (US$),Flag\n"
)


def test_un_comtrade_legacy_export_keeps_the_world_total_of_imports(judge):
    text = COMTRADE_LEGACY_HEADER + (
        "HS,2019,2019,2019,0,0,1,Import,56,Belgium,BEL,0,World,WLD,TOTAL,All Commodities,"
        "1,No Quantity,,,4.5E+11,0\n"
        "HS,2019,2019,2019,0,0,2,Export,56,Belgium,BEL,0,World,WLD,TOTAL,All Commodities,"
        "1,No Quantity,,,4.7E+11,0\n"
        "HS,2019,2019,2019,0,0,1,Import,56,Belgium,BEL,251,France,FRA,TOTAL,All Commodities,"
        "1,No Quantity,,,6.1E+10,0\n"
        "HS,2019,2019,2019,2,0,1,Import,56,Belgium,BEL,0,World,WLD,01,Live animals,"
        "1,No Quantity,,,1.2E+09,0\n"
        "HS,2019,2019,2019,0,0,1,Import,842,USA,USA,0,World,WLD,TOTAL,All Commodities,"
        "1,No Quantity,,,2.5E+12,0\n"
    )
    result = judge("comtrade.csv", text)
    assert result.shape == "comtrade_legacy"
    assert loaded(result) == {
        ("BEL", 2019, "MERCH_IMPORTS"): 4.5e11,
        ("USA", 2019, "MERCH_IMPORTS"): 2.5e12,
    }
    assert set(notes(result, "external_series_skipped")) == {"01"}
    assert "2 row(s)" in notes(result, "external_rows_outside_selection")["TOTAL"]


def test_un_comtrade_current_export(judge):
    text = (
        "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"
        "reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,cmdCode,cmdDesc,"
        "primaryValue\n"
        "C,A,20200101,2020,52,2020,76,BRA,Brazil,M,Import,0,W00,World,TOTAL,All Commodities,"
        "158786800000\n"
        "C,A,20200101,2020,52,2020,76,BRA,Brazil,X,Export,0,W00,World,TOTAL,All Commodities,"
        "209180000000\n"
        "C,A,20200101,2020,52,2020,296,KIR,Kiribati,M,Import,0,W00,World,TOTAL,"
        "All Commodities,120000000\n"
    )
    result = judge("TradeData.csv", text)
    assert result.shape == "comtrade"
    assert loaded(result) == {("BRA", 2020, "MERCH_IMPORTS"): 158_786_800_000.0}
    assert set(notes(result, "row_skipped")) == {"KIR"}


def test_wto_stats_report_with_title_line_and_footnote(judge):
    text = (
        "Indicator,Merchandise imports by product group – annual (Million US dollar)\n"
        "Reporting Economy,Product/Sector,Partner Economy,Period,2019,2020\n"
        "Brazil,Total merchandise,World,Annual,177348,158787\n"
        "European Union,Total merchandise,World,Annual,2337654,2148367\n"
        "Brazil,Agricultural products,World,Annual,14000,13000\n"
        "World,Total merchandise,World,Annual,19000000,17600000\n"
        "\n"
        "Source: WTO Stats (stats.wto.org), extracted 2024-07-01\n"
    )
    result = judge("WtoData.csv", text)
    assert result.shape == "wto_stats"
    assert loaded(result) == {
        ("BRA", 2019, "MERCH_IMPORTS"): 177_348_000_000.0,
        ("BRA", 2020, "MERCH_IMPORTS"): 158_787_000_000.0,
        ("EUN", 2019, "MERCH_IMPORTS"): 2_337_654_000_000.0,
        ("EUN", 2020, "MERCH_IMPORTS"): 2_148_367_000_000.0,
    }
    assert set(notes(result, "row_skipped")) == {"World"}
    assert len(notes(result, "external_rows_outside_selection")) == 1


def test_a_download_without_any_registered_series_is_rejected_listing_them(judge):
    text = (
        "Country Name,Country Code,Series Name,Series Code,2019 [YR2019]\n"
        "Belgium,BEL,GDP (current US$),NY.GDP.MKTP.CD,5.3E+11\n"
        "Belgium,BEL,Population,SP.POP.TOTL,11500000\n"
    )
    result = judge("wdi_unwanted.csv", text)
    [rejection] = criticals(result)
    assert rejection.rule == "external_series_none_registered"
    assert rejection.location == "wdi_unwanted.csv!row 1"
    assert "NY.GDP.MKTP.CD, SP.POP.TOTL" in rejection.message_en
    assert "external_series.csv" in rejection.fix_en and "external_series.csv" in rejection.fix_fr


def test_one_located_rejection_per_real_error(judge):
    text = WDI_DATABANK.replace("80.5", "eighty").replace("United States", "Untied States")
    text = text.replace(",USA,", ",XXA,")
    result = judge("wdi_errors.csv", text)
    found = sorted((f.rule, f.location) for f in criticals(result))
    assert found == [
        ("not_a_number", "wdi_errors.csv!E2"),
        ("unresolved_member", "wdi_errors.csv!E4"),
    ]


def test_the_offices_own_extract_in_a_databank_layout_is_still_a_bulk_extract(judge):
    text = (
        "Country Name,Country Code,Series Name,Series Code,2015 [YR2015]\n"
        "Belgium,BEL,AEO count,AEO_COUNT,12\n"
    )
    result = judge("own.csv", text)
    assert result.shape == "wide_by_year"
    assert loaded(result) == {("BEL", 2015, "AEO_COUNT"): 12.0}
