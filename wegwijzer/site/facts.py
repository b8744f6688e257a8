"""What a page or a card says about an entity at a glance: one rule each, used by every template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..core import model as m
from ..core.textformat import first_sentence
from .vocabulary import Vocabulary


def format_ages(entity: Any) -> str:
    low, high = getattr(entity, "age_min", None), getattr(entity, "age_max", None)
    if low is not None and high is not None:
        return f"{low}–{high} jaar"
    if low is not None:
        return f"vanaf {low} jaar"
    if high is not None:
        return f"tot en met {high} jaar"
    return ""


def card_facts(i: m.Intervention, vocabulary: Vocabulary) -> list[str]:
    """What a card says at a glance: kind, provider, reach, age, target group, recognition, cost, duration."""
    facts = [vocabulary.label(i.kind, "offering_kind")]
    if i.provider is not None:
        facts.append(i.provider.label)
    facts.append(i.region.name if i.region else "Landelijk")
    if format_ages(i):
        facts.append(format_ages(i))
    if i.target_groups:
        facts.append(", ".join(vocabulary.label(group, "target_group").lower() for group in i.target_groups[:3]))
    reassessed = " (wordt opnieuw beoordeeld)" if i.recognition and i.recognition.reassessment else ""
    facts.append(f"erkenning: {evidence(i, vocabulary).label}{reassessed}")
    if i.status and i.status != "beschikbaar":
        facts.append(vocabulary.label(i.status, "status").lower())
    if i.cost:
        facts.append(f"kosten: {i.cost}")
    if i.duration:
        facts.append(f"duur: {i.duration}")
    return facts


def description_of(entity: Any) -> str:
    """One sentence for the page's meta description (and the benchmark's baseline lists)."""
    for attribute in ("summary", "intro", "role"):
        text = getattr(entity, attribute, None)
        if text:
            return first_sentence(text, 160)
    return ""


@dataclass(frozen=True)
class Evidence:
    """What a recognition says for this toolbox: the level for the outcome the toolbox is about.

    A commission that rated outcomes separately (MDFT: first indications for
    delinquency, good indications for substance use) is read for the first
    toolbox outcome it rated (delinquency, weapons, aggression, behaviour, in
    that order), never for its best outcome. Without separate outcomes the
    level is the intervention's as a whole.
    """

    level: Optional[str]  # None: no recognition counts here
    outcome: Optional[str]  # the toolbox outcome the level is for; None: the intervention as a whole
    label: str  # as cards, facets and hand-outs show it
    strength: int = 0  # the level on one scale across databanks (Vocabulary.strength): 0 none … 5 strong


def evidence(i: m.Intervention, vocabulary: Vocabulary) -> Evidence:
    if not i.recognisable:
        return Evidence(None, None, m.NOT_APPLICABLE)
    recognition = i.recognition
    if recognition is None:
        return Evidence(None, None, m.NOT_ASSESSED)
    if not recognition.outcomes:
        return Evidence(recognition.level, None, recognition.level, vocabulary.strength(recognition.level))
    rated = {item.outcome: item.level for item in recognition.outcomes}
    for outcome in vocabulary.toolbox_outcomes:
        if outcome in rated:
            label = f"{rated[outcome]} voor {vocabulary.label(outcome, 'outcome').split(' (')[0]}"
            return Evidence(rated[outcome], outcome, label, vocabulary.strength(rated[outcome]))
    return Evidence(None, None, f"{m.NOT_ASSESSED} voor criminaliteit of gedrag")


def ordered_outcomes(recognition: m.Node, vocabulary: Vocabulary) -> list[m.Node]:
    """A recognition's outcomes with the toolbox's own first (in its order), then the others as the data has them."""
    rank = {outcome: place for place, outcome in enumerate(vocabulary.toolbox_outcomes)}
    return sorted(recognition.outcomes or [], key=lambda item: rank.get(item.outcome, len(rank)))
