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
    """Validate ``frame`` against ``rules``; return one failure per broken rule with its rows.

    Two passes, because what GX costs is mostly per expectation and per metric, not per row:
    first every rule with ``BOOLEAN_ONLY`` (pass or fail: three metrics each), then, only if
    some failed, those rules again with ``COMPLETE`` to learn which rows broke them. A valid
    file, the usual case, pays for the first pass only; every rule is run by GX either way."""
    if frame.empty or not rules:
        return []
    outcomes = _validate(frame, rules, suite_name, "BOOLEAN_ONLY")
    broken = [rule for rule, item in zip(rules, outcomes, strict=True) if not item.success]
    if not broken:
        return []
    failures = []
    for rule, item in zip(broken, _validate(frame, broken, suite_name, "COMPLETE"), strict=True):
        if item.success:  # cannot happen (same rule, same frame): never report it silently
            raise RuntimeError(f"expectation {rule.expectation} on {suite_name} changed outcome")
        rows = tuple(int(i) for i in item.result.get("unexpected_index_list") or ())
        column = rule.report_column or rule.kwargs.get("column")
        failures.append(RuleFailure(rule=rule, column=column, rows=rows))
    return failures


def _validate(
    frame: pd.DataFrame, rules: list[Rule], suite_name: str, result_format: str
) -> list[Any]:
    """GX results of ``rules`` on ``frame``, in the order of ``rules``."""
    import great_expectations as gx

    batch_definition = _batch_definition()  # also makes the context active
    suite = gx.ExpectationSuite(name=suite_name)
    for position, rule in enumerate(rules):
        expectation_class = getattr(gx.expectations, rule.expectation)
        meta = {"rule": rule.rule, "severity": rule.severity, "position": position}
        suite.add_expectation(expectation_class(**rule.kwargs, meta=meta))
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, result_format={"result_format": result_format})
    # GX does not return results in suite order: each carries the position it was added at.
    ordered = sorted(result.results, key=lambda r: r.expectation_config.meta["position"])
    for rule, item in zip(rules, ordered, strict=True):
        if item.exception_info and item.exception_info.get("raised_exception"):
            raise RuntimeError(
                f"expectation {rule.expectation} on {suite_name} could not run: "
                f"{item.exception_info.get('exception_message')}"
            )
    return ordered
