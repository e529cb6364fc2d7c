"""The reference registers: the office's CSV files that say what the plan, the Directorates,
the calendar, the KPIs and the Members are.

Owns the register spec (``registers.yaml``, read by ``spec``), reading and validating the files
(``reader``: every problem located, nothing half-read; seeding missing files from the demo's
samples) and the summary of the registers that judging a file needs (``context``). Loading
them into the warehouse is the warehouse package's job.

Must not import ``ingestion.returns``, ``ingestion.statistics``, ``dagster``, ``duckdb``.
"""
