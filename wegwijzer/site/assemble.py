"""The whole generated site of one toolbox: pages, files and navigation, from a checked data set.

This is what a site generator needs from the package: the MkDocs plugin adds
``Site.pages()`` and ``Site.files()`` to MkDocs' own files and puts
``Site.navigation()`` in its configuration; tests and the benchmark use the
same object in-process.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import Optional

from ..core import CheckResult
from ..core.changes import Change, content_changes
from ..core.history import DataHistory, changed_days
from .assets import script_assets, search_support
from .listings import Listings
from .navigation import with_generated
from .outputs import Outputs
from .pages import PageSpec, all_pages
from .paths import DUTCH_SEARCH, nav_entries
from .render import RenderedPage, Renderer, RenderSettings
from .textindex import terms_for
from .vocabulary import Vocabulary


class Site:
    """Pages and files generated from one valid data set, on one day."""

    def __init__(self, result: CheckResult, settings: RenderSettings, *, today: dt.date, template_dir: Path,
                 changed: Optional[dict[int, dt.date]] = None, changes: Optional[list[Change]] = None,
                 renderer: Optional[Renderer] = None, record_reads: bool = False):
        """``renderer``: one to reuse (the preview's, with its compiled templates); ``record_reads``: every page
        remembers what it read, so the preview can tell which pages a change touches (``site/incremental.py``)."""
        if result.toolbox is None or result.schemas is None:
            raise ValueError("a site is made from valid data only")
        self.toolbox, self.settings, self.changes, self.today = result.toolbox, settings, changes, today
        self.result, self.changed, self.record_reads = result, changed or {}, record_reads
        self.listings = Listings(self.toolbox, Vocabulary(result.schemas), today)
        self.outputs = Outputs(self.toolbox, result.schemas, self.listings, settings.publication, changes, today)
        self.renderer = (renderer or Renderer(settings, template_dir=template_dir)).bind(self.listings, self.outputs,
                                                                                         self.changed)

    @classmethod
    def with_history(cls, result: CheckResult, settings: RenderSettings, *, today: dt.date, template_dir: Path,
                     history: DataHistory, **options) -> "Site":
        """The site with the dates and changes the repository's history gives (none outside a checkout).

        ``history`` keeps what it read, so the next site made with it (the live preview's) reads only what changed.
        """
        toolbox = result.toolbox
        changed = changed_days((e for kind in toolbox.entities.values() for e in kind.values()), history, today)
        changes = content_changes(history.repository, history.data_dir, result.schemas, today, history)
        return cls(result, settings, today=today, template_dir=template_dir, changed=changed, changes=changes,
                   **options)

    @cached_property
    def pages(self) -> list[RenderedPage]:
        """Every generated page, rendered, in a stable order."""
        return [self.renderer.render(spec, record=self.record_reads) for spec in self.specs()]

    def specs(self) -> list[PageSpec]:
        """What every generated page is made of, before rendering."""
        return all_pages(self.listings, self.changes)

    def files(self) -> dict[str, str | bytes]:
        """Every generated file that is not a page: the data script, feeds, calendar and open data."""
        return self._files

    @cached_property
    def _files(self) -> dict[str, str | bytes]:
        terms = terms_for(self.renderer.template_dir / DUTCH_SEARCH)  # stems as the site's own search does
        publication = self.settings.publication
        return {**script_assets(self.toolbox, self.listings.vocabulary, self.listings.facets,
                                publication.use_directory_urls, terms, publication.site_url),
                **self.outputs.files()}

    def navigation(self, configured: list) -> list:
        """The configured navigation plus the generated pages that were made, where the tables put them."""
        return with_generated(configured, nav_entries(), {page.src_uri for page in self.pages})

    def search_support(self, dutch_support: str) -> str:
        return search_support(self.toolbox, dutch_support)

    def fill_blocks(self, html_text: str, src_uri: str) -> str:
        return self.renderer.fill_blocks(html_text, src_uri)
