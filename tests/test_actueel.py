"""Actueel (news and activities), Kerncijfers, open data and "wat is er veranderd"."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import feedparser
import icalendar
import jsonschema_rs
import pytest
import rdflib

from conftest import FIXTURES, ROOT, TODAY, fixture_site, pages_of
from wegwijzer.core import check_data, load_toolbox
from wegwijzer.core.changes import ADDED, CHANGED, NEW, REMOVED, content_changes, describe
from wegwijzer.site.opendata import CATALOGUE, CATALOGUE_SCHEMA, CC0, CSV_FOLDER, DCAT, SCHEMA_FOLDER, dcat_description
from wegwijzer.site.vocabulary import Vocabulary
from wegwijzer.site.paths import CALENDAR_FILE, NEWS_FEED, SITE_PAGE

CHANGES_PAGE, NEWS_ARCHIVE_PAGE = SITE_PAGE["changes"].path, SITE_PAGE["news_archive"].path
from wegwijzer.core.schemas import SchemaSet


@pytest.fixture(scope="module")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


# -- Actueel -------------------------------------------------------------------------------------


def test_an_activity_moves_to_the_archive_once_it_is_over():
    probe = fixture_site(TODAY).toolbox.events["rondetafel"]
    day = probe.start.date()
    before, after = pages_of(fixture_site(day)), pages_of(fixture_site(day + dt.timedelta(days=1)))
    agenda = lambda body: body.split('id="agenda"')[1].split('id="nieuws"')[0]  # noqa: E731
    assert probe.name in agenda(before["actueel/index.md"])
    assert probe.name not in agenda(after["actueel/index.md"])
    assert probe.name in after[NEWS_ARCHIVE_PAGE] and "Deze activiteit is voorbij" in after["agenda/rondetafel.md"]
    assert "Deze activiteit is voorbij" not in before["agenda/rondetafel.md"]


def test_a_series_known_by_period_is_listed_but_not_in_the_calendar():
    renderer = fixture_site(TODAY)
    series = renderer.toolbox.events["regiobijeenkomst"]
    assert series.is_series and series.name in pages_of(renderer)["actueel/index.md"]
    calendar = icalendar.Calendar.from_ical(renderer.files()[CALENDAR_FILE])
    assert series.id not in {str(event["uid"]).split("@")[0] for event in calendar.walk("VEVENT")}


def test_news_feed_and_calendar_parse_with_standard_libraries(built_site, toolbox):
    feed = feedparser.parse((built_site / NEWS_FEED).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == len(toolbox.news) > 0
    newest = max(toolbox.news.values(), key=lambda n: (n.day, n.name))
    assert feed.entries[0].title == newest.name
    assert all(entry.link.startswith("https://") and entry.link.endswith("/") for entry in feed.entries)
    dated = [e for e in toolbox.events.values() if not e.is_series]
    if not dated:
        assert not (built_site / CALENDAR_FILE).exists()
        return
    calendar = icalendar.Calendar.from_ical((built_site / CALENDAR_FILE).read_bytes())
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(events) == {e.id for e in dated}
    for event in dated:
        start = events[event.id].decoded("dtstart")
        if isinstance(event.start, dt.datetime):
            assert start.utcoffset() is not None and start.replace(tzinfo=None) == event.start
        else:
            assert start == event.start


def test_theme_and_region_pages_show_their_news_activities_and_figures():
    day = fixture_site(TODAY).toolbox.events["rondetafel"].start.date()
    pages = pages_of(fixture_site(day))
    theme = pages["themas/wapens-en-jongeren.md"]
    assert "Barrièremodel verschenen" in theme and "Rondetafelgesprek" in theme  # not over yet on that day
    assert "1.268" in theme and "315 in 2019, 1.268 in 2022" in theme
    region = pages["regios/regio.md"]
    assert "Jaarplan van de regio" in region and "ruim 1.000" in region


def test_figures_overview_has_an_accessible_chart_with_a_table():
    body = pages_of(fixture_site(TODAY))["kerncijfers/index.md"]
    assert '<svg viewBox' in body and 'role="img"' in body and "<desc" in body
    assert "<table class=\"ww-chart-table\">" in body and "<td>2019</td><td>315</td>" in body


# -- open data -----------------------------------------------------------------------------------


def test_the_catalogue_json_validates_against_its_shipped_schema(built_site, toolbox):
    folder = built_site / SCHEMA_FOLDER
    schemas = {json.loads(p.read_text(encoding="utf-8"))["$id"]: json.loads(p.read_text(encoding="utf-8"))
               for p in folder.glob("*.json")}
    main = json.loads((built_site / CATALOGUE_SCHEMA).read_text(encoding="utf-8"))
    registry = jsonschema_rs.Registry(list(schemas.items()))
    validator = jsonschema_rs.Draft202012Validator(main, registry=registry)
    catalogue = json.loads((built_site / CATALOGUE).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(catalogue)) == []
    assert {i["id"] for i in catalogue["interventions"]} | {
        o["id"] for region in catalogue["regions"] for o in region.get("offerings", [])} == set(toolbox.interventions)
    broken = dict(catalogue, interventions=[{"id": "x"}])
    assert not validator.is_valid(broken)


def read_table(site: Path, collection: str) -> list[dict[str, str]]:
    raw = (site / CSV_FOLDER / f"{collection}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_tables_read_back_as_the_data(built_site, toolbox):
    rows = {row["id"]: row for row in read_table(built_site, "interventions")}
    assert set(rows) == set(toolbox.interventions)
    for intervention in toolbox.interventions.values():
        row = rows[intervention.id]
        assert row["name"] == intervention.name and row["kind"] == intervention.kind
        assert row["themes"] == "; ".join(t.id for t in intervention.themes)
        assert row["hoort_bij"] == (intervention.region.id if intervention.region else "")
        assert json.loads(row["sources"])[0].keys() <= {"document", "url", "title", "section", "published", "consulted"}
    partners = read_table(built_site, "partners")
    assert [row["name"] for row in partners] == [p.name for p in toolbox.partners.values()]
    assert any(not row["name"].isascii() for row in partners + list(rows.values()))  # accents survive the trip


def test_dcat_description_parses_and_lists_every_file(built_site):
    graph = rdflib.Graph().parse(data=(built_site / DCAT).read_text(encoding="utf-8"), format="json-ld")
    dcat, dct = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://purl.org/dc/terms/")
    datasets = list(graph.subjects(rdflib.RDF.type, dcat.Dataset))
    assert len(datasets) == 1
    downloads = {str(url) for url in graph.objects(None, dcat.downloadURL)}
    assert downloads and all((built_site / url.split("/toolbox/", 1)[1]).is_file() for url in downloads)
    assert {str(url) for url in graph.objects(None, dct.license)} == {CC0}  # mkdocs.yml sets none: CC0
    assert CC0 in (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert next(graph.objects(datasets[0], dct.title)).language == "nl"


def test_open_data_and_feeds_are_in_the_offline_zip(offline_zip):
    import zipfile

    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
    for path in (CATALOGUE, DCAT, f"{CSV_FOLDER}/interventions.csv", NEWS_FEED, "actueel/index.html",
                 "kerncijfers/index.html", "open-data.html"):
        assert f"wegwijzer/{path}" in names, path


# -- what changed ----------------------------------------------------------------------------------


def _commit(repository: Path, message: str, day: dt.date) -> None:
    stamp = f"{day.isoformat()}T12:00:00+01:00"
    env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "Redactie",
           "GIT_AUTHOR_EMAIL": "redactie@example.org", "GIT_COMMITTER_NAME": "Redactie",
           "GIT_COMMITTER_EMAIL": "redactie@example.org", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "add", "-A"], cwd=repository, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repository, check=True, env=env)


def test_what_changed_comes_from_the_history(tmp_path):
    import shutil

    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", repository / "data")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repository, check=True)
    first = TODAY - dt.timedelta(days=30)
    _commit(repository, "Eerste versie", first)
    interventions = repository / "data" / "interventions.yaml"
    text = interventions.read_text(encoding="utf-8")
    interventions.write_text(text.replace("Een lespakket over **weerbaarheid**.", "Een lespakket over weerbaarheid."),
                             encoding="utf-8")
    themes = repository / "data" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8") + "  - id: nieuw-thema\n    name: Nieuw thema\n"
                      "    intro: Nieuw.\n    municipality_role: Regie.\n    sources:\n      - document: bronnotitie\n",
                      encoding="utf-8")
    interventions.write_text(interventions.read_text(encoding="utf-8").replace(
        "    summary: Een erkende training voor jongeren.\n",
        "    summary: Een erkende training voor jongeren.\n    duration: 10 weken\n"), encoding="utf-8")
    (repository / "data" / "news" / "jaarplan.yaml").unlink()
    for internal in ("synonyms.yaml", "sources.yaml"):  # only serve other entries: no news to a reader
        path = repository / "data" / internal
        path.write_text(path.read_text(encoding="utf-8").replace("words: [mes, steekwapen, wapen]",
                                                                 "words: [mes, messen, steekwapen, wapen]")
                        .replace("title: Bronnotitie voor de tests", "title: Bronnotitie"), encoding="utf-8")
    second = TODAY - dt.timedelta(days=2)
    _commit(repository, "Wijzigingen", second)
    # Later that day: the same entry again, and the new theme: each entry once for the day, its fields together.
    interventions.write_text(interventions.read_text(encoding="utf-8").replace(
        "    age: {min: 14, max: 17}\n", "    age: {min: 13, max: 17}\n"), encoding="utf-8")
    themes.write_text(themes.read_text(encoding="utf-8").replace("    intro: Nieuw.\n", "    intro: Nieuw thema.\n"),
                      encoding="utf-8")
    _commit(repository, "Nog een wijziging", second)
    schemas = SchemaSet(ROOT / "data" / "schema")
    changes = content_changes(repository, repository / "data", schemas, TODAY)
    latest = [(c.what, c.kind, c.entity_id, c.fields) for c in changes if c.day == second]
    assert sorted(latest) == sorted([(CHANGED, "intervention", "lespakket-weerbaar", (("summary", CHANGED),)),
                                     (CHANGED, "intervention", "training-weerbaar", (("age", CHANGED), ("duration", ADDED))),
                                     (NEW, "theme", "nieuw-thema", ()), (REMOVED, "news", "jaarplan", ())])
    vocabulary = Vocabulary(schemas)
    said = describe({CHANGED: [c for c in changes if c.entity_id == "training-weerbaar" and c.day == second]},
                    vocabulary.field_title)
    assert said == "Gewijzigd: Training Weerbaar (interventie: leeftijd gewijzigd, duur toegevoegd)."
    assert {c.what for c in changes if c.day == first} == {NEW}
    assert content_changes(tmp_path, tmp_path / "elders", schemas, TODAY) is None


def test_the_changes_page_and_feed(built_site):
    page = built_site / CHANGES_PAGE.replace(".md", "/index.html")
    feed = feedparser.parse((built_site / "wijzigingen.xml").read_bytes())
    assert page.is_file() and not feed.bozo and feed.entries
    assert feed.entries[0].link.split("#")[1].startswith("d-")


def test_a_licence_set_in_mkdocs_yml_is_the_one_the_open_data_names(tmp_path):
    chosen = "https://creativecommons.org/licenses/by/4.0/"
    site = fixture_site(TODAY, data_licence=chosen)
    description = json.loads(site.outputs.files()[DCAT])
    licences = [description["dct:license"]] + [d["dct:license"] for d in description["dcat:distribution"]]
    assert len(licences) > 1 and all(licence == {"@id": chosen} for licence in licences)
