"""Reference registers: samples valid, broken registers stop the run and load nothing."""

from __future__ import annotations

import duckdb
import pytest

from ingestion.findings import RegisterError
from ingestion.registers import load_registers, read_registers
from ingestion.warehouse_schema import create_input_schemas


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
    from ingestion.registers import seed_reference

    (home.reference / "regions.csv").unlink()
    custom = "directorate_code,name_en\n"
    (home.reference / "directorates.csv").write_text(custom, encoding="utf-8")
    assert seed_reference(home.reference) == ["regions.csv"]
    assert (home.reference / "directorates.csv").read_text(encoding="utf-8") == custom
