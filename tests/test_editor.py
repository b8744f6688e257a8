"""The form editor at /admin/: its configuration covers every schema field, and in Chromium it edits the data.

End to end on loopback: the generated /admin/ served next to the local backend (wegwijzer/editor/backend.py)
over a git copy of the data. An editor opens one entry of a list file, types, and saves; the file changes by
exactly what was edited. What the validator refuses is refused in the form, in Dutch, beside the field, and
nothing is written. With WEGWIJZER_EDITOR_SCREENSHOTS=<folder> the tests save the screenshots
CONTRIBUTING.md shows (`make editor-screenshots`).
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
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from conftest import PROJECT, ROOT, SCHEMAS, TODAY, wegwijzer
from wegwijzer.core import check_data
from wegwijzer.core.kinds import KINDS
from wegwijzer.core.schemas import SchemaSet, Shape
from wegwijzer.editor.backend import DEFAULT_PORT, loopback_origins, start_backend, stop
from wegwijzer.editor.cms import admin_files, cms_config, write_files
from wegwijzer.editor.preview import EntryPreview
from wegwijzer.editor.yamlformat import format_files

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SCREENSHOTS = os.environ.get("WEGWIJZER_EDITOR_SCREENSHOTS")
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
                "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org"}


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


def _all_fields(fields: list[dict]):
    for field in fields:
        yield field
        yield from _all_fields(field.get("fields", []))
        if "field" in field:
            yield field["field"]


def _config():
    return cms_config(SchemaSet(SCHEMAS), repo="org/repo", branch="main", site_url="")


def _fields_of(collection: dict) -> list[dict]:
    return collection.get("fields") or collection["files"][0]["fields"]


def test_every_field_of_every_schema_has_a_form_field():
    schemas = SchemaSet(SCHEMAS)
    collections = {c["name"]: c for c in _config()["collections"]}
    checked = 0
    for kind in KINDS:
        for data_file in kind.files:
            root = schemas.shape(data_file.schema)
            name = data_file.folder or data_file.pattern.removesuffix(".yaml")
            fields = _fields_of(collections[name])
            if collections[name].get("folder", "").endswith(".yaml"):  # a list file: one form per item
                [key] = root.properties
                expected = _schema_paths(root.properties[key].items)
            else:
                expected = _schema_paths(root)
            assert _form_paths(fields) == expected, data_file.pattern
            checked += len(expected)
    assert checked > 300


def test_a_list_file_is_edited_one_entry_at_a_time():
    collections = {c["name"]: c for c in _config()["collections"]}
    interventions = collections["interventions"]
    assert interventions["folder"] == "data/interventions.yaml" and interventions["create"] and interventions["delete"]
    fields = {field["name"]: field for field in interventions["fields"]}
    assert fields["name"]["required"] and fields["cost"]["required"] is False
    assert fields["kind"]["widget"] == "keuze"
    assert {"label": "Interventie", "value": "interventie"} in fields["kind"]["options"]
    assert (fields["provider"]["widget"], fields["provider"]["collection"]) == ("verwijzing", "partners")
    assert fields["themes"]["multiple"] and fields["summary"]["widget"] == "opmaak"
    assert fields["last_reviewed"]["widget"] == "datum" and fields["last_reviewed"]["date_kind"] == "date"
    source = {field["name"]: field for field in fields["sources"]["fields"]}
    # One of several is required: no "(optioneel)" on them, and the hint says what may stand in.
    assert source["document"]["required"] and "tenzij je Webadres en Geraadpleegd op invult" in source["document"]["hint"]
    assert not source["section"]["required"]
    recognition = {field["name"]: field for field in fields["recognition"]["fields"]}
    assert not recognition["level"]["required"]  # only once the optional group is filled in (the form checks it)


def test_no_hint_names_a_file_an_id_or_a_position():
    hints = [field.get("hint", "") for c in _config()["collections"] for field in _all_fields(_fields_of(c))]
    assert len([h for h in hints if h]) > 300
    assert [h for h in hints if ".yaml" in h or "[" in h or re.search(r"\bids?\b", h, re.I)] == []
    labels = [field["label"] for c in _config()["collections"] for field in _all_fields(_fields_of(c))]
    assert [label for label in labels if label in ("Id", "Ids") or "_" in label] == []


# -- in the browser --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _git(repository: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repository, check=True, capture_output=True, text=True,
                          env=dict(os.environ, **GIT_IDENTITY)).stdout


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _repository(tmp_path: Path, data: Path, canonical: bool) -> Path:
    repository = tmp_path / "repo"
    shutil.copytree(data, repository / "data")
    if canonical:  # as the data will be once `wegwijzer fmt` has run on it
        format_files(repository / "data", SchemaSet(SCHEMAS), check=False)
    _git(repository, "init", "-q", "-b", "main")
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", "Data")
    return repository


@contextlib.contextmanager
def _serving(folder: Path, host: str = "127.0.0.1"):
    server = http.server.ThreadingHTTPServer((host, 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


@contextlib.contextmanager
def editor(tmp_path: Path, mode: str = "fs", data: Path = ROOT / "data", canonical: bool = False):
    """/admin/ and the local backend (fs: saving writes files; git: proposals as branches) over a git copy."""
    repository = _repository(tmp_path, data, canonical)
    site = tmp_path / "site"
    site.mkdir()
    with _serving(site) as port, _environment(GIT_IDENTITY):
        preview = EntryPreview(repository / "data", SCHEMAS, ROOT / "overrides", today=lambda: TODAY)
        backend = start_backend(repository, origins=loopback_origins(f"127.0.0.1:{port}"), port=0, mode=mode,
                                preview=preview)
        write_files(admin_files(SchemaSet(SCHEMAS), ROOT / "node_modules", repo="org/repo", branch="main",
                                site_url="", local_backend=backend.url), site)
        try:
            yield f"http://127.0.0.1:{port}/admin/", repository
        finally:
            stop(backend)


@contextlib.contextmanager
def _environment(values: dict):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def editor_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.foreign = []
    page.dialogs = []
    page.on("request", lambda request: page.foreign.append(request.url)
            if request.url.split("/")[2].split(":")[0] not in LOCAL_HOSTS
            and not request.url.startswith(("data:", "blob:")) else None)
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.accept()))
    yield page
    context.close()


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def _log_in(page, admin: str, where: str = "") -> None:
    page.goto(admin + where)
    page.get_by_role("button", name="Inloggen").wait_for()
    _shot(page, "1-inloggen")
    page.get_by_role("button", name="Inloggen").click()
    page.locator("html[data-wegwijzer-controle=klaar]").wait_for(state="attached")  # the checks know every id


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


def _saved(page) -> None:
    page.get_by_text("Wijzigingen opgeslagen").first.wait_for()


def _wait_for_change(path: Path, before: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if text != before:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{path.name} did not change")


def _changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith(("+ ", "- "))]


def test_an_editor_adds_an_intervention_through_the_form(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path) as (admin, repository):
        file = repository / "data" / "interventions.yaml"
        before = file.read_text(encoding="utf-8")
        _log_in(page, admin)
        page.get_by_role("link", name="Interventies", exact=True).click()
        page.get_by_role("link", name="Nieuw: interventie").click()  # its name for screen readers is what it says
        _field(page, "Korte naam voor het webadres").fill("via-het-formulier")
        _field(page, "Naam").fill("Via het formulier")
        summary = page.locator("[aria-label='veld opmaak']").filter(has_text="Samenvatting").last
        summary.locator("[contenteditable=true]").click()
        page.keyboard.insert_text("Een aanbod dat een redacteur in het formulier invoerde.")
        _choose(page, "Soort", "Lesp", "Lespakket")
        _choose(page, "Aanbieder", "Halt", "Halt")
        _choose(page, "Thema's", "Wapens", "Wapens en jongeren")
        page.get_by_role("button", name="Voeg bron toe").last.click()
        source = next(d for d in yaml.safe_load((repository / "data" / "sources.yaml").read_text(encoding="utf-8"))[
            "documents"] if d["id"] == "workshop-vroegsignalering")
        _choose(page, "Brondocument", "Workshop", source["title"])
        _shot(page, "2-formulier")
        _publish(page)
        _saved(page)
        after = _wait_for_change(file, before)
        assert page.foreign == []  # everything came from this machine
    assert after.startswith(before)  # nothing else in the file changed: the entry went at the end
    entry = yaml.safe_load(after)["interventions"][-1]
    assert entry == {"id": "via-het-formulier", "name": "Via het formulier",
                     "summary": "Een aanbod dat een redacteur in het formulier invoerde.", "kind": "lespakket",
                     "provider": "halt", "themes": ["wapens-en-jongeren"],
                     "sources": [{"document": "workshop-vroegsignalering"}]}
    assert _git(repository, "status", "--porcelain").split() == ["M", "data/interventions.yaml"]
    result = check_data(repository / "data", today=TODAY, schema_dir=SCHEMAS)
    assert result.errors == [] and "via-het-formulier" in result.toolbox.interventions
    assert any("geen link naar een openbare pagina" in w.message for w in result.warnings)


def test_one_changed_field_is_one_changed_line(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path, canonical=True) as (admin, repository):
        file = repository / "data" / "interventions.yaml"
        before = file.read_text(encoding="utf-8")
        entry = yaml.safe_load(before)["interventions"][1]
        _log_in(page, admin, f"#/collections/interventions/entries/{entry['id']}")
        _field(page, "Naam").fill(entry["name"] + " (bijgewerkt)")
        _shot(page, "3-bewerken")
        _publish(page)
        _saved(page)
        after = _wait_for_change(file, before)
        assert _changed(before, after) == [f"-     name: {entry['name']}", f"+     name: {entry['name']} (bijgewerkt)"]
        # A word in a long text: its sentence's line changes, nothing reflows.
        page.goto(admin + f"#/collections/interventions/entries/{entry['id']}")
        _field(page, "Duur").wait_for()
        first_word = entry["summary"].split()[0]
        summary = page.locator("[aria-label='veld opmaak']").filter(has_text="Samenvatting").first
        summary.get_by_text("Markdown", exact=True).click()  # the text as it is, without the rich-text editor
        box = summary.locator("textarea, [contenteditable=true]").first
        box.click()
        page.keyboard.press("Control+Home")
        page.keyboard.insert_text("Het ")
        _publish(page)
        _saved(page)
        again = _wait_for_change(file, after)
    changed = _changed(after, again)
    assert len(changed) == 2 and changed[1].startswith(f"+       Het {first_word}"), changed


def test_deleting_an_entry_asks_first_and_removes_only_its_lines(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path, canonical=True) as (admin, repository):
        file = repository / "data" / "interventions.yaml"
        before = file.read_text(encoding="utf-8")
        entry = yaml.safe_load(before)["interventions"][3]
        _log_in(page, admin, f"#/collections/interventions/entries/{entry['id']}")
        expect(_field(page, "Naam")).to_have_value(entry["name"])
        page.get_by_role("button", name="Item verwijderen").click()
        after = _wait_for_change(file, before)
    assert page.dialogs and "verwijderen" in page.dialogs[0]  # it asked first (the test answered yes)
    removed = _changed(before, after)
    assert all(line.startswith("- ") for line in removed) and f"-   - id: {entry['id']}" in removed
    assert entry["id"] not in yaml.safe_load(after)["interventions"].__repr__()


def test_saving_without_a_name_or_with_a_mobile_number_is_refused_in_dutch_and_nothing_is_written(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path) as (admin, repository):
        file = repository / "data" / "interventions.yaml"
        before = file.read_text(encoding="utf-8")
        _log_in(page, admin, "#/collections/interventions/new")
        _field(page, "Korte naam voor het webadres").fill("nieuw-aanbod")
        _field(page, "Kosten").fill("Bel 06-12345678 voor de prijs")
        _publish(page)
        summary = page.locator("#ww-samenvatting")
        summary.wait_for()
        _shot(page, "4-meldingen")
        assert "Nog niet opgeslagen" in summary.inner_text()
        assert "Naam: Vul dit veld in." in summary.inner_text()
        # Beside the field: the message stands in the field's own label bar.
        cost = page.locator("label", has_text=re.compile("^Kosten")).locator("xpath=..")
        assert "is een mobiel nummer" in cost.inner_text()
        summary.get_by_role("button", name=re.compile("^Naam:")).click()  # the summary jumps to the field
        assert page.evaluate("document.activeElement.id") == _field(page, "Naam").get_attribute("id")
        assert file.read_text(encoding="utf-8") == before
    assert _git(repository, "status", "--porcelain") == ""


def _broken_copy(tmp_path: Path) -> tuple[Path, dict]:
    """The shipped data with an entry made invalid on disk: its name gone, its provider a partner that is not there."""
    data = tmp_path / "broken" / "data"
    shutil.copytree(ROOT / "data", data)
    file = data / "interventions.yaml"
    entries = yaml.safe_load(file.read_text(encoding="utf-8"))["interventions"]
    entry = next(e for e in entries if e.get("provider"))
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {entry['id']}\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: "))
    block = "".join(lines[start:end]).replace(f"    name: {entry['name']}\n", "", 1)
    block = block.replace(f"    provider: {entry['provider']}\n", "    provider: bestaat-niet-meer\n", 1)
    file.write_text("".join(lines[:start]) + block + "".join(lines[end:]), encoding="utf-8")
    return data, entry


def test_after_a_file_is_made_invalid_the_preview_links_to_the_entry_and_the_form_refuses_to_save_it(
        editor_page, tmp_path):
    from wegwijzer.site.build import BuildOptions, build_site

    page = editor_page
    data, entry = _broken_copy(tmp_path)
    preview = tmp_path / "preview"
    build_site(PROJECT, preview, BuildOptions(today=TODAY, data_dir=data, preview=True, quiet=True))
    index = (preview / "index.html").read_text(encoding="utf-8")
    assert "Interventies" in index and "Naam" in index and "Aanbieder" in index and ".yaml" in index
    link = f"admin/#/collections/interventions/entries/{entry['id']}"
    assert f'href="{link}"' in index
    assert (preview / "admin" / "index.html").is_file()  # never locked out: the editor is served too
    with editor(tmp_path / "edit", data=data) as (admin, repository), _serving(preview) as port:
        file = repository / "data" / "interventions.yaml"
        before = file.read_text(encoding="utf-8")
        page.goto(f"http://127.0.0.1:{port}/index.html")
        page.get_by_role("link", name="Openen in de editor").first.wait_for()
        _shot(page, "5-fouten")
        page.goto(f"http://127.0.0.1:{port}/admin/")
        page.get_by_role("button", name=re.compile("^Inloggen")).wait_for()  # the preview's own editor loads
        # The entry the link names, opened in this test's editor over the same data.
        _log_in(page, admin, link.removeprefix("admin/"))
        _field(page, "Korte naam voor het webadres").wait_for()
        assert _field(page, "Korte naam voor het webadres").input_value() == entry["id"]
        _field(page, "Kosten").fill("Bel 06 12 34 56 78")
        _publish(page)
        summary = page.locator("#ww-samenvatting")
        summary.wait_for()
        text = summary.inner_text()
        assert "Naam: Vul dit veld in." in text and "Aanbieder: bestaat-niet-meer bestaat niet (meer)" in text
        assert "Kosten: 06 12 34 56 78 is een mobiel nummer" in text
        assert file.read_text(encoding="utf-8") == before


def test_each_entry_saved_in_the_editorial_workflow_is_its_own_proposal(editor_page, tmp_path):
    """On GitHub each saved entry becomes its own pull request; locally, its own branch cms/<form>/<entry>."""
    page = editor_page
    with editor(tmp_path, mode="git", canonical=True) as (admin, repository):
        file = repository / "data" / "interventions.yaml"
        before = file.read_text(encoding="utf-8")
        entries = yaml.safe_load(before)["interventions"][2:4]
        _log_in(page, admin)
        for entry in entries:
            page.goto(admin + "#/collections/interventions")  # through the list, as an editor goes
            page.get_by_role("link", name=entry["name"], exact=True).click()
            name = _field(page, "Naam")
            expect(name).to_have_value(entry["name"])
            name.fill(entry["name"] + " (voorstel)")
            page.get_by_role("button", name="Opslaan", exact=True).click()
            _saved(page)
        # Removing an entry is a proposal too: main (protected on GitHub) is never written directly.
        gone = yaml.safe_load(before)["interventions"][5]
        page.goto(admin + "#/collections/interventions")
        page.get_by_role("link", name=gone["name"], exact=True).click()
        expect(_field(page, "Naam")).to_have_value(gone["name"])
        page.get_by_role("button", name="Gepubliceerd item verwijderen").click()
        deadline = time.monotonic() + 60
        while f"cms/interventions/{gone['id']}" not in _git(repository, "branch", "--list", "cms/*") \
                and time.monotonic() < deadline:
            time.sleep(0.2)
        assert file.read_text(encoding="utf-8") == before  # nothing published yet
        branches = sorted(_git(repository, "branch", "--list", "cms/*", "--format=%(refname:short)").split())
        assert branches == sorted(f"cms/interventions/{e['id']}" for e in [*entries, gone])
        removal = _git(repository, "diff", "main", f"cms/interventions/{gone['id']}")
        assert f"-  - id: {gone['id']}" in removal and "\n+" not in removal.split("@@", 2)[-1]
        for entry in entries:
            diff = _git(repository, "diff", "main", f"cms/interventions/{entry['id']}", "--", "data/interventions.yaml")
            changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
            assert changed == [f"-    name: {entry['name']}", f"+    name: {entry['name']} (voorstel)"]


def test_an_entry_opens_and_takes_typing_at_a_thousand_interventions(editor_page, tmp_path):
    """The size the benchmark measures (BENCHMARKS.md): here only that it works, not how fast."""
    import wegwijzer_dev.bench as bench

    bench.ROOT = ROOT
    data = bench.make_dataset(tmp_path / "data-1000", 1000, TODAY)
    page = editor_page
    with editor(tmp_path / "edit", data=data) as (admin, repository):
        entries = yaml.safe_load((repository / "data" / "interventions.yaml").read_text(encoding="utf-8"))["interventions"]
        assert len(entries) > 900
        _log_in(page, admin, f"#/collections/interventions/entries/{entries[-1]['id']}")
        name = _field(page, "Naam")
        name.click()
        page.keyboard.press("End")
        page.keyboard.type(" getypt", delay=5)
        assert name.input_value() == entries[-1]["name"] + " getypt"


def _axe(page, include: list[str] | None = None) -> list[str]:
    page.add_script_tag(path=str(AXE))
    context = "{include: %s}" % include if include else "document"
    result = page.evaluate(f"() => axe.run({context}, {{runOnly: {{type: 'tag', values: "
                           "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]]


def test_the_editor_pages_we_make_have_no_accessibility_violations(editor_page, tmp_path):
    page = editor_page
    with editor(tmp_path) as (admin, _):
        page.goto(admin)
        page.get_by_role("button", name="Inloggen").wait_for()
        assert _axe(page) == []  # the login page (Decap's, with our colours)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(admin + "#/collections/interventions/new")
        _publish(page)
        page.locator("#ww-samenvatting").wait_for()
        assert _axe(page, [["#ww-samenvatting"]]) == []  # what still needs attention
    # Without a way to log in (no OAuth helper set) on a published site: the notice instead of the editor.
    site = tmp_path / "published"
    write_files(admin_files(SchemaSet(SCHEMAS), ROOT / "node_modules", repo="org/repo", branch="main",
                            site_url=""), site)
    with _serving(site, host="127.0.0.2") as port:  # any address but this machine's name: "published"
        page.goto(f"http://127.0.0.2:{port}/admin/")
        heading = page.get_by_role("heading", name="Inloggen is nog niet ingesteld")
        heading.wait_for()
        assert _axe(page) == []


def test_the_editor_is_on_the_site_but_not_in_the_offline_zip(built_site, offline_zip):
    import zipfile

    assert (built_site / "admin" / "index.html").is_file() and (built_site / "admin" / "config.yml").is_file()
    assert (built_site / "admin" / "vendor" / "decap-cms" / "decap-cms.js").is_file()
    assert (built_site / "admin" / "vendor" / "ajv" / "ajv2020.min.js").is_file()
    html = (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    with zipfile.ZipFile(offline_zip) as archive:
        assert not [name for name in archive.namelist() if "/admin/" in name]

