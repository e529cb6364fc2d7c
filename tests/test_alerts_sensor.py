"""The run-failure sensor: a real failing run on a real Dagster instance alerts the steward once.

A job whose op raises is executed on a temporary Dagster instance (real run and event storage);
the sensor `alert_steward_on_run_failure` is then evaluated the way the daemon evaluates it
(a tick reading the instance's event log from its cursor), with SMTP configured from the
environment against the loopback server (STARTTLS; the test CA is trusted through
SSL_CERT_FILE, which Python's default TLS context reads). Evaluating it again, by the next
tick or by a retry of the same failure event, sends nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from alerts.outbox import SENT, entries
from alerts.state import AlertStore
from dagster_project.defs.assets.alerts import alert_steward_on_run_failure
from dagster_project.defs.resources import SpfHomeResource
from ingestion.paths import spf_paths
from tests.smtp_server import LoopbackSmtp

STEWARD = "steward@example.org"
ROOT_ERROR = "dbt build failed: 3 models errored"


@dg.op
def build_marts() -> None:
    raise RuntimeError(ROOT_ERROR)


@dg.job
def nightly_refresh() -> None:
    build_marts()


@pytest.fixture
def smtp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackSmtp]:
    server = LoopbackSmtp()
    server.start()
    ca_file = tmp_path / "test-ca.pem"
    server.ca.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    for name, value in {
        "SPF_SMTP_HOST": "127.0.0.1",
        "SPF_SMTP_PORT": str(server.port),
        "SPF_SMTP_SECURITY": "starttls",
        "SPF_SMTP_FROM": "spf@example.org",
        "SPF_STEWARD_EMAIL": STEWARD,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SPF_SMTP_USER", raising=False)
    yield server
    server.stop()


def test_a_failed_run_alerts_the_steward_once_with_its_error(tmp_path, smtp):
    paths = spf_paths(tmp_path / "home")
    resources = {"spf_home": SpfHomeResource(home=str(paths.home))}
    defs = dg.Definitions(
        jobs=[nightly_refresh], sensors=[alert_steward_on_run_failure], resources=resources
    )
    repository = defs.get_repository_def()
    sensor = repository.get_sensor_def("alert_steward_on_run_failure")

    def tick(instance: dg.DagsterInstance, cursor: str | None) -> str | None:
        context = dg.build_sensor_context(
            instance=instance, repository_def=repository, cursor=cursor, resources=resources
        )
        return sensor.evaluate_tick(context).cursor

    with dg.instance_for_test() as instance:
        cursor = tick(instance, None)  # the sensor starts watching
        result = nightly_refresh.execute_in_process(instance=instance, raise_on_error=False)
        assert not result.success
        cursor = tick(instance, cursor)
        [alert] = smtp.messages
        run_id = result.dagster_run.run_id
        assert alert["To"] == STEWARD
        assert alert["Subject"] == "[SPF] Run failed: nightly_refresh"
        text = alert.get_body(preferencelist=("plain",)).get_content()
        assert run_id in text
        assert f"build_marts: RuntimeError: {ROOT_ERROR}" in text
        assert ROOT_ERROR in alert.get_body(preferencelist=("html",)).get_content()

        tick(instance, cursor)  # the next tick: nothing new
        # The daemon evaluating the same failure again (a crash before it saved its cursor).
        failure = dg.build_run_status_sensor_context(
            sensor_name="alert_steward_on_run_failure",
            dagster_event=result.get_run_failure_event(),
            dagster_instance=instance,
            dagster_run=result.dagster_run,
            resources=resources,
        ).for_run_failure()
        alert_steward_on_run_failure(failure)

    assert len(smtp.messages) == 1
    [entry] = entries(AlertStore(paths.state_db))
    assert entry.status == SENT and entry.attempts == 1 and entry.event_type == "run_failure"
