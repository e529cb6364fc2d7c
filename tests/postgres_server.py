"""A real PostgreSQL server for the publication tests, started from the machine's binaries.

The server is built once per test session (``postgres_url`` fixture) in a temporary folder,
listening on a free port of 127.0.0.1 only. ``initdb`` refuses to run as root (CI runs as
root), so the server then runs as ``nobody`` in a folder that user owns. Missing binaries are an
error, not a skip: `.ci/run` installs Debian's ``postgresql`` when ``pg_config`` is absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

UNPRIVILEGED_USER = "nobody"


def postgres_bindir() -> Path:
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        raise RuntimeError(
            "pg_config not found: install PostgreSQL (Debian: apt-get install -y postgresql); "
            ".ci/run does it in CI."
        )
    bindir = Path(
        subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    if not (bindir / "initdb").exists():
        # Debian's pg_config may come from libpq-dev alone; the server is in a versioned folder
        candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if not candidates:
            raise RuntimeError(f"initdb not found in {bindir}: install the postgresql package")
        bindir = candidates[-1].parent
    return bindir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl start in a private folder; ``stop()`` removes everything."""

    def __init__(self) -> None:
        self.bindir = postgres_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="spf-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.started = False

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", UNPRIVILEGED_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.root, UNPRIVILEGED_USER)
            self.root.chmod(0o700)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "spf",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        self.started = True
        admin = f"postgresql://spf@127.0.0.1:{self.port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(admin, autocommit=True) as con:
                    con.execute("CREATE DATABASE spf_bi")
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        return f"postgresql://spf@127.0.0.1:{self.port}/spf_bi"

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


_SERVER: PostgresServer | None = None
_URL: str | None = None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of the session's PostgreSQL database ``spf_bi`` (user ``spf``, trust auth)."""
    global _SERVER, _URL
    if _SERVER is None:
        _SERVER = PostgresServer()
        try:
            _URL = _SERVER.start()
        except BaseException:
            _SERVER.stop()
            _SERVER = None
            raise
    assert _URL is not None
    yield _URL
    if _SERVER is not None:
        _SERVER.stop()
        _SERVER = None
