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
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .history import NULL_ID, DataHistory, commit_day
from .kinds import KIND_BY_NAME, file_for
from .schemas import SchemaSet, entities_in, holds_entities
from .textformat import sort_key

NEW, CHANGED, REMOVED = "nieuw", "gewijzigd", "verwijderd"
WINDOW_DAYS = 365
MAX_NAME = 200  # characters of a name from an old version that the page and the feed show

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


def content_changes(repository: Path, data_dir: Path, schemas: SchemaSet, today: dt.date,
                    history: Optional[DataHistory] = None) -> Optional[list[Change]]:
    """Changes of the last year (newest first), or None when there is no history to read.

    ``history`` keeps what was read for the next call (the live preview); what
    could not be read is in its ``problems``.
    """
    history = history if history is not None else DataHistory(repository, data_dir)
    commits = history.commits()
    if commits is None:
        return None
    recent = []
    for commit in commits:
        day = commit_day(commit.time, today)
        if day is None:
            history.note(history.data_path or "data", f"commit {commit.id[:10]} is gedateerd na vandaag of buiten de "
                                                       "kalender; overgeslagen voor 'Wat is er veranderd'")
        elif (today - day).days <= WINDOW_DAYS:
            recent.append((commit, day))
    prefix = f"{history.data_path}/"
    schema_of = {change.path: found[1].schema for commit, _ in recent for change in commit.files
                 if change.path.startswith(prefix) and (found := file_for(change.path[len(prefix):])) is not None}
    fingerprint = _fingerprint(schemas)

    def key(blob: str, path: str) -> tuple:
        return "entries", blob, schema_of[path], fingerprint

    unread = {(blob, path) for commit, _ in recent for change in commit.files if change.path in schema_of
              for blob, path in ((change.before, change.path), (change.after, change.path))
              if blob != NULL_ID and key(blob, path) not in history.derived}
    for blob, path, document in history.versions(sorted(unread)):
        history.derived[key(blob, path)] = (None if document is None
                                            else _entries(schemas.shape(schema_of[path]), document.data))
    changes: list[Change] = []
    for commit, day in recent:
        for change in commit.files:
            if change.path in schema_of:
                sides = [history.derived[key(blob, change.path)] if blob != NULL_ID else {}
                         for blob in (change.before, change.after)]
                if None not in sides:  # a version that could not be read tells nothing (it was reported)
                    changes += _compare(sides[0], sides[1], day)
    order = {NEW: 0, CHANGED: 1, REMOVED: 2}
    return sorted(changes, key=lambda c: (-c.day.toordinal(), order[c.what], KIND_BY_NAME[c.kind].label,
                                          sort_key(c.name)))


def _fingerprint(schemas: SchemaSet) -> str:
    """What the entries of an old version depend on besides its blob: the schemas that say what an entry is."""
    return hashlib.sha1(json.dumps(schemas.documents, sort_keys=True).encode()).hexdigest()


def _compare(before: dict, after: dict, day: dt.date) -> list[Change]:
    found = []
    for key, (name, fields) in after.items():
        if key not in before:
            found.append(Change(day, NEW, key[0], key[1], name))
        elif before[key][1] != fields:
            found.append(Change(day, CHANGED, key[0], key[1], name))
    found += [Change(day, REMOVED, key[0], key[1], name) for key, (name, _) in before.items() if key not in after]
    return found


def _entries(shape, data: Any) -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, id) → (name, its own fields as canonical JSON) of every entry in one version of a file."""
    entries = {}
    for kind, fields, _, entity_shape in entities_in(shape, data):
        own = {key: value for key, value in fields.items()
               if not (key in entity_shape.properties and holds_entities(entity_shape.properties[key]))}
        name = _shown_name(fields.get(KIND_BY_NAME[kind].display_field)) or _shown_name(fields["id"])
        if name:
            entries[(kind, fields["id"])] = (name, json.dumps(own, sort_keys=True, default=str))
    return entries


def _shown_name(value: Any) -> str:
    """A name from an old version as the page and the feed may show it: text, printable, bounded."""
    if not isinstance(value, str):
        return ""
    text = "".join(" " if char.isspace() else char for char in value[:MAX_NAME * 4]
                   if char.isprintable() or char.isspace())
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text if len(text) <= MAX_NAME else text[:MAX_NAME - 1].rstrip() + "…"


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
