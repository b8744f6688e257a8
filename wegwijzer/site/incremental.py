"""The live preview's update: the site of a changed data set, rendering again only the pages the change touches.

Every page of a site made with ``record_reads`` remembers what it read of
the model (``render.PageReads``): entities by kind and id, whole collections,
or everything (a listing worked out once for all pages). An update compares
each entity of the old and the new data set by all a page can read of it —
its own fields, its place in the data, its parent, who refers to it, the day
it last changed — and renders a page again only when something it read
differs, or its title, description or place does. Every other page is the
old page: the same reads of the same values give the same bytes, so the
result is the site a full build makes (tests/test_preview.py checks that
after sequences of edits).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Optional

from ..core import CheckResult
from ..core.history import DataHistory
from ..core.model import Entity
from ..core.schemas import entities_in
from .assemble import Site
from .render import RenderedPage

Key = tuple[str, str]  # (kind, id)


@dataclass
class SiteUpdate:
    """A new site and how its generated pages and files differ from the previous one's."""

    site: Site
    pages: list[RenderedPage]  # pages that are new or whose output differs
    added: set[str]  # pages the old site did not have
    removed_pages: set[str]
    files: dict[str, str | bytes]  # generated files that are new or differ
    removed_files: set[str]
    rendered: int  # pages rendered again (some may have come out the same)


def update_site(old: Site, result: CheckResult, *, history: Optional[DataHistory] = None) -> SiteUpdate:
    """The site of ``result`` (a checked, valid data set), re-using every page of ``old`` the change cannot touch."""
    options = dict(today=old.today, template_dir=old.renderer.template_dir, renderer=old.renderer, record_reads=True)
    if history is not None:
        new = Site.with_history(result, old.settings, history=history, **options)
    else:
        new = Site(result, old.settings, **options)
    before, after = signatures(old), signatures(new)
    entities = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    collections = {kind for kind in old.toolbox.entities.keys() | new.toolbox.entities.keys()
                   if list(old.toolbox.entities.get(kind, {})) != list(new.toolbox.entities.get(kind, {}))}
    anything = bool(entities or collections) or old.changes != new.changes
    previous = {page.src_uri: page for page in old.pages}
    pages, changed, rendered = [], [], 0
    for spec in new.specs():
        page = previous.get(spec.src_uri)
        if page is not None and page.reads is not None and page.heading == spec.heading \
                and not page.reads.affected_by(entities, collections, anything):
            pages.append(page)
            continue
        rendered += 1
        fresh = new.renderer.render(spec, record=True)
        pages.append(fresh)
        if page is None or page.heading != fresh.heading or page.body != fresh.body:
            changed.append(fresh)
    new.pages = pages  # what a full render would give, page for page
    made = {page.src_uri for page in pages}
    old_files, new_files = old.files(), new.files()
    return SiteUpdate(new, changed, made - set(previous), set(previous) - made,
                      {path: content for path, content in new_files.items() if old_files.get(path) != content},
                      set(old_files) - set(new_files), rendered)


_SIGNATURES: "weakref.WeakKeyDictionary[Site, dict[Key, tuple]]" = weakref.WeakKeyDictionary()


def signatures(site: Site) -> dict[Key, tuple]:
    """For every entity, all a page can read of it, as values that compare across two data sets (kept per site).

    Its own fields are the mapping it was read from (compared as a whole, in C; a change to an entity
    nested in it counts for it too, which only renders a page more); entities in them are ids already.
    """
    if site not in _SIGNATURES:
        toolbox, schemas = site.toolbox, site.result.schemas
        raw = {(kind, fields["id"]): fields for _, data_file, document in toolbox.dataset.all()
               for kind, fields, _, _ in entities_in(schemas.shape(data_file.schema), document.data)}
        _SIGNATURES[site] = {
            (kind, entity.id): (raw.get((kind, entity.id)), entity.location, _key(entity.parent), _referrers(entity),
                                site.changed.get(id(entity)))
            for kind, entities in toolbox.entities.items() for entity in entities.values()}
    return _SIGNATURES[site]


def _key(entity: Optional[Entity]) -> Optional[Key]:
    return (entity.data_kind.name, entity.id) if entity is not None else None


def _referrers(entity: Entity) -> tuple:
    """Who refers to the entity, in order; a group of fields counts as its entity (whose own fields hold it)."""
    return tuple(sorted((holder, field, tuple(_key(r) if isinstance(r, Entity) else ("group", _key(r.owner))
                                               for r in referring))
                        for (holder, field), referring in entity.referrers.items()))
