"""The offline export works from file:// with no network, and handouts print."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import ROOT, TODAY, VOCABULARY, tick
from wegwijzer.core import load_toolbox
from wegwijzer.site.facets import facet_values


@pytest.fixture(scope="module")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


def test_zip_is_named_after_the_date_and_holds_the_whole_site(offline_zip, toolbox):
    assert re.fullmatch(r"wegwijzer-offline-\d{4}-\d{2}-\d{2}\.zip", offline_zip.name)
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
    assert "wegwijzer/index.html" in names
    assert "wegwijzer/search/search_index.js" in names
    some = next(iter(toolbox.interventions))
    assert f"wegwijzer/interventies/{some}.html" in names



def test_every_offline_page_says_which_day_its_content_is_from(offline_zip, built_site):
    with zipfile.ZipFile(offline_zip) as archive:
        pages = {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".html")}
    banners = {re.search(r'<p class="ww-offline-banner">Offline versie · inhoud van ([^<]+)</p>', html).group(1)
               for html in pages.values()}  # raises where a page has none
    assert len(pages) > 100 and len(banners) == 1
    assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", banners.pop())
    assert "ww-offline-banner" not in (built_site / "index.html").read_text(encoding="utf-8")

def test_offline_site_from_file_url(page, unzipped_offline, toolbox):
    start = (unzipped_offline / "index.html").as_uri()
    page.goto(start)
    # Follow links between pages: home → catalogue → an intervention → its theme.
    page.click("nav.md-tabs a:has-text('Interventies')")
    page.wait_for_selector("#finder[data-ready]")
    assert page.url.endswith("interventies/index.html")
    # A finder filter gives the expected count.
    tick(page, "thema", "wapens-en-jongeren")
    want = sum(1 for i in toolbox.interventions.values() if "wapens-en-jongeren" in facet_values(i, VOCABULARY)["thema"])
    assert page.text_content("#finder-count") == f"{want} interventies gevonden"
    page.click("#finder-results li:not([hidden]) a.ww-card__title >> nth=0")
    page.wait_for_selector("h1")
    assert page.url.startswith("file://") and page.url.endswith(".html")
    page.click("#themas + ul a >> nth=0")
    assert "/themas/" in page.url
    # Search (Material's, in a worker shimmed by the local iframe-worker) finds a page.
    page.click(".md-search__input")
    page.keyboard.type("interventiematrix", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    titles = page.eval_on_selector_all(".md-search-result__item", "els => els.map(e => e.textContent)")
    assert any("Interventiematrix" in t for t in titles)
    # No request left the machine; no script failed.
    assert [url for url in page.requests if not url.startswith(("file://", "data:", "blob:", "about:"))] == []
    assert page.console_errors == []


def test_handout_prints_the_selected_interventions(page, site_server, toolbox, tmp_path):
    page.goto(site_server + "interventies/#regio=noord-holland&doelgroep=jongeren")
    page.wait_for_selector("#finder[data-ready]")
    page.click("[data-finder-handout]")
    page.wait_for_url("**/hand-out/**")
    shown = page.eval_on_selector_all("#handout [data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")
    want = {i.id for i in toolbox.interventions.values()  # national offer is shown with a region
            if {"noord-holland", "landelijk"} & set(facet_values(i, VOCABULARY)["regio"]) and "jongeren" in i.target_groups}
    assert set(shown) == want and want
    pdf = tmp_path / "hand-out.pdf"
    page.emulate_media(media="print")
    assert page.is_hidden(".md-header")
    page.pdf(path=str(pdf), format="A4")
    text = _pdf_text(pdf.read_bytes())
    for intervention_id in want:
        name = toolbox.interventions[intervention_id].name
        assert name.split()[0] in text


def _pdf_text(data: bytes) -> str:
    """Text of a Chromium PDF, good enough to find names (uses pdftotext if present)."""
    import shutil
    import subprocess
    import tempfile

    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            return subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True).stdout
    pytest.fail("pdftotext (poppler-utils) is needed to read the printed handout; run `make browser`")
