"""Check a data set and report every problem at once, in Dutch, with positions.

Two layers: the JSON Schemas catch shape errors (types, unknown fields,
enums), then cross-file checks catch what a schema cannot see (duplicate ids,
dangling references, impossible values, stale reviews). Both walk the raw
documents defensively so one broken entry never hides the next.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import weakref
from dataclasses import dataclass
from typing import Any, Iterator

from jsonschema.exceptions import ValidationError

from .loader import DataSet
from .problems import Problem
from .schemas import DATA_FILES, SchemaSet
from .yamlfile import YamlDocument

DEFAULT_STALE_AFTER_DAYS = 365

# ---------------------------------------------------------------------------
# Data: where ids are declared and where they are referenced
# ---------------------------------------------------------------------------

KIND_NAMES = {
    "intervention": "interventie",
    "partner": "partner (partners.yaml)",
    "theme": "thema (themes.yaml)",
    "factor": "factor (factors.yaml)",
    "region": "regio",
    "programme": "programma",
    "project": "project",
    "barrier-model": "barrièremodel",
    "step": "stap van een barrièremodel (barriers.yaml)",
    "barrier": "barrière",
    "process": "stappenmodel (processes.yaml)",
    "entry-point": "startpunt",
    "situation": "situatie",
}

_INTERVENTION_REFS = (
    (("provider",), "partner"),
    (("partners", "*"), "partner"),
    (("themes", "*"), "theme"),
    (("factors", "*"), "factor"),
    (("barrier_steps", "*"), "step"),
)
_PROGRAMME_REFS = (
    (("owner",), "partner"),
    (("partners", "*"), "partner"),
    (("projects", "*", "partners", "*"), "partner"),
    (("projects", "*", "themes", "*"), "theme"),
    (("projects", "*", "interventions", "*"), "intervention"),
)
_BARRIER_REFS = (
    (("actors", "*"), "partner"),
    (("interventions", "*"), "intervention"),
)


def _under(prefix: tuple, rules) -> list[tuple[tuple, str]]:
    return [(prefix + pattern, kind) for pattern, kind in rules]


DECLARATIONS: dict[str, list[tuple[tuple, str]]] = {
    "partners": [(("partners", "*", "id"), "partner")],
    "themes": [(("themes", "*", "id"), "theme")],
    "factors": [(("factors", "*", "id"), "factor")],
    "interventions": [(("interventions", "*", "id"), "intervention")],
    "programmes": [
        (("programmes", "*", "id"), "programme"),
        (("programmes", "*", "projects", "*", "id"), "project"),
    ],
    "region": [
        (("id",), "region"),
        (("offerings", "*", "id"), "intervention"),
        (("programmes", "*", "id"), "programme"),
        (("programmes", "*", "projects", "*", "id"), "project"),
    ],
    "barriers": [
        (("barrier_models", "*", "id"), "barrier-model"),
        (("barrier_models", "*", "steps", "*", "id"), "step"),
        (("barrier_models", "*", "steps", "*", "barriers", "*", "id"), "barrier"),
        (("barrier_models", "*", "unplaced_barriers", "*", "id"), "barrier"),
    ],
    "matrix": [(("situations", "*", "id"), "situation")],
    "processes": [
        (("processes", "*", "id"), "process"),
        (("processes", "*", "entry_points", "*", "id"), "entry-point"),
    ],
}

REFERENCES: dict[str, list[tuple[tuple, str]]] = {
    "interventions": _under(("interventions", "*"), _INTERVENTION_REFS),
    "programmes": _under(("programmes", "*"), _PROGRAMME_REFS),
    "region": [
        (("organisation",), "partner"),
        *_under(("offerings", "*"), _INTERVENTION_REFS),
        *_under(("programmes", "*"), _PROGRAMME_REFS),
    ],
    "themes": [(("themes", "*", "factors", "*"), "factor")],
    "barriers": [
        (("barrier_models", "*", "owner"), "partner"),
        (("barrier_models", "*", "themes", "*"), "theme"),
        (("barrier_models", "*", "steps", "*", "partners", "*"), "partner"),
        *_under(("barrier_models", "*", "steps", "*", "barriers", "*"), _BARRIER_REFS),
        *_under(("barrier_models", "*", "unplaced_barriers", "*"), _BARRIER_REFS),
    ],
    "matrix": [
        (("owner",), "partner"),
        (("parties", "*"), "partner"),
        (("situations", "*", "actions", "*", "interventions", "*"), "intervention"),
    ],
    "processes": [
        (("processes", "*", "owner"), "partner"),
        (("processes", "*", "themes", "*"), "theme"),
        (("processes", "*", "entry_points", "*", "leads_to"), "process"),
        (("processes", "*", "steps", "*", "actors", "*"), "partner"),
        (("processes", "*", "reporting_duties", "*", "partner"), "partner"),
    ],
}

_TYPE_NAMES = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "array": "een lijst (regels die beginnen met `- `)",
    "object": "een groep velden (`veld: waarde` op de regels eronder)",
    "boolean": "true of false",
    "null": "leeg",
}

_PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "is geen geldig id: gebruik alleen kleine letters, cijfers en losse streepjes (bijvoorbeeld `buit-lespakket`)",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "is geen datum in de vorm JJJJ-MM-DD (bijvoorbeeld 2026-11-01)",
    "^(https?://[^\\s]+|mailto:[^\\s]+)$": "is geen toegestane link: een link begint met https://, http:// of mailto: en bevat geen spaties",
}

_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_MARKDOWN_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_MARKDOWN_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?/?>|<!--")
_ALLOWED_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


@dataclass
class Settings:
    today: dt.date
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS


def validate(dataset: DataSet, schemas: SchemaSet, settings: Settings) -> list[Problem]:
    """Every problem in ``dataset``; an empty list means it can become a model."""
    problems: list[Problem] = []
    schema_for = {data_file.kind: data_file.schema for data_file in DATA_FILES}
    for kind, documents in dataset.documents.items():
        for document in documents:
            if not schemas.is_valid(schema_for[kind], document.data):
                problems.extend(_schema_problems(document, schemas.validator(schema_for[kind]), schemas))
            problems.extend(_TextChecker(document, settings).problems(_text_plan(schemas, schema_for[kind])))
    declared, duplicates = _declared_ids(dataset)
    problems.extend(duplicates)
    problems.extend(_reference_problems(dataset, declared))
    problems.extend(_structure_problems(dataset))
    return sorted(set(problems))


# ---------------------------------------------------------------------------
# Schema errors in Dutch
# ---------------------------------------------------------------------------


def _schema_problems(document: YamlDocument, validator, schemas: SchemaSet) -> Iterator[Problem]:
    if not isinstance(document.data, dict):
        yield document.problem((), "het bestand moet beginnen met velden (`veld: waarde`), niet met een lijst of losse tekst")
        return
    explained = [item for error in validator.iter_errors(document.data) for item in _explain(error, document)]
    # A misspelled field also makes the real one "missing": one message about the typo is enough.
    typos = {note for _, kind, note in explained if kind == "typo"}
    for problem, kind, note in explained:
        if not (kind == "missing" and note in typos):
            yield problem


def _explain(error: ValidationError, document: YamlDocument) -> Iterator[tuple[Problem, str, tuple]]:
    """Dutch problems for one schema error, each with a note linking a typo to the field it hides."""
    path = tuple(error.absolute_path)
    value = error.instance
    keyword = error.validator
    if keyword == "required":
        missing = [name for name in error.validator_value if isinstance(value, dict) and name not in value]
        for name in missing:
            yield document.problem(path, f"verplicht veld `{name}` ontbreekt"), "missing", (path, name)
    elif keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in value:
            if name in allowed:
                continue
            suggestion = _closest(str(name), allowed)
            hint = f"; bedoelde je `{suggestion}`?" if suggestion else "; toegestaan: " + ", ".join(allowed)
            yield (document.problem(path + (name,), f"onbekend veld `{name}`{hint}", key=True),
                   "typo", (path, suggestion))
    elif keyword == "enum":
        options = [str(option) for option in error.validator_value]
        hint = _did_you_mean(str(value), options)
        choices = "; kies uit " + ", ".join(f"`{option}`" for option in options)
        yield document.problem(path, f"`{value}` is geen toegestane waarde{hint or choices}"), "", ()
    elif keyword == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        wanted = " of ".join(_TYPE_NAMES.get(t, t) for t in expected)
        if value is None:
            yield document.problem(path, f"waarde ontbreekt; vul {wanted} in of laat het veld weg"), "", ()
        else:
            yield document.problem(path, f"moet {wanted} zijn, maar is {_describe(value)}"), "", ()
    elif keyword == "pattern":
        reason = _PATTERN_MESSAGES.get(error.validator_value, f"heeft niet de juiste vorm ({error.validator_value})")
        yield document.problem(path, f"`{value}` {reason}"), "", ()
    elif keyword == "minLength":
        if isinstance(value, str) and not value.strip():
            yield document.problem(path, "tekst is leeg"), "", ()
        else:
            yield document.problem(path, f"tekst is te kort (minimaal {error.validator_value} tekens)"), "", ()
    elif keyword == "maxLength":
        yield document.problem(path, f"tekst is te lang ({len(value)} tekens; maximaal {error.validator_value})"), "", ()
    elif keyword == "minimum":
        yield document.problem(path, f"{value} is te klein (minimaal {error.validator_value})"), "", ()
    elif keyword == "maximum":
        yield document.problem(path, f"{value} is te groot (maximaal {error.validator_value})"), "", ()
    elif keyword == "minItems":
        yield document.problem(path, f"lijst moet minstens {error.validator_value} item(s) bevatten"), "", ()
    elif keyword == "minProperties":
        yield document.problem(path, "vul minstens één veld in of laat dit weg"), "", ()
    elif keyword == "uniqueItems":
        seen, doubles = [], []
        for item in value:
            (doubles if item in seen else seen).append(item)
        listed = ", ".join(f"`{item}`" for item in doubles)
        yield document.problem(path, f"lijst bevat dezelfde waarde meer dan eens: {listed}"), "", ()
    else:  # pragma: no cover - every keyword our schemas use is handled above
        yield document.problem(path, f"voldoet niet aan het schema ({keyword})"), "", ()


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (ja/nee)"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        return f"de tekst `{value[:40]}`"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    return type(value).__name__


def _closest(value: str, options: list[str]) -> str | None:
    lowered = {option.lower(): option for option in options}
    if value.lower() in lowered and value not in options:
        return lowered[value.lower()]
    close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def _did_you_mean(value: str, options: list[str]) -> str:
    suggestion = _closest(value, options)
    return f"; bedoelde je `{suggestion}`?" if suggestion else ""


# ---------------------------------------------------------------------------
# Text fields: blank text, links and HTML in Markdown, dates
# ---------------------------------------------------------------------------


@dataclass
class _TextPlan:
    """The text checks that apply at one place in a file's schema, and where to look deeper.

    Compiled once per schema so the walk visits only fields that have a check
    (ids, enums and numbers are skipped) and never resolves ``$ref`` per value.
    """

    not_blank: bool
    markdown: bool
    date: bool
    age_range: bool
    properties: dict[str, "_TextPlan"]
    items: "_TextPlan | None"


# Plans per SchemaSet, dropped with it (``mkdocs serve`` makes a new set on every rebuild).
_TEXT_PLANS: "weakref.WeakKeyDictionary[SchemaSet, dict[str, _TextPlan | None]]" = weakref.WeakKeyDictionary()


def _text_plan(schemas: SchemaSet, schema_name: str) -> "_TextPlan | None":
    plans = _TEXT_PLANS.setdefault(schemas, {})
    if schema_name not in plans:
        plans[schema_name] = _compile_text_plan(schemas.documents[schema_name], schemas)
    return plans[schema_name]


def _compile_text_plan(schema: dict, schemas: SchemaSet) -> "_TextPlan | None":
    spec = schemas.resolve(schema)
    properties = spec.get("properties", {})
    children = {key: _compile_text_plan(child, schemas) for key, child in properties.items()}
    plan = _TextPlan(
        not_blank=spec.get("minLength", 0) > 0,
        markdown=spec.get("contentMediaType") == "text/markdown",
        date=spec.get("format") == "date",
        age_range="min" in properties and "max" in properties,
        properties={key: child for key, child in children.items() if child is not None},
        items=_compile_text_plan(spec["items"], schemas) if isinstance(spec.get("items"), dict) else None,
    )
    useful = plan.not_blank or plan.markdown or plan.date or plan.age_range or plan.properties or plan.items
    return plan if useful else None


class _TextChecker:
    """Blank text, links and HTML in Markdown, dates and age ranges in one document."""

    def __init__(self, document: YamlDocument, settings: Settings):
        self.document, self.settings = document, settings
        self.found: list[Problem] = []

    def problems(self, plan: "_TextPlan | None") -> list[Problem]:
        if plan is not None:
            self._check(plan, self.document.data, ())
        return self.found

    def _check(self, plan: _TextPlan, value: Any, path: tuple) -> None:
        document = self.document
        if isinstance(value, str):
            if plan.not_blank and not value.strip():
                self.found.append(document.problem(path, "tekst bestaat alleen uit spaties"))
            if plan.markdown:
                self.found.extend(_markdown_problems(document, path, value))
            if plan.date:
                self.found.extend(_date_problems(document, path, value, self.settings))
        elif isinstance(value, dict):
            if plan.age_range:
                low, high = value.get("min"), value.get("max")
                if _is_int(low) and _is_int(high) and low > high:
                    self.found.append(document.problem(path, f"leeftijd `min` ({low}) is hoger dan `max` ({high})"))
            for key, child in plan.properties.items():
                if key in value:
                    self._check(child, value[key], path + (key,))
        elif isinstance(value, list) and plan.items is not None:
            for index, item in enumerate(value):
                self._check(plan.items, item, path + (index,))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _markdown_problems(document: YamlDocument, path: tuple, text: str) -> Iterator[Problem]:
    targets = (
        _MARKDOWN_LINK.findall(text) + _MARKDOWN_AUTOLINK.findall(text) + _MARKDOWN_REFERENCE.findall(text)
    )
    for target in targets:
        if not _ALLOWED_LINK.match(target):
            yield document.problem(
                path, f"link `{target[:60]}` is niet toegestaan: links in tekst beginnen met https://, http:// of mailto:"
            )
    if _HTML_TAG.search(text):
        yield document.problem(
            path, "HTML in tekst wordt niet uitgevoerd maar als gewone tekst getoond; gebruik Markdown", severity="warning"
        )


def _date_problems(document: YamlDocument, path: tuple, value: str, settings: Settings) -> Iterator[Problem]:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):  # right shape, no such day; the schema reports other shapes
            yield document.problem(path, f"`{value}` is geen bestaande datum (JJJJ-MM-DD)")
        return
    if day > settings.today:
        yield document.problem(path, f"datum {value} ligt in de toekomst")
    elif path and path[-1] == "last_reviewed":
        age = (settings.today - day).days
        if age > settings.stale_after_days:
            yield document.problem(
                path,
                f"laatst gecontroleerd op {value}, {age} dagen geleden (meer dan {settings.stale_after_days}); "
                "controleer of de gegevens nog kloppen en werk de datum bij",
                severity="warning",
            )


# ---------------------------------------------------------------------------
# Ids and references across files
# ---------------------------------------------------------------------------


def _match(data: Any, pattern: tuple, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Values at ``pattern`` where '*' stands for every list index."""
    found = [(path, data)]
    for head in pattern:
        if head == "*":
            found = [(here + (index,), item) for here, value in found if isinstance(value, list)
                     for index, item in enumerate(value)]
        else:
            found = [(here + (head,), value[head]) for here, value in found if isinstance(value, dict) and head in value]
    return found


def _values(data: Any, pattern: tuple) -> list[Any]:
    """The values ``_match`` finds, without their paths."""
    found = [data]
    for head in pattern:
        if head == "*":
            found = [item for value in found if isinstance(value, list) for item in value]
        else:
            found = [value[head] for value in found if isinstance(value, dict) and head in value]
    return found


def _declared_ids(dataset: DataSet) -> tuple[dict[str, dict[str, tuple[YamlDocument, tuple]]], list[Problem]]:
    declared: dict[str, dict[str, tuple[YamlDocument, tuple]]] = {kind: {} for kind in KIND_NAMES}
    problems = []
    for file_kind, rules in DECLARATIONS.items():
        for document in dataset.of_kind(file_kind):
            for pattern, kind in rules:
                for path, value in _match(document.data, pattern):
                    if not isinstance(value, str):
                        continue
                    if value in declared[kind]:
                        first_document, first_path = declared[kind][value]
                        line, _ = first_document.locate(first_path)
                        problems.append(
                            document.problem(
                                path,
                                f"id `{value}` bestaat al: {KIND_NAMES[kind]} in {first_document.path} "
                                f"regel {line}; elk id mag maar één keer voorkomen",
                            )
                        )
                    else:
                        declared[kind][value] = (document, path)
    return declared, problems


def _reference_problems(dataset: DataSet, declared) -> Iterator[Problem]:
    for file_kind, rules in REFERENCES.items():
        for document in dataset.of_kind(file_kind):
            for pattern, kind in rules:
                known = declared[kind]
                if all(value in known for value in _values(document.data, pattern) if isinstance(value, str)):
                    continue  # the common case; paths are only built to report a broken reference
                for path, value in _match(document.data, pattern):
                    if isinstance(value, str) and value not in known:
                        hint = _did_you_mean(value, list(declared[kind]))
                        yield document.problem(
                            path, f"verwijst naar {KIND_NAMES[kind]} `{value}`, maar die bestaat niet{hint}"
                        )


# ---------------------------------------------------------------------------
# Structure that spans several fields
# ---------------------------------------------------------------------------


def _structure_problems(dataset: DataSet) -> Iterator[Problem]:
    for document in dataset.of_kind("region"):
        region_id = document.data.get("id") if isinstance(document.data, dict) else None
        expected = document.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if isinstance(region_id, str) and region_id != expected:
            yield document.problem(
                ("id",), f"id `{region_id}` moet gelijk zijn aan de bestandsnaam (`{expected}`), of hernoem het bestand"
            )
    barriers = dataset.single("barriers")
    if barriers is not None:
        for path, model in _match(barriers.data, ("barrier_models", "*")):
            if isinstance(model, dict):
                yield from _numbering(barriers, path, model.get("steps"), "stappen", model.get("step_count"))
    processes = dataset.single("processes")
    if processes is not None:
        for path, process in _match(processes.data, ("processes", "*")):
            if isinstance(process, dict):
                yield from _numbering(processes, path, process.get("steps"), "stappen", None)
    matrix = dataset.single("matrix")
    if matrix is not None and isinstance(matrix.data, dict):
        yield from _matrix_problems(matrix)


def _numbering(document: YamlDocument, path: tuple, steps: Any, noun: str, count: Any) -> Iterator[Problem]:
    if not isinstance(steps, list):
        return
    numbers = [step.get("number") if isinstance(step, dict) else None for step in steps]
    if isinstance(count, int) and not isinstance(count, bool) and count != len(steps):
        yield document.problem(
            path + ("step_count",), f"`step_count` is {count}, maar er staan {len(steps)} {noun} in `steps`"
        )
    for index, number in enumerate(numbers):
        if isinstance(number, int) and number != index + 1:
            yield document.problem(
                path + ("steps", index, "number"),
                f"stap op plaats {index + 1} heeft nummer {number}; nummer de {noun} 1, 2, 3 … in volgorde",
            )


def _matrix_problems(document: YamlDocument) -> Iterator[Problem]:
    parties = document.data.get("parties")
    parties = parties if isinstance(parties, list) else []
    last_severity = None
    for path, situation in _match(document.data, ("situations", "*")):
        if not isinstance(situation, dict):
            continue
        severity = situation.get("severity")
        if isinstance(severity, int) and not isinstance(severity, bool):
            if last_severity is not None and severity <= last_severity:
                yield document.problem(
                    path + ("severity",),
                    f"ernst {severity} komt na ernst {last_severity}; zet de situaties van licht naar ernstig",
                )
            last_severity = severity
        seen_parties = set()
        for action_path, party in _match(situation, ("actions", "*", "party"), path):
            if not isinstance(party, str):
                continue
            if party not in parties:
                hint = _did_you_mean(party, [p for p in parties if isinstance(p, str)])
                yield document.problem(action_path, f"partij `{party}` staat niet in `parties` (de kolommen){hint}")
            if party in seen_parties:
                yield document.problem(action_path, f"partij `{party}` staat twee keer bij deze situatie; voeg de teksten samen")
            seen_parties.add(party)
