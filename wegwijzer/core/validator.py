"""Check a data set and report every problem at once, in Dutch, with positions.

Three layers, all driven by the schemas:

1. jsonschema-rs judges each file against its schema; each error it reports
   becomes one Dutch message at the line it concerns.
2. One walk over each document with its compiled ``Shape`` checks what a
   schema cannot say (blank text, links and HTML in Markdown, real and past
   dates, age ranges) and collects every id (``x-kind``) and every reference
   (``x-ref``) with its place.
3. Across files: duplicate ids, references to nothing, and a few rules of
   structure (step numbering, matrix order, a region file named after its id).

The walk never trusts the shape of the data, so one broken entry never hides
the next.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .dates import date_problem, earliest_day
from .kinds import KIND_BY_NAME, KINDS
from .loader import DataSet
from .problems import Problem, shown
from .rules import closest, did_you_mean, is_int
from .schemas import SchemaSet, Shape
from .textformat import LINK_SEARCH_BUDGET, TEXT_CHECKS, link_search_cost, say
from .yamlfile import YamlDocument


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

def _compiled(rule: dict) -> "re.Pattern":
    flags = (re.MULTILINE if "m" in rule["flags"] else 0) | (re.IGNORECASE if "i" in rule["flags"] else 0)
    return re.compile(rule["pattern"], flags)


_MARKDOWN_LINKS = [_compiled(TEXT_CHECKS["links"][name]) for name in ("inline", "auto", "reference")]
_ALLOWED_LINK = _compiled(TEXT_CHECKS["links"]["allowed"])
_HTML_TAG = re.compile(TEXT_CHECKS["html"]["pattern"])
_SOURCE_NOTE = _compiled(TEXT_CHECKS["source_note"])
_EMAIL = re.compile(TEXT_CHECKS["email"]["pattern"])
_MOBILE = re.compile(TEXT_CHECKS["mobile"]["pattern"])


@dataclass
class Settings:
    today: dt.date
    # From the schemas (organisation_email): which e-mail addresses may be published.
    organisation_mailbox: "Callable[[str], bool] | None" = None




@dataclass
class Declaration:
    kind: str
    id: str
    document: YamlDocument
    path: tuple


@dataclass
class _Found:
    """What one walk over a document found besides its problems."""

    declarations: list[Declaration] = field(default_factory=list)
    references: list[tuple[str, str, tuple]] = field(default_factory=list)  # kind, id, path


def validate(dataset: DataSet, schemas: SchemaSet, settings: Settings,
             known: dict[int, tuple] | None = None) -> list[Problem]:
    """Every problem in ``dataset``; an empty list means it can become a model.

    ``known`` (the live preview's, for one set of schemas and one day): what each document's own
    checks found, so a document read before is not checked again; only the checks across files run.
    """
    problems: list[Problem] = []
    settings.organisation_mailbox = schemas.definition_check("organisation_email")
    declared: dict[str, dict[str, Declaration]] = {kind.name: {} for kind in KINDS}
    references: list[tuple[YamlDocument, str, str, tuple]] = []
    current: dict[int, tuple] = {}
    for _, data_file, document in dataset.all():
        checked = (known or {}).get(id(document))
        if checked is None or checked[0] is not document:
            found = _Found()
            walker = _Walker(document, settings, found)
            walker.walk(schemas.shape(data_file.schema), document.data, ())
            checked = (document, _schema_problems(document, schemas, data_file.schema) + walker.problems, found)
        current[id(document)] = checked
        _, own_problems, found = checked
        problems.extend(own_problems)
        for declaration in found.declarations:
            problems.extend(_declare(declared, declaration))
        references.extend((document, kind, value, path) for kind, value, path in found.references)
    problems.extend(_page_problems(declared))
    homes = _homes(schemas)
    # A file that could not be read declares nothing: references into it would only repeat its own error.
    unknowable = {kind for kind, files in homes.items() for f in dataset.unreadable if f.pattern in files}
    for document, kind, value, path in references:
        if value not in declared.get(kind, {}) and kind not in unknowable:
            hint = did_you_mean(value, list(declared.get(kind, {})))
            problems.append(document.problem(
                path, f"verwijst naar {_kind_label(kind, homes)} `{shown(value)}`, maar die bestaat niet{hint}",
                stage=3))
    problems.extend(_structure_problems(dataset))
    if known is not None:
        known.clear()
        known.update(current)
    return sorted(set(problems), key=Problem.order_key)


def _homes(schemas: SchemaSet) -> dict[str, list[str]]:
    """For each kind, the data files its entities can be declared in (from the schemas' x-kind)."""
    return {kind: list(dict.fromkeys(pattern for pattern, _ in places)) for kind, places in schemas.kind_places.items()}


def _kind_label(kind: str, homes: dict[str, list[str]]) -> str:
    label = KIND_BY_NAME[kind].label if kind in KIND_BY_NAME else kind
    files = homes.get(kind, [])
    return f"{label} ({files[0]})" if len(files) == 1 and "*" not in files[0] else label


def _declare(declared: dict, declaration: Declaration) -> Iterator[Problem]:
    known = declared.setdefault(declaration.kind, {})
    first = known.get(declaration.id)
    if first is None:
        known[declaration.id] = declaration
        return
    line, _ = first.document.locate(first.path)
    label = KIND_BY_NAME[declaration.kind].label if declaration.kind in KIND_BY_NAME else declaration.kind
    yield declaration.document.problem(
        declaration.path,
        f"id `{declaration.id}` bestaat al: {label} in {first.document.path} regel {line}; elk id mag maar één keer voorkomen",
        stage=2,
    )


def _page_problems(declared: dict[str, dict[str, Declaration]]) -> Iterator[Problem]:
    """Every id that becomes a page must give a page of its own: not an overview, not another entity's."""
    taken: dict[str, Declaration] = {}
    for kind in KINDS:
        if kind.overview_page:
            taken[kind.overview_page] = None
        for declaration in declared.get(kind.name, {}).values():
            page = kind.page_for(declaration.id)
            if page is None or kind.singleton:
                continue
            if page in taken:
                other = taken[page]
                if other is None:
                    reason = f"op die plek staat het overzicht van de {kind.plural}"
                else:
                    line, _ = other.document.locate(other.path)
                    reason = (f"dan krijgt het dezelfde pagina als {KIND_BY_NAME[other.kind].label} `{other.id}` "
                              f"({other.document.path} regel {line})")
                yield declaration.document.problem(declaration.path, f"id `{declaration.id}` kan niet: {reason}; "
                                                                     "kies een ander id", stage=2)
            else:
                taken[page] = declaration


# ---------------------------------------------------------------------------
# Schema errors in Dutch
# ---------------------------------------------------------------------------


def _schema_problems(document: YamlDocument, schemas: SchemaSet, schema_name: str) -> list[Problem]:
    explained = [item for error in schemas.errors(schema_name, document.data)
                 for item in _explain(error, document, schemas)]
    # A misspelled field also makes the real one "missing": one message about the typo is enough.
    typos = {note for _, kind, note in explained if kind == "typo"}
    return [problem for problem, kind, note in explained if not (kind == "missing" and note in typos)]


def _explain(error, document: YamlDocument, schemas: SchemaSet) -> Iterator[tuple[Problem, str, tuple]]:
    """Dutch problems for one schema error, each with a note linking a typo to the field it hides."""
    path = tuple(error.instance_path)
    value = error.instance
    keyword = type(error.kind).__name__
    details = error.kind.as_dict()
    location = error.absolute_keyword_location or ""
    owner_location, _, keyword_name = location.rpartition("/")
    owner = schemas.node_at(owner_location) if owner_location else {}
    custom = owner.get("x-messages", {}).get(keyword_name) if isinstance(owner, dict) else None
    if custom:  # the schema says in Dutch what this rule is for
        quoted = f": `{shown(value)}`" if isinstance(value, str) else ""
        yield document.problem(path, f"{custom}{quoted}"), "", ()
    elif keyword == "Required":
        name = details["property"]
        problem = document.problem(path, f"verplicht veld `{name}` ontbreekt")
        # Named at the object (that is where it is missing); the path tells tools which field it is.
        yield dataclasses.replace(problem, path=path + (name,)), "missing", (path, name)
    elif keyword == "AdditionalProperties":
        allowed = list(owner.get("properties", {})) if isinstance(owner, dict) else []
        for name in details.get("unexpected", []):
            suggestion = closest(str(name), allowed)
            hint = f"; bedoelde je `{suggestion}`?" if suggestion else "; toegestaan: " + ", ".join(allowed)
            yield (document.problem(path + (name,), f"onbekend veld `{shown(name)}`{hint}", key=True),
                   "typo", (path, suggestion))
    elif keyword == "Enum":
        options = [str(option) for option in details["options"]]
        hint = did_you_mean(str(value), options)
        choices = "; kies uit " + ", ".join(f"`{option}`" for option in options)
        yield document.problem(path, f"`{shown(value)}` is geen toegestane waarde{hint or choices}"), "", ()
    elif keyword == "Constant":
        yield document.problem(path, f"moet `{shown(details['expected_value'])}` zijn"), "", ()
    elif keyword == "Type":
        expected = details["types"]
        wanted = " of ".join(_TYPE_NAMES.get(t, t) for t in expected)
        if value is None:
            yield document.problem(path, f"waarde ontbreekt; vul {wanted} in of laat het veld weg"), "", ()
        else:
            yield document.problem(path, f"moet {wanted} zijn, maar is {_describe(value)}"), "", ()
    elif keyword == "Pattern":
        pattern = details["pattern"]
        reason = _PATTERN_MESSAGES.get(pattern, f"heeft niet de juiste vorm ({pattern})")
        yield document.problem(path, f"`{shown(value)}` {reason}"), "", ()
    elif keyword == "MinLength":
        if isinstance(value, str) and not value.strip():
            yield document.problem(path, "tekst is leeg"), "", ()
        else:
            yield document.problem(path, f"tekst is te kort (minimaal {details['limit']} tekens)"), "", ()
    elif keyword == "MaxLength":
        yield document.problem(path, f"tekst is te lang ({len(value)} tekens; maximaal {details['limit']})"), "", ()
    elif keyword == "Minimum":
        yield document.problem(path, f"{value} is te klein (minimaal {details['limit']})"), "", ()
    elif keyword == "Maximum":
        yield document.problem(path, f"{value} is te groot (maximaal {details['limit']})"), "", ()
    elif keyword == "MinItems":
        yield document.problem(path, f"lijst moet minstens {details['limit']} item(s) bevatten"), "", ()
    elif keyword == "MaxItems":
        yield document.problem(path, f"lijst mag hoogstens {details['limit']} item(s) bevatten"), "", ()
    elif keyword == "MinProperties":
        yield document.problem(path, "vul minstens één veld in of laat dit weg"), "", ()
    elif keyword == "UniqueItems":
        listed = ", ".join(f"`{shown(item)}`" for item in _doubles(value))
        yield document.problem(path, f"lijst bevat dezelfde waarde meer dan eens: {listed}"), "", ()
    else:
        yield document.problem(path, f"voldoet niet aan het schema ({error.message[:120]})"), "", ()


def _doubles(items: Any) -> list[Any]:
    """Values that occur more than once, in order of their second occurrence; linear in the list's length."""
    seen: set[str] = set()
    doubles: list[Any] = []
    reported: set[str] = set()
    for item in items if isinstance(items, list) else []:
        key = json.dumps(item, sort_keys=True, default=str)
        if key in seen and key not in reported:
            doubles.append(item)
            reported.add(key)
        seen.add(key)
    return doubles


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (ja/nee)"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        return f"de tekst `{shown(value, 40)}`"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    return type(value).__name__


# ---------------------------------------------------------------------------
# One walk: text checks, ids and references
# ---------------------------------------------------------------------------


class _Walker:
    """Visits only the places whose shape has something to check; never trusts the data's shape."""

    def __init__(self, document: YamlDocument, settings: Settings | None, found: _Found):
        self.document, self.settings, self.found = document, settings, found
        self.problems: list[Problem] = []

    def walk(self, shape: Shape, value: Any, path: tuple) -> None:
        if not shape.has_checks:
            return
        if isinstance(value, str):
            if shape.ref:
                self.found.references.append((shape.ref, value, path))
            if self.settings is not None:
                self._text(shape, value, path)
        elif isinstance(value, dict):
            if shape.kind and isinstance(value.get("id"), str):
                self.found.declarations.append(Declaration(shape.kind, value["id"], self.document, path + ("id",)))
            if shape.age_range and self.settings is not None:
                low, high = value.get("min"), value.get("max")
                if is_int(low) and is_int(high) and low > high:
                    self.problems.append(self.document.problem(path, say("age", min=low, max=high)))
            if self.settings is not None:
                for key, message in (shape.spec.get("x-recommended") or {}).items():
                    if key not in value:  # content policy: said before saving, never a test threshold
                        self.problems.append(self.document.problem(path, message, severity="warning"))
            for key, child in shape.properties.items():
                if key in value:
                    self.walk(child, value[key], path + (key,))
        elif isinstance(value, list) and shape.items is not None:
            for index, item in enumerate(value):
                self.walk(shape.items, item, path + (index,))

    def _text(self, shape: Shape, value: str, path: tuple) -> None:
        document = self.document
        if shape.not_blank and not value.strip():
            self.problems.append(document.problem(path, say("blank")))
        if shape.free_text and ("@" in value or "6" in value):
            self.problems.extend(_personal_details(document, path, value, self.settings.organisation_mailbox))
        if shape.markdown:
            self.problems.extend(_markdown_problems(document, path, value))
        if shape.date_text:
            self.problems.extend(_date_problems(document, path, value, shape, self.settings))


def _personal_details(document: YamlDocument, path: tuple, text: str,
                      mailbox: "Callable[[str], bool] | None") -> Iterator[Problem]:
    """A person's e-mail address or mobile number may never reach a page or the search index."""
    for address in _EMAIL.findall(text) if "@" in text else ():
        if mailbox is None or not mailbox(address.lower()):
            yield document.problem(path, say("email", value=shown(address)))
    for number in _MOBILE.findall(text):
        yield document.problem(path, say("mobile", value=shown(number.strip())))


def _markdown_problems(document: YamlDocument, path: tuple, text: str) -> Iterator[Problem]:
    if link_search_cost(text) > LINK_SEARCH_BUDGET:
        yield document.problem(path, say("brackets", count=text.count("[")))
        return
    for target in [target for pattern in _MARKDOWN_LINKS for target in pattern.findall(text)]:
        if not _ALLOWED_LINK.match(target):
            yield document.problem(path, say("links", value=shown(target)))
    if _HTML_TAG.search(text):
        yield document.problem(path, say("html"), severity="warning")
    note = _SOURCE_NOTE.search(text)
    if note:  # what a source leaves out belongs beside it, where a reader checks the source
        yield document.problem(path, say("source_note", value=note.group(0)), severity="warning")


def _date_problems(document: YamlDocument, path: tuple, value: str, shape: Shape, settings: Settings) -> Iterator[Problem]:
    """A date must exist and lie in the years a date can have; the schema's pattern judges its form."""
    reason = date_problem(value)
    if reason:
        yield document.problem(path, reason)
        return
    day = earliest_day(value)
    if shape.not_future and day is not None and day > settings.today:
        yield document.problem(path, say("date", "future", value=value, today=settings.today.isoformat()))


# ---------------------------------------------------------------------------
# Structure that spans several fields
# ---------------------------------------------------------------------------


def _structure_problems(dataset: DataSet) -> Iterator[Problem]:
    for _, data_file, document in dataset.all():  # one file per entity: the file is named after it
        if not data_file.is_folder:
            continue
        entity_id = document.data.get("id") if isinstance(document.data, dict) else None
        expected = document.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if isinstance(entity_id, str) and entity_id != expected:
            yield document.problem(
                ("id",), f"id `{entity_id}` moet gelijk zijn aan de bestandsnaam (`{expected}`), of hernoem het bestand"
            )
    for kind in KINDS:  # each kind's own rules (kinds.py names them)
        for rule in kind.rules:
            for document in dataset.of_kind(kind.name):
                yield from rule(document)
