"""Facets of interventions: what the finder filters on and the fit instrument scores.

One definition serves the catalogue's HTML (checkboxes with counts), the
data attributes the finder script reads, and the fit score, so the three can
never disagree about what "theme" or "age 12–15" means.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from . import model as m
from .textformat import sort_key

AGE_BANDS = (
    ("tot-12", "tot 12 jaar", 0, 11),
    ("12-15", "12–15 jaar", 12, 15),
    ("16-17", "16–17 jaar", 16, 17),
    ("18-23", "18–23 jaar", 18, 23),
)
NATIONAL = "landelijk"


def slug(text: str) -> str:
    """Stable token for a label with spaces or accents ("niet beoordeeld" → "niet-beoordeeld")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def age_bands(intervention: m.Intervention) -> list[str]:
    low, high = intervention.age_min, intervention.age_max
    if low is None and high is None:
        return []
    low = 0 if low is None else low
    high = 99 if high is None else high
    return [key for key, _, band_low, band_high in AGE_BANDS if low <= band_high and high >= band_low]


@dataclass(frozen=True)
class FacetSpec:
    key: str  # short name used in URLs and data attributes
    label: str
    values: Callable[[m.Intervention], list[str]]
    vocabulary: str | None = None  # labels from the schema vocabulary


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("thema", "Thema", lambda i: [t.id for t in i.themes]),
    FacetSpec("doelgroep", "Doelgroep", lambda i: list(i.target_groups), "target_group"),
    FacetSpec("leeftijd", "Leeftijd", age_bands),
    FacetSpec("niveau", "Preventieniveau", lambda i: list(i.prevention_levels), "prevention_level"),
    FacetSpec("stap", "Stap in het barrièremodel", lambda i: [s.id for s in i.steps]),
    FacetSpec("factor", "Risico- of beschermende factor", lambda i: [f.id for f in i.factors]),
    FacetSpec("regio", "Regio", lambda i: [i.region.id if i.region else NATIONAL]),
    FacetSpec("soort", "Soort", lambda i: [i.kind], "kind"),
    FacetSpec("kanaal", "Online of offline", lambda i: [i.delivery] if i.delivery else [], "delivery"),
    FacetSpec("erkenning", "Erkenning", lambda i: [slug(i.recognition_label)] if i.recognisable else []),
    FacetSpec("rol", "Ingezet door", lambda i: list(i.used_by), "role"),
)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    options: tuple[FacetOption, ...]


def facet_values(intervention: m.Intervention) -> dict[str, list[str]]:
    return {spec.key: spec.values(intervention) for spec in FACETS}


def build_facets(toolbox: m.Toolbox, labels: dict[str, dict[str, str]]) -> list[Facet]:
    """Every facet with its options in a meaningful order and their counts."""
    interventions = list(toolbox.interventions.values())
    facets = []
    for spec in FACETS:
        counts = Counter(value for i in interventions for value in spec.values(i))
        ordered = _ordered_options(spec, toolbox, labels)
        options = tuple(FacetOption(value, label, counts[value]) for value, label in ordered if counts[value])
        if len(options) > 1:  # a filter with one option filters nothing
            facets.append(Facet(spec.key, spec.label, options))
    return facets


def _ordered_options(spec: FacetSpec, toolbox: m.Toolbox, labels) -> Iterable[tuple[str, str]]:
    if spec.vocabulary:
        return labels[spec.vocabulary].items()
    if spec.key == "thema":
        return [(t.id, t.name) for t in sorted(toolbox.themes.values(), key=lambda t: sort_key(t.name))]
    if spec.key == "leeftijd":
        return [(key, label) for key, label, _, _ in AGE_BANDS]
    if spec.key == "stap":
        return [(s.id, f"{s.title} ({s.model.name})") for s in toolbox.steps.values()]
    if spec.key == "factor":
        factors = sorted(toolbox.factors.values(), key=lambda f: (f.kind != "risico", sort_key(f.name)))
        return [(f.id, f"{f.name} ({'risico' if f.kind == 'risico' else 'beschermend'})") for f in factors]
    if spec.key == "regio":
        regions = sorted(toolbox.regions.values(), key=lambda r: sort_key(r.name))
        return [(NATIONAL, "Landelijk")] + [(r.id, r.name) for r in regions]
    if spec.key == "erkenning":
        return [(slug(value), value) for value in [*labels["recognition"], "niet beoordeeld"]]
    raise KeyError(spec.key)  # pragma: no cover - every facet is listed above
