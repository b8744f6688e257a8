"""The registry of data kinds: each kind of thing in ``data/`` is declared here once.

Everything else derives from this table and from the JSON Schemas:

* which files are read and which schema each follows (loader, validator,
  CONTRIBUTING's field reference, the editors' VS Code settings);
* Dutch names in messages ("verwijst naar thema …") and the field that names
  an entity (lists, "wat is er veranderd", the form editor);
* the rules of structure a schema cannot say (validator, ``rules.py``);
* where an entity's page lives, which template renders it, its overview page
  and its place in the navigation (site, MkDocs plugin);
* whether editors review it (review report, "recent gecontroleerd").

The schemas say the rest: an object schema with ``"x-kind": "<kind>"`` is an
entity of that kind (with an ``id``), and a field with ``"x-ref": "<kind>"``
refers to one. The validator checks exactly those references and the model
follows exactly those, so a reference the model follows has always been
checked.

Adding a kind: its data file(s), its schema, its page template and one entry
in ``KINDS`` (or a call of ``register``, as tests/test_registry.py does). An
overview without a template of its own uses the generic ``overview`` list.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from typing import Optional

from .rules import Rule, matrix_order, numbered_steps

_PLAIN_FILE = re.compile(r"^[a-z0-9][a-z0-9-]*\.yaml$")
SCHEMA_HEADER = "# yaml-language-server: $schema="  # the first line of every data file


@dataclass(frozen=True)
class DataFile:
    """One file, or a folder with one file per entity, and the schema it follows."""

    pattern: str  # relative to data/: "partners.yaml" or "regions/*.yaml"
    schema: str  # file name in data/schema/

    @property
    def is_folder(self) -> bool:
        return "*" in self.pattern

    @property
    def folder(self) -> str:
        return self.pattern.rsplit("/", 1)[0] if self.is_folder else ""

    @property
    def header(self) -> str:
        """The first line of each of its files: points editors' tools (VS Code, the form editor) at the schema."""
        return f"{SCHEMA_HEADER}{'../' * self.pattern.count('/')}schema/{self.schema}"

    def matches(self, relative: str) -> bool:
        """Is ``relative`` this file, or a file of this folder (plain names only: no editor's backup or lock file)?"""
        if not self.is_folder:
            return relative == self.pattern
        folder, _, name = relative.rpartition("/")
        return folder == self.folder and fnmatch.fnmatchcase(relative, self.pattern) and bool(_PLAIN_FILE.match(name))


@dataclass(frozen=True)
class NavSpot:
    """Where a page sits in the site's navigation."""

    title: str
    group: Optional[str] = None  # None: top level; a group is made before "Meer" if the configuration lacks it


@dataclass(frozen=True)
class Overview:
    """The page that lists every entity of a kind: ``<section>/index.md``."""

    title: str
    description: str
    template: str = "overview"  # in overrides/pages/; the generic list of names and summaries by default
    nav_group: Optional[str] = None  # None: top level of the navigation
    nav_title: Optional[str] = None  # defaults to ``title``

    @property
    def nav(self) -> NavSpot:
        return NavSpot(self.nav_title or self.title, self.nav_group)


@dataclass(frozen=True)
class Kind:
    """A kind of entity: its files, its Dutch names and how it appears on the site."""

    name: str  # as in the schemas' x-kind / x-ref
    label: str  # Dutch, singular, as editors read it in messages
    plural: str  # Dutch plural
    collection: str  # attribute of the toolbox listing them: toolbox.interventions
    files: tuple[DataFile, ...] = ()  # files this kind owns (nested kinds: none)
    section: Optional[str] = None  # URL folder of its own pages; None: shown on an ancestor's page
    page: Optional[str] = None  # fixed page for a kind with one entity (the matrix)
    template: Optional[str] = None  # page template; defaults to the name with '_' for '-'
    overview: Optional[Overview] = None
    reviewable: bool = False  # carries last_reviewed; listed by the review report
    singleton: bool = False  # at most one entity: toolbox.<collection> is it, or None
    anchor: str = ""  # prefix of its HTML id where it is listed on a page: never clashes with a heading's id
    own_pages: bool = True  # False: entities are listed on the overview only (no thin page each)
    page_nav: Optional[NavSpot] = None  # for a kind with one fixed page: its place in the navigation
    display_field: str = "name"  # the field that names an entity in lists, messages and the form editor
    rules: tuple[Rule, ...] = ()  # structure a schema cannot say, checked on each of its documents

    @property
    def page_template(self) -> str:
        return self.template or self.name.replace("-", "_")

    @property
    def shown_to_readers(self) -> bool:
        """Does the site show its entries (on their own pages, an overview or an ancestor's page)?

        Search synonyms and the source documents only serve other entries: a change to them is not
        news to a reader ("Wat is er veranderd").
        """
        return self.has_pages or self.overview is not None or not self.files

    @property
    def has_pages(self) -> bool:
        return (self.section is not None and self.own_pages) or self.page is not None

    def page_for(self, entity_id: str) -> Optional[str]:
        """The Markdown path of an entity's own page (None: it is shown on an ancestor's page or the overview)."""
        if self.page:
            return self.page
        return f"{self.section}/{entity_id}.md" if self.section is not None and self.own_pages else None

    @property
    def overview_page(self) -> Optional[str]:
        return f"{self.section}/index.md" if self.overview is not None else None


KINDS: list[Kind] = [
    Kind("source", "brondocument", "brondocumenten", "sources", anchor="bron-", display_field="title",
         files=(DataFile("sources.yaml", "sources.schema.json"),)),
    Kind("intervention", "interventie", "interventies", "interventions", anchor="interventie-",
         files=(DataFile("interventions.yaml", "interventions.schema.json"),),
         section="interventies",
         overview=Overview("Interventies en aanbod", "Alle interventies, instrumenten en regionaal aanbod, te filteren.",
                           "catalogue", nav_title="Interventies"),
         reviewable=True),
    Kind("guide", "situatie uit 'Wat doe je nu?'", "situaties uit 'Wat doe je nu?'", "guides", anchor="wat-",
         files=(DataFile("guides/*.yaml", "guides.schema.json"),), section="wat-doe-je-nu",
         overview=Overview("Wat doe je nu?", "Wat je in het eerste uur doet bij situaties die professionals vaak "
                           "meemaken: de stappen, wie je belt, wat je vastlegt en wat je niet doet.", "guides"),
         reviewable=True),
    Kind("theme", "thema", "thema's", "themes", anchor="thema-",
         files=(DataFile("themes.yaml", "themes.schema.json"),), section="themas",
         overview=Overview("Thema's", "De thema's van jeugd en veiligheid.", "themes"), reviewable=True),
    Kind("factor", "factor", "factoren", "factors", anchor="factor-",
         files=(DataFile("factors.yaml", "factors.schema.json"),), section="factoren",
         overview=Overview("Risico- en beschermende factoren",
                           "Factoren die de kans op jeugdcriminaliteit vergroten of verkleinen.", "factors",
                           nav_title="Factoren"),
         reviewable=True),
    Kind("barrier-model", "barrièremodel", "barrièremodellen", "barrier_models", anchor="model-",
         files=(DataFile("barriers.yaml", "barriers.schema.json"),), section="barrieremodellen",
         overview=Overview("Barrièremodellen",
                           "Criminele processen in stappen, met de barrières die partners kunnen opwerpen.",
                           "barrier_models", nav_title="Barrièremodel"),
         reviewable=True, rules=(numbered_steps("barrier_models", count_field="step_count"),)),
    Kind("step", "stap van een barrièremodel", "stappen", "steps", anchor="stap-", section="barrieremodellen",
         template="barrier_step"),
    Kind("barrier", "barrière", "barrières", "barriers", anchor="barriere-"),
    Kind("process", "stappenmodel", "stappenmodellen", "processes", anchor="route-",
         files=(DataFile("processes.yaml", "processes.schema.json"),), section="stappenmodellen",
         overview=Overview("Stappenmodellen en routes", "Werkprocessen: wie doet wat bij elke stap.", "processes",
                           nav_title="Stappenmodellen"),
         reviewable=True, rules=(numbered_steps("processes"),)),
    Kind("entry-point", "startpunt", "startpunten", "entry_points", anchor="startpunt-"),
    Kind("region", "regio", "regio's", "regions", anchor="regio-",
         files=(DataFile("regions/*.yaml", "region.schema.json"),), section="regios",
         overview=Overview("Regio's", "Regio's met hun eigen aanbod en programma's.", "regions"), reviewable=True),
    Kind("matrix", "interventiematrix", "interventiematrices", "matrix", anchor="matrix-",
         files=(DataFile("matrix.yaml", "matrix.schema.json"),), page="interventiematrix.md", reviewable=True,
         singleton=True, page_nav=NavSpot("Interventiematrix", "Matrices"), rules=(matrix_order,)),
    Kind("situation", "situatie", "situaties", "situations", anchor="situatie-"),
    Kind("programme", "programma", "programma's", "programmes", anchor="programma-",
         files=(DataFile("programmes.yaml", "programmes.schema.json"),), section="programmas",
         overview=Overview("Programma's", "Landelijke en regionale programma's met hun projecten.", "programmes",
                           nav_group="Meer"),
         reviewable=True),
    Kind("project", "project", "projecten", "projects", anchor="project-"),
    Kind("helpline", "nummer", "nummers", "helplines", anchor="bel-",
         files=(DataFile("helplines.yaml", "helplines.schema.json"),), section="wie-bel-je", own_pages=False,
         overview=Overview("Wie bel je?", "Spoed, politie, Veilig Thuis en andere nummers: wanneer je wie belt.",
                           "helplines", nav_title="Wie bel je?")),
    Kind("synonyms", "groep zoekwoorden", "groepen zoekwoorden", "synonyms", anchor="zoekwoorden-", display_field="id",
         files=(DataFile("synonyms.yaml", "synonyms.schema.json"),)),
    Kind("news", "nieuwsbericht", "nieuwsberichten", "news", anchor="nieuws-",
         files=(DataFile("news/*.yaml", "news.schema.json"),), section="actueel",
         overview=Overview("Actueel", "Nieuws en activiteiten over jeugd en veiligheid, met hun bron.", "news_overview")),
    Kind("event", "activiteit", "activiteiten", "events", anchor="activiteit-",
         files=(DataFile("events/*.yaml", "events.schema.json"),), section="agenda",
         overview=Overview("Agenda", "Activiteiten over jeugd en veiligheid: wat er komt en wat er was, met de bron.",
                           "events", nav_group="Meer")),
    Kind("figure", "kerncijfer", "kerncijfers", "figures", anchor="cijfer-",
         files=(DataFile("figures.yaml", "figures.schema.json"),), section="kerncijfers", own_pages=False,
         overview=Overview("Kerncijfers", "Cijfers uit de bronnen, elk met wat het telt, periode, gebied en bron.",
                           "figures", nav_group="Meer")),
    Kind("partner", "partner", "partners", "partners", anchor="partner-",
         files=(DataFile("partners.yaml", "partners.schema.json"),), section="partners",
         overview=Overview("Partners en hun rol", "Wie doet wat.", "partners", nav_group="Meer", nav_title="Partners"),
         reviewable=True),
]

KIND_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}


def register(kind: Kind) -> None:
    """Add a kind to the registry: the one step besides its data file, schema and template.

    Everything that derives from the registry (validator, model, pages, open
    data, the form editor's configuration, the field reference) reads it when
    it runs, so a kind registered before the data is read takes part fully.
    """
    if kind.name in KIND_BY_NAME:
        raise ValueError(f"kind {kind.name!r} is already registered")
    KINDS.append(kind)
    KIND_BY_NAME[kind.name] = kind


def data_files() -> list[tuple[Kind, DataFile]]:
    """Every declared file with the kind that owns it, in registry order."""
    return [(kind, data_file) for kind in KINDS for data_file in kind.files]


def file_for(relative: str) -> Optional[tuple[Kind, DataFile]]:
    """The declared file a path under data/ (``regions/twente.yaml``) is, if any."""
    return next(((kind, data_file) for kind, data_file in data_files() if data_file.matches(relative)), None)
