"""From a list to a decision: compare, share, print, weigh and find on a phone (issue #21), in Chromium."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from conftest import ROOT, TODAY, VOCABULARY, tick
from wegwijzer.core import load_toolbox
from wegwijzer.site.config import read_site_config
from wegwijzer.site.facts import evidence

SITE_URL = read_site_config(ROOT / "mkdocs.yml").site_url  # where shared links and QR codes must lead


@pytest.fixture(scope="module")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


def test_three_pinned_interventions_are_compared_and_the_comparison_survives_a_reload(page, browser, site_server):
    page.goto(site_server + "interventies/")
    page.wait_for_selector("#finder[data-ready]")
    pins = page.locator("#finder-results [data-pin]")
    chosen = [pins.nth(k).get_attribute("data-pin") for k in (0, 2, 4)]
    for k in (0, 2, 4):
        pins.nth(k).click()
    assert page.locator("#finder-results [data-pin][aria-pressed=true]").count() == 3
    assert page.text_content("#finder-compare") == "Vergelijk (3)"
    page.click("#finder-compare")
    page.wait_for_selector("#compare[data-ready]")
    shown = page.eval_on_selector_all("#compare-table thead th[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert sorted(shown) == sorted(chosen)
    assert page.get_attribute("#compare", "data-pins") == ",".join(chosen)  # in the order pinned
    address = page.url
    fresh = browser.new_page()
    fresh.goto(address)  # the same link, in a new page: the same three
    fresh.wait_for_selector("#compare[data-ready]")
    again = fresh.eval_on_selector_all("#compare-table thead th[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert again == shown
    assert fresh.locator("#compare-table tbody tr").count() >= 10  # target group, ages, evidence, … contact
    fresh.close()


def test_a_fifth_pin_is_refused_with_a_message(page, site_server):
    page.goto(site_server + "interventies/")
    page.wait_for_selector("#finder[data-ready]")
    pins = page.locator("#finder-results [data-pin]")
    for k in range(5):
        pins.nth(k).click()
    assert page.locator("#finder-results [data-pin][aria-pressed=true]").count() == 4
    assert "hoogstens 4" in page.text_content("#finder-copied")


def test_sort_by_evidence_puts_the_strongest_recognition_first(page, site_server, toolbox):
    page.goto(site_server + "interventies/#sorteer=erkenning")
    page.wait_for_selector("#finder[data-ready]")
    listed = page.eval_on_selector_all("#finder-results > li[data-id]", "els => els.map(e => e.dataset.id)")
    strengths = [evidence(toolbox.interventions[i], VOCABULARY).strength for i in listed]
    assert strengths == sorted(strengths, reverse=True) and strengths[0] > 0


def _fit_shortlist(page, site_server) -> str:
    page.goto(site_server + "passende-interventies/#factor=criminele-vrienden,schoolverzuim&van=14&tot=16&regio=twente")
    page.wait_for_selector("#fit[data-ready]")
    return page.get_attribute("#fit", "data-state")


def test_the_fit_instrument_shares_its_published_address_and_makes_a_hand_out(browser, site_server, toolbox):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/").rsplit("/", 1)[0])
    page = context.new_page()
    state = _fit_shortlist(page, site_server)
    page.click("[data-fit-copy]")
    page.wait_for_function("document.getElementById('fit-copied').textContent !== ''")
    assert page.text_content("#fit-copied") == "Link gekopieerd"
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL + "passende-interventies/#" + state
    results = page.eval_on_selector_all("#fit-results > li", "els => els.map(e => e.dataset.id)")
    page.click("[data-fit-handout]")
    page.wait_for_selector("#handout[data-ready]")
    listed = page.eval_on_selector_all("#handout > [data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert results and listed[:len(results)] == results
    assert "Factoren:" in page.text_content("#handout-criteria")
    assert page.get_attribute("#handout", "data-address") == SITE_URL + "passende-interventies/#" + state
    context.close()


def test_the_hand_out_carries_contacts_and_a_qr_code_that_leads_back_to_the_selection(page, site_server, toolbox):
    page.goto(site_server + "hand-out/#thema=wapens-en-jongeren&sorteer=erkenning")
    page.wait_for_selector("#handout[data-ready]")
    address = page.get_attribute("#handout", "data-address")
    published, _, fragment = address.partition("#")
    assert published == SITE_URL + "interventies/"
    assert sorted(fragment.split("&")) == ["sorteer=erkenning", "thema=wapens-en-jongeren"]
    assert page.get_attribute("#handout-address", "href") == address
    image = Image.open(io.BytesIO(page.locator("#handout-qr svg").screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [address]
    shown = page.locator("#handout > [data-id]:not([hidden])")
    reachable = [i for i in toolbox.interventions.values()
                 if i.reachable and any(t.id == "wapens-en-jongeren" for t in i.themes)]
    assert reachable
    card = shown.filter(has=page.locator(f"a[href*='/{reachable[0].id}/']")).first
    assert card.locator(".ww-reach__who a").count() >= 1  # whom to approach, with a route


def test_on_a_phone_the_count_is_on_screen_after_ticking_a_filter(browser, site_server, toolbox):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_server + "interventies/")
    page.wait_for_selector("#finder[data-ready]")
    toggle = page.locator("#finder-filters > summary")
    box = toggle.bounding_box()
    assert box["height"] >= 24 and "Filters" in toggle.text_content()
    toggle.click()
    tick(page, "thema", "wapens-en-jongeren")
    page.wait_for_function("document.getElementById('finder').dataset.state.includes('thema=')")
    bar = page.locator("#finder-bar")
    bounds = bar.bounding_box()
    assert 0 <= bounds["y"] and bounds["y"] + bounds["height"] <= 844, "the count is in view without scrolling"
    want = sum(1 for i in toolbox.interventions.values() if any(t.id == "wapens-en-jongeren" for t in i.themes))
    assert re.match(rf"{want} interventies? gevonden", bar.text_content())
    label = page.locator("label.ww-check").first.bounding_box()
    assert label["height"] >= 24, "checkbox targets are at least 24 px (WCAG 2.5.8)"
    context.close()


def test_the_evidence_overview_shows_the_gaps_the_data_has(page, site_server, toolbox):
    page.goto(site_server + "wat-werkt-waarvoor/")
    page.wait_for_selector("#evidence[data-ready]")
    recognised = [i for i in toolbox.interventions.values() if evidence(i, VOCABULARY).strength]
    gaps = sorted(f.name for f in toolbox.factors.values() if not any(f in i.factors for i in recognised))
    shown = page.eval_on_selector_all(
        "table[data-facet=factor] tr:has(.ww-evidence__gap:not([hidden])) th a", "els => els.map(e => e.textContent)")
    assert sorted(shown) == gaps
    page.goto(site_server + "wat-werkt-waarvoor/#leeftijd=tot-12")  # the finder's state narrows it
    page.wait_for_function("document.getElementById('evidence').dataset.state.includes('leeftijd')")
    assert not page.is_hidden("#evidence-filter")
    young = page.eval_on_selector_all("table[data-facet=factor] li[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert young and all(toolbox.interventions[i].age_min is None or toolbox.interventions[i].age_min <= 11 for i in young)


SEARCHES = ["mes", "messen", "wapen", "steekwapen", "mes op school", "leerling mes", "vuurwerkbom", "straatintimidatie",
            "snapchat"]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_ranks_guidance_above_figures_and_news(page, site_server, query):
    page.goto(site_server)
    page.click(".md-search__input")
    page.keyboard.type(query, delay=10)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta') && document.querySelector('.md-search__input').value === q "
        "&& document.querySelectorAll('.md-search-result__item').length > 0", arg=query)
    top = page.eval_on_selector_all(".md-search-result__item > a", "els => els.slice(0, 3).map(e => e.getAttribute('href'))")
    paths = [urlsplit(href).path for href in top]
    assert not any("/kerncijfers/" in path or "/actueel/" in path for path in paths), (query, paths)
    snippets = page.eval_on_selector_all(".md-search-result__item", "els => els.slice(0, 3).map(e => e.textContent)")
    assert not any(re.search(r"Periode\s*Waarde", text) for text in snippets), "chart tables stay out of snippets"


def test_on_a_phone_the_matrix_overview_names_the_parties_instead_of_hiding_them(browser, site_server, toolbox):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(site_server + "interventiematrix/")
    rows = page.locator(".ww-matrix-overview tbody tr")
    matrix = next(iter(toolbox.of_kind("matrix").values()))
    assert rows.count() == len(matrix.situations)
    for row, situation in zip(rows.all(), matrix.situations):
        named = row.locator("td.ww-matrix-overview__list")
        assert named.is_visible()
        want = [party.label for party in matrix.parties if situation.action_for(party)]
        assert named.text_content() == (", ".join(want) or "geen")
    heads = page.eval_on_selector_all(".ww-matrix-overview thead th", "els => els.filter(e => e.offsetParent).map(e => e.textContent)")
    assert heads == ["Situatie", "Partijen met een bron"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
