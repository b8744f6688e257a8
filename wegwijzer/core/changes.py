"""What changed in the content: new, changed and removed entries, from the repository's history.

Derived from git rather than kept by hand or compared between releases: every
change reaches the site by a commit (a merged pull request), so the history
already says what changed and when, at no cost to editors. For each day of
the last year, the entries of each file that changed are compared by kind and
id, field by field, from before that day's first commit to after its last: an
entry is listed once a day, with the fields added, changed or removed. A
change to an entry's own fields counts for that entry only; a region whose
offering changed has not changed itself. Kinds a reader never sees (search
synonyms, source documents) are left out.

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
from typing import Any, Callable, Optional

from .history import NULL_ID, DataHistory, commit_day
from .kinds import KIND_BY_NAME, file_for
from .schemas import SchemaSet, entities_in, holds_entities
from .textformat import sort_key

NEW, CHANGED, REMOVED = "nieuw", "gewijzigd", "verwijderd"
ADDED = "toegevoegd"  # a field an entry did not have before
WINDOW_DAYS = 365
MAX_NAME = 200  # characters of a name from an old version that the page and the feed show

@dataclass(frozen=True)
class Change:
    day: dt.date
    what: str  # NEW, CHANGED or REMOVED
    kind: str
    entity_id: str
    name: str
    fields: tuple[tuple[str, str], ...] = ()  # CHANGED: (field, ADDED | CHANGED | REMOVED), in the schema's order

    @property
    def kind_label(self) -> str:
        return KIND_BY_NAME[self.kind].label

    def fields_said(self, field_title: Callable[[str, str], str]) -> str:
        """"samenvatting gewijzigd, erkenning toegevoegd": the fields by the names the form gives them."""
        return ", ".join(f"{field_title(self.kind, field).lower()} {what}" for field, what in self.fields)


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

    # What a day changed in a file: from before its first commit that day to after its last.
    spans: dict[tuple[dt.date, str], list[str]] = {}
    for commit, day in recent:  # newest first
        for change in commit.files:
            if change.path in schema_of:
                spans.setdefault((day, change.path), [change.before, change.after])[0] = change.before
    unread = {(blob, path) for (_, path), blobs in spans.items() for blob in blobs
              if blob != NULL_ID and key(blob, path) not in history.derived}
    for blob, path, document in history.versions(sorted(unread)):
        history.derived[key(blob, path)] = (None if document is None
                                            else _entries(schemas.shape(schema_of[path]), document.data))
    changes: list[Change] = []
    for (day, path), blobs in spans.items():
        sides = [history.derived[key(blob, path)] if blob != NULL_ID else {} for blob in blobs]
        if None not in sides:  # a version that could not be read tells nothing (it was reported)
            changes += _compare(sides[0], sides[1], day)
    order = {NEW: 0, CHANGED: 1, REMOVED: 2}
    return sorted(changes, key=lambda c: (-c.day.toordinal(), order[c.what], KIND_BY_NAME[c.kind].label,
                                          sort_key(c.name)))


def _fingerprint(schemas: SchemaSet) -> str:
    """What the entries of an old version depend on besides its blob: the schemas that say what an entry is."""
    return hashlib.sha1(json.dumps(schemas.documents, sort_keys=True).encode()).hexdigest()


def _compare(before: dict, after: dict, day: dt.date) -> list[Change]:
    """What changed between two versions of a file, for the kinds a reader sees (not synonyms or source documents)."""
    found = []
    for key, (name, fields) in after.items():
        if key not in before:
            found.append(Change(day, NEW, key[0], key[1], name))
        elif before[key][1] != fields:
            found.append(Change(day, CHANGED, key[0], key[1], name, _field_changes(before[key][1], fields)))
    found += [Change(day, REMOVED, key[0], key[1], name) for key, (name, _) in before.items() if key not in after]
    return [change for change in found if KIND_BY_NAME[change.kind].shown_to_readers]


def _field_changes(before: dict[str, str], after: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Which of an entry's own fields were added, changed or removed (``after``'s order, then the removed)."""
    return tuple([(field, ADDED if field not in before else CHANGED) for field, value in after.items()
                  if before.get(field) != value]
                 + [(field, REMOVED) for field in before if field not in after])


def _entries(shape, data: Any) -> dict[tuple[str, str], tuple[str, dict[str, str]]]:
    """(kind, id) → (name, {field: its value as canonical JSON}) of every entry in one version of a file.

    Only an entry's own fields: an entry listed inside it (a step of a model) changes on its own. Fields
    in the schema's order, so the page names them in the order the form shows them.
    """
    entries = {}
    for kind, fields, _, entity_shape in entities_in(shape, data):
        order = {key: place for place, key in enumerate(entity_shape.properties)}
        own = {key: json.dumps(value, sort_keys=True, default=str)
               for key, value in sorted(fields.items(), key=lambda item: order.get(item[0], len(order)))
               if not (key in entity_shape.properties and holds_entities(entity_shape.properties[key]))}
        name = _shown_name(fields.get(KIND_BY_NAME[kind].display_field)) or _shown_name(fields["id"])
        if name:
            entries[(kind, fields["id"])] = (name, own)
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


def describe(found: dict[str, list[Change]], field_title: Callable[[str, str], str]) -> str:
    """"Nieuw: A (interventie). Gewijzigd: B (thema: inleiding gewijzigd)." for a feed entry."""
    def one(change: Change) -> str:
        fields = change.fields_said(field_title)
        return f"{change.name} ({change.kind_label}{': ' + fields if fields else ''})"

    return " ".join(f"{what.capitalize()}: " + ", ".join(one(c) for c in items) + "." for what, items in found.items())
