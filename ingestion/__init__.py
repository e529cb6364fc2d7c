"""Intake: every input file judged whole, kept, recorded and loaded, in plain Python.

Owns the inboxes, the judging loop (``intake``: the same for every kind of file), the message
catalogue (``messages``), findings and their reports, and the data home's paths. Each kind of
file is a package that implements ``kinds.FileKind``: ``returns`` and ``statistics``; adding a
kind means adding a package and one line in ``kinds``, not editing the loop. Beside them:
``registers`` (the reference CSV files), ``xlsx`` (workbook safety, inspection and writing),
``state`` (the file registry in SQLite, the one thing not derived from the originals) and
``warehouse`` (the one place that opens the warehouse, its tables and the loader).

Must not import: ``dagster`` (orchestration wires this package, never the other way round),
``publication``, ``alerts``. ``returns`` and ``statistics`` never import each other. The rules are
written once, in ``tests/test_import_boundaries.py``.
"""
