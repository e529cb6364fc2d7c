"""Publication on a fixture warehouse: every format read back with its own reader.

Each format is compared with the marts it came from: row counts, per-column checksums (recomputed
from the values the reader returns) and column types. No PostgreSQL here (see
test_publication_postgres.py); no pipeline (see test_publication_pipeline.py).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ingestion.xlsx.safety import inert
from publication import cli as publication_cli
from publication.checksums import column_checksums
from publication.release import PublishedRelease, list_releases, publish_release, rollback
from publication.schema_guard import ACKNOWLEDGE_ENV, SchemaChangeError
from tests.publication_support import (
    FORMULA_TEXTS,
    INTERNAL_KPI,
    build_warehouse,
    settings,
    warehouse_marts,
    write_dbt_manifest,
)

PARQUET_TYPES = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
}


def _decimal(duckdb_type: str, make):
    """DECIMAL(p,s) in the reader's own type system, else None."""
    if duckdb_type.startswith("DECIMAL("):
        precision, scale = duckdb_type[8:-1].split(",")
        return make(int(precision), int(scale))
    return None


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    """One release of the fixture warehouse; (warehouse, published dir, release, tmp)."""
    tmp = tmp_path_factory.mktemp("publication")
    warehouse = build_warehouse(tmp / "warehouse" / "spf.duckdb")
    manifest = write_dbt_manifest(tmp / "manifest.json")
    release = publish_release(warehouse, tmp / "published", "run-1", manifest, settings(tmp))
    return warehouse, tmp / "published", release, tmp


def _manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def test_duckdb_copy_matches_the_marts_and_names_its_release(published):
    warehouse, root, release, _ = published
    expected = warehouse_marts(warehouse)
    con = duckdb.connect(str(root / "spf_marts.duckdb"), read_only=True)
    try:
        schemas = {
            r[0]
            for r in con.execute(
                "SELECT schema_name FROM information_schema.schemata "
                "WHERE catalog_name = current_database()"
            ).fetchall()
        }
        from tests.publication_support import read_duckdb_marts

        actual = read_duckdb_marts(con, "marts")
        info = con.execute(
            "SELECT release_id, audience, source_run, data_as_of FROM marts.release_info"
        ).fetchall()
    finally:
        con.close()
    assert "reference" not in schemas and "marts" in schemas
    assert (
        set(actual)
        == set(expected)
        == {"dim_kpi", "mart_kpi_scorecard", "mart_typed", "fct_customs_statistics"}
    )
    for mart, want in expected.items():
        assert actual[mart]["types"] == want["types"]
        assert actual[mart]["rows"] == want["rows"] > 0
        assert actual[mart]["checksums"] == want["checksums"]
    [(release_id, audience, source_run, data_as_of)] = info
    assert (release_id, audience, source_run) == (release.release_id, "internal", "run-1")
    assert isinstance(data_as_of, datetime)


def test_manifest_gives_counts_checksums_and_schema_of_every_mart(published):
    warehouse, root, release, _ = published
    manifest = _manifest(root)
    expected = warehouse_marts(warehouse)
    assert manifest["release_id"] == release.release_id
    assert manifest["source_run"] == "run-1"
    assert datetime.fromisoformat(manifest["published_at"].rstrip("Z"))
    for mart, want in expected.items():
        entry = manifest["marts"][mart]
        assert entry["rows"] == want["rows"]
        assert entry["checksums"] == want["checksums"]
        assert {c["name"]: c["type"] for c in entry["columns"]} == want["types"]
        for kind in ("parquet", "hyper", "csv"):
            assert (root / entry["files"][kind]).is_file()
    assert manifest["schema"]["mart_typed"][1] == {"name": "amount", "type": "DECIMAL(18,3)"}
    assert not list(root.rglob("*.tmp")) and not list((root / "releases").glob(".*"))


def test_parquet_keeps_types_read_by_pyarrow_and_by_duckdb(published):
    warehouse, root, _, _ = published
    expected = warehouse_marts(warehouse)
    for mart, want in expected.items():
        path = root / "parquet" / f"{mart}.parquet"
        table = pq.read_table(path)
        assert {f.name: f.type for f in table.schema} == {
            c: _decimal(t, pa.decimal128) or PARQUET_TYPES[t] for c, t in want["types"].items()
        }
        rows = [tuple(r.values()) for r in table.to_pylist()]
        assert len(rows) == want["rows"]
        assert column_checksums(table.column_names, rows) == want["checksums"]
        con = duckdb.connect()
        try:
            relation = con.sql(f"SELECT * FROM read_parquet('{path}')")
            assert (
                dict(zip(relation.columns, map(str, relation.types), strict=True)) == want["types"]
            )
            assert column_checksums(relation.columns, relation.fetchall()) == want["checksums"]
        finally:
            con.close()
    typed = pq.read_table(root / "parquet" / "mart_typed.parquet").to_pylist()
    first = next(r for r in typed if r["row_key"] == "r1")
    assert first["amount"] == Decimal("1234.500") and first["event_date"] == date(2025, 7, 1)


def _hyper_value(value):
    from tableauhyperapi import Date, Timestamp

    if isinstance(value, Date):
        return value.to_date()
    if isinstance(value, Timestamp):
        return value.to_datetime()
    return value


def test_hyper_extracts_read_by_tableau_engine(published):
    from tableauhyperapi import Connection, HyperProcess, SqlType, TableName, Telemetry

    warehouse, root, _, _ = published
    expected = warehouse_marts(warehouse)
    hyper_types = {
        "VARCHAR": SqlType.text(),
        "DATE": SqlType.date(),
        "TIMESTAMP": SqlType.timestamp(),
        "BOOLEAN": SqlType.bool(),
        "BIGINT": SqlType.big_int(),
        "INTEGER": SqlType.int(),
        "DOUBLE": SqlType.double(),
    }
    with HyperProcess(
        Telemetry.DO_NOT_SEND_USAGE_DATA_TO_TABLEAU, parameters={"log_config": ""}
    ) as hyper:
        for mart, want in expected.items():
            with Connection(hyper.endpoint, str(root / "hyper" / f"{mart}.hyper")) as con:
                table = TableName("Extract", "Extract")
                definition = con.catalog.get_table_definition(table)
                types = {c.name.unescaped: c.type for c in definition.columns}
                assert types == {
                    c: _decimal(t, SqlType.numeric) or hyper_types[t]
                    for c, t in want["types"].items()
                }
                rows = [
                    tuple(_hyper_value(v) for v in row)
                    for row in con.execute_list_query(f"SELECT * FROM {table}")
                ]
            assert len(rows) == want["rows"]
            assert column_checksums(list(types), rows) == want["checksums"]


def test_csv_has_bom_keeps_values_and_neutralises_formulas(published):
    warehouse, root, _, _ = published
    expected = warehouse_marts(warehouse)
    for mart, want in expected.items():
        path = root / "csv" / f"{mart}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        con = duckdb.connect()
        try:
            columns = ", ".join(f"'{c}': '{t}'" for c, t in want["types"].items())
            relation = con.sql(
                f"SELECT * FROM read_csv('{path}', header = true, columns = {{{columns}}}, "
                "encoding = 'utf-8')"
            )
            rows = relation.fetchall()
        finally:
            con.close()
        # text cells are the marts' texts made inert; every other cell is the mart's value
        texts = [t == "VARCHAR" for t in want["types"].values()]
        inert_rows = [
            tuple(inert(v) if is_text else v for v, is_text in zip(row, texts, strict=True))
            for row in want["data"]
        ]
        assert len(rows) == want["rows"]
        assert column_checksums(relation.columns, rows) == column_checksums(
            relation.columns, inert_rows
        )
    text = (root / "csv" / "mart_typed.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and "'+1+1" in text
    assert "'-2+3" in text and "'\tTab" in text
    assert ",-12.5," in text and "'-12.5" not in text  # a negative number stays a number
    assert "Délai à l'importation" in text
    for formula in FORMULA_TEXTS:
        assert f",{formula}" not in text.replace('"', "")


def test_members_release_leaves_out_confidential_items(published):
    _, root, release, _ = published
    members = root / "members"
    con = duckdb.connect(str(members / "spf_marts.duckdb"), read_only=True)
    try:
        tables = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'"
            ).fetchall()
        }
        kpis = {r[0] for r in con.execute("SELECT kpi_code FROM marts.dim_kpi").fetchall()}
        scored = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT kpi_code FROM marts.mart_kpi_scorecard"
            ).fetchall()
        }
        audience = con.execute("SELECT audience FROM marts.release_info").fetchone()[0]
    finally:
        con.close()
    assert audience == "members"
    assert "fct_customs_statistics" not in tables and "mart_typed" in tables
    assert kpis == scored == {"KPI-A", "KPI-B"}
    # the internal release has them
    assert release.row_counts["internal"]["dim_kpi"] == 3
    assert release.row_counts["members"]["dim_kpi"] == 2
    assert "fct_customs_statistics" not in release.row_counts["members"]
    # and no file of the Members' release mentions them
    for path in members.rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".html", ".json"}:
            content = path.read_text(encoding="utf-8-sig")
            assert INTERNAL_KPI not in content and "fct_customs_statistics" not in content
    assert not (members / "parquet" / "fct_customs_statistics.parquet").exists()
    assert not (members / "hyper" / "fct_customs_statistics.hyper").exists()
    assert pq.read_table(members / "parquet" / "dim_kpi.parquet").num_rows == 2
    manifest = _manifest(members)
    assert set(manifest["marts"]) == {"dim_kpi", "mart_kpi_scorecard", "mart_typed"}
    assert manifest["marts"]["dim_kpi"]["rows"] == 2


def test_data_dictionary_has_grain_keys_relationships_and_both_languages(published):
    _, root, release, _ = published
    page = (root / "data_dictionary.html").read_text(encoding="utf-8")
    for expected in (
        "mart_kpi_scorecard",
        "One row per KPI",
        "Une ligne par ICP",
        "kpi_code → dim_kpi.kpi_code",
        "kpi_code, period_code",
        "Code de l&#x27;ICP",
        "Indicateurs clés",
        "DECIMAL(18,3)",
    ):
        assert expected in page
    workbook = openpyxl.load_workbook(root / "data_dictionary.xlsx")
    columns = list(workbook["Columns"].iter_rows(values_only=True))
    header = columns[0]
    by_column = {(r[0], r[1]): dict(zip(header, r, strict=True)) for r in columns[1:]}
    kpi_code = by_column[("dim_kpi", "kpi_code")]
    assert kpi_code["Libellé (FR)"] == "Code de l'ICP" and kpi_code["Key / Clé"]
    # no French label in the dbt docs: the English one stands in, and the gap is listed
    assert by_column[("mart_typed", "amount")]["Libellé (FR)"] == "Amount"
    assert "mart_typed.amount (label_fr)" in release.missing_fr
    assert "mart_typed.amount (label_fr)" in _manifest(root)["missing_fr"]
    # a description starting with "=" is inert in the workbook
    formula = by_column[("mart_kpi_scorecard", "kpi_code")]["Description (EN)"]
    assert formula == "'=cmd|' /C calc'!A0"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
    members_book = openpyxl.load_workbook(root / "members" / "data_dictionary.xlsx")
    names = {r[0] for r in members_book["Marts"].iter_rows(min_row=2, values_only=True)}
    assert names == {"dim_kpi", "mart_kpi_scorecard", "mart_typed"}


def _rebuild_mart(warehouse: Path, sql: str) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(sql)
    finally:
        con.close()


def test_schema_guard_stops_breaking_changes_unless_acknowledged(tmp_path, monkeypatch):
    warehouse = build_warehouse(tmp_path / "wh" / "spf.duckdb")
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    published = tmp_path / "published"
    first = publish_release(warehouse, published, "run-1", manifest, settings(tmp_path))

    # additive: a new column and a new mart pass without acknowledgement
    _rebuild_mart(
        warehouse,
        "ALTER TABLE marts.mart_typed ADD COLUMN note VARCHAR; "
        "CREATE TABLE marts.mart_new AS SELECT 1 AS id",
    )
    second = publish_release(warehouse, published, "run-2", manifest, settings(tmp_path))
    assert "note" in _manifest(published)["marts"]["mart_typed"]["checksums"]

    # removed column, retyped column, removed mart: refused, release untouched
    _rebuild_mart(
        warehouse,
        "CREATE OR REPLACE TABLE marts.mart_kpi_scorecard AS SELECT kpi_code, period_code, "
        "CAST(actual_value AS DECIMAL(18,2)) AS actual_value FROM marts.mart_kpi_scorecard; "
        "DROP TABLE marts.mart_new",
    )
    before = sorted(p.name for p in (published / "releases").iterdir())
    with pytest.raises(SchemaChangeError) as refused:
        publish_release(warehouse, published, "run-3", manifest, settings(tmp_path))
    message = str(refused.value)
    assert "mart_kpi_scorecard.rag_status: column removed or renamed" in message
    assert "mart_kpi_scorecard.actual_value: type changed from DOUBLE to DECIMAL(18,2)" in message
    assert "mart_new: mart removed" in message
    assert ACKNOWLEDGE_ENV in message
    assert _manifest(published)["release_id"] == second.release_id != first.release_id
    assert sorted(p.name for p in (published / "releases").iterdir()) == before

    # acknowledged (environment and file): published
    monkeypatch.setenv(ACKNOWLEDGE_ENV, "mart_kpi_scorecard.rag_status,mart_new")
    with pytest.raises(SchemaChangeError, match="actual_value"):
        publish_release(warehouse, published, "run-3", manifest, settings(tmp_path))
    (tmp_path / "acknowledged_changes.yaml").write_text(
        "acknowledged:\n  - mart_kpi_scorecard.actual_value\n", encoding="utf-8"
    )
    third = publish_release(warehouse, published, "run-3", manifest, settings(tmp_path))
    assert _manifest(published)["release_id"] == third.release_id
    assert _manifest(published)["acknowledged_changes"] == [
        "mart_kpi_scorecard.actual_value",
        "mart_kpi_scorecard.rag_status",
        "mart_new",
    ]
    assert not (published / "parquet" / "mart_new.parquet").exists()  # stale files removed


def test_retention_and_rollback(tmp_path, monkeypatch, capsys):
    warehouse = build_warehouse(tmp_path / "wh" / "spf.duckdb")
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    published = tmp_path / "home" / "published"
    releases: list[PublishedRelease] = []
    for run in range(4):
        _rebuild_mart(warehouse, f"INSERT INTO marts.mart_typed (row_key) VALUES ('run{run}')")
        releases.append(
            publish_release(
                warehouse, published, f"run-{run}", manifest, settings(tmp_path, keep_releases=3)
            )
        )
    ids, current = list_releases(published)
    assert ids == [r.release_id for r in releases[1:]] and current == releases[-1].release_id

    back = rollback(published, settings=settings(tmp_path))
    assert back == releases[2].release_id
    con = duckdb.connect(str(published / "spf_marts.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT release_id FROM marts.release_info").fetchone()[0] == back
        rows = con.execute("SELECT count(*) FROM marts.mart_typed").fetchone()[0]
    finally:
        con.close()
    assert rows == releases[2].row_counts["internal"]["mart_typed"]
    assert pq.read_table(published / "parquet" / "mart_typed.parquet").num_rows == rows
    assert _manifest(published / "members")["release_id"] == back

    # the CLI: list, roll back once more, then nothing older is kept
    monkeypatch.setenv("SPF_HOME", str(tmp_path / "home"))
    assert publication_cli.dispatch(["publish", "--list"]) == 0
    assert f"* {back}" in capsys.readouterr().out
    assert publication_cli.main(["--rollback", "--home", str(tmp_path / "home")]) == 0
    assert _manifest(published)["release_id"] == releases[1].release_id
    assert publication_cli.main(["--rollback", "--home", str(tmp_path / "home")]) == 1
    assert "No release older" in capsys.readouterr().err
    # roll forward to a named release
    assert (
        publication_cli.main(
            ["--rollback", "--to", releases[3].release_id, "--home", str(tmp_path / "home")]
        )
        == 0
    )
    assert _manifest(published)["release_id"] == releases[3].release_id
    assert publication_cli.dispatch(["run"]) is None


def test_a_failing_audience_rule_publishes_nothing(tmp_path):
    warehouse = build_warehouse(tmp_path / "wh" / "spf.duckdb")
    manifest = write_dbt_manifest(tmp_path / "manifest.json")
    published = tmp_path / "published"
    first = publish_release(warehouse, published, "run-1", manifest, settings(tmp_path))
    rules = tmp_path / "audiences.yaml"
    rules.write_text(
        "audiences:\n  internal: {folder: '.'}\n  members: {folder: members}\n"
        "marts:\n  mart_typed:\n    members: {where: no_such_column = 1}\n",
        encoding="utf-8",
    )
    from publication.files import AudienceRuleError

    with pytest.raises(AudienceRuleError, match="mart_typed"):
        publish_release(
            warehouse, published, "run-2", manifest, settings(tmp_path, audiences_file=rules)
        )
    assert _manifest(published)["release_id"] == first.release_id
    assert [p.name for p in (published / "releases").iterdir()] == [first.release_id]


def test_audience_config_typos_are_refused(tmp_path):
    from publication.audiences import AudienceConfigError, load_audiences

    bad = tmp_path / "audiences.yaml"
    bad.write_text(
        "audiences:\n  internal: {folder: '.'}\nmarts:\n  dim_kpi:\n    member: false\n",
        encoding="utf-8",
    )
    with pytest.raises(AudienceConfigError, match="unknown audience 'member'"):
        load_audiences(bad)
    config = load_audiences()  # the repository's own rules parse
    assert not config.rule("fct_customs_statistics", "members").included
    assert config.rule("dim_kpi", "members").where
    assert config.rule("a_mart_nobody_mentions", "members").included


def test_no_hyper_log_left_in_the_working_directory(published):
    assert not list(Path(os.getcwd()).glob("hyperd*.log"))
