"""Wegwijzer toolbox generator: data files → core (reading, checking, model) → site (pages, files) → MkDocs plugin.

* ``wegwijzer.core``: the registry of kinds, reading, schemas, validation, the model and the history of the data;
* ``wegwijzer.site``: pages, URLs, facets, charts, feeds, open data and the build;
* ``wegwijzer.plugin``: the thin MkDocs adapter (the only part that imports MkDocs);
* ``wegwijzer.editor``: the form editor's configuration, the YAML writer, scaffolding and the local backend;
* ``wegwijzer.cli``: the ``wegwijzer`` command, which works on the project where it runs.
"""
