"""The registry of kinds is true: a new kind is a data file, a schema, a template and one registry entry."""

from __future__ import annotations

import inspect
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import FIXTURES, ROOT, SCHEMAS, TODAY
from wegwijzer.core.kinds import KINDS
from wegwijzer.core.model import ENTITY_CLASSES, Entity
from wegwijzer.core.schemas import SchemaSet
from wegwijzer.site.pages import SITE_PAGE_SPECS
from wegwijzer.site.paths import SITE_PAGE

TOOLS = """\
# yaml-language-server: $schema=schema/tools.schema.json
tools:
  - id: gesprekskaart
    name: Gesprekskaart
    summary: Een kaart met vragen voor een eerste gesprek.
    themes: [wapens-en-jongeren]
    sources:
      - document: bronnotitie
"""
TOOLS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://wegwijzer.example/schema/tools.schema.json",
    "title": "Hulpmiddelen", "type": "object", "additionalProperties": False, "required": ["tools"],
    "properties": {"tools": {"type": "array", "title": "Hulpmiddelen", "items": {
        "type": "object", "x-kind": "tool", "additionalProperties": False, "required": ["id", "name", "summary", "sources"],
        "properties": {"id": {"$ref": "common.schema.json#/$defs/id"}, "name": {"$ref": "common.schema.json#/$defs/name"},
                       "summary": {"title": "Samenvatting", "$ref": "common.schema.json#/$defs/markdown"},
                       "themes": {"title": "Thema's", "$ref": "common.schema.json#/$defs/refs", "x-ref": "theme"},
                       "sources": {"$ref": "common.schema.json#/$defs/sources"}}}}},
}
TEMPLATE = """\
{% import "pages/_macros.html" as ui with context %}
<article class="ww-page"><h1>{{ tool.name }}</h1>{{ tool.summary | markdown }}{{ ui.entity_links(tool.themes) }}</article>
"""
# What a program that adds the kind runs: the one registry entry, then the pipeline as usual.
PROGRAM = textwrap.dedent("""
    import json, sys, datetime as dt
    from pathlib import Path
    from wegwijzer.core.kinds import DataFile, Kind, Overview, register
    register(Kind("tool", "hulpmiddel", "hulpmiddelen", "tools", anchor="hulpmiddel-",
                  files=(DataFile("tools.yaml", "tools.schema.json"),), section="hulpmiddelen",
                  overview=Overview("Hulpmiddelen", "Alle hulpmiddelen.")))
    from wegwijzer.core import check_data
    from wegwijzer.core.schemas import SchemaSet
    from wegwijzer.editor.cms import cms_config
    from wegwijzer.site.assemble import Site
    from wegwijzer.site.outputs import Publication
    from wegwijzer.site.render import RenderSettings
    data, templates, today = Path(sys.argv[1]), Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    result = check_data(data, today=today)
    if result.toolbox is None:
        print(json.dumps({"errors": [p.format() for p in result.errors]})); sys.exit()
    site = Site(result, RenderSettings(Publication("Proef")), today=today, template_dir=templates)
    pages = {p.src_uri: p.body for p in site.pages}
    config = cms_config(result.schemas, repo="org/repo", branch="main", site_url="")
    forms = [c["label"] for c in config["collections"]]
    print(json.dumps({"pages": sorted(p for p in pages if p.startswith("hulpmiddelen/")),
                      "tool_page": pages.get("hulpmiddelen/gesprekskaart.md", ""),
                      "files": sorted(f for f in site.files() if "tools" in f), "forms": forms,
                      "nav": json.dumps(site.navigation([{"Start": "index.md"}]), ensure_ascii=False)}))
""")


def _project(tmp_path: Path) -> tuple[Path, Path]:
    data, templates = tmp_path / "data", tmp_path / "overrides"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copytree(SCHEMAS, data / "schema")
    shutil.copytree(ROOT / "overrides", templates)
    (data / "tools.yaml").write_text(TOOLS, encoding="utf-8")  # 1. the data file
    (data / "schema" / "tools.schema.json").write_text(json.dumps(TOOLS_SCHEMA), encoding="utf-8")  # 2. the schema
    (templates / "pages" / "tool.html").write_text(TEMPLATE, encoding="utf-8")  # 3. the template
    return data, templates


def _run(data: Path, templates: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(data), str(templates), TODAY.isoformat()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_a_kind_added_in_four_places_has_pages_open_data_and_a_form(tmp_path):
    found = _run(*_project(tmp_path))
    assert "errors" not in found, found
    assert found["pages"] == ["hulpmiddelen/gesprekskaart.md", "hulpmiddelen/index.md"]
    assert "Gesprekskaart" in found["tool_page"] and "Wapens en jongeren" in found["tool_page"]  # its reference to a theme
    assert found["files"] == ["open-data/csv/tools.csv", "open-data/schema/tools.schema.json"]
    assert "Hulpmiddelen" in found["forms"] and '"Hulpmiddelen": "hulpmiddelen/index.md"' in found["nav"]


def test_the_new_kinds_references_are_checked_like_any_other(tmp_path):
    data, templates = _project(tmp_path)
    (data / "tools.yaml").write_text(TOOLS.replace("[wapens-en-jongeren]", "[bestaat-niet]"), encoding="utf-8")
    found = _run(data, templates)
    assert any("tools.yaml" in e and "`bestaat-niet`, maar die bestaat niet" in e for e in found["errors"]), found


def test_every_site_page_in_the_table_has_a_page_function():
    assert set(SITE_PAGE_SPECS) == set(SITE_PAGE)


def test_no_property_of_the_model_hides_a_field_of_the_data():
    """A field lives on its entity as an attribute; a property of the same name would silently read instead."""
    schemas = SchemaSet(SCHEMAS)
    fields: dict[str, set[str]] = {}
    seen: set[int] = set()

    def walk(shape) -> None:
        if id(shape) in seen:
            return
        seen.add(id(shape))
        if shape.kind:
            fields.setdefault(shape.kind, set()).update(shape.properties)
        for child in [*shape.properties.values(), *([shape.items] if shape.items is not None else [])]:
            walk(child)

    for kind in KINDS:
        for data_file in kind.files:
            walk(schemas.shape(data_file.schema))
    assert {"source", "intervention", "partner"} <= fields.keys() and "consulted" in fields["source"]
    hidden = {(kind, name) for kind, names in fields.items() for name in names
              if isinstance(inspect.getattr_static(ENTITY_CLASSES.get(kind, Entity), name, None), property)}
    assert hidden == set()
