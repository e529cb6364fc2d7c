"""Members' statistics through the whole pipeline: inbox -> intake -> raw -> dbt marts.

One module fixture initialises a data home (with the demo inbox), drops small statistics files
of its own next to the demo file (years 2015-2016, which the demo does not use), runs `spf run`
once, then deletes the warehouse and runs again: the marts must be rebuilt identically, which
holds only if revisions are ordered by receipt time, not by load time.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from dagster_project.cli import main as cli
from ingestion.home import initialise_home
from ingestion.paths import SpfPaths, spf_paths
from ingestion.registers.reader import read_registers
from ingestion.statistics.layouts import build_questionnaire
from tests.warehouse_support import declared_precision, restore_environment

pytestmark = pytest.mark.xdist_group("statistics")

MARTS = (
    "fct_customs_statistics",
    "mart_statistics_regional",
    "mart_statistics_completeness",
    "mart_environmental_scan",
)
# An open-data download (World Bank DataBank layout) of imports % of GDP for six Members of the
# Europe region, 2015-2024: a steady trend with a small wiggle, and a planted break for Belgium
# in 2024 (the value doubles).
SCAN_MEMBERS = {"BEL": 40.0, "FRA": 30.0, "DEU": 40.0, "NLD": 70.0, "AUT": 50.0, "ESP": 32.0}
SCAN_YEARS = range(2015, 2025)
WDI_FILE = "Data_Extract_From_World_Development_Indicators.csv"


def _scan_value(member: str, year: int) -> float:
    base = SCAN_MEMBERS[member]
    value = round(base * (1 + 0.02 * (year - 2015)) + (0.3 if year % 2 else -0.2), 1)
    return value * 2 if (member, year) == ("BEL", 2024) else value


def _open_data_download() -> str:
    years = ",".join(f"{y} [YR{y}]" for y in SCAN_YEARS)
    lines = [f"Country Name,Country Code,Series Name,Series Code,{years}"]
    for member in SCAN_MEMBERS:
        values = ",".join(f"{_scan_value(member, y)}" for y in SCAN_YEARS)
        lines.append(
            f"{member},{member},Imports of goods and services (% of GDP),NE.IMP.GNFS.ZS,{values}"
        )
    lines.append(
        "Euro area,EMU,Imports of goods and services (% of GDP),NE.IMP.GNFS.ZS,"
        + ",".join("45" for _ in SCAN_YEARS)
    )
    lines += ["", "Data from database: World Development Indicators", "Last Updated: 07/01/2025"]
    return "\n".join(lines) + "\n"


def _drop(folder: Path, name: str, text: str | bytes, received: datetime, enc: str = "utf-8"):
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(enc))
    stamp = received.timestamp()
    os.utime(path, (stamp, stamp))


def _drop_files(paths: SpfPaths) -> None:
    inbox = paths.inbox_statistics
    # Received later but named to be read first: it must still supersede the earlier file.
    _drop(
        inbox,
        "a_revision.csv",
        "member,year,indicator,value,unit\nFrance,2015,REV_TOTAL,200,EUR millions\n",
        datetime(2025, 3, 1, tzinfo=UTC),
    )
    _drop(
        inbox,
        "b_original.csv",
        "member;year;indicator;value (in thousands);unit\n"
        "France;2015;REV_TOTAL;100;EUR millions\n"
        "France;2015;DECL_IMPORT;12,5;\n"
        "Ivory Coast;2015;REV_TOTAL;7;millions\n"
        "World;2015;DECL_IMPORT;999;\n"
        "Korea, Rep.;2015;EDECL_SHARE;140;%\n",
        datetime(2025, 1, 1, tzinfo=UTC),
        "utf-16",
    )
    workbook = build_questionnaire(
        "Hong Kong, China", 2015, [("REV_TOTAL", 12.5, "millions"), ("AEO_COUNT", 40, "")], "HKD"
    )
    workbook.save(inbox / "questionnaire_HKG_2015.xlsx")
    stamp = datetime(2025, 2, 1, tzinfo=UTC).timestamp()
    os.utime(inbox / "questionnaire_HKG_2015.xlsx", (stamp, stamp))
    _drop(
        inbox,
        "c_unknown_member.csv",
        "member,year,indicator,value\nBelgium,2016,AEO_COUNT,1\nFrence,2016,AEO_COUNT,2\n",
        datetime(2025, 1, 2, tzinfo=UTC),
    )
    _drop(
        inbox,
        "e_durations.csv",
        "member,year,indicator,value,unit\nBelgium,2016,RELEASE_TIME_IMPORT,2,days\n",
        datetime(2025, 1, 4, tzinfo=UTC),
    )
    # a Member's own value for an open-data indicator, received before the download: it wins
    _drop(
        inbox,
        "f_own_imports.csv",
        "member,year,indicator,value\nFRA,2019,IMPORTS_GDP,31.5\n",
        datetime(2025, 1, 5, tzinfo=UTC),
    )
    _drop(
        inbox,
        WDI_FILE,
        _open_data_download(),
        datetime(2025, 1, 6, tzinfo=UTC),
    )
    old = build_questionnaire("NLD", 2016, [("AEO_COUNT", 5, "")], layout_version="0.9")
    old.save(inbox / "questionnaire_NLD_2016_old.xlsx")
    _drop(
        inbox,
        "d_conflict.csv",
        "member,year,indicator,value\nBEL,2016,AEO_COUNT,1\nBelgium,2016,AEO_COUNT,2\n",
        datetime(2025, 1, 3, tzinfo=UTC),
    )


def _snapshot(paths: SpfPaths) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        out = {}
        for mart in MARTS:
            frame = con.execute(f"SELECT * FROM marts.{mart}").df()
            out[mart] = frame.sort_values(list(frame.columns[:4])).reset_index(drop=True)
        for name, sql in {
            "dim_member": "SELECT * FROM marts.dim_member",
            "dim_indicator": "SELECT * FROM marts.dim_indicator",
            "registry": "SELECT * FROM raw.file_registry WHERE kind = 'statistics'",
            "findings": "SELECT * FROM raw.intake_findings WHERE kind = 'statistics'",
            "plausible": "SELECT * FROM dbt_test_failures.assert_statistics_plausible",
            "revisions": "SELECT * FROM intermediate.int_statistics__revisions",
            "aggregates": "SELECT * FROM intermediate.int_statistics__aggregates_by_scope",
        }.items():
            out[name] = con.execute(sql).df()
    finally:
        con.close()
    return out


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory):
    saved = {k: os.environ.get(k) for k in ("SPF_HOME", "DAGSTER_HOME")}
    paths = spf_paths(tmp_path_factory.mktemp("statistics") / "home")
    os.environ["DAGSTER_HOME"] = str(paths.dagster_home)
    try:
        initialise_home(paths)  # sample registers and the demo inbox
        _drop_files(paths)
        first_rc = cli.main(["run", "--home", str(paths.home)])
        first = _snapshot(paths)
        paths.warehouse.unlink()
        rebuilt_rc = cli.main(["run", "--home", str(paths.home)])
        rebuilt = _snapshot(paths)
    finally:
        restore_environment(saved)
    assert first_rc == 0 and rebuilt_rc == 0
    return paths, first, rebuilt


def _fact(snap: dict[str, pd.DataFrame], member: str, year: int, indicator: str) -> pd.Series:
    facts = snap["fct_customs_statistics"]
    rows = facts[
        (facts.member_code == member)
        & (facts.statistics_year == year)
        & (facts.indicator_code == indicator)
    ]
    assert len(rows) == 1, (member, year, indicator)
    return rows.iloc[0]


def _rate(paths: SpfPaths, currency: str, year: int) -> float:
    rates = read_registers(paths.reference)["exchange_rates"]
    row = rates[(rates.currency_code == currency) & (rates.year == year)]
    return float(row.units_per_usd.iloc[0])


def test_outcomes_of_each_file(pipeline):
    _, first, _ = pipeline
    registry = first["registry"].set_index("original_name")
    assert registry.loc["a_revision.csv", "outcome"] == "accepted"
    assert registry.loc["b_original.csv", "outcome"] == "accepted"
    assert registry.loc["questionnaire_HKG_2015.xlsx", "outcome"] == "accepted"
    assert registry.loc["c_unknown_member.csv", "outcome"] == "rejected"
    assert registry.loc["d_conflict.csv", "outcome"] == "rejected"
    assert registry.loc["e_durations.csv", "outcome"] == "accepted"
    assert registry.loc["questionnaire_NLD_2016_old.xlsx", "outcome"] == "rejected"


def test_an_unknown_questionnaire_version_is_quarantined_with_its_cell(pipeline):
    paths, first, _ = pipeline
    findings = first["findings"]
    [row] = findings[findings.original_name == "questionnaire_NLD_2016_old.xlsx"].itertuples()
    assert row.rule == "unknown_questionnaire_version" and row.cell == "B1"
    [report] = (paths.quarantine / "statistics").glob("*questionnaire_NLD_2016_old.xlsx.report.txt")
    text = report.read_text(encoding="utf-8")
    assert "Questionnaire!B1" in text and "'0.9' is not supported" in text
    assert "« 0.9 » n'est pas prise en charge" in text


def test_a_release_time_reported_in_days_lands_in_hours(pipeline):
    _, first, _ = pipeline
    bel = _fact(first, "BEL", 2016, "RELEASE_TIME_IMPORT")
    assert bel.indicator_value == 48 and bel.value_as_reported == "2"


def test_whether_an_indicator_feeds_a_kpi_follows_the_kpi_register(pipeline):
    paths, first, _ = pipeline
    kpis = read_registers(paths.reference)["kpis"]
    named = kpis[kpis.indicator_code.notna()]
    dim = first["dim_indicator"].set_index("indicator_code")
    assert len(dim) == len(read_registers(paths.reference)["indicators"])
    assert set(dim.index[dim.feeds_kpi]) == set(named.indicator_code)
    for code, group in named.groupby("indicator_code"):
        assert dim.loc[code, "kpi_codes"] == "; ".join(sorted(group.kpi_code))
        assert dim.loc[code, "kpi_count"] == len(group)
    assert (dim.loc[~dim.feeds_kpi, "kpi_count"] == 0).all()
    assert dim.loc[~dim.feeds_kpi, "kpi_codes"].isna().all()
    # Members' release: internal indicators are not described to Members
    release = duckdb.connect(str(paths.published / "members" / "spf_marts.duckdb"), read_only=True)
    try:
        published = {
            r[0]
            for r in release.execute("SELECT indicator_code FROM marts.dim_indicator").fetchall()
        }
    finally:
        release.close()
    register = read_registers(paths.reference)["indicators"]
    assert published == set(
        register.loc[register.confidentiality == "publishable", "indicator_code"]
    )
    assert published < set(dim.index)


def test_unresolved_member_is_reported_with_row_and_suggestions(pipeline):
    paths, first, _ = pipeline
    findings = first["findings"]
    [row] = findings[findings.rule == "unresolved_member"].itertuples()
    assert row.original_name == "c_unknown_member.csv"
    assert row.cell == "D3" and row.value_found == "Frence"
    assert "France (FRA)" in row.fix_en and "France (FRA)" in row.fix_fr
    [report] = (paths.quarantine / "statistics").glob("*c_unknown_member.csv.report.txt")
    text = report.read_text(encoding="utf-8")
    assert "Frence" in text and "France (FRA)" in text


def test_a_value_in_millions_lands_in_base_units_and_usd(pipeline):
    paths, first, _ = pipeline
    hkg = _fact(first, "HKG", 2015, "REV_TOTAL")
    assert hkg.indicator_value == 12_500_000
    assert hkg.currency_code == "HKD"
    assert hkg.value_usd == pytest.approx(12_500_000 / _rate(paths, "HKD", 2015))
    assert hkg.source_layout == "questionnaire"
    imports = _fact(first, "FRA", 2015, "DECL_IMPORT")  # "12,5" under "value (in thousands)"
    assert imports.indicator_value == 12_500 and imports.value_as_reported == "12,5"


def test_a_revised_value_replaces_the_old_one_by_receipt_time(pipeline):
    paths, first, _ = pipeline
    fra = _fact(first, "FRA", 2015, "REV_TOTAL")
    assert fra.indicator_value == 200_000_000
    assert fra.revision_number == 2
    assert fra.source_file_name == "a_revision.csv"
    assert fra.value_usd == pytest.approx(200_000_000 / _rate(paths, "EUR", 2015))
    history = first["revisions"]
    history = history[
        (history.member_code == "FRA")
        & (history.statistics_year == 2015)
        & (history.indicator_code == "REV_TOTAL")
    ].sort_values("revision_number")
    assert list(history.indicator_value) == [100_000_000, 200_000_000]
    assert list(history.source_file_name) == ["b_original.csv", "a_revision.csv"]


def test_a_missing_exchange_rate_is_flagged_not_guessed(pipeline):
    _, first, _ = pipeline
    civ = _fact(first, "CIV", 2015, "REV_TOTAL")
    assert civ.indicator_value == 7_000_000 and civ.currency_code == "XOF"
    assert pd.isna(civ.value_usd) and civ.is_missing_exchange_rate


def test_aggregates_are_skipped_and_plausibility_warns(pipeline):
    _, first, _ = pipeline
    findings = first["findings"]
    skipped = findings[(findings.rule == "row_skipped") & (findings.original_name != WDI_FILE)]
    assert list(skipped.value_found) == ["World"] and set(skipped.severity) == {"warning"}
    facts = first["fct_customs_statistics"]
    assert not facts.member_as_reported.eq("World").any()
    kor = _fact(first, "KOR", 2015, "EDECL_SHARE")
    assert kor.indicator_value == 140 and kor.is_percent_over_100 and kor.has_quality_flag
    warned = findings[findings.rule == "implausible_value"]
    assert "KOR, 2015, EDECL_SHARE: 140" in " ".join(warned.message_en)
    plausible = first["plausible"]
    row = plausible[(plausible.member_code == "KOR") & (plausible.statistics_year == 2015)]
    assert list(row.rule_code) == ["percent_over_100"]


def test_the_rebuilt_warehouse_has_identical_statistics_marts(pipeline):
    _, first, rebuilt = pipeline
    for mart in MARTS:
        pd.testing.assert_frame_equal(first[mart], rebuilt[mart], check_like=True)


def _expected_aggregate(
    group: pd.DataFrame, countries: pd.DataFrame, indicators: pd.DataFrame, year: int, code: str
) -> float:
    """The indicator's rule applied in pandas to ``group`` (country values of one scope)."""
    rule = indicators.loc[code, "aggregation"]
    values = group.set_index("member_code").v.dropna()
    if rule == "sum":
        return values.sum()
    if rule == "mean":
        return values.mean()
    if rule == "median":
        return values.median()
    weight_code = indicators.loc[code, "weight_indicator"]
    weights = countries[
        (countries.indicator_code == weight_code) & (countries.statistics_year == year)
    ].set_index("member_code")["v"]
    joined = values.to_frame("v").join(weights.rename("w"), how="inner").dropna()
    with np.errstate(invalid="ignore"):  # no weight reported: NaN, as the mart's NULL
        return (joined.v * joined.w).sum() / joined.w.sum()


def _country_values(facts: pd.DataFrame) -> pd.DataFrame:
    countries = facts[facts.is_country.fillna(False).astype(bool)].copy()
    countries["v"] = np.where(
        countries.unit == "currency", countries.value_usd, countries.indicator_value
    )
    return countries


def test_regional_aggregates_and_coverage_recomputed_from_the_facts(pipeline):
    """Demo data and the files above: every region × year × indicator recomputed in pandas."""
    paths, first, _ = pipeline
    frames = read_registers(paths.reference)
    indicators = frames["indicators"].set_index("indicator_code")
    facts = first["fct_customs_statistics"]
    countries = _country_values(facts)
    members = first["dim_member"]
    regional = first["mart_statistics_regional"].set_index(
        ["region_code", "statistics_year", "indicator_code"]
    )
    assert len(regional) == 6 * len(indicators) * facts.statistics_year.nunique()
    checked = 0
    for (region, year, code), group in countries.groupby(
        ["region_code", "statistics_year", "indicator_code"]
    ):
        values = group.v.dropna()
        expected = _expected_aggregate(group, countries, indicators, year, code)
        eligible = members[
            (members.region_code == region)
            & members.is_country
            & (pd.to_datetime(members.valid_from).dt.year <= year)
            & (members.valid_to.isna())
        ]
        row = regional.loc[(region, year, code)]
        assert row.members_reporting == len(group), (region, year, code)
        assert row.members_eligible == len(eligible), (region, year, code)
        assert row.coverage_pct == pytest.approx(100 * len(group) / len(eligible))
        if len(values):
            # a weighted mean with no weight reported is empty in the mart and here
            assert row.aggregate_value == pytest.approx(
                expected, abs=declared_precision(indicators.loc[code, "unit"]), nan_ok=True
            ), (
                region,
                year,
                code,
            )
        checked += 1
    assert checked > 6 * 12 * 5 * 0.9  # the demo fills almost every cell for 2020-2024
    # The European Union is a Member, never part of a regional aggregate of countries.
    assert not countries.member_code.eq("EUN").any()


def test_overall_aggregates_apply_the_same_rule_as_the_regional_ones(pipeline):
    """The all-Member figures (the KPI headline of statistics KPIs) recomputed in pandas; the
    regional rows of the same model count the same Members."""
    paths, first, _ = pipeline
    indicators = read_registers(paths.reference)["indicators"].set_index("indicator_code")
    countries = _country_values(first["fct_customs_statistics"])
    aggregates = first["aggregates"]
    overall = aggregates[aggregates.scope_type == "overall"].set_index(
        ["statistics_year", "indicator_code"]
    )
    assert (overall.scope_type == "overall").all() and (overall.index.size > 0)
    for (year, code), group in countries.groupby(["statistics_year", "indicator_code"]):
        row = overall.loc[(year, code)]
        assert row.members_reporting == len(group), (year, code)
        expected = _expected_aggregate(group, countries, indicators, year, code)
        assert row.aggregate_value == pytest.approx(
            expected, abs=declared_precision(indicators.loc[code, "unit"]), nan_ok=True
        ), (year, code)
    regional = aggregates[aggregates.scope_type == "region"]
    assert set(regional.scope_code) <= set(first["mart_statistics_regional"].region_code)
    assert (
        regional.groupby(["statistics_year", "indicator_code"])
        .members_reporting.sum()
        .eq(overall.members_reporting)
        .all()
    )


def test_completeness_counts_indicators_per_member_and_year(pipeline):
    paths, first, _ = pipeline
    indicators = read_registers(paths.reference)["indicators"]
    # open-data indicators (source_type external) are not asked of Members
    asked = set(indicators.indicator_code[indicators.source_type.fillna("member").eq("member")])
    expected = len(asked)
    assert 0 < expected < len(indicators)
    completeness = first["mart_statistics_completeness"].set_index(
        ["member_code", "statistics_year"]
    )
    facts = first["fct_customs_statistics"]
    reported = facts[facts.indicator_code.isin(asked)].groupby(["member_code", "statistics_year"])
    reported = reported.size()
    assert (completeness.indicators_expected == expected).all()
    for key, count in reported.items():
        if key in completeness.index:
            assert completeness.loc[key, "indicators_reported"] == count
    hkg = completeness.loc[("HKG", 2015)]
    assert hkg.indicators_reported == 2 and hkg.indicators_missing == expected - 2
    assert completeness.loc[("EUN", 2020), "indicators_reported"] == 0


def test_an_open_data_download_loads_with_its_source_and_a_members_value_wins(pipeline):
    _, first, _ = pipeline
    registry = first["registry"].set_index("original_name")
    assert registry.loc[WDI_FILE, "outcome"] == "accepted"
    assert registry.loc["f_own_imports.csv", "outcome"] == "accepted"
    facts = first["fct_customs_statistics"]
    imports = facts[facts.indicator_code == "IMPORTS_GDP"].set_index(
        ["member_code", "statistics_year"]
    )
    assert len(imports) == len(SCAN_MEMBERS) * len(SCAN_YEARS)  # the Euro area skipped
    france = imports.loc[("FRA", 2019)]
    assert (france.indicator_value, france.value_source) == (31.5, "member")
    belgium = imports.loc[("BEL", 2019)]
    assert belgium.value_source == "external" and belgium.source_layout == "world_bank_databank"
    assert belgium.indicator_value == pytest.approx(_scan_value("BEL", 2019))
    revisions = first["revisions"]
    both = revisions[
        (revisions.member_code == "FRA")
        & (revisions.statistics_year == 2019)
        & (revisions.indicator_code == "IMPORTS_GDP")
    ]
    assert sorted(both.value_source) == ["external", "member"]  # the history keeps both
    findings = first["findings"]
    euro = findings[(findings.original_name == WDI_FILE) & (findings.rule == "row_skipped")]
    assert list(euro.value_found) == ["EMU"]
    indicators = first["dim_indicator"].set_index("indicator_code")
    assert indicators.loc["IMPORTS_GDP", "source_type"] == "external"
    completeness = first["mart_statistics_completeness"]
    expected = int((indicators.source_type == "member").sum())
    assert set(completeness.indicators_expected) == {expected}  # open data is not asked for


def test_environmental_scan_growth_equals_a_hand_computation(pipeline):
    _, first, _ = pipeline
    scan = first["mart_environmental_scan"].set_index("environmental_scan_key")
    row = scan.loc["IMPORTS_GDP|region|EUR"]

    # the region's mean (the indicator's rule) of the values written above (FRA 2019: its own)
    def mean(year: int) -> float:
        values = [
            31.5 if (m, year) == ("FRA", 2019) else _scan_value(m, year) for m in SCAN_MEMBERS
        ]
        return round(sum(values) / len(values), 2)  # the region's mean as published (percent)

    assert row.latest_year == 2024
    assert row.cagr_3y_pct == pytest.approx(
        round(100 * ((mean(2024) / mean(2021)) ** (1 / 3) - 1), 4)
    )
    assert row.cagr_5y_pct == pytest.approx(
        round(100 * ((mean(2024) / mean(2019)) ** (1 / 5) - 1), 4)
    )
    assert row.yoy_change_pct == pytest.approx(
        round(100 * (mean(2024) - mean(2023)) / mean(2023), 4)
    )
    assert row.members_reporting_latest == row.members_reporting_5y_before == len(SCAN_MEMBERS)
    assert row.coverage_change_5y == 0


def test_environmental_scan_flags_the_planted_break(pipeline):
    _, first, _ = pipeline
    scan = first["mart_environmental_scan"]
    members = scan[(scan.indicator_code == "IMPORTS_GDP") & (scan.scope_type == "member")]
    members = members.set_index("scope_code")
    assert set(members.index) == set(SCAN_MEMBERS)
    assert list(members.index[members.is_history_break]) == ["BEL"]
    assert list(members.index[members.is_region_break]) == ["BEL"]
    assert members.loc["BEL", "mover_rank"] == 1 and members.loc["BEL", "is_top_mover"]
    assert members.loc["BEL", "history_z_score"] > 3.5
    assert not scan[scan.scope_type != "member"].is_history_break.any()
