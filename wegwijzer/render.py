"""Render the model into pages: one HTML body per page, from Jinja templates.

The renderer decides *which* pages exist and *what* each template gets; the
templates in ``overrides/pages/`` decide the markup. Output is a list of
``RenderedPage`` with a Markdown source path, so MkDocs (through the hook) or
any other generator can place them. Autoescaping is on: data text can only
become markup through the ``markdown`` filter, which sanitizes.
"""

from __future__ import annotations

import html
import json
import posixpath
import urllib.parse
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Optional

import jinja2

from . import model as m
from .kinds import KINDS, Kind
from .review import recently_reviewed
from .schemas import SchemaSet
from .charts import barrier_flow, catalogue_heatmap
from .finder import AGE_BANDS, build_facets
from .textformat import first_sentence, markdown_to_html, plain_text, safe_url, sort_key

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "overrides"


@dataclass(frozen=True)
class RenderSettings:
    """What the pages need to know about the site they are part of."""

    use_directory_urls: bool = True
    repo_url: Optional[str] = None  # e.g. https://github.com/org/repo, for edit links
    branch: str = "main"


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

    def markdown(self) -> str:
        """The page as an (empty) Markdown document with front matter, for MkDocs.

        The body is finished HTML that the MkDocs hook inserts after Markdown
        conversion, so Python-Markdown never re-parses it.

        Material prints ``page.meta.title`` and ``description`` without escaping
        (MkDocs' theme environment has no autoescape), so they go in escaped.
        """
        meta = {"title": html.escape(self.title, quote=True)}
        if self.description:
            meta["description"] = html.escape(self.description, quote=True)
        if self.hide:
            meta["hide"] = list(self.hide)
        if not self.searchable:
            meta["search"] = {"exclude": True}
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        return f"---\n{front}\n---\n"


# ---------------------------------------------------------------------------
# Where each page lives
# ---------------------------------------------------------------------------

FINDER_PAGE = "interventies/index.md"
FIT_PAGE = "passende-interventies.md"
HANDOUT_PAGE = "hand-out.md"
RECENT_PAGE = "recent-gewijzigd.md"
DATA_SCRIPT = "assets/javascripts/wegwijzer-data.js"  # written by wegwijzer.assets
SCRIPT_FOLDER = "assets/javascripts/wegwijzer/"  # one classic script per concern, loaded by the pages that use it
LUNR_SCRIPTS = (  # lunr with the Dutch stemmer: only on pages that search text
    "assets/javascripts/vendor/lunr.min.js",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",  # shipped by Material
    "assets/javascripts/lunr/min/lunr.nl.min.js",  # Material's path, overridden: see scripts/lunr-nl-fixpoint.js
)
FACTOR_TABLE_PAGE = "matrices/interventies-en-factoren.md"
STEP_TABLE_PAGE = "matrices/interventies-en-barrieremodel.md"
# Pages that list every intervention again: searching them would only duplicate the entity pages.
AGGREGATE_PAGES = {"catalogue", "handout", "cross_table"}
WIDE_PAGES = {name: ("navigation", "toc") for name in ("matrix", "catalogue", "fit", "cross_table")}


def overview_path(kind: Kind) -> str:
    return kind.overview_page


def page_path(target: Any) -> str:
    """Markdown source path of an entity's page (its ancestor's, for kinds shown there), or a path as given."""
    if isinstance(target, str):
        return target
    return target.data_kind.page_for(target.id) or page_path(target.parent)


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


def relative_url(url: str, from_url: str) -> str:
    """Link from one page URL to another (same rule as ``mkdocs.utils.get_relative_url``)."""
    base = from_url
    head, tail = posixpath.split(base)
    if "." in tail:
        base = head
    relative = posixpath.relpath("/" + url, "/" + base) if url else posixpath.relpath("/", "/" + base)
    if url.endswith("/") or url == "":
        relative = relative.rstrip("/") + "/"
    if relative == "./":
        return "./"
    return relative


# ---------------------------------------------------------------------------
# The renderer
# ---------------------------------------------------------------------------


class Renderer:
    """Renders every page of a toolbox with the templates in ``overrides/pages``."""

    def __init__(self, toolbox: m.Toolbox, schemas: SchemaSet, settings: RenderSettings = RenderSettings(),
                 template_dir: Path = TEMPLATE_DIR):
        self.toolbox = toolbox
        self.schemas = schemas
        self.settings = settings
        self.env = template_environment(template_dir)
        self.env.filters.update(
            markdown=markdown_to_html,
            teaser=first_sentence,
            plain=plain_text,
            by_name=lambda items: sorted(items, key=lambda item: sort_key(item.name)),
            label=self.label,
            ages=format_ages,
            safe_url=safe_url,
        )
        self.env.globals.update(labels=self.labels, age_bands=AGE_BANDS, zip=zip, data_script=DATA_SCRIPT,
                                anchor_of=anchor_of, lunr_scripts=LUNR_SCRIPTS, script_folder=SCRIPT_FOLDER)

    # -- vocabulary --------------------------------------------------------

    @cached_property
    def labels(self) -> dict[str, dict[str, str]]:
        s = self.schemas
        return {
            "format": s.labels("format"),
            "target_group": s.labels("target_group"),
            "role": s.labels("role"),
            "prevention_level": s.labels("prevention_level"),
            "delivery": s.labels("delivery"),
            "status": s.labels("status"),
            "evidence": {value: value for value in s.definitions["evidence"]["enum"]},
            "factor_kind": s.property_labels("factors.schema.json", "factors", "[]", "kind"),
            "factor_domain": s.property_labels("factors.schema.json", "factors", "[]", "domain"),
            "partner_kind": s.property_labels("partners.schema.json", "partners", "[]", "kind"),
            "barrier_kind": s.property_labels("barriers.schema.json", "barrier_models", "[]", "steps", "[]",
                                              "barriers", "[]", "kind"),
        }

    def label(self, value: str, vocabulary: str) -> str:
        return self.labels[vocabulary].get(value, value)

    # -- pages ---------------------------------------------------------------

    def render_all(self) -> list[RenderedPage]:
        """Every generated page, in a stable order."""
        pages: list[RenderedPage] = []
        for kind in KINDS:
            entities = list(self.toolbox.of_kind(kind.name).values())
            if kind.has_pages:
                pages += [self._entity_page(kind, entity) for entity in entities]
            if kind.overview is not None:
                overview = kind.overview
                context = {kind.collection: entities, **self._overview_extras(overview.template)}
                pages.append(self.page(overview_path(kind), overview.template, overview.title, overview.description,
                                       **context))
        pages += self._special_pages()
        return sorted(pages, key=lambda page: page.src_uri)

    def _entity_page(self, kind: Kind, entity: m.Entity) -> RenderedPage:
        extras = {"flow": barrier_flow(entity)} if kind.name == "barrier-model" else {}
        # Entity pages are outside the nav: its sidebar would be empty.
        return self.page(page_path(entity), kind.page_template, _title_of(entity), description_of(entity),
                         location=entity.location, hide=("navigation", "toc"),
                         **{kind.name.replace("-", "_"): entity}, entity=entity, **extras)

    def _overview_extras(self, template: str) -> dict[str, Any]:
        if template != "catalogue":
            return {}
        t = self.toolbox
        return {"interventions": sorted(t.interventions.values(), key=lambda i: sort_key(i.name)),
                "facets": build_facets(t, self.labels),
                "heatmap": catalogue_heatmap(t, self.labels["prevention_level"])}

    def _special_pages(self) -> list[RenderedPage]:
        t = self.toolbox
        steps_and_barriers = ([(s, f"{s.title}") for s in t.steps.values()]
                              + [(b, f"Barrière: {b.name}") for bm in t.barrier_models.values()
                                 for b in bm.unplaced_barriers])
        return [
            self._cross_table(FACTOR_TABLE_PAGE, "interventies-en-factoren", "Interventies en factoren",
                              "Welke interventies werken op welke risico- en beschermende factoren.", "factoren",
                              [(f, f.name) for f in sorted(t.factors.values(), key=lambda f: (f.kind != "risico", sort_key(f.name)))],
                              lambda i: set(i.factors)),
            self._cross_table(STEP_TABLE_PAGE, "interventies-en-barrieremodel", "Interventies en het barrièremodel",
                              "Welke interventies horen bij welke stap of barrière van het barrièremodel. Barrières "
                              "die nog niet aan een stap gekoppeld zijn, staan als eigen kolom.", "stappen en barrières",
                              steps_and_barriers, lambda i: set(i.steps) | set(i.barriers)),
            self.page(FIT_PAGE, "fit", "Welke interventies passen bij onze situatie?",
                      "Rangschik interventies naar risico- en beschermende factoren, leeftijd, stap en regio.",
                      factors=list(t.factors.values())),
            self.page(RECENT_PAGE, "recent", "Recent gecontroleerd",
                      "Wat redacteuren het laatst hebben nagekeken of bijgewerkt.",
                      entries=[(e, e.data_kind.label) for e in recently_reviewed(t)]),
            self.page(HANDOUT_PAGE, "handout", "Hand-out", "Geselecteerde interventies om te printen.",
                      interventions=sorted(t.interventions.values(), key=lambda i: sort_key(i.name))),
        ]

    def _cross_table(self, src_uri: str, table_id: str, title: str, intro: str, column_noun: str,
                     columns: list[tuple[Any, str]], linked: Any) -> RenderedPage:
        """Interventions × one kind of entity; rows only for interventions linked to any column."""
        rows = []
        for intervention in sorted(self.toolbox.interventions.values(), key=lambda i: sort_key(i.name)):
            targets = linked(intervention)
            marks = [column in targets for column, _ in columns]
            if any(marks):
                rows.append((intervention, marks))
        return self.page(src_uri, "cross_table", title, intro, table_id=table_id, intro=intro,
                         column_noun=column_noun, columns=columns, rows=rows)

    def page(self, src_uri: str, template: str, title: str, description: str = "",
             location: Optional[m.Location] = None, hide: Optional[tuple[str, ...]] = None,
             **context: Any) -> RenderedPage:
        """Render one page; ``template`` names a file in ``overrides/pages/``."""
        here = page_url(src_uri, self.settings.use_directory_urls)
        helpers = {
            "href": lambda target, anchor="": self._href(target, here, anchor),
            "asset": lambda path: relative_url(path, here),
            "root": relative_url("", here),
            "edit_links": self.edit_links(location, title),
            "page_title": title,
            "toolbox": self.toolbox,
        }
        body = self.env.get_template(f"pages/{template}.html").render(**helpers, **context)
        return RenderedPage(src_uri=src_uri, title=title, body=body, description=description, location=location,
                            hide=hide or WIDE_PAGES.get(template, ("toc",)),
                            searchable=template not in AGGREGATE_PAGES)

    def _href(self, target: Any, here: str, anchor: str = "") -> str:
        url = page_url(page_path(target), self.settings.use_directory_urls)
        link = relative_url(url, here)
        if not anchor and not isinstance(target, str) and not target.data_kind.has_pages:
            anchor = anchor_of(target)  # shown on an ancestor's page
        return link + (f"#{anchor}" if anchor else "")

    def edit_links(self, location: Optional[m.Location], title: str) -> dict[str, str]:
        repo = self.settings.repo_url
        if not repo or location is None:
            return {}
        base = repo.rstrip("/")
        body = (
            f"Pagina: {title}\nBron: {location.file} (regel {location.line})\n\n"
            "Wat klopt er niet of wat ontbreekt?\n\n"
        )
        query = urllib.parse.urlencode({"title": f"Wijziging voorstellen: {title}", "body": body,
                                        "labels": "inhoud"})
        return {
            "edit": f"{base}/edit/{self.settings.branch}/{location.file}",
            "view": f"{base}/blob/{self.settings.branch}/{location.file}#L{location.line}",
            "suggest": f"{base}/issues/new?{query}",
            "file": location.file,
            "line": str(location.line),
        }


def template_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """Jinja with autoescaping on: data text becomes markup only through the sanitizing ``markdown`` filter."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def problems_page(problems: list) -> RenderedPage:
    """What `wegwijzer serve` shows instead of the site while the data has errors."""
    body = template_environment().get_template("pages/problems.html").render(problems=problems)
    return RenderedPage("index.md", "Fouten in de gegevens", body, hide=("navigation", "toc"), searchable=False)


def _title_of(entity: Any) -> str:
    if entity.data_kind.name == "step":
        return f"{entity.title} — {entity.model.name}"
    return entity.name


def description_of(entity: Any) -> str:
    """One sentence for the page's meta description (and the benchmark's baseline lists)."""
    for attribute in ("summary", "intro", "role"):
        text = getattr(entity, attribute, None)
        if text:
            return first_sentence(text, 160)
    return ""


def format_ages(entity: Any) -> str:
    low, high = getattr(entity, "age_min", None), getattr(entity, "age_max", None)
    if low is not None and high is not None:
        return f"{low}–{high} jaar"
    if low is not None:
        return f"vanaf {low} jaar"
    if high is not None:
        return f"tot en met {high} jaar"
    return ""
