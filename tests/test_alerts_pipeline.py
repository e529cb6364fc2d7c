"""Wiring of the quality alerts: `spf run` on demo data leaves digests in $SPF_HOME/outbox/.

One full pipeline run (the path `make run` takes), without SMTP configured, so the default
transport writes `.eml` files; then the register is checked in the warehouse and the outbox.
Before the run the office raises every Directorate's `min_alert_severity` to critical in its
own `reference/directorates.csv`: the setting must travel from the CSV through the register
loader and the warehouse to what is mailed.
"""

from __future__ import annotations

import csv
import io
import json
import os
from email import message_from_bytes, policy

import duckdb
import openpyxl
import pytest

from alerts.outbox import SENT, entries
from alerts.state import AlertStore
from dagster_project.cli import main as cli
from ingestion.paths import spf_paths

pytestmark = pytest.mark.xdist_group("alerts_pipeline")


def test_make_run_on_demo_data_leaves_digests_in_the_outbox(tmp_path, monkeypatch):
    for name in [k for k in os.environ if k.startswith("SPF_SMTP_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("SPF_STEWARD_EMAIL", "steward@example.org")
    monkeypatch.setenv("SPF_HOME", str(tmp_path / "home"))
    paths = spf_paths(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(paths.dagster_home))

    assert cli.main(["init", "--home", str(paths.home)]) == 0
    register = paths.reference / "directorates.csv"
    with register.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with register.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "min_alert_severity": "critical"} for row in rows)

    assert cli.main(["run", "--home", str(paths.home)]) == 0

    files = sorted(paths.outbox.glob("*.eml"))
    parsed = [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    digests = [m for m in parsed if m.get_content_type() == "multipart/mixed"]
    assert digests, [m["Subject"] for m in parsed]
    assert all(e.status == SENT for e in entries(AlertStore(paths.state_db)))
    # The demo's rejected return is in its Directorate's digest, with its location.
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        rejected = con.execute(
            "select owner_directorate_code, location from marts.fct_data_quality_issue "
            "where source = 'intake' and severity = 'critical' and is_open"
        ).fetchall()
    finally:
        con.close()
    assert rejected
    owner, location = rejected[0]
    texts = [
        d.get_body(preferencelist=("plain",)).get_content()
        for d in digests
        if d["X-SPF-Owner"] == owner
    ]
    assert len(texts) == 1 and location in texts[0]

    # Only critical issues were mailed; the others are in the register all the same.
    mailed_severities = set()
    for digest in digests:
        [attachment] = list(digest.iter_attachments())
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.get_content())).active
        mailed_severities |= {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert mailed_severities <= {"critical", "critique"} and mailed_severities
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        (not_mailed,) = con.execute(
            "select count(*) from marts.fct_data_quality_issue "
            "where is_open and severity <> 'critical'"
        ).fetchone()
    finally:
        con.close()
    assert not_mailed > 0

    # The issue register is documented in both languages in the BI data dictionary, like the
    # dbt marts (its docs are alerts/issue_mart.yaml, not dbt's): nothing falls back to English.
    published = json.loads((paths.published / "manifest.json").read_text(encoding="utf-8"))
    assert published["missing_fr"] == []
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        (comment,) = con.execute(
            "select comment from duckdb_columns() where schema_name = 'alerts' "
            "and table_name = 'data_quality_issue' and column_name = 'resolved_at'"
        ).fetchone()
    finally:
        con.close()
    assert comment.startswith("First refresh that no longer saw the problem")
