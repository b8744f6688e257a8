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
from .review import KIND_LABELS, recently_reviewed
from .schemas import SchemaSet
from .charts import barrier_flow, catalogue_heatmap
from .finder import AGE_BANDS, build_facets
from .textformat import first_sentence, markdown_to_html, plain_text, sort_key

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "overrides"


@dataclass(frozen=True)
class RenderSettings:
    """What the pages need to know about the site they are part of."""

    use_directory_urls: bool = True
    repo_url: Optional[str] = None  # e.g. https://github.com/org/repo, for edit links
    branch: str = "main"
    site_name: str = "Wegwijzer Jeugd en Veiligheid"


@dataclass
class RenderedPage:
    """One generated page: where it goes, its title and its HTML body."""

    src_uri: str
    title: str
    body: str
    description: str = ""
    source: Optional[m.Source] = None
    data_file: Optional[str] = None  # YAML file an editor changes for this page
    hide: tuple[str, ...] = ()  # Material sidebars to hide ("navigation", "toc") on wide pages
    searchable: bool = True  # pages that repeat every entry stay out of the search index

    def markdown(self, include_body: bool = True) -> str:
        """The page as a Markdown document with front matter, for MkDocs.

        The body is finished HTML; an adapter that can insert it after Markdown
        conversion (the MkDocs hook does) passes ``include_body=False`` to spare
        Python-Markdown from re-parsing it.

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
        return f"---\n{front}\n---\n\n{self.body if include_body else ''}\n"


# ---------------------------------------------------------------------------
# Where each kind of entity lives
# ---------------------------------------------------------------------------

SECTIONS = {
    m.Intervention: "interventies",
    m.Theme: "themas",
    m.Factor: "factoren",
    m.Region: "regios",
    m.Programme: "programmas",
    m.Partner: "partners",
    m.BarrierModel: "barrieremodellen",
    m.BarrierStep: "barrieremodellen",
    m.Process: "stappenmodellen",
}
MATRIX_PAGE = "interventiematrix.md"
FINDER_PAGE = "interventies/index.md"
FIT_PAGE = "passende-interventies.md"
HANDOUT_PAGE = "hand-out.md"
RECENT_PAGE = "recent-gewijzigd.md"
DATA_SCRIPT = "assets/javascripts/wegwijzer-data.js"  # written by wegwijzer.assets
FACTOR_TABLE_PAGE = "matrices/interventies-en-factoren.md"
STEP_TABLE_PAGE = "matrices/interventies-en-barrieremodel.md"
# Generated pages have no table of contents worth a sidebar; wide ones drop the navigation too.
# Pages that list every intervention again: searching them would only duplicate the entity pages.
AGGREGATE_PAGES = {"catalogue", "handout", "cross_table"}
WIDE_PAGES = {name: ("navigation", "toc") for name in ("matrix", "catalogue", "fit", "cross_table")}


def page_path(target: Any) -> str:
    """Markdown source path of an entity's page, or ``target`` itself if already a path."""
    if isinstance(target, str):
        return target
    if isinstance(target, m.Matrix):
        return MATRIX_PAGE
    if isinstance(target, m.Barrier):
        return page_path(target.step or target.model)
    return f"{SECTIONS[type(target)]}/{target.id}.md"


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
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters.update(
            markdown=markdown_to_html,
            teaser=first_sentence,
            plain=plain_text,
            by_name=lambda items: sorted(items, key=lambda item: sort_key(item.name)),
            label=self.label,
            ages=format_ages,
        )
        self.env.globals.update(labels=self.labels, settings=settings, age_bands=AGE_BANDS, zip=zip,
                                data_script=DATA_SCRIPT,
                                anchor_of=lambda target: target.id if isinstance(target, m.Barrier) else "")

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
            "factor_kind": s.property_labels("factors.schema.json", "properties", "factors", "items", "kind"),
            "factor_domain": s.property_labels("factors.schema.json", "properties", "factors", "items", "domain"),
            "partner_kind": s.property_labels("partners.schema.json", "properties", "partners", "items", "kind"),
            "barrier_kind": s.property_labels(
                "barriers.schema.json", "properties", "barrier_models", "items", "properties", "steps",
                "items", "properties", "barriers", "items", "kind"),
        }

    def label(self, value: str, vocabulary: str) -> str:
        return self.labels[vocabulary].get(value, value)

    # -- pages ---------------------------------------------------------------

    def render_all(self) -> list[RenderedPage]:
        """Every generated page, in a stable order."""
        t = self.toolbox
        pages: list[RenderedPage] = []
        pages += [self._entity_page("intervention", i, intervention=i) for i in t.interventions.values()]
        pages += [self._entity_page("theme", th, theme=th) for th in t.themes.values()]
        pages += [self._entity_page("factor", f, factor=f) for f in t.factors.values()]
        pages += [self._entity_page("region", r, region=r) for r in t.regions.values()]
        pages += [self._entity_page("programme", p, programme=p) for p in t.programmes.values()]
        pages += [self._entity_page("partner", p, partner=p) for p in t.partners.values()]
        pages += [self._entity_page("barrier_model", bm, barrier_model=bm, flow=barrier_flow(bm))
                  for bm in t.barrier_models.values()]
        pages += [self._entity_page("barrier_step", s, step=s) for s in t.steps.values()]
        pages += [self._entity_page("process", p, process=p) for p in t.processes.values()]
        if t.matrix is not None:
            pages.append(self._entity_page("matrix", t.matrix, matrix=t.matrix))
        pages += self._overview_pages()
        return sorted(pages, key=lambda page: page.src_uri)

    def _overview_pages(self) -> list[RenderedPage]:
        t = self.toolbox
        return [
            self.page(FINDER_PAGE, "catalogue", "Interventies en aanbod",
                      "Alle interventies, instrumenten en regionaal aanbod, te filteren.",
                      interventions=sorted(t.interventions.values(), key=lambda i: sort_key(i.name)),
                      facets=build_facets(t, self.labels),
                      heatmap=catalogue_heatmap(t, self.labels["prevention_level"])),
            self._cross_table(FACTOR_TABLE_PAGE, "interventies-en-factoren", "Interventies en factoren",
                              "Welke interventies werken op welke risico- en beschermende factoren.", "factoren",
                              [(f, f.name) for f in sorted(t.factors.values(), key=lambda f: (f.kind != "risico", sort_key(f.name)))],
                              lambda i: set(i.factors)),
            self._cross_table(STEP_TABLE_PAGE, "interventies-en-barrieremodel", "Interventies en het barrièremodel",
                              "Welke interventies horen bij welke stap of barrière van het barrièremodel. Barrières "
                              "die nog niet aan een stap gekoppeld zijn, staan als eigen kolom.", "stappen en barrières",
                              [(s, f"{s.title}") for s in t.steps.values()]
                              + [(b, f"Barrière: {b.name}") for bm in t.barrier_models.values() for b in bm.unplaced_barriers],
                              lambda i: set(i.steps) | set(i.barriers)),
            self.page("themas/index.md", "themes", "Thema's", "De thema's van jeugd en veiligheid.",
                      themes=list(t.themes.values())),
            self.page("factoren/index.md", "factors", "Risico- en beschermende factoren",
                      "Factoren die de kans op jeugdcriminaliteit vergroten of verkleinen.",
                      factors=list(t.factors.values())),
            self.page("regios/index.md", "regions", "Regio's", "Regio's met hun eigen aanbod en programma's.",
                      regions=list(t.regions.values())),
            self.page("programmas/index.md", "programmes", "Programma's",
                      "Landelijke en regionale programma's met hun projecten.",
                      programmes=list(t.programmes.values())),
            self.page("partners/index.md", "partners", "Partners en hun rol", "Wie doet wat.",
                      partners=list(t.partners.values())),
            self.page("barrieremodellen/index.md", "barrier_models", "Barrièremodellen",
                      "Criminele processen in stappen, met de barrières die partners kunnen opwerpen.",
                      barrier_models=list(t.barrier_models.values())),
            self.page("stappenmodellen/index.md", "processes", "Stappenmodellen en routes",
                      "Werkprocessen: wie doet wat bij elke stap.", processes=list(t.processes.values())),
            self.page(FIT_PAGE, "fit", "Welke interventies passen bij onze situatie?",
                      "Rangschik interventies naar risico- en beschermende factoren, leeftijd, stap en regio.",
                      factors=list(t.factors.values())),
            self.page(RECENT_PAGE, "recent", "Recent gecontroleerd",
                      "Wat redacteuren het laatst hebben nagekeken of bijgewerkt.",
                      entries=[(e, KIND_LABELS[type(e)]) for e in recently_reviewed(t)]),
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

    def _entity_page(self, template: str, entity: Any, **context: Any) -> RenderedPage:
        source = getattr(entity, "source", None)
        # Entity pages are outside the nav: its sidebar would be empty.
        return self.page(page_path(entity), template, _title_of(entity), description_of(entity),
                         source=source, hide=("navigation", "toc"), **context)

    def page(self, src_uri: str, template: str, title: str, description: str = "",
             source: Optional[m.Source] = None, hide: Optional[tuple[str, ...]] = None,
             **context: Any) -> RenderedPage:
        """Render one page; ``template`` names a file in ``overrides/pages/``."""
        here = page_url(src_uri, self.settings.use_directory_urls)
        helpers = {
            "href": lambda target, anchor="": self._href(target, here, anchor),
            "asset": lambda path: relative_url(path, here),
            "root": relative_url("", here),
            "edit_links": self.edit_links(source, src_uri, title),
            "page_title": title,
            "toolbox": self.toolbox,
        }
        body = self.env.get_template(f"pages/{template}.html").render(**helpers, **context)
        return RenderedPage(src_uri=src_uri, title=title, body=_compact(body), description=description,
                            source=source, data_file=source.file if source else None,
                            hide=hide or WIDE_PAGES.get(template, ("toc",)),
                            searchable=template not in AGGREGATE_PAGES)

    def _href(self, target: Any, here: str, anchor: str = "") -> str:
        url = page_url(page_path(target), self.settings.use_directory_urls)
        link = relative_url(url, here)
        return link + (f"#{anchor}" if anchor else "")

    def edit_links(self, source: Optional[m.Source], src_uri: str, title: str) -> dict[str, str]:
        repo = self.settings.repo_url
        if not repo or source is None:
            return {}
        base = repo.rstrip("/")
        body = (
            f"Pagina: {title}\nBron: {source.file} (regel {source.line})\n\n"
            "Wat klopt er niet of wat ontbreekt?\n\n"
        )
        query = urllib.parse.urlencode({"title": f"Wijziging voorstellen: {title}", "body": body,
                                        "labels": "inhoud"})
        return {
            "edit": f"{base}/edit/{self.settings.branch}/{source.file}",
            "view": f"{base}/blob/{self.settings.branch}/{source.file}#L{source.line}",
            "suggest": f"{base}/issues/new?{query}",
            "file": source.file,
            "line": str(source.line),
        }


def _title_of(entity: Any) -> str:
    if isinstance(entity, m.BarrierStep):
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


def _compact(html: str) -> str:
    """Drop blank lines so Markdown treats the body as one raw HTML block."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_pages(toolbox: m.Toolbox, schemas: SchemaSet, settings: RenderSettings = RenderSettings()) -> list[RenderedPage]:
    return Renderer(toolbox, schemas, settings).render_all()
