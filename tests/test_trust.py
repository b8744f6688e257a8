"""Trust: every fact has a source, nothing is an empty shell, no sentence is copied from a source document."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, fixture_site, pages_of, wegwijzer
from wegwijzer.core import load_toolbox
from wegwijzer.core.dates import dutch_date
from wegwijzer_dev.copyguard import runs, shared_runs
from wegwijzer.site.facets import build_facets
from wegwijzer.site.paths import page_path
from wegwijzer.core.loader import read_data
from wegwijzer.core.model import RECOGNISABLE_KIND
from wegwijzer.site.vocabulary import Vocabulary
from wegwijzer.core.schemas import SchemaSet

SCHEMAS = ROOT / "data" / "schema"
# Words that only ever stand in for content nobody wrote: none may reach a page.
PLACEHOLDERS = re.compile(r"nog niet (uit het model )?overgenomen|nog in te vullen|volgt nog|lorem ipsum|\bTODO\b|"
                          r"\bFIXME\b|\bTBD\b|inhoud van deze stap", re.IGNORECASE)
THIN = 12  # a page whose own text has fewer words than this is an empty shell


@pytest.fixture(scope="module")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


def indexed_pages(site: Path) -> dict[str, str]:
    """Each page's text as the site search indexes it (navigation, sources and dates left out)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, list[str]] = {}
    for doc in index["docs"]:
        pages.setdefault(doc["location"].split("#")[0], []).append(re.sub(r"<[^>]+>", " ", doc["text"]))
    return {location: " ".join(texts) for location, texts in pages.items()}


def is_shell(text: str) -> bool:
    return bool(PLACEHOLDERS.search(text)) or len(text.split()) < THIN


# -- sources -------------------------------------------------------------------------------------


def test_validation_reports_sources_for_every_entity(toolbox):
    sourced, carrying = toolbox.source_coverage()
    assert carrying > 200 and sourced == carrying
    summary = wegwijzer("validate").stdout.strip().splitlines()[-1]
    assert f"bronnen bij {carrying} van {carrying} items (100 %)" in summary


def test_an_entry_without_sources_is_refused(minimal_copy):
    path = minimal_copy / "themes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    sources:\n      - document: bronnotitie\n  - id: school",
                                 "  - id: school"), encoding="utf-8")
    result = wegwijzer("validate", "--data", str(minimal_copy))
    assert result.returncode == 1 and "themes[0]: verplicht veld `sources` ontbreekt" in result.stdout


def test_pages_show_sources_with_their_dates(built_site, toolbox):
    intervention = next(i for i in toolbox.interventions.values() if any(s.url for s in i.sources))
    html = (built_site / "interventies" / intervention.id / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section class="ww-sources".*?</section>', html, re.S).group(0)
    assert "geraadpleegd" in section
    assert all(s.url in section for s in intervention.sources if s.url)
    assert "Stand van de bronnen" in html and "Bronnen geraadpleegd" in html
    assert intervention.last_consulted.isoformat() in html


def test_every_source_line_says_the_day_it_was_consulted(built_site, toolbox):
    """A source document's own consulted date shows wherever it is cited, and on the page of source documents."""
    document = next(iter(toolbox.entities["source"].values()))
    cited = [page for page in built_site.rglob("index.html")
             if f"{document.title}" in page.read_text(encoding="utf-8")]
    assert cited
    undated = []
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for section in re.findall(r'<section class="ww-sources".*?</section>|<ul class="ww-documents">.*?</ul>', html, re.S):
            undated += [page.relative_to(built_site).as_posix()
                        for _ in re.finditer(r"[Gg]eraadpleegd(?! \d{1,2} [a-z]+ \d{4})", section)]
    assert undated == []
    said = f"geraadpleegd {dutch_date(document.consulted)}"
    assert any(said in page.read_text(encoding="utf-8") for page in cited), said


def test_a_review_date_shows_only_where_the_editors_reviewed():
    """Trust signals that mean something: no "not yet reviewed" on every public page (issue #21)."""
    site = fixture_site(TODAY)
    pages = pages_of(site)
    themes = site.toolbox.themes.values()
    assert {bool(t.last_reviewed) for t in themes} == {True, False}  # the fixture has both
    for theme in themes:
        body = pages[page_path(theme)]
        assert ("Gecontroleerd door de redactie" in body) is bool(theme.last_reviewed), theme.id
        assert "nog niet" not in body


def test_a_figure_known_only_from_news_reports_says_so_beside_its_sources(minimal_copy):
    path = minimal_copy / "figures.yaml"
    news = "      - url: https://example.org/nieuws/wapens\n        consulted: 2026-01-10\n        medium: nieuws\n"
    path.write_text(path.read_text(encoding="utf-8").replace("    sources:\n      - document: bronnotitie\n",
                                                             "    sources:\n" + news, 1), encoding="utf-8")
    site = fixture_site(TODAY, data_dir=minimal_copy)
    figures = list(site.toolbox.figures.values())
    assert [f.from_news_only for f in figures] == [True, False]
    page = pages_of(site)[next(iter(site.toolbox.figures.values())).data_kind.overview_page]
    said = "een nieuwsbericht over het cijfer"
    first, second = (page.split(f'id="{anchor}"', 1)[1].split("</section>", 1)[0]
                     for anchor in (f"cijfer-{figures[0].id}", f"cijfer-{figures[1].id}"))
    assert said in first and said not in second



def test_what_a_source_leaves_out_is_said_beside_that_source_escaped(minimal_copy):
    path = minimal_copy / "interventions.yaml"
    note = "        note: Noemt de duur niet <b>ook</b> niet.\n"
    text = path.read_text(encoding="utf-8")
    anchor = "      - url: https://example.org/databank/training-weerbaar\n        consulted: 2026-01-10\n"
    path.write_text(text.replace(anchor, anchor + note, 1), encoding="utf-8")
    site = fixture_site(TODAY, data_dir=minimal_copy)
    page = pages_of(site)[page_path(site.toolbox.interventions["training-weerbaar"])]
    sources = page.split('<section class="ww-sources"', 1)[1].split("</section>", 1)[0]
    assert "example.org/databank/training-weerbaar" in sources
    assert "(opmerking: Noemt de duur niet &lt;b&gt;ook&lt;/b&gt; niet)" in sources
    assert "Noemt de duur niet" not in page.replace(sources, "")  # beside the source, nowhere else

# -- kinds of offering ---------------------------------------------------------------------------


def test_the_schema_and_the_model_agree_on_what_can_be_recognised():
    offering = SchemaSet(SCHEMAS).definitions["intervention"]
    assert offering["if"]["properties"]["kind"]["const"] == RECOGNISABLE_KIND


def test_recognised_interventions_carry_level_and_source(toolbox):
    recognised = [i for i in toolbox.interventions.values() if i.recognition]
    assert len(recognised) >= 20
    for i in recognised:
        assert i.kind == RECOGNISABLE_KIND and i.recognition.url.startswith("https://") and i.recognition.consulted
        assert i.recognition.level in i.recognition_label
    others = [i for i in toolbox.interventions.values() if not i.recognisable]
    assert others and all(i.recognition_label.startswith("niet van toepassing") for i in others)


def test_the_recognition_facet_has_levels_and_only_interventions(toolbox):
    facet = next(f for f in build_facets(toolbox, Vocabulary(SchemaSet(SCHEMAS))) if f.key == "erkenning")
    assert len(facet.options) >= 3
    assert sum(o.count for o in facet.options) == sum(1 for i in toolbox.interventions.values() if i.recognisable)


# -- no empty shells -----------------------------------------------------------------------------


def test_no_page_is_an_empty_shell(built_site):
    shells = {location: text[:80] for location, text in indexed_pages(built_site).items() if is_shell(text)}
    assert shells == {}


def test_a_barrier_model_without_named_steps_has_no_step_pages(built_site, toolbox):
    for model in toolbox.barrier_models.values():
        if not model.steps:
            assert not any(built_site.glob(f"barrieremodellen/{model.id}-*/index.html"))
            assert not (built_site / "matrices" / "interventies-en-barrieremodel").exists() or any(
                b.interventions for b in model.unplaced_barriers)


def test_the_top_five_for_wapens_are_substantive_pages(page, site_server, built_site):
    texts = indexed_pages(built_site)
    page.goto(site_server)
    page.click(".md-search__input")
    page.keyboard.type("wapens", delay=20)
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")[:5]
    assert len(hrefs) == 5
    locations = [re.sub(r"^.*?/toolbox/", "", href).split("#")[0].split("?")[0] for href in hrefs]
    assert [location for location in locations if is_shell(texts[location])] == []


# -- no copied sentences -------------------------------------------------------------------------

NAMES = {"name", "title", "short_name", "section"}  # names and titles may be quoted exactly
ADDRESSES = {"url", "website", "page"}


def _texts(shape, value, path=()):
    """(path, text) of every free text in a document, names, titles and addresses excepted."""
    if isinstance(value, str):
        if shape.free_text and not (path and path[-1] in NAMES | ADDRESSES):
            yield path, value
    elif isinstance(value, dict):
        for key, child in shape.properties.items():
            if key in value:
                yield from _texts(child, value[key], path + (key,))
    elif isinstance(value, list) and shape.items is not None:
        for index, item in enumerate(value):
            yield from _texts(shape.items, item, path + (index,))


def known_runs(name: str) -> set[str]:
    """Fingerprints of tests/fixtures/<name>: the seed documents (seed-runs.txt) or the consulted pages (page-runs.txt)."""
    lines = (ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def seed_runs() -> set[str]:
    return known_runs("seed-runs.txt")


def copied_runs(data_dir: Path, known: set[str]) -> list[str]:
    schemas = SchemaSet(SCHEMAS)
    dataset, _ = read_data(data_dir, data_dir.parent)
    found = []
    for _, data_file, document in dataset.all():
        for path, text in _texts(schemas.shape(data_file.schema), document.data):
            found += [f"{document.path}:{document.locate(path)[0]}: {run}" for run in shared_runs(text, known)]
    return found


def test_no_text_shares_ten_words_in_a_row_with_a_source_document():
    known = seed_runs()
    assert len(known) > 5000  # the fingerprints of all five documents are there
    assert copied_runs(ROOT / "data", known) == []


def test_no_text_shares_ten_words_in_a_row_with_a_consulted_page():
    known = known_runs("page-runs.txt")
    assert len(known) > 50000  # the stored text of the pages the content cites
    assert copied_runs(ROOT / "data", known) == []


def test_no_hand_written_page_shares_ten_words_in_a_row_with_a_source():
    known = seed_runs() | known_runs("page-runs.txt")
    pages = sorted((ROOT / "content").rglob("*.md"))
    assert pages
    found = {str(page.relative_to(ROOT)): shared_runs(page.read_text(encoding="utf-8"), known) for page in pages}
    assert {page: runs for page, runs in found.items() if runs} == {}


SOURCE = """Het programma wil dat scholen, jongerenwerk en politie signalen van wapen-
bezit eerder met elkaar delen, zodat zij samen kunnen ingrijpen voordat iemand gewond raakt."""


def test_the_copy_guard_finds_ten_copied_words_and_not_nine(data_copy):
    known = {print_ for _, print_ in runs(SOURCE)}
    ten = "Scholen, jongerenwerk en politie signalen van wapenbezit eerder met elkaar"  # case, comma, hyphenation
    nine = "jongerenwerk en politie signalen van wapenbezit eerder met elkaar"
    assert shared_runs(f"Zoals gezegd: {ten} delen.", known) == [
        "scholen jongerenwerk en politie signalen van wapenbezit eerder met elkaar delen"]
    assert shared_runs(nine, known) == []
    path = data_copy / "themes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\n    intro: ", f"\n    intro: {ten}. ", 1),
                    encoding="utf-8")
    [hit] = copied_runs(data_copy, known)
    assert hit.startswith("data/themes.yaml:")
    name = path.read_text(encoding="utf-8").replace("\n    name: ", f"\n    name: {ten} ", 1)
    path.write_text(name, encoding="utf-8")
    assert len(copied_runs(data_copy, known)) == 1  # a name may quote a title exactly
