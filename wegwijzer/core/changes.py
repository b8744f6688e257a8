"""What changed in the content: new, changed and removed entries, from the repository's history.

Derived from git rather than kept by hand or compared between releases: every
change reaches the site by a commit (a merged pull request), so the history
already says what changed and when, at no cost to editors. For each recent
commit that touched data/, the entries of each changed file before and after
are compared by kind and id. A change to an entry's own fields counts for that
entry only; a region whose offering changed has not changed itself.

Outside a git checkout (a zip, a copy) there is no history: no page and no
feed, rather than an empty one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

from .clock import day_of
from .history import git
from .kinds import KIND_BY_NAME, file_for
from .schemas import SchemaSet, entities_in, holds_entities
from .textformat import sort_key

NEW, CHANGED, REMOVED = "nieuw", "gewijzigd", "verwijderd"
MAX_COMMITS = 60
WINDOW_DAYS = 365
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Change:
    day: dt.date
    what: str  # NEW, CHANGED or REMOVED
    kind: str
    entity_id: str
    name: str

    @property
    def kind_label(self) -> str:
        return KIND_BY_NAME[self.kind].label


def content_changes(repository: Path, data_dir: Path, schemas: SchemaSet, today: dt.date) -> Optional[list[Change]]:
    """Changes of the last year (newest first), or None when there is no history to read."""
    try:
        data_path = data_dir.resolve().relative_to(repository.resolve()).as_posix()
    except ValueError:
        return None
    log = git(repository, "log", "--first-parent", f"-n{MAX_COMMITS}", "--format=%H %P %ct", "--", data_path)
    if log is None:
        return None
    commits = []
    for line in log.splitlines():
        commit, *parents, stamp = line.split()
        day = day_of(int(stamp))
        if (today - day).days <= WINDOW_DAYS:
            commits.append((commit, parents[0] if parents else None, day))
    changes: list[Change] = []
    for commit, parent, day in commits:
        listed = git(repository, "diff-tree", "-r", "--name-only", "--no-commit-id", "--root", commit, "--", data_path)
        for path in (listed or "").splitlines():
            declared = file_for(path[len(data_path) + 1:])
            if declared is None:
                continue
            shape = schemas.shape(declared[1].schema)
            before = _entries(shape, _show(repository, parent, path)) if parent else {}
            after = _entries(shape, _show(repository, commit, path))
            changes += _compare(before, after, day)
    order = {NEW: 0, CHANGED: 1, REMOVED: 2}
    return sorted(changes, key=lambda c: (-c.day.toordinal(), order[c.what], KIND_BY_NAME[c.kind].label,
                                          sort_key(c.name)))


def _compare(before: dict, after: dict, day: dt.date) -> list[Change]:
    found = []
    for key, (name, fields) in after.items():
        if key not in before:
            found.append(Change(day, NEW, key[0], key[1], name))
        elif before[key][1] != fields:
            found.append(Change(day, CHANGED, key[0], key[1], name))
    found += [Change(day, REMOVED, key[0], key[1], name) for key, (name, _) in before.items() if key not in after]
    return found


def _entries(shape, text: Optional[str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, id) → (name, its own fields as canonical JSON) of every entry in a file's text."""
    try:
        data = yaml.load(text, Loader=_LOADER) if text else None
    except yaml.YAMLError:
        return {}
    entries = {}
    for kind, fields, _, entity_shape in entities_in(shape, data):
        own = {key: value for key, value in fields.items()
               if not (key in entity_shape.properties and holds_entities(entity_shape.properties[key]))}
        name = fields.get("name") or fields.get("title") or fields["id"]
        entries[(kind, fields["id"])] = (str(name), json.dumps(own, sort_keys=True, default=str))
    return entries


def _show(repository: Path, revision: str, path: str) -> Optional[str]:
    return git(repository, "show", f"{revision}:{path}")


def grouped_by_day(changes: list[Change]) -> list[tuple[dt.date, dict[str, list[Change]]]]:
    """[(day, {what: changes})], newest day first, for the page and the feed."""
    days: dict[dt.date, dict[str, list[Change]]] = {}
    for change in changes:
        days.setdefault(change.day, {}).setdefault(change.what, []).append(change)
    return [(day, {what: days[day][what] for what in (NEW, CHANGED, REMOVED) if what in days[day]})
            for day in sorted(days, reverse=True)]


def describe(found: dict[str, list[Any]]) -> str:
    """"Nieuw: A, B. Gewijzigd: C." for a feed entry."""
    return " ".join(f"{what.capitalize()}: " + ", ".join(f"{c.name} ({c.kind_label})" for c in items) + "."
                    for what, items in found.items())
