"""The data dictionary of a release, generated from the dbt documentation (``manifest.json``).

BI developers and analysts in the Secretariat and in Members' administrations need to know, for
each mart, what one row is (the grain), how to join it (keys, relationships) and what every
column means, in English and in French. The dbt project is where this is written once; this
module reads it and writes an HTML page and an Excel workbook beside the data.

French labels and descriptions come from dbt ``meta`` (model: ``label_fr``, ``description_fr``,
``grain``, ``grain_fr``; column: ``label_en``, ``label_fr``, ``description_fr``); when one is
missing the English text stands in and the gap is listed (``missing_fr``) for the dbt owner.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ingestion.xlsx.safety import inert
from publication.marts import MartSchema

_REF = re.compile(r"ref\(\s*['\"]([^'\"]+)['\"]\s*\)")


@dataclass
class ColumnDoc:
    name: str
    type: str
    label_en: str
    label_fr: str
    description_en: str
    description_fr: str
    is_key: bool = False
    references: str = ""  # mart.column this column refers to


@dataclass
class MartDoc:
    name: str
    label_en: str
    label_fr: str
    description_en: str
    description_fr: str
    grain_en: str
    grain_fr: str
    keys: list[str]
    relationships: list[str]
    rows: int
    columns: list[ColumnDoc] = field(default_factory=list)


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def read_dbt_docs(manifest_path: Path) -> dict[str, dict]:
    """Model nodes of the dbt manifest by table name (alias), with the tests attached to them."""
    if not manifest_path.exists():
        return {}
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    models = {
        n["unique_id"]: {**n, "tests": []}
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model"
    }
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("attached_node") in models:
            models[node["attached_node"]]["tests"].append(node)
    return {(n.get("alias") or n["name"]): n for n in models.values()}


def descriptions(nodes: dict[str, dict]) -> dict[str, tuple[str, dict[str, str]]]:
    """``{mart: (description, {column: description})}`` for PostgreSQL comments."""
    return {
        name: (
            _text(node.get("description")),
            {c: _text(spec.get("description")) for c, spec in node.get("columns", {}).items()},
        )
        for name, node in nodes.items()
    }


def build_docs(
    marts: list[MartSchema], nodes: dict[str, dict], rows: dict[str, int]
) -> tuple[list[MartDoc], list[str]]:
    """One MartDoc per published mart, and the list of missing French texts."""
    docs: list[MartDoc] = []
    missing: list[str] = []
    for mart in marts:
        node = nodes.get(mart.name, {})
        meta = {**node.get("meta", {}), **node.get("config", {}).get("meta", {})}
        keys = list(node.get("primary_key") or [])
        relationships: dict[str, str] = {}
        for test in node.get("tests", []):
            metadata = test.get("test_metadata") or {}
            kwargs = metadata.get("kwargs", {})
            if metadata.get("name") == "relationships":
                target = _REF.search(str(kwargs.get("to", "")))
                if target and test.get("column_name"):
                    relationships[test["column_name"]] = f"{target.group(1)}.{kwargs.get('field')}"
            if metadata.get("name") == "unique_combination_of_columns" and not keys:
                keys = list(kwargs.get("combination_of_columns") or [])
        description_en = _text(node.get("description"))
        grain_en = _text(meta.get("grain")) or (
            "One row per " + " × ".join(keys) if keys else description_en.split(". ")[0]
        )
        doc = MartDoc(
            name=mart.name,
            label_en=_text(meta.get("label_en")) or _label(mart.name),
            label_fr=_text(meta.get("label_fr")),
            description_en=description_en,
            description_fr=_text(meta.get("description_fr")),
            grain_en=grain_en,
            grain_fr=_text(meta.get("grain_fr")),
            keys=keys,
            relationships=[f"{c} → {t}" for c, t in sorted(relationships.items())],
            rows=rows.get(mart.name, 0),
        )
        for attr in ("label_fr", "description_fr", "grain_fr"):
            if not getattr(doc, attr):
                missing.append(f"{mart.name} ({attr})")
                setattr(doc, attr, getattr(doc, attr.replace("_fr", "_en")))
        for column in mart.columns:
            spec = node.get("columns", {}).get(column.name, {})
            cmeta = {**spec.get("meta", {}), **spec.get("config", {}).get("meta", {})}
            label_en = _text(cmeta.get("label_en")) or _label(column.name)
            description_en = _text(spec.get("description"))
            label_fr = _text(cmeta.get("label_fr"))
            description_fr = _text(cmeta.get("description_fr"))
            if not label_fr:
                missing.append(f"{mart.name}.{column.name} (label_fr)")
            if not description_fr and description_en:
                missing.append(f"{mart.name}.{column.name} (description_fr)")
            doc.columns.append(
                ColumnDoc(
                    name=column.name,
                    type=column.type,
                    label_en=label_en,
                    label_fr=label_fr or label_en,
                    description_en=description_en,
                    description_fr=description_fr or description_en,
                    is_key=column.name in keys,
                    references=relationships.get(column.name, ""),
                )
            )
        docs.append(doc)
    return docs, missing


MART_HEADERS = [
    "Mart / Table",
    "Label (EN)",
    "Libellé (FR)",
    "Grain (EN)",
    "Granularité (FR)",
    "Keys / Clés",
    "Relationships / Relations",
    "Rows / Lignes",
    "Description (EN)",
    "Description (FR)",
]
COLUMN_HEADERS = [
    "Mart / Table",
    "Column / Colonne",
    "Type",
    "Key / Clé",
    "References / Référence",
    "Label (EN)",
    "Libellé (FR)",
    "Description (EN)",
    "Description (FR)",
]


def _mart_row(doc: MartDoc) -> list[object]:
    return [
        doc.name,
        doc.label_en,
        doc.label_fr,
        doc.grain_en,
        doc.grain_fr,
        ", ".join(doc.keys),
        "; ".join(doc.relationships),
        doc.rows,
        doc.description_en,
        doc.description_fr,
    ]


def _column_row(doc: MartDoc, column: ColumnDoc) -> list[object]:
    return [
        doc.name,
        column.name,
        column.type,
        "yes / oui" if column.is_key else "",
        column.references,
        column.label_en,
        column.label_fr,
        column.description_en,
        column.description_fr,
    ]


def write_xlsx(docs: list[MartDoc], path: Path, title: str) -> None:
    """Two filterable sheets, Marts and Columns; every text cell made inert for Excel."""
    workbook = Workbook()
    marts_sheet = workbook.active
    marts_sheet.title = "Marts"
    columns_sheet = workbook.create_sheet("Columns")
    for sheet, headers, rows in (
        (marts_sheet, MART_HEADERS, [_mart_row(d) for d in docs]),
        (columns_sheet, COLUMN_HEADERS, [_column_row(d, c) for d in docs for c in d.columns]),
    ):
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([inert(value) for value in row])
        sheet.auto_filter.ref = sheet.dimensions
        sheet.freeze_panes = "A2"
        widths = [26, 28, 28, 30, 30, 24, 30, 10, 60, 60]
        for letter, width in zip("ABCDEFGHIJ", widths, strict=False):
            sheet.column_dimensions[letter].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.properties.title = title
    workbook.save(path)


def write_html(docs: list[MartDoc], path: Path, title: str, release_id: str) -> None:
    """A self-contained page: one section per mart, its grain, keys, relationships, columns."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:80em}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;"
        "vertical-align:top;text-align:left}th{background:#eef}.fr{color:#555}"
        "code{background:#f4f4f4}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>Release / Version : <code>{e(release_id)}</code></p>",
        "<ul>",
        *(f'<li><a href="#{e(d.name)}">{e(d.name)}</a> — {e(d.label_en)}</li>' for d in docs),
        "</ul>",
    ]
    for doc in docs:
        parts += [
            f'<h2 id="{e(doc.name)}">{e(doc.name)}</h2>',
            f"<p><b>{e(doc.label_en)}</b> / <span class=fr lang=fr>{e(doc.label_fr)}</span></p>",
            f"<p>{e(doc.description_en)}</p>",
            f"<p class=fr lang=fr>{e(doc.description_fr)}</p>",
            "<dl>",
            f"<dt>Grain / Granularité</dt><dd>{e(doc.grain_en)}<br>"
            f"<span class=fr lang=fr>{e(doc.grain_fr)}</span></dd>",
            f"<dt>Keys / Clés</dt><dd>{e(', '.join(doc.keys) or '—')}</dd>",
            f"<dt>Relationships / Relations</dt><dd>{e('; '.join(doc.relationships) or '—')}</dd>",
            f"<dt>Rows / Lignes</dt><dd>{doc.rows}</dd>",
            "</dl>",
            "<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in COLUMN_HEADERS[1:]) + "</tr>",
        ]
        for column in doc.columns:
            cells = _column_row(doc, column)[1:]
            parts.append("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
