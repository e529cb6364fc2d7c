"""Where `spf run` sends what the run prints, so that the steward's console keeps to the point.

A run executed in-process prints a lot to standard output: dagster-dbt echoes every dbt line
(about a thousand for a full refresh: each model and test started and finished), which buried
the summary `make run` ends with. The console keeps the scope line, the warnings Dagster logs
(on standard error: a rejected file, a failed step) and the summary; the rest goes to a file
in the data home, one per data home, rewritten by each `spf run`. The Dagster instance keeps
every run's structured events and captured output as before (`make ui`).
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def standard_output_to(path: Path) -> Iterator[bool]:
    """Point this process's standard output at ``path`` for the block; yields whether it did.

    The file descriptor itself is redirected, not only ``sys.stdout``: what subprocesses and
    Dagster's log capture (which tails its own file into the descriptor it found) write goes
    to the file too. When standard output is not a file descriptor, nothing is redirected."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        yield False
        return
    saved = os.dup(descriptor)
    try:
        with path.open("wb") as target:
            os.dup2(target.fileno(), descriptor)
            try:
                yield True
            finally:
                sys.stdout.flush()
                os.dup2(saved, descriptor)
    finally:
        os.close(saved)
