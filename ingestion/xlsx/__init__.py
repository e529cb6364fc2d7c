"""Excel workbooks as files: safe to open, inspected without trusting them, written the same
way every time.

Owns the container checks and limits before anything is parsed (``container``: zip bombs,
encryption, macros, sizes), the scan of the package's XML (``package``: formulas, merged cells,
percentage formats, cell counts), the escaping of text written into cells (``safety``) and
deterministic saving (``writer``). Knows nothing of returns or statistics.

Must not import any other ``ingestion`` package but ``findings`` and ``messages``.
"""
