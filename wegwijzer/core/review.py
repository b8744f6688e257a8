"""How current an entry is, and what needs a person's check.

An entry's facts are as current as the newest date its sources give, or as
the day an editor last confirmed them (``last_reviewed``), whichever is
later. Pages warn when that is long ago, and ``wegwijzer review`` lists the
same entries: one rule, here. Everything reads the ``today`` it is given
(never the wall clock), so a build of the same commit stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from . import model as m
from .dates import dutch_date
from .kinds import KINDS
from .textformat import sort_key

STALE_AFTER_DAYS = 2 * 365


def last_confirmed(entity: Any) -> Optional[dt.date]:
    """The newest of the sources' date and the editors' last review (None: neither gives a date)."""
    dates = [entity.as_of]
    if getattr(entity, "last_reviewed", None):
        dates.append(dt.date.fromisoformat(entity.last_reviewed))
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def is_stale(entity: Any, today: dt.date, after_days: int = STALE_AFTER_DAYS) -> bool:
    confirmed = last_confirmed(entity)
    return confirmed is None or (today - confirmed).days > after_days


@dataclass(frozen=True)
class ReviewItem:
    entity: Any
    kind: str
    name: str
    confirmed: Optional[dt.date]
    location: m.Location

    @property
    def reason(self) -> str:
        sources = f"nieuwste bron: {dutch_date(self.entity.as_of)}" if self.entity.as_of else "bronnen zonder datum"
        reviewed = self.entity.last_reviewed
        return sources + "; " + (f"laatst gecontroleerd {dutch_date(reviewed)}" if reviewed
                                 else "nog niet door de redactie gecontroleerd")


def reviewable_entities(toolbox: m.Toolbox) -> Iterator[Any]:
    for kind in KINDS:
        if kind.reviewable:
            yield from toolbox.of_kind(kind.name).values()


def _scope_and_owner(entity: Any) -> tuple[str, str]:
    region = getattr(entity, "region", None)
    scope = region.name if region else "Landelijk"
    owner = getattr(entity, "provider", None) or getattr(entity, "owner", None) or getattr(entity, "organisation", None)
    return scope, owner.name if owner else "Redactie"


def stale_entries(toolbox: m.Toolbox, today: dt.date,
                  after_days: int = STALE_AFTER_DAYS) -> dict[str, dict[str, list[ReviewItem]]]:
    """Stale entries grouped as {scope: {provider: [items, oldest first]}}, groups sorted by name."""
    groups: dict[str, dict[str, list[ReviewItem]]] = {}
    for entity in reviewable_entities(toolbox):
        if is_stale(entity, today, after_days):
            item = ReviewItem(entity, entity.data_kind.label, entity.name, last_confirmed(entity), entity.location)
            scope, owner = _scope_and_owner(entity)
            groups.setdefault(scope, {}).setdefault(owner, []).append(item)
    ordered = {}
    for scope in sorted(groups, key=lambda s: (s != "Landelijk", sort_key(s))):
        ordered[scope] = {owner: sorted(items, key=lambda i: (i.confirmed or dt.date.min, sort_key(i.name)))
                          for owner, items in sorted(groups[scope].items(), key=lambda kv: sort_key(kv[0]))}
    return ordered


def recently_reviewed(toolbox: m.Toolbox) -> list[Any]:
    """Every entity a person has reviewed, newest first (ties by name)."""
    entities = [e for e in reviewable_entities(toolbox) if e.last_reviewed]
    entities.sort(key=lambda e: sort_key(e.name))
    entities.sort(key=lambda e: e.last_reviewed, reverse=True)
    return entities


def unreviewed(toolbox: m.Toolbox) -> list[tuple[str, int, int]]:
    """Per kind (plural label): how many entries no editor has reviewed yet, of how many."""
    counts = []
    for kind in KINDS:
        if kind.reviewable and toolbox.of_kind(kind.name):
            entities = toolbox.of_kind(kind.name).values()
            counts.append((kind.plural, sum(1 for e in entities if not e.last_reviewed), len(entities)))
    return counts


@dataclass(frozen=True)
class ActionGap:
    """A kind of entry a professional cannot act on yet, with the entries that have the gap."""

    title: str
    of_how_many: int
    entries: list[Any]


def action_gaps(toolbox: m.Toolbox) -> list[ActionGap]:
    """What stops a reader acting (issue #26): no way to reach a recognised intervention, no public page."""
    offerings = sorted(toolbox.of_kind("intervention").values(), key=lambda i: sort_key(i.name))
    recognised = [i for i in offerings if i.recognition]
    return [
        ActionGap("Erkende interventies zonder organisatie om te benaderen (licentiehouder, uitvoerder of aanbieder "
                  "met website, contactpagina, algemeen nummer of algemeen mailadres)",
                  len(recognised), [i for i in recognised if not i.reachable]),
        ActionGap("Erkende interventies zonder licentiehouder of uitvoerder", len(recognised),
                  [i for i in recognised if not (i.licence_holder or i.delivered_by)]),
        ActionGap("Aanbod zonder link naar een openbare pagina", len(offerings), [i for i in offerings if not i.links]),
    ]
