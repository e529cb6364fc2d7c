"""What the dbt step leaves behind: the parse the next run starts from, and no pile of old run
folders (dagster_project/assets/dbt.py). The runs themselves are tested in the pipeline tests."""

from __future__ import annotations

import os
from pathlib import Path

from dagster_project.defs.assets.dbt import keep_partial_parse, prune_run_targets


def test_the_runs_parse_replaces_the_projects(tmp_path: Path):
    project_target, run_target = tmp_path / "target", tmp_path / "target" / "spf_dbt_models-1"
    run_target.mkdir(parents=True)
    (project_target / "partial_parse.msgpack").write_bytes(b"parsed for another data home")
    (run_target / "partial_parse.msgpack").write_bytes(b"parsed for this one")
    assert keep_partial_parse(run_target, project_target)
    assert (project_target / "partial_parse.msgpack").read_bytes() == b"parsed for this one"
    assert sorted(p.name for p in project_target.iterdir()) == [
        "partial_parse.msgpack",
        "spf_dbt_models-1",
    ]  # no staging file left behind


def test_nothing_is_kept_when_there_is_nothing_or_nowhere_to_keep_it(tmp_path: Path):
    run_target = tmp_path / "run"
    run_target.mkdir()
    assert not keep_partial_parse(run_target, tmp_path)  # the run wrote no parse
    (run_target / "partial_parse.msgpack").write_bytes(b"parsed")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert not keep_partial_parse(run_target, not_a_folder)


def test_only_the_latest_run_folders_are_kept(tmp_path: Path):
    for number in range(5):
        folder = tmp_path / f"spf_dbt_models-{number}"
        (folder / "run").mkdir(parents=True)
        (folder / "manifest.json").write_text("{}")
        os.utime(folder, (1_000_000 + number, 1_000_000 + number))
    (tmp_path / "manifest.json").write_text("{}")  # the project's own files stay
    (tmp_path / "other-run").mkdir()
    deleted = prune_run_targets(tmp_path, keep=2)
    assert sorted(p.name for p in deleted) == [f"spf_dbt_models-{n}" for n in range(3)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "manifest.json",
        "other-run",
        "spf_dbt_models-3",
        "spf_dbt_models-4",
    ]
