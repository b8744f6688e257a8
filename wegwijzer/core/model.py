"""The toolbox as cross-linked objects, built from validated documents by their schemas.

The builder is generic: an object whose schema says ``x-kind`` becomes an
entity, a field whose schema says ``x-ref`` becomes the entity it names, every
other group of fields becomes a ``Node``. Each entity knows its kind, its place
in the data (for edit links), its parent (an offering's region, a project's
programme) and who refers to it, so reverse relations ("the interventions of
this factor") are filled in once here rather than searched for in templates.

Classes below add readable names for those relations to the kinds that have
pages; a new kind works without a class of its own.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

from .dates import latest_day, period_end
from .kinds import KIND_BY_NAME, KINDS, Kind
from .loader import DataSet
from .schemas import SchemaSet, Shape
from .yamlfile import YamlDocument


@dataclass(frozen=True)
class Location:
    """Where an entity sits in the data: the file and the line of its first field."""

    file: str
    line: int


class Node:
    """A group of fields (a link, an age range, a matrix action): every field of its schema is an attribute."""

    owner: Optional["Entity"] = None  # the nearest entity this group belongs to

    def __init__(self, fields: dict[str, Any]):
        self.__dict__.update(fields)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {sorted(k for k in self.__dict__ if k != 'owner')}>"


class Entity(Node):
    """Something with an id and a page or place of its own; see the module docstring."""

    data_kind: Kind
    id: str
    location: Location
    parent: Optional["Entity"] = None

    def __init__(self, fields: dict[str, Any]):
        super().__init__(fields)
        self.referrers: dict[tuple[str, str], list[Any]] = {}

    def referring(self, holder: str, field: str) -> list[Any]:
        """What refers to this entity through ``field`` of ``holder`` (a kind, or ``kind/path`` for groups)."""
        return self.referrers.get((holder, field), [])

    @property
    def display_name(self) -> str:
        """What names the entity on its page and in lists: the field the registry names (``Kind.display_field``)."""
        return str(getattr(self, self.data_kind.display_field, None) or self.id)

    @property
    def as_of(self) -> Optional[dt.date]:
        """How current the entity's facts can be: the newest date its sources give (None: no source gives one)."""
        dates = [d for d in (source_date(s) for s in getattr(self, "sources", None) or []) if d is not None]
        return max(dates) if dates else None

    @property
    def last_consulted(self) -> Optional[dt.date]:
        """The last day anyone read its sources (a web page's consulted date, a document's).

        Not named ``consulted``: a source document has a field of that name, which a property would hide."""
        days = []
        for source in getattr(self, "sources", None) or []:
            document = getattr(source, "document", None)
            day = getattr(source, "consulted", None) or (document.consulted if document is not None else None)
            if day:
                days.append(dt.date.fromisoformat(str(day)))
        return max(days) if days else None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


# ---------------------------------------------------------------------------
# Readable relations for the kinds that have them
# ---------------------------------------------------------------------------

def source_date(source: Node) -> Optional[dt.date]:
    """The date a source's content refers to: its own date, else its document's date or period.

    An undated web page says what it says on the day it was consulted, so that day counts.
    """
    if getattr(source, "published", None):
        return latest_day(source.published)
    document = getattr(source, "document", None)
    if document is not None:
        return latest_day(document.published) if document.published else period_end(document.period)
    consulted = getattr(source, "consulted", None)
    return latest_day(str(consulted)) if consulted else None


ENTITY_CLASSES: dict[str, type[Entity]] = {}


def kind_class(name: str) -> Callable[[type[Entity]], type[Entity]]:
    def register(cls: type[Entity]) -> type[Entity]:
        ENTITY_CLASSES[name] = cls
        return cls
    return register


class _AgeRange:
    """Kinds with an optional ``age`` group (lowest and highest age)."""

    @property
    def age_min(self) -> Optional[int]:
        return self.age.min if self.age is not None else None

    @property
    def age_max(self) -> Optional[int]:
        return self.age.max if self.age is not None else None


class _InRegion:
    """Kinds that a region's file may hold (its offering, its programmes)."""

    @property
    def region(self) -> Optional[Entity]:
        return self.parent if self.parent is not None and self.parent.data_kind.name == "region" else None


@kind_class("partner")
class Partner(Entity):
    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def provides(self) -> list["Intervention"]:
        return self.referring("intervention", "provider")

    @property
    def supports(self) -> list["Intervention"]:
        return self.referring("intervention", "partners")

    @property
    def licensed(self) -> list["Intervention"]:
        """Interventions this organisation owns or holds the licence of."""
        return self.referring("intervention", "licence_holder")

    @property
    def delivers(self) -> list["Intervention"]:
        return self.referring("intervention", "delivered_by")

    @property
    def offers(self) -> list["Intervention"]:
        """Everything it provides, licenses or delivers (each once): its shelf on its page."""
        found: list[Intervention] = []
        for intervention in self.provides + self.licensed + self.delivers:
            if intervention not in found:
                found.append(intervention)
        return found

    @property
    def reachable(self) -> bool:
        """Does a public route lead to it: a website, a contact page, a general number or mailbox?"""
        contact = getattr(self, "contact", None)
        return bool(self.website or (contact and (contact.page or contact.phone or contact.email)))

    @property
    def projects(self) -> list[Entity]:
        return self.referring("project", "partners")

    @property
    def matrix_columns(self) -> list[Entity]:
        return self.referring("matrix", "parties")


@kind_class("figure")
class Figure(Entity):
    @property
    def from_news_only(self) -> bool:
        """Is every source a news report of the figure, none the statistic's own publication?"""
        return bool(self.sources) and all(getattr(s, "medium", None) == "nieuws" for s in self.sources)


@kind_class("factor")
class Factor(Entity):
    @property
    def interventions(self) -> list["Intervention"]:
        return self.referring("intervention", "factors")

    @property
    def themes(self) -> list[Entity]:
        return self.referring("theme", "factors")


class _Current:
    """News, activities and figures that refer to a theme or a region (shown on its page)."""

    _holder_field = "themes"

    @property
    def news(self) -> list["News"]:
        return sorted(self.referring("news", self._holder_field), key=News.order, reverse=True)

    @property
    def events(self) -> list["Event"]:
        return sorted(self.referring("event", self._holder_field), key=Event.order)

    @property
    def figures(self) -> list[Entity]:
        return self.referring("figure", self._holder_field)


@kind_class("theme")
class Theme(_Current, Entity):
    @property
    def interventions(self) -> list["Intervention"]:
        return self.referring("intervention", "themes")

    @property
    def national_offering(self) -> list["Intervention"]:
        return [i for i in self.interventions if i.region is None]

    @property
    def regional_offering(self) -> dict[Entity, list["Intervention"]]:
        grouped: dict[Entity, list[Intervention]] = {}
        for intervention in self.interventions:
            if intervention.region is not None:
                grouped.setdefault(intervention.region, []).append(intervention)
        return grouped


@kind_class("region")
class Region(_Current, Entity):
    _holder_field = "regions"

    @property
    def figures(self) -> list[Entity]:
        return self.referring("figure", "region")


@kind_class("news")
class News(Entity):
    @property
    def day(self) -> dt.date:
        """The last day the item's date can mean (a month or a year sorts at its end)."""
        return latest_day(self.date) or dt.date.min

    @staticmethod
    def order(item: "News") -> tuple:
        """Sort key by date (reverse it for newest first), then title."""
        return (item.day, item.name)


@kind_class("event")
class Event(Entity):
    @property
    def start(self) -> Optional[dt.datetime | dt.date]:
        return _moment(self.starts)

    @property
    def end(self) -> Optional[dt.datetime | dt.date]:
        return _moment(self.ends)

    @property
    def is_series(self) -> bool:
        """Known only by period and rhythm: listed on Actueel, not in the calendar."""
        return self.starts is None

    def is_past(self, today: dt.date) -> bool:
        last = self.end or self.start
        if last is None:
            return (period_end(self.period) or dt.date.max) < today
        return (last.date() if isinstance(last, dt.datetime) else last) < today

    @staticmethod
    def order(event: "Event") -> tuple:
        start = event.start
        day = start.date() if isinstance(start, dt.datetime) else start
        return (day or dt.date.max, event.name)


def _moment(value: Optional[str]) -> Optional[dt.datetime | dt.date]:
    """"2026-03-12" → a date; "2026-03-12T14:00" → a datetime (Dutch time, no zone attached here)."""
    if not value:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


RECOGNISABLE_KIND = "interventie"  # the schema's if/then on `kind` says the same (tests/test_trust.py checks)
NOT_APPLICABLE = "niet van toepassing"  # recognition of anything that is not an intervention
NOT_ASSESSED = "niet beoordeeld"  # an intervention without a known recognition


@kind_class("intervention")
class Intervention(_AgeRange, _InRegion, Entity):
    @property
    def recognisable(self) -> bool:
        """Only an intervention (not a guide, game, website, …) can be recognised by an erkenningscommissie."""
        return self.kind == RECOGNISABLE_KIND

    @property
    def recognition_label(self) -> str:
        if not self.recognisable:
            return NOT_APPLICABLE
        return self.recognition.level if self.recognition is not None else NOT_ASSESSED

    @property
    def barriers(self) -> list["Barrier"]:
        return self.referring("barrier", "interventions")

    @property
    def projects(self) -> list[Entity]:
        return self.referring("project", "interventions")

    @property
    def matrix_cells(self) -> list[Node]:
        return self.referring("situation/actions", "interventions")

    @property
    def steps(self) -> list["BarrierStep"]:
        """Steps served directly or through a barrier placed on a step."""
        found = list(self.barrier_steps)
        for barrier in self.barriers:
            if barrier.step is not None and barrier.step not in found:
                found.append(barrier.step)
        return sorted(found, key=lambda step: (step.model.id, step.number))

    @property
    def contacts(self) -> list[tuple[str, "Partner"]]:
        """Whom to approach, each organisation once, with the field that names it: licence holder, those who
        deliver it, then the provider."""
        found: list[tuple[str, Partner]] = []
        roles = [("licence_holder", [self.licence_holder] if self.licence_holder else []),
                 ("delivered_by", list(self.delivered_by)), ("provider", [self.provider] if self.provider else [])]
        for role, partners in roles:
            for partner in partners:
                if all(partner is not other for _, other in found):
                    found.append((role, partner))
        return found

    @property
    def reachable(self) -> bool:
        """Does it name an organisation with a public contact route?"""
        return any(partner.reachable for _, partner in self.contacts)

    @property
    def risk_factors(self) -> list[Factor]:
        return [f for f in self.factors if f.kind == "risico"]

    @property
    def protective_factors(self) -> list[Factor]:
        return [f for f in self.factors if f.kind == "beschermend"]


@kind_class("programme")
class Programme(_InRegion, Entity):
    pass


@kind_class("project")
class Project(Entity):
    @property
    def programme(self) -> Programme:
        return self.parent


@kind_class("barrier-model")
class BarrierModel(Entity):
    @property
    def barriers(self) -> list["Barrier"]:
        return [b for step in self.steps for b in step.barriers] + list(self.unplaced_barriers)


@kind_class("step")
class BarrierStep(Entity):
    @property
    def model(self) -> BarrierModel:
        return self.parent

    @property
    def title(self) -> str:
        return f"Stap {self.number}: {self.name}" if self.name else f"Stap {self.number}"

    @property
    def display_name(self) -> str:
        return f"{self.title} — {self.model.name}"

    @property
    def interventions(self) -> list[Intervention]:
        found = list(self.referring("intervention", "barrier_steps"))
        for barrier in self.barriers:
            found += [i for i in barrier.interventions if i not in found]
        return found


@kind_class("barrier")
class Barrier(Entity):
    @property
    def step(self) -> Optional[BarrierStep]:
        return self.parent if self.parent.data_kind.name == "step" else None

    @property
    def model(self) -> BarrierModel:
        return self.step.model if self.step is not None else self.parent


@kind_class("matrix")
class Matrix(_AgeRange, Entity):
    pass


@kind_class("situation")
class Situation(Entity):
    def action_for(self, party: Partner) -> Optional[Node]:
        return next((a for a in self.actions if a.party is party), None)


# ---------------------------------------------------------------------------
# The toolbox
# ---------------------------------------------------------------------------


class Toolbox:
    """Everything in ``data/``, by kind and id; ``toolbox.<collection>`` per the registry."""

    def __init__(self, entities: dict[str, dict[str, Entity]], dataset: Optional[DataSet] = None):
        self.entities = entities
        self.dataset = dataset  # the files as editors wrote them (the open data export publishes these)

    def of_kind(self, name: str) -> dict[str, Entity]:
        for reads in _recording:
            reads.collections.add(name)
        return self.entities.get(name, {})

    def __getattr__(self, name: str) -> Any:
        for kind in KINDS:
            if kind.collection == name:
                found = self.of_kind(kind.name)
                return next(iter(found.values()), None) if kind.singleton else found
        raise AttributeError(name)

    def source_coverage(self) -> tuple[int, int]:
        """How many entities of kinds that carry sources name at least one, of how many."""
        carrying = [e for kind in self.entities.values() for e in kind.values() if hasattr(e, "sources")]
        return sum(1 for e in carrying if e.sources), len(carrying)

    @property
    def synonym_groups(self) -> list[list[str]]:
        """Words that mean the same for searching (data/synonyms.yaml): site search, finder and matrix filter."""
        return [list(group.words) for group in self.of_kind("synonyms").values()]

    def __repr__(self) -> str:
        return "<Toolbox " + ", ".join(f"{len(v)} {k}" for k, v in self.entities.items()) + ">"


# ---------------------------------------------------------------------------
# Reads: what a piece of work (a page) took from the model
# ---------------------------------------------------------------------------


@dataclass
class Reads:
    """The entities and collections one piece of work read; the live preview redoes it when one of them changed.

    A group of fields (a ``Node``) counts as its entity. ``everything`` is
    set by callers for work that reads the model through something computed
    once for all (an overview's listing), which cannot be told apart.
    """

    entities: set = field(default_factory=set)  # Entity objects
    collections: set[str] = field(default_factory=set)  # kind names whose whole collection was looked at
    everything: bool = False


_recording: list[Reads] = []  # the Reads being recorded, innermost last


def _reading_attribute(node: Node, name: str) -> Any:
    entity = node if issubclass(type(node), Entity) else object.__getattribute__(node, "owner")
    for reads in _recording:
        if entity is None:
            reads.everything = True  # a group outside any entity: its file's top level
        else:
            reads.entities.add(entity)
    return object.__getattribute__(node, name)


def read_everything() -> None:
    """Tell the Reads being recorded that the work read something computed from the whole toolbox."""
    for reads in _recording:
        reads.everything = True


@contextmanager
def recording_reads() -> Iterator[Reads]:
    """Record every entity and collection read inside the block.

    Attribute access on the model costs nothing extra outside such a block:
    the recording hook is on the class only while one is open.
    """
    reads = Reads()
    _recording.append(reads)
    Node.__getattribute__ = _reading_attribute  # type: ignore[method-assign]
    try:
        yield reads
    finally:
        _recording.remove(reads)
        if not _recording:
            del Node.__getattribute__


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[str, dict[str, Entity]] = {kind.name: {} for kind in KINDS}
        # (container, attribute name or list index, kind, id, referring object, its holder key, field name)
        self.references: list[tuple[Any, Any, str, str, Node, str, str]] = []

    def document(self, document: YamlDocument, shape: Shape) -> None:
        self._convert(document, shape, document.data, (), None, "", "")

    def _convert(self, document: YamlDocument, shape: Shape, value: Any, path: tuple,
                 owner: Optional[Entity], trail: str, field: str) -> Any:
        """``trail``/``field``: the holder key of the object this value sits in, and the field it sits under."""
        if isinstance(value, dict):
            if shape.kind:
                return self._entity(document, shape, value, path, owner)
            node = Node({})
            node.owner = owner
            node.__dict__.update(self._fields(document, shape, value, path, owner, node, f"{trail}/{field}".strip("/")))
            return node
        if isinstance(value, list):
            items = shape.items or Shape()
            return [self._convert(document, items, item, path + (index,), owner, trail, field)
                    for index, item in enumerate(value)]
        return value

    def _entity(self, document: YamlDocument, shape: Shape, value: dict, path: tuple,
                parent: Optional[Entity]) -> Entity:
        entity = ENTITY_CLASSES.get(shape.kind, Entity)({})
        entity.data_kind = KIND_BY_NAME[shape.kind]
        entity.parent = entity.owner = parent
        entity.location = Location(document.path, document.locate(path)[0])
        entity.__dict__.update(self._fields(document, shape, value, path, entity, entity, shape.kind))
        self.entities[shape.kind][entity.id] = entity
        return entity

    def _fields(self, document: YamlDocument, shape: Shape, value: dict, path: tuple, owner: Optional[Entity],
                holder: Node, holder_key: str) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for key, child in shape.properties.items():
            if key not in value:
                fields[key] = child.spec.get("default", [] if child.is_list else None)
                continue
            raw = value[key]
            fields[key] = converted = self._convert(document, child, raw, path + (key,), owner, holder_key, key)
            if child.ref and isinstance(raw, str):
                self.references.append((holder, key, child.ref, raw, holder, holder_key, key))
            elif child.items is not None and child.items.ref and isinstance(raw, list):
                self.references.extend((converted, index, child.items.ref, item, holder, holder_key, key)
                                       for index, item in enumerate(raw) if isinstance(item, str))
        return fields

    def resolve(self) -> None:
        """Put each referenced entity in place and tell it who refers to it."""
        for container, slot, kind, target_id, referrer, holder_key, holder_field in self.references:
            target = self.entities[kind][target_id]
            if isinstance(container, list):
                container[slot] = target
            else:
                setattr(container, slot, target)
            target.referrers.setdefault((holder_key, holder_field), []).append(referrer)


def build_toolbox(dataset: DataSet, schemas: SchemaSet) -> Toolbox:
    """Turn validated documents into the cross-linked model."""
    builder = _Builder()
    for _, data_file, document in dataset.all():
        builder.document(document, schemas.shape(data_file.schema))
    builder.resolve()
    return Toolbox(builder.entities, dataset)
