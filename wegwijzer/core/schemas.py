"""The JSON Schemas in ``data/schema/``: one engine for every verdict and message.

The schemas are the single description of the data. jsonschema-rs (draft
2020-12, complete) decides whether a file is valid and reports each error with
its kind and place; the validator turns those into Dutch. Schemas arrive by
pull request too: their regular expressions run on the linear-time engine
(no backreferences or lookaround, so no pattern can make a check take
forever), each is compiled once, and a pattern that engine cannot compile, or
an ``x-kind``/``x-ref`` naming no registered kind, is a problem at its place
in its schema file. The same schemas,
compiled once into ``Shape`` trees, tell the validator and the model which
objects are entities (``x-kind``), which fields are references (``x-ref``),
which texts are Markdown or dates, and give the Dutch labels of enums
(``x-labels``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import jsonschema_rs

from .kinds import KIND_BY_NAME, data_files
from .problems import Problem, ProblemsError, format_path, shown

COMMON = "common.schema.json"
MAX_SCHEMA_BYTES = 1024 * 1024
LINEAR_PATTERNS = jsonschema_rs.RegexOptions()  # Rust's regex crate: matching time linear in the text
# The keywords of draft 2020-12 (and the older ones our engine still reads) whose values are schemas.
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_SCHEMAS = ("additionalProperties", "items", "contains", "not", "if", "then", "else", "propertyNames",
            "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems")


@dataclass
class Shape:
    """What one place in a data file may hold, with the annotations that matter to us.

    Compiled once per schema (``$ref`` resolved), so walking a document never
    resolves references per value.
    """

    kind: Optional[str] = None  # x-kind: an object here is an entity of this kind
    ref: Optional[str] = None  # x-ref: a string here (or each string item) names an entity of this kind
    type: Optional[str] = None
    properties: dict[str, "Shape"] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    items: Optional["Shape"] = None
    markdown: bool = False
    date: bool = False  # format "date": a full date JJJJ-MM-DD (the form editor offers a date picker)
    date_text: bool = False  # any date the data writes as text (also x-date: JJJJ, JJJJ-MM, with a time)
    not_future: bool = False  # x-not-future: a date that cannot lie after today (a review, a consultation)
    not_blank: bool = False
    free_text: bool = False  # a string editors type freely (not an id, a choice, a date or a reference)
    age_range: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    enum: tuple = ()
    title: str = ""
    description: str = ""
    spec: dict = field(default_factory=dict, repr=False)  # the resolved schema node

    @property
    def is_list(self) -> bool:
        return self.type == "array"

    @property
    def date_kind(self) -> Optional[str]:
        """A day (``date``), a day, month or year as a source gives it (``partial``), a day with a time
        (``moment``), or None: how the form asks for a date and the field tables name it."""
        pattern = self.spec.get("pattern", "")
        if self.date:
            return "date"
        if pattern.startswith("^[0-9]{4}(-"):
            return "partial"
        if pattern.startswith("^[0-9]{4}-[0-9]{2}-[0-9]{2}(T"):
            return "moment"
        return None

    @property
    def has_checks(self) -> bool:
        """Does anything below this place need the validator's or the model's attention?"""
        return self._has_checks

    def finish(self) -> None:
        self._has_checks = bool(self.kind or self.ref or self.markdown or self.date_text or self.not_blank
                                or self.free_text or self.age_range or bool(self.spec.get("x-recommended"))
                                or any(p.has_checks for p in self.properties.values())
                                or (self.items is not None and self.items.has_checks))


def _refuse_retrieval(uri: str):
    """Schemas may only refer to each other: nothing is fetched from the network or the disk."""
    raise ValueError(f"verwijzing naar `{uri}` buiten data/schema/ is niet toegestaan")


class SchemaError(ProblemsError):
    """The schemas themselves are unusable; carries Dutch problems for the editor."""


class SchemaSet:
    """The schemas of one data folder, each compiled once into a validator and a shape."""

    def __init__(self, schema_dir: Path, display_dir: str = "data/schema"):
        self.schema_dir = schema_dir
        self.documents: dict[str, dict] = {}
        problems = []
        for path in sorted(schema_dir.glob("*.schema.json")):
            shown = f"{display_dir}/{path.name}"
            try:
                if path.is_symlink() or not path.is_file():
                    raise ValueError("is geen gewoon bestand")
                if path.stat().st_size > MAX_SCHEMA_BYTES:
                    raise ValueError("is te groot")
                document = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(document, dict) or not isinstance(document.get("$id"), str):
                    raise ValueError("moet een object met een `$id` zijn")
            except RecursionError:
                problems.append(Problem(shown, 1, 1, "", "schema is onbruikbaar: te diep genest"))
                continue
            except (OSError, UnicodeDecodeError, ValueError) as error:
                problems.append(Problem(shown, 1, 1, "", f"schema is onbruikbaar: {error}"))
                continue
            try:
                jsonschema_rs.meta.validate(document)
            except jsonschema_rs.ValidationError as error:
                where = "/".join(map(str, error.instance_path))
                problems.append(Problem(shown, 1, 1, where, f"schema voldoet niet aan JSON Schema: {error.message}"))
                continue
            own = list(_annotation_problems(document, shown))
            if own:
                problems += own
                continue
            self.documents[path.name] = document
        if problems:
            raise SchemaError(problems)
        self._by_id = {document["$id"]: document for document in self.documents.values()}
        try:
            self.registry = jsonschema_rs.Registry([(d["$id"], d) for d in self.documents.values()],
                                                   retriever=_refuse_retrieval)
        except Exception as error:  # the engine reports broken $refs and duplicate ids this way
            raise SchemaError([Problem(display_dir, 1, 1, "", f"schema's zijn onbruikbaar: {error}")]) from None
        self._validators: dict[str, Any] = {}
        self._definition_checks: dict[str, Callable[[Any], bool]] = {}
        self._shapes: dict[str, Shape] = {}

    # -- verdicts ---------------------------------------------------------------

    def validator(self, schema_name: str):
        """The compiled validator of one schema (formats are annotations, as draft 2020-12 says)."""
        if schema_name not in self._validators:
            try:
                self._validators[schema_name] = jsonschema_rs.Draft202012Validator(
                    self.documents[schema_name], registry=self.registry, validate_formats=False,
                    retriever=_refuse_retrieval, pattern_options=LINEAR_PATTERNS)
            except (KeyError, ValueError, jsonschema_rs.ReferencingError) as error:
                raise SchemaError([Problem(f"data/schema/{schema_name}", 1, 1, "",
                                           f"schema is onbruikbaar: {error}")]) from None
        return self._validators[schema_name]

    def definition_check(self, name: str) -> Optional[Callable[[Any], bool]]:
        """Whether a value satisfies a definition of common.schema.json (``organisation_email``), by the same
        engine as every verdict; None when the schemas do not define it."""
        if name not in self.definitions:
            return None
        if name not in self._definition_checks:
            self._definition_checks[name] = jsonschema_rs.Draft202012Validator(
                {"$ref": f"{self.documents[COMMON]['$id']}#/$defs/{name}"}, registry=self.registry,
                validate_formats=False, retriever=_refuse_retrieval, pattern_options=LINEAR_PATTERNS).is_valid
        return self._definition_checks[name]

    def errors(self, schema_name: str, data: Any) -> Iterator:
        validator = self.validator(schema_name)
        if validator.is_valid(data):
            return iter(())
        return validator.iter_errors(data)

    def node_at(self, location: str) -> Any:
        """The schema node at an absolute keyword location (``<$id>#/json/pointer``)."""
        document_id, _, pointer = location.partition("#")
        node: Any = self._by_id.get(document_id, {})
        for part in filter(None, pointer.split("/")):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node.get(part, {})
        return node

    # -- shapes -------------------------------------------------------------------

    def shape(self, schema_name: str) -> Shape:
        if schema_name not in self._shapes:
            self._shapes[schema_name] = self._compile(self.documents[schema_name], self.documents[schema_name], 0)
        return self._shapes[schema_name]

    def resolve(self, node: dict, document: dict) -> tuple[dict, dict]:
        """Follow ``$ref`` (within and between our schemas); sibling keywords win over the target's."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 16:
            target, document = self._target(node["$ref"], document)
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            seen += 1
        return node, document

    def _target(self, reference: str, document: dict) -> tuple[dict, dict]:
        name, _, pointer = reference.partition("#")
        if name:
            base = document.get("$id", "").rsplit("/", 1)[0]
            document = self._by_id.get(f"{base}/{name}") or self.documents.get(name) or self._by_id.get(name, {})
        node: Any = document
        for part in filter(None, pointer.split("/")):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return node, document

    def _compile(self, node: dict, document: dict, depth: int, inherited_ref: Optional[str] = None) -> Shape:
        spec, document = self.resolve(node, document)
        if not isinstance(spec, dict) or depth > 32:
            return Shape()
        kind_type = spec.get("type")
        shape = Shape(
            kind=spec.get("x-kind"), ref=spec.get("x-ref") or inherited_ref, type=kind_type if isinstance(kind_type, str) else None,
            required=tuple(spec.get("required", ())), markdown=spec.get("contentMediaType") == "text/markdown",
            date=spec.get("format") == "date", date_text=spec.get("format") == "date" or bool(spec.get("x-date")),
            not_future=bool(spec.get("x-not-future")),
            not_blank=spec.get("minLength", 0) > 0, labels=spec.get("x-labels") or {},
            enum=tuple(spec.get("enum", ())), title=spec.get("title", ""), description=spec.get("description", ""),
            spec=spec,
        )
        shape.free_text = shape.type == "string" and not (shape.enum or shape.ref or shape.date or "const" in spec)
        properties = spec.get("properties", {})
        shape.properties = {key: self._compile(child, document, depth + 1) for key, child in properties.items()}
        shape.age_range = "min" in properties and "max" in properties and spec.get("type") == "object"
        if isinstance(spec.get("items"), dict):
            # x-ref on a list applies to its items
            shape.items = self._compile(spec["items"], document, depth + 1, inherited_ref=shape.ref)
        shape.finish()
        return shape

    # -- vocabulary -----------------------------------------------------------------

    @cached_property
    def definitions(self) -> dict:
        return self.documents.get(COMMON, {}).get("$defs", {})

    def labels(self, definition: str) -> dict[str, str]:
        """Dutch display labels of an enum defined in common.schema.json."""
        spec = self.definitions[definition]
        return spec.get("x-labels") or {value: value for value in spec["enum"]}

    def compile_definition(self, name: str) -> Shape:
        """The shape of a definition in common.schema.json (``target_group``, ``recognition``)."""
        common = self.documents.get(COMMON, {})
        return self._compile({"$ref": f"#/$defs/{name}"}, common, 0)

    @cached_property
    def kind_places(self) -> dict[str, list[tuple[str, Shape]]]:
        """Where each kind of entity is declared (the objects a schema marks with ``x-kind``): the data file's
        pattern and the shape there, by kind name, in the registry's order of files."""
        found: dict[str, list[tuple[str, Shape]]] = {}

        def visit(shape: Shape, pattern: str, depth: int) -> None:
            if shape.kind:
                found.setdefault(shape.kind, []).append((pattern, shape))
            if depth < 12:
                for child in [*shape.properties.values(), *([shape.items] if shape.items else [])]:
                    visit(child, pattern, depth + 1)

        for _, data_file in data_files():
            if data_file.schema in self.documents:
                visit(self.shape(data_file.schema), data_file.pattern, 0)
        return found

    @cached_property
    def kind_shapes(self) -> dict[str, Shape]:
        """The shape of each kind of entity, by kind name (where it is first declared)."""
        return {kind: places[0][1] for kind, places in self.kind_places.items()}


def _annotation_problems(document: dict, shown_file: str) -> Iterator[Problem]:
    """Every regular expression the linear-time engine cannot compile, and every x-kind/x-ref that names no
    registered kind, at its place in the schema."""
    for pointer, node in _subschemas(document, ()):
        patterns = [(("pattern",), node["pattern"])] if isinstance(node.get("pattern"), str) else []
        if isinstance(node.get("patternProperties"), dict):
            patterns += [(("patternProperties", key), key) for key in node["patternProperties"]]
        for where, pattern in patterns:
            try:
                jsonschema_rs.Draft202012Validator({"pattern": pattern}, pattern_options=LINEAR_PATTERNS)
            except (ValueError, jsonschema_rs.ValidationError):
                yield Problem(shown_file, 1, 1, format_path(pointer + where),
                              f"patroon `{shown(pattern)}` is onbruikbaar: het is geen geldige reguliere expressie, "
                              "of gebruikt terugverwijzingen (\\1) of vooruit- of terugkijken ((?=…), (?<=…)); die "
                              "kunnen een controle onbegrensd lang laten duren en worden niet ondersteund")
        for annotation in ("x-kind", "x-ref"):
            kind = node.get(annotation)
            if annotation in node and (not isinstance(kind, str) or kind not in KIND_BY_NAME):
                yield Problem(shown_file, 1, 1, format_path(pointer + (annotation,)),
                              f"`{annotation}: {shown(kind)}` is geen soort uit het register (wegwijzer/core/kinds.py); "
                              "bekend: " + ", ".join(sorted(KIND_BY_NAME)))


def _subschemas(node: Any, pointer: tuple, depth: int = 0) -> Iterator[tuple[tuple, dict]]:
    """Every schema object in a schema document with its place, following the keywords that hold schemas."""
    if not isinstance(node, dict) or depth > 64:
        return
    yield pointer, node
    for keyword in _SCHEMA_MAPS:
        children = node.get(keyword)
        for name, child in children.items() if isinstance(children, dict) else ():
            yield from _subschemas(child, pointer + (keyword, name), depth + 1)
    for keyword in _SCHEMA_LISTS:
        children = node.get(keyword)
        for index, child in enumerate(children if isinstance(children, list) else ()):
            yield from _subschemas(child, pointer + (keyword, index), depth + 1)
    for keyword in _SCHEMAS:
        yield from _subschemas(node.get(keyword), pointer + (keyword,), depth + 1)


def entities_in(shape: Shape, value: Any, parent: Optional[str] = None) -> Iterator[tuple[str, dict, Optional[str], Shape]]:
    """Every entity in raw data: (kind, its fields, the id of the entity it sits in, its shape), in document order.

    For data that was never validated (an older version from the history) as
    much as for valid data: anything that does not fit the shape is skipped.
    """
    if isinstance(value, dict):
        if shape.kind and isinstance(value.get("id"), str):
            yield shape.kind, value, parent, shape
            parent = value["id"]
        for key, child in shape.properties.items():
            if key in value:
                yield from entities_in(child, value[key], parent)
    elif isinstance(value, list) and shape.items is not None:
        for item in value:
            yield from entities_in(shape.items, item, parent)


def holds_entities(shape: Shape) -> bool:
    """Does a field of this shape hold entities of their own (listed, shown and counted on their own)?"""
    return bool(shape.kind or (shape.items is not None and shape.items.kind))
