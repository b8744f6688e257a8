"""The form refuses what the validator refuses: every field of every form, mutated, is checked by both.

The validator (wegwijzer/core/validator.py) stays the authority; the form's checks (admin/checks.mjs, run
by tests/js/form.mjs in Node exactly as the form runs them) must refuse every entry the validator refuses,
beside the same field, so an editor never saves something CI then turns down.
"""

from __future__ import annotations

import copy
import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from conftest import ROOT, SCHEMAS, TODAY, wegwijzer
from wegwijzer.core import check_data
from wegwijzer.core.loader import DataSet, read_data
from wegwijzer.core.validator import Settings, validate
from wegwijzer.core.schemas import SchemaSet, Shape
from wegwijzer.editor.cms import cms_config, editor_script, forms

FORM_RUNNER = ROOT / "tests" / "js" / "form.mjs"


def mutations(shape: Shape, value: Any, path: tuple = (), depth: int = 0) -> Iterator[tuple[tuple, Any]]:
    """(path, new value or DELETE) for each way a field of ``shape`` can be wrong, as the validator sees it."""
    if depth > 4 or not isinstance(value, dict):
        return
    spec = shape.spec
    for name, child in shape.properties.items():
        here = path + (name,)
        current = value.get(name)
        if name in shape.required:
            yield here, DELETE
        yield from field_mutations(child, current, here)
        if isinstance(current, dict):
            yield from mutations(child, current, here, depth + 1)
        if isinstance(current, list) and current and isinstance(current[0], dict) and child.items is not None:
            yield from mutations(child.items, current[0], here + (0,), depth + 1)
            if child.items.spec.get("anyOf"):  # "one of several is required": keep none of them
                groups = {n for branch in child.items.spec["anyOf"] for n in branch.get("required", [])}
                other = next(k for k in child.items.properties if k not in groups)
                yield here + (0,), {**{k: v for k, v in current[0].items() if k not in groups}, other: "Hoofdstuk 2"}
    if spec.get("x-kind") and "recognition" in shape.properties:  # a condition across fields
        yield path + ("kind",), "spel"


DELETE = object()


def field_mutations(shape: Shape, current: Any, here: tuple) -> Iterator[tuple[tuple, Any]]:
    spec = shape.spec
    if shape.is_list:
        if spec.get("minItems"):
            yield here, []
        items = shape.items or Shape()
        if items.ref:
            yield here, ["bestaat-niet"]
        elif items.enum:
            yield here, ["bestaat-niet"]
        if spec.get("uniqueItems") and isinstance(current, list) and current:
            yield here, [current[0], current[0]]
        if items.type == "string" and not items.ref and not items.enum:
            yield here, ["bel 06-12345678"]
        return
    if shape.type == "object":
        if shape.age_range:
            yield here, {"min": 18, "max": 12}
        if spec.get("minProperties"):
            yield here, {}
        return
    if shape.enum:
        yield here, "bestaat-niet"
    elif shape.ref:
        yield here, "bestaat-niet"
    elif shape.type in ("integer", "number"):
        yield here, "tien"
        if "minimum" in spec:
            yield here, spec["minimum"] - 1
        if "maximum" in spec:
            yield here, spec["maximum"] + 1
    elif shape.type == "boolean":
        yield here, "ja"
    elif shape.type == "string":
        yield here, ""
        if shape.not_blank:
            yield here, "   "
        if spec.get("maxLength"):
            yield here, "x" * (spec["maxLength"] + 1)
        if spec.get("pattern"):
            yield here, "Niet goed!\u0007"
        if shape.free_text:
            yield here, "bel 06-12345678"
            yield here, "mail jan.jansen@gmail.com"
        if shape.markdown:
            yield here, "Zie [dit](javascript:alert(1))."
        if shape.date:
            yield here, "2023-02-30"
            if shape.not_future:
                yield here, f"{TODAY.year + 3}-01-01"


def apply(data: Any, path: tuple, value: Any) -> Any:
    changed = copy.deepcopy(data)
    target = changed
    for part in path[:-1]:
        target = target[part]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


def pruned(value: Any) -> Any:
    """What the form writes of a value (entries.mjs, prune): empty texts, lists and groups left out."""
    if isinstance(value, list):
        return [kept for kept in (pruned(v) for v in value) if kept is not None] or None
    if isinstance(value, dict):
        kept = {k: pruned(v) for k, v in value.items()}
        kept = {k: v for k, v in kept.items() if v is not None}
        return kept or None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def normalized(path) -> tuple:
    """A field as both sides name it: list positions of scalar items dropped."""
    path = tuple(path)
    while path and isinstance(path[-1], int):
        path = path[:-1]
    return path


def test_every_refusal_of_the_validator_on_a_form_field_is_made_in_the_form(minimal_copy):
    schemas = SchemaSet(SCHEMAS)
    dataset, _ = read_data(minimal_copy, minimal_copy.parent)
    documents = {Path(d.path).relative_to("data").as_posix(): (f, d) for _, f, d in dataset.all()}
    project = minimal_copy.parent / "project.js"
    project.write_text(editor_script(schemas, auth_configured=False), encoding="utf-8")
    config = cms_config(schemas, repo="org/repo", branch="main", site_url="")
    cases = []  # (form, entry key, mutated entry, file, whole file's new text, where the entry is in the file)
    for form in forms(schemas):
        relative = next((r for r in documents if form.data_file.matches(r)), None)
        if relative is None:
            continue
        data_file, document = documents[relative]
        if form.list_key:
            if not document.data.get(form.list_key):
                continue
            entry, prefix, key = document.data[form.list_key][0], (form.list_key, 0), document.data[form.list_key][0]["id"]
        else:
            entry, prefix = document.data, ()
            key = Path(relative).stem if form.data_file.is_folder else form.name
        for path, value in mutations(form.shape, entry):
            changed = pruned(apply(entry, path, value))  # as the form saves it: an emptied field is left out
            whole = apply(document.data, prefix, changed) if prefix else changed
            cases.append((form, key, changed, relative, whole, prefix))
    assert len(cases) > 300, len(cases)

    expected = []
    for form, key, changed, relative, whole, prefix in cases:
        data_file, document = documents[relative]
        swapped = DataSet({kind: [(f, replace(d, data=whole) if d is document else d) for f, d in pairs]
                           for kind, pairs in dataset.documents.items()}, [])
        here = f"data/{relative}"
        refused = {normalized(p.path[len(prefix):]) for p in validate(swapped, schemas, Settings(TODAY))
                   if p.severity == "error" and p.file == here and p.path[:len(prefix)] == prefix}
        expected.append(refused)

    job = {"data_dir": str(minimal_copy), "project": str(project), "config": config, "today": TODAY.isoformat(),
           "entries": [{"form": form.name, "entry": key, "data": changed} for form, key, changed, *_ in cases]}
    done = subprocess.run(["node", str(FORM_RUNNER)], input=json.dumps(job), capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    missed = []
    refusals = 0
    for (form, key, changed, relative, *_), refused, found in zip(cases, expected, json.loads(done.stdout)):
        made = {normalized(p) for p in found["errors"]}
        refusals += len(refused)
        if () in refused and made:  # the entry as a whole: the form names the field it asks for first
            refused = refused - {()}
        # Rules across an entry (matrix order, step numbers) are said at its top-level field, beside the list.
        for path in {p for p in refused - made if p[:1] not in made}:
            missed.append(f"{form.name}/{key} {'.'.join(map(str, path))}: {json.dumps(changed, ensure_ascii=False)[:150]}")
    assert refusals > 300
    assert missed == [], "\n".join(missed)


def test_the_form_refuses_nothing_the_validator_accepts(minimal_copy):
    """Every entry of the fixture data is valid; the form agrees (no refusal a validator would not make)."""
    schemas = SchemaSet(SCHEMAS)
    dataset, _ = read_data(minimal_copy, minimal_copy.parent)
    project = minimal_copy.parent / "project.js"
    project.write_text(editor_script(schemas, auth_configured=False), encoding="utf-8")
    entries = []
    for form in forms(schemas):
        for _, data_file, document in dataset.all():
            if data_file != form.data_file:
                continue
            if form.list_key:
                entries += [{"form": form.name, "entry": item["id"], "data": item} for item in document.data[form.list_key]]
            else:
                key = Path(document.path).stem if form.data_file.is_folder else form.name
                entries.append({"form": form.name, "entry": key, "data": document.data})
    job = {"data_dir": str(minimal_copy), "project": str(project), "today": TODAY.isoformat(),
           "config": cms_config(schemas, repo="org/repo", branch="main", site_url=""), "entries": entries}
    done = subprocess.run(["node", str(FORM_RUNNER)], input=json.dumps(job), capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    refused = [(e["form"], e["entry"], found["errors"]) for e, found in zip(entries, json.loads(done.stdout))
               if found["errors"]]
    assert len(entries) > 20 and refused == []


def test_one_more_offering_without_links_is_a_warning_the_editor_sees_not_a_failure(data_copy):
    """Content policy lives in the validator (and so in the form), never in a test threshold over the data."""
    path = data_copy / "interventions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: nog-zonder-link\n    name: Nog zonder link\n    summary: Een aanbod zonder openbare pagina.\n"
        "    kind: spel\n    sources:\n      - document: aanpak-wapens-en-jongeren\n"), encoding="utf-8")
    result = wegwijzer("validate", "--data", str(data_copy))
    assert result.returncode == 0, result.stdout
    assert "interventions[" in result.stdout and "waarschuwing: heeft nog geen link naar een openbare pagina" in result.stdout


def test_a_note_about_the_sources_in_a_text_the_reader_reads_is_a_warning_in_the_validator_and_the_form(minimal_copy):
    """What a source leaves out belongs beside that source (its note), not in the summary a professional reads."""
    schemas = SchemaSet(SCHEMAS)
    dataset, _ = read_data(minimal_copy, minimal_copy.parent)
    [(_, _, document)] = [found for found in dataset.all() if found[1].pattern == "interventions.yaml"]
    entry = copy.deepcopy(document.data["interventions"][0])
    noted = {**entry, "summary": entry["summary"] + " De duur staat niet in de geraadpleegde bronnen."}
    beside = {**entry, "sources": [{**entry["sources"][0], "note": "Noemt de duur niet; de andere geraadpleegde bronnen ook niet."}]}

    def validator_warnings(data):
        path = minimal_copy / "interventions.yaml"
        path.write_text(yaml.safe_dump({"interventions": [data]}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = check_data(minimal_copy, today=TODAY)
        return [w.message for w in result.warnings if "opmerking over de bronnen" in w.message]

    project = minimal_copy.parent / "project.js"
    project.write_text(editor_script(schemas, auth_configured=False), encoding="utf-8")
    job = {"data_dir": str(minimal_copy), "project": str(project), "today": TODAY.isoformat(),
           "config": cms_config(schemas, repo="org/repo", branch="main", site_url=""),
           "entries": [{"form": "interventions", "entry": entry["id"], "data": data} for data in (noted, beside)]}
    done = subprocess.run(["node", str(FORM_RUNNER)], input=json.dumps(job), capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    form_noted, form_beside = json.loads(done.stdout)
    assert ["summary"] in form_noted["warnings"] and form_noted["errors"] == []
    assert ["summary"] not in form_beside["warnings"] and form_beside["errors"] == []
    [message] = validator_warnings(noted)
    assert "`geraadpleegde bronnen` klinkt als een opmerking over de bronnen" in message
    assert validator_warnings(beside) == []
