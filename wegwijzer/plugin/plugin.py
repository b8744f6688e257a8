"""MkDocs adapter: validated data in, generated pages out.

Everything else lives in ``wegwijzer.site`` and ``wegwijzer.core``, which never
import MkDocs; this plugin only translates between them and MkDocs' events,
and keeps what one build needs on its own instance (MkDocs makes a new
instance for each build, also under ``serve``):

* ``on_config``: check the data and the hand-written pages; stop the build
  with every message when anything is wrong (no half-built site), or under
  the preview show the messages as the site. Build the site in memory and put
  its pages in the navigation.
* ``on_files``: add the generated pages and files.
* ``on_page_content``: put each generated page's finished HTML in place
  (Markdown never re-parses it); check hand-written pages for markup that runs
  or loads something.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core import check_data
from ..core.clock import parse_day, resolve_today
from ..core.loader import read_data
from ..core.problems import Problem
from ..editor.cms import admin_files
from ..editor.problems import editor_problems
from ..site.assemble import Site
from ..site.content import page_problems, unsafe_files
from ..site.outputs import Publication
from ..site.paths import DUTCH_SEARCH, OFFLINE_DOWNLOAD
from ..site.render import RenderedPage, RenderSettings, problems_page
from .config import WegwijzerConfig

log = get_plugin_logger(__name__)


class WegwijzerPlugin(BasePlugin[WegwijzerConfig]):
    """Adds the pages and files generated from data/ to the build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Optional[Site] = None
        self.problems: list[Problem] = []
        self.schemas = None
        self.bodies: dict[str, str] = {}
        self.root = Path(".")

    # -- events ------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the data and the hand-written pages before MkDocs does any work."""
        self.root = Path(config.config_file_path).resolve().parent
        data_dir = Path(self.config.data_dir) if self.config.data_dir else self.root / "data"
        today = parse_day(self.config.today, what="today") if self.config.today else resolve_today()
        own_schemas = data_dir / "schema"
        result = check_data(data_dir, today=today,  # messages name files as data/…
                            schema_dir=own_schemas if own_schemas.is_dir() else self.root / "data" / "schema")
        for problem in result.warnings:
            log.info(problem.format())
        config.watch.append(str(data_dir))  # the preview rebuilds when a data file changes
        self.problems = unsafe_files(Path(config.docs_dir)) + result.errors
        self.schemas = result.schemas
        if self.problems:
            if self.config.preview:  # show the editor what to fix in the browser, and keep watching
                config.nav = [{"Fouten in de gegevens": "index.md"}]
                dataset, _ = read_data(data_dir, data_dir.parent if data_dir.name == "data" else None)  # as check_data
                self.problems = editor_problems(self.problems, dataset, result.schemas)
                return config
            for problem in self.problems:
                log.error(problem.format())
            raise Abort(f"{len(self.problems)} fout(en) in de gegevens of in content/; de site is niet gebouwd.")
        publication = Publication(config.site_name, config.site_url or "", config.use_directory_urls)
        settings = RenderSettings(publication, repo_url=self.config.repo_url, branch=self.config.branch,
                                  offline_zip=OFFLINE_DOWNLOAD if self._attached_zip() else None)
        self.site = Site.with_history(result, settings, today=today, template_dir=Path(config.theme.custom_dir),
                                      repository=self.root, data_dir=data_dir)
        config.nav = self.site.navigation(config.nav or [])
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages, the data script, feeds, open data and (on the published site) the editor."""
        if self.site is None:  # the data has errors: only the page that lists them, and the editor to fix them
            for file in [f for f in files if f.is_documentation_page()]:
                files.remove(file)
            self._add_page(files, config, problems_page(self.problems, Path(config.theme.custom_dir)), deliberate=True)
            if self.schemas is not None:
                self._add_editor(files, config)
            return files
        for page in self.site.pages:
            self._add_page(files, config, page)
        zip_file = self._attached_zip()
        if zip_file is not None:  # trainers download the offline version from the site itself
            _replace(files, File.generated(config, OFFLINE_DOWNLOAD, abs_src_path=str(zip_file)), deliberate=True)
        if not self.config.offline:  # the editor needs GitHub (or the local backend): not in the offline zip
            self._add_editor(files, config)
        for src_uri, content in self.site.files().items():
            _replace(files, File.generated(config, src_uri, content=content))
        dutch = files.get_file_from_path(DUTCH_SEARCH)  # the theme's copy (overrides/), plus the editors' synonyms
        if dutch is not None:
            _replace(files, File.generated(config, DUTCH_SEARCH, content=self.site.search_support(dutch.content_string)),
                     deliberate=True)
        return files

    def on_page_content(self, html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages: the renderer's HTML replaces the (empty) Markdown output.

        Hand-written pages are checked, and their title is escaped: Material
        prints titles as they are, and a heading may contain `<`.
        """
        generated = self.bodies.get(page.file.src_uri)
        if generated is not None:
            return generated
        if page.file.generated_by is None:
            for problem in page_problems(html_text, page.markdown or "", f"content/{page.file.src_uri}"):
                log.error(problem.format())
            page.meta["title"] = html.escape(html.unescape(page.title or ""), quote=True)
            if self.site is not None:
                html_text = self.site.fill_blocks(html_text, page.file.src_uri)
        return html_text

    # -- helpers -------------------------------------------------------------------------

    def _add_page(self, files: Files, config: MkDocsConfig, page: RenderedPage, deliberate: bool = False) -> None:
        self.bodies[page.src_uri] = page.body
        file = File.generated(config, page.src_uri, content=page.markdown())
        if page.location:
            file.edit_uri = page.location.file
        _replace(files, file, page.location, deliberate)

    def _add_editor(self, files: Files, config: MkDocsConfig) -> None:
        """/admin/: the form editor, configured from the schemas (wegwijzer.editor.cms)."""
        repo = (self.config.repo_url or "").rstrip("/").removeprefix("https://github.com/")
        admin = admin_files(self.schemas, self.root / "node_modules", repo=repo,
                            branch=self.config.branch, site_url=config.site_url or "",
                            auth_url=self.config.editor_auth_url)
        if not admin:
            log.info("admin/ (de editor) niet gemaakt: de npm-pakketten ontbreken; draai `npm ci` (make build doet dat)")
        for path, content in admin.items():
            if isinstance(content, Path):
                _replace(files, File.generated(config, path, abs_src_path=str(content)))
            else:
                _replace(files, File.generated(config, path, content=content))

    def _attached_zip(self) -> Optional[Path]:
        path = self.config.attach_zip
        return Path(path) if path and Path(path).is_file() else None


def _replace(files: Files, file: File, location=None, deliberate: bool = False) -> None:
    """Add a generated file; a hand-written page at the same place is an error, never silently lost."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        if existing.generated_by is None and not deliberate:
            where = f" uit {location.file} regel {location.line}" if location else " uit de gegevens"
            log.error(f"content/{existing.src_uri}: op deze plek komt al een pagina{where}; "
                      "geef het bestand in content/ een andere naam, of kies een ander id")
        files.remove(existing)
    files.append(file)
