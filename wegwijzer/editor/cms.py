"""The form editor at /admin/ (Decap CMS): its configuration and scripts, generated from the schemas and the registry.

Nothing here is kept by hand. Every data file of the registry becomes a form
(a ``Form``): a file with one list of entities is edited entry by entry (a
searchable list of its entries, one entry per form, one proposal per entry:
admin/entries.mjs presents each item as an entry of its own and saves it back
into the file), a folder of files file by file, any other file as a whole.
Every schema field becomes a form field with the schema's Dutch title and
description; references are a searchable choice among the entries of the right
kind. Every field is checked before saving with the same JSON Schemas and the
shared text checks as the validator (admin/checks.mjs); the validator, in CI
on the pull request the editor opens, stays the authority.

What the editor writes is the canonical form of ``yamlformat`` (admin/canonical.mjs):
a change of one field is a change of one line.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

from ..core.kinds import KIND_BY_NAME, DataFile, Kind, data_files
from ..core.schemas import SchemaSet, Shape
from ..core.textformat import TEXT_CHECKS
from .backend import API_PATH, DEFAULT_PORT, MEDIA_FOLDER
from .yamlformat import layout_script

STATUS_CONTEXT = "Voorbeeld van de site"  # the commit status CI sets with the proposal's preview (site.yml)

ADMIN_SOURCES = Path(__file__).resolve().parent / "admin"
ADMIN_FOLDER = "admin"
# Copied from node_modules into the site at build time (pinned in package.json): no CDN, no copy in git.
VENDOR = {
    "decap-cms": ("decap-cms/dist", ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")),
    "yaml": ("yaml/browser/dist", ("**/*.js",)),
    "node-diff3": ("node-diff3/dist", ("diff3.mjs",)),
    "ajv": ("ajv-dist/dist", ("ajv2020.min.js",)),
}
LOCAL_BACKEND = f"http://localhost:{DEFAULT_PORT}{API_PATH}"  # `wegwijzer admin` starts editor/backend.py there
FORMAT = "wegwijzer-yaml"  # registered by admin/editor.mjs: reads YAML, writes the canonical form
LONG_TEXT = 200  # strings that may be longer than this get a text area
DISPLAY_FIELDS = ("name", "title", "id")


@dataclass(frozen=True)
class Form:
    """One collection of the editor: the entries of a list file, the files of a folder, or a single file."""

    name: str  # the collection's name, in the editor's addresses: #/collections/<name>/entries/<entry>
    kind: Kind
    data_file: DataFile
    shape: Shape  # of one entry (a list item or a whole file)
    list_key: Optional[str] = None  # a list file: the top-level list whose items are the entries
    location: str = ""  # the entry's schema as ``<$id>#<pointer>``, for the form's checks

    @property
    def label(self) -> str:
        if self.kind.overview is not None:
            return self.kind.overview.nav.title
        if self.kind.page_nav is not None:
            return self.kind.page_nav.title
        return self.kind.plural.capitalize()

    @property
    def display_field(self) -> str:
        fields = [self.kind.display_field, *DISPLAY_FIELDS]
        return next((f for f in fields if f in self.shape.properties), "id")

    @property
    def folder(self) -> Optional[str]:
        """Where the editor finds the entries: a folder, or (list files) the file itself as a folder of its items."""
        if self.list_key:
            return f"data/{self.data_file.pattern}"
        return f"data/{self.data_file.folder}" if self.data_file.is_folder else None

    @property
    def previewed(self) -> bool:
        """Does the editor show the entry's own page beside the form (editor/preview.py)?"""
        return self.kind.has_pages and self.kind.page is None and self.folder is not None

    def entry_link(self, entry: str) -> str:
        """The editor's address of one entry (relative to /admin/)."""
        return f"#/collections/{self.name}/entries/{entry}"


def _name(data_file: DataFile) -> str:
    return data_file.folder or data_file.pattern.removesuffix(".yaml").replace("/", "-")


def forms(schemas: SchemaSet) -> list[Form]:
    """The editor's forms, one per data file (or folder) of the registry, in registry order."""
    found = []
    for kind, data_file in data_files():
        root = schemas.shape(data_file.schema)
        document = schemas.documents[data_file.schema]
        lists = [key for key, child in root.properties.items() if child.items is not None and child.items.kind]
        if not data_file.is_folder and len(root.properties) == 1 and lists:
            key = lists[0]
            location = f"{document['$id']}#/properties/{key}/items"
            found.append(Form(_name(data_file), kind, data_file, root.properties[key].items, key, location))
        else:
            found.append(Form(_name(data_file), kind, data_file, root, None, document["$id"] + "#"))
    return found


@dataclass(frozen=True)
class Home:
    """Where the entries of a kind can be chosen from in a relation field."""

    collection: str
    value_field: str  # "id", or "steps.*.id" for entries nested in the entries of a collection
    display_field: str


def _homes(all_forms: list[Form]) -> dict[str, Home]:
    """Kinds that are declared in exactly one place a relation field can list."""
    places: dict[str, list[Home]] = {}
    for form in all_forms:
        for kind, path, shape in _declarations(form.shape, ()):
            if form.list_key is None and not form.data_file.is_folder:
                places.setdefault(kind, []).append(None)  # inside a single file: typed, not chosen
                continue
            display = next((f for f in (KIND_BY_NAME[kind].display_field if kind in KIND_BY_NAME else "name",
                                        *DISPLAY_FIELDS) if f in shape.properties), "id")
            prefix = "".join(f"{part}." for part in path)
            places.setdefault(kind, []).append(Home(form.name, f"{prefix}id", f"{prefix}{display}"))
    return {kind: homes[0] for kind, homes in places.items() if len(homes) == 1 and homes[0] is not None}


def _declarations(shape: Shape, path: tuple, depth: int = 0) -> Iterator[tuple[str, tuple, Shape]]:
    """Every kind of entity below an entry's shape, with its path (``*`` for list items) and shape."""
    if depth > 12:
        return
    if shape.kind:
        yield shape.kind, path, shape
    for key, child in shape.properties.items():
        if child.items is not None and child.items.type == "object":
            yield from _declarations(child.items, path + (key, "*"), depth + 1)
        elif child.type == "object":
            yield from _declarations(child, path + (key,), depth + 1)


class _Fields:
    """Schema shapes → Decap field definitions, each with what the form's checks need (``wegwijzer``).

    The widgets are Decap's own, checked (admin/widgets.mjs), under Dutch names: screen readers
    announce each field as "veld <name>".
    """

    def __init__(self, schemas: SchemaSet, homes: dict[str, Home]):
        self.schemas = schemas
        self.homes = homes

    def fields(self, shape: Shape, location: str, enforced: bool = True) -> list[dict[str, Any]]:
        """The fields of an object whose schema is at ``location``; ``enforced``: its required fields must be
        filled in (not inside an optional group, whose fields only count once it is filled in)."""
        spec, document_id, pointer = self._resolved(location)
        alternatives = _alternatives(spec, shape)
        fields = []
        for name, child in shape.properties.items():
            child_location = f"{document_id}#{pointer}/properties/{_escape(name)}"
            required = enforced and name in shape.required
            fields.append(self.field(name, child, child_location, required, alternatives.get(name)))
        return fields

    def _resolved(self, location: str) -> tuple[dict, str, str]:
        """The schema node at ``location`` after its ``$ref``s, and where that node is."""
        document_id, _, pointer = location.partition("#")
        for _ in range(16):
            node = self.schemas.node_at(f"{document_id}#{pointer}")
            if not isinstance(node, dict) or "$ref" not in node:
                return node if isinstance(node, dict) else {}, document_id, pointer
            target, _, target_pointer = node["$ref"].partition("#")
            if target:
                document_id = document_id.rsplit("/", 1)[0] + "/" + target
            pointer = target_pointer
        return {}, document_id, pointer

    def field(self, name: str, shape: Shape, location: str, required: bool,
              alternative: Optional[str] = None) -> dict[str, Any]:
        """One form field; ``alternative``: the fields that may stand in for this one ("one of several is required")."""
        spec = shape.spec
        field: dict[str, Any] = {"name": name, "label": shape.title or field_label(name),
                                 "required": required or alternative is not None}
        hint = " ".join(filter(None, [shape.description, alternative and f"Verplicht, tenzij je {alternative} invult."]))
        if hint:
            field["hint"] = hint
        checks: dict[str, Any] = {"schema": location}
        if alternative:
            checks["group"] = True
        flags = [flag for flag in ("free_text", "markdown", "date", "not_future", "not_blank") if getattr(shape, flag)]
        if flags:
            checks["text"] = flags
        if shape.ref:
            checks["ref"] = shape.ref
        if shape.kind:
            checks["declares"] = shape.kind
        if shape.is_list:
            field.update(self._list(shape, location))
        elif shape.ref:
            field.update(self._reference(shape.ref, multiple=False))
        elif shape.type == "object":
            field.update(widget="groep", collapsed=not required, fields=self.fields(shape, location, required))
            if shape.age_range:
                checks["age"] = True
            if "name" in shape.properties or "title" in shape.properties:
                field["summary"] = "{{fields.name}}" if "name" in shape.properties else "{{fields.title}}"
        elif shape.enum:
            field.update(widget="keuze", options=_options(shape))
        elif shape.type == "boolean":
            field.update(widget="janee")
        elif shape.type in ("integer", "number"):
            field.update(widget="getal", value_type="int" if shape.type == "integer" else "float")
            if "minimum" in spec:
                field["min"] = spec["minimum"]
            if "maximum" in spec:
                field["max"] = spec["maximum"]
        elif shape.markdown:
            field.update(widget="opmaak", modes=["raw", "rich_text"], editor_components=[],
                         buttons=["bold", "italic", "link", "bulleted-list", "numbered-list"], sanitize_preview=True)
        elif shape.date_kind:
            field.update(widget="datum", date_kind=shape.date_kind)
        else:
            long = spec.get("maxLength", 0) > LONG_TEXT and not spec.get("format")
            field["widget"] = "tekstvak" if long else "tekst"
        field["wegwijzer"] = checks
        return field

    def _list(self, shape: Shape, location: str) -> dict[str, Any]:
        items = shape.items or Shape()
        _, document_id, pointer = self._resolved(location)
        items_location = f"{document_id}#{pointer}/items"
        if items.ref:
            return self._reference(items.ref, multiple=True)
        if items.type == "object":
            summary = next((f"{{{{fields.{key}}}}}" for key in ("name", "title", "id", "what", "signal", "party")
                            if key in items.properties), None)
            found = {"widget": "lijst", "collapsed": True, "fields": self.fields(items, items_location)}
            singular = KIND_BY_NAME[items.kind].label if items.kind in KIND_BY_NAME else items.title
            if singular:  # "Voeg bron toe"
                found["label_singular"] = singular.lower()
            return {**found, "summary": summary} if summary else found
        if items.enum:
            return {"widget": "keuze", "multiple": True, "options": _options(items)}
        inner = self.field("waarde", items, items_location, True)
        inner.pop("required", None)
        return {"widget": "lijst", "field": inner}

    def _reference(self, kind: str, multiple: bool) -> dict[str, Any]:
        home = self.homes.get(kind)
        if home is None:  # chosen from several places (a region's offerings are interventions too): typed
            label = KIND_BY_NAME[kind].label if kind in KIND_BY_NAME else kind
            typed = {"name": "waarde", "label": label.capitalize(), "widget": "tekst"}
            return {"widget": "lijst", "field": typed} if multiple else {"widget": "tekst"}
        relation = {"widget": "verwijzing", "collection": home.collection, "value_field": home.value_field,
                    "search_fields": [home.display_field, home.value_field], "display_fields": [home.display_field],
                    "options_length": 50}
        return {**relation, "multiple": True} if multiple else relation


def _alternatives(spec: dict, shape: Shape) -> dict[str, str]:
    """For fields of which one group must be given (``anyOf`` of ``required`` lists): the others, in words.

    A source is a document, or a web page with its date: "Brondocument" may be
    left empty if "Webadres en Geraadpleegd op" are filled in, and the other way round.
    """
    branches = spec.get("anyOf") or []
    if not branches or not all(isinstance(b, dict) and set(b) == {"required"} for b in branches):
        return {}

    def words(names: list[str]) -> str:
        labels = [shape.properties[n].title or field_label(n) if n in shape.properties else n for n in names]
        return " en ".join(labels)

    return {name: " of ".join(words(other["required"]) for other in branches if other is not branch)
            for branch in branches for name in branch["required"]}


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _options(shape: Shape) -> list[dict[str, str]]:
    return [{"label": shape.labels.get(value, str(value)), "value": value} for value in shape.enum]


def field_label(name: str) -> str:
    """What the form calls a field whose schema gives it no title."""
    return name.replace("_", " ").capitalize()


def _collection(form: Form, convert: _Fields, preview: bool) -> dict[str, Any]:
    display = form.display_field
    fields = convert.fields(form.shape, form.location)
    base = {"name": form.name, "label": form.label, "label_singular": form.kind.label,
            "description": (form.shape.description or "")[:300], "editor": {"preview": preview}}
    if form.folder is None:  # one file, one form
        return {**base, "format": FORMAT, "files": [{"name": form.name, "label": form.label,
                                                     "file": f"data/{form.data_file.pattern}", "fields": fields}]}
    collection = {**base, "folder": form.folder, "create": True, "delete": True, "identifier_field": display,
                  "slug": "{{fields.id}}", "summary": f"{{{{fields.{display}}}}}", "sortable_fields": [display],
                  "format": "json" if form.list_key else FORMAT, "extension": "json" if form.list_key else "yaml",
                  "fields": fields}
    page = form.kind.page_for("{{slug}}")
    if page and not form.kind.page:
        collection["preview_path"] = page.removesuffix(".md") + "/"
    return collection


def cms_config(schemas: SchemaSet, *, repo: str, branch: str, site_url: str, auth_url: Optional[str] = None,
               local_backend: str = LOCAL_BACKEND) -> dict[str, Any]:
    """The editor's configuration: a collection per form, a field per schema field."""
    all_forms = forms(schemas)
    convert = _Fields(schemas, _homes(all_forms))
    collections = [_collection(form, convert, preview=form.previewed) for form in all_forms]
    backend: dict[str, Any] = {
        "name": "github", "repo": repo, "branch": branch, "squash_merges": True,
        "preview_context": STATUS_CONTEXT,  # CI's page of the proposal's changes: "Bekijk voorbeeld"
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
        "show_preview_links": True,
        "media_folder": MEDIA_FOLDER,
        "public_folder": "/assets/images",
        "collections": collections,
    }


def editor_script(schemas: SchemaSet, *, auth_configured: bool, local_backend: str = LOCAL_BACKEND) -> str:
    """What the editor's scripts need from the project, as a module for index.html (admin/project.js)."""
    all_forms = forms(schemas)
    info = {
        form.name: {"kind": form.kind.name, "label": form.label, "singular": form.kind.label,
                    "file": form.data_file.pattern, "list": form.list_key, "folder": form.folder,
                    "schema": form.location, "display": form.display_field}
        for form in all_forms
    }
    parts = [
        layout_script(schemas),
        "export const SCHEMAS = " + json.dumps(list(schemas.documents.values()), ensure_ascii=False) + ";\n",
        "export const TEXT_CHECKS = " + json.dumps(TEXT_CHECKS, ensure_ascii=False) + ";\n",
        "export const FORMS = " + json.dumps(info, ensure_ascii=False) + ";\n",
        "export const DECLARED = " + json.dumps(_declared_kinds(all_forms), ensure_ascii=False) + ";\n",
        "export const STRUCTURE = " + json.dumps({form.name: [rule.spec for rule in form.kind.rules]
                                                  for form in all_forms}) + ";\n",
        f"export const AUTH_CONFIGURED = {json.dumps(auth_configured)};\n",
        f"export const LOCAL_BACKEND = {json.dumps(local_backend)};\n",
        f"export const PREVIEWED = {json.dumps([form.name for form in all_forms if form.previewed])};\n",
    ]
    return "".join(parts)


def _declared_kinds(all_forms: list[Form]) -> dict[str, list[list[str]]]:
    """Per form, where entities are declared in an entry: [kind, *path] (``*`` for list items)."""
    return {form.name: [[kind, *path] for kind, path, _ in _declarations(form.shape, ())] for form in all_forms}


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
    sources = {f"{ADMIN_FOLDER}/{path.name}": path.read_text(encoding="utf-8")
               for path in sorted(ADMIN_SOURCES.iterdir()) if path.suffix in (".html", ".mjs", ".css")}
    return {
        **sources,
        f"{ADMIN_FOLDER}/project.js": editor_script(schemas, auth_configured=bool(config.get("auth_url")),
                                                    local_backend=config.get("local_backend", LOCAL_BACKEND)),
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
