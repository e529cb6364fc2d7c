"""A release: every format for every audience, written aside, then put in place; and rollback.

Layout under ``$SPF_HOME/published`` (the internal audience at the top, Members' in
``members/``; see ``audiences.yaml``)::

    spf_marts.duckdb  parquet/<mart>.parquet  hyper/<mart>.hyper  csv/<mart>.csv
    data_dictionary.html  data_dictionary.xlsx  manifest.json  spf_marts.pbids
    members/…                      the same for the Members' release
    releases/<release_id>/…        every release kept (retention: SPF_PUBLISH_KEEP_RELEASES)
    current -> releases/<release_id>   the current release, switched by one rename

A release is first written complete into ``releases/.<id>.tmp``; PostgreSQL (if configured) is
swapped next; the folder is then renamed to ``releases/<id>`` and each stable path is replaced
by an atomic rename of a hard link to the release's file, ``manifest.json`` last. A reader
holding a previous file open keeps reading it; nobody sees a half-written file. Nothing is
touched unless every step before succeeded, so a failed refresh leaves the release in place.

The stable paths are replaced one by one, so a reader opening several of them during a
publication may get files of two releases. A reader that needs one release whole resolves
``current`` once (a symbolic link to ``releases/<id>``, swapped by a single rename after the
stable paths) and reads everything under the folder it points to.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alerts.register import ISSUE_DOC
from publication.audiences import INTERNAL, Audience, AudienceConfig, load_audiences
from publication.data_as_of import warehouse_data_as_of
from publication.dictionary import build_docs, descriptions, read_dbt_docs, write_html, write_xlsx
from publication.file_integrity import file_digests, make_readable_by_others
from publication.files import (
    SERVING_FILE,
    ReleaseStamp,
    build_serving_file,
    mart_stats,
    write_parquet_and_csv,
)
from publication.hyper import write_hyper_extracts
from publication.marts import RELEASE_INFO_TABLE, MartSchema, read_marts
from publication.release_info_files import release_metadata, write_release_info_files
from publication.schema_guard import check_schema, load_acknowledged
from publication.settings import PublicationSettings

RELEASES_DIR = "releases"
MANIFEST = "manifest.json"
PBIDS = "spf_marts.pbids"
DICTIONARY_HTML = "data_dictionary.html"
DICTIONARY_XLSX = "data_dictionary.xlsx"
CURRENT = "current"


class RollbackError(RuntimeError):
    """No release to roll back to, or the one named does not exist."""


@dataclass
class PublishedRelease:
    release_id: str
    published_dir: Path
    row_counts: dict[str, dict[str, int]]  # audience -> mart -> rows
    postgres: dict[str, object] | None = None
    missing_fr: list[str] = field(default_factory=list)
    unknown_rules: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)

    @property
    def serving_file(self) -> Path:
        return self.published_dir / SERVING_FILE


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _new_release_id(releases: Path, now: datetime) -> str:
    base = now.strftime("%Y%m%dT%H%M%S.") + f"{now.microsecond // 1000:03d}Z"
    release_id, n = base, 1
    while (releases / release_id).exists():
        n += 1
        release_id = f"{base}-{n}"
    return release_id


def read_manifest(root: Path) -> dict[str, Any] | None:
    path = root / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _warehouse_marts(warehouse: Path) -> list[MartSchema]:
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{str(warehouse).replace(chr(39), chr(39) * 2)}' AS w (READ_ONLY)")
        return read_marts(con, "w")
    finally:
        con.close()


def _write_audience(
    warehouse: Path,
    root: Path,
    audience: Audience,
    config: AudienceConfig,
    stamp: ReleaseStamp,
    nodes: dict[str, dict],
) -> tuple[dict[str, Any], list[str]]:
    """Every file of one audience under ``root``; returns its manifest and missing FR texts."""
    root.mkdir(parents=True, exist_ok=True)
    serving = root / SERVING_FILE
    marts = build_serving_file(warehouse, serving, audience.name, config, stamp)
    stats = mart_stats(serving, marts)
    texts = descriptions(nodes)
    metadata = release_metadata(stamp, audience.name, marts, texts)
    write_parquet_and_csv(serving, marts, root, metadata)
    make_readable_by_others(write_hyper_extracts(marts, root / "parquet", root / "hyper"))
    make_readable_by_others(write_release_info_files(serving, root, metadata[RELEASE_INFO_TABLE]))
    docs, missing = build_docs(marts, nodes, {m: s.rows for m, s in stats.items()})
    title = f"SPF warehouse — data dictionary / dictionnaire des données ({audience.name})"
    write_html(docs, root / DICTIONARY_HTML, title, stamp.release_id)
    write_xlsx(docs, root / DICTIONARY_XLSX, title)
    manifest: dict[str, Any] = {
        "release_id": stamp.release_id,
        "audience": audience.name,
        "audience_description": audience.description,
        "published_at": stamp.published_at.isoformat() + "Z",
        "data_as_of": stamp.data_as_of.isoformat() + "Z",
        "source_run": stamp.source_run,
        "marts": {
            m.name: {
                "rows": stats[m.name].rows,
                "checksums": stats[m.name].checksums,
                "columns": m.as_json(),
                "description": texts.get(m.name, ("", {}))[0],
                "column_descriptions": texts.get(m.name, ("", {}))[1],
                "rule": config.rule(m.name, audience.name).where,
                "files": {
                    "duckdb": f"{SERVING_FILE}#marts.{m.name}",
                    "parquet": f"parquet/{m.name}.parquet",
                    "hyper": f"hyper/{m.name}.hyper",
                    "csv": f"csv/{m.name}.csv",
                },
            }
            for m in marts
        },
        "schema": {m.name: m.as_json() for m in marts},
    }
    return manifest, missing


def _files_under(root: Path, exclude: Path | None = None) -> list[str]:
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and (exclude is None or exclude not in p.parents)
    )


def _place(source: Path, target: Path) -> None:
    """Replace ``target`` by ``source``'s content atomically (hard link, else copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def _promote(release_dir: Path, published: Path, previous_files: set[str]) -> None:
    """Point every stable path at the release's file; manifests last; drop what left."""
    files = _files_under(release_dir)
    for name in sorted(files, key=lambda f: (Path(f).name == MANIFEST, f)):
        _place(release_dir / name, published / name)
    for stale in sorted(previous_files - set(files)):
        (published / stale).unlink(missing_ok=True)
    _point_current(published, release_dir)


def _point_current(published: Path, release_dir: Path) -> None:
    """``current`` -> ``releases/<id>`` (relative, so a moved data home keeps it), replaced by
    one rename: a reader resolving it sees the previous release or this one, never both."""
    temporary = published / f".{CURRENT}.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    os.symlink(os.path.relpath(release_dir, published), temporary, target_is_directory=True)
    os.replace(temporary, published / CURRENT)


def _release_ids(releases: Path) -> list[str]:
    if not releases.exists():
        return []
    return sorted(p.name for p in releases.iterdir() if p.is_dir() and not p.name.startswith("."))


def _apply_retention(releases: Path, keep: int, current: str) -> list[str]:
    ids = _release_ids(releases)
    doomed = [r for r in ids[:-keep] if r != current] if len(ids) > keep else []
    for release_id in doomed:
        shutil.rmtree(releases / release_id)
    for leftover in releases.glob(".*.tmp"):
        shutil.rmtree(leftover, ignore_errors=True)
    return doomed


def _postgres(
    settings: PublicationSettings,
    config: AudienceConfig,
    release_dir: Path,
    manifests: dict[str, dict[str, Any]],
) -> dict[str, object] | None:
    if not settings.postgres_url:
        return None
    from publication.postgres import PostgresTarget, pbids, publish_to_postgres

    targets = [
        PostgresTarget(a.postgres_schema, release_dir / a.folder / SERVING_FILE)
        for a in config.audiences
        if a.postgres_schema
    ]
    docs = {
        name: (mart["description"], mart["column_descriptions"])
        for manifest in manifests.values()
        for name, mart in manifest["marts"].items()
    }
    location = publish_to_postgres(
        settings.postgres_url,
        targets,
        docs,
        settings.postgres_lock_timeout_ms,
        settings.postgres_reader_role,
    )
    for audience in config.audiences:
        if audience.postgres_schema:
            path = release_dir / audience.folder / PBIDS
            path.write_text(
                json.dumps(pbids(settings.postgres_url, settings.postgres_bi_server), indent=2),
                encoding="utf-8",
            )
    return location


def publish_release(
    warehouse: Path,
    published: Path,
    source_run: str,
    dbt_manifest: Path,
    settings: PublicationSettings | None = None,
) -> PublishedRelease:
    """Publish the marts of ``warehouse`` as a new release (call only after a good dbt build)."""
    settings = settings or PublicationSettings.from_env()
    config = load_audiences(settings.audiences_file)
    acknowledged = load_acknowledged(settings.acknowledged_file)
    marts = _warehouse_marts(warehouse)
    previous = {a.name: read_manifest(published / a.folder) for a in config.audiences}
    spent: list[str] = []
    for audience in config.audiences:
        visible = [m for m in marts if config.rule(m.name, audience.name).included]
        spent += [c.key for c in check_schema(previous[audience.name], visible, acknowledged)]

    releases = published / RELEASES_DIR
    releases.mkdir(parents=True, exist_ok=True)
    now = _now()
    release_id = _new_release_id(releases, now)
    stamp = ReleaseStamp(
        release_id=release_id,
        data_as_of=warehouse_data_as_of(warehouse),
        published_at=now.replace(microsecond=0),
        source_run=source_run,
    )
    work = releases / f".{release_id}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    try:
        nodes = {ISSUE_DOC["name"]: ISSUE_DOC, **read_dbt_docs(dbt_manifest)}
        manifests: dict[str, dict[str, Any]] = {}
        missing_fr: list[str] = []
        for audience in config.audiences:
            manifest, missing = _write_audience(
                warehouse, work / audience.folder, audience, config, stamp, nodes
            )
            manifests[audience.name] = manifest
            if audience.name == INTERNAL:
                missing_fr = missing
        location = _postgres(settings, config, work, manifests)
        nested = {a.folder for a in config.audiences if a.folder != "."}
        for audience in config.audiences:
            root = work / audience.folder
            manifest = manifests[audience.name]
            previous_manifest = previous[audience.name] or {}
            manifest["previous_release"] = previous_manifest.get("release_id")
            manifest["acknowledged_changes"] = sorted(set(spent))
            manifest["postgres"] = location if audience.postgres_schema else None
            manifest["files"] = [
                f
                for f in _files_under(root)
                if f != MANIFEST and not any(f.startswith(n + "/") for n in nested)
            ]
            manifest["sha256"] = file_digests(root, manifest["files"])
            if audience.name == INTERNAL:
                manifest["missing_fr"] = missing_fr
                manifest["unknown_audience_rules"] = config.unknown_marts([m.name for m in marts])
                manifest["other_audiences"] = {
                    a.name: {
                        "folder": a.folder,
                        "marts": {n: v["rows"] for n, v in manifests[a.name]["marts"].items()},
                    }
                    for a in config.audiences
                    if a.name != INTERNAL
                }
            (root / MANIFEST).write_text(
                json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
            )
        final = releases / release_id
        os.replace(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _promote(final, published, _previous_files(published, config))
    _apply_retention(releases, settings.keep_releases, release_id)
    return PublishedRelease(
        release_id=release_id,
        published_dir=published,
        row_counts={a: {n: v["rows"] for n, v in m["marts"].items()} for a, m in manifests.items()},
        postgres=location,
        missing_fr=missing_fr,
        unknown_rules=config.unknown_marts([m.name for m in marts]),
        acknowledged=sorted(set(spent)),
    )


def _previous_files(published: Path, config: AudienceConfig) -> set[str]:
    """Stable files of the current release (from its manifests), relative to ``published``."""
    files: set[str] = set()
    for audience in config.audiences:
        manifest = read_manifest(published / audience.folder) or {}
        prefix = "" if audience.folder == "." else audience.folder + "/"
        files.update(prefix + f for f in manifest.get("files", []))
    return files


def list_releases(published: Path) -> tuple[list[str], str | None]:
    """Kept release ids (oldest first) and the current one."""
    current = (read_manifest(published) or {}).get("release_id")
    return _release_ids(published / RELEASES_DIR), current


def rollback(
    published: Path, to: str | None = None, settings: PublicationSettings | None = None
) -> str:
    """Put a kept release back in place (default: the one before the current one).

    PostgreSQL, if configured, is reloaded from that release's own serving files with the same
    staging-and-swap as a publication. The schema guard does not apply: going back is explicit.
    Newer releases are kept, so one can roll forward again with ``to``.
    """
    settings = settings or PublicationSettings.from_env()
    config = load_audiences(settings.audiences_file)
    internal = next(a for a in config.audiences if a.name == INTERNAL)
    ids, current = list_releases(published / internal.folder)
    if to is None:
        older = [r for r in ids if current is None or r < current]
        if not older:
            raise RollbackError(f"No release older than {current} is kept in {published}.")
        to = older[-1]
    if to not in ids:
        raise RollbackError(f"Release {to} is not kept in {published / RELEASES_DIR}: {ids}")
    release_dir = published / RELEASES_DIR / to
    manifests = {
        a.name: read_manifest(release_dir / a.folder) or {"marts": {}} for a in config.audiences
    }
    _postgres(settings, config, release_dir, manifests)
    _promote(release_dir, published, _previous_files(published, config))
    return to
