"""The adaptations of Dagster internals (dagster_project/lib) still fit the installed Dagster.

Each adaptation overrides or relies on private members; an upgrade that changes one of them
must fail here, so that the adaptation is read again before it runs on the new version.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import dagster as dg
import pytest
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster_dbt import DbtCliResource

from dagster_project.constants import DBT_PROJECT_DIR
from dagster_project.lib import CHECKED_AGAINST, dbt_resource, event_log_storage, run_coordinator

OWNERS: dict[str, type] = {
    "SqliteEventLogStorage": SqliteEventLogStorage,
    "DbtCliResource": DbtCliResource,
    "QueuedRunCoordinator": dg.QueuedRunCoordinator,
}


def source_digest(member: Any) -> str:
    if isinstance(member, functools.cached_property):
        member = member.func
    return hashlib.sha256(inspect.getsource(member).encode("utf-8")).hexdigest()[:16]


def test_installed_versions_are_those_checked() -> None:
    installed = {name: metadata.version(name) for name in CHECKED_AGAINST}
    assert installed == CHECKED_AGAINST, "read dagster_project/lib again, then update both"


@pytest.mark.parametrize(
    "module", [event_log_storage, dbt_resource, run_coordinator], ids=lambda m: m.__name__
)
def test_private_members_relied_on_are_unchanged(module: Any) -> None:
    changed = {}
    for name, digest in module.RELIES_ON.items():
        owner, member = name.split(".")
        found = source_digest(inspect.getattr_static(OWNERS[owner], member))
        if found != digest:
            changed[name] = found
    assert not changed, f"{module.__name__} relies on private members that changed: {changed}"


def test_a_changed_member_is_noticed() -> None:
    """The digest is of the source: another method's source does not match."""
    assert (
        source_digest(SqliteEventLogStorage.wipe)
        != event_log_storage.RELIES_ON["SqliteEventLogStorage._connect"]
    )


def test_event_log_storage_keeps_one_engine_per_database(tmp_path: Path) -> None:
    storage = event_log_storage.PooledSqliteEventLogStorage(str(tmp_path))
    try:
        with storage.index_connection() as first:
            first.exec_driver_sql("SELECT 1")
        engine = storage._engines["index"]
        with storage.index_connection() as again:
            assert again.exec_driver_sql("SELECT 1").scalar() == 1
        assert storage._engines["index"] is engine
    finally:
        storage.dispose()


def test_dbt_resource_reads_the_version_without_running_dbt() -> None:
    resource = dbt_resource.SpfDbtCliResource(
        project_dir=str(DBT_PROJECT_DIR), dbt_executable=str(Path(sys.executable).parent / "dbt")
    )
    assert str(resource._cli_version) == metadata.version("dbt-core")
    assert resource._initialize_dbt_core_adapter([]) is None
