"""The form editor at /admin/: its configuration covers every schema field, and in Chromium it edits the YAML.

End to end, on loopback only: the generated /admin/ is served next to
decap-server (the local backend) working on a git copy of the shipped data.
An editor logs in, adds an intervention through the form (provider and theme
from relation fields), saves; the file on disk gains exactly that entry, the
data stays valid and the site builds the new page. Editing one field of an
existing entry changes one line. With WEGWIJZER_EDITOR_SCREENSHOTS=<folder>
the test saves the screenshots CONTRIBUTING.md shows (`make editor-screenshots`).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, wegwijzer
from wegwijzer.editor.cms import admin_files, cms_config, write_files
from wegwijzer.editor.backend import start_backend, stop
from wegwijzer.core.kinds import KINDS
from wegwijzer.core.schemas import SchemaSet, Shape

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SCREENSHOTS = os.environ.get("WEGWIJZER_EDITOR_SCREENSHOTS")


# -- the configuration ---------------------------------------------------------------------------


def _schema_paths(shape: Shape, prefix: str = "") -> set[str]:
    paths = set()
    for name, child in shape.properties.items():
        path = f"{prefix}{name}"
        paths.add(path)
        target = child.items if child.is_list and child.items is not None and child.items.type == "object" else child
        if target.type == "object" and target.properties and not target.ref:
            paths |= _schema_paths(target, path + ".")
    return paths


def _form_paths(fields: list[dict], prefix: str = "") -> set[str]:
    paths = set()
    for field in fields:
        path = f"{prefix}{field['name']}"
        paths.add(path)
        if "fields" in field:
            paths |= _form_paths(field["fields"], path + ".")
    return paths


def test_every_field_of_every_schema_has_a_form_field():
    schemas = SchemaSet(ROOT / "data" / "schema")
    config = cms_config(schemas, repo="org/repo", branch="main", site_url="")
    forms = {entry["file"]: entry["fields"] for entry in config["collections"][0]["files"]}
    forms |= {collection["folder"] + "/*.yaml": collection["fields"] for collection in config["collections"][1:]}
    checked = 0
    for kind in KINDS:
        for data_file in kind.files:
            expected = _schema_paths(schemas.shape(data_file.schema))
            assert _form_paths(forms[f"data/{data_file.pattern}"]) == expected, data_file.pattern
            checked += len(expected)
    assert checked > 300


def test_the_form_follows_the_schema_rules():
    schemas = SchemaSet(ROOT / "data" / "schema")
    config = cms_config(schemas, repo="org/repo", branch="main", site_url="")
    interventions = next(f for f in config["collections"][0]["files"] if f["name"] == "interventions")
    fields = {field["name"]: field for field in interventions["fields"][0]["fields"]}
    assert fields["id"]["required"] and not fields["cost"]["required"]
    assert fields["id"]["pattern"][0] == schemas.definitions["id"]["pattern"]
    assert fields["kind"]["widget"] == "select"
    assert {"label": "Interventie", "value": "interventie"} in fields["kind"]["options"]
    assert (fields["provider"]["widget"], fields["provider"]["value_field"]) == ("relation", "partners.*.id")
    assert fields["themes"]["multiple"] and fields["summary"]["widget"] == "markdown"
    assert fields["summary"]["hint"] == schemas.shape("interventions.schema.json").properties[
        "interventions"].items.properties["summary"].description
    recognition = {field["name"]: field for field in fields["recognition"]["fields"]}
    assert not recognition["level"]["required"]  # only once the optional group is filled in (the validator checks)


# -- in the browser --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
                "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org"}


def _git(repository: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repository, check=True, capture_output=True, text=True,
                          env=dict(os.environ, **GIT_IDENTITY)).stdout


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def editor(tmp_path: Path, mode: str):
    """/admin/ and decap-server (MODE=fs or git) on loopback, over a git copy of the shipped data."""
    repository = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repository / "data")
    _git(repository, "init", "-q", "-b", "main")
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", "Data")
    backend_port = _free_port()
    site = tmp_path / "site"
    write_files(admin_files(SchemaSet(ROOT / "data" / "schema"), ROOT / "node_modules", repo="org/repo", branch="main",
                            site_url="", local_backend=f"http://127.0.0.1:{backend_port}/api/v1"), site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    backend = start_backend(repository, ROOT / "node_modules", backend_port, mode, extra_env=GIT_IDENTITY)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/admin/", repository
    finally:
        stop(backend)
        server.shutdown()


@pytest.fixture
def editor_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.foreign = []
    page.on("request", lambda request: page.foreign.append(request.url)
            if request.url.split("/")[2].split(":")[0] not in LOCAL_HOSTS
            and not request.url.startswith(("data:", "blob:")) else None)
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def _log_in(page, admin: str) -> None:
    page.goto(admin)
    page.get_by_role("button", name="Inloggen").wait_for()
    _shot(page, "1-inloggen")
    page.get_by_role("button", name="Inloggen").click()


def _field(page, label: str):
    """The (last) field labelled ``label``; the editor adds " (optioneel)" to optional fields."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optioneel\))?$")).last


def _choose(page, label: str, typed: str, option: str) -> None:
    """Pick ``option`` in the (last) select or relation field labelled ``label``, searching for ``typed``."""
    field = _field(page, label)
    field.click()
    field.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()


def _publish(page) -> None:
    page.get_by_role("button", name="Publiceer", exact=True).click()
    page.get_by_text("Publiceer nu", exact=True).click()
    page.get_by_text("Wijzigingen opgeslagen").first.wait_for()


def _wait_for_change(path: Path, before: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if text != before:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{path.name} did not change")


def test_an_editor_adds_an_intervention_through_the_form(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path, "fs") as (admin, repository):
        file = repository / "data" / "interventions.yaml"
        before = file.read_text(encoding="utf-8")
        _log_in(page, admin)
        page.get_by_role("link", name="Interventies", exact=True).click()
        page.get_by_role("button", name=re.compile("^Voeg interventie toe")).click()
        page.get_by_label("Id", exact=True).last.fill("via-het-formulier")
        page.get_by_label("Naam", exact=True).last.fill("Via het formulier")
        summary = page.locator("[aria-label='markdown field']").filter(has_text="Samenvatting").last
        summary.locator("[contenteditable=true]").click()
        page.keyboard.insert_text("Een aanbod dat een redacteur in het formulier invoerde.")
        _choose(page, "Soort", "Lesp", "Lespakket")
        _choose(page, "Aanbieder", "Halt", "Halt")
        _choose(page, "Thema's", "Wapens", "Wapens en jongeren")
        page.get_by_role("button", name=re.compile("^Voeg bronnen toe")).last.click()
        _choose(page, "Brondocument", "Workshop", "Workshop vroegsignalering en gegevensdelen")
        _shot(page, "2-formulier")
        _publish(page)
        after = _wait_for_change(file, before)
        assert page.foreign == []  # everything came from this machine
    added = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith(("+ ", "- "))]
    assert all(line.startswith("+ ") for line in added), added[:5]  # no existing line changed
    entry = yaml.safe_load(after)["interventions"][-1]
    assert entry == {"id": "via-het-formulier", "name": "Via het formulier",
                     "summary": "Een aanbod dat een redacteur in het formulier invoerde.", "kind": "lespakket",
                     "provider": "halt", "themes": ["wapens-en-jongeren"],
                     "sources": [{"document": "workshop-vroegsignalering"}]}
    assert _git(repository, "status", "--porcelain").split() == ["M", "data/interventions.yaml"]
    checked = wegwijzer("validate", "--data", str(repository / "data"))
    assert checked.returncode == 0, checked.stdout
    built = wegwijzer("build", "--data", str(repository / "data"), "--out", str(tmp_path / "out"), "--offline",
                      "--today", TODAY.isoformat())
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Via het formulier" in (tmp_path / "out" / "interventies" / "via-het-formulier.html").read_text(encoding="utf-8")


def test_editing_one_field_changes_one_line(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path, "fs") as (admin, repository):
        file = repository / "data" / "themes.yaml"
        before = file.read_text(encoding="utf-8")
        theme = yaml.safe_load(before)["themes"][0]
        _log_in(page, admin)
        page.get_by_role("link", name="Thema's", exact=True).click()
        entry = page.get_by_text(theme["name"], exact=True).first
        entry.locator("xpath=..").locator("button").first.click()  # open the entry (its chevron has no name)
        page.get_by_label("Naam", exact=True).first.fill(theme["name"] + " (bijgewerkt)")
        _shot(page, "3-bewerken")
        _publish(page)
        after = _wait_for_change(file, before)
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith(("+ ", "- "))]
    assert changed == [f"-     name: {theme['name']}", f"+     name: {theme['name']} (bijgewerkt)"]


def test_saving_in_the_editorial_workflow_makes_a_branch_for_review(editor_page, tmp_path):
    """On GitHub each save becomes a pull request; locally the same workflow makes a `cms/` branch."""
    page = editor_page
    with editor(tmp_path, "git") as (admin, repository):
        before = (repository / "data" / "helplines.yaml").read_text(encoding="utf-8")
        line = yaml.safe_load(before)["helplines"][0]
        _log_in(page, admin)
        page.get_by_role("link", name="Wie bel je?", exact=True).click()
        page.get_by_text(line["name"], exact=True).first.locator("xpath=..").locator("button").first.click()
        page.get_by_label("Naam", exact=True).first.fill(line["name"] + " (bijgewerkt)")
        page.get_by_role("button", name="Opslaan", exact=True).click()
        page.get_by_text("Wijzigingen opgeslagen").first.wait_for()
        branches = _git(repository, "branch", "--list", "cms/*").split()
        assert branches, "no review branch"
        assert (repository / "data" / "helplines.yaml").read_text(encoding="utf-8") == before  # main unchanged
        on_branch = _git(repository, "show", f"{branches[-1].lstrip('*').strip()}:data/helplines.yaml")
        assert f"name: {line['name']} (bijgewerkt)" in on_branch


def test_the_login_page_has_no_serious_accessibility_violations(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path, "fs") as (admin, _):
        page.goto(admin)
        page.get_by_role("button", name="Inloggen").wait_for()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    serious = [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_the_editor_is_on_the_site_but_not_in_the_offline_zip(built_site, offline_zip):
    import zipfile

    assert (built_site / "admin" / "index.html").is_file() and (built_site / "admin" / "config.yml").is_file()
    assert (built_site / "admin" / "vendor" / "decap-cms" / "decap-cms.js").is_file()
    html = (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    with zipfile.ZipFile(offline_zip) as archive:
        assert not [name for name in archive.namelist() if "/admin/" in name]
