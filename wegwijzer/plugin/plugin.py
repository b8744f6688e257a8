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
* ``on_env``: Material's navigation is rendered once per folder of pages, not once per page.

Under the live preview (``preview.py``) the instance also keeps what an
update after a save needs: the checked data, the site with what each page
read, MkDocs' files, navigation and template environment, and the search
index's entries per page; the preview hands it the history and renderer of
the previous build, so neither is read or compiled again.
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

from ..core import CheckResult, Reading, check_data
from ..core.clock import parse_day, resolve_today
from ..core.dates import dutch_date
from ..core.history import DataHistory
from ..core.problems import Problem
from ..core.schemas import SchemaSet
from ..editor.cms import admin_files
from ..editor.problems import editor_problems
from ..project import Project
from ..site.assemble import Site
from ..site.content import content_problems, page_problems
from ..site.outputs import Publication
from ..site.paths import DUTCH_SEARCH, OFFLINE_DOWNLOAD
from ..site.render import RenderedPage, Renderer, RenderSettings, problems_page
from .config import WegwijzerConfig
from .fragments import share_navigation
from .search import PageIndex

log = get_plugin_logger(__name__)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'  # Material's partials/search.html
NAMED_SEARCH_DIALOG = SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Zoeken"')


class WegwijzerPlugin(BasePlugin[WegwijzerConfig]):
    """Adds the pages and files generated from data/ to the build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Optional[Site] = None
        self.problems: list[Problem] = []
        self.bodies: dict[str, str] = {}
        self.root = Path(".")
        # Handed over by the live preview from its previous build (kept across builds):
        self.history: Optional[DataHistory] = None
        self.renderer: Optional[Renderer] = None
        self.reading: Optional[Reading] = None  # what checking the data read, kept for the next check
        # Kept for the live preview's updates after a save (preview.py):
        self.result: Optional[CheckResult] = None
        self.data_dir = self.schema_dir = Path(".")
        self.today = None
        self.files: Optional[Files] = None
        self.nav = None
        self.env = None
        self.search_index: Optional[PageIndex] = None
        self.theme_search_support = ""  # the theme's Dutch search support, before the synonyms are added
        self.filled_pages: dict[str, tuple[str, str]] = {}  # content/ pages with data blocks: HTML before and after

    # -- events ------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the data and the hand-written pages before MkDocs does any work."""
        if not self.config.checked:  # plain `mkdocs build`: MkDocs has read mkdocs.yml itself, unchecked
            raise Abort("Bouw de site met `wegwijzer build` (of `make build`) en bekijk hem met `wegwijzer serve`: "
                        "alleen dan wordt mkdocs.yml eerst veilig gelezen en gecontroleerd.")
        self.root = Path(config.config_file_path).resolve().parent
        self.data_dir = Path(self.config.data_dir) if self.config.data_dir else self.root / "data"
        self.today = parse_day(self.config.today, what="today") if self.config.today else resolve_today()
        self.schema_dir = Project(self.root).schema_dir_for(self.data_dir)
        self.result = result = check_data(self.data_dir, today=self.today, schema_dir=self.schema_dir,
                                          reading=self.reading)
        for problem in result.warnings:  # messages name files as data/…
            log.info(problem.format())
        config.watch.append(str(self.data_dir))  # the preview rebuilds when a data file changes
        self.problems = content_problems(Path(config.docs_dir), result.toolbox, config.use_directory_urls) + result.errors
        if self.problems:
            if self.config.preview:  # show the editor what to fix in the browser, and keep watching
                config.nav = [{"Fouten in de gegevens": "index.md"}]
                if result.schemas is not None:  # name form, entry and field, with a link into the form editor
                    self.problems = editor_problems(self.problems, result.dataset, result.schemas)
                return config
            for problem in self.problems:
                log.error(problem.format())
            raise Abort(f"{len(self.problems)} fout(en) in de gegevens of in content/; de site is niet gebouwd.")
        publication = Publication(config.site_name, config.site_url or "", config.use_directory_urls,
                                  **({"data_licence": self.config.data_licence} if self.config.data_licence else {}))
        version = parse_day(self.config.version_date, what="version_date") if self.config.version_date else None
        settings = RenderSettings(publication, repo_url=self.config.repo_url, branch=self.config.branch,
                                  offline_zip=OFFLINE_DOWNLOAD if self._attached_zip() else None,
                                  offline_version=version if self.config.offline else None)
        self.history = self.history or DataHistory(self.root, self.data_dir)
        self.site = Site.with_history(result, settings, today=self.today, template_dir=Path(config.theme.custom_dir),
                                      history=self.history, renderer=self.renderer, record_reads=self.config.preview)
        for problem in self.history.problems:  # what the history holds that could not be read: reported, never fatal
            log.info(problem.format())
        config.nav = self.site.navigation(config.nav or [])
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages, the data script, feeds, open data and (on the published site) the editor."""
        self.files = files
        search = config.plugins.get("material/search")
        if getattr(search, "search_index", None) is not None:  # Material's index, reading each page once (search.py)
            search.search_index = self.search_index = PageIndex(**search.config)
        if self.site is None:  # the data has errors: only the page that lists them (and the form editor, to fix them)
            for file in [f for f in files if f.is_documentation_page()]:
                files.remove(file)
            self._add_page(files, config, problems_page(self.problems, Path(config.theme.custom_dir)), deliberate=True)
            if self.result is not None and self.result.schemas is not None and not self.config.offline:
                self._add_editor(files, config, self.result.schemas)
            return files
        for page in self.site.pages:
            self._add_page(files, config, page)
        zip_file = self._attached_zip()
        if zip_file is not None:  # trainers download the offline version from the site itself
            _replace(files, File.generated(config, OFFLINE_DOWNLOAD, abs_src_path=str(zip_file)), deliberate=True)
        if not self.config.offline:  # the editor needs GitHub (or the local backend): not in the offline zip
            self._add_editor(files, config, self.site.listings.vocabulary.schemas)
        for src_uri, content in self.site.files().items():
            _replace(files, File.generated(config, src_uri, content=content))
        dutch = files.get_file_from_path(DUTCH_SEARCH)  # the theme's copy (overrides/), plus the editors' synonyms
        if dutch is not None:
            self.theme_search_support = dutch.content_string
            _replace(files, File.generated(config, DUTCH_SEARCH, content=self.site.search_support(dutch.content_string)),
                     deliberate=True)
        return files

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.nav = nav
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Material's navigation and tabs rendered once per folder of pages outside the navigation (fragments.py);
        the offline copy says on every page which day its content is from (overrides/main.html)."""
        share_navigation(env, self.nav)
        if self.site is not None and self.site.settings.offline_version is not None:
            env.globals["offline_version"] = dutch_date(self.site.settings.offline_version)
        self.env = env
        return env

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
                filled = self.site.fill_blocks(html_text, page.file.src_uri)
                if filled != html_text:
                    self.filled_pages[page.file.src_uri] = (html_text, filled)
                html_text = filled
        return html_text

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Name Material's search dialog (its partial has no name: axe "aria-dialog-name")."""
        return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """The same for pages made from a theme template alone (404.html)."""
        return output_content.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)

    # -- helpers -------------------------------------------------------------------------

    def _add_page(self, files: Files, config: MkDocsConfig, page: RenderedPage, deliberate: bool = False) -> None:
        self.bodies[page.src_uri] = page.body
        file = File.generated(config, page.src_uri, content=page.markdown())
        if page.location:
            file.edit_uri = page.location.file
        _replace(files, file, page.location, deliberate)

    def _add_editor(self, files: Files, config: MkDocsConfig, schemas: SchemaSet) -> None:
        """/admin/: the form editor, configured from the schemas (wegwijzer.editor.cms)."""
        repo = (self.config.repo_url or "").rstrip("/").removeprefix("https://github.com/")
        admin = admin_files(schemas, Project(self.root).node_modules, repo=repo,
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
