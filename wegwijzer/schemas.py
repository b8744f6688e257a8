"""The JSON Schemas in ``data/schema/``: one per kind of data file.

The schemas are the single description of the data: the validator checks
against them, editors' IDEs complete from them, CONTRIBUTING's field table is
generated from them and the site takes its Dutch labels from their
``x-labels`` annotations.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

COMMON = "common.schema.json"


@dataclass(frozen=True)
class DataFile:
    """A kind of data file: where it lives and which schema it follows."""

    kind: str
    pattern: str  # relative to the data folder; may contain one '*'
    schema: str
    title: str


DATA_FILES = (
    DataFile("partners", "partners.yaml", "partners.schema.json", "Partners"),
    DataFile("themes", "themes.yaml", "themes.schema.json", "Thema's"),
    DataFile("factors", "factors.yaml", "factors.schema.json", "Risico- en beschermende factoren"),
    DataFile("interventions", "interventions.yaml", "interventions.schema.json", "Landelijke interventies"),
    DataFile("programmes", "programmes.yaml", "programmes.schema.json", "Landelijke programma's"),
    DataFile("barriers", "barriers.yaml", "barriers.schema.json", "Barrièremodellen"),
    DataFile("matrix", "matrix.yaml", "matrix.schema.json", "Interventiematrix"),
    DataFile("processes", "processes.yaml", "processes.schema.json", "Stappenmodellen"),
    DataFile("region", "regions/*.yaml", "region.schema.json", "Regio's"),
)


@functools.lru_cache(maxsize=32)
def _compiled_check(schema_json: str):
    """Compiling generates and executes Python code (~15 ms a schema); every check of the
    same schema text in this process (``mkdocs serve`` rebuilds, tests) reuses it."""
    return fastjsonschema.compile(json.loads(schema_json), use_formats=False, detailed_exceptions=False)


class SchemaSet:
    """Loaded schemas with validators sharing one registry for ``$ref``."""

    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir
        self.documents: dict[str, dict] = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            self.documents[path.name] = json.loads(path.read_text(encoding="utf-8"))
        resources = []
        for name, document in self.documents.items():
            resource = Resource.from_contents(document)
            resources.append((document["$id"], resource))
            resources.append((name, resource))
        self.registry = Registry().with_resources(resources)
        self._compiled: dict = {}
        self._resolved: dict[int, tuple[dict, dict]] = {}

    def validator(self, schema_name: str) -> Draft202012Validator:
        """Full validator: reports every error with its path (used when something is wrong).

        Formats are not asserted here: dates are checked by the validator module
        (real calendar dates) and links by their ``pattern``.
        """
        return Draft202012Validator(self.documents[schema_name], registry=self.registry)

    def is_valid(self, schema_name: str, data) -> bool:
        """Fast check of the same schema, compiled once: about 50× faster than ``validator``."""
        if schema_name not in self._compiled:
            self._compiled[schema_name] = _compiled_check(json.dumps(self.dereferenced(schema_name), sort_keys=True))
        try:
            self._compiled[schema_name](data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def dereferenced(self, schema_name: str) -> dict:
        """The schema with every ``$ref`` inlined (ours are not recursive) and draft-07 keywords."""
        def inline(node):
            if isinstance(node, dict):
                node = self.resolve(node) if "$ref" in node else node
                return {k: inline(v) for k, v in node.items() if k not in ("$defs", "$schema", "$id")}
            if isinstance(node, list):
                return [inline(item) for item in node]
            return node
        return {"$schema": "http://json-schema.org/draft-07/schema#", **inline(self.documents[schema_name])}

    @cached_property
    def definitions(self) -> dict:
        return self.documents[COMMON]["$defs"]

    def labels(self, definition: str) -> dict[str, str]:
        """Dutch display labels of an enum defined in common.schema.json."""
        spec = self.definitions[definition]
        return spec.get("x-labels") or {value: value for value in spec["enum"]}

    def property_labels(self, schema_name: str, *path: str) -> dict[str, str]:
        """Labels of an enum defined inline, e.g. factors.schema.json → kind."""
        node = self.documents[schema_name]
        for step in path:
            node = node["properties"][step] if step in node.get("properties", {}) else node[step]
        return node.get("x-labels") or {value: value for value in node["enum"]}

    def resolve(self, schema: dict) -> dict:
        """Follow ``$ref`` chains to the definition a property points at (memoized)."""
        if "$ref" not in schema:
            return schema
        # Keyed by identity; the entry holds the schema too, so its id cannot be reused by another dict.
        entry = self._resolved.get(id(schema))
        if entry is None:
            entry = self._resolved[id(schema)] = (schema, self._resolve(schema))
        return entry[1]

    def _resolve(self, schema: dict) -> dict:
        seen = 0
        while "$ref" in schema and seen < 10:
            target = schema["$ref"]
            document_name, _, pointer = target.partition("#")
            document = self.documents[document_name] if document_name else self.documents[COMMON]
            node = document
            for part in filter(None, pointer.split("/")):
                node = node[part]
            merged = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
            schema = merged
            seen += 1
        return schema
