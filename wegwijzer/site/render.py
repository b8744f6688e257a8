"""Render page specs into HTML bodies with the Jinja templates in ``overrides/pages/``.

``pages.py`` decides which pages exist and what each template gets; the
templates decide the markup; this module only renders. Autoescaping is on:
data text can only become markup through the ``markdown`` filter, which
sanitizes. A ``RenderedPage`` carries a Markdown source path, so MkDocs
(through the plugin) or any other generator can place it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

import jinja2

from ..core import model as m
from ..core.changes import Change
from ..core.dates import dutch_date, dutch_moment
from ..core.textformat import counted, first_sentence, markdown_to_html, plain_text, safe_url, sort_key
from .charts import barrier_flow, dutch_number, series_chart
from .facts import card_facts, evidence, format_ages, ordered_outcomes
from .listings import Listings
from .outputs import Outputs, Publication
from .pages import PageSpec
from .paths import (DATA_SCRIPT, LUNR_SCRIPTS, SCRIPT_FOLDER, VENDOR_FOLDER, anchor_of, file_table, overview, page_path,
                    page_table, page_url, relative_url)
from .vocabulary import Vocabulary

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides"


@dataclass(frozen=True)
class RenderSettings:
    """What the pages need to know about the site they are part of."""

    publication: Publication
    repo_url: Optional[str] = None  # e.g. https://github.com/org/repo, for edit links
    branch: str = "main"
    offline_zip: Optional[str] = None  # path in the site of the offline version's zip, when this build has one
    offline_version: Optional[dt.date] = None  # in the offline copy: the day its content is from


@dataclass
class RenderedPage:
    """One generated page: where it goes, its title and its HTML body."""

    src_uri: str
    title: str
    body: str
    description: str = ""
    location: Optional[m.Location] = None  # where in data/ an editor changes this page
    hide: tuple[str, ...] = ()  # Material sidebars to hide ("navigation", "toc") on wide pages
    searchable: bool = True  # pages that repeat every entry stay out of the search index
    search_boost: float = 1.0  # thin pages rank below substantive ones in the site search
    reads: Optional["PageReads"] = None  # what it read of the model, when that was recorded (the live preview)

    @property
    def heading(self) -> tuple:
        """Everything about the page except its body: when this differs, so does the page."""
        return self.title, self.description, self.location, self.hide, self.searchable

    def markdown(self) -> str:
        """The page as an (empty) Markdown document with front matter, for MkDocs.

        The body is finished HTML that the plugin inserts after Markdown
        conversion, so Python-Markdown never re-parses it. Material prints
        ``page.meta.title`` and ``description`` without escaping (MkDocs' theme
        environment has no autoescape), so they go in escaped.
        """
        meta: dict[str, Any] = {"title": html.escape(self.title, quote=True)}
        if self.description:
            meta["description"] = html.escape(self.description, quote=True)
        if self.hide:
            meta["hide"] = list(self.hide)
        if not self.searchable:
            meta["search"] = {"exclude": True}
        elif self.search_boost != 1.0:
            meta["search"] = {"boost": self.search_boost}
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        return f"---\n{front}\n---\n"


@dataclass(frozen=True)
class PageReads:
    """What rendering a page read of the model, by kind and id: it stays the same while none of these changes."""

    entities: frozenset[tuple[str, str]]
    collections: frozenset[str]  # kinds whose whole list the page looked at (membership and order)
    everything: bool  # a listing computed once for all pages, or a page of the whole toolbox

    @classmethod
    def of(cls, reads: m.Reads, spec: PageSpec) -> "PageReads":
        return cls(frozenset((e.data_kind.name, e.id) for e in reads.entities),
                   frozenset(reads.collections) | frozenset(spec.lists), reads.everything or spec.whole_toolbox)

    def affected_by(self, entities: set[tuple[str, str]], collections: set[str], anything: bool) -> bool:
        """Would a page with these reads come out differently? ``anything``: did the data or its history change."""
        return (self.everything and anything) or not self.entities.isdisjoint(entities) \
            or not self.collections.isdisjoint(collections)


class _WholeToolbox:
    """The listings as templates see them: they are worked out once for all pages, so a page that
    reads them depends on the whole toolbox."""

    def __init__(self, listings: Listings):
        self._listings = listings

    def __getattr__(self, name: str) -> Any:
        m.read_everything()
        return getattr(self._listings, name)


def urgent_first(lines: Iterable) -> list:
    """Helplines for emergencies first; otherwise in the order they are given."""
    return sorted(lines, key=lambda line: not line.urgent)


class Renderer:
    """Renders page specs (and the data blocks of hand-written pages) with one template environment.

    The environment (and its compiled templates) outlives one data set: the
    live preview binds the renderer to each new data set (``bind``) instead
    of compiling every template again.
    """

    def __init__(self, settings: RenderSettings, *, template_dir: Path = TEMPLATE_DIR):
        self.settings, self.template_dir = settings, template_dir
        self.use_directory_urls = settings.publication.use_directory_urls
        self.env = template_environment(template_dir)
        self.env.filters.update(
            markdown=markdown_to_html, teaser=first_sentence, plain=plain_text,
            label=lambda value, vocabulary: self.vocabulary.label(value, vocabulary),
            by_name=lambda items: sorted(items, key=lambda item: sort_key(item.name)), ages=format_ages,
            safe_url=safe_url, dutch_date=dutch_date, dutch_moment=dutch_moment, dutch_number=dutch_number,
            urgent_first=urgent_first, counted=counted)
        self.env.tests["past"] = lambda event: event.is_past(self.listings.today)
        self.env.globals.update(
            pages=page_table(), files=file_table(), overview=overview, zip=zip, data_script=DATA_SCRIPT,
            anchor_of=anchor_of, lunr_scripts=LUNR_SCRIPTS, script_folder=SCRIPT_FOLDER, vendor_folder=VENDOR_FOLDER,
            card_facts=lambda i: card_facts(i, self.vocabulary), is_old=lambda e: self.listings.is_old(e),
            site_address=settings.publication.site_url, site_name=settings.publication.site_name,
            publication=settings.publication, changed_on=lambda entity: self.changed.get(id(entity)),
            series_chart=series_chart, barrier_flow=barrier_flow,
            ordered_outcomes=lambda recognition: ordered_outcomes(recognition, self.vocabulary),
            evidence_of=lambda i: evidence(i, self.vocabulary))

    def bind(self, listings: Listings, outputs: Outputs, changed: Optional[dict[int, dt.date]] = None) -> "Renderer":
        """Render from this data set (its listings, outputs and the days its entries changed) from now on."""
        self.toolbox, self.listings, self.outputs = listings.toolbox, listings, outputs
        self.vocabulary: Vocabulary = listings.vocabulary
        self.changed = changed or {}
        self.env.globals.update(vocabulary=self.vocabulary, listings=_WholeToolbox(listings))
        return self

    def render(self, spec: PageSpec, *, record: bool = False) -> RenderedPage:
        """Render one page; its template is a file in ``overrides/pages/``.

        With ``record``, the page remembers what it read of the model (``PageReads``).
        """
        here = page_url(spec.src_uri, self.use_directory_urls)
        helpers = {
            "href": lambda target, anchor="": self._href(target, here, anchor),
            "asset": lambda path: relative_url(path, here),
            "root": relative_url("", here),
            "edit_links": self.edit_links(spec.location, spec.title),
            "page_title": spec.title,
            "toolbox": self.toolbox,
            "change_link": lambda change: self._change_link(change, here),
        }
        template = self.env.get_template(f"pages/{spec.template}.html")
        reads = None
        if record:
            with m.recording_reads() as recorded:
                body = template.render(**helpers, **spec.context)
            reads = PageReads.of(recorded, spec)
        else:
            body = template.render(**helpers, **spec.context)
        return RenderedPage(spec.src_uri, spec.title, body, spec.description, spec.location, spec.sidebars_hidden,
                            spec.searchable, round(spec.search_weight * search_boost(body), 2), reads)

    BLOCK_MARKER = re.compile(r"<!--\s*wegwijzer:\s*([a-z-]+)\s*-->")

    def fill_blocks(self, html_text: str, src_uri: str) -> str:
        """Replace each ``<!-- wegwijzer: NAME -->`` in a hand-written page by that block of data."""
        return self.BLOCK_MARKER.sub(lambda match: self._block(match.group(1), src_uri), html_text)

    def _block(self, name: str, src_uri: str) -> str:
        lines = urgent_first(self.toolbox.helplines.values())
        return self.render(PageSpec(src_uri, "block", "", context={
            "block": name, "lines": lines[:4], "documents": list(self.toolbox.sources.values()),
            "offline_zip": self.settings.offline_zip, "offline_version": self.settings.offline_version,
            "open_data": self.outputs.open_data_list() if name == "open-data" else []})).body

    def _href(self, target: Any, here: str, anchor: str = "") -> str:
        link = relative_url(page_url(page_path(target), self.use_directory_urls), here)
        if not anchor and not isinstance(target, str) and not target.data_kind.has_pages:
            anchor = anchor_of(target)  # shown on an ancestor's page
        return link + (f"#{anchor}" if anchor else "")

    def _change_link(self, change: Change, here: str) -> str:
        """Where a changed entry is now ("" when it is gone)."""
        entity = self.toolbox.of_kind(change.kind).get(change.entity_id)
        return self._href(entity, here) if entity is not None and page_path(entity) is not None else ""

    def edit_links(self, location: Optional[m.Location], title: str) -> dict[str, str]:
        repo = self.settings.repo_url
        if not repo or location is None:
            return {}
        base = repo.rstrip("/")
        body = f"Pagina: {title}\nBron: {location.file} (regel {location.line})\n\nWat klopt er niet of wat ontbreekt?\n\n"
        query = urllib.parse.urlencode({"title": f"Wijziging voorstellen: {title}", "body": body, "labels": "inhoud"})
        return {"edit": f"{base}/edit/{self.settings.branch}/{location.file}",
                "view": f"{base}/blob/{self.settings.branch}/{location.file}#L{location.line}",
                "suggest": f"{base}/issues/new?{query}", "file": location.file, "line": str(location.line)}


def search_boost(body: str) -> float:
    """How a page ranks in the site search by how much it says (text outside data-search-exclude parts)."""
    searchable = re.sub(r"<(aside|section|nav|p|ul|dl|figure|table)\b[^>]*data-search-exclude.*?</\1>", " ", body,
                        flags=re.S)
    length = len(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", searchable)).strip())
    return 0.5 if length < 400 else 1.0 if length < 2000 else 1.5


def template_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """Jinja with autoescaping on: data text becomes markup only through the sanitizing ``markdown`` filter.

    Templates are read once per environment (no check of the file on every use): a change to a template
    starts a new build, and so a new environment.
    """
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=False, auto_reload=False)


def problems_page(problems: list, template_dir: Path = TEMPLATE_DIR) -> RenderedPage:
    """What `wegwijzer serve` shows instead of the site while the data has errors."""
    body = template_environment(template_dir).get_template("pages/problems.html").render(problems=problems)
    return RenderedPage("index.md", "Fouten in de gegevens", body, hide=("navigation", "toc"), searchable=False)
