"""`spf run` keeps the console to the point: what a run prints goes to a log file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_standard_output_goes_to_the_file_and_comes_back(tmp_path: Path) -> None:
    """Python prints and a child process's output (as dbt's and Dagster's log capture) land
    in the file; standard error and what is printed after the block stay on the console."""
    log = tmp_path / "logs" / "spf-run.log"
    script = textwrap.dedent(
        f"""
        import subprocess, sys
        from pathlib import Path
        from dagster_project.cli.console_log import standard_output_to
        print("before")
        with standard_output_to(Path({str(log)!r})) as redirected:
            print("python line")
            subprocess.run(["echo", "child line"], check=True)
            print("warning line", file=sys.stderr)
        print("after", redirected)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["before", "after", "True"]
    assert out.stderr.strip() == "warning line"
    assert log.read_text().splitlines() == ["python line", "child line"]


def test_nothing_is_redirected_when_standard_output_is_not_a_file(tmp_path: Path) -> None:
    import io
    from contextlib import redirect_stdout

    from dagster_project.cli.console_log import standard_output_to

    buffer = io.StringIO()
    with redirect_stdout(buffer), standard_output_to(tmp_path / "x.log") as redirected:
        print("kept")
    assert redirected is False
    assert buffer.getvalue() == "kept\n"
