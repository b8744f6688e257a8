"""Review dates: what needs checking, and what a person checked recently.

Both read dates from the data and the ``today`` they are given (never the
wall clock), so a build of the same commit stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator

from . import model as m
from .kinds import KINDS
from .textformat import sort_key


@dataclass(frozen=True)
class ReviewItem:
    entity: Any
    kind: str
    name: str
    last_reviewed: str
    age_days: int
    location: m.Location

    @property
    def reason(self) -> str:
        return f"laatst gecontroleerd {self.last_reviewed}, {self.age_days} dagen geleden"


def reviewed_entities(toolbox: m.Toolbox) -> Iterator[Any]:
    """Everything of a reviewable kind that a person has marked as reviewed."""
    for kind in KINDS:
        if kind.reviewable:
            yield from (e for e in toolbox.of_kind(kind.name).values() if e.last_reviewed)


def _item(entity: Any, today: dt.date) -> ReviewItem:
    reviewed = dt.date.fromisoformat(entity.last_reviewed)
    return ReviewItem(entity, entity.data_kind.label, entity.name, entity.last_reviewed,
                      (today - reviewed).days, entity.location)


def _scope_and_owner(entity: Any) -> tuple[str, str]:
    region = getattr(entity, "region", None)
    scope = region.name if region else "Landelijk"
    owner = getattr(entity, "provider", None) or getattr(entity, "owner", None) or getattr(entity, "organisation", None)
    return scope, owner.name if owner else "Redactie"


def stale_entries(toolbox: m.Toolbox, today: dt.date, stale_after_days: int) -> dict[str, dict[str, list[ReviewItem]]]:
    """Stale items grouped as {scope: {provider: [items, oldest first]}}, groups sorted by name."""
    groups: dict[str, dict[str, list[ReviewItem]]] = {}
    for entity in reviewed_entities(toolbox):
        item = _item(entity, today)
        if item.age_days > stale_after_days:
            scope, owner = _scope_and_owner(entity)
            groups.setdefault(scope, {}).setdefault(owner, []).append(item)
    ordered = {}
    for scope in sorted(groups, key=lambda s: (s != "Landelijk", sort_key(s))):
        ordered[scope] = {owner: sorted(items, key=lambda i: (i.last_reviewed, sort_key(i.name)))
                          for owner, items in sorted(groups[scope].items(), key=lambda kv: sort_key(kv[0]))}
    return ordered


def recently_reviewed(toolbox: m.Toolbox, limit: int = 40) -> list[Any]:
    """The most recently reviewed entities, newest first (ties by name)."""
    entities = list(reviewed_entities(toolbox))
    entities.sort(key=lambda e: sort_key(e.name))
    entities.sort(key=lambda e: e.last_reviewed, reverse=True)
    return entities[:limit]
