"""The demo generator is deterministic: the same bytes every time, so intake sees duplicates."""

from __future__ import annotations

import hashlib

from ingestion.demo import write_demo_returns, write_demo_statistics


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_demo_files_are_byte_identical_across_runs(sample_frames, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_demo_returns(sample_frames, first)
    write_demo_statistics(sample_frames, first)
    write_demo_returns(sample_frames, second)
    write_demo_statistics(sample_frames, second)
    assert _digests(first) == _digests(second)
    assert len(_digests(first)) == 6 * 4 + 1


def test_return_layout_document_is_generated_from_the_spec():
    from pathlib import Path

    from ingestion.layout_doc import render

    doc = Path(__file__).resolve().parent.parent / "docs" / "return-layout.md"
    assert doc.read_text(encoding="utf-8") == render(), "run: python -m ingestion.layout_doc"
