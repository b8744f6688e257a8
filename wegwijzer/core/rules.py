"""Rules of structure that a schema cannot say, each belonging to one kind of data.

The registry of kinds (``kinds.py``) names the rules of each kind; the
validator runs them on every document of that kind. A rule never trusts the
shape of the data: the schema check reports shapes, a rule only what spans
several fields.
"""

from __future__ import annotations

import difflib
from typing import Any, Callable, Iterator

from .problems import Problem
from .textformat import say
from .yamlfile import YamlDocument

Rule = Callable[[YamlDocument], Iterator[Problem]]


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def items(data: Any, key: str) -> list[tuple[int, Any]]:
    value = data.get(key) if isinstance(data, dict) else None
    return list(enumerate(value)) if isinstance(value, list) else []


def closest(value: str, options: list[str]) -> str | None:
    """The option ``value`` most likely meant (a different case, or a typo), if any."""
    lowered = {option.lower(): option for option in options}
    if value.lower() in lowered and value not in options:
        return lowered[value.lower()]
    close = difflib.get_close_matches(value.lower()[:100], list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def did_you_mean(value: str, options: list[str]) -> str:
    """"; bedoelde je `x`?" for the closest option, or "" (skipped for huge option lists)."""
    suggestion = closest(value, options) if len(options) < 5000 else None
    return f"; bedoelde je `{suggestion}`?" if suggestion else ""


def numbered_steps(list_key: str, count_field: str | None = None) -> Rule:
    """Steps numbered 1, 2, 3 … in order (and as many as ``count_field`` says) in each item of ``list_key``."""

    def rule(document: YamlDocument) -> Iterator[Problem]:
        for index, item in items(document.data, list_key):
            if not isinstance(item, dict) or not isinstance(item.get("steps"), list):
                continue
            path, steps = (list_key, index), item["steps"]
            count = item.get(count_field) if count_field else None
            if is_int(count) and count != len(steps):
                yield document.problem(path + (count_field,),
                                       say("steps", "count", count_field=count_field, count=count, steps=len(steps)))
            for position, step in enumerate(steps):
                number = step.get("number") if isinstance(step, dict) else None
                if is_int(number) and number != position + 1:
                    yield document.problem(path + ("steps", position, "number"),
                                           say("steps", "number", position=position + 1, number=number))

    rule.spec = {"rule": "numbered_steps", "count": count_field}  # the form's checks run it on each entry
    return rule


def matrix_order(document: YamlDocument) -> Iterator[Problem]:
    """Situations from light to severe; each party a column, at most once per situation."""
    data = document.data if isinstance(document.data, dict) else {}
    parties = [p for p in data.get("parties") or [] if isinstance(p, str)] if isinstance(data.get("parties"), list) else []
    last_severity = None
    for index, situation in items(data, "situations"):
        if not isinstance(situation, dict):
            continue
        path = ("situations", index)
        severity = situation.get("severity")
        if is_int(severity):
            if last_severity is not None and severity <= last_severity:
                yield document.problem(path + ("severity",),
                                       say("matrix", "order", severity=severity, previous=last_severity))
            last_severity = severity
        seen = set()
        for action_index, action in items(situation, "actions"):
            party = action.get("party") if isinstance(action, dict) else None
            if not isinstance(party, str):
                continue
            action_path = path + ("actions", action_index, "party")
            if party not in parties:
                yield document.problem(action_path, say("matrix", "column", party=party)
                                       + did_you_mean(party, parties))
            if party in seen:
                yield document.problem(action_path, say("matrix", "twice", party=party))
            seen.add(party)


matrix_order.spec = {"rule": "matrix_order"}  # the form's checks run it on the matrix
