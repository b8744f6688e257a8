"""The MkDocs side: a thin plugin that adds the generated site (``wegwijzer.site``) to an MkDocs build."""
