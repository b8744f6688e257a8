"""The toolbox as typed, cross-linked objects.

Built only from data that passed validation, so construction can trust the
shape. Every object knows where it came from (``source``) for edit links, and
the reverse relations (a factor's interventions, a theme's regional offering)
are filled in once here rather than searched for in templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .loader import DataSet
from .yamlfile import YamlDocument


class _Entity:
    """Short repr: entities link to each other, so the default repr would walk the whole graph."""

    def __repr__(self) -> str:
        key = getattr(self, "id", None) or getattr(self, "name", None) or getattr(self, "number", "")
        return f"<{type(self).__name__} {key}>"


@dataclass(frozen=True)
class Source:
    """Where an entity sits in the data: the file and the line of its first field."""

    file: str
    line: int


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(eq=False, repr=False)
class Partner(_Entity):
    id: str
    name: str
    kind: str
    role: str
    short_name: Optional[str] = None
    website: Optional[str] = None
    last_reviewed: str = ""
    source: Optional[Source] = None
    provides: list["Intervention"] = field(default_factory=list)
    supports: list["Intervention"] = field(default_factory=list)
    projects: list["Project"] = field(default_factory=list)
    matrix_columns: list["Matrix"] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(eq=False, repr=False)
class Factor(_Entity):
    id: str
    name: str
    kind: str  # "risico" | "beschermend"
    domain: str
    summary: str
    links: list[Link]
    last_reviewed: str
    source: Source
    interventions: list["Intervention"] = field(default_factory=list)
    themes: list["Theme"] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Theme(_Entity):
    id: str
    name: str
    intro: str
    municipality_role: str
    factors: list[Factor]
    links: list[Link]
    last_reviewed: str
    source: Source
    interventions: list["Intervention"] = field(default_factory=list)

    @property
    def national_offering(self) -> list["Intervention"]:
        return [i for i in self.interventions if i.region is None]

    @property
    def regional_offering(self) -> dict["Region", list["Intervention"]]:
        grouped: dict[Region, list[Intervention]] = {}
        for intervention in self.interventions:
            if intervention.region is not None:
                grouped.setdefault(intervention.region, []).append(intervention)
        return grouped


@dataclass(eq=False, repr=False)
class Intervention(_Entity):
    id: str
    name: str
    summary: str
    format: str
    status: str
    target_groups: list[str]
    used_by: list[str]
    age_min: Optional[int]
    age_max: Optional[int]
    prevention_levels: list[str]
    delivery: Optional[str]
    provider: Partner
    partners: list[Partner]
    themes: list[Theme]
    factors: list[Factor]
    explicit_steps: list["BarrierStep"]
    evidence: str
    cost: Optional[str]
    conditions: Optional[str]
    links: list[Link]
    last_reviewed: str
    source: Source
    region: Optional["Region"] = None
    barriers: list["Barrier"] = field(default_factory=list)
    projects: list["Project"] = field(default_factory=list)
    matrix_cells: list["MatrixAction"] = field(default_factory=list)

    @property
    def steps(self) -> list["BarrierStep"]:
        """Steps served directly or through a barrier placed on a step."""
        found = list(self.explicit_steps)
        for barrier in self.barriers:
            if barrier.step is not None and barrier.step not in found:
                found.append(barrier.step)
        return sorted(found, key=lambda step: (step.model.id, step.number))

    @property
    def risk_factors(self) -> list[Factor]:
        return [f for f in self.factors if f.kind == "risico"]

    @property
    def protective_factors(self) -> list[Factor]:
        return [f for f in self.factors if f.kind == "beschermend"]

    @property
    def scope(self) -> str:
        return self.region.id if self.region else "landelijk"


@dataclass(eq=False, repr=False)
class Project(_Entity):
    id: str
    name: str
    summary: Optional[str]
    goals: list[str]
    actions: list[str]
    results: list[str]
    bottlenecks: list[str]
    partners: list[Partner]
    themes: list[Theme]
    interventions: list[Intervention]
    programme: Optional["Programme"] = None


@dataclass(eq=False, repr=False)
class Programme(_Entity):
    id: str
    name: str
    summary: str
    owner: Partner
    period: Optional[str]
    goals: list[str]
    strategy: list[str]
    partners: list[Partner]
    projects: list[Project]
    links: list[Link]
    last_reviewed: str
    source: Source
    region: Optional["Region"] = None


@dataclass(eq=False, repr=False)
class Region(_Entity):
    id: str
    name: str
    summary: str
    organisation: Partner
    area: Optional[str]
    contact: Optional[str]
    links: list[Link]
    last_reviewed: str
    source: Source
    offerings: list[Intervention] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Barrier(_Entity):
    id: str
    name: str
    summary: Optional[str]
    kind: str
    actors: list[Partner]
    interventions: list[Intervention]
    selected: bool
    model: "BarrierModel"
    step: Optional["BarrierStep"] = None


@dataclass(eq=False, repr=False)
class BarrierStep(_Entity):
    id: str
    number: int
    name: Optional[str]
    summary: Optional[str]
    involved: list[str]
    opportunities: list[str]
    signals: list[str]
    facilitators: list[str]
    partners: list[Partner]
    model: "BarrierModel"
    source: Source
    barriers: list[Barrier] = field(default_factory=list)
    interventions: list["Intervention"] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Stap {self.number}: {self.name}" if self.name else f"Stap {self.number}"

    @property
    def is_described(self) -> bool:
        return bool(self.name or self.summary or self.signals or self.opportunities or self.barriers)


@dataclass(eq=False, repr=False)
class BarrierModel(_Entity):
    id: str
    name: str
    summary: str
    owner: Partner
    step_count: int
    themes: list[Theme]
    links: list[Link]
    last_reviewed: str
    source: Source
    steps: list[BarrierStep] = field(default_factory=list)
    unplaced_barriers: list[Barrier] = field(default_factory=list)

    @property
    def barriers(self) -> list[Barrier]:
        return [b for step in self.steps for b in step.barriers] + self.unplaced_barriers


@dataclass(eq=False, repr=False)
class ProcessStep(_Entity):
    number: int
    name: str
    summary: Optional[str]
    actors: list[Partner]


@dataclass(eq=False, repr=False)
class EntryPoint(_Entity):
    id: str
    name: str
    summary: Optional[str]
    leads_to: Optional["Process"]


@dataclass(eq=False, repr=False)
class ReportingDuty(_Entity):
    signal: str
    partner: Partner


@dataclass(eq=False, repr=False)
class Process(_Entity):
    id: str
    name: str
    summary: str
    owner: Partner
    themes: list[Theme]
    entry_points: list[EntryPoint]
    steps: list[ProcessStep]
    signals: list[str]
    reporting_duties: list[ReportingDuty]
    principles: list[str]
    links: list[Link]
    last_reviewed: str
    source: Source


@dataclass(eq=False, repr=False)
class MatrixAction(_Entity):
    party: Partner
    what: str
    interventions: list[Intervention]
    situation: "Situation"


@dataclass(eq=False, repr=False)
class Situation(_Entity):
    id: str
    name: str
    severity: int
    summary: Optional[str]
    actions: list[MatrixAction] = field(default_factory=list)

    def action_for(self, party: Partner) -> Optional[MatrixAction]:
        return next((a for a in self.actions if a.party is party), None)


@dataclass(eq=False, repr=False)
class Matrix(_Entity):
    id: str
    name: str
    summary: str
    owner: Partner
    age_min: Optional[int]
    age_max: Optional[int]
    parties: list[Partner]
    links: list[Link]
    last_reviewed: str
    source: Source
    situations: list[Situation] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Toolbox(_Entity):
    """Everything in ``data/``, indexed by id and cross-linked."""

    partners: dict[str, Partner]
    themes: dict[str, Theme]
    factors: dict[str, Factor]
    interventions: dict[str, Intervention]
    regions: dict[str, Region]
    programmes: dict[str, Programme]
    barrier_models: dict[str, BarrierModel]
    steps: dict[str, BarrierStep]
    processes: dict[str, Process]
    matrix: Optional[Matrix]

    @property
    def national_interventions(self) -> list[Intervention]:
        return [i for i in self.interventions.values() if i.region is None]

    @property
    def national_programmes(self) -> list[Programme]:
        return [p for p in self.programmes.values() if p.region is None]


# ---------------------------------------------------------------------------
# Building the model from validated documents
# ---------------------------------------------------------------------------


class _Builder:
    def __init__(self, dataset: DataSet):
        self.dataset = dataset
        self.partners: dict[str, Partner] = {}
        self.themes: dict[str, Theme] = {}
        self.factors: dict[str, Factor] = {}
        self.interventions: dict[str, Intervention] = {}
        self.regions: dict[str, Region] = {}
        self.programmes: dict[str, Programme] = {}
        self.models: dict[str, BarrierModel] = {}
        self.steps: dict[str, BarrierStep] = {}
        self.processes: dict[str, Process] = {}
        self.matrix: Optional[Matrix] = None
        # References to interventions are resolved after all interventions exist.
        self._pending: list[tuple[Any, str, list[str]]] = []

    def build(self) -> Toolbox:
        for document in self.dataset.of_kind("partners"):
            for index, raw in enumerate(document.data["partners"]):
                partner = Partner(
                    id=raw["id"], name=raw["name"], kind=raw["kind"], role=raw["role"],
                    short_name=raw.get("short_name"), website=raw.get("website"),
                    last_reviewed=raw["last_reviewed"], source=_source(document, ("partners", index)),
                )
                self.partners[partner.id] = partner
        for document in self.dataset.of_kind("factors"):
            for index, raw in enumerate(document.data["factors"]):
                factor = Factor(
                    id=raw["id"], name=raw["name"], kind=raw["kind"], domain=raw["domain"],
                    summary=raw["summary"], links=_links(raw), last_reviewed=raw["last_reviewed"],
                    source=_source(document, ("factors", index)),
                )
                self.factors[factor.id] = factor
        for document in self.dataset.of_kind("themes"):
            for index, raw in enumerate(document.data["themes"]):
                theme = Theme(
                    id=raw["id"], name=raw["name"], intro=raw["intro"],
                    municipality_role=raw["municipality_role"],
                    factors=[self.factors[f] for f in raw.get("factors", [])], links=_links(raw),
                    last_reviewed=raw["last_reviewed"], source=_source(document, ("themes", index)),
                )
                self.themes[theme.id] = theme
                for factor in theme.factors:
                    factor.themes.append(theme)
        self._build_barrier_models()
        for document in self.dataset.of_kind("interventions"):
            for index, raw in enumerate(document.data["interventions"]):
                self._intervention(raw, document, ("interventions", index), None)
        for document in self.dataset.of_kind("programmes"):
            for index, raw in enumerate(document.data["programmes"]):
                self._programme(raw, document, ("programmes", index), None)
        for document in self.dataset.of_kind("region"):
            self._region(document)
        self._build_processes()
        self._build_matrix()
        self._resolve_pending()
        for intervention in self.interventions.values():  # steps served directly or through a barrier
            for step in intervention.steps:
                step.interventions.append(intervention)
        return Toolbox(
            partners=self.partners, themes=self.themes, factors=self.factors,
            interventions=self.interventions, regions=self.regions, programmes=self.programmes,
            barrier_models=self.models, steps=self.steps, processes=self.processes, matrix=self.matrix,
        )

    def _intervention(self, raw: dict, document: YamlDocument, path: tuple, region: Optional[Region]) -> None:
        age = raw.get("age", {})
        intervention = Intervention(
            id=raw["id"], name=raw["name"], summary=raw["summary"], format=raw["format"],
            status=raw.get("status", "beschikbaar"),
            target_groups=raw.get("target_groups", []), used_by=raw.get("used_by", []),
            age_min=age.get("min"), age_max=age.get("max"),
            prevention_levels=raw.get("prevention_levels", []), delivery=raw.get("delivery"),
            provider=self.partners[raw["provider"]],
            partners=[self.partners[p] for p in raw.get("partners", [])],
            themes=[self.themes[t] for t in raw.get("themes", [])],
            factors=[self.factors[f] for f in raw.get("factors", [])],
            explicit_steps=[self.steps[s] for s in raw.get("barrier_steps", [])],
            evidence=raw["evidence"], cost=raw.get("cost"), conditions=raw.get("conditions"),
            links=_links(raw), last_reviewed=raw["last_reviewed"], source=_source(document, path),
            region=region,
        )
        self.interventions[intervention.id] = intervention
        intervention.provider.provides.append(intervention)
        for partner in intervention.partners:
            partner.supports.append(intervention)
        for theme in intervention.themes:
            theme.interventions.append(intervention)
        for factor in intervention.factors:
            factor.interventions.append(intervention)
        if region is not None:
            region.offerings.append(intervention)

    def _programme(self, raw: dict, document: YamlDocument, path: tuple, region: Optional[Region]) -> None:
        programme = Programme(
            id=raw["id"], name=raw["name"], summary=raw["summary"], owner=self.partners[raw["owner"]],
            period=raw.get("period"), goals=raw.get("goals", []), strategy=raw.get("strategy", []),
            partners=[self.partners[p] for p in raw.get("partners", [])], projects=[],
            links=_links(raw), last_reviewed=raw["last_reviewed"], source=_source(document, path),
            region=region,
        )
        for raw_project in raw["projects"]:
            project = Project(
                id=raw_project["id"], name=raw_project["name"], summary=raw_project.get("summary"),
                goals=raw_project.get("goals", []), actions=raw_project.get("actions", []),
                results=raw_project.get("results", []), bottlenecks=raw_project.get("bottlenecks", []),
                partners=[self.partners[p] for p in raw_project.get("partners", [])],
                themes=[self.themes[t] for t in raw_project.get("themes", [])],
                interventions=[], programme=programme,
            )
            for partner in project.partners:
                partner.projects.append(project)
            self._pending.append((project, "interventions", raw_project.get("interventions", [])))
            programme.projects.append(project)
        self.programmes[programme.id] = programme
        if region is not None:
            region.programmes.append(programme)

    def _region(self, document: YamlDocument) -> None:
        raw = document.data
        region = Region(
            id=raw["id"], name=raw["name"], summary=raw["summary"],
            organisation=self.partners[raw["organisation"]], area=raw.get("area"),
            contact=raw.get("contact"), links=_links(raw), last_reviewed=raw["last_reviewed"],
            source=_source(document, ()),
        )
        self.regions[region.id] = region
        for index, offering in enumerate(raw.get("offerings", [])):
            self._intervention(offering, document, ("offerings", index), region)
        for index, programme in enumerate(raw.get("programmes", [])):
            self._programme(programme, document, ("programmes", index), region)

    def _build_barrier_models(self) -> None:
        for document in self.dataset.of_kind("barriers"):
            for index, raw in enumerate(document.data["barrier_models"]):
                model = BarrierModel(
                    id=raw["id"], name=raw["name"], summary=raw["summary"],
                    owner=self.partners[raw["owner"]], step_count=raw["step_count"],
                    themes=[self.themes[t] for t in raw.get("themes", [])], links=_links(raw),
                    last_reviewed=raw["last_reviewed"], source=_source(document, ("barrier_models", index)),
                )
                for step_index, raw_step in enumerate(raw["steps"]):
                    step = BarrierStep(
                        id=raw_step["id"], number=raw_step["number"], name=raw_step.get("name"),
                        summary=raw_step.get("summary"), involved=raw_step.get("involved", []),
                        opportunities=raw_step.get("opportunities", []), signals=raw_step.get("signals", []),
                        facilitators=raw_step.get("facilitators", []),
                        partners=[self.partners[p] for p in raw_step.get("partners", [])], model=model,
                        source=_source(document, ("barrier_models", index, "steps", step_index)),
                    )
                    step.barriers = [self._barrier(b, model, step) for b in raw_step.get("barriers", [])]
                    model.steps.append(step)
                    self.steps[step.id] = step
                model.unplaced_barriers = [self._barrier(b, model, None) for b in raw.get("unplaced_barriers", [])]
                self.models[model.id] = model

    def _barrier(self, raw: dict, model: BarrierModel, step: Optional[BarrierStep]) -> Barrier:
        barrier = Barrier(
            id=raw["id"], name=raw["name"], summary=raw.get("summary"), kind=raw["kind"],
            actors=[self.partners[p] for p in raw.get("actors", [])], interventions=[],
            selected=raw.get("selected", False), model=model, step=step,
        )
        self._pending.append((barrier, "interventions", raw.get("interventions", [])))
        return barrier

    def _build_processes(self) -> None:
        for document in self.dataset.of_kind("processes"):
            raw_processes = document.data["processes"]
            for index, raw in enumerate(raw_processes):
                process = Process(
                    id=raw["id"], name=raw["name"], summary=raw["summary"], owner=self.partners[raw["owner"]],
                    themes=[self.themes[t] for t in raw.get("themes", [])], entry_points=[],
                    steps=[
                        ProcessStep(
                            number=s["number"], name=s["name"], summary=s.get("summary"),
                            actors=[self.partners[p] for p in s.get("actors", [])],
                        )
                        for s in raw["steps"]
                    ],
                    signals=raw.get("signals", []),
                    reporting_duties=[
                        ReportingDuty(signal=d["signal"], partner=self.partners[d["partner"]])
                        for d in raw.get("reporting_duties", [])
                    ],
                    principles=raw.get("principles", []), links=_links(raw),
                    last_reviewed=raw["last_reviewed"], source=_source(document, ("processes", index)),
                )
                self.processes[process.id] = process
            for raw in raw_processes:  # entry points may lead to a process defined later
                self.processes[raw["id"]].entry_points = [
                    EntryPoint(
                        id=e["id"], name=e["name"], summary=e.get("summary"),
                        leads_to=self.processes.get(e["leads_to"]) if e.get("leads_to") else None,
                    )
                    for e in raw.get("entry_points", [])
                ]

    def _build_matrix(self) -> None:
        document = self.dataset.single("matrix")
        if document is None:
            return
        raw = document.data
        age = raw.get("age", {})
        matrix = Matrix(
            id=raw["id"], name=raw["name"], summary=raw["summary"], owner=self.partners[raw["owner"]],
            age_min=age.get("min"), age_max=age.get("max"),
            parties=[self.partners[p] for p in raw["parties"]], links=_links(raw),
            last_reviewed=raw["last_reviewed"], source=_source(document, ()),
        )
        for party in matrix.parties:
            party.matrix_columns.append(matrix)
        for raw_situation in raw["situations"]:
            situation = Situation(
                id=raw_situation["id"], name=raw_situation["name"], severity=raw_situation["severity"],
                summary=raw_situation.get("summary"),
            )
            for raw_action in raw_situation.get("actions", []):
                action = MatrixAction(
                    party=self.partners[raw_action["party"]], what=raw_action["what"], interventions=[],
                    situation=situation,
                )
                self._pending.append((action, "interventions", raw_action.get("interventions", [])))
                situation.actions.append(action)
            matrix.situations.append(situation)
        self.matrix = matrix

    def _resolve_pending(self) -> None:
        for owner, attribute, ids in self._pending:
            targets = [self.interventions[i] for i in ids]
            setattr(owner, attribute, targets)
            for intervention in targets:
                if isinstance(owner, Barrier):
                    intervention.barriers.append(owner)
                elif isinstance(owner, Project):
                    intervention.projects.append(owner)
                elif isinstance(owner, MatrixAction):
                    intervention.matrix_cells.append(owner)


def _source(document: YamlDocument, path: tuple) -> Source:
    line, _ = document.locate(path)
    return Source(document.path, line)


def _links(raw: dict) -> list[Link]:
    return [Link(title=link["title"], url=link["url"]) for link in raw.get("links", [])]


def build_toolbox(dataset: DataSet) -> Toolbox:
    """Turn validated documents into the cross-linked model."""
    return _Builder(dataset).build()
