"""The demo generator is deterministic: the same bytes every time, so intake sees duplicates."""

from __future__ import annotations

import hashlib

from demo.generator import write_demo_returns, write_demo_statistics


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_demo_files_are_byte_identical_across_runs(sample_frames, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_demo_returns(sample_frames, first)
    write_demo_statistics(sample_frames, first)
    write_demo_returns(sample_frames, second)
    write_demo_statistics(sample_frames, second)
    assert _digests(first) == _digests(second)
    # 6 Directorates x 4 quarters; the statistics extract, 3 questionnaires and 1 revision
    assert len(_digests(first)) == 6 * 4 + 1 + 3 + 1


def test_demo_statistics_carry_questionnaires_and_a_later_revision(sample_frames, tmp_path):
    """Questionnaire Members are left out of the extract for their year (no accidental
    revision), and the revision file is received after the extract and changes its values."""
    import pandas as pd

    from demo.generator import QUESTIONNAIRE_MEMBERS, REVISED_YEAR
    from ingestion.statistics.assessment import StatisticsContext, assess_statistics

    files = write_demo_statistics(sample_frames, tmp_path)
    context = StatisticsContext.from_frames(sample_frames)
    judged = {p.name: assess_statistics(p, None, 2025, context=context) for p in files}
    assert all(result.accepted for result in judged.values())
    extract, *questionnaires, revision = files
    assert [judged[p.name].shape for p in questionnaires] == ["questionnaire"] * 3
    asked = {code for code, _ in QUESTIONNAIRE_MEMBERS}
    frame = judged[extract.name].frame
    assert not frame[frame.member_code.isin(asked) & frame.year.eq(2024)].size
    answered = pd.concat([judged[p.name].frame for p in questionnaires])
    assert set(answered.member_code) == asked
    release = answered[answered.indicator_code == "RELEASE_TIME_IMPORT"]
    assert set(release.unit) == {"days"} and set(release.scale_factor) == {24.0}
    revised = judged[revision.name].frame.merge(
        frame, on=["member_code", "year", "indicator_code"], suffixes=("", "_before")
    )
    assert len(revised) >= 1 and set(revised.year) == {REVISED_YEAR}
    assert (revised.value != revised.value_before).all()
    assert revision.stat().st_mtime > extract.stat().st_mtime


def test_return_layout_document_is_generated_from_the_spec():
    from pathlib import Path

    from tools.layout_doc import render

    doc = Path(__file__).resolve().parent.parent / "docs" / "return-layout.md"
    assert doc.read_text(encoding="utf-8") == render(), "run: python -m tools.layout_doc"
