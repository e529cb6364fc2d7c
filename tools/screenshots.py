"""`make screenshots`: refresh the images of the Dagster UI that the README shows.

Starts `dagster dev -w workspace.yaml` on a free port on the data home ($SPF_HOME, built by
`make run`), waits for the code location, and has headless Chromium (Debian's `chromium`)
photograph the steward's pages into docs/images/. Run by hand when the UI changes; tests never
rewrite these files.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IMAGES = REPO / "docs" / "images"
PAGES = {
    "return-cycle.png": "/assets/returns/return_cycle",
    "return-submission-checks.png": "/assets/marts/fct_return_submission?view=checks",
    "asset-groups.png": "/assets",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium is needed (apt-get install chromium).", file=sys.stderr)
        return 2
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    dagster = Path(sys.executable).parent / "dagster"
    server = subprocess.Popen(
        [str(dagster), "dev", "-w", "workspace.yaml", "-p", str(port), "-h", "127.0.0.1"],
        cwd=REPO,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(f"{base}/server_info", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("dagster dev did not start.", file=sys.stderr)
                    return 1
                time.sleep(2)
        time.sleep(20)  # the code location loads after the server answers
        IMAGES.mkdir(parents=True, exist_ok=True)
        for name, path in PAGES.items():
            subprocess.run(
                [
                    chromium,
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    "--window-size=1400,1000",
                    "--virtual-time-budget=20000",
                    f"--screenshot={IMAGES / name}",
                    base + path,
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            print(f"Wrote {IMAGES / name}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
