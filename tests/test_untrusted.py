"""What an untrusted pull request can try, finding by finding (issue "Hardening, round two").

Each test names the finding it covers. Every one of them failed on the code
before this change: links were followed, folders deleted, Markdown stalled the
build, content/ was trusted, link safety depended on a schema, files vanished,
ids broke the build, messages were unreadable, personal details were published.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT, ROOT, TODAY, wegwijzer
from sitecrawl import crawl
from wegwijzer.core import check_data
from wegwijzer.project import Project
from wegwijzer.site.build import MARKER, BuildOptions, build_site
from wegwijzer.core.textformat import markdown_to_html


def check(data_dir: Path):
    return check_data(data_dir, today=TODAY)


def messages(result) -> list[str]:
    return [p.format() for p in result.problems]


def project_copy(tmp_path: Path) -> Path:
    """A copy of what a pull request can change besides data/: pages, templates, hooks, configuration."""
    root = tmp_path / "project"
    for name in ("content", "overrides", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


# 1. Links in data/ are never followed ----------------------------------------------


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd", "/proc/self/environ"])
def test_1_a_data_file_that_is_a_link_is_refused_unread(data_copy, target):
    region = data_copy / "regions" / "twente.yaml"
    region.unlink()
    region.symlink_to(target)
    result = check(data_copy)
    [problem] = [p for p in result.errors if p.file == "data/regions/twente.yaml"]
    assert "snelkoppeling" in problem.message
    assert target not in " ".join(messages(result)) and "root:" not in " ".join(messages(result))


def test_1_a_link_loop_and_folders_in_the_wrong_place(data_copy):
    (data_copy / "regions" / "lus.yaml").symlink_to(data_copy / "regions" / "lus.yaml")
    (data_copy / "regions" / "map").symlink_to(data_copy)
    (data_copy / "matrix.yaml").unlink()
    (data_copy / "matrix.yaml").mkdir()
    result = wegwijzer("validate", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/regions/lus.yaml:1:1: (bestand): bestand is een snelkoppeling" in result.stdout
    assert "data/regions/map:1:1: (bestand): bestand wordt niet gelezen" in result.stdout
    assert "data/matrix.yaml:1:1: (bestand): hier hoort een bestand te staan, maar het is een map" in result.stdout


def test_1_a_data_folder_that_is_a_file(tmp_path):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("x", encoding="utf-8")
    result = wegwijzer("validate", "--data", str(not_a_folder))
    assert result.returncode == 1 and "dit is een bestand, geen map met gegevens" in result.stdout
    assert "Traceback" not in result.stderr


# 2. The output folder can never be the sources ---------------------------------------


@pytest.mark.parametrize("out", [".", "data", "content/x", "..", ".git"])
def test_2_building_into_the_sources_is_refused(out):
    before = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    result = wegwijzer("build", "--out", out)
    assert result.returncode == 2 and "Fout:" in result.stderr and "Traceback" not in result.stderr
    assert (ROOT / "data" / "interventions.yaml").is_file() and (ROOT / ".git").is_dir()
    assert subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout == before


def test_2_a_folder_an_earlier_build_did_not_make_is_left_alone(tmp_path):
    someones = tmp_path / "documenten"
    someones.mkdir()
    (someones / "belangrijk.txt").write_text("niet weggooien", encoding="utf-8")
    result = wegwijzer("build", "--out", str(someones))
    assert result.returncode == 2 and "niet door een eerdere bouw gemaakt" in result.stderr
    assert (someones / "belangrijk.txt").read_text(encoding="utf-8") == "niet weggooien"


# 3. A single field or file cannot stall the build -------------------------------------


def test_3_thousands_of_brackets_are_refused_and_rendered_as_text(data_copy):
    path = data_copy / "factors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: >-", "summary: '" + "[" * 20000 + "'\n    x: >-", 1),
                    encoding="utf-8")
    result = check(data_copy)
    assert any("te veel `[`-tekens (20000)" in p.message for p in result.errors)
    # The renderer protects itself too: no link syntax, the text intact.
    html = str(markdown_to_html("[" * 20000 + " [a](https://example.org)"))
    assert html.startswith("<p>[[[") and "<a " not in html


def test_3_a_file_with_millions_of_values_is_refused(data_copy):
    (data_copy / "partners.yaml").write_text("partners: [" + "a, " * 2_000_000 + "a]\n", encoding="utf-8")
    [problem] = [p for p in check(data_copy).errors if p.file == "data/partners.yaml"]
    assert "te veel waarden" in problem.message


# 4. content/ is editor input too ------------------------------------------------------


def test_4_unsafe_pages_and_links_in_content_stop_the_build(tmp_path):
    root = project_copy(tmp_path)
    (root / "content" / "over.md").write_text(
        "# Over\n\nTekst.\n\n<script>alert(1)</script>\n\n<img src=\"https://tracker.example/p.png\" alt=\"x\">\n\n"
        "<pre class=\"mermaid\">graph TD; A-->B</pre>\n\n<a href=\"javascript:alert(2)\">klik</a>\n", encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(Exception):
        build_site(Project(root), out, BuildOptions(today=TODAY))
    assert not out.exists()


def test_4_unsafe_pages_are_named_with_their_line(tmp_path):
    root = project_copy(tmp_path)
    (root / "content" / "over.md").write_text(
        "# Over\n\nTekst.\n\n<iframe src=\"https://example.org\"></iframe>\n\n<img src=\"//cdn.example/x.png\" alt=\"x\">\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wegwijzer", "build", "--out", str(tmp_path / "s")],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode != 0
    assert "content/over.md:5:1: (bestand): `<iframe>` is niet toegestaan" in result.stderr
    assert "content/over.md:7:1: (bestand): een afbeelding moet in content/ staan" in result.stderr


def test_4_a_link_in_content_is_refused_and_nothing_of_git_is_published(tmp_path):
    root = project_copy(tmp_path)
    (root / "content" / "leak.txt").symlink_to(ROOT / ".git" / "config")
    (root / "content" / "loop").symlink_to(root / "content")
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "wegwijzer", "build", "--out", str(out), "--project", str(root)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "content/leak.txt:1:1: (bestand): bestand is een snelkoppeling" in result.stderr + result.stdout
    assert "content/loop:1:1: (bestand): map is een snelkoppeling" in result.stderr + result.stdout
    assert not out.exists()


# 5. Link safety is the renderer's, whatever the schema says ------------------------------


def test_5_a_loosened_schema_still_emits_no_dangerous_link(tmp_path, data_copy):
    schema = data_copy / "schema" / "common.schema.json"
    loosened = json.loads(schema.read_text(encoding="utf-8"))
    loosened["$defs"]["url"]["pattern"] = ".*"
    schema.write_text(json.dumps(loosened), encoding="utf-8")
    path = data_copy / "interventions.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "url: https://barrieremodellen.nl/model/view/wapens-en-jongeren-1", "url: javascript:alert(1)", 1)
    path.write_text(text, encoding="utf-8")
    assert check(data_copy).errors == []  # the loosened schema lets it through…
    out = tmp_path / "site"
    build_site(PROJECT, out, BuildOptions(today=TODAY, data_dir=data_copy, quiet=True))
    hrefs = [href for p in out.rglob("*.html") for href in re.findall(r'href="([^"]*)"', p.read_text(encoding="utf-8"))]
    assert hrefs and not any(href.strip().lower().startswith("javascript:") for href in hrefs)  # …the renderer does not


def test_5_reference_links_and_images_in_markdown():
    html = str(markdown_to_html("Zie [r] en ![foto van een mes](https://example.org/mes.png).\n\n[r]: //evil.example/x"))
    assert "evil.example" not in html
    assert '<a href="https://example.org/mes.png" rel="noopener noreferrer">foto van een mes</a>' in html


# 6. Every file under data/ is read, or named ---------------------------------------------


@pytest.mark.parametrize("name", ["twente.yml", "twente.YAML", "twente.yaml.txt"])
def test_6_a_renamed_region_is_named_not_lost(data_copy, name):
    (data_copy / "regions" / "twente.yaml").rename(data_copy / "regions" / name)
    result = wegwijzer("validate", "--data", str(data_copy))
    assert result.returncode == 1
    assert f"data/regions/{name}:1:1: (bestand): bestand wordt niet gelezen" in result.stdout
    assert "bedoelde je `data/regions/twente.yaml`?" in result.stdout


def test_6_an_editors_lock_file_is_explained(data_copy):
    (data_copy / "regions" / ".#twente.yaml").write_text("x", encoding="utf-8")
    result = check(data_copy)
    [problem] = result.errors
    assert problem.file == "data/regions/.#twente.yaml" and "tijdelijk bestand van een editor" in problem.message


# 7. Ids cannot collide with pages ----------------------------------------------------------


def test_7_ids_that_would_overwrite_a_page_are_refused(data_copy):
    path = data_copy / "barriers.yaml"
    step = ("    steps:\n      - id: wapens-en-jongeren\n        number: 1\n        name: Stap een\n"
            "        sources:\n          - document: aanpak-wapens-en-jongeren\n")
    path.write_text(path.read_text(encoding="utf-8").replace("    unplaced_barriers:\n", step + "    unplaced_barriers:\n", 1),
                    encoding="utf-8")
    path = data_copy / "themes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: lvb\n", "  - id: index\n", 1).replace(
        "[lvb]", "[index]").replace("- lvb\n", "- index\n"), encoding="utf-8")
    errors = [p.message for p in check(data_copy).errors]
    assert "id `wapens-en-jongeren` kan niet: dan krijgt het dezelfde pagina als barrièremodel `wapens-en-jongeren`" \
        in " ".join(errors)
    assert any(m.startswith("id `index` kan niet: op die plek staat het overzicht van de thema's") for m in errors)


def test_7_a_content_page_in_the_place_of_a_generated_one_is_an_error(tmp_path):
    root = project_copy(tmp_path)
    (root / "content" / "themas").mkdir()
    (root / "content" / "themas" / "lvb.md").write_text("# LVB\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "wegwijzer", "build", "--out", str(tmp_path / "s")],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode != 0
    assert re.search(r"content/themas/lvb\.md:1:1: \(bestand\): op deze plek \(themas/lvb/\) komt al een pagina uit "
                     r"data/themes\.yaml regel \d+", result.stderr)


def test_7_entities_listed_on_a_page_get_ids_of_their_own(built_site):
    """A project called `doelen` must not clash with the page's heading `doelen`: listed entities are prefixed."""
    page = (built_site / "programmas" / "aanpak-wapens-en-jongeren" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert any(i.startswith("project-") for i in ids)


# 8. Messages an editor can act on ------------------------------------------------------------


def test_8_one_broken_file_gives_its_own_message_first_and_no_cascade(data_copy):
    path = data_copy / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\n    kind: ", "\n     kind: ", 1), encoding="utf-8")
    result = wegwijzer("validate", "--data", str(data_copy))
    lines = [line for line in result.stdout.splitlines() if line.startswith("data/") and "waarschuwing:" not in line]
    assert lines[0].startswith("data/partners.yaml:") and "inspringing" in lines[0]
    assert len(lines) == 1, lines  # not dozens of "partner … bestaat niet" after it


def test_8_numbers_with_leading_zeros_or_colons_stay_text(data_copy):
    path = data_copy / "partners.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    short_name: ", "    short_name: 012\n    x_short_name: ", 1), encoding="utf-8")
    assert not any("het getal" in m for m in messages(check(data_copy)))


@pytest.mark.parametrize("written, shown", [
    ("Politie\\u200b", "\\u200b"), ("Politie\\u202e", "\\u202e"), ("Politie\\0", "\\u0000"),
    ("Politie\\a", "\\u0007"), ("Politie\\e[31m", "\\u001b"),
])
def test_8_invisible_and_control_characters_are_refused_and_shown(data_copy, written, shown):
    path = data_copy / "partners.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: Politie\n", f'    name: "{written}"\n', 1), encoding="utf-8")
    result = wegwijzer("validate", "--data", str(data_copy))
    assert result.returncode == 1
    [line] = [line for line in result.stdout.splitlines() if "stuurteken" in line]
    assert shown in line and "\x1b" not in result.stdout


def test_8_a_lone_surrogate_and_a_broken_schema_give_dutch_messages(data_copy):
    path = data_copy / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    name: Politie\n", '    name: "P\\ud800"\n', 1),
                    encoding="utf-8")
    schema = data_copy / "schema" / "themes.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"type": "object"', '"type": 5', 1), encoding="utf-8")
    result = wegwijzer("validate", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/schema/themes.schema.json:1:1" in result.stdout and "voldoet niet aan JSON Schema" in result.stdout


# 10. No personal contact details -----------------------------------------------------------------


@pytest.mark.parametrize("detail, fragment", [
    ("mail i.jansen3@rotterdam.nl", "lijkt het e-mailadres van een persoon"),
    ("bel 06-12345678", "is een mobiel nummer"),
    ("bel +31 6 1234 5678", "is een mobiel nummer"),
])
def test_10_personal_details_never_reach_a_page(data_copy, detail, fragment):
    path = data_copy / "regions" / "var-rotterdam.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ncontact: ", f"\ncontact: {detail}. ", 1),
                    encoding="utf-8")
    [problem] = check(data_copy).errors
    assert problem.file == "data/regions/var-rotterdam.yaml" and problem.field == "contact"
    assert fragment in problem.message


def test_10_organisation_addresses_and_numbers_are_fine(data_copy):
    path = data_copy / "regions" / "var-rotterdam.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "\ncontact: ", "\ncontact: Mail info@veiligheidsalliantie.nl of bel 0900-8844. ", 1), encoding="utf-8")
    assert "info@veiligheidsalliantie.nl" in path.read_text(encoding="utf-8")
    assert check(data_copy).errors == []


# 11. Supply chain and interruptions -------------------------------------------------------------


def test_11_every_python_pin_has_a_hash_and_every_action_a_commit():
    for name in ("requirements.txt", "requirements-dev.txt"):
        blocks = re.split(r"\n(?=[a-z0-9])", (ROOT / name).read_text(encoding="utf-8"))
        pins = [block for block in blocks if "==" in block.split("\n", 1)[0]]
        assert pins and all("--hash=sha256:" in block for block in pins), name
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses: ([\w./-]+)@(\S+)", workflow)
    assert uses and all(re.fullmatch(r"[0-9a-f]{40}", ref) for _, ref in uses), uses
    assert "persist-credentials: false" in workflow


def test_11_an_interrupted_build_leaves_nothing_behind(tmp_path):
    out = tmp_path / "site"
    build = subprocess.Popen([sys.executable, "-m", "wegwijzer", "build", "--out", str(out)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".site-*")) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the temporary folder exists: the state we interrupt
    assert build.poll() is None, "the build ended before it could be interrupted"
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130 and "Afgebroken" in stderr and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []
    for pattern in (".site-x", ".site-old"):
        assert subprocess.run(["git", "check-ignore", "-q", pattern], cwd=ROOT).returncode == 0, pattern
