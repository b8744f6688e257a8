"""Facets of interventions: what the finder filters on and the fit instrument scores.

One definition serves the catalogue's HTML (checkboxes with counts), the
values the finder script reads (through the data script, with the keys, the
national value and the age bands), the charts and the fit score, so they can
never disagree about what "theme" or "age 12–15" means.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from ..core import model as m
from ..core.textformat import sort_key
from .facts import evidence
from .vocabulary import Vocabulary

AGE_BANDS = (
    ("tot-12", "tot 12 jaar", 0, 11),
    ("12-15", "12–15 jaar", 12, 15),
    ("16-17", "16–17 jaar", 16, 17),
    ("18-23", "18–23 jaar", 18, 23),
)
AGE_LIMITS = (0, 99)  # an unknown lowest or highest age counts as these
NATIONAL = "landelijk"  # the region value of national offer (in URLs: #regio=landelijk)
# Facets scripts treat specially (the one age rule, national offer, the fit instrument's factors).
AGE_FACET, REGION_FACET, FACTOR_FACET, TARGET_FACET = "leeftijd", "regio", "factor", "doelgroep"

Options = Callable[[m.Toolbox, Vocabulary], Iterable[tuple[str, str]]]


def slug(text: str) -> str:
    """Stable token for a label with spaces or accents ("niet beoordeeld" → "niet-beoordeeld")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def age_bands(intervention: m.Intervention) -> list[str]:
    low, high = intervention.age_min, intervention.age_max
    if low is None and high is None:
        return []
    low = AGE_LIMITS[0] if low is None else low
    high = AGE_LIMITS[1] if high is None else high
    return [key for key, _, band_low, band_high in AGE_BANDS if low <= band_high and high >= band_low]


def _vocabulary(name: str) -> Options:
    return lambda toolbox, vocabulary: vocabulary.labels(name).items()


def _themes(toolbox: m.Toolbox, vocabulary: Vocabulary) -> Iterable[tuple[str, str]]:
    return [(t.id, t.name) for t in sorted(toolbox.themes.values(), key=lambda t: sort_key(t.name))]


def _ages(toolbox: m.Toolbox, vocabulary: Vocabulary) -> Iterable[tuple[str, str]]:
    return [(key, label) for key, label, _, _ in AGE_BANDS]


def _steps(toolbox: m.Toolbox, vocabulary: Vocabulary) -> Iterable[tuple[str, str]]:
    return [(s.id, f"{s.title} ({s.model.name})") for s in toolbox.steps.values()]


def factors_in_order(toolbox: m.Toolbox) -> list:
    """Risk factors first, then protective ones, each by name: the order every list of factors uses."""
    return sorted(toolbox.factors.values(), key=lambda f: (f.kind != "risico", sort_key(f.name)))


def _factors(toolbox: m.Toolbox, vocabulary: Vocabulary) -> Iterable[tuple[str, str]]:
    return [(f.id, f"{f.name} ({'risico' if f.kind == 'risico' else 'beschermend'})") for f in factors_in_order(toolbox)]


def _regions(toolbox: m.Toolbox, vocabulary: Vocabulary) -> Iterable[tuple[str, str]]:
    regions = sorted(toolbox.regions.values(), key=lambda r: sort_key(r.name))
    return [(NATIONAL, "Landelijk")] + [(r.id, r.name) for r in regions]


def _level(intervention: m.Intervention, vocabulary: Vocabulary) -> list[str]:
    """The level that counts for this toolbox (``facts.evidence``), or "niet beoordeeld"; none for other offers."""
    if not intervention.recognisable:
        return []
    found = evidence(intervention, vocabulary)
    return [slug(found.level or m.NOT_ASSESSED)]


def _levels(toolbox: m.Toolbox, vocabulary: Vocabulary) -> Iterable[tuple[str, str]]:
    return [(slug(value), value) for value in [*vocabulary.labels("recognition.level"), m.NOT_ASSESSED]]


@dataclass(frozen=True)
class FacetSpec:
    key: str  # short name used in URLs and the data script
    label: str
    values: Callable[[m.Intervention, Vocabulary], list[str]]
    options: Options  # every possible value with its label, in a meaningful order


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("thema", "Thema", lambda i, v: [t.id for t in i.themes], _themes),
    FacetSpec(TARGET_FACET, "Doelgroep", lambda i, v: list(i.target_groups), _vocabulary("target_group")),
    FacetSpec(AGE_FACET, "Leeftijd", lambda i, v: age_bands(i), _ages),
    FacetSpec("niveau", "Preventieniveau", lambda i, v: list(i.prevention_levels), _vocabulary("prevention_level")),
    FacetSpec("stap", "Stap in het barrièremodel", lambda i, v: [s.id for s in i.steps], _steps),
    FacetSpec(FACTOR_FACET, "Risico- of beschermende factor", lambda i, v: [f.id for f in i.factors], _factors),
    FacetSpec(REGION_FACET, "Regio", lambda i, v: [i.region.id if i.region else NATIONAL], _regions),
    FacetSpec("soort", "Soort", lambda i, v: [i.kind], _vocabulary("offering_kind")),
    FacetSpec("kanaal", "Online of offline", lambda i, v: [i.delivery] if i.delivery else [], _vocabulary("delivery")),
    FacetSpec("erkenning", "Erkenning (voor criminaliteit en gedrag)", lambda i, v: _level(i, v), _levels),
    FacetSpec("rol", "Ingezet door", lambda i, v: list(i.used_by), _vocabulary("role")),
)
FACET = {spec.key: spec for spec in FACETS}


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


def facet_values(intervention: m.Intervention, vocabulary: Vocabulary) -> dict[str, list[str]]:
    return {spec.key: spec.values(intervention, vocabulary) for spec in FACETS}


def build_facets(toolbox: m.Toolbox, vocabulary: Vocabulary) -> list[Facet]:
    """Every facet with its options in a meaningful order and their counts."""
    interventions = list(toolbox.interventions.values())
    facets = []
    for spec in FACETS:
        counts = Counter(value for i in interventions for value in spec.values(i, vocabulary))
        options = tuple(FacetOption(value, label, counts[value]) for value, label in spec.options(toolbox, vocabulary)
                        if counts[value])
        if len(options) > 1:  # a filter with one option filters nothing
            facets.append(Facet(spec.key, spec.label, options))
    return facets
