"""The editors' field reference (Dutch Markdown), generated from the JSON Schemas.

CONTRIBUTING.md holds the output between two markers; a test fails when the
schemas change and the document was not regenerated, so it never drifts.
"""

from __future__ import annotations

from .schemas import DATA_FILES, SchemaSet

BEGIN = "<!-- velden:begin (gegenereerd door scripts/field_docs.py; niet met de hand bewerken) -->"
END = "<!-- velden:end -->"

_TYPES = {"string": "tekst", "integer": "geheel getal", "boolean": "true/false", "array": "lijst", "object": "groep"}


def field_reference(schemas: SchemaSet) -> str:
    sections = []
    seen_items: set[str] = set()
    for data_file in DATA_FILES:
        schema = schemas.documents[data_file.schema]
        sections.append(f"### `data/{data_file.pattern}` — {schema['title']}\n\n{schema.get('description', '')}\n")
        sections.extend(_tables(schemas, schema, f"`data/{data_file.pattern}`", seen_items))
    return "\n".join(sections).rstrip() + "\n"


def _tables(schemas: SchemaSet, schema: dict, where: str, seen: set[str]) -> list[str]:
    schema = schemas.resolve(schema)
    rows, nested = [], []
    required = set(schema.get("required", []))
    for name, spec in schema.get("properties", {}).items():
        resolved = schemas.resolve(spec)
        rows.append(f"| `{name}` | {'ja' if name in required else 'nee'} | {_describe(resolved)} | {_values(schemas, resolved)} |")
        item = schemas.resolve(resolved.get("items", {})) if resolved.get("type") == "array" else resolved
        if item.get("type") == "object" and item.get("properties"):
            key = item.get("title", name)
            if key in seen:
                nested.append(f"Elk item in `{name}` heeft dezelfde velden als *{key}* hierboven.\n")
            else:
                seen.add(key)
                nested.extend(_tables(schemas, item, f"elk item in `{name}` ({key})", seen))
    table = [f"Velden van {where}:\n", "| veld | verplicht | betekenis | waarden |", "| --- | --- | --- | --- |", *rows, ""]
    return ["\n".join(table)] + nested


def _describe(spec: dict) -> str:
    parts = [spec.get("title", ""), spec.get("description", "")]
    text = ". ".join(p.rstrip(".") for p in parts if p)
    return (text + ".") if text else ""


def _values(schemas: SchemaSet, spec: dict) -> str:
    if spec.get("type") == "array":
        inner = schemas.resolve(spec.get("items", {}))
        return "lijst van: " + _values(schemas, inner)
    if "enum" in spec:
        labels = spec.get("x-labels", {})
        return ", ".join(f"`{v}`" + (f" ({labels[v]})" if v in labels and labels[v] != v else "") for v in spec["enum"])
    kind = _TYPES.get(spec.get("type", ""), spec.get("type", ""))
    if spec.get("format") == "date":
        return "datum JJJJ-MM-DD"
    if spec.get("contentMediaType") == "text/markdown":
        return "tekst (Markdown)"
    if spec.get("pattern", "").startswith("^[a-z0-9]"):
        return "id (kleine letters, cijfers, streepjes)"
    if spec.get("pattern", "").startswith("^(https?"):
        return "link (https://, http:// of mailto:)"
    if spec.get("type") == "object" and spec.get("properties"):
        return "groep: " + ", ".join(f"`{k}`" for k in spec["properties"])
    return kind


def replace_section(document: str, reference: str) -> str:
    """``document`` with the text between the markers replaced by ``reference``."""
    if BEGIN not in document or END not in document:
        raise ValueError("CONTRIBUTING.md mist de markeringen voor de veldentabel")
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{reference}\n{END}{tail}"
