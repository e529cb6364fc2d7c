"""The steward's decisions in the UI: a mistyped value fails with the valid values listed and
changes nothing, the steward's e-mail says so, and a decision recorded starts a refresh."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

import dagster as dg

from alerts.delivery import EmlTransport, deliver_pending
from alerts.dispatch import queue_run_failure
from alerts.settings import settings_from_env
from alerts.state import AlertStore
from dagster_project.constants import REFRESH_JOB
from dagster_project.definitions import build_definitions
from dagster_project.defs.refresh_scope import SCOPE_TAG
from ingestion.paths import SpfPaths
from ingestion.state.registry import StateStore

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _decide(home: SpfPaths, job: str, config: dict[str, object]) -> dg.ExecuteInProcessResult:
    definitions = build_definitions(str(home.home))
    op = next(iter(definitions.resolve_job_def(job).graph.node_dict))
    return definitions.resolve_job_def(job).execute_in_process(
        run_config={"ops": {op: {"config": config}}}, raise_on_error=False
    )


def _failure(result: dg.ExecuteInProcessResult) -> str:
    [event] = [e for e in result.all_events if e.is_step_failure]
    return event.step_failure_data.user_failure_data.description  # type: ignore[union-attr]


def test_a_mistyped_decision_lists_the_valid_values_and_changes_nothing(home: SpfPaths) -> None:
    result = _decide(home, "close_period", {"period": "2025-26-Q9", "by": "A. Steward"})
    assert not result.success
    text = _failure(result)
    assert "'2025-26-Q9' is not in the reporting calendar" in text
    assert "Nothing was changed" in text and "2025-26-Q1" in text
    assert StateStore(home.state_db).closed_periods() == set()
    result = _decide(home, "approve_return", {"file": "nothing_held.xlsx", "by": "A. Steward"})
    assert "Returns held for approval now: none." in _failure(result)
    assert _decide(home, "close_period", {"period": "2025-26-Q1", "by": "A. Steward"}).success
    assert StateStore(home.state_db).closed_periods() == {"2025-26-Q1"}


def test_the_steward_is_told_that_a_failed_decision_changed_nothing(tmp_path) -> None:
    store = AlertStore(tmp_path / "state.sqlite")
    settings = settings_from_env({"SPF_STEWARD_EMAIL": "steward@example.org"})
    key = queue_run_failure(
        store, settings, "close_period", "run-1", "period unknown", NOW, decision=True
    )
    deliver_pending(store, EmlTransport(tmp_path / "outbox"), settings.sender, NOW, only_keys={key})
    [eml] = list((tmp_path / "outbox").glob("*.eml"))
    body = message_from_bytes(eml.read_bytes(), policy=policy.default).get_body(("plain",))
    text = body.get_content()  # type: ignore[union-attr]
    assert "nothing changed" in text and "period unknown" in text
    assert "digest" not in text


def test_a_recorded_decision_starts_a_full_refresh(home: SpfPaths) -> None:
    definitions = build_definitions(str(home.home))
    sensor = definitions.resolve_sensor_def("refresh_after_decision")
    assert isinstance(sensor, dg.RunStatusSensorDefinition)
    result = _decide(home, "close_period", {"period": "2025-26-Q1", "by": "A. Steward"})
    with dg.instance_for_test() as instance:
        context = dg.build_run_status_sensor_context(
            sensor_name=sensor.name,
            dagster_instance=instance,
            dagster_run=result.dagster_run,
            dagster_event=next(
                e for e in result.all_events if e.event_type == dg.DagsterEventType.RUN_SUCCESS
            ),
        )
        request = sensor(context)
    assert isinstance(request, dg.RunRequest)
    assert request.tags[SCOPE_TAG] == "everything" and "close_period" in str(request.tags)
    assert sensor.job_name == REFRESH_JOB
