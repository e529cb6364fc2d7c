"""The ``spf`` command-line tool: the steward's commands, running the same job as the UI."""
