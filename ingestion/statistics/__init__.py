"""Members' Customs statistics: annual questionnaires and bulk extracts, in any layout.

Owns the readers (``readers``: CSV dialects and encodings, workbooks), the layouts they are
recognised as (``layouts``; the questionnaire spec ``questionnaire.yaml``), numbers and units
(``values``), Member resolution by name or code (``members``) and the judgement of one file
(``assessment``). ``kind`` exposes it to intake as a ``FileKind``.

Must not import ``ingestion.returns``, ``dagster``, ``duckdb``.
"""
