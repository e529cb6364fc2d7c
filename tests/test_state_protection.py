"""The state database is backed up and checked; a damaged warehouse is recognised as derived.

The damage is done here: a state file overwritten at its start (as a disk error or a bad copy
would leave it), a warehouse file cut in half. The damaged state stops every command with a
message naming the file, the newest good backup and the command that restores it; that command
puts the backup back and the registry is whole again.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from dagster_project.cli import main as cli
from ingestion.state.backup import (
    BACKUPS_ENV,
    StateDamagedError,
    backup_state,
    backups,
    check_state,
    damage,
)
from ingestion.state.registry import StateStore
from ingestion.warehouse.health import move_aside, warehouse_damage

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _registry_with_files(home, make_return):
    from ingestion.intake import process_inbox
    from ingestion.kinds import RETURNS
    from ingestion.registers.context import RegisterContext
    from ingestion.registers.reader import read_registers

    for period in ("2025-26-Q1", "2025-26-Q2"):
        path = make_return(period=period)
        (home.inbox_returns / path.name).write_bytes(path.read_bytes())
        os.utime(home.inbox_returns / path.name, (0, 0))
    store = StateStore(home.state_db)
    ctx = RegisterContext.from_frames(read_registers(home.reference))
    process_inbox(home, RETURNS, ctx, store, now=NOW)
    return store


def test_backups_are_verified_and_only_the_last_ones_kept(home, monkeypatch):
    StateStore(home.state_db)
    monkeypatch.setenv(BACKUPS_ENV, "2")
    made = [backup_state(home.state_db, NOW + timedelta(minutes=i)) for i in range(3)]
    assert backups(home.state_db) == [made[2], made[1]]  # newest first, the oldest removed
    assert all(damage(b) is None for b in backups(home.state_db))


def test_a_damaged_state_database_is_restored_from_its_newest_good_backup(
    home, make_return, capsys
):
    store = _registry_with_files(home, make_return)
    names = sorted(e.original_name for e in store.entries())
    assert len(names) == 2
    good = backup_state(home.state_db, NOW)
    later = backup_state(home.state_db, NOW + timedelta(hours=1))
    later.write_bytes(b"not a database at all" * 100)  # a damaged backup is never offered
    with home.state_db.open("r+b") as handle:
        handle.write(b"\0garbage\0" * 20)  # the header overwritten

    with pytest.raises(StateDamagedError) as raised:
        check_state(home.state_db)
    text = raised.value.text
    assert str(home.state_db) in text.en and str(good) in text.en
    assert "spf state --restore" in text.en and "spf state --restore" in text.fr
    assert str(good) in text.fr

    assert cli.main(["summary", "--home", str(home.home)]) == 4  # nothing runs on it
    err = capsys.readouterr().err
    assert str(home.state_db) in err and "spf state --restore" in err
    assert "Traceback" not in err

    assert cli.main(["state", "--restore", "--home", str(home.home)]) == 0
    err = capsys.readouterr().err
    assert str(good) in err and "restaurée" in err
    assert damage(home.state_db) is None
    assert sorted(e.original_name for e in StateStore(home.state_db).entries()) == names
    assert list(home.state_dir.glob("state.sqlite.damaged-*"))  # kept for analysis
    assert cli.main(["state", "--home", str(home.home)]) == 0


def test_a_damaged_state_database_without_backup_says_so(home, capsys):
    StateStore(home.state_db)
    home.state_db.write_bytes(b"x" * 4096)
    assert cli.main(["summary", "--home", str(home.home)]) == 4
    err = capsys.readouterr().err
    assert "no good backup" in err and "aucune sauvegarde valide" in err


def test_a_damaged_warehouse_is_recognised_and_moved_aside(tmp_path):
    warehouse = tmp_path / "spf.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("create table t as select range as i from range(100000)")
    con.close()
    assert warehouse_damage(warehouse) is None
    data = warehouse.read_bytes()
    warehouse.write_bytes(data[: len(data) // 2])
    problem = warehouse_damage(warehouse)
    assert problem is not None
    moved = move_aside(warehouse, NOW)
    assert not warehouse.exists() and moved.name == "spf.duckdb.damaged-20261130T120000Z"
    assert warehouse_damage(warehouse) is None  # missing: simply built again
