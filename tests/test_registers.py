"""Reference registers: samples valid, broken registers stop the run and load nothing."""

from __future__ import annotations

import csv
from datetime import time

import duckdb
import pytest

from ingestion.findings import RegisterError
from ingestion.registers.reader import read_registers
from ingestion.warehouse.loader import load_registers
from ingestion.warehouse.schema import create_input_schemas


def test_sample_registers_are_valid_and_complete(home):
    frames = read_registers(home.reference)
    members = frames["members"]
    assert len(members) == 187
    assert members.loc[~members["is_country"].astype(bool), "member_code"].tolist() == ["EUN"]
    assert sorted(frames["regions"]["region_code"]) == ["AMC", "AP", "ESA", "EUR", "MENA", "WCA"]
    assert len(frames["deliverables"]) >= 30 and len(frames["kpis"]) >= 12
    assert set(frames["directorates"]["preferred_language"]) == {"en", "fr"}


def _rewrite(path, row_index: int, column: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    import csv

    rows = list(csv.reader(lines))
    rows[row_index][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_broken_register_names_file_row_and_column_and_loads_nothing(home):
    con = duckdb.connect(str(home.warehouse))
    create_input_schemas(con)
    load_registers(con, read_registers(home.reference))
    before = con.execute("SELECT count(*) FROM reference.kpis").fetchone()[0]

    _rewrite(home.reference / "kpis.csv", 2, "direction", "sideways")
    _rewrite(home.reference / "deliverables.csv", 5, "owner_directorate", "NOPE")
    with pytest.raises(RegisterError) as raised:
        read_registers(home.reference)
    messages = [f.message_en for f in raised.value.findings]
    assert any("kpis.csv, row 3, column 'direction'" in m and "sideways" in m for m in messages)
    assert any("deliverables.csv, row 6, column 'owner_directorate'" in m for m in messages)
    assert all(f.message_fr.startswith("Registre ") for f in raised.value.findings)
    assert con.execute("SELECT count(*) FROM reference.kpis").fetchone()[0] == before


def test_missing_register_is_restored_but_existing_ones_never_overwritten(home):
    from ingestion.registers.reader import seed_reference

    (home.reference / "regions.csv").unlink()
    custom = "directorate_code,name_en\n"
    (home.reference / "directorates.csv").write_text(custom, encoding="utf-8")
    assert seed_reference(home.reference) == ["regions.csv"]
    assert (home.reference / "directorates.csv").read_text(encoding="utf-8") == custom


SETTINGS = (
    "reminder_interval_days",
    "deadline_reminder_days",
    "quiet_hours_start",
    "quiet_hours_end",
    "min_alert_severity",
)


def _directorate_rows(home) -> list[dict[str, str]]:
    with (home.reference / "directorates.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_directorates(home, rows: list[dict[str, str]], columns: list[str]) -> None:
    with (home.reference / "directorates.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_directorate_alert_settings_default_when_empty(home):
    rows = _directorate_rows(home)
    assert {r["reminder_interval_days"] for r in rows} == {"", "14"}  # the sample sets CB only
    frame = read_registers(home.reference)["directorates"].set_index("directorate_code")
    assert frame.loc["CB", "reminder_interval_days"] == 14
    assert frame.loc["TTA", "reminder_interval_days"] == 7  # empty: the spec's default
    assert frame.loc["ADM", "deadline_reminder_days"] == 10
    assert frame.loc["TTA", "deadline_reminder_days"] == 7
    assert frame.loc["TTA", "min_alert_severity"] == "info"
    assert frame.loc["TTA", "quiet_hours_start"] is None


def test_a_register_and_a_warehouse_older_than_the_alert_settings_keep_working(home):
    rows = _directorate_rows(home)
    old_columns = [c for c in rows[0] if c not in SETTINGS]
    _write_directorates(home, rows, old_columns)  # as written before the settings existed
    frame = read_registers(home.reference)["directorates"]
    assert set(frame["reminder_interval_days"]) == {7}
    assert set(frame["deadline_reminder_days"]) == {7}
    assert set(frame["min_alert_severity"]) == {"info"}
    assert set(frame["quiet_hours_start"]) == {None}

    con = duckdb.connect(str(home.warehouse))
    con.execute("create schema reference")
    con.execute(
        "create table reference.directorates (directorate_code varchar, name_en varchar, "
        "name_fr varchar, preferred_language varchar, alert_email varchar, valid_from date, "
        "valid_to date)"
    )
    con.execute("create view reference.directorates_view as select * from reference.directorates")
    create_input_schemas(con)  # adds the new columns; the view still reads the table
    for row in rows:
        if row["directorate_code"] == "CB":
            row.update(quiet_hours_start="19:30", quiet_hours_end="7:00")
    _write_directorates(home, rows, [*old_columns, "quiet_hours_start", "quiet_hours_end"])
    load_registers(con, read_registers(home.reference))
    loaded = {
        code: rest
        for code, *rest in con.execute(
            "select directorate_code, quiet_hours_start, quiet_hours_end, "
            "reminder_interval_days, min_alert_severity from reference.directorates_view"
        ).fetchall()
    }
    con.close()
    assert loaded["CB"] == [time(19, 30), time(7, 0), 7, "info"]
    assert loaded["TTA"] == [None, None, 7, "info"]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("reminder_interval_days", "0", "below the minimum 1"),
        ("reminder_interval_days", "weekly", "not a whole number"),
        ("deadline_reminder_days", "120", "above the maximum 90"),
        ("quiet_hours_start", "25:00", "not a time in the form HH:MM"),
        ("min_alert_severity", "urgent", "not one of info, warning, critical"),
    ],
)
def test_an_invalid_alert_setting_is_a_located_error(home, column, value, reason):
    rows = _directorate_rows(home)
    rows[2][column] = value  # CB, on row 4 of the file
    if column == "quiet_hours_start":
        rows[2]["quiet_hours_end"] = "07:00"
    _write_directorates(home, rows, list(rows[0]))
    with pytest.raises(RegisterError) as raised:
        read_registers(home.reference)
    [finding] = raised.value.findings
    assert f"directorates.csv, row 4, column '{column}'" in finding.message_en
    assert reason in finding.message_en and value in finding.message_en


def test_quiet_hours_need_both_start_and_end(home):
    rows = _directorate_rows(home)
    rows[0]["quiet_hours_start"] = "20:00"  # TTA, row 2: no end
    _write_directorates(home, rows, list(rows[0]))
    with pytest.raises(RegisterError) as raised:
        read_registers(home.reference)
    [finding] = raised.value.findings
    assert "directorates.csv, row 2, column 'quiet_hours_end'" in finding.message_en
    assert "together" in finding.message_en
