"""Trust: every fact has a source, nothing is an empty shell, no sentence is copied from a source document."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, fixture_site, pages_of, wegwijzer
from wegwijzer.core import load_toolbox
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
    assert intervention.consulted.isoformat() in html


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
