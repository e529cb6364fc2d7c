"""The whole pipeline on demo data, in-process, into a temporary data home.

One fixture runs `spf run` (the path `make run` takes: the refresh job executed in-process on a
persistent Dagster instance) four times — first run, plain re-run, re-drop of every file under
new names, rebuild after deleting the warehouse — and snapshots the warehouse after each. Then
one resubmitted return arrives alone: the inbox sensor plans a run scoped to what returns feed,
`spf run` takes it in that way, and `spf run --all` must give the same marts.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import openpyxl
import pandas as pd
import pytest

from dagster_project.cli import main as cli
from dagster_project.constants import DBT_PROJECT_DIR
from dagster_project.definitions import build_definitions
from dagster_project.defs.refresh_scope import (
    PLATFORM_TAG,
    platform_built_warehouse,
    refresh_scope,
    scope_selection,
)
from dagster_project.defs.resources import SpfHomeResource
from dagster_project.defs.sensors import inbox_sensor
from dagster_project.refresh_policy import platform_fingerprint
from demo.generator import DemoFlaws, build_return, choose_flaws
from ingestion.paths import SpfPaths, spf_paths
from ingestion.registers.reader import read_registers
from ingestion.returns.layout import load_layout
from ingestion.state.registry import StateStore
from tests.warehouse_support import declared_precision, restore_environment

pytestmark = pytest.mark.xdist_group("end_to_end")


@dataclass
class Snapshot:
    counts: dict[str, int]  # "schema.table" -> rows, for raw, reference and marts
    marts: dict[str, pd.DataFrame]  # full content of each mart, sorted


def _snapshot(paths: SpfPaths) -> Snapshot:
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        tables = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema IN ('raw', 'reference', 'marts') AND table_type = 'BASE TABLE'"
        ).fetchall()
        counts = {
            f"{s}.{t}": con.execute(f'SELECT count(*) FROM {s}."{t}"').fetchone()[0]
            for s, t in tables
        }
        marts = {}
        for schema, table in tables:
            if schema == "marts":
                frame = con.execute(f'SELECT * FROM marts."{table}"').df()
                marts[table] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    finally:
        con.close()
    return Snapshot(counts, marts)


def _run(paths: SpfPaths, *options: str) -> int:
    return cli.main(["run", "--home", str(paths.home), *options])


RESUBMITTED = "return_TTA_2025-26-Q1_corrected.xlsx"


def _drop_resubmission(paths: SpfPaths) -> None:
    """TTA's 2025-26 Q1 return again, one comment changed (so new bytes), saved a minute ago."""
    no_flaws = DemoFlaws(rejected=("-", "-"), missing_kpi=("-", "-"), late=("-", "-"))
    workbook = build_return(
        read_registers(paths.reference), "TTA", "2025-26-Q1", no_flaws, load_layout()
    )
    workbook["Deliverables"]["F2"] = "Corrected after the steering committee"
    target = paths.inbox_returns / RESUBMITTED
    workbook.save(target)
    past = target.stat().st_mtime - 60
    os.utime(target, (past, past))


def _sensor_request(paths: SpfPaths, instance: dg.DagsterInstance) -> dg.RunRequest:
    """Two ticks of the inbox sensor (the second sees the file settled) on the real instance."""
    definitions = build_definitions(str(paths.home))
    cursor = None
    for _ in range(2):
        context = dg.build_sensor_context(
            instance=instance,
            cursor=cursor,
            resources={"spf_home": SpfHomeResource(home=str(paths.home))},
            definitions=definitions,
        )
        result = inbox_sensor(context)
        assert isinstance(result, dg.SensorResult)
        cursor = result.cursor
    [request] = result.run_requests or []
    return request


MATERIALIZATION = dg.DagsterEventType.ASSET_MATERIALIZATION
CHECK_EVALUATION = dg.DagsterEventType.ASSET_CHECK_EVALUATION


def _asset_keys_in(
    instance: dg.DagsterInstance, run_id: str, event_type: dg.DagsterEventType
) -> set[str]:
    """Asset keys of the run's events of one type (for checks: the asset checked)."""
    keys = set()
    for entry in instance.all_logs(run_id, of_type=event_type):
        event = entry.get_dagster_event()
        data = event.event_specific_data
        key = data.asset_key if event_type == CHECK_EVALUATION else event.asset_key
        keys.add(key.to_user_string())
    return keys


@dataclass
class ScopedRun:
    request: dg.RunRequest  # what the sensor asked for
    expected_selection: list[dg.AssetKey]  # the returns scope, resolved on the asset graph
    tags: dict[str, str]  # of the run `spf run` made
    materialized: set[str]  # asset keys the run materialised
    checked: set[str]  # asset keys whose checks (dbt tests) the run evaluated
    scope_after_register_edit: str
    scope_reason_after_failure: str  # of the refresh after a failed one
    built_by_this_platform: bool  # the last full refresh ran on this code
    built_by_another_platform: bool  # ... on code with another fingerprint (an upgrade)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    saved = {k: os.environ.get(k) for k in ("SPF_HOME", "DAGSTER_HOME")}
    paths = spf_paths(tmp_path_factory.mktemp("e2e") / "home")
    os.environ["DAGSTER_HOME"] = str(paths.dagster_home)
    try:
        runs = {"first": _run(paths)}
        first = _snapshot(paths)
        runs["again"] = _run(paths)
        again = _snapshot(paths)
        for kind in ("returns", "statistics"):
            for folder in (paths.archive / kind, paths.quarantine / kind):
                for original in folder.glob("*"):
                    if original.is_file() and ".report." not in original.name:
                        target = paths.inbox_for(kind) / f"resent_{original.name[-40:]}"
                        shutil.copyfile(original, target)
        runs["redropped"] = _run(paths)
        redropped = _snapshot(paths)
        paths.warehouse.unlink()
        runs["rebuilt"] = _run(paths)
        rebuilt = _snapshot(paths)
        runs["reprocessed"] = cli.main(
            ["reprocess", "--home", str(paths.home), "return_TTA_2025-26-Q1.xlsx"]
        )
        reprocessed = _snapshot(paths)
        release = (paths.published / "spf_marts.duckdb").read_bytes()
        runs["unknown"] = cli.main(["reprocess", "--home", str(paths.home), "no_such_file.xlsx"])
        runs["release_kept"] = int(release == (paths.published / "spf_marts.duckdb").read_bytes())

        with dg.DagsterInstance.get() as instance:
            # the failed run above makes the next refresh a full one, whatever arrives
            runs["after_failure"] = _run(paths)
            [record] = instance.get_run_records(limit=1)
            after_failure_reason = record.dagster_run.tags["spf/scope_reason"]
            _drop_resubmission(paths)
            request = _sensor_request(paths, instance)
            graph = build_definitions(str(paths.home)).resolve_asset_graph()
            expected = scope_selection(refresh_scope(paths, instance, ["returns"]), graph)
            runs["scoped"] = _run(paths)
            [record] = instance.get_run_records(limit=1)
            run_id = record.dagster_run.run_id
            materialized = _asset_keys_in(instance, run_id, MATERIALIZATION)
            checked = _asset_keys_in(instance, run_id, CHECK_EVALUATION)
            register = paths.reference / "kpis.csv"
            original = register.read_bytes()
            register.write_bytes(original + b"\n")  # an edited register (same rows)
            after_edit = refresh_scope(paths, instance, ["returns"]).label
            register.write_bytes(original)
            this_platform = platform_fingerprint(DBT_PROJECT_DIR)
            built_here = platform_built_warehouse(instance, this_platform)
            built_elsewhere = platform_built_warehouse(instance, "0" * 64)
        scoped_run = ScopedRun(
            request=request,
            expected_selection=expected or [],
            tags=dict(record.dagster_run.tags),
            materialized=materialized,
            checked=checked,
            scope_after_register_edit=after_edit,
            scope_reason_after_failure=after_failure_reason,
            built_by_this_platform=built_here,
            built_by_another_platform=built_elsewhere,
        )
        scoped = _snapshot(paths)
        runs["full_after_scoped"] = _run(paths, "--all")
        full_after_scoped = _snapshot(paths)
        yield (
            paths,
            runs,
            {
                "first": first,
                "again": again,
                "redropped": redropped,
                "rebuilt": rebuilt,
                "reprocessed": reprocessed,
                "scoped": scoped,
                "full_after_scoped": full_after_scoped,
            },
            scoped_run,
        )
    finally:
        restore_environment(saved)


def test_every_run_succeeds_although_a_file_is_rejected(demo):
    _, runs, _, _ = demo
    assert runs == {
        "first": 0,
        "again": 0,
        "redropped": 0,
        "rebuilt": 0,
        "reprocessed": 0,
        "unknown": 1,
        "release_kept": 1,
        "after_failure": 0,
        "scoped": 0,
        "full_after_scoped": 0,
    }


def test_invalid_return_is_quarantined_with_a_readable_report(demo):
    paths, _, _, _ = demo
    entries = StateStore(paths.state_db).entries()
    # 23 returns; the statistics extract, 3 questionnaires and 1 revision
    assert sum(e.outcome == "accepted" for e in entries) == 23 + 5 + 1  # + the resubmission
    [rejected] = [e for e in entries if e.outcome == "rejected"]
    flaws = choose_flaws(read_registers(paths.reference))
    assert rejected.original_name == f"return_{flaws.rejected[0]}_{flaws.rejected[1]}.xlsx"
    report = (paths.home / rejected.report_path).read_text(encoding="utf-8")
    assert "Deliverables!C2" in report and "Nearly done" in report
    assert "statuts autorisés" in report
    assert (paths.home / rejected.stored_path).exists()


def test_marts_hold_the_demo_figures(demo):
    paths, _, snaps, _ = demo
    counts = snaps["first"].counts
    frames = read_registers(paths.reference)
    assert counts["marts.dim_directorate"] == len(frames["directorates"]) == 6
    assert counts["marts.dim_kpi"] == len(frames["kpis"]) == 14
    ip_deliverables = (frames["deliverables"]["ip_year"] == "2025-26").sum()
    assert counts["marts.fct_deliverable_status"] == ip_deliverables * 4 == 144
    assert counts["marts.mart_kpi_scorecard"] == 14 * 8
    assert counts["raw.return_files"] == 23


def test_rejected_return_leaves_its_deliverables_not_reported(demo):
    paths, _, snaps, _ = demo
    flaws = choose_flaws(read_registers(paths.reference))
    status = snaps["first"].marts["fct_deliverable_status"]
    directorate, period = flaws.rejected
    rows = status[(status.owner_directorate_code == directorate) & (status.period_code == period)]
    # nothing comes from the rejected file: not reported, except deliverables completed in an
    # earlier quarter, whose completion is carried forward from that quarter's return
    carried = rows[rows.is_carried_forward]
    assert len(rows) > len(carried)
    assert set(rows[~rows.is_carried_forward].status) == {"not_reported"}
    assert set(carried.status) <= {"completed"}
    assert period not in set(carried.reported_in_period_code)
    others = status[(status.owner_directorate_code == directorate) & (status.period_code != period)]
    assert "not_reported" not in set(others.status)


def test_kpi_actuals_are_the_values_in_the_returns(demo):
    """Every return-sourced KPI value in the scorecard equals the cell in the archived file."""
    paths, _, snaps, _ = demo
    scorecard = snaps["first"].marts["mart_kpi_scorecard"].set_index(["kpi_code", "period_code"])
    checked = 0
    for entry in StateStore(paths.state_db).entries("returns"):
        if entry.outcome != "accepted":
            continue
        wb = openpyxl.load_workbook(paths.home / entry.stored_path, read_only=True)
        for code, _, value, _ in wb["KPIs"].iter_rows(min_row=2, values_only=True):
            actual = scorecard.loc[(code, entry.period_code), "actual_value"]
            if value is None:
                assert pd.isna(actual)
            else:
                assert actual == pytest.approx(value)
            checked += 1
    assert checked > 40


def test_missing_kpi_value_is_grey_and_warned(demo):
    paths, _, snaps, _ = demo
    flaws = choose_flaws(read_registers(paths.reference))
    scorecard = snaps["first"].marts["mart_kpi_scorecard"]
    directorate, period = flaws.missing_kpi
    kpis = snaps["first"].marts["dim_kpi"]
    own = set(kpis[kpis.owner_directorate_code == directorate].kpi_code)
    missing = scorecard[
        scorecard.kpi_code.isin(own)
        & (scorecard.period_code == period)
        & scorecard.actual_value.isna()
    ]
    assert len(missing) == 1
    assert missing.iloc[0].rag_status == "grey"
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        stored = con.execute(
            "SELECT count(*) FROM dbt_test_failures.not_null_mart_kpi_scorecard_actual_value"
        ).fetchone()[0]
        late = con.execute(
            "SELECT directorate_code, period_code "
            "FROM dbt_test_failures.assert_returns_received_by_deadline"
        ).fetchall()
    finally:
        con.close()
    assert stored == 1
    assert late == [flaws.late]


def test_statistics_kpis_are_recomputed_from_the_member_facts(demo):
    """A statistics-sourced KPI equals the Members' aggregate of its indicator for the year
    before the Implementation Plan year, over the countries that were Members that year
    (recomputed here from the Member facts, which merge the demo extract, questionnaires and
    revision)."""
    paths, _, snaps, _ = demo
    frames = read_registers(paths.reference)
    kpis = frames["kpis"][frames["kpis"]["source"] == "statistics"]
    facts = (
        snaps["first"]
        .marts["fct_customs_statistics"]
        .rename(columns={"statistics_year": "year", "indicator_value": "value"})
    )
    # countries that belonged to the WCO in 2024 (a Member that joined later, such as VCT in
    # the sample register, counts neither in its region nor in the whole for that year)
    members = frames["members"]
    joined = pd.to_datetime(members["valid_from"]).dt.year <= 2024
    left = pd.to_datetime(members["valid_to"]).dt.year < 2024
    countries = set(members.loc[members["is_country"].astype(bool) & joined & ~left, "member_code"])
    indicators = frames["indicators"].set_index("indicator_code")
    scorecard = snaps["first"].marts["mart_kpi_scorecard"].set_index(["kpi_code", "period_code"])
    assert len(kpis) >= 1
    for kpi in kpis.itertuples():
        rows = facts[
            (facts.indicator_code == kpi.indicator_code)
            & (facts.year == 2024)
            & facts.member_code.isin(countries)
        ]
        rule = indicators.loc[kpi.indicator_code, "aggregation"]
        if rule == "sum":
            expected = rows.value.sum()
        elif rule == "median":
            expected = rows.value.median()
        elif rule == "mean":
            expected = rows.value.mean()
        else:
            weights = (
                facts[
                    (facts.indicator_code == indicators.loc[kpi.indicator_code, "weight_indicator"])
                    & (facts.year == 2024)
                ]
                .set_index("member_code")
                .value
            )
            joined = (
                rows.set_index("member_code")
                .value.to_frame("v")
                .join(weights.rename("w"), how="inner")
            )
            expected = (joined.v * joined.w).sum() / joined.w.sum()
        unit = indicators.loc[kpi.indicator_code, "unit"]
        assert scorecard.loc[(kpi.kpi_code, "2025-26-Q1"), "actual_value"] == pytest.approx(
            expected, abs=declared_precision(unit)
        )


def test_demo_questionnaires_and_revision_reach_the_facts(demo):
    """The demo questionnaires (release time written in days) and the later revision of 2023
    values are in the facts: the revised value is current, the extract's is history."""
    from demo.generator import QUESTIONNAIRE_MEMBERS, REVISED_INDICATOR, REVISED_YEAR

    paths, _, snaps, _ = demo
    facts = snaps["first"].marts["fct_customs_statistics"]
    answered = facts[facts.source_layout == "questionnaire"]
    assert set(answered.member_code) == {code for code, _ in QUESTIONNAIRE_MEMBERS}
    assert set(answered.statistics_year) == {2024}
    release = answered[answered.indicator_code == "RELEASE_TIME_IMPORT"]
    assert len(release) >= 1
    for row in release.itertuples():
        assert row.indicator_value == pytest.approx(float(row.value_as_reported) * 24)
    revised = facts[facts.revision_number == 2]
    assert len(revised) >= 1
    assert set(revised.statistics_year) == {REVISED_YEAR}
    assert set(revised.indicator_code) == {REVISED_INDICATOR}
    [archived] = [
        p for p in (paths.archive / "statistics").glob("*.csv") if len(p.read_bytes()) > 10_000
    ]
    extract = pd.read_csv(archived).set_index(["member_code", "year", "indicator_code"])
    for row in revised.itertuples():
        before = extract.loc[(row.member_code, row.statistics_year, row.indicator_code), "value"]
        assert row.indicator_value != before


def test_rerun_redrop_and_reprocess_change_no_row_count(demo):
    _, _, snaps, _ = demo
    assert snaps["again"].counts == snaps["first"].counts
    assert snaps["redropped"].counts == snaps["first"].counts
    assert snaps["reprocessed"].counts == snaps["first"].counts


def test_reprocessing_is_recorded(demo):
    paths, _, _, _ = demo
    with StateStore(paths.state_db).connect() as con:
        names = [
            r[0]
            for r in con.execute("SELECT name FROM file_sightings WHERE action = 'reprocessed'")
        ]
    assert names == ["return_TTA_2025-26-Q1.xlsx"]


def test_redropped_files_are_seen_as_duplicates(demo):
    paths, _, _, _ = demo
    store = StateStore(paths.state_db)
    assert len(store.entries()) == 24 + 5 + 1  # + the resubmission of the scoped run
    with store.connect() as con:
        duplicates = con.execute(
            "SELECT count(*) FROM file_sightings WHERE action = 'duplicate'"
        ).fetchone()[0]
    assert duplicates == 24 + 5
    assert not any(paths.inbox_returns.iterdir())


def test_deleting_the_warehouse_rebuilds_identical_marts(demo):
    _, _, snaps, _ = demo
    assert snaps["rebuilt"].counts == snaps["first"].counts
    for table, frame in snaps["first"].marts.items():
        pd.testing.assert_frame_equal(snaps["rebuilt"].marts[table], frame, check_dtype=True)


def test_published_copy_matches_the_marts_and_names_its_release(demo):
    paths, _, snaps, _ = demo
    published = paths.published / "spf_marts.duckdb"
    con = duckdb.connect(str(published), read_only=True)
    try:
        for table, frame in snaps["full_after_scoped"].marts.items():
            assert con.execute(f'SELECT count(*) FROM marts."{table}"').fetchone()[0] == len(frame)
        [(release_id, source_run)] = con.execute(
            "SELECT release_id, source_run FROM marts.release_info"
        ).fetchall()
    finally:
        con.close()
    assert release_id and source_run
    assert not list(Path(paths.published).glob(".*.tmp"))


# --- one return alone: a scoped refresh -----------------------------------------------------


def test_the_sensor_asks_for_a_run_scoped_to_what_returns_feed(demo):
    _, _, _, scoped = demo
    assert scoped.request.tags["spf/scope"] == "returns"
    assert scoped.request.tags["spf/files"] == f"returns/{RESUBMITTED}"
    assert list(scoped.request.asset_selection or []) == scoped.expected_selection
    keys = {k.to_user_string() for k in scoped.expected_selection}
    assert {"raw/return_deliverables", "marts/fct_deliverable_status", "published_marts"} <= keys
    assert not keys & {"raw/statistics_values", "marts/fct_customs_statistics", "reference/kpis"}


def test_a_scoped_run_rebuilds_and_tests_only_what_returns_feed(demo):
    _, _, _, scoped = demo
    assert scoped.tags["spf/scope"] == "returns"
    expected = {k.to_user_string() for k in scoped.expected_selection}
    assert scoped.materialized == expected
    assert "marts/fct_customs_statistics" not in scoped.materialized
    assert not any(key.startswith("reference/") for key in scoped.materialized)
    # the dbt tests of the rebuilt models ran, as asset checks, and only theirs
    assert {"marts/fct_deliverable_status", "marts/mart_kpi_scorecard"} <= scoped.checked
    assert scoped.checked <= expected


def test_a_scoped_run_gives_the_marts_of_a_full_refresh(demo):
    _, _, snaps, _ = demo
    scoped, full = snaps["scoped"], snaps["full_after_scoped"]
    assert scoped.counts["raw.return_files"] == snaps["first"].counts["raw.return_files"] + 1
    assert scoped.counts == full.counts
    for table, frame in full.marts.items():
        pd.testing.assert_frame_equal(scoped.marts[table], frame, check_dtype=True)


def test_an_edited_register_makes_the_next_refresh_a_full_one(demo):
    _, _, _, scoped = demo
    assert scoped.scope_after_register_edit == "everything"


def test_runs_name_their_platform_and_an_upgrade_needs_a_full_refresh(demo):
    """Every run is tagged with the fingerprint of the code that ran it; a narrow scope is
    only taken when the latest successful full refresh ran on the same code."""
    _, _, _, scoped = demo
    assert scoped.tags[PLATFORM_TAG] == platform_fingerprint(DBT_PROJECT_DIR)
    assert scoped.request.tags[PLATFORM_TAG] == scoped.tags[PLATFORM_TAG]
    assert scoped.built_by_this_platform
    assert not scoped.built_by_another_platform


def test_the_refresh_after_a_failed_one_is_a_full_one(demo):
    _, _, _, scoped = demo
    assert scoped.scope_reason_after_failure == "the last refresh did not succeed"


def test_the_runs_progress_goes_to_the_data_homes_log(demo):
    """dbt's lines of the last `spf run` (here `--all`: every model) are kept in the data
    home's log rather than printed among the warnings and the summary."""
    paths, _, _, _ = demo
    log = paths.run_output_log.read_text(encoding="utf-8")
    assert "Running with dbt=" in log
    assert "OK created sql table model marts.mart_statistics_regional" in log
    assert "Done. PASS=" in log
