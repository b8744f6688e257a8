"""The editors' field reference (Dutch Markdown), generated from the JSON Schemas.

CONTRIBUTING.md holds the output between two markers; a test fails when the
schemas change and the document was not regenerated, so it never drifts.
"""

from __future__ import annotations

from ..core.kinds import KIND_BY_NAME, data_files
from ..core.schemas import SchemaSet, Shape

BEGIN = "<!-- velden:begin (gegenereerd door `wegwijzer fields`; niet met de hand bewerken) -->"
END = "<!-- velden:end -->"

_TYPES = {"string": "tekst", "integer": "geheel getal", "boolean": "true/false", "array": "lijst", "object": "groep"}


def field_reference(schemas: SchemaSet) -> str:
    sections = []
    seen_items: set[str] = set()
    for _, data_file in data_files():
        schema = schemas.documents[data_file.schema]
        sections.append(f"### `data/{data_file.pattern}` — {schema['title']}\n\n{schema.get('description', '')}\n")
        sections.extend(_tables(schemas.shape(data_file.schema), f"`data/{data_file.pattern}`", seen_items))
    return "\n".join(sections).rstrip() + "\n"


def _tables(shape: Shape, where: str, seen: set[str]) -> list[str]:
    rows, nested = [], []
    for name, child in shape.properties.items():
        rows.append(f"| `{name}` | {'ja' if name in shape.required else 'nee'} | {_describe(child)} | {_values(child)} |")
        item = child.items if child.is_list and child.items is not None else child
        if item.type == "object" and item.properties:
            key = item.title or name
            if key in seen:
                nested.append(f"Elk item in `{name}` heeft dezelfde velden als *{key}* hierboven.\n")
            else:
                seen.add(key)
                nested.extend(_tables(item, f"elk item in `{name}` ({key})", seen))
    table = [f"Velden van {where}:\n", "| veld | verplicht | betekenis | waarden |", "| --- | --- | --- | --- |", *rows, ""]
    return ["\n".join(table)] + nested


def _describe(shape: Shape) -> str:
    text = ". ".join(part.rstrip(".") for part in (shape.title, shape.description) if part)
    return (text + ".") if text else ""


def _values(shape: Shape) -> str:
    if shape.is_list and shape.items is not None:
        return "lijst van: " + _values(shape.items)
    if shape.ref:  # the form offers a choice; in the file it is the entry's id, from where it is declared
        kind = KIND_BY_NAME.get(shape.ref)
        where = f" (uit `data/{kind.files[0].pattern}`)" if kind and len(kind.files) == 1 else ""
        return f"id van een {kind.label if kind else shape.ref}{where}"
    if shape.enum:
        return ", ".join(f"`{v}`" + (f" ({shape.labels[v]})" if shape.labels.get(v, v) != v else "") for v in shape.enum)
    pattern = shape.spec.get("pattern", "")
    if shape.date:
        return "datum JJJJ-MM-DD"
    if shape.markdown:
        return "tekst (Markdown)"
    if pattern.startswith("^[a-z0-9]"):
        return "id (kleine letters, cijfers, streepjes)"
    if pattern.startswith("^(https?"):
        return "link (https://, http:// of mailto:)"
    if shape.date_kind == "partial":
        return "datum JJJJ, JJJJ-MM of JJJJ-MM-DD"
    if shape.type == "object" and shape.properties:
        return "groep: " + ", ".join(f"`{k}`" for k in shape.properties)
    return _TYPES.get(shape.type or "", shape.type or "")


def replace_section(document: str, reference: str) -> str:
    """``document`` with the text between the markers replaced by ``reference``."""
    begin = next((line for line in document.splitlines() if line.startswith("<!-- velden:begin")), None)
    if begin is None or END not in document:
        raise ValueError("CONTRIBUTING.md mist de markeringen voor de veldentabel")
    head, rest = document.split(begin, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{reference}\n{END}{tail}"
