"""The site's navigation: the configured (hand-written) entries plus the generated pages, each where the tables put it."""

from __future__ import annotations

from typing import Iterable

from ..core.kinds import NavSpot

def with_generated(nav: list, entries: Iterable[tuple[NavSpot, str]], made: set[str]) -> list:
    """The configured navigation with each generated page that was made, where its table entry puts it.

    Top-level entries follow the first item (the home page), in table order;
    others open their group, in table order, before the group's hand-written
    entries. A group the configuration lacks is made before "Meer".
    """
    nav = [dict(item) if isinstance(item, dict) else item for item in nav]
    top: list = []
    placed: dict[str, int] = {}  # entries already put at the start of each group
    for spot, path in entries:
        if path not in made:
            continue  # an optional page without content is neither made nor listed
        entry = {spot.title: path}
        if spot.group is None:
            top.append(entry)
            continue
        group = next((item for item in nav if isinstance(item, dict) and spot.group in item), None)
        if group is None:
            group = {spot.group: []}
            nav.insert(max(len(nav) - 1, 1), group)
        entries_now = [e for e in group[spot.group] if e != entry]
        at = placed.get(spot.group, 0)
        group[spot.group] = entries_now[:at] + [entry] + entries_now[at:]
        placed[spot.group] = at + 1
    return nav[:1] + top + nav[1:]
