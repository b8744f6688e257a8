"""MkDocs adapter: validated data in, generated pages out.

Everything else lives in the installed ``wegwijzer`` package so the validator,
tests and the command line share it. This file only translates between that
package and MkDocs events:

* ``on_config``: load and validate ``data/`` ("today" is resolved here, at the
  program boundary) and refuse unsafe files in ``content/``; stop the build
  with the messages when anything is wrong (no half-built site). Under
  ``wegwijzer serve`` the messages become the page the browser shows instead.
  Put each kind's overview page in the navigation where the registry says.
* ``on_files``: add one generated page per entity and overview, and the
  generated files (data script, feeds, calendar, open data).
* ``on_page_content``: put each generated page's finished HTML in place
  (Markdown never re-parses it); check hand-written pages for markup that runs
  or loads something.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from wegwijzer import check_data
from wegwijzer.assets import script_assets, search_support
from wegwijzer.changes import content_changes
from wegwijzer.clock import resolve_today
from wegwijzer.cms import admin_files
from wegwijzer.content import page_problems, unsafe_files
from wegwijzer.history import changed_days
from wegwijzer.kinds import KINDS
from wegwijzer.render import OPTIONAL_PAGES, RenderSettings, Renderer, problems_page

log = logging.getLogger("mkdocs.hooks.generate_pages")
DUTCH_SEARCH = "assets/javascripts/lunr/min/lunr.nl.min.js"
OFFLINE_DOWNLOAD = "downloads/wegwijzer-offline.zip"

# The model of the current build, shared between the events of one build.
_state: dict = {}


# ---------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate the data and the hand-written pages before MkDocs does any work."""
    root = Path(config.config_file_path).resolve().parent
    data_dir = Path(os.environ.get("WEGWIJZER_DATA") or root / "data")
    today = resolve_today()
    result = check_data(data_dir, today=today)  # messages name files as data/…
    problems = unsafe_files(Path(config.docs_dir)) + result.errors
    for problem in result.warnings:
        log.info(problem.format())
    _state.clear()
    if problems:
        if os.environ.get("WEGWIJZER_SERVE"):  # show the editor what to fix in the browser, and keep watching
            _state["problems"] = problems
            config.nav = [{"Fouten in de gegevens": "index.md"}]
            config.watch.append(str(data_dir))
            return config
        else:
            for problem in problems:
                log.error(problem.format())
            raise Abort(f"{len(problems)} fout(en) in de gegevens of in content/; de site is niet gebouwd.")
    _state.update(toolbox=result.toolbox, schemas=result.schemas, today=today, root=root, data_dir=data_dir)
    if os.environ.get("WEGWIJZER_SITE_URL"):
        config.site_url = os.environ["WEGWIJZER_SITE_URL"]
    config.nav = _with_overviews(config.nav or [])
    if str(data_dir) not in config.watch:  # `mkdocs serve` rebuilds when any data file changes
        config.watch.append(str(data_dir))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the finder's data script."""
    if "problems" in _state:  # only the page that lists them: the others link to pages that cannot be built
        for file in [f for f in files if f.is_documentation_page()]:
            files.remove(file)
        page = problems_page(_state["problems"])
        _state["bodies"] = {page.src_uri: page.body}
        _replace(files, File.generated(config, page.src_uri, content=page.markdown()), deliberate=True)
        return files
    options = config.extra.get("wegwijzer", {})
    settings = RenderSettings(
        use_directory_urls=config.use_directory_urls,
        repo_url=options.get("repo_url"),
        branch=options.get("branch", "main"),
        site_url=config.site_url or "",
        offline_zip=OFFLINE_DOWNLOAD if _offline_zip() else None,
    )
    toolbox, today = _state["toolbox"], _state["today"]
    changed = changed_days((e for kind in toolbox.entities.values() for e in kind.values()),
                           repository=_state["root"], data_dir=_state["data_dir"], today=today)
    changes = content_changes(_state["root"], _state["data_dir"], _state["schemas"], today)
    renderer = _state["renderer"] = Renderer(toolbox, _state["schemas"], settings, today=today, changed=changed,
                                             changes=changes)
    _state["bodies"] = {}
    for page in renderer.render_all():
        _state["bodies"][page.src_uri] = page.body
        file = File.generated(config, page.src_uri, content=page.markdown())
        if page.location:
            file.edit_uri = page.location.file
        _replace(files, file, page.location)
    if _offline_zip():  # trainers download the offline version from the site itself
        _replace(files, File.generated(config, OFFLINE_DOWNLOAD, abs_src_path=str(_offline_zip())), deliberate=True)
    generated = set(_state["bodies"])
    config.nav = _without(config.nav, OPTIONAL_PAGES - generated)  # a page without content is not made, nor listed
    if not os.environ.get("OFFLINE"):  # the editor needs GitHub (or the local backend): not in the offline zip
        _add_admin(files, config, options)
    for src_uri, content in {**script_assets(toolbox, renderer), **renderer.extra_files()}.items():
        _replace(files, File.generated(config, src_uri, content=content))
    dutch = files.get_file_from_path(DUTCH_SEARCH)  # the theme's copy (overrides/), plus the editors' synonyms
    if dutch is not None:
        _replace(files, File.generated(config, DUTCH_SEARCH, content=search_support(toolbox, dutch.content_string)),
                 deliberate=True)
    return files


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated pages: the renderer's HTML replaces the (empty) Markdown output.

    Hand-written pages are checked, and their title is escaped: Material prints
    titles as they are, and a heading may contain `<`.
    """
    generated = _state.get("bodies", {}).get(page.file.src_uri)
    if generated is not None:
        return generated
    if page.file.generated_by is None:
        shown = f"content/{page.file.src_uri}"
        for problem in page_problems(html_text, page.markdown or "", shown):
            log.error(problem.format())
        page.meta["title"] = html.escape(html.unescape(page.title or ""), quote=True)
        if "renderer" in _state:
            html_text = _state["renderer"].fill_blocks(html_text, page.file.src_uri)
    return html_text


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


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


def _add_admin(files: Files, config: MkDocsConfig, options: dict) -> None:
    """/admin/: the form editor, configured from the schemas (wegwijzer.cms)."""
    repo = (options.get("repo_url") or "").rstrip("/").removeprefix("https://github.com/")
    admin = admin_files(_state["schemas"], _state["root"] / "node_modules", repo=repo,
                        branch=options.get("branch", "main"), site_url=config.site_url or "",
                        auth_url=options.get("editor_auth_url"))
    if not admin:
        log.info("admin/ (de editor) niet gemaakt: de npm-pakketten ontbreken; draai `npm ci` (make build doet dat)")
    for path, content in admin.items():
        if isinstance(content, Path):
            _replace(files, File.generated(config, path, abs_src_path=str(content)))
        else:
            _replace(files, File.generated(config, path, content=content))


def _offline_zip() -> Path | None:
    """The offline version to offer for download (``wegwijzer build --attach-zip``), if this build has one."""
    path = os.environ.get("WEGWIJZER_OFFLINE_ZIP")
    return Path(path) if path and Path(path).is_file() else None


def _without(nav: list, paths: set[str]) -> list:
    """The navigation without entries for ``paths`` (and without groups left empty)."""
    kept = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, list):
                value = _without(value, paths)
                if value:
                    kept.append({title: value})
            elif value not in paths:
                kept.append(item)
        elif item not in paths:
            kept.append(item)
    return kept


def _with_overviews(nav: list) -> list:
    """The configured navigation with each kind's overview page where the registry puts it.

    Top-level overviews follow the first item (the home page) in registry
    order; others open their group, which is created before the last item
    ("Meer") if the configuration does not have it yet.
    """
    nav = [dict(item) if isinstance(item, dict) else item for item in nav]
    top: list = []
    placed: dict[str, int] = {}  # entries already put at the start of each group
    for kind in KINDS:
        overview = kind.overview
        if overview is None:
            continue
        entry = {overview.nav_title or overview.title: kind.overview_page}
        if overview.nav_group is None:
            top.append(entry)
            continue
        group = next((item for item in nav if isinstance(item, dict) and overview.nav_group in item), None)
        if group is None:
            group = {overview.nav_group: []}
            nav.insert(max(len(nav) - 1, 1), group)
        entries = [e for e in group[overview.nav_group] if e != entry]
        at = placed.get(overview.nav_group, 0)
        group[overview.nav_group] = entries[:at] + [entry] + entries[at:]
        placed[overview.nav_group] = at + 1
    return nav[:1] + top + nav[1:]
