"""The dbt CLI resource, without two costs dagster-dbt pays before every dbt invocation.

dagster-dbt learns the dbt version by running `dbt --version` (a second Python process
importing dbt, about 3 seconds), and builds an in-process dbt adapter, loading every macro of
the project (1–4 seconds), which it needs only to fetch row counts or column metadata from the
warehouse (`.fetch_row_counts()`, `.fetch_column_metadata()`), which we do not ask for: the
row counts of the marts are recorded by publication. When the dbt executable is the one
installed beside this interpreter (the project's environment), its version is read from the
installed dbt-core package's metadata, and no adapter is built.

Both are private members of dagster-dbt's `DbtCliResource`. Checked against dagster-dbt
0.29.27 (Dagster 1.13.27): `RELIES_ON` holds a digest of the source of each member it overrides
and of `cli`, which calls them; `tests/test_dagster_adaptations.py` fails when an upgrade
changes any of them.
"""

import sys
from collections.abc import Sequence
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from dagster_dbt import DbtCliResource
from packaging import version

# Private members of dagster-dbt this class overrides, and the method that calls them -> SHA-256
# (16 hex digits) of their source in the version it was checked against.
RELIES_ON = {
    "DbtCliResource._cli_version": "b06b86a642ba8bcd",
    "DbtCliResource._initialize_dbt_core_adapter": "f033303d9d777bff",
    "DbtCliResource.cli": "a9ca99daf92597e3",
}


class SpfDbtCliResource(DbtCliResource):
    def _is_project_dbt(self) -> bool:
        return Path(self.dbt_executable) == Path(sys.executable).parent / "dbt"

    @cached_property
    def _cli_version(self) -> version.Version:
        if self._is_project_dbt():
            return version.parse(metadata.version("dbt-core"))
        return super()._cli_version

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> Any:
        if self._is_project_dbt():
            return None  # dagster-dbt runs without one: no metadata fetched from the warehouse
        return super()._initialize_dbt_core_adapter(args)
