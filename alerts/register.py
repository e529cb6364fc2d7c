"""The register of quality issues: collected from the warehouse, reconciled into the state DB.

Every problem the platform knows about becomes one issue with a stable fingerprint, an owner
(the Directorate that can fix it, or the office, ``SPF``), a severity, a rule, a location and an
EN/FR message and fix. Sources:

- file intake (rejections and warnings, including the Great Expectations results, which are
  intake findings here): ``raw.intake_findings`` of the latest file per Directorate, period and
  kind, so a corrected resubmission resolves the findings of the file it replaces;
- dbt data tests that store failures (schema ``dbt_test_failures``): one issue per failing row
  when the rows name a Directorate, else one issue per test for the office;
- the return cycle (``marts.fct_return_submission``): an expected return missing after its
  deadline (critical) or accepted late (info).

The register lives in SQLite (``alerts.state``) so first-seen dates survive a rebuilt warehouse;
an issue not seen in the latest refresh gets ``resolved_at``, and one seen again is reopened.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from alerts.settings import BRUSSELS, OFFICE
from alerts.state import AlertStore, iso, parse
from ingestion.display import safe_name
from ingestion.messages import Text, fix, message
from ingestion.returns.file_name import named_in_file_name
from ingestion.warehouse.connection import Connection

INTAKE = "intake"
DBT_TEST = "dbt_test"
RETURN_CYCLE = "return_cycle"
DBT_FAILURES_SCHEMA = "dbt_test_failures"
OWNER_COLUMNS = ("directorate_code", "owner_directorate_code")
ISSUE_TABLE = "alerts.data_quality_issue"  # the copy of the register in the warehouse
ISSUE_VIEW = "marts.fct_data_quality_issue"  # what BI reads

# The contract and bilingual docs of marts.fct_data_quality_issue (also read by publication).
ISSUE_DOC: dict = yaml.safe_load(
    Path(__file__).with_name("issue_mart.yaml").read_text(encoding="utf-8")
)
ISSUE_COLUMNS: tuple[tuple[str, str, str], ...] = tuple(
    (name, spec["data_type"], spec["description"]) for name, spec in ISSUE_DOC["columns"].items()
)


@dataclass(frozen=True)
class Issue:
    """One problem as seen in the current refresh."""

    owner_code: str
    source: str
    severity: str
    rule: str
    location: str
    object_key: str
    message: Text
    fix: Text

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.owner_code, self.location, self.object_key)


@dataclass(frozen=True)
class IssueRecord:
    """One issue of the register, with its history."""

    fingerprint: str
    owner_code: str
    source: str
    severity: str
    rule: str
    location: str
    object_key: str
    message: Text
    fix: Text
    first_seen_at: datetime
    last_seen_at: datetime
    resolved_at: datetime | None
    notified_at: datetime | None
    resolution_notified_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class Reconciliation:
    new: int
    reopened: int
    resolved: int
    open: int


def fingerprint(rule: str, owner: str, location: str, key: str) -> str:
    """Deterministic id of an issue: the same problem gets the same id in every run."""
    return hashlib.sha256(f"{rule}|{owner}|{location}|{key}".encode()).hexdigest()


def _has_table(con: Connection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def _intake_issues(con: Connection) -> list[Issue]:
    rows = con.execute(
        """
        with files as (
            select
                *,
                row_number() over (
                    partition by kind, coalesce(directorate_code, ''),
                        coalesce(period_code, original_name)
                    order by received_at desc, file_id desc
                ) as recency_rank
            from raw.file_registry
        )
        select
            files.kind, files.directorate_code, files.period_code, files.original_name,
            findings.severity, findings.rule, coalesce(findings.sheet_name, ''),
            coalesce(findings.cell, ''), findings.message_en, findings.message_fr,
            findings.fix_en, findings.fix_fr
        from raw.intake_findings as findings
        inner join files on findings.file_id = files.file_id
        where files.recency_rank = 1
        order by files.file_id, findings.rule, findings.sheet_name, findings.cell
        """
    ).fetchall()
    known = (
        {
            r[0]
            for r in con.execute("select directorate_code from reference.directorates").fetchall()
        }
        if _has_table(con, "reference", "directorates")
        else set()
    )
    issues = []
    for kind, directorate, period, name, severity, rule, sheet, cell, *texts in rows:
        # Statistics are the office's to chase with Members; unattributed files too, unless the
        # file name follows the convention (a damaged return reaches the Directorate it names).
        named, _ = named_in_file_name(name) if kind == "returns" else (None, None)
        owners = [directorate] if kind == "returns" and directorate else [OFFICE]
        if named in known and (directorate is None or rule == "file_name_directorate"):
            owners = [named] if directorate is None else [directorate, named]
        where = f"{sheet}!{cell}" if sheet and cell else sheet
        location = f"{safe_name(name)} › {where}" if where else safe_name(name)
        # The key names the period, not the file, so a resubmission repeating the mistake keeps
        # the issue (and its first-seen date) instead of opening a new one.
        key = f"{kind}|{directorate or ''}|{period or name}|{sheet}|{cell}"
        message_en, message_fr, fix_en, fix_fr = (t or "" for t in texts)
        issues.extend(
            Issue(
                owner_code=owner,
                source=INTAKE,
                severity=severity if severity in ("critical", "warning") else "warning",
                rule=rule,
                location=location,
                object_key=key,
                message=Text(message_en, message_fr),
                fix=Text(fix_en, fix_fr),
            )
            for owner in owners
        )
    return issues


def _dbt_test_issues(con: Connection) -> list[Issue]:
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = ? "
            "order by table_name",
            [DBT_FAILURES_SCHEMA],
        ).fetchall()
    ]
    issues = []
    for table in tables:
        cursor = con.execute(f'select * from {DBT_FAILURES_SCHEMA}."{table}"')
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        if not rows:
            continue
        owner_column = next((c for c in OWNER_COLUMNS if c in columns), None)
        location = f"{DBT_FAILURES_SCHEMA}.{table}"
        if owner_column is None:
            detail = f" ({len(rows)} row(s))"
            issues.append(_dbt_issue(OFFICE, table, location, "", detail))
            continue
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            owner = record[owner_column] or OFFICE
            key = json.dumps(record, sort_keys=True, default=str)
            shown = ", ".join(f"{k}={v}" for k, v in record.items() if v is not None)
            issues.append(_dbt_issue(str(owner), table, location, key, f" ({shown})"))
    return issues


def _dbt_issue(owner: str, table: str, location: str, key: str, detail: str) -> Issue:
    return Issue(
        owner_code=owner,
        source=DBT_TEST,
        severity="warning",
        rule=table,
        location=location,
        object_key=key,
        message=message("dbt_test_failed", test=table, detail=detail),
        fix=fix("dbt_test_failed"),
    )


# The location of a return-cycle issue (kept as is: it is part of the issue's fingerprint);
# e-mails show it in words ("your return for Q1 2026-27").
RETURN_LOCATION = "marts.fct_return_submission › "


def _deadline_text(deadline_utc: datetime) -> str:
    return deadline_utc.replace(tzinfo=UTC).astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")


def _return_issues(con: Connection) -> list[Issue]:
    rows = con.execute(
        """
        select directorate_code, period_code, return_deadline_utc, submission_status
        from marts.fct_return_submission
        where
            (submission_status = 'missing' and is_expected)
            or (submission_status = 'accepted' and is_on_time = false)
        order by directorate_code, period_code
        """
    ).fetchall()
    issues = []
    for directorate, period, deadline, status in rows:
        rule = "return_missing" if status == "missing" else "return_late"
        params = {"period": period, "deadline": _deadline_text(deadline)}
        issues.append(
            Issue(
                owner_code=directorate,
                source=RETURN_CYCLE,
                severity="critical" if status == "missing" else "info",
                rule=rule,
                location=f"{RETURN_LOCATION}{directorate}|{period}",
                object_key=f"{directorate}|{period}",
                message=message(rule, **params),
                fix=fix(rule, **params),
            )
        )
    return issues


def collect_issues(con: Connection) -> tuple[list[Issue], set[str]]:
    """Every issue visible in the warehouse, and the sources that could be read.

    A source whose tables do not exist yet (a first run that stopped early) is left out of the
    second set, so its open issues are not resolved by mistake.
    """
    issues: list[Issue] = []
    sources: set[str] = set()
    if _has_table(con, "raw", "intake_findings") and _has_table(con, "raw", "file_registry"):
        issues += _intake_issues(con)
        sources.add(INTAKE)
    issues += _dbt_test_issues(con)
    sources.add(DBT_TEST)
    if _has_table(con, "marts", "fct_return_submission"):
        issues += _return_issues(con)
        sources.add(RETURN_CYCLE)
    unique = {issue.fingerprint: issue for issue in reversed(issues)}
    return [unique[fp] for fp in dict.fromkeys(i.fingerprint for i in issues)], sources


def reconcile(
    store: AlertStore, issues: list[Issue], sources: set[str], now: datetime
) -> Reconciliation:
    """Merge one refresh's issues into the register in one transaction.

    New issues get ``first_seen_at = now``; known ones keep it and get ``last_seen_at = now``;
    an open issue of a read source that was not seen is resolved; a resolved one seen again is
    reopened as new (so it is notified again).
    """
    stamp = iso(now)
    new = reopened = resolved = 0
    seen = {issue.fingerprint for issue in issues}
    with store.connect() as con:
        known = {
            r["fingerprint"]: r["resolved_at"]
            for r in con.execute("select fingerprint, resolved_at from alert_issues")
        }
        for issue in issues:
            values = (
                issue.owner_code,
                issue.source,
                issue.severity,
                issue.rule,
                issue.location,
                issue.object_key,
                issue.message.en,
                issue.message.fr,
                issue.fix.en,
                issue.fix.fr,
            )
            if issue.fingerprint not in known:
                new += 1
                con.execute(
                    "insert into alert_issues values "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null)",
                    (issue.fingerprint, *values, stamp, stamp),
                )
                continue
            reopen = known[issue.fingerprint] is not None
            reopened += reopen
            con.execute(
                "update alert_issues set owner_code = ?, source = ?, severity = ?, rule = ?, "
                "location = ?, object_key = ?, message_en = ?, message_fr = ?, fix_en = ?, "
                "fix_fr = ?, last_seen_at = ? where fingerprint = ?",
                (*values, stamp, issue.fingerprint),
            )
            if reopen:
                con.execute(
                    "update alert_issues set resolved_at = null, notified_at = null, "
                    "resolution_notified_at = null where fingerprint = ?",
                    (issue.fingerprint,),
                )
        for fp in [fp for fp, resolved_at in known.items() if resolved_at is None]:
            if fp in seen:
                continue
            row = con.execute(
                "select source from alert_issues where fingerprint = ?", (fp,)
            ).fetchone()
            if row["source"] in sources:
                resolved += 1
                con.execute(
                    "update alert_issues set resolved_at = ? where fingerprint = ?", (stamp, fp)
                )
        still_open = con.execute(
            "select count(*) from alert_issues where resolved_at is null"
        ).fetchone()[0]
    return Reconciliation(new=new, reopened=reopened, resolved=resolved, open=still_open)


def _record(row) -> IssueRecord:
    return IssueRecord(
        fingerprint=row["fingerprint"],
        owner_code=row["owner_code"],
        source=row["source"],
        severity=row["severity"],
        rule=row["rule"],
        location=row["location"],
        object_key=row["object_key"],
        message=Text(row["message_en"], row["message_fr"]),
        fix=Text(row["fix_en"], row["fix_fr"]),
        first_seen_at=parse(row["first_seen_at"]),
        last_seen_at=parse(row["last_seen_at"]),
        resolved_at=parse(row["resolved_at"]),
        notified_at=parse(row["notified_at"]),
        resolution_notified_at=parse(row["resolution_notified_at"]),
    )


def issue_records(store: AlertStore) -> list[IssueRecord]:
    """The whole register, in a stable order (owner, severity, rule, location)."""
    with store.connect() as con:
        rows = con.execute(
            "select * from alert_issues order by owner_code, rule, location, fingerprint"
        ).fetchall()
    return [_record(r) for r in rows]


def refresh_register(con: Connection, store: AlertStore, now: datetime) -> Reconciliation:
    """Collect, reconcile and expose: the one call the orchestrator makes after `dbt build`."""
    issues, sources = collect_issues(con)
    result = reconcile(store, issues, sources, now)
    write_issue_table(con, issue_records(store))
    return result


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def write_issue_table(con: Connection, records: list[IssueRecord]) -> None:
    """Copy the register to ``alerts.data_quality_issue``, with fixed column types, and expose
    it as the view ``marts.fct_data_quality_issue``.

    Written from Python after `dbt build` because the register's history (first seen, resolved)
    lives in the state DB, which a warehouse rebuild must not lose. It is a view in ``marts``
    over a table of its own schema because, unlike the dbt marts, it is not a pure function of
    the inputs (last seen changes at every refresh).
    """
    body = ", ".join(f"{name} {sql_type}" for name, sql_type, _ in ISSUE_COLUMNS)
    con.execute("create schema if not exists marts")
    con.execute("create schema if not exists alerts")
    con.execute("begin transaction")
    try:
        con.execute(f"create or replace table {ISSUE_TABLE} ({body})")
        con.executemany(
            f"insert into {ISSUE_TABLE} values ({', '.join('?' for _ in ISSUE_COLUMNS)})",
            [
                (
                    r.fingerprint,
                    r.owner_code,
                    r.source,
                    r.severity,
                    r.rule,
                    r.location,
                    r.message.en,
                    r.message.fr,
                    r.fix.en,
                    r.fix.fr,
                    _naive_utc(r.first_seen_at),
                    _naive_utc(r.last_seen_at),
                    _naive_utc(r.resolved_at),
                    r.is_open,
                )
                for r in records
            ],
        )
        for name, _, description in ISSUE_COLUMNS:
            escaped = description.replace("'", "''")
            con.execute(f"comment on column {ISSUE_TABLE}.{name} is '{escaped}'")
        con.execute(f"create or replace view {ISSUE_VIEW} as select * from {ISSUE_TABLE}")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
