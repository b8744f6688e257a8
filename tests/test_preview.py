"""The live preview after a save: only what a change touches is made again, and the result is a full build's.

In-process on the fixture data (fast): after each of a sequence of edits the
updated site has exactly the pages and files a new site of the same data has,
and an edit renders again only the pages that read what changed. With MkDocs
(slow): the preview's output folder after edits is byte for byte a clean
build's, and in Chromium a save reloads the pages it changed but never the
form editor, whose unsaved input stays.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SCHEMAS, TODAY
from test_serve import _free_port, _get
from wegwijzer.core import check_data
from wegwijzer.site.assemble import Site
from wegwijzer.site.incremental import update_site
from wegwijzer.site.outputs import Publication
from wegwijzer.site.render import RenderSettings

SETTINGS = RenderSettings(Publication("Wegwijzer", "https://example.org/toolbox/"),
                          repo_url="https://github.com/org/repo")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(data: Path):
    result = check_data(data, today=TODAY, schema_dir=SCHEMAS)
    assert not result.errors, [p.format() for p in result.errors]
    return result


# Each edit: (file, old text, new text, pages it must render again, pages it must not).
EDITS = [
    ("interventions.yaml", "Een lespakket over **weerbaarheid**.", "Een lespakket over weerbaarheid en grenzen.",
     {"interventies/lespakket-weerbaar.md", "themas/wapens-en-jongeren.md", "interventies/index.md"},
     {"interventies/nazorg.md", "partners/politie.md"}),
    ("partners.yaml", "short_name: CCV", "short_name: Het CCV",  # a name on every card of its interventions
     {"partners/ccv.md", "interventies/training-weerbaar.md", "themas/wapens-en-jongeren.md"},
     {"partners/politie.md", "interventies/nazorg.md"}),
    ("themes.yaml", "name: School en veiligheid", "name: Veilig naar school",
     {"themas/school-en-veiligheid.md", "themas/index.md", "interventies/lespakket-weerbaar.md"},
     {"interventies/training-weerbaar.md", "themas/wapens-en-jongeren.md"}),
    ("interventions.yaml", "themes: [wapens-en-jongeren]\n    factors: [groepsdruk]",
     "themes: [wapens-en-jongeren, school-en-veiligheid]\n    factors: [groepsdruk]",
     {"interventies/training-weerbaar.md", "themas/school-en-veiligheid.md"}, {"interventies/nazorg.md"}),
    ("synonyms.yaml", "words: [mes, steekwapen, wapen]", "words: [mes, steekwapen, wapen, messen]",
     {"interventiematrix.md"}, {"interventies/nazorg.md", "themas/wapens-en-jongeren.md"}),
    ("helplines.yaml", "", "", set(), set()),  # nothing changed: nothing is rendered again
]


def test_an_update_renders_only_what_an_edit_touches_and_equals_a_new_site(minimal_copy):
    site = Site(_check(minimal_copy), SETTINGS, today=TODAY, template_dir=ROOT / "overrides", record_reads=True)
    site.pages, site.files()
    for file, old, new, touched, untouched in EDITS:
        if old:
            _edit(minimal_copy / file, old, new)
        result = _check(minimal_copy)
        update = update_site(site, result)
        fresh = {p.src_uri: (p.heading, p.body) for p in Site(result, SETTINGS, today=TODAY,
                                                                template_dir=ROOT / "overrides").pages}
        assert {p.src_uri: (p.heading, p.body) for p in update.site.pages} == fresh, file
        assert update.site.files() == Site(result, SETTINGS, today=TODAY, template_dir=ROOT / "overrides").files()
        before = {page.src_uri: page for page in site.pages}
        redone = {page.src_uri for page in update.site.pages if page is not before.get(page.src_uri)}
        assert touched <= redone and not untouched & redone, (file, sorted(redone))
        assert {page.src_uri for page in update.pages} == {
            uri for uri in redone if (before[uri].heading, before[uri].body) != fresh[uri]}
        if not old:
            assert redone == set() and update.pages == [] and update.files == {}
        site = update.site


def test_a_page_records_what_it_read(minimal_copy):
    site = Site(_check(minimal_copy), SETTINGS, today=TODAY, template_dir=ROOT / "overrides", record_reads=True)
    pages = {page.src_uri: page for page in site.pages}
    nazorg = pages["interventies/nazorg.md"].reads
    assert {("intervention", "nazorg"), ("partner", "politie"), ("theme", "wapens-en-jongeren")} <= nazorg.entities
    assert ("intervention", "lespakket-weerbaar") not in nazorg.entities and not nazorg.everything
    assert pages["themas/index.md"].reads.collections >= {"theme"}
    assert pages["interventies/index.md"].reads.everything  # the catalogue: listings of the whole toolbox
    assert Site(_check(minimal_copy), SETTINGS, today=TODAY, template_dir=ROOT / "overrides").pages[0].reads is None


# -- with MkDocs ---------------------------------------------------------------------------------


NEW_ENTRY = """\
  - id: nieuw-in-het-voorbeeld
    name: Nieuw in het voorbeeld
    summary: Een aanbod dat net is toegevoegd.
    kind: lespakket
    provider: halt
    themes: [wapens-en-jongeren]
    sources:
      - document: workshop-vroegsignalering
"""


def _differences(left: Path, right: Path) -> list[str]:
    found = []

    def walk(comparison: filecmp.dircmp) -> None:
        found.extend(os.path.join(comparison.left, name)
                     for name in comparison.diff_files + comparison.left_only + comparison.right_only)
        for sub in comparison.subdirs.values():
            walk(sub)

    walk(filecmp.dircmp(left, right))
    return found


@pytest.mark.slow
def test_the_preview_after_edits_is_byte_identical_to_a_full_build(data_copy, tmp_path, monkeypatch):
    from mkdocs.commands.build import build as mkdocs_build

    from wegwijzer.plugin.engine import load_config
    from wegwijzer.plugin.preview import Preview

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    spec = {"config_file": str(ROOT / "mkdocs.yml"), "engine": "mkdocs", "offline": False, "site_url": None,
            "quiet": True, "plugin": {"today": TODAY.isoformat(), "preview": True, "data_dir": str(data_copy),
                                      "attach_zip": None}}
    url = "http://127.0.0.1:8000/toolbox/"
    preview = Preview(spec, str(tmp_path / "preview"), url)
    preview.build()
    interventions, themes = data_copy / "interventions.yaml", data_copy / "themes.yaml"
    first = re.search(r"\n  - id: ([a-z0-9-]+)\n", interventions.read_text(encoding="utf-8")).group(1)
    steps = [
        (interventions, "\n    summary: >-\n      ", "\n    summary: >-\n      Bijgewerkt. ", "update"),
        (themes, "\n    intro: ", "\n    intro: Ook bijgewerkt. ", "update"),
        (interventions, f"\n  - id: {first}\n", f"\n  - id: {first}\n    cost: gratis\n", "update"),  # lines shift
        (themes, "\n    intro: ", "\n    intro: '", "full"),  # an error: the browser shows it
        (themes, "\n    intro: '", "\n    intro: ", "full"),  # fixed
        (interventions, "\ninterventions:\n", "\ninterventions:\n" + NEW_ENTRY, "full"),  # another set of pages
    ]
    for number, (path, old, new, kind) in enumerate(steps):
        _edit(path, old, new)
        builds = preview.full_builds
        changed = preview.update()
        assert changed and (preview.full_builds > builds) == (kind == "full"), (number, kind)
        if kind == "update" or number == len(steps) - 1:
            reference = tmp_path / f"reference-{number}"
            config = load_config(dict(spec, plugin=dict(spec["plugin"], preview=False)), str(reference))
            config.site_url = url
            mkdocs_build(config, serve_url=url)
            assert _differences(tmp_path / "preview", reference) == [], number
    assert preview.update() == set()  # nothing changed since: nothing is done


def test_a_save_reloads_the_pages_it_changed_but_never_the_form_editor(browser, tmp_path):
    """An editor with unsaved input in /admin/ keeps it when a file elsewhere in data/ is saved."""
    from wegwijzer.editor.backend import DEFAULT_PORT, loopback_origins, start_backend, stop
    from wegwijzer.site.config import read_site_config

    repository = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repository / "data")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repository, check=True)
    port, backend_port = _free_port(), _free_port()
    server = subprocess.Popen([sys.executable, "-m", "wegwijzer", "serve", "--data", str(repository / "data"),
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    backend = start_backend(repository, origins=loopback_origins(f"127.0.0.1:{port}"), port=backend_port)
    site = f"http://127.0.0.1:{port}{read_site_config(ROOT / 'mkdocs.yml').url_path()}"
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    # The preview's editor talks to the local backend's usual port; this test's backend has a port of its own.
    context.route(lambda url: f":{DEFAULT_PORT}/api/" in url, lambda route: route.continue_(
        url=f"http://127.0.0.1:{backend_port}/api/" + route.request.url.split("/api/", 1)[1]))
    try:
        deadline = time.monotonic() + 120
        while "<h1" not in _get(site) and time.monotonic() < deadline:
            time.sleep(0.2)
        editor, overview = context.new_page(), context.new_page()
        editor.set_default_timeout(90_000)
        themes = (repository / "data" / "themes.yaml").read_text(encoding="utf-8")
        theme_id, theme = re.search(r"\n  - id: (.+)\n    name: (.+)\n", themes).groups()
        editor.goto(f"{site}admin/#/collections/themes/entries/{theme_id}")  # one entry of the list file
        editor.get_by_role("button", name="Inloggen").click()
        name = editor.get_by_label("Naam", exact=True).first
        name.wait_for()
        name.fill(f"{theme} (nog niet opgeslagen)")
        editor.evaluate("window.sinceLoad = 'nog dezelfde pagina'")
        interventions = repository / "data" / "interventions.yaml"
        first = re.search(r"\n  - id: ([a-z0-9-]+)\n", interventions.read_text(encoding="utf-8"))[1]
        overview.goto(f"{site}interventies/{first}/")
        overview.evaluate("window.sinceLoad = 'nog dezelfde pagina'")
        _edit(interventions, "\n    summary: >-\n      ", "\n    summary: >-\n      Bijgewerkt in een andere editor. ")
        overview.wait_for_function("() => window.sinceLoad === undefined", timeout=60_000)  # it reloaded...
        overview.get_by_text("Bijgewerkt in een andere editor.", exact=False).first.wait_for()  # ...with the change
        assert editor.evaluate("window.sinceLoad") == "nog dezelfde pagina"  # the editor did not reload
        assert name.input_value() == f"{theme} (nog niet opgeslagen)"
    finally:
        context.close()
        stop(backend)
        server.terminate()
        server.wait(timeout=30)


def test_a_check_after_a_save_reads_and_checks_only_the_saved_file(minimal_copy, monkeypatch):
    from wegwijzer.core import Reading
    from wegwijzer.core import loader, validator

    reading = Reading()
    first = check_data(minimal_copy, today=TODAY, schema_dir=SCHEMAS, reading=reading)
    read, checked = [], []
    monkeypatch.setattr(loader, "_read", lambda path, shown, real=loader._read: (read.append(shown),
                                                                                 real(path, shown))[1])
    monkeypatch.setattr(validator, "_schema_problems", lambda document, *args, real=validator._schema_problems: (
        checked.append(document.path), real(document, *args))[1])
    _edit(minimal_copy / "themes.yaml", "intro: Veilige scholen.", "intro: Veilige scholen, ook online.")
    again = check_data(minimal_copy, today=TODAY, schema_dir=SCHEMAS, reading=reading)
    assert read == checked == [f"{minimal_copy.name}/themes.yaml"]
    assert again.toolbox.themes["school-en-veiligheid"].intro == "Veilige scholen, ook online."
    _edit(minimal_copy / "themes.yaml", "    name: School en veiligheid\n", "")  # now a mistake in that file
    broken = check_data(minimal_copy, today=TODAY, schema_dir=SCHEMAS, reading=reading)
    assert [p.format() for p in broken.problems] == [
        p.format() for p in check_data(minimal_copy, today=TODAY, schema_dir=SCHEMAS).problems] != []
    assert first.toolbox is not None and broken.toolbox is None
