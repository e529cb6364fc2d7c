"""The steward's pages of the Dagster UI, rendered by a real browser: headless Chromium (Debian's
`chromium`, installed by .ci/run) against `dagster dev` on a free port, on the demo's data home.
Asserts on the page's text: statuses in words on the return view, a check's description, and
no first-run pop-up."""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingestion.paths import SpfPaths

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
START_TIMEOUT = 300  # seconds: the code location loads dbt's manifest (slow on a busy machine)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_text(url: str) -> str:
    """The text of the page once its scripts ran (Chromium's --dump-dom, 20 s of virtual time)."""
    assert CHROMIUM is not None
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    ).stdout
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())


def text_once(url: str, needle: str, timeout: float = 240) -> str:
    """The page's text once it shows ``needle`` (the code location may still be loading)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = page_text(url)
        if needle in text:
            return text
        time.sleep(5)
    return text


@pytest.fixture(scope="module")
def ui(demo_home: SpfPaths, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dagster dev -w workspace.yaml` on the demo's data home; yields its base URL."""
    port = _free_port()
    log = tmp_path_factory.mktemp("ui") / "dagster-dev.log"
    env = {
        **os.environ,
        "SPF_HOME": str(demo_home.home),
        "DAGSTER_HOME": str(demo_home.dagster_home),
        "GX_ANALYTICS_ENABLED": "false",
    }
    dagster = Path(sys.executable).parent / "dagster"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(dagster), "dev", "-w", "workspace.yaml", "-p", str(port), "-h", "127.0.0.1"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                urllib.request.urlopen(f"{base}/server_info", timeout=5).read()
                break
            except OSError:
                assert server.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(2)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
def test_the_return_view_and_a_check_read_in_a_browser(ui: str) -> None:
    view = text_once(f"{ui}/assets/returns/return_cycle", "returns_by_period")
    assert "returns_by_period" in view, view[:3000]
    for word in ("Accepted", "Accepted with warnings", "Rejected"):
        assert f" {word} " in view
    assert "Join the Dagster community" not in view  # no first-run pop-up (dagster.yaml)
    checks = text_once(f"{ui}/assets/marts/fct_return_submission?view=checks", "return_status")
    assert "is one of: accepted, accepted_with_warnings" in checks, checks[:3000]
