"""Quarterly returns of the Directorates: the workbook layout and everything made from it.

Owns the layout spec (``return_layout.yaml``, read by ``layout``), the parser and cell typing
(``parser``, ``column_values``, ``cell_values``), the judgement of a batch of returns
(``assessment``), the return cycle's decisions (``cycle``: closing periods, approving held
returns), the submission matrix, and the templates generated from the same layout
(``templates``, with last quarter's values read through the warehouse package). ``kind``
exposes it to intake as a ``FileKind``.

Must not import ``ingestion.statistics``, ``dagster``, ``duckdb`` (the warehouse is reached
through ``ingestion.warehouse``).
"""
