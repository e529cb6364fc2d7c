"""Adaptations of Dagster's private APIs, each pinned to a version and guarded by a test.

``CHECKED_AGAINST`` is the Dagster version they were read against; the guard test fails when
the installed version differs or when a private name they override or rely on disappears.
"""

CHECKED_AGAINST = "1.13.27"
