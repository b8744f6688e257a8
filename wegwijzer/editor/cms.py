"""The form editor at /admin/ (Decap CMS): its configuration, generated from the schemas and the registry.

Nothing here is kept by hand: every data file of the registry becomes a form,
every schema field a form field (enums a select with the Dutch labels,
references a searchable choice among the entries of the right kind, Markdown
the Markdown editor, descriptions the hints under each field). A new field or
kind in the schemas is in the editor with the next build. The editor's own
checks are shallow; our validator, in CI on the pull request it opens, stays
the authority.

The files the editor writes go through ``yaml-keep`` (wegwijzer/editor/admin/), which
changes only the lines of what was edited, so a one-field change is a one-line
diff and comments stay.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

from ..core.kinds import KIND_BY_NAME, DataFile, Kind, data_files
from ..core.schemas import SchemaSet, Shape

ADMIN_SOURCES = Path(__file__).resolve().parent / "admin"
ADMIN_FOLDER = "admin"
# Copied from node_modules into the site at build time (pinned in package.json): no CDN, no copy in git.
VENDOR = {
    "decap-cms": ("decap-cms/dist", ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")),
    "yaml": ("yaml/browser/dist", ("**/*.js",)),
    "node-diff3": ("node-diff3/dist", ("diff3.mjs",)),
}
LOCAL_BACKEND = "http://localhost:8081/api/v1"  # decap-server's default; `wegwijzer admin` starts it there
FORMAT = "yaml-keep"
LONG_TEXT = 200  # strings that may be longer than this get a text area


@dataclass(frozen=True)
class Home:
    """Where the entries of a kind can be chosen from in a relation field."""

    collection: str
    file: Optional[str]  # a file of the "gegevens" collection, or None for a folder collection
    value_field: str  # "partners.*.id" or "id"
    display_field: str


def format_name(data_file: DataFile) -> str:
    """Each file pattern its own registered format, so a new file gets its schema header."""
    return f"{FORMAT}-{data_file.folder or data_file.pattern.removesuffix('.yaml')}"


def _file_name(data_file: DataFile) -> str:
    return data_file.pattern.removesuffix(".yaml").replace("/", "-")


def _homes(schemas: SchemaSet) -> dict[str, Home]:
    """Kinds that live in exactly one place a relation field can list: a top-level list or a folder."""
    places: dict[str, list[Home]] = {}
    for _, data_file in data_files():
        root = schemas.shape(data_file.schema)
        if data_file.is_folder and root.kind:
            places.setdefault(root.kind, []).append(Home(data_file.folder, None, "id", "name"))
            continue
        for key, child in root.properties.items():
            if child.items is not None and child.items.kind:
                display = next(key for key in ("name", "title", "id") if key in child.items.properties)
                places.setdefault(child.items.kind, []).append(
                    Home("gegevens", _file_name(data_file), f"{key}.*.id", f"{key}.*.{display}"))
    nested = _nested_kinds(schemas)
    return {kind: homes[0] for kind, homes in places.items() if len(homes) == 1 and kind not in nested}


def _nested_kinds(schemas: SchemaSet) -> set[str]:
    """Kinds that also occur deeper than a file's top level (a region's offerings are interventions too)."""
    found: set[str] = set()

    def walk(shape: Shape, depth: int, seen: set[int]) -> None:
        if id(shape) in seen:
            return
        seen.add(id(shape))
        if shape.kind and depth > 1:
            found.add(shape.kind)
        for child in shape.properties.values():
            walk(child, depth + 1, seen)
        if shape.items is not None:
            walk(shape.items, depth, seen)

    for _, data_file in data_files():
        root = schemas.shape(data_file.schema)
        walk(root, 1 if data_file.is_folder and root.kind else 0, set())
    return found


class _Fields:
    """Schema shapes → Decap field definitions."""

    def __init__(self, schemas: SchemaSet):
        self.homes = _homes(schemas)
        # Every text carries the "no invisible control characters" pattern: the validator says that better.
        self.text_pattern = schemas.definitions.get("text", {}).get("pattern")

    def fields(self, shape: Shape, enforced: bool = True) -> list[dict[str, Any]]:
        """The fields of an object; ``enforced``: the form may require them (not inside an optional group,
        whose required fields only apply once it is filled in, which the form cannot express)."""
        return [self.field(name, child, enforced and name in shape.required) for name, child in shape.properties.items()]

    def field(self, name: str, shape: Shape, required: bool) -> dict[str, Any]:
        spec = shape.spec
        field: dict[str, Any] = {"name": name, "label": shape.title or _label(name), "required": required}
        if shape.description:
            field["hint"] = shape.description
        if shape.is_list:
            field.update(self._list(shape))
        elif shape.ref:
            field.update(self._reference(shape.ref, multiple=False))
        elif shape.type == "object":
            field.update(widget="object", collapsed=not required, fields=self.fields(shape, enforced=required))
            if "name" in shape.properties or "title" in shape.properties:
                field["summary"] = "{{fields.name}}" if "name" in shape.properties else "{{fields.title}}"
        elif shape.enum:
            field.update(widget="select", options=_options(shape))
        elif shape.type == "boolean":
            field.update(widget="boolean")
        elif shape.type in ("integer", "number"):
            field.update(widget="number", value_type="int" if shape.type == "integer" else "float")
            if "minimum" in spec:
                field["min"] = spec["minimum"]
            if "maximum" in spec:
                field["max"] = spec["maximum"]
        elif shape.markdown:
            field.update(widget="markdown", modes=["rich_text", "raw"], editor_components=[],
                         buttons=["bold", "italic", "link", "bulleted-list", "numbered-list"], sanitize_preview=True)
        elif shape.date:
            field.update(widget="datetime", format="YYYY-MM-DD", date_format="DD-MM-YYYY", time_format=False,
                         picker_utc=True)
        else:
            field["widget"] = "text" if spec.get("maxLength", 0) > LONG_TEXT and not spec.get("format") else "string"
        if shape.type == "string" and spec.get("pattern") not in (None, self.text_pattern) and not shape.date:
            message = (spec.get("x-messages") or {}).get("pattern") or shape.description or "ongeldige waarde"
            field["pattern"] = [spec["pattern"], message]
        return field

    def _list(self, shape: Shape) -> dict[str, Any]:
        items = shape.items or Shape()
        limits = {key: shape.spec[source] for key, source in (("min", "minItems"), ("max", "maxItems"))
                  if source in shape.spec}
        if items.ref:
            return {**self._reference(items.ref, multiple=True), **limits}
        if items.type == "object":
            summary = next((f"{{{{fields.{key}}}}}" for key in ("name", "title", "id", "what", "signal", "party")
                            if key in items.properties), None)
            found = {"widget": "list", "collapsed": True, "fields": self.fields(items), **limits}
            if items.kind:
                found["label_singular"] = KIND_BY_NAME[items.kind].label
            return {**found, "summary": summary} if summary else found
        if items.enum:
            return {"widget": "select", "multiple": True, "options": _options(items), **limits}
        inner = self.field("waarde", items, True)
        inner.pop("required", None)
        return {"widget": "list", "field": inner, **limits}

    def _reference(self, kind: str, multiple: bool) -> dict[str, Any]:
        home = self.homes.get(kind)
        if home is None:  # chosen from several places: typed as an id, the validator checks it
            found = {"widget": "list", "field": {"name": "id", "label": "Id", "widget": "string"}} if multiple \
                else {"widget": "string"}
            return found
        relation = {"widget": "relation", "collection": home.collection, "value_field": home.value_field,
                    "search_fields": [home.display_field, home.value_field], "display_fields": [home.display_field],
                    "options_length": 100}
        if home.file:
            relation["file"] = home.file
        return {**relation, "multiple": True} if multiple else relation


def _options(shape: Shape) -> list[dict[str, str]]:
    return [{"label": shape.labels.get(value, str(value)), "value": value} for value in shape.enum]


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _collection_label(kind: Kind) -> str:
    if kind.overview is not None:
        return kind.overview.nav_title or kind.overview.title
    return kind.plural.capitalize()


def cms_config(schemas: SchemaSet, *, repo: str, branch: str, site_url: str, auth_url: Optional[str] = None,
               local_backend: str = LOCAL_BACKEND) -> dict[str, Any]:
    """The editor's configuration: a form per data file (a collection per folder), a field per schema field."""
    convert = _Fields(schemas)
    files, folders = [], []
    for kind, data_file in data_files():
        root = schemas.shape(data_file.schema)
        if data_file.is_folder:
            folders.append({
                "name": data_file.folder, "label": _collection_label(kind), "label_singular": kind.label,
                "folder": f"data/{data_file.folder}", "extension": "yaml", "format": format_name(data_file),
                "create": True, "identifier_field": "id", "slug": "{{fields.id}}", "summary": "{{fields.name}}",
                "editor": {"preview": False}, "fields": convert.fields(root),
            })
            continue
        files.append({"name": _file_name(data_file), "label": _collection_label(kind),
                      "file": f"data/{data_file.pattern}", "format": format_name(data_file),
                      "fields": convert.fields(root)})
    backend: dict[str, Any] = {
        "name": "github", "repo": repo, "branch": branch,
        "commit_messages": {"create": "Nieuw: {{slug}} ({{collection}})", "update": "Bijgewerkt: {{slug}} ({{collection}})",
                            "delete": "Verwijderd: {{slug}} ({{collection}})", "uploadMedia": "Bestand: {{path}}",
                            "deleteMedia": "Bestand weg: {{path}}"},
    }
    if auth_url:
        backend["base_url"] = auth_url
    return {
        "backend": backend,
        "local_backend": {"url": local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]},
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "site_url": site_url or "/",
        "show_preview_links": False,
        "media_folder": "content/assets/images",
        "public_folder": "/assets/images",
        "collections": [{"name": "gegevens", "label": "Gegevens", "format": FORMAT,
                         "description": "Elk gegevensbestand van de toolbox als formulier.",
                         "editor": {"preview": False}, "files": files}] + folders,
    }


def formats_script() -> str:
    """The registered formats (one per file pattern, with its schema header) as a module for index.html."""
    headers = {format_name(f): f"{f.header}\n\n" for _, f in data_files()}
    return "export const FORMATS = " + json.dumps(headers, ensure_ascii=False, indent=1) + ";\n"


def admin_files(schemas: SchemaSet, node_modules: Path, **config: Any) -> dict[str, str | Path]:
    """Every file of /admin/ by its path in the site: text, or a file to copy. Empty without node_modules."""
    vendor: dict[str, str | Path] = {}
    for name, (folder, patterns) in VENDOR.items():
        source = node_modules / folder
        if not source.is_dir():
            return {}
        for pattern in patterns:
            for path in sorted(source.glob(pattern)):
                if path.is_file():
                    vendor[posixpath.join(ADMIN_FOLDER, "vendor", name, path.relative_to(source).as_posix())] = path
    text = yaml.safe_dump(cms_config(schemas, **config), allow_unicode=True, sort_keys=False, width=120)
    return {
        f"{ADMIN_FOLDER}/index.html": (ADMIN_SOURCES / "index.html").read_text(encoding="utf-8"),
        f"{ADMIN_FOLDER}/yaml-keep.mjs": (ADMIN_SOURCES / "yaml-keep.mjs").read_text(encoding="utf-8"),
        f"{ADMIN_FOLDER}/formats.js": formats_script(),
        f"{ADMIN_FOLDER}/config.yml": "# Gemaakt door `wegwijzer build` uit data/schema en wegwijzer/core/kinds.py.\n" + text,
        **vendor,
    }


def write_files(files: dict[str, str | Path], folder: Path) -> None:
    """Put ``admin_files`` in a folder (to serve /admin/ without building the site: tests, benchmark)."""
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            target.write_bytes(content.read_bytes())
        else:
            target.write_text(content, encoding="utf-8")
