"""What a page or a card says about an entity at a glance: one rule each, used by every template."""

from __future__ import annotations

from typing import Any

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
    facts.append(f"erkenning: {i.recognition_label}")
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
