"""The reference register spec (``registers.yaml``) as typed Python objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SPEC_PATH = Path(__file__).parent / "registers.yaml"


@dataclass(frozen=True)
class RegisterColumn:
    name: str
    type: str
    required: bool
    values: tuple[str, ...] = ()
    references: str | None = None
    min: float | None = None
    max: float | None = None
    description: str = ""
    # Value stored when the field is empty (or the column absent); None keeps it empty.
    default: str | int | float | bool | None = None
    # A column added in a later version: a register file written before may lack it entirely.
    may_be_absent: bool = False


@dataclass(frozen=True)
class RegisterSpec:
    name: str
    key: tuple[str, ...]
    columns: tuple[RegisterColumn, ...]
    description: str = ""
    # Groups of columns that are filled together or left empty together (e.g. quiet hours).
    together: tuple[tuple[str, ...], ...] = ()

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> RegisterColumn:
        return next(c for c in self.columns if c.name == name)


@cache
def load_register_specs(path: Path = SPEC_PATH) -> tuple[RegisterSpec, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        RegisterSpec(
            name=name,
            key=tuple(body["key"]),
            description=body.get("description", ""),
            together=tuple(tuple(group) for group in body.get("together", ())),
            columns=tuple(
                RegisterColumn(**{**c, "values": tuple(c.get("values", ()))})
                for c in body["columns"]
            ),
        )
        for name, body in raw["registers"].items()
    )
