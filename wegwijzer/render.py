"""Render the model into pages: one HTML body per page, from Jinja templates.

The renderer decides *which* pages exist and *what* each template gets; the
templates in ``overrides/pages/`` decide the markup. Output is a list of
``RenderedPage`` with a Markdown source path, so MkDocs (through the hook) or
any other generator can place them. Autoescaping is on: data text can only
become markup through the ``markdown`` filter, which sanitizes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import posixpath
import urllib.parse
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Optional

import jinja2

from . import model as m
from .changes import Change, describe, grouped_by_day
from .feeds import CalendarEvent, FeedEntry, atom_feed, icalendar_file
from .kinds import KIND_BY_NAME, KINDS, Kind
from .opendata import CATALOGUE_SCHEMA, SCHEMA_FOLDER, open_data_files, title_of_file
from .review import is_stale, recently_reviewed
from .schemas import SchemaSet
from .charts import barrier_flow, catalogue_heatmap, dutch_number, series_chart
from .finder import build_facets
from .dates import dutch_date, dutch_moment, period_end
from .textformat import counted, first_sentence, markdown_to_html, plain_text, safe_url, sort_key

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "overrides"


@dataclass(frozen=True)
class RenderSettings:
    """What the pages need to know about the site they are part of."""

    use_directory_urls: bool = True
    repo_url: Optional[str] = None  # e.g. https://github.com/org/repo, for edit links
    branch: str = "main"
    site_url: str = ""  # where the site is published, printed on hand-outs
    offline_zip: Optional[str] = None  # path in the site of the offline version's zip, when this build has one


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
        elif self.search_boost != 1.0:
            meta["search"] = {"boost": self.search_boost}
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
NEWS_ARCHIVE_PAGE = "actueel/archief.md"
CHANGES_PAGE = "wat-is-er-veranderd.md"
NEWS_FEED = "actueel/nieuws.xml"
CALENDAR_FILE = "actueel/agenda.ics"
CHANGES_FEED = "wijzigingen.xml"
PUBLISHER = "Redactie Wegwijzer Jeugd en Veiligheid"
# Pages made only when the data gives them content; the navigation drops them otherwise.
OPTIONAL_PAGES = {RECENT_PAGE, FACTOR_TABLE_PAGE, STEP_TABLE_PAGE, NEWS_ARCHIVE_PAGE, CHANGES_PAGE}
# Pages that list every intervention again: searching them would only duplicate the entity pages.
AGGREGATE_PAGES = {"catalogue", "handout", "cross_table"}
WIDE_PAGES = {name: ("navigation", "toc") for name in ("matrix", "catalogue", "fit", "cross_table")}


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

    def __init__(self, toolbox: m.Toolbox, schemas: SchemaSet, settings: RenderSettings = RenderSettings(), *,
                 today: dt.date, changed: Optional[dict[int, dt.date]] = None,
                 changes: Optional[list[Change]] = None, template_dir: Path = TEMPLATE_DIR):
        self.toolbox = toolbox
        self.schemas = schemas
        self.settings = settings
        self.today = today
        self.changed = changed or {}  # id(entity) → the day its entry last changed (from the history)
        self.changes = changes  # recent content changes; None without history
        self.env = template_environment(template_dir)
        self.env.filters.update(
            markdown=markdown_to_html,
            teaser=first_sentence,
            plain=plain_text,
            by_name=lambda items: sorted(items, key=lambda item: sort_key(item.name)),
            label=self.label,
            ages=format_ages,
            safe_url=safe_url,
            dutch_date=dutch_date,
            urgent_first=lambda lines: sorted(lines, key=lambda line: not line.urgent),
            counted=counted,
            dutch_moment=dutch_moment,
            dutch_number=dutch_number,
        )
        self.env.tests["past"] = lambda event: event.is_past(today)
        self.env.globals.update(labels=self.labels, zip=zip, data_script=DATA_SCRIPT,
                                anchor_of=anchor_of, lunr_scripts=LUNR_SCRIPTS, script_folder=SCRIPT_FOLDER,
                                card_facts=self.card_facts, is_old=self.is_old, site_address=settings.site_url,
                                changed_on=lambda entity: self.changed.get(id(entity)),
                                synonyms=toolbox.synonym_groups, series_chart=series_chart)

    # -- vocabulary --------------------------------------------------------

    @cached_property
    def labels(self) -> dict[str, dict[str, str]]:
        s = self.schemas
        return {
            "kind": s.labels("offering_kind"),
            "target_group": s.labels("target_group"),
            "role": s.labels("role"),
            "prevention_level": s.labels("prevention_level"),
            "delivery": s.labels("delivery"),
            "status": s.labels("status"),
            "recognition": {value: value for value in s.definitions["recognition"]["properties"]["level"]["enum"]},
            "databank": s.definitions["recognition"]["properties"]["databank"]["x-labels"],
            "factor_kind": s.property_labels("factors.schema.json", "factors", "[]", "kind"),
            "factor_domain": s.property_labels("factors.schema.json", "factors", "[]", "domain"),
            "partner_kind": s.property_labels("partners.schema.json", "partners", "[]", "kind"),
            "barrier_kind": s.property_labels("barriers.schema.json", "barrier_models", "[]", "steps", "[]",
                                              "barriers", "[]", "kind"),
            "figure_scope": s.property_labels("figures.schema.json", "figures", "[]", "scope"),
        }

    def label(self, value: str, vocabulary: str) -> str:
        return self.labels[vocabulary].get(value, value)

    # -- rules the templates ask about ---------------------------------------

    def card_facts(self, i: m.Intervention) -> list[str]:
        """What a card says at a glance: kind, provider, reach, age, target group, recognition, cost, duration."""
        facts = [self.label(i.kind, "kind")]
        if i.provider is not None:
            facts.append(i.provider.label)
        facts.append(i.region.name if i.region else "Landelijk")
        if format_ages(i):
            facts.append(format_ages(i))
        if i.target_groups:
            facts.append(", ".join(self.label(group, "target_group").lower() for group in i.target_groups[:3]))
        facts.append(f"erkenning: {i.recognition_label}")
        if i.status and i.status != "beschikbaar":
            facts.append(self.label(i.status, "status").lower())
        if i.cost:
            facts.append(f"kosten: {i.cost}")
        if i.duration:
            facts.append(f"duur: {i.duration}")
        return facts

    def is_old(self, entity: m.Entity) -> bool:
        """Should the page warn that its facts may be out of date (see ``review.is_stale``)?"""
        return entity.as_of is not None and is_stale(entity, self.today)

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
                pages.append(self.page(kind.overview_page, overview.template, overview.title, overview.description,
                                       **context))
        pages += self.special_pages()
        return sorted(pages, key=lambda page: page.src_uri)

    def _entity_page(self, kind: Kind, entity: m.Entity) -> RenderedPage:
        extras = {"flow": barrier_flow(entity)} if kind.name == "barrier-model" else {}
        # Entity pages are outside the nav: its sidebar would be empty.
        return self.page(page_path(entity), kind.page_template, _title_of(entity), description_of(entity),
                         location=entity.location, hide=("navigation", "toc"),
                         **{kind.name.replace("-", "_"): entity}, entity=entity, **extras)

    def _overview_extras(self, template: str) -> dict[str, Any]:
        t = self.toolbox
        if template == "news_overview":
            events = sorted(t.events.values(), key=m.Event.order)
            return {"latest": self.news_by_date()[:10],
                    "upcoming": [e for e in events if not e.is_series and not e.is_past(self.today)],
                    "series": [e for e in events if e.is_series and not e.is_past(self.today)],
                    "archive": NEWS_ARCHIVE_PAGE if self._archive() else None,
                    "news_feed": NEWS_FEED, "calendar": CALENDAR_FILE if self._dated_events() else None}
        if template == "figures":
            themes = list(t.themes.values())
            by_theme = {theme.id: [f for f in t.figures.values() if f.themes and f.themes[0] is theme]
                        for theme in themes}
            groups = [(theme, by_theme[theme.id]) for theme in themes if by_theme[theme.id]]
            loose = [f for f in t.figures.values() if not f.themes]
            return {"groups": groups + ([(None, loose)] if loose else [])}
        if template != "catalogue":
            return {}
        return {"interventions": sorted(t.interventions.values(), key=lambda i: sort_key(i.name)),
                "facets": build_facets(t, self.labels),
                "heatmap": catalogue_heatmap(t, self.labels["prevention_level"]),
                "cross_tables": [(page.src_uri, page.title) for page in self.cross_tables() if page is not None]}

    # -- Actueel, what changed, open data ---------------------------------------------------

    def news_by_date(self) -> list[m.News]:
        return sorted(self.toolbox.news.values(), key=m.News.order, reverse=True)

    def _dated_events(self) -> list[m.Event]:
        return [e for e in self.toolbox.events.values() if not e.is_series]

    def _archive(self) -> dict[str, Any]:
        """News and past activities by year (newest first) and by theme; empty without any."""
        past = sorted((e for e in self.toolbox.events.values() if e.is_past(self.today)), key=m.Event.order,
                      reverse=True)
        if not self.toolbox.news and not past:
            return {}
        news = self.news_by_date()
        years: dict[int, tuple[list, list]] = {}
        for item in news:
            years.setdefault(item.day.year, ([], []))[0].append(item)
        for event in past:
            year = (event.start or period_end(event.period) or self.today).year
            years.setdefault(year, ([], []))[1].append(event)
        by_theme = [(theme, [i for i in news + past if theme in i.themes]) for theme in self.toolbox.themes.values()]
        return {"by_year": [(year, *years[year]) for year in sorted(years, reverse=True)],
                "by_theme": [(theme, items) for theme, items in by_theme if items]}

    def _changes_page(self) -> Optional[RenderedPage]:
        if not self.changes:
            return None
        return self.page(CHANGES_PAGE, "changes", "Wat is er veranderd",
                         "Nieuwe, gewijzigde en verwijderde onderdelen van de toolbox, per dag.",
                         days=grouped_by_day(self.changes), feed=CHANGES_FEED,
                         link_of=self._link_to_change)

    def _link_to_change(self, change: Change) -> str:
        """Where the changed entry is now ("" when it is gone, or is shown on no page)."""
        entity = self.toolbox.of_kind(change.kind).get(change.entity_id)
        if entity is None or page_path(entity) is None:
            return ""
        return self._href(entity, page_url(CHANGES_PAGE, self.settings.use_directory_urls))

    def extra_files(self) -> dict[str, str | bytes]:
        """Generated files that are not pages: the feeds, the calendar and the open data."""
        files: dict[str, str | bytes] = {NEWS_FEED: atom_feed(
            "Wegwijzer Jeugd en Veiligheid: nieuws", "nieuws", self.absolute(NEWS_FEED),
            self.absolute(KIND_BY_NAME["news"].overview_page),
            [FeedEntry(n.id, n.name, n.day, self.absolute(page_path(n)), plain_text(n.summary))
             for n in self.toolbox.news.values()])}
        if self._dated_events():
            files[CALENDAR_FILE] = icalendar_file(
                [CalendarEvent(e.id, e.name, e.start, e.end, plain_text(e.summary), e.place or "",
                               self.absolute(page_path(e))) for e in self._dated_events()], stamp=self.today)
        if self.changes:
            files[CHANGES_FEED] = atom_feed(
                "Wegwijzer Jeugd en Veiligheid: wat is er veranderd", "wijzigingen", self.absolute(CHANGES_FEED),
                self.absolute(CHANGES_PAGE),
                [FeedEntry(day.isoformat(), f"Wijzigingen op {dutch_date(day)}", day,
                           self.absolute(CHANGES_PAGE) + f"#d-{day.isoformat()}", describe(found))
                 for day, found in grouped_by_day(self.changes)])
        files.update(self.open_data)
        return files

    @cached_property
    def open_data(self) -> dict[str, str]:
        if self.toolbox.dataset is None:
            return {}
        return open_data_files(self.toolbox.dataset, self.schemas, self.today, self.settings.site_url, PUBLISHER)

    def open_data_list(self) -> list[tuple[str, str, int]]:
        """(path, title, size in kB) of the open-data files, for the Open data page."""
        return [(path, title_of_file(path), max(1, round(len(content.encode("utf-8")) / 1024)))
                for path, content in self.open_data.items() if not path.startswith(SCHEMA_FOLDER + "/")
                or path == CATALOGUE_SCHEMA]

    def absolute(self, target: str) -> str:
        """A page or file's address for feeds: on the site's address if it has one, else from the site's root."""
        url = page_url(target, self.settings.use_directory_urls) if target.endswith(".md") else target
        return self.settings.site_url.rstrip("/") + "/" + url if self.settings.site_url else url

    def special_pages(self) -> list[RenderedPage]:
        """The pages that are neither an entity nor an overview (fit instrument, hand-out, archive, tables, …)."""
        t = self.toolbox
        by_name = sorted(t.interventions.values(), key=lambda i: sort_key(i.name))
        pages = [
            self.page(FIT_PAGE, "fit", "Welke interventies passen bij onze situatie?",
                      "Welke interventies werken op de risico- en beschermende factoren die spelen, voor deze leeftijd "
                      "en regio.", factors=list(t.factors.values()), interventions=by_name),
            self.page(HANDOUT_PAGE, "handout", "Hand-out", "Geselecteerde interventies om te printen.",
                      interventions=by_name),
        ]
        archive = self._archive()
        if archive:
            pages.append(self.page(NEWS_ARCHIVE_PAGE, "news_archive", "Archief",
                                   "Alle nieuwsberichten en voorbije activiteiten, per jaar en per thema.", **archive))
        changes = self._changes_page()
        if changes is not None:
            pages.append(changes)
        reviewed = recently_reviewed(t)
        if reviewed:  # an empty page is worse than none
            pages.append(self.page(RECENT_PAGE, "recent", "Recent gecontroleerd",
                                   "Wat redacteuren zelf hebben nagekeken, nieuwste eerst.",
                                   entries=[(e, e.data_kind.label) for e in reviewed]))
        return pages + [page for page in self.cross_tables() if page is not None]

    def cross_tables(self) -> list[Optional[RenderedPage]]:
        """The matrices of interventions × factors and × the barrier model; None for one without content."""
        t = self.toolbox
        factors = sorted(t.factors.values(), key=lambda f: (f.kind != "risico", sort_key(f.name)))
        model_parts = ([(s, s.title) for s in t.steps.values()]
                       + [(b, f"Barrière: {b.name}") for bm in t.barrier_models.values() for b in bm.unplaced_barriers])
        return [
            self._cross_table(FACTOR_TABLE_PAGE, "interventies-en-factoren", "Interventies en factoren",
                              "Welke interventies werken op welke risico- en beschermende factoren (een indeling van "
                              "de redactie op basis van de bronnen bij elke interventie).", "factoren",
                              [(f, f.name) for f in factors], lambda i: set(i.factors)),
            self._cross_table(STEP_TABLE_PAGE, "interventies-en-barrieremodel", "Interventies en het barrièremodel",
                              "Welke interventies horen bij welke stap of barrière van het barrièremodel.",
                              "stappen en barrières", model_parts, lambda i: set(i.steps) | set(i.barriers)),
        ]

    # -- data inside hand-written pages ------------------------------------------

    BLOCK_MARKER = re.compile(r"<!--\s*wegwijzer:\s*([a-z-]+)\s*-->")

    def fill_blocks(self, html_text: str, src_uri: str) -> str:
        """Replace each ``<!-- wegwijzer: NAME -->`` in a hand-written page by that block of data."""
        return self.BLOCK_MARKER.sub(lambda match: self.block(match.group(1), src_uri), html_text)

    def block(self, name: str, src_uri: str) -> str:
        lines = sorted(self.toolbox.helplines.values(), key=lambda line: not line.urgent)
        return self.page(src_uri, "block", "", block=name, lines=lines[:4], documents=list(self.toolbox.sources.values()),
                         offline_zip=self.settings.offline_zip,
                         open_data=self.open_data_list() if name == "open-data" else []).body

    def _cross_table(self, src_uri: str, table_id: str, title: str, intro: str, column_noun: str,
                     columns: list[tuple[Any, str]], linked: Any) -> Optional[RenderedPage]:
        """Interventions × one kind of entity: only rows and columns with a mark (None if that leaves nothing)."""
        marked = [(i, linked(i)) for i in sorted(self.toolbox.interventions.values(), key=lambda i: sort_key(i.name))]
        used = [(column, label) for column, label in columns if any(column in targets for _, targets in marked)]
        rows = [(i, [column in targets for column, _ in used]) for i, targets in marked
                if any(column in targets for column, _ in used)]
        if not rows:
            return None
        return self.page(src_uri, "cross_table", title, intro, table_id=table_id, intro=intro,
                         column_noun=column_noun, columns=used, rows=rows)

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
                            search_boost=search_boost(body),
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


def search_boost(body: str) -> float:
    """How a page ranks in the site search by how much it says (text outside data-search-exclude parts)."""
    searchable = re.sub(r"<(aside|section|nav|p|ul|dl)\b[^>]*data-search-exclude.*?</\1>", " ", body, flags=re.S)
    length = len(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", searchable)).strip())
    return 0.5 if length < 400 else 1.0 if length < 2000 else 1.5


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
