"""Which pages the site has and what each template gets.

Entity pages and overviews come from the registry of kinds, generically; the
pages in the table of ``paths.py`` each have one function here that says
whether the page has content and what its template needs. The renderer turns
each ``PageSpec`` into HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, Optional

from ..core import model as m
from ..core.changes import Change, grouped_by_day
from ..core.kinds import KINDS, Kind
from .facts import description_of
from .listings import Listings
from .paths import CHANGES_FEED, SITE_PAGE, page_path

# Templates of pages that list every intervention again: searching them would only duplicate the entity pages.
AGGREGATE_TEMPLATES = {"catalogue", "handout", "cross_table", "compare", "evidence"}
WIDE_TEMPLATES = {"matrix", "catalogue", "fit", "cross_table", "compare", "evidence"}  # tables and forms: no sidebars
# How a page type ranks in the site search: what to do (first-hour steps, step models, interventions, themes,
# factors, whom to call) above news and figures for the same words. Multiplied by the page's own weight.
SEARCH_WEIGHT = {"guide": 3.0, "guides": 2.0, "process": 2.0, "helplines": 2.0, "intervention": 1.5, "theme": 1.5,
                 "factor": 1.5, "matrix": 1.5, "news": 0.25, "news_overview": 0.25, "event": 0.25, "figures": 0.25}


@dataclass
class PageSpec:
    """One page to render: where it goes, its template, its title and what the template gets."""

    src_uri: str
    template: str  # a file in overrides/pages/
    title: str
    description: str = ""
    location: Optional[m.Location] = None  # where in data/ an editor changes this page
    hide: Optional[tuple[str, ...]] = None  # Material sidebars to hide; None: by template
    context: dict[str, Any] = field(default_factory=dict)
    # What the context holds besides the entities the template reads (see render.PageReads):
    lists: tuple[str, ...] = ()  # kinds whose whole collection it lists (an overview)
    whole_toolbox: bool = False  # a page of the table in paths.py: made from listings of everything

    @property
    def sidebars_hidden(self) -> tuple[str, ...]:
        if self.hide is not None:
            return self.hide
        return ("navigation", "toc") if self.template in WIDE_TEMPLATES else ("toc",)

    @property
    def searchable(self) -> bool:
        return self.template not in AGGREGATE_TEMPLATES

    @property
    def search_weight(self) -> float:
        return SEARCH_WEIGHT.get(self.template, 1.0)

    @property
    def heading(self) -> tuple:
        """Everything the page shows besides its body (as ``RenderedPage.heading``)."""
        return self.title, self.description, self.location, self.sidebars_hidden, self.searchable


def entity_page(kind: Kind, entity: m.Entity) -> PageSpec:
    # Entity pages are outside the nav: its sidebar would be empty.
    return PageSpec(page_path(entity), kind.page_template, entity.display_name, description_of(entity),
                    location=entity.location, hide=("navigation", "toc"),
                    context={kind.name.replace("-", "_"): entity, "entity": entity})


def kind_pages(toolbox: m.Toolbox) -> Iterator[PageSpec]:
    """Every entity's own page and every kind's overview, as the registry says."""
    for kind in KINDS:
        entities = list(toolbox.of_kind(kind.name).values())
        if kind.has_pages:
            yield from (entity_page(kind, entity) for entity in entities)
        if kind.overview is not None:
            overview = kind.overview
            yield PageSpec(kind.overview_page, overview.template, overview.title, overview.description,
                           context={kind.collection: entities, "entities": entities}, lists=(kind.name,))


# -- The pages of the table in paths.py -------------------------------------------------------------


def _fit(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
    return PageSpec(SITE_PAGE["fit"].path, "fit", "Welke interventies passen bij onze situatie?",
                    "Welke interventies werken op de risico- en beschermende factoren die spelen, voor deze leeftijd "
                    "en regio.", context={"factors": list(listings.toolbox.factors.values()),
                                          "interventions": listings.interventions_by_name})


def _handout(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
    return PageSpec(SITE_PAGE["handout"].path, "handout", "Hand-out", "Geselecteerde interventies om te printen.",
                    context={"interventions": listings.interventions_by_name})


def _compare(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
    return PageSpec(SITE_PAGE["compare"].path, "compare", "Interventies vergelijken",
                    "Tot vier interventies naast elkaar: doelgroep, leeftijd, erkenning, duur, kosten en contact.",
                    context={"interventions": listings.interventions_by_name})


def _evidence(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
    return PageSpec(SITE_PAGE["evidence"].path, "evidence", "Wat werkt waarvoor?",
                    "Erkende interventies per factor en per doelgroep, naar de sterkte van hun erkenning, en waarvoor "
                    "er nog geen is.", context={"matrices": listings.evidence_matrices})


def _recent(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
    if not listings.recently_reviewed:  # an empty page is worse than none
        return None
    return PageSpec(SITE_PAGE["recent"].path, "recent", "Recent gecontroleerd",
                    "Wat redacteuren zelf hebben nagekeken, nieuwste eerst.",
                    context={"entries": listings.recently_reviewed})


def _news_archive(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
    if listings.archive is None:
        return None
    return PageSpec(SITE_PAGE["news_archive"].path, "news_archive", "Archief",
                    "Alle nieuwsberichten en voorbije activiteiten, per jaar en per thema.", context=listings.archive)


def _changes(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
    if not changes:
        return None
    return PageSpec(SITE_PAGE["changes"].path, "changes", "Wat is er veranderd",
                    "Nieuwe, gewijzigde en verwijderde onderdelen van de toolbox, per dag.",
                    context={"days": grouped_by_day(changes), "feed": CHANGES_FEED})


def _cross_table(key: str) -> Callable[[Listings, Optional[list[Change]]], Optional[PageSpec]]:
    def spec(listings: Listings, changes: Optional[list[Change]]) -> Optional[PageSpec]:
        table = next((t for t in listings.cross_tables if t.key == key), None)
        if table is None:
            return None
        return PageSpec(SITE_PAGE[key].path, "cross_table", table.title, table.intro,
                        context={"table_id": table.table_id, "intro": table.intro, "column_noun": table.column_noun,
                                 "columns": table.columns, "rows": table.rows})
    return spec


SITE_PAGE_SPECS: dict[str, Callable[[Listings, Optional[list[Change]]], Optional[PageSpec]]] = {
    "recent": _recent, "fit": _fit, "handout": _handout, "compare": _compare, "evidence": _evidence,
    "factor_table": _cross_table("factor_table"),
    "step_table": _cross_table("step_table"), "news_archive": _news_archive, "changes": _changes,
}


def all_pages(listings: Listings, changes: Optional[list[Change]]) -> list[PageSpec]:
    """Every generated page, in a stable order."""
    pages = list(kind_pages(listings.toolbox))
    pages += [replace(spec, whole_toolbox=True) for make in SITE_PAGE_SPECS.values()
              if (spec := make(listings, changes)) is not None]
    return sorted(pages, key=lambda page: page.src_uri)
