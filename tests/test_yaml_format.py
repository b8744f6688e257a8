"""One canonical form of the data files, and every writer writes it (`wegwijzer fmt`, `wegwijzer new`, the form).

The form editor's writer (admin/canonical.mjs) runs in Node here; `wegwijzer fmt --check` judges what each
writer wrote. The shipped data is only read: the writers work on copies.
"""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SCHEMAS, wegwijzer
from wegwijzer.core.kinds import data_files, file_for
from wegwijzer.core.loader import read_data
from wegwijzer.core.schemas import SchemaSet
from wegwijzer.editor.yamlformat import canonical_text, emit, format_files, layout_script

WRITER = ROOT / "tests" / "js" / "writer.mjs"


def node_writer(jobs: list[dict]) -> list:
    result = subprocess.run(["node", str(WRITER)], input=json.dumps(jobs), capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def data_paths(folder: Path) -> list[Path]:
    return sorted(p for _, f in data_files() for p in (folder.glob(f.pattern) if f.is_folder else [folder / f.pattern])
                  if p.is_file())


def changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith(("+ ", "- "))]


@pytest.fixture
def canonical_copy(minimal_copy) -> Path:
    """The small fixture data brought into the canonical form by `wegwijzer fmt`."""
    formatted = wegwijzer("fmt", "--data", str(minimal_copy))
    assert formatted.returncode == 0, formatted.stderr
    return minimal_copy


def test_the_editor_writes_exactly_what_fmt_writes_for_every_shipped_and_fixture_file():
    paths = data_paths(ROOT / "data") + data_paths(FIXTURES / "minimal")
    assert len(paths) > 30
    ours = node_writer([{"emit": str(path)} for path in paths])
    for path, lines in zip(paths, ours):
        expected = emit(read_data_file(path))
        assert lines == expected, path


def read_data_file(path: Path):
    from wegwijzer.core.yamlfile import parse_yaml

    document, problems = parse_yaml(path.read_bytes(), path.name)
    assert not problems
    return document.data


def test_fmt_keeps_every_value_and_is_stable(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    before, _ = read_data(tmp_path / "data")
    assert wegwijzer("fmt", "--data", str(tmp_path / "data")).returncode == 0
    after, _ = read_data(tmp_path / "data")
    assert [d.data for _, _, d in after.all()] == [d.data for _, _, d in before.all()]
    check = wegwijzer("fmt", "--check", "--data", str(tmp_path / "data"))
    assert check.returncode == 0, check.stdout + check.stderr


def test_fmt_check_names_the_first_line_that_differs(canonical_copy):
    path = canonical_copy / "themes.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("    name:"))
    lines[number] += "   "  # trailing spaces
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = wegwijzer("fmt", "--check", "--data", str(canonical_copy))
    assert check.returncode == 1
    assert f"themes.yaml:{number + 1}: niet netjes opgemaakt" in check.stdout


def test_a_changed_sentence_is_one_changed_line_and_comments_stay():
    shape = SchemaSet(SCHEMAS).shape("themes.schema.json")
    data = {"themes": [{"id": "een", "name": "Een", "intro": "Eerste zin van een tekst die lang genoeg is om hem te vouwen, met wat extra woorden. "
                                                           "Tweede zin. Derde zin.", "sources": [{"document": "x"}]}]}
    header = "# yaml-language-server: $schema=schema/themes.schema.json"
    text = canonical_text(header + "\n# Kopje\n\nthemes: []\n", data, header)
    assert text.startswith(header + "\n# Kopje\n\nthemes:\n  - id: een\n")
    assert "    intro: >-\n      Eerste zin" in text and "\n      Tweede zin.\n      Derde zin.\n" in text
    data["themes"][0]["intro"] = data["themes"][0]["intro"].replace("Tweede zin", "Tweede, betere zin")
    again = canonical_text(text, data, header)
    assert changed(text, again) == ["-       Tweede zin.", "+       Tweede, betere zin."]
    assert shape.properties  # the shape exists: the schema order applies in `fmt`


def test_a_comment_behind_a_value_moves_above_it():
    header = "# yaml-language-server: $schema=schema/x.schema.json"
    text = canonical_text(header + "\nthemes:\n  - id: een  # de eerste\n    name: Een\n",
                          {"themes": [{"id": "een", "name": "Een"}]}, header)
    assert text == header + "\n\nthemes:\n  # de eerste\n  - id: een\n    name: Een\n"


def test_every_writer_writes_the_canonical_form(canonical_copy):
    """fmt (above), `wegwijzer new` and the form: after each, `fmt --check` passes and only the change differs."""
    interventions = canonical_copy / "interventions.yaml"
    before = interventions.read_text(encoding="utf-8")
    added = wegwijzer("new", "--data", str(canonical_copy), "--name", "Nieuw aanbod", "--kind", "spel",
                      "--summary", "Een spel voor de klas. Het duurt een uur en past in elke les over veiligheid en weerbaarheid.",
                      "--source-document", "bronnotitie")
    assert added.returncode == 0, added.stderr
    after_new = interventions.read_text(encoding="utf-8")
    assert all(line.startswith("+ ") for line in changed(before, after_new))
    assert "    summary: >-\n      Een spel voor de klas.\n      Het duurt een uur" in after_new

    schemas = SchemaSet(SCHEMAS)
    layout = json.loads(layout_script(schemas).split("=", 1)[1].rstrip(";\n"))
    jobs, expected = [], []
    for path in data_paths(canonical_copy):
        relative = path.relative_to(canonical_copy).as_posix()
        _, data_file = file_for(relative)
        data = read_data_file(path)
        order = layout[data_file.pattern]["order"]
        for key, items in data.items():
            if not isinstance(items, list) or not items or not isinstance(items[0], dict):
                continue
            first = items[0]
            field = next((k for k in ("name", "title") if isinstance(first.get(k), str)), None)
            if field is None or not isinstance(first.get("id"), str):
                continue  # the form edits list items one by one where they have an id
            jobs.append({"splice": str(path), "list": key, "old": first.get("id"), "order": order,
                         "entry": {**first, field: first[field] + " bewerkt"}})
            expected.append((path, 1))
            jobs.append({"splice": str(path), "list": key, "old": None, "order": order,
                         "entry": {"id": "nieuw-item", "name": "Nieuw item", "summary": "Zin een. Zin twee is er ook "
                                   "nog, lang genoeg om de tekst te vouwen.", "sources": [{"document": "bronnotitie"}]}})
            expected.append((path, None))
    assert len(jobs) > 10
    for (path, one_line), text in zip(expected, node_writer(jobs)):
        original = path.read_text(encoding="utf-8")
        if one_line:
            assert len(changed(original, text)) == 2, (path, changed(original, text))
        else:
            assert all(line.startswith("+ ") for line in changed(original, text)), path
        path.write_text(text, encoding="utf-8")
        assert [r.path for r in format_files(canonical_copy, schemas, check=True) if r.changed or r.problems] == []
        path.write_text(original, encoding="utf-8")
