"""Orchestration: how the plain-Python parts run in Dagster, and the ``spf`` command.

- ``definitions`` — the code location (``workspace.yaml``): thin, builds ``Definitions`` from
  ``defs``.
- ``defs/`` — Dagster definitions only: assets (by business group), jobs, sensors, resources and
  the asset selection of a scoped refresh. Each asset calls ``ingestion``, dbt, ``publication``
  or ``alerts``; none holds business rules.
- ``refresh_policy`` — plain Python: which inputs a refresh must take in (the sensor and
  ``spf run`` ask it the same question).
- ``cli/`` — the ``spf`` command-line tool (tooling: runs the same job in-process).
- ``lib/`` — adaptations of Dagster internals, each pinned to the Dagster version it was
  checked against and guarded by a test (``tests/test_dagster_adaptations.py``).

Only ``defs/resources`` opens the warehouse (through ``dagster-duckdb``); the rest receives
connections.
"""
