"""Publication settings, from the environment (the steward's ``.env`` or the Dagster instance).

Environment variables, so that the PostgreSQL password never lands in a file of the repository
or of the release.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from publication.audiences import DEFAULT_AUDIENCES_FILE
from publication.schema_guard import DEFAULT_ACKNOWLEDGED_FILE

DEFAULT_KEEP_RELEASES = 5


@dataclass(frozen=True)
class PublicationSettings:
    postgres_url: str | None = None  # SPF_PUBLISH_POSTGRES_URL: enables PostgreSQL
    postgres_lock_timeout_ms: int = 5000  # SPF_PUBLISH_POSTGRES_LOCK_TIMEOUT_MS
    postgres_reader_role: str | None = None  # SPF_PUBLISH_POSTGRES_READER_ROLE: granted SELECT
    postgres_bi_server: str | None = None  # SPF_PUBLISH_POSTGRES_BI_SERVER: host:port in .pbids
    keep_releases: int = DEFAULT_KEEP_RELEASES  # SPF_PUBLISH_KEEP_RELEASES (at least 2)
    audiences_file: Path = DEFAULT_AUDIENCES_FILE
    acknowledged_file: Path = DEFAULT_ACKNOWLEDGED_FILE

    @classmethod
    def from_env(cls) -> PublicationSettings:
        env = os.environ
        return cls(
            postgres_url=env.get("SPF_PUBLISH_POSTGRES_URL") or None,
            postgres_lock_timeout_ms=int(env.get("SPF_PUBLISH_POSTGRES_LOCK_TIMEOUT_MS", "5000")),
            postgres_reader_role=env.get("SPF_PUBLISH_POSTGRES_READER_ROLE") or None,
            postgres_bi_server=env.get("SPF_PUBLISH_POSTGRES_BI_SERVER") or None,
            keep_releases=max(2, int(env.get("SPF_PUBLISH_KEEP_RELEASES", DEFAULT_KEEP_RELEASES))),
        )
