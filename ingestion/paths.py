"""Every path the platform reads or writes, derived from ``SPF_HOME`` in one place.

``SPF_HOME`` defaults to ``./data`` and is resolved to an absolute path once, then written back
to the environment: dbt runs from its own folder and its profile reads the same variable, so a
relative value would point it at another warehouse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SPF_HOME_ENV = "SPF_HOME"
DEFAULT_SPF_HOME = "data"


@dataclass(frozen=True)
class SpfPaths:
    """The folders and files under one data home."""

    home: Path

    @property
    def reference(self) -> Path:
        return self.home / "reference"

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def inbox_returns(self) -> Path:
        return self.inbox / "returns"

    @property
    def inbox_statistics(self) -> Path:
        return self.inbox / "statistics"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def warehouse_dir(self) -> Path:
        return self.home / "warehouse"

    @property
    def warehouse(self) -> Path:
        return self.warehouse_dir / "spf.duckdb"

    @property
    def published(self) -> Path:
        return self.home / "published"

    @property
    def outbox(self) -> Path:
        return self.home / "outbox"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def state_dir(self) -> Path:
        return self.home / "state"

    @property
    def state_db(self) -> Path:
        return self.state_dir / "state.sqlite"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def run_output_log(self) -> Path:
        """What the last `spf run` printed besides its summary (dbt's progress, for one)."""
        return self.logs / "spf-run.log"

    @property
    def templates(self) -> Path:
        """Created on demand, when templates are first written."""
        return self.home / "templates"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    def inbox_for(self, kind: str) -> Path:
        return self.inbox / kind

    def all_dirs(self) -> list[Path]:
        return [
            self.reference,
            self.inbox_returns,
            self.inbox_statistics,
            self.archive,
            self.quarantine,
            self.warehouse_dir,
            self.published,
            self.outbox,
            self.reports,
            self.state_dir,
            self.dagster_home,
        ]


def spf_paths(home: str | os.PathLike[str] | None = None) -> SpfPaths:
    """Resolve the data home (argument, else ``$SPF_HOME``, else ``./data``) to absolute paths.

    The resolved value is exported so that child processes (dbt, the Dagster daemon) agree.
    """
    raw = home if home is not None else os.environ.get(SPF_HOME_ENV, DEFAULT_SPF_HOME)
    resolved = Path(raw).expanduser().resolve()
    os.environ[SPF_HOME_ENV] = str(resolved)
    return SpfPaths(resolved)
