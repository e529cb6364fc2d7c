"""The demo: sample registers and a generator of demo returns and statistics.

Owns ``samples/reference/`` (the sample registers every new data home is seeded with, and the
script that builds them) and ``generator`` (the demo inbox: returns of six Directorates, a
statistics extract, questionnaires and a revision, with the flaws the README describes).

Importing this package is cheap (a path only): intake seeds registers from ``SAMPLE_REGISTERS``
without loading the generator. The generator may import ``ingestion``; nothing in ``ingestion``
imports the generator except ``ingestion.home``, when a first run asks for the demo inbox.
"""

from pathlib import Path

SAMPLE_REGISTERS = Path(__file__).parent / "samples" / "reference"
