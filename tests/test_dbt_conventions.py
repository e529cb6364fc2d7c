"""The dbt project keeps the rules BI developers and future adapters rely on.

Reads the manifest that `make` prepares (no warehouse needed): every mart has an enforced
contract with portable column types, a tested primary key and described columns; the layers
reference each other in one direction only; names follow ../shared/STYLE.md.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from dagster_project.dbt_project import spf_dbt_project

# Types that DuckDB, PostgreSQL, Spark, Power BI and Tableau all read the same way. No HUGEINT
# (DuckDB's sum of BIGINT) and no DECIMAL(38, s), which BI formats reject.
PORTABLE_TYPE = re.compile(r"^(BIGINT|DOUBLE|DATE|TIMESTAMP|VARCHAR|BOOLEAN|DECIMAL\(18, ?\d+\))$")


@cache
def _manifest() -> dict:
    return json.loads(spf_dbt_project.manifest_path.read_text(encoding="utf-8"))


def _models(layer: str) -> list[dict]:
    return sorted(
        (
            node
            for node in _manifest()["nodes"].values()
            if node["resource_type"] == "model" and node["fqn"][1] == layer
        ),
        key=lambda node: node["name"],
    )


def _tests_on(model_id: str) -> list[dict]:
    return [
        node
        for node in _manifest()["nodes"].values()
        if node["resource_type"] == "test" and node.get("attached_node") == model_id
    ]


def _tested_columns(model_id: str, test_name: str) -> set[str]:
    return {
        test["column_name"]
        for test in _tests_on(model_id)
        if test.get("test_metadata", {}).get("name") == test_name and test.get("column_name")
    }


def _ids(node: dict) -> str:
    return node["name"]


MARTS = _models("marts")
MODELS = [*_models("staging"), *_models("intermediate"), *MARTS]
MAX_CHAINED_VIEWS = 5  # STYLE (dbt-project-evaluator): no chain of more than 5 views


def test_layers_are_not_empty():
    assert len(MARTS) >= 15
    assert _models("staging") and _models("intermediate")


@pytest.mark.parametrize("mart", MARTS, ids=_ids)
def test_mart_contract_has_portable_types(mart):
    assert mart["config"]["contract"]["enforced"] is True
    assert mart["config"]["materialized"] == "table"
    bad = {
        name: column.get("data_type")
        for name, column in mart["columns"].items()
        if not PORTABLE_TYPE.match(str(column.get("data_type") or "").upper())
    }
    assert bad == {}


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_primary_key_is_tested(model):
    """On every model (STYLE): a key column tested unique and not_null, or columns tested
    unique together and each not null."""
    unique = _tested_columns(model["unique_id"], "unique")
    not_null = _tested_columns(model["unique_id"], "not_null")
    if unique & not_null:
        return
    combinations = [
        test["test_metadata"]["kwargs"].get("combination_of_columns")
        or test["test_metadata"]["kwargs"].get("arguments", {}).get("combination_of_columns")
        for test in _tests_on(model["unique_id"])
        if test.get("test_metadata", {}).get("name") == "unique_combination_of_columns"
    ]
    assert any(cols and set(cols) <= not_null for cols in combinations), (
        f"{model['name']}: no column tested unique and not_null"
    )


def _longest_view_chain(model_id: str, nodes: dict[str, dict]) -> list[str]:
    """The longest path of views ending at ``model_id`` (empty if it is not a view)."""
    node = nodes[model_id]
    if node["config"]["materialized"] != "view":
        return []
    upstream = [
        _longest_view_chain(parent, nodes)
        for parent in node["depends_on"]["nodes"]
        if parent in nodes
    ]
    return [*max(upstream, key=len, default=[]), node["name"]]


def test_no_chain_of_more_than_five_views():
    """A query on a view recomputes every view under it: a long chain makes every test and
    every BI-facing mart above it slow on each refresh."""
    nodes = {n["unique_id"]: n for n in MODELS}
    chains = [_longest_view_chain(model_id, nodes) for model_id in nodes]
    assert max(len(chain) for chain in chains) >= 3  # the check sees the views
    too_long = [" -> ".join(chain) for chain in chains if len(chain) > MAX_CHAINED_VIEWS]
    assert too_long == []


@pytest.mark.parametrize("mart", MARTS, ids=_ids)
def test_mart_columns_are_described_in_words(mart):
    """Every column described, and in more words than its own name."""
    thin = [
        name
        for name, column in mart["columns"].items()
        if len(column["description"].split()) < 4
        or column["description"].strip().rstrip(".").lower() == name.replace("_", " ")
    ]
    assert thin == []


def _depends(node: dict) -> list[str]:
    return node["depends_on"]["nodes"]


@pytest.mark.parametrize(
    "layer,allowed",
    [
        ("staging", {"source"}),
        ("intermediate", {"staging", "intermediate"}),
        ("marts", {"staging", "intermediate", "marts"}),
    ],
)
def test_layers_reference_downstream_only(layer, allowed):
    """Staging reads sources only; nothing else reads a source; no staging-to-staging refs."""
    nodes = _manifest()["nodes"]
    wrong = []
    for model in _models(layer):
        for upstream in _depends(model):
            if upstream.startswith("source."):
                kind = "source"
            elif upstream.startswith("model."):
                kind = nodes[upstream]["fqn"][1]
            else:
                continue
            if kind not in allowed:
                wrong.append((model["name"], upstream))
    assert wrong == []


def test_names_follow_the_style_guide():
    staging = re.compile(r"^stg_[a-z]+__[a-z_]+$")
    wrong = [m["name"] for m in _models("staging") if not staging.match(m["name"])]
    wrong += [m["name"] for m in _models("intermediate") if not m["name"].startswith("int_")]
    wrong += [m["name"] for m in MARTS if not re.match(r"^(fct|dim|mart)_", m["name"])]
    singular = [
        node["name"]
        for node in _manifest()["nodes"].values()
        if node["resource_type"] == "test" and "test_metadata" not in node
    ]
    assert singular, "the project has singular tests"
    wrong += [name for name in singular if not name.startswith("assert_")]
    assert wrong == []


def test_staging_is_split_by_source_system():
    """STYLE (jaffle-shop, nsw-doe; dbt-project-evaluator: folders match prefixes): a model
    stg_<source>__<entity> sits in staging/<source>/, and the sources it reads are declared in
    that folder's own _<source>__sources.yml."""
    sources = _manifest()["sources"]
    staging = _models("staging")
    assert len({model["fqn"][2] for model in staging}) >= 4  # returns, intake, statistics, ...
    wrong = []
    for model in staging:
        system = model["name"].removeprefix("stg_").split("__")[0]
        if model["original_file_path"] != f"models/staging/{system}/{model['name']}.sql":
            wrong.append(model["original_file_path"])
        wrong += [
            f"{model['name']} reads {upstream} from {sources[upstream]['original_file_path']}"
            for upstream in _depends(model)
            if upstream.startswith("source.")
            and sources[upstream]["original_file_path"]
            != f"models/staging/{system}/_{system}__sources.yml"
        ]
    assert wrong == []


def test_every_mart_is_exposed_to_bi():
    exposed = {
        upstream.split(".")[-1]
        for exposure in _manifest()["exposures"].values()
        for upstream in exposure["depends_on"]["nodes"]
    }
    assert [m["name"] for m in MARTS if m["name"] not in exposed] == []


def test_raw_sources_have_freshness():
    raw = [s for s in _manifest()["sources"].values() if s["source_name"] == "raw"]
    data_tables = [s for s in raw if s["name"].startswith(("return_", "statistics_"))]
    assert data_tables
    stale = [
        s["name"]
        for s in data_tables
        if not (s.get("freshness") or {}).get("warn_after", {}).get("count")
    ]
    assert stale == []
    assert all(s.get("loaded_at_field") for s in data_tables)
