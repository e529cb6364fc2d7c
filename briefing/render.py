"""Render the briefing book: HTML from one Jinja2 template, PDF from the same HTML (WeasyPrint).

Output, for a period: ``$SPF_HOME/reports/<period>/<edition>_<lang>.html`` and ``.pdf``, and
``briefing.json`` (release id, the data fingerprint, the files). The release is only read. The
PDF's dates are the release's, so the same release and period give the same files. When the
period's data (``Briefing.fingerprint``) and the code's templates are those of the files already
there, ``render_reports(skip_unchanged=True)`` renders nothing (the asset after a refresh).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from briefing import EDITIONS, LANGUAGES
from briefing.catalogue import text
from briefing.data import Release, default_period, open_release, read_briefing
from briefing.editions import EDITION_SPECS
from briefing.view import context

TEMPLATES = Path(__file__).with_name("templates")
RECORD = "briefing.json"


@dataclass
class ReportRun:
    period: str
    folder: Path
    release_ids: dict[str, str]  # audience ("internal", "members") -> release id
    fingerprint: str
    files: list[Path] = field(default_factory=list)
    skipped: bool = False
    provisional: bool = False


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["j2", "html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = _css_string
    return environment


def _css_string(value: str):
    """A quoted CSS string (inside <style>, HTML escapes would be printed as written)."""
    from markupsafe import Markup

    escaped = "".join(f"\\{ord(c):x} " if c in '\\"<>&' or ord(c) < 32 else c for c in str(value))
    return Markup(f'"{escaped}"')


def _code_fingerprint() -> str:
    """Templates, catalogue and view code: a new version of any renders again."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted([*package.glob("*.py"), *TEMPLATES.rglob("*.j2")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def render_html(ctx: dict[str, Any], created_iso: str) -> str:
    language = ctx["lang"]

    def t(key: str, **params: Any) -> str:
        return text(key, language, **params)

    return _environment().get_template("report.html.j2").render(**ctx, t=t, created_iso=created_iso)


def write_pdf(html: str, target: Path, cache: dict | None = None) -> None:
    """PDF/UA-1 (tagged), fonts embedded; ``cache`` shares parsed images (the KPI charts)
    between the documents of one rendering."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(TEMPLATES)).render(cache=cache)
    document.write_pdf(target, pdf_variant="pdf/ua-1")


def _atomic_write(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _previous_record(folder: Path) -> dict[str, Any] | None:
    path = folder / RECORD
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def render_reports(
    published: Path,
    reports: Path,
    period: str | None = None,
    editions: tuple[str, ...] = EDITIONS,
    languages: tuple[str, ...] = LANGUAGES,
    pdf: bool = True,
    skip_unchanged: bool = False,
) -> ReportRun:
    """Render ``editions`` × ``languages`` of ``period`` (default: ``default_period``)."""
    releases: dict[bool, Release] = {False: open_release(published)}
    if any(EDITION_SPECS[e].members_release for e in editions):
        releases[True] = open_release(published, members=True)
    provisional = False
    if period is None:
        period, provisional = default_period(releases[False].serving_file)
    briefings = {m: read_briefing(r.serving_file, period) for m, r in releases.items()}
    provisional = provisional or briefings[False].provisional
    fingerprint = hashlib.sha256(
        (
            _code_fingerprint()
            + "".join(briefings[m].fingerprint() for m in sorted(briefings))
            + ",".join(editions)
            + ",".join(languages)
            + str(pdf)
        ).encode()
    ).hexdigest()
    folder = reports / period
    release_ids = {("members" if m else "internal"): r.release_id for m, r in releases.items()}
    run = ReportRun(period, folder, release_ids, fingerprint, provisional=provisional)
    previous = _previous_record(folder)
    expected = [
        folder / f"{e}_{lang}.{ext}"
        for e in editions
        for lang in languages
        for ext in (("html", "pdf") if pdf else ("html",))
    ]
    if (
        skip_unchanged
        and previous
        and previous.get("fingerprint") == fingerprint
        and all(p.exists() for p in expected)
    ):
        run.skipped = True
        run.files = expected
        run.release_ids = previous.get("release_ids", release_ids)
        return run
    folder.mkdir(parents=True, exist_ok=True)
    charts: dict = {}
    images: dict = {}
    for edition in editions:
        spec = EDITION_SPECS[edition]
        release = releases[spec.members_release]
        created = release.published_at.replace(microsecond=0).isoformat() + "Z"
        for language in languages:
            ctx = context(briefings[spec.members_release], release, spec, language, charts)
            html = render_html(ctx, created)
            target = folder / f"{edition}_{language}.html"
            _atomic_write(target, html.encode("utf-8"))
            run.files.append(target)
            if pdf:
                pdf_target = folder / f"{edition}_{language}.pdf"
                temporary = pdf_target.with_name(f".{pdf_target.name}.{os.getpid()}.tmp")
                write_pdf(html, temporary, images)
                os.replace(temporary, pdf_target)
                run.files.append(pdf_target)
    record = {
        "period": period,
        "provisional": provisional,
        "release_ids": release_ids,
        "release_id": release_ids["internal"],
        "fingerprint": fingerprint,
        "editions": list(editions),
        "languages": list(languages),
        "files": sorted(p.name for p in run.files),
    }
    if previous and previous.get("fingerprint") != fingerprint:
        record["files"] = sorted(set(record["files"]) | set(previous.get("files", [])))
    _atomic_write(
        folder / RECORD,
        (json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode(),
    )
    return run
