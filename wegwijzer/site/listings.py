"""What the overview pages list and picture, worked out once per build.

Templates ask for these through the ``listings`` global (``listings.latest_news(10)``),
so a page type needs no code that knows its name: the news overview asks for
news, the catalogue for facets and its heatmap. Everything here is plain
data; the markup stays in the templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Optional

from ..core import model as m
from ..core.dates import period_end
from ..core.review import is_stale, recently_reviewed
from ..core.textformat import sort_key
from .charts import BubbleChart, Heatmap, catalogue_heatmap, evidence_chart
from .facets import FACET, FACTOR_FACET, TARGET_FACET, Facet, build_facets, factors_in_order
from .facts import evidence
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class CrossTable:
    """Interventions (rows) × one kind of entity (columns), only rows and columns with a mark."""

    key: str  # its page in site/paths.py
    table_id: str
    title: str
    intro: str
    column_noun: str
    columns: list[tuple[Any, str]]
    rows: list[tuple[m.Intervention, list[bool]]]


@dataclass(frozen=True)
class EvidenceMatrix:
    """Recognised interventions by a facet's values (rows) and the strength of their recognition (columns)."""

    facet: str  # the finder's facet key of the rows, for links
    noun: str  # "factor", "doelgroep"
    steps: list[tuple[int, str]]  # strength, label; strongest first
    rows: list[tuple[str, str, list[list[m.Intervention]]]]  # value, label, interventions per step
    chart: BubbleChart

    @property
    def gaps(self) -> list[str]:
        """Labels of the rows no recognised intervention addresses."""
        return [label for _, label, cells in self.rows if not any(cells)]


class Listings:
    """Lists, groups and pictures of one toolbox on one day."""

    def __init__(self, toolbox: m.Toolbox, vocabulary: Vocabulary, today: dt.date):
        self.toolbox, self.vocabulary, self.today = toolbox, vocabulary, today

    # -- interventions ---------------------------------------------------------

    @cached_property
    def interventions_by_name(self) -> list[m.Intervention]:
        return sorted(self.toolbox.interventions.values(), key=lambda i: sort_key(i.name))

    @cached_property
    def facets(self) -> list[Facet]:
        return build_facets(self.toolbox, self.vocabulary)

    @cached_property
    def heatmap(self) -> Heatmap:
        return catalogue_heatmap(self.toolbox, self.vocabulary)

    @cached_property
    def evidence_matrices(self) -> list[EvidenceMatrix]:
        """What works for which factor and target group, by the strength of the evidence for crime and behaviour."""
        steps = self.vocabulary.strength_labels
        strength = {i.id: evidence(i, self.vocabulary).strength for i in self.interventions_by_name}
        recognised = [i for i in self.interventions_by_name if strength[i.id]]
        dimensions = [  # a factor's row shows its plain name
            (FACTOR_FACET, "factor", [(f.id, f.name) for f in factors_in_order(self.toolbox)]),
            (TARGET_FACET, "doelgroep", list(FACET[TARGET_FACET].options(self.toolbox, self.vocabulary))),
        ]
        found = []
        for facet, noun, values in dimensions:
            holds = {i.id: FACET[facet].values(i, self.vocabulary) for i in recognised}
            rows = [(value, label, [[i for i in recognised if value in holds[i.id] and strength[i.id] == step]
                                    for step, _ in steps]) for value, label in values]
            chart = evidence_chart([(value, label, [len(cell) for cell in cells]) for value, label, cells in rows],
                                   steps, noun)
            found.append(EvidenceMatrix(facet, noun, steps, rows, chart))
        return found

    @cached_property
    def cross_tables(self) -> list[CrossTable]:
        """The matrices of interventions × factors and × the barrier model that have content."""
        t = self.toolbox
        factors = factors_in_order(t)
        model_parts = ([(s, s.title) for s in t.steps.values()]
                       + [(b, f"Barrière: {b.name}") for bm in t.barrier_models.values() for b in bm.unplaced_barriers])
        tables = [
            self._cross_table("factor_table", "interventies-en-factoren", "Interventies en factoren",
                              "Welke interventies werken op welke risico- en beschermende factoren (een indeling van "
                              "de redactie op basis van de bronnen bij elke interventie).", "factoren",
                              [(f, f.name) for f in factors], lambda i: set(i.factors)),
            self._cross_table("step_table", "interventies-en-barrieremodel", "Interventies en het barrièremodel",
                              "Welke interventies horen bij welke stap of barrière van het barrièremodel.",
                              "stappen en barrières", model_parts, lambda i: set(i.steps) | set(i.barriers)),
        ]
        return [table for table in tables if table.rows]

    def _cross_table(self, key: str, table_id: str, title: str, intro: str, column_noun: str,
                     columns: list[tuple[Any, str]], linked: Callable[[m.Intervention], set]) -> CrossTable:
        marked = [(i, linked(i)) for i in self.interventions_by_name]
        used = [(column, label) for column, label in columns if any(column in targets for _, targets in marked)]
        rows = [(i, [column in targets for column, _ in used]) for i, targets in marked
                if any(column in targets for column, _ in used)]
        return CrossTable(key, table_id, title, intro, column_noun, used, rows)

    # -- Actueel -----------------------------------------------------------------

    @cached_property
    def news_by_date(self) -> list[m.News]:
        return sorted(self.toolbox.news.values(), key=m.News.order, reverse=True)

    def latest_news(self, count: int) -> list[m.News]:
        return self.news_by_date[:count]

    @cached_property
    def _events(self) -> list[m.Event]:
        return sorted(self.toolbox.events.values(), key=m.Event.order)

    @property
    def upcoming_events(self) -> list[m.Event]:
        return [e for e in self._events if not e.is_series and not e.is_past(self.today)]

    @property
    def event_series(self) -> list[m.Event]:
        return [e for e in self._events if e.is_series and not e.is_past(self.today)]

    @property
    def past_events(self) -> list[m.Event]:
        """Activities that are over, the most recent first."""
        return sorted((e for e in self._events if e.is_past(self.today)), key=m.Event.order, reverse=True)

    @property
    def dated_events(self) -> list[m.Event]:
        """Activities with a date: the calendar file holds these."""
        return [e for e in self.toolbox.events.values() if not e.is_series]

    @cached_property
    def archive(self) -> Optional[dict[str, Any]]:
        """News and past activities by year (newest first) and by theme; None without any."""
        past = self.past_events
        if not self.toolbox.news and not past:
            return None
        news = self.news_by_date
        years: dict[int, tuple[list, list]] = {}
        for item in news:
            years.setdefault(item.day.year, ([], []))[0].append(item)
        for event in past:
            year = (event.start or period_end(event.period) or self.today).year
            years.setdefault(year, ([], []))[1].append(event)
        by_theme = [(theme, [i for i in news + past if theme in i.themes]) for theme in self.toolbox.themes.values()]
        return {"by_year": [(year, *years[year]) for year in sorted(years, reverse=True)],
                "by_theme": [(theme, items) for theme, items in by_theme if items]}

    # -- figures and reviews -------------------------------------------------------

    @cached_property
    def figure_groups(self) -> list[tuple[Optional[m.Entity], list[m.Entity]]]:
        """Key figures by their first theme (themes in data order), then those without a theme."""
        figures = list(self.toolbox.figures.values())
        groups = [(theme, [f for f in figures if f.themes and f.themes[0] is theme])
                  for theme in self.toolbox.themes.values()]
        loose = [f for f in figures if not f.themes]
        return [(theme, items) for theme, items in groups if items] + ([(None, loose)] if loose else [])

    def is_old(self, entity: m.Entity) -> bool:
        """Should the page warn that its facts may be out of date (see ``review.is_stale``)?"""
        return entity.as_of is not None and is_stale(entity, self.today)

    @cached_property
    def recently_reviewed(self) -> list[tuple[Any, str]]:
        return [(e, e.data_kind.label) for e in recently_reviewed(self.toolbox)]
