"""The plugin's typed configuration: what one build of the site needs to know."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class WegwijzerConfig(base.Config):
    """Options of ``- wegwijzer:`` in mkdocs.yml; ``wegwijzer build`` and ``serve`` set the per-build ones."""

    # Set in mkdocs.yml by the publisher (site/config.py checks them before MkDocs reads anything):
    repo_url = c.Optional(c.Type(str))  # the repository, for "Bewerken" and "Wijziging voorstellen" links
    branch = c.Type(str, default="main")
    editor_auth_url = c.Optional(c.Type(str))  # the OAuth helper the form editor logs in through
    data_licence = c.Optional(c.Type(str))  # the open data's licence; CC0 1.0 when not set

    # Set per build by the command line (never through environment variables):
    data_dir = c.Optional(c.Type(str))  # default: data/ next to mkdocs.yml
    today = c.Optional(c.Type(str))  # JJJJ-MM-DD; default: resolved when the build starts (Europe/Amsterdam)
    offline = c.Type(bool, default=False)  # the offline export: no form editor, no download of itself
    version_date = c.Optional(c.Type(str))  # JJJJ-MM-DD: the day the content is from (the last commit), shown offline
    attach_zip = c.Optional(c.Type(str))  # an offline zip the site offers for download
    preview = c.Type(bool, default=False)  # show data problems as the site's page instead of stopping the build
    checked = c.Type(bool, default=False)  # mkdocs.yml was read and checked by site/config.py (never by MkDocs)
