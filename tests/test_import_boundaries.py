"""The package boundaries of the layout, written once and checked on every module's imports.

Every import is read from the source (lazy imports inside functions too), so a boundary holds
whether or not the module is imported at run time. A planted violation proves the check fails.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = (
    "ingestion",
    "expectations",
    "publication",
    "alerts",
    "dagster_project",
    "demo",
    "tools",
)
KINDS = ("ingestion.returns", "ingestion.statistics")


@dataclass(frozen=True)
class Boundary:
    """Modules under ``within`` (except those under ``unless``) must not import ``forbidden``."""

    why: str
    within: tuple[str, ...]
    forbidden: tuple[str, ...]
    unless: tuple[str, ...] = ()


BOUNDARIES = (
    Boundary(
        "ingestion is plain Python: orchestration wires it, never the other way round",
        ("ingestion",),
        ("dagster", "dagster_dbt", "dagster_duckdb", "dagster_project"),
    ),
    Boundary("ingestion does not know who reads the warehouse", ("ingestion",), ("publication",)),
    Boundary("ingestion does not know who reads the warehouse", ("ingestion",), ("alerts",)),
    Boundary("ingestion does not know who reads the warehouse", ("ingestion",), ("briefing",)),
    Boundary(
        "foresight is plain Python: it receives a warehouse connection and never knows Dagster",
        ("foresight",),
        ("dagster", "dagster_project", "publication", "briefing"),
    ),
    Boundary(
        "the briefing book reads the published release, never the warehouse or the Dagster "
        "instance",
        ("briefing",),
        ("ingestion.warehouse", "dagster", "dagster_project", "publication.release"),
    ),
    Boundary("returns and statistics are independent kinds", ("ingestion.returns",), KINDS[1:]),
    Boundary("returns and statistics are independent kinds", ("ingestion.statistics",), KINDS[:1]),
    Boundary(
        "intake runs one loop for every kind: it reaches them through ingestion.kinds",
        ("ingestion.intake", "ingestion.file_kind", "ingestion.warehouse"),
        KINDS,
    ),
    Boundary(
        "registers, state and workbook handling know nothing of the kinds of file",
        ("ingestion.registers", "ingestion.state", "ingestion.xlsx"),
        (*KINDS, "ingestion.warehouse", "ingestion.intake"),
    ),
    Boundary(
        "the warehouse is opened only by the warehouse package, publication and the Dagster "
        "resources",
        PACKAGES,
        ("duckdb",),
        # the briefing book opens the published serving files (read-only), not the warehouse
        ("ingestion.warehouse", "publication", "dagster_project.defs.resources", "briefing"),
    ),
    Boundary(
        "Dagster's DuckDB resource is used by the definitions only",
        PACKAGES,
        ("dagster_duckdb",),
        ("dagster_project.defs",),
    ),
    Boundary(
        "definitions do not depend on the command-line tool",
        ("dagster_project.defs", "dagster_project.definitions", "dagster_project.lib"),
        ("dagster_project.cli",),
    ),
)


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, module: str) -> set[str]:
    """Every module ``path`` imports, absolute, at any depth of the code."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def violations(root: Path, boundaries: tuple[Boundary, ...] = BOUNDARIES) -> list[str]:
    out = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            module = _module_name(path, root)
            imported = imports_of(path, module)
            for rule in boundaries:
                if not _under(module, rule.within) or _under(module, rule.unless):
                    continue
                for name in sorted(imported):
                    if _under(name, rule.forbidden) and not _under(name, (module,)):
                        out.append(f"{module} imports {name}: {rule.why}")
    return out


def test_the_platform_keeps_its_boundaries() -> None:
    assert violations(REPO) == []


def test_a_planted_violation_is_caught(tmp_path: Path) -> None:
    planted = {
        "ingestion/returns/planted.py": "def f():\n    from ingestion.statistics import kind\n",
        "ingestion/registers/planted.py": "import dagster as dg\n",
        "alerts/planted.py": "import duckdb\n",
        "ingestion/statistics/planted_relative.py": "from ..returns import parser\n",
        "ingestion/intake.py": "from ingestion.kinds import file_kind\n",  # allowed
        "ingestion/warehouse/planted.py": "import duckdb\n",  # allowed
    }
    for name, text in planted.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = sorted(violations(tmp_path))
    assert found == sorted(
        [
            "alerts.planted imports duckdb: the warehouse is opened only by the warehouse package, "
            "publication and the Dagster resources",
            "ingestion.registers.planted imports dagster: ingestion is plain Python: orchestration "
            "wires it, never the other way round",
            "ingestion.returns.planted imports ingestion.statistics: returns and statistics are "
            "independent kinds",
            "ingestion.returns.planted imports ingestion.statistics.kind: returns and statistics "
            "are independent kinds",
            "ingestion.statistics.planted_relative imports ingestion.returns: returns and "
            "statistics are independent kinds",
            "ingestion.statistics.planted_relative imports ingestion.returns.parser: returns and "
            "statistics are independent kinds",
        ]
    ), found
