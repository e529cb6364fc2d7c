"""Every mart is documented for BI in both languages and has an enforced contract.

Reads the dbt manifest that `make` prepares; the data dictionary that publication writes is
generated from exactly these fields.
"""

from __future__ import annotations

import json

import pytest

from dagster_project.dbt_project import spf_dbt_project

MODEL_KEYS = ("label_en", "label_fr", "grain", "grain_fr", "description_fr")
COLUMN_KEYS = ("label_en", "label_fr", "description_fr")


def _marts() -> list[dict]:
    manifest = json.loads(spf_dbt_project.manifest_path.read_text(encoding="utf-8"))
    return sorted(
        (
            node
            for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["fqn"][1] == "marts"
        ),
        key=lambda node: node["name"],
    )


def _meta(node: dict) -> dict:
    return {**node.get("meta", {}), **node.get("config", {}).get("meta", {})}


def test_there_are_marts():
    assert len(_marts()) >= 4


@pytest.mark.parametrize("mart", _marts(), ids=lambda node: node["name"])
def test_mart_is_contracted_and_bilingual(mart):
    assert mart["config"]["contract"]["enforced"] is True
    assert mart["description"].strip()
    meta = _meta(mart)
    assert [k for k in MODEL_KEYS if not str(meta.get(k, "")).strip()] == []
    assert mart["columns"], "contracted marts list their columns"
    for name, column in mart["columns"].items():
        assert column["description"].strip(), name
        assert column.get("data_type"), name
        column_meta = _meta(column)
        missing = [k for k in COLUMN_KEYS if not str(column_meta.get(k, "")).strip()]
        assert missing == [], (name, missing)
