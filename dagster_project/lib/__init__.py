"""Adaptations of Dagster's private APIs, each pinned to a version and guarded by a test.

Each module lists in ``RELIES_ON`` the private members it overrides or relies on, with a digest
of their source in the versions below; ``tests/test_dagster_adaptations.py`` fails when the
installed versions differ or when any of those members changed, so that an upgrade is a
deliberate review of these files, not a silent change of behaviour.
"""

CHECKED_AGAINST = {"dagster": "1.13.27", "dagster-dbt": "0.29.27"}
