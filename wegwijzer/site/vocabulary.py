"""The site's words for values and fields, read from the schemas in one place.

A choice field's values have Dutch labels in the schemas (``x-labels``), a
field has a Dutch ``title``. Pages, facets, the data script and open data use
these, so the site says what the form editor says. Vocabularies are named
generically, never listed by hand:

* an enum defined in common.schema.json by its name (``target_group``),
* a choice field inside such a definition as ``<definition>.<field>``
  (``recognition.databank``),
* a choice field of a kind of entity as ``<kind>.<field>`` (``factor.domain``).
"""

from __future__ import annotations

from functools import cached_property

from ..core.schemas import SchemaSet, Shape


class Vocabulary:
    """Dutch labels of values and titles of fields, from one set of schemas."""

    def __init__(self, schemas: SchemaSet):
        self.schemas = schemas

    @cached_property
    def vocabularies(self) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for name, spec in self.schemas.definitions.items():
            shape = self.schemas.compile_definition(name)
            if shape.enum:
                found[name] = _labels(shape)
            for field, child in shape.properties.items():
                if child.enum:
                    found[f"{name}.{field}"] = _labels(child)
        for kind, shape in self.schemas.kind_shapes.items():
            for field, child in shape.properties.items():
                choice = child.items if child.is_list and child.items is not None else child
                if choice.enum:
                    found[f"{kind}.{field}"] = _labels(choice)
        return found

    def labels(self, vocabulary: str) -> dict[str, str]:
        """Every value of a vocabulary with its label, in the schema's order."""
        return self.vocabularies[vocabulary]

    def label(self, value: str, vocabulary: str) -> str:
        return self.vocabularies[vocabulary].get(value, value)

    @cached_property
    def toolbox_outcomes(self) -> list[str]:
        """The outcomes this toolbox is about, most important first (``x-toolbox`` of the outcome definition)."""
        return list(self.schemas.definitions.get("outcome", {}).get("x-toolbox", []))

    @cached_property
    def _level(self) -> dict:
        return self.schemas.definitions.get("recognition", {}).get("properties", {}).get("level", {})

    def strength(self, level: str | None) -> int:
        """A recognition level on one scale across the databanks: 5 strong indications … 1 well described, 0 none."""
        return int(self._level.get("x-strength", {}).get(level, 0)) if level else 0

    @cached_property
    def strength_labels(self) -> list[tuple[int, str]]:
        """The scale's steps with their names, strongest first."""
        labels = self._level.get("x-strength-labels", {})
        return sorted(((int(step), label) for step, label in labels.items()), reverse=True)

    def field_title(self, kind: str, field: str) -> str:
        """The Dutch name of a field of a kind, as the schema (and so the form editor) calls it."""
        shape = self.schemas.kind_shapes[kind].properties.get(field)  # None: a field only an old version has
        return (shape.title if shape is not None else None) or field.replace("_", " ").capitalize()


def _labels(shape: Shape) -> dict[str, str]:
    return {value: shape.labels.get(value, str(value)) for value in shape.enum}
