"""The quarterly briefing book: the Strategic Plan report rendered from the published release.

Four editions (management, audit, finance, members), each in English and French, as a
self-contained HTML file and a PDF made from the same HTML. Everything is read from
``$SPF_HOME/published`` (the internal release, or the Members' release for the Members'
edition), never from the live warehouse; every text comes from ``briefing.catalogue``.
Plain Python: Dagster (``dagster_project/assets/reports.py``) and the CLI (``spf report``)
only call ``briefing.render.render_reports``.
"""

EDITIONS = ("management", "audit", "finance", "members")
LANGUAGES = ("en", "fr")
