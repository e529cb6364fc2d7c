"""Dagster definitions: assets, asset checks, jobs, sensors and resources; wiring only."""
