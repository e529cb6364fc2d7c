"""Tooling for people who maintain the platform: documents generated from the specs.

``layout_doc`` writes ``docs/return-layout.md`` from the return layout spec (a test checks it is
current); ``screenshots`` (`make screenshots`) photographs the Dagster UI for the README. Never
imported by the platform at run time.
"""
