"""The state database (``state/state.sqlite``): what no original file can give back.

Owns the SQLite connection helper (``database``) and the file registry (``registry``: every
file's outcome, sightings, findings, intake runs, the steward's decisions). The alerts' tables
use the same helper.

Must not import ``ingestion.returns``, ``ingestion.statistics``, ``dagster``, ``duckdb``.
"""
