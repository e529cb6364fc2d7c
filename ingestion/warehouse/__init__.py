"""The warehouse's inputs: the one place, with publication and the Dagster resources, that
opens the warehouse.

Owns ``connection`` (opening the warehouse file, and the connection type other packages name),
``schema`` (the ``raw`` and ``reference`` tables, derived from the specs and each kind of file)
and ``loader`` (registers, accepted files and the state registry's mirror, one transaction per
file). The package's ``__init__`` imports nothing so that ``connection`` stays a leaf that the
returns templates and the alerts can use.

Must not import ``dagster``.
"""
