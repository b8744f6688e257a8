"""Property-based: one schema engine, agreeing with the reference implementation on every kind of file.

Each shipped data file is mutated in many ways (fields dropped, added or
retyped, list items doubled, values emptied); the project's verdict on the
result must equal python-jsonschema's (draft 2020-12, formats as annotations),
and every message must point at a place the reference implementation also
names.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import FIXTURES, ROOT, TODAY
from conftest import SCHEMAS as SCHEMA_DIR
from wegwijzer.core import check_data
from wegwijzer.core.kinds import data_files
from wegwijzer.core.loader import DataSet, read_data
from wegwijzer.core.schemas import SchemaSet
from wegwijzer.core.problems import format_path
from wegwijzer.core.validator import Settings, validate
from wegwijzer.core.validator import _schema_problems as schema_problems
from wegwijzer.core.yamlfile import YamlDocument, parse_yaml

SCHEMAS = SchemaSet(ROOT / "data" / "schema")
REFERENCE_REGISTRY = Registry().with_resources(
    (document["$id"], Resource.from_contents(document)) for document in SCHEMAS.documents.values())
SHIPPED, _ = read_data(ROOT / "data")
FILES = [(data_file, document) for _, data_file, document in SHIPPED.all()]


def reference_errors(schema_name: str, data) -> list:
    validator = Draft202012Validator(SCHEMAS.documents[schema_name], registry=REFERENCE_REGISTRY)
    return list(validator.iter_errors(data))


def places(data, path=()) -> list[tuple]:
    """Every place in a document: the paths of all mappings, lists and values."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, path + (index,))
    return found


def at(data, path):
    for step in path:
        data = data[step]
    return data


ODD_VALUES = [None, True, 0, -3, 1.5, "", "   ", "x", "Onbekend-Id", "2026-02-30", "javascript:alert(1)", [], {}, ["a", "a"],
              {"onbekend": 1}]


@st.composite
def mutated(draw):
    """A shipped file with one to three random edits, as an editor's slip might make."""
    data_file, document = draw(st.sampled_from(FILES))
    data = copy.deepcopy(document.data)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(places(data)))
        target = at(data, path)
        action = draw(st.sampled_from(["replace", "drop", "add", "double", "empty"]))
        if action == "replace" and path:
            at(data, path[:-1])[path[-1]] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif action == "drop" and path and isinstance(at(data, path[:-1]), dict):
            del at(data, path[:-1])[path[-1]]
        elif action == "add" and isinstance(target, dict):
            target[draw(st.sampled_from(["extra", "naam", "sumary", "id", "name"]))] = copy.deepcopy(
                draw(st.sampled_from(ODD_VALUES)))  # a copy: the shared odd values must never be edited
        elif action == "double" and isinstance(target, list) and target:
            target.append(copy.deepcopy(target[0]))
        elif action == "empty" and isinstance(target, (list, dict)):
            target.clear()
    return data_file, data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=mutated())
def test_verdict_and_places_agree_with_the_reference_implementation(case):
    data_file, data = case
    reference = reference_errors(data_file.schema, data)
    engine = list(SCHEMAS.errors(data_file.schema, data))
    assert bool(engine) == bool(reference), [e.message for e in reference[:3]]
    ours = schema_problems(YamlDocument(f"data/{data_file.pattern}", data), SCHEMAS, data_file.schema)
    assert bool(ours) == bool(reference), "every invalid file gets a Dutch message, and only those"
    named = {tuple(e.absolute_path) for e in reference}
    named |= {tuple(e.absolute_path) + (key,) for e in reference if e.validator == "additionalProperties"
              for key in (e.instance if isinstance(e.instance, dict) else {})}
    assert {p.field for p in ours} <= {format_path(path) for path in named}


def test_a_2020_12_keyword_is_enforced(tmp_path):
    """dependentRequired is draft 2020-12: the old fast path (draft-07) let such data through silently."""
    schema_dir = tmp_path / "schema"
    shutil.copytree(ROOT / "data" / "schema", schema_dir)
    common = json.loads((schema_dir / "common.schema.json").read_text(encoding="utf-8"))
    common["$defs"]["intervention"]["dependentRequired"] = {"cost": ["conditions"]}
    (schema_dir / "common.schema.json").write_text(json.dumps(common), encoding="utf-8")
    schemas = SchemaSet(schema_dir)
    entry = {"interventions": [{**SHIPPED.of_kind("intervention")[0].data["interventions"][0], "cost": "gratis"}]}
    entry["interventions"][0].pop("conditions", None)
    errors = list(schemas.errors("interventions.schema.json", entry))
    assert [type(e.kind).__name__ for e in errors] == ["Required"]
    document = YamlDocument("data/interventions.yaml", entry)
    problems = validate(DataSet({"intervention": [(next(f for _, f in data_files() if f.pattern == "interventions.yaml"),
                                                   document)]}), schemas, Settings(today=TODAY))
    assert any("verplicht veld `conditions` ontbreekt" in p.message for p in problems)


def test_a_duplicate_among_sixty_thousand_references_is_named_once():
    data_file, document = next((f, d) for f, d in FILES if f.pattern == "themes.yaml")
    data = copy.deepcopy(document.data)
    factors = [f"factor-{n}" for n in range(60_000)]
    data["themes"][0]["factors"] = factors + ["factor-123"]
    problems = [p.message for p in validate(DataSet({"theme": [(data_file, YamlDocument("data/themes.yaml", data))]}),
                                            SCHEMAS, Settings(today=TODAY)) if "meer dan eens" in p.message]
    assert problems == ["lijst bevat dezelfde waarde meer dan eens: `factor-123`"]


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=300))
def test_reading_arbitrary_bytes_gives_data_or_one_located_problem(raw):
    document, problems = parse_yaml(raw, "data/partners.yaml")
    lines = raw.count(b"\n") + 1
    if document is None:
        assert len(problems) == 1
        [problem] = problems
        assert problem.file == "data/partners.yaml" and 1 <= problem.line <= lines + 1 and problem.message
    else:
        # What was read is what the bytes say: plain JSON-like values only, and the position of the root.
        json.dumps(document.data)
        assert all("staat hier dubbel" in p.message for p in problems)


yaml_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 40), st.text(max_size=20),
              st.sampled_from(["ccv", "wapens-en-jongeren", "lespakket", "2026-01-01", "https://x.nl"])),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["id", "name", "summary", "format", "provider",
                                                                "evidence", "themes", "x"]), children, max_size=6)),
    max_leaves=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entries=st.lists(yaml_like, max_size=3))
def test_whole_check_rejects_what_the_schema_rejects_and_builds_what_it_accepts(entries, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzzdata") / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    original = yaml.safe_load((folder / "interventions.yaml").read_text(encoding="utf-8"))
    data = {"interventions": original["interventions"] + entries}
    (folder / "interventions.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = check_data(folder, root=folder.parent, today=TODAY, schema_dir=SCHEMA_DIR)
    data, _ = parse_yaml((folder / "interventions.yaml").read_bytes(), "data/interventions.yaml")
    data = data.data  # as the project reads it (dates stay text)
    if reference_errors("interventions.schema.json", data):
        assert any(p.file == "data/interventions.yaml" for p in result.errors)
        assert result.toolbox is None
    if result.toolbox is not None:
        assert set(result.toolbox.interventions) >= {entry["id"] for entry in data["interventions"]}


@pytest.mark.parametrize("data_file, document", FILES, ids=[d.path for _, d in FILES])
def test_every_shipped_file_is_valid_for_both_implementations(data_file, document):
    assert reference_errors(data_file.schema, document.data) == []
    assert list(SCHEMAS.errors(data_file.schema, document.data)) == []
