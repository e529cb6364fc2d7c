"""Metadata where BI tools read it (issue 18, item 12), on the demo's internal release.

Parquet footers carry the release id, audience, data as of and the table's description;
release_info is also a Parquet file and a Hyper extract; every Hyper file is readable by others
(0644, like the rest of the release); manifest.json gives each file's SHA-256, which matches.
"""

from __future__ import annotations

import hashlib
import json
import stat

import duckdb
import pytest

pytestmark = pytest.mark.xdist_group("dbt_portability")


def _release_info(demo_home) -> tuple:
    con = duckdb.connect(str(demo_home.published / "spf_marts.duckdb"), read_only=True)
    try:
        return con.execute("SELECT * FROM marts.release_info").fetchone()
    finally:
        con.close()


def test_parquet_footers_name_the_release(demo_home):
    release_id, audience, data_as_of, _published, _run = _release_info(demo_home)
    con = duckdb.connect()
    try:
        for name in ("mart_kpi_scorecard", "release_info"):
            path = str(demo_home.published / "parquet" / f"{name}.parquet")
            kv = dict(
                con.execute(
                    "SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", [path]
                ).fetchall()
            )
            assert kv["spf_release_id"] == release_id
            assert kv["spf_audience"] == audience == "internal"
            assert kv["spf_data_as_of"] == data_as_of.isoformat() + "Z"
            assert kv["spf_table"] == name
            assert len(kv["spf_description"]) > 40
        rows = con.execute(
            "SELECT * FROM read_parquet(?)",
            [str(demo_home.published / "parquet" / "release_info.parquet")],
        ).fetchall()
    finally:
        con.close()
    assert rows == [_release_info(demo_home)]


def test_release_info_extract_and_hyper_permissions(demo_home):
    from tableauhyperapi import Connection, HyperProcess, Telemetry

    hyper_files = sorted((demo_home.published / "hyper").glob("*.hyper"))
    assert "release_info.hyper" in [p.name for p in hyper_files]
    for path in hyper_files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name
    extract = str(demo_home.published / "hyper" / "release_info.hyper")
    with (
        HyperProcess(
            Telemetry.DO_NOT_SEND_USAGE_DATA_TO_TABLEAU, parameters={"log_config": ""}
        ) as hyper,
        Connection(hyper.endpoint, extract) as con,
    ):
        release_id = con.execute_scalar_query('SELECT "release_id" FROM "Extract"."Extract"')
    assert release_id == _release_info(demo_home)[0]


def test_manifest_lists_each_files_sha256(demo_home):
    manifest = json.loads((demo_home.published / "manifest.json").read_text(encoding="utf-8"))
    digests = manifest["sha256"]
    assert sorted(digests) == sorted(manifest["files"])
    assert "parquet/release_info.parquet" in digests
    for name, digest in digests.items():
        actual = hashlib.sha256((demo_home.published / name).read_bytes()).hexdigest()
        assert actual == digest, name
