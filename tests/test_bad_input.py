"""A suite of malformed inputs: each gives a clear message, exit 1, and no site output.

Every case mutates a copy of the shipped data. The build must stop before
writing anything and must leave an earlier site untouched.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import TODAY, wegwijzer
from wegwijzer.site.build import MARKER

ALIAS_BOMB = "\n".join(
    ["partners:", '  - &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"  - &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
) + "\n"


# Each mutation changes a copy of a shipped file and returns the line an editor must be sent to.


def replace(old: str, new: str, offset: int = 0):
    """Replace the first ``old``; the problem is on the line where ``new`` starts (plus ``offset``)."""
    def mutate(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        start = text.index(old) + len(old) - len(old.lstrip("\n"))  # where the changed line begins
        return text[:start].count("\n") + 1 + offset
    return mutate


def replace_date(field: str, new: str):
    """Replace the first date of ``field`` (whatever date the shipped data holds) with ``new``."""
    def mutate(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        match = re.search(rf"{field}: \d{{4}}-\d{{2}}-\d{{2}}", text)
        assert match, f"no {field} date in {path.name}"
        path.write_text(text[:match.start()] + f"{field}: {new}" + text[match.end():], encoding="utf-8")
        return text[:match.start()].count("\n") + 1
    return mutate


def write_text(content: str, line: int = 1):
    def mutate(path: Path) -> int:
        path.write_text(content, encoding="utf-8")
        return line
    return mutate


def write_bytes(content: bytes, line: int = 1):
    def mutate(path: Path) -> int:
        path.write_bytes(content)
        return line
    return mutate


def prepend_bytes(prefix: bytes):
    def mutate(path: Path) -> int:
        path.write_bytes(prefix + path.read_bytes())
        return 1
    return mutate


def append(content: str, offset: int = 0):
    def mutate(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + content, encoding="utf-8")
        return text.count("\n") + 1 + offset
    return mutate


def delete(path: Path) -> int:
    path.unlink()
    return 1


def huge(path: Path) -> int:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * 1000 + "\n")
        chunk = ("# " + "opvulling " * 100 + "\n") * 1000
        for _ in range(27):
            handle.write(chunk)
    return 1


# (case id, file, mutation, expected message fragment)
CASES = [
    ("syntax-unclosed-quote", "interventions.yaml", replace("name: ", 'name: "'), "aanhalingsteken"),
    ("syntax-colon-in-text", "partners.yaml", replace("name: ", "name: Politie: eenheid: "), "dubbele punt"),
    ("syntax-bad-indent", "factors.yaml", replace("\n    kind: ", "\n     kind: "), "inspringing"),
    ("tab-indent", "factors.yaml", replace("\n    kind: ", "\n\tkind: "), "tab-teken"),
    ("duplicate-key", "themes.yaml", replace("\n    intro: ", "\n    name: Dubbel\n    intro: "), "staat hier dubbel"),
    ("wrong-type-list", "themes.yaml", replace("    factors: [", "    factors: groepsdruk\n    x_factors: ["), "moet een lijst"),
    ("wrong-type-number", "barriers.yaml", replace("    step_count: ", "    step_count: acht-"), "moet een geheel getal zijn"),
    ("missing-required", "matrix.yaml", replace("name: Interventiematrix", "naam: Interventiematrix"), "bedoelde je `name`?"),
    ("unknown-field", "partners.yaml", replace("\n    kind: ", "\n    soort: x\n    kind: "), "onbekend veld `soort`"),
    ("enum-typo", "factors.yaml", replace("kind: risico", "kind: risiko"), "bedoelde je `risico`?"),
    ("duplicate-id", "themes.yaml", replace("- id: ouderbetrokkenheid", "- id: lvb"), "bestaat al"),
    ("dangling-reference", "themes.yaml", replace("    factors: [", "    factors: [bestaat-niet, "), "maar die bestaat niet"),
    ("bad-date", "partners.yaml", replace_date("consulted", "31-12-2025"), "JJJJ-MM-DD"),
    ("impossible-date", "partners.yaml", replace_date("consulted", f"{TODAY.year - 1}-02-31"), "geen bestaande datum"),
    ("future-date", "factors.yaml", replace_date("consulted", f"{TODAY.year + 1}-01-01"), "ligt in de toekomst"),
    ("bad-url-scheme", "themes.yaml", replace("url: https://", "url: javascript://"), "geen toegestane link"),
    ("url-without-scheme", "themes.yaml", replace("url: https://", "url: "), "geen toegestane link"),
    ("javascript-in-markdown", "themes.yaml", replace("\n    intro: ", "\n    intro: '[x](javascript:alert(1))'\n    x_intro: "), "links in tekst beginnen met"),
    ("blank-text", "themes.yaml", replace("\n    name: ", '\n    name: "  "\n    x_name: '), "alleen uit spaties"),
    ("age-min-above-max", "matrix.yaml", replace("min: 12", "min: 30"), "is hoger dan `max`"),
    ("empty-file", "processes.yaml", write_text(""), "bestand is leeg"),
    ("comments-only", "processes.yaml", write_text("# nog leeg\n"), "bestand is leeg"),
    ("non-utf8", "factors.yaml", write_bytes("factors:\n  - id: caf\xe9\n".encode("latin-1"), line=2), "geen geldige UTF-8"),
    ("byte-order-mark", "barriers.yaml", prepend_bytes(b"\xef\xbb\xbf"), "byte-order mark"),
    ("alias-bomb", "partners.yaml", write_text(ALIAS_BOMB, line=3), "ankers en aliassen"),
    ("very-large-file", "partners.yaml", huge, "bestand is te groot"),
    ("file-missing", "matrix.yaml", delete, "bestand ontbreekt"),
    ("list-instead-of-mapping", "themes.yaml", write_text("- id: x\n"), "moet beginnen met velden"),
    ("multiple-documents", "barriers.yaml", append("\n---\nextra: 1\n", offset=1), "meer dan één document"),
    ("region-file-name", "regions/twente.yaml", replace("id: twente", "id: twente-oost"), "bestandsnaam"),
]


@pytest.mark.parametrize("case, file, mutate, fragment", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_rejected_clearly(case, file, mutate, fragment, data_copy, tmp_path):
    expected_line = mutate(data_copy / file)
    validate = wegwijzer("validate", "--data", str(data_copy), timeout=120)
    assert validate.returncode == 1
    assert "Traceback" not in validate.stderr
    lines = [line for line in validate.stdout.splitlines() if fragment in line]
    assert lines, validate.stdout
    location = lines[0].split(": ", 1)[0]
    path, line, column = location.rsplit(":", 2)
    assert path == f"data/{file}" and int(line) == expected_line, lines[0]
    # The first message is the real cause, not something it dragged along.
    assert fragment in validate.stdout.splitlines()[0], validate.stdout


BUILD_CASES = [c for c in CASES if c[0] in {"syntax-unclosed-quote", "dangling-reference", "alias-bomb", "file-missing",
                                               "non-utf8", "future-date"}]


@pytest.mark.parametrize("case, file, mutate, fragment", BUILD_CASES, ids=[c[0] for c in BUILD_CASES])
def test_failed_build_writes_nothing_and_keeps_the_old_site(case, file, mutate, fragment, data_copy, tmp_path):
    mutate(data_copy / file)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("vorige versie", encoding="utf-8")
    (out / MARKER).write_text("", encoding="utf-8")  # an earlier build made this folder
    result = wegwijzer("build", "--out", str(out), "--data", str(data_copy), timeout=300)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert fragment in output and "Traceback" not in output
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "index.html"])
    assert (out / "index.html").read_text(encoding="utf-8") == "vorige versie"
    assert not list(tmp_path.glob(".site-*"))  # no half-built temp folder left behind


def test_a_quote_closed_by_a_later_quote_is_named_where_it_opens():
    """An unclosed quote runs on to the next quote in the file; the parser trips lines later, the message does not."""
    from wegwijzer.core.yamlfile import parse_yaml

    left_open = b'items:\n  - id: a\n    name: "Een\n    kind: x\n  - id: b\n    title: "Later" tekst\n'
    problem, after = parse_yaml(left_open, "x.yaml")[1]  # and the text after "Later" is a mistake of its own
    assert after.line == 6 and after.message.startswith("na het afsluitende aanhalingsteken staat nog tekst")
    assert (problem.line, problem.column) == (3, 11)
    assert "aanhalingsteken" in problem.message and "regel 6" in problem.message
    # Quoted text over two lines that holds no fields is fine; the real mistake is then named.
    wrapped = b'items:\n  - id: a\n    name: "Een\n      twee regels"\n  - id: b\n   kind: x\n'
    [problem] = parse_yaml(wrapped, "x.yaml")[1]
    assert problem.line == 6 and "aanhalingsteken" not in problem.message
