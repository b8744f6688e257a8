"""MkDocs adapter: validated data in, generated pages out.

Everything else lives in the ``wegwijzer`` package so the validator, tests
and scripts share it. This file only translates between that package and
MkDocs events:

* ``on_config``: load and validate ``data/``; stop the build with the
  validator's messages when anything is wrong (no half-built site).
* ``on_files``: add one generated page per entity and overview.
* ``on_page_content``: put each generated page's finished HTML in place
  (Markdown never re-parses it: that was a third of the build time).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # hooks are loaded by path, not as an installed package
    sys.path.insert(0, str(PROJECT_ROOT))

from wegwijzer import check_data  # noqa: E402
from wegwijzer.assets import script_assets  # noqa: E402
from wegwijzer.render import RenderSettings, Renderer  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generate_pages")

# The model of the current build, shared between the events of one build.
_state: dict = {}


# ---------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate the data before MkDocs does any work."""
    data_dir = Path(os.environ.get("WEGWIJZER_DATA", PROJECT_ROOT / "data"))
    result = check_data(data_dir, root=PROJECT_ROOT)
    for problem in result.warnings:
        log.info(problem.format())
    if result.toolbox is None:
        for problem in result.errors:
            log.error(problem.format())
        raise Abort(f"De gegevens bevatten {len(result.errors)} fout(en); de site is niet gebouwd.")
    _state.update(toolbox=result.toolbox, schemas=result.schemas)
    if str(data_dir) not in config.watch:  # `mkdocs serve` rebuilds when any data file changes
        config.watch.append(str(data_dir))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the finder's data script."""
    options = config.extra.get("wegwijzer", {})
    settings = RenderSettings(
        use_directory_urls=config.use_directory_urls,
        repo_url=options.get("repo_url"),
        branch=options.get("branch", "main"),
        site_name=config.site_name,
    )
    renderer = Renderer(_state["toolbox"], _state["schemas"], settings)
    _state["bodies"] = {}
    for page in renderer.render_all():
        _state["bodies"][page.src_uri] = page.body
        file = File.generated(config, page.src_uri, content=page.markdown(include_body=False))
        if page.data_file:
            file.edit_uri = page.data_file
        _replace(files, file)
    for src_uri, content in script_assets(_state["toolbox"], renderer).items():
        _replace(files, File.generated(config, src_uri, content=content))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated pages: the renderer's HTML replaces the (empty) Markdown output."""
    return _state.get("bodies", {}).get(page.file.src_uri, html)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"{file.src_uri} wordt gegenereerd uit data/; het bestand in content/ wordt genegeerd")
        files.remove(existing)
    files.append(file)
