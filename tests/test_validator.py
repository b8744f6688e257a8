"""Every kind of data mistake gives a Dutch message with file, line and field."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, wegwijzer
from wegwijzer.core import check_data


def check(data_dir: Path, **options):
    return check_data(data_dir, root=data_dir.parent, today=TODAY, **options)


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once; return the 1-based line where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text {old!r} must occur once in {path.name}"
    position = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:position].count("\n") + 1


def only_error(result):
    assert result.toolbox is None
    assert len(result.errors) == 1, [p.format() for p in result.errors]
    return result.errors[0]


def test_minimal_fixture_is_valid(minimal_copy):
    result = check(minimal_copy)
    assert result.errors == []
    assert result.toolbox is not None


CASES = [
    # (file, old text, new text, message fragment, field)
    ("interventions.yaml", "kind: lespakket", "kind: lespakket-x", "bedoelde je `lespakket`?", "interventions[0].kind"),
    ("interventions.yaml", "    summary: Een lespakket", "    sumary: Een lespakket", "onbekend veld `sumary`; bedoelde je `summary`?", "interventions[0].sumary"),
    ("interventions.yaml", "themes: [wapens-en-jongeren, school-en-veiligheid]", "themes: [wapen-en-jongeren]",
     "verwijst naar thema (themes.yaml) `wapen-en-jongeren`, maar die bestaat niet; bedoelde je `wapens-en-jongeren`?", "interventions[0].themes[0]"),
    ("interventions.yaml", "url: https://example.org/weerbaar", "url: javascript:alert(1)", "is geen toegestane link", "interventions[0].links[0].url"),
    ("interventions.yaml", "age: {min: 12, max: 16}", "age: {min: 18, max: 16}", "leeftijd `min` (18) is hoger dan `max` (16)", "interventions[0].age"),
    ("themes.yaml", "    last_reviewed: 2026-01-10\n", f"    last_reviewed: {TODAY.year + 1}-01-10\n", "ligt in de toekomst", "themes[0].last_reviewed"),
    ("themes.yaml", "    last_reviewed: 2026-01-10\n", "    last_reviewed: 2026-02-30\n", "geen bestaande datum", "themes[0].last_reviewed"),
    ("sources.yaml", "    consulted: 2026-01-10\n", f"    consulted: {TODAY.year + 1}-01-10\n", "ligt in de toekomst", "documents[0].consulted"),
    ("interventions.yaml", "      level: Goed onderbouwd\n", "      level: Goed\n", "Goed onderbouwd", "interventions[1].recognition.level"),
    ("interventions.yaml", "    status: verkenning\n",
     "    status: verkenning\n    recognition: {level: Goed beschreven, databank: nji, url: 'https://example.org', consulted: 2026-01-10}\n",
     "erkenning hoort alleen bij soort `interventie`", "interventions[2].recognition"),
    ("helplines.yaml", "    number: 0900-8844\n", "    number: 06-12345678\n", "is een mobiel nummer", "helplines[1].number"),
    ("factors.yaml", "summary: Druk uit de groep.", 'summary: "   "', "tekst bestaat alleen uit spaties", "factors[0].summary"),
    ("factors.yaml", "summary: Ouders die steunen.", "summary:", "waarde ontbreekt", "factors[1].summary"),
    ("factors.yaml", "kind: risico", "kind: Risico", "bedoelde je `risico`?", "factors[0].kind"),
    ("regions/regio.yaml", "  - id: regio-programma\n", "  - id: Regio Programma\n", "is geen geldig id", "programmes[0].id"),
    ("interventions.yaml", "    summary: Nazorg in het ziekenhuis.\n", "", "verplicht veld `summary` ontbreekt", "interventions[2]"),
    ("interventions.yaml", "    prevention_levels: [universeel]", "    prevention_levels: universeel", "moet een lijst", "interventions[0].prevention_levels"),
    ("interventions.yaml", "Een lespakket over **weerbaarheid**.", "Zie [hier](javascript:alert(1)).", "links in tekst beginnen met https://", "interventions[0].summary"),
    ("barriers.yaml", "step_count: 2", "step_count: 8", "`step_count` is 8, maar er staan 2 stappen", "barrier_models[0].step_count"),
    ("barriers.yaml", "      - id: model-stap-2\n        number: 2", "      - id: model-stap-2\n        number: 3", "nummer de stappen 1, 2, 3", "barrier_models[0].steps[1].number"),
    ("matrix.yaml", "    severity: 2", "    severity: 1", "zet de situaties van licht naar ernstig", "situations[1].severity"),
    ("matrix.yaml", "      - party: politie", "      - party: ccv", "partij `ccv` staat niet in `parties`", "situations[1].actions[0].party"),
    ("processes.yaml", "leads_to: zeven", "leads_to: zeven-stappen", "verwijst naar stappenmodel", "processes[0].entry_points[0].leads_to"),
    ("programmes.yaml", "interventions: [lespakket-weerbaar]", "interventions: [lespakket-weerbar]", "bedoelde je `lespakket-weerbaar`?", "programmes[0].projects[0].interventions[0]"),
    ("partners.yaml", "    website: https://hetccv.nl/", "    website: hetccv.nl", "is geen toegestane link", "partners[0].website"),
]


@pytest.mark.parametrize("file, old, new, fragment, field", CASES, ids=[c[3][:40] for c in CASES])
def test_each_mistake_is_reported_with_file_line_and_field(minimal_copy, file, old, new, fragment, field):
    path = minimal_copy / file
    line = edit(path, old, new)
    result = check(minimal_copy)
    problem = only_error(result)
    assert fragment in problem.message
    assert problem.file == f"data/{file}"
    assert problem.field == field
    # The reported line is where the edited text sits (or the entry it belongs to, for a missing field).
    assert problem.line in range(line - 3, line + 2), (problem.format(), line)


def test_an_entry_without_sources_is_refused_at_its_first_line(minimal_copy):
    path = minimal_copy / "interventions.yaml"
    line = path.read_text(encoding="utf-8").splitlines().index("  - id: training-weerbaar") + 1
    edit(path, "    sources:\n      - url: https://example.org/databank/training-weerbaar\n        consulted: 2026-01-10\n", "")
    problem = only_error(check(minimal_copy))
    assert (problem.line, problem.field, problem.message) == (line, "interventions[1]", "verplicht veld `sources` ontbreekt")


def test_a_file_named_otherwise_than_its_id_is_the_first_message(minimal_copy):
    edit(minimal_copy / "regions" / "regio.yaml", "id: regio\n", "id: andere-regio\n")
    first = check(minimal_copy).errors[0]  # references to `regio` now fail too, but after the cause
    assert (first.file, first.line, first.field) == ("data/regions/regio.yaml", 1, "id")
    assert "moet gelijk zijn aan de bestandsnaam (`regio`)" in first.message


def test_duplicate_key_names_both_lines(minimal_copy):
    line = edit(minimal_copy / "factors.yaml", "    domain: vrienden\n", "    domain: vrienden\n    domain: school\n")
    problem = only_error(check(minimal_copy))
    assert problem.line == line + 1
    assert f"eerder op regel {line}" in problem.message
    assert problem.field == "domain"


@pytest.mark.parametrize(
    "content, fragment, line",
    [
        ("partners:\n  - id: ccv\n\tname: x\n", "tab-teken", 3),
        ("partners:\n  - id: ccv\n    name: [niet afgesloten\n", "haakjes", 3),
        ('partners:\n  - id: "ccv\n', "aanhalingsteken", 2),
        ("partners:\n  - &a {id: x}\n  - *a\n", "ankers en aliassen", 3),
        ("partners: a\n---\npartners: b\n", "meer dan één document", 2),
        ("", "bestand is leeg", 1),
        ("# alleen commentaar\n", "bestand is leeg", 1),
        ("partners:\n  - id: x\n   name: y\n", "inspringing", 3),
        ("partners:\n  - id: !!python/object:os.system x\n", "onbekende tag", 2),
        ("partners:\n  - id: x\n    selected: !!bool yes\n", "past niet bij de tag", 3),
        ("partners:\n  - ? [a, b]\n    : x\n", "veldnaam moet gewone tekst", 2),
        ("partners:\n  - name: " + "[" * 200 + "]" * 200 + "\n", "te diep genest", 2),
    ],
)
def test_yaml_syntax_errors_are_explained(minimal_copy, content, fragment, line):
    (minimal_copy / "partners.yaml").write_text(content, encoding="utf-8")
    result = check(minimal_copy)
    messages = [p for p in result.errors if p.file == "data/partners.yaml"]
    assert messages, [p.format() for p in result.errors]
    assert fragment in messages[0].message
    assert messages[0].line == line


def test_byte_order_mark_and_bad_encoding(minimal_copy):
    path = minimal_copy / "themes.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    bad = minimal_copy / "factors.yaml"
    bad.write_bytes(bad.read_bytes().replace("Druk uit".encode(), b"Druk \xff uit"))
    result = check(minimal_copy)
    by_file = {p.file: p for p in result.errors}
    assert "byte-order mark" in by_file["data/themes.yaml"].message
    assert "geen geldige UTF-8" in by_file["data/factors.yaml"].message
    assert by_file["data/factors.yaml"].line == 6


def test_duplicate_ids_across_files(minimal_copy):
    first = (minimal_copy / "interventions.yaml").read_text(encoding="utf-8").splitlines().index("  - id: nazorg") + 1
    line = edit(minimal_copy / "regions" / "regio.yaml", "  - id: kwartetspel\n", "  - id: nazorg\n")
    edit(minimal_copy / "regions" / "regio.yaml", "interventions: [kwartetspel]", "interventions: [nazorg]")
    problem = only_error(check(minimal_copy))
    assert problem.file == "data/regions/regio.yaml" and problem.line == line
    assert problem.message.startswith(f"id `nazorg` bestaat al: interventie in data/interventions.yaml regel {first}")


def test_missing_file_is_named(minimal_copy):
    (minimal_copy / "matrix.yaml").unlink()
    problem = only_error(check(minimal_copy))
    assert (problem.file, problem.message) == ("data/matrix.yaml", "bestand ontbreekt")


def test_all_problems_are_reported_in_one_run(minimal_copy):
    edit(minimal_copy / "interventions.yaml", "kind: lespakket", "kind: boek")
    edit(minimal_copy / "themes.yaml", "name: School en veiligheid", "naam: School en veiligheid")
    edit(minimal_copy / "matrix.yaml", "owner: ccv", "owner: cvv")
    result = check(minimal_copy)
    assert {p.file for p in result.errors} == {"data/interventions.yaml", "data/themes.yaml", "data/matrix.yaml"}
    # The theme's misspelled `naam` is one message, not also "`name` is missing".
    assert len(result.errors) == 3


def test_an_entry_is_current_by_its_newest_source_or_its_last_review(minimal_copy):
    from wegwijzer.core.review import is_stale, last_confirmed

    edit(minimal_copy / "sources.yaml", "    published: 2026-01\n", "    published: 2019-05\n")
    toolbox = check(minimal_copy).toolbox
    reviewed, unreviewed = toolbox.themes["wapens-en-jongeren"], toolbox.themes["school-en-veiligheid"]
    assert unreviewed.as_of == dt.date(2019, 5, 31) and last_confirmed(unreviewed) == dt.date(2019, 5, 31)
    assert last_confirmed(reviewed) == dt.date(2026, 1, 10)  # the editors' check is newer than the source
    today = dt.date(2026, 6, 1)
    assert is_stale(unreviewed, today) and not is_stale(reviewed, today)
    assert not is_stale(unreviewed, today, after_days=3650)
    undated_web_page = toolbox.interventions["training-weerbaar"]
    assert undated_web_page.as_of == dt.date(2026, 1, 10)  # said so on the day it was consulted


def test_raw_html_in_markdown_is_a_warning(minimal_copy):
    edit(minimal_copy / "interventions.yaml", "Een lespakket over **weerbaarheid**.", "Een <b>lespakket</b>.")
    result = check(minimal_copy)
    assert result.errors == []
    assert any("HTML in tekst" in w.message for w in result.warnings)


def run_script(*args: str) -> subprocess.CompletedProcess:
    return wegwijzer("validate", *args)


def test_script_exits_zero_on_shipped_data_with_summary():
    result = run_script()
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("OK: ") and "interventies" in summary


def test_script_github_annotations_and_exit_code(minimal_copy):
    edit(minimal_copy / "interventions.yaml", "kind: lespakket", "kind: lespakket-x")
    result = run_script("--data", str(minimal_copy), "--format", "github")
    assert result.returncode == 1
    annotation = result.stdout.splitlines()[0]
    assert annotation.startswith("::error file=")
    assert ",line=5," in annotation and "title=interventions[0].kind::" in annotation
    assert "Traceback" not in result.stderr


def test_values_are_typed_like_yaml_but_dates_and_yes_stay_text(minimal_copy):
    from wegwijzer.core.yamlfile import parse_yaml

    text = "a: 12\nb: true\nc: no\nd: 2026-01-01\ne: ~\nf: '12'\ng: 1.5\nh: !!str 7\n'1': quoted key\n"
    document, problems = parse_yaml(text.encode(), "x.yaml")
    assert problems == []
    assert document.data == {"a": 12, "b": True, "c": "no", "d": "2026-01-01", "e": None, "f": "12", "g": 1.5,
                             "h": "7", "1": "quoted key"}
    assert document.locate(("h",)) == (8, 4)
    assert document.locate(("g",), key=True) == (7, 1)
