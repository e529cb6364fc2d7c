"""Every command of the README's shell code blocks works, except those excluded with a reason.

The commands are read from the README itself, so a command changed there is tested as written;
`uv run` is the project's environment (the tests run in it). Each runs on a data home of its own,
initialised by the README's own `spf init`. ``readme_commands_excluded.yaml`` lists the commands
not run here (servers, full refreshes that take minutes, placeholders), each with its reason; an
exclusion that no longer matches a README command fails the test, so the list cannot go stale.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
EXCLUDED = yaml.safe_load((REPO / "tests" / "readme_commands_excluded.yaml").read_text("utf-8"))


def readme_commands() -> list[str]:
    """Command lines of the README's ``sh`` blocks, without their trailing comments."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command and not command.startswith("#"):
                commands.append(command)
    return commands


def test_every_exclusion_names_a_readme_command_and_says_why():
    commands = readme_commands()
    assert commands
    for command, reason in EXCLUDED.items():
        assert command in commands, f"excluded but not in the README: {command}"
        assert reason and len(reason) > 10


def test_the_readme_commands_run(tmp_path):
    home = tmp_path / "home"
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "SPF_HOME": str(home),
        "DAGSTER_HOME": str(home / "dagster"),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    ran = []
    for command in readme_commands():
        if command in EXCLUDED:
            continue
        runnable = re.sub(r"^uv run ", "", command)  # the tests run in the project's environment
        done = subprocess.run(
            ["bash", "-c", runnable], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        ran.append(command)
    assert "uv run spf init" in ran and len(ran) >= 5
    assert (home / "templates").exists()  # the commands worked on the test's home, not ./data
