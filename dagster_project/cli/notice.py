"""Lines for the steward on the console (standard error), in English then French."""

from __future__ import annotations

import sys

from ingestion.messages import Text


def say(text: Text) -> None:
    """Print one catalogue text: the English line, then the French one indented under it."""
    print(text.en, file=sys.stderr)
    print(f"  {text.fr}", file=sys.stderr)
