"""Where every page and file of the site lives: one table, read by the renderer, the templates and the navigation.

Entities and overviews are placed by the registry of kinds (``core/kinds.py``);
the pages that belong to no kind are listed here once. Templates link to them
by key (``href(pages.fit)``), the MkDocs plugin puts them in the navigation
from the same entries, and nothing else spells their paths.

The same tables say which places in the built site the build fills itself
(``reserved_places``): an entity's page or a hand-written page in content/
that lands on one of them, or on another's, is an error that names both —
never a page that silently replaces another.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Optional

from ..core.kinds import KIND_BY_NAME, KINDS, NavSpot
from ..core.problems import Problem
from ..editor.cms import ADMIN_FOLDER


@dataclass(frozen=True)
class SitePage:
    """A generated page that is not an entity's or a kind's overview."""

    key: str  # how templates and code name it: pages.<key>
    path: str  # its Markdown source path (the URL follows from it)
    name: str  # what it is, in Dutch messages ("het nieuwsarchief")
    nav: Optional[NavSpot] = None  # None: reached through links, not the navigation
    optional: bool = False  # made only when the data gives it content (an empty page is worse than none)


SITE_PAGES: tuple[SitePage, ...] = (
    SitePage("recent", "recent-gewijzigd.md", "de pagina Recent gecontroleerd",
             NavSpot("Recent gecontroleerd", "Meer"), optional=True),
    SitePage("fit", "passende-interventies.md", "de pagina Welke interventies passen?",
             NavSpot("Welke interventies passen?", "Meer")),
    SitePage("handout", "hand-out.md", "de hand-out"),
    SitePage("compare", "vergelijk.md", "de vergelijking"),
    SitePage("evidence", "wat-werkt-waarvoor.md", "de pagina Wat werkt waarvoor?",
             NavSpot("Wat werkt waarvoor?", "Matrices")),
    SitePage("factor_table", "matrices/interventies-en-factoren.md", "de tabel Interventies en factoren",
             NavSpot("Interventies en factoren", "Matrices"), optional=True),
    SitePage("step_table", "matrices/interventies-en-barrieremodel.md", "de tabel Interventies en barrièremodel",
             NavSpot("Interventies en barrièremodel", "Matrices"), optional=True),
    SitePage("news_archive", "actueel/archief.md", "het nieuwsarchief", optional=True),
    SitePage("changes", "wat-is-er-veranderd.md", "de pagina Wat is er veranderd",
             NavSpot("Wat is er veranderd", "Meer"), optional=True),
)
SITE_PAGE = {page.key: page for page in SITE_PAGES}

# Generated files that are not pages.
NEWS_FEED = "actueel/nieuws.xml"
CALENDAR_FILE = "actueel/agenda.ics"
CHANGES_FEED = "wijzigingen.xml"
DATA_SCRIPT = "assets/javascripts/wegwijzer-data.js"  # written by site/assets.py
SCRIPT_FOLDER = "assets/javascripts/wegwijzer/"  # one classic script per concern, loaded by the pages that use it
VENDOR_FOLDER = "assets/javascripts/vendor/"  # libraries from npm, vendored (scripts/vendor.sh)
LUNR_SCRIPTS = (  # lunr with the Dutch stemmer: only on pages that search text
    "assets/javascripts/vendor/lunr.min.js",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",  # shipped by Material
    "assets/javascripts/lunr/min/lunr.nl.min.js",  # Material's path, overridden: see scripts/lunr-nl-fixpoint.js
)
DUTCH_SEARCH = LUNR_SCRIPTS[2]  # the site search's Dutch support: the editors' synonyms are added to it
OFFLINE_DOWNLOAD = "downloads/wegwijzer-offline.zip"


def kind_page(kind_name: str) -> str:
    """The page listing a kind (its overview), or its one page (the matrix)."""
    kind = KIND_BY_NAME[kind_name]
    return kind.overview_page or kind.page


def overview(kind_name: str) -> tuple[str, str]:
    """A kind's overview page and its title, for "back to" links."""
    kind = KIND_BY_NAME[kind_name]
    return kind.overview_page, kind.overview.title


def page_table() -> SimpleNamespace:
    """``pages.<key>`` for templates: every site page and every kind's overview (``pages.intervention``)."""
    paths = {page.key: page.path for page in SITE_PAGES}
    paths.update({kind.name.replace("-", "_"): kind_page(kind.name) for kind in KINDS
                  if kind.overview is not None or kind.page is not None})
    return SimpleNamespace(**paths)


def file_table() -> SimpleNamespace:
    """``files.<key>`` for templates: the generated files pages link to."""
    return SimpleNamespace(news_feed=NEWS_FEED, calendar=CALENDAR_FILE)


def nav_entries() -> list[tuple[NavSpot, str]]:
    """Every generated page that the navigation lists, with its place: overviews and one-page kinds first."""
    found = [(kind.overview.nav, kind.overview_page) for kind in KINDS if kind.overview is not None]
    found += [(kind.page_nav, kind.page) for kind in KINDS if kind.page_nav is not None]
    return found + [(page.nav, page.path) for page in SITE_PAGES if page.nav is not None]


RESERVED_FOLDERS = {f"{ADMIN_FOLDER}/": "de formulier-editor"}  # filled whole by the build (editor/cms.py)


def reserved_places(use_directory_urls: bool) -> dict[str, str]:
    """Every page address the build fills itself, with what fills it (Dutch): the pages of the table above, also
    the optional ones (made or not, their place stays theirs), and every kind's overview and fixed page.
    (Generated files end in .xml, .json, .csv, .js or .zip: no page lands on them.)"""
    places = {page_url(page.path, use_directory_urls): page.name for page in SITE_PAGES}
    for kind in KINDS:
        if kind.overview_page:
            places[page_url(kind.overview_page, use_directory_urls)] = f"het overzicht van de {kind.plural}"
        if kind.page:
            places[page_url(kind.page, use_directory_urls)] = f"de pagina van de {kind.label}"
    return places


def place_problems(toolbox: Any, content_files: list[str], use_directory_urls: bool) -> list[Problem]:
    """Entity pages and hand-written pages that would land on a reserved place or on each other's."""
    taken = reserved_places(use_directory_urls)

    def owner(url: str) -> Optional[str]:
        return taken.get(url) or next((name for folder, name in RESERVED_FOLDERS.items() if url.startswith(folder)),
                                      None)

    problems = []
    for kind in KINDS:
        if kind.page or not kind.has_pages:
            continue
        for entity in toolbox.of_kind(kind.name).values():
            url = page_url(kind.page_for(entity.id), use_directory_urls)
            there = owner(url)
            if there:
                problems.append(Problem(entity.location.file, entity.location.line, 1, "id",
                                        f"id `{entity.id}` kan niet: op die plek ({url}) staat {there}; kies een ander id",
                                        stage=2))
            else:
                taken[url] = f"een pagina uit {entity.location.file} regel {entity.location.line}"
    for src in sorted(content_files):
        url = page_url(src, use_directory_urls) if src.endswith(".md") else src
        there = owner(url)
        if there:
            problems.append(Problem(f"content/{src}", 1, 1, "", f"op deze plek ({url}) komt al {there}; geef het "
                                                                "bestand in content/ een andere naam", stage=0))
        else:
            taken[url] = f"content/{src}"
    return problems


def page_path(target: Any) -> str:
    """Markdown source path of an entity's page (its ancestor's, for kinds shown there), or a path as given."""
    if isinstance(target, str):
        return target
    own = target.data_kind.page_for(target.id)
    if own:
        return own
    return page_path(target.parent) if target.parent is not None else target.data_kind.overview_page


def anchor_of(target: Any) -> str:
    """The HTML id of an entity where a page lists it, prefixed by its kind so it never equals a heading's id."""
    return f"{target.data_kind.anchor}{target.id}"


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown file (mirrors ``mkdocs.structure.files.File``)."""
    stem, _ = posixpath.splitext(src_uri)
    name = posixpath.basename(stem)
    if not use_directory_urls:
        return stem + ".html"
    if name in ("index", "README"):
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


@lru_cache(maxsize=65536)
def relative_url(url: str, from_url: str) -> str:
    """Link from one page URL to another (same rule as ``mkdocs.utils.get_relative_url``).

    Site paths have no ``.`` or ``..`` parts, so the common folders are found by splitting
    (``posixpath.relpath`` normalises both paths first: a tenth of rendering at 1,000 entries).
    """
    base = from_url
    head, tail = posixpath.split(base)
    if "." in tail:
        base = head
    start, target = [part for part in base.split("/") if part], [part for part in url.split("/") if part]
    if "." in start or ".." in start or "." in target or ".." in target:
        relative = posixpath.relpath("/" + url, "/" + base)
    else:
        common = 0
        while common < min(len(start), len(target)) and start[common] == target[common]:
            common += 1
        relative = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    if url.endswith("/") or url == "":
        relative = relative.rstrip("/") + "/"
    if relative == "./":
        return "./"
    return relative
