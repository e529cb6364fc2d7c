"""Run an expectation suite on a pandas frame and report failing rows.

Great Expectations is imported here, lazily, on first use: importing it costs seconds, and the
Dagster code location must load without it. One ephemeral context is built per process and
reused. Frames are indexed by source row number, so GX's ``unexpected_index_list`` tells us
which spreadsheet rows broke a rule.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@dataclass(frozen=True)
class Rule:
    """One expectation and how a failure of it is reported."""

    expectation: str  # GX expectation class name, e.g. "ExpectColumnValuesToBeInSet"
    kwargs: dict[str, Any]
    rule: str  # message catalogue key
    severity: str  # "critical" rejects the file, "warning" is recorded
    report_column: str | None = None  # the column named in the finding, if not the one checked


@dataclass(frozen=True)
class RuleFailure:
    rule: Rule
    column: str | None
    rows: tuple[int, ...]


@cache
def _batch_definition() -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("spf_frames")
    return source.add_dataframe_asset("frame").add_batch_definition_whole_dataframe("whole")


def validate_frame(frame: pd.DataFrame, rules: list[Rule], suite_name: str) -> list[RuleFailure]:
    """Validate ``frame`` against ``rules``; return one failure per broken rule with its rows."""
    if frame.empty or not rules:
        return []
    import great_expectations as gx

    batch_definition = _batch_definition()  # also makes the context active
    suite = gx.ExpectationSuite(name=suite_name)
    for position, rule in enumerate(rules):
        expectation_class = getattr(gx.expectations, rule.expectation)
        meta = {"rule": rule.rule, "severity": rule.severity, "position": position}
        suite.add_expectation(expectation_class(**rule.kwargs, meta=meta))
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    failures = []
    # GX does not return results in suite order: each carries the position it was added at.
    by_position = sorted(result.results, key=lambda r: r.expectation_config.meta["position"])
    for rule, item in zip(rules, by_position, strict=True):
        if item.success:
            continue
        if item.exception_info and item.exception_info.get("raised_exception"):
            raise RuntimeError(
                f"expectation {rule.expectation} on {suite_name} could not run: "
                f"{item.exception_info.get('exception_message')}"
            )
        rows = tuple(int(i) for i in item.result.get("unexpected_index_list") or ())
        column = rule.report_column or rule.kwargs.get("column")
        failures.append(RuleFailure(rule=rule, column=column, rows=rows))
    return failures
