"""The finder, matrices and fit instrument in real headless Chromium."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, TODAY, tab_to
from wegwijzer import load_toolbox
from wegwijzer.finder import facet_values
from wegwijzer.render import anchor_of
from wegwijzer.textformat import sort_key


@pytest.fixture(scope="module")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


def listed_ids(page) -> list[str]:
    return page.eval_on_selector_all("#finder-results li[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")


def visible_ids(page) -> list[str]:
    """All results, after asking for the next page until there is none."""
    for _ in range(100):
        if not page.is_visible("#finder-more"):
            return listed_ids(page)
        page.click("#finder-more")
    raise AssertionError("the 'Toon meer' button never went away")


def expected(toolbox, **wanted) -> set[str]:
    """Ids the finder must show for facet filters, computed from the model."""
    found = set()
    for intervention in toolbox.interventions.values():
        values = facet_values(intervention)
        if all(set(values[key]) & set(options) for key, options in wanted.items()):
            found.add(intervention.id)
    return found


def wait_for_search_worker(page):
    """Material's search worker, once it has loaded lunr with Dutch (it starts after the page)."""
    workers = [w for w in page.workers if "search" in w.url]
    worker = workers[0] if workers else page.wait_for_event("worker", predicate=lambda w: "search" in w.url)
    worker.evaluate("""() => new Promise(resolve => {
        const ready = () => typeof lunr !== "undefined" && lunr.nl ? resolve(true) : setTimeout(ready, 20);
        ready();
    })""")
    return worker


def open_finder(page, site_server, fragment=""):
    page.goto(site_server + "interventies/" + fragment)
    page.wait_for_selector("#finder:not([hidden])")


def wait_for_state(page, state: str) -> None:
    """Until the finder shows ``state`` (it writes what it shows in data-state after each change)."""
    page.wait_for_function("state => document.getElementById('finder').dataset.state === state", arg=state)


def test_without_javascript_every_entry_is_listed(browser, site_server, toolbox):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "interventies/")
    items = page.eval_on_selector_all("#finder-results li[data-id]", "els => els.length")
    assert items == len(toolbox.interventions)
    assert page.is_hidden("#finder")  # no dead controls without JavaScript
    context.close()


def test_clicking_a_theme_filter_shows_exactly_that_theme(page, site_server, toolbox):
    open_finder(page, site_server)
    page.click("summary:has-text('Thema')") if not page.is_visible("input[name=thema][value=wapens-en-jongeren]") else None
    page.check("input[name=thema][value=wapens-en-jongeren]")
    want = expected(toolbox, thema=["wapens-en-jongeren"])
    assert set(visible_ids(page)) == want and want
    assert page.text_content("#finder-count") == f"{len(want)} interventies gevonden"
    assert "thema=wapens-en-jongeren" in page.url


def test_filters_combine_and_counts_follow(page, site_server, toolbox):
    open_finder(page, site_server, "#regio=noord-holland&doelgroep=jongeren")
    want = expected(toolbox, regio=["noord-holland"], doelgroep=["jongeren"])
    assert set(visible_ids(page)) == want and want
    assert {"buit-in-de-klas", "escapegame-foute-centen"} <= want
    # The count next to a theme option is the number shown if it were ticked as well.
    for theme in ("uitbuiting", "drugs-en-ondermijning"):
        count = page.text_content(f"[data-count-for='thema={theme}']")
        both = expected(toolbox, regio=["noord-holland"], doelgroep=["jongeren"], thema=[theme])
        assert count == f"({len(both)})"
    # An option of a facet already in use counts what the other filters leave for it.
    twente = page.text_content("[data-count-for='regio=twente']")
    assert twente == f"({len(expected(toolbox, regio=['twente'], doelgroep=['jongeren']))})" != "(0)"


def test_national_plus_my_region(page, site_server, toolbox):
    open_finder(page, site_server, "#regio=twente")
    only = expected(toolbox, regio=["twente"])
    assert set(visible_ids(page)) == only
    page.check("#finder-national")
    assert set(visible_ids(page)) == expected(toolbox, regio=["twente", "landelijk"])


def test_dutch_stemming_in_free_text(page, site_server):
    open_finder(page, site_server)
    page.fill("#finder-q", "wapens")
    wait_for_state(page, "q=wapens")
    plural = set(visible_ids(page))
    page.fill("#finder-q", "wapen")
    wait_for_state(page, "q=wapen")
    singular = set(visible_ids(page))
    assert plural == singular and "interventiematrix-wapens-en-jongeren" in plural
    assert "dealenmetdrugs" not in plural


def test_shared_url_reproduces_the_view(page, browser, site_server):
    open_finder(page, site_server)
    page.check("input[name=thema][value=ouderbetrokkenheid]")
    page.fill("#finder-q", "ouders")
    wait_for_state(page, "thema=ouderbetrokkenheid&q=ouders")
    shared, shown = page.url, visible_ids(page)
    assert shown
    other = browser.new_context().new_page()
    other.goto(shared)
    other.wait_for_selector("#finder:not([hidden])")
    assert visible_ids(other) == shown
    assert other.input_value("#finder-q") == "ouders"
    assert other.is_checked("input[name=thema][value=ouderbetrokkenheid]")
    other.context.close()


def test_sorting_by_review_date(page, site_server, toolbox):
    open_finder(page, site_server, "#sorteer=recent")
    shown = visible_ids(page)
    dates = [toolbox.interventions[i].last_reviewed for i in shown]
    assert dates == sorted(dates, reverse=True)


def test_finder_is_keyboard_operable(page, site_server, toolbox):
    open_finder(page, site_server)
    page.focus("#finder-q")
    page.keyboard.type("halt")
    wait_for_state(page, "q=halt")
    matching_halt = set(visible_ids(page))
    assert matching_halt
    # Tab to the first theme checkbox and tick it with the space bar.
    assert tab_to(page, "el.name === 'thema'")
    theme = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    wait_for_state(page, f"thema={theme}&q=halt")
    assert set(visible_ids(page)) == matching_halt & expected(toolbox, thema=[theme])
    assert page.console_errors == []


def test_matrix_text_filter_narrows_rows(page, site_server, toolbox):
    page.goto(site_server + "interventiematrix/")
    rows = toolbox.matrix.situations
    page.fill("#matrix-filter", rows[-1].name.split()[0].lower())
    shown = page.eval_on_selector_all("#interventiematrix-tabel tbody tr:not([hidden])", "els => els.map(e => e.id)")
    assert anchor_of(rows[-1]) in shown and len(shown) < len(rows)
    header = page.locator("#interventiematrix-tabel thead th").first
    assert header.evaluate("el => getComputedStyle(el).position") == "sticky"


def test_matrix_is_a_list_on_a_phone(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site_server + "interventiematrix/")
    cell = page.locator("#interventiematrix-tabel td").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    context.close()


def test_fit_instrument_ranks_a_known_case(page, site_server, toolbox):
    """Groepsdruk plays and parental support is missing, youth of 12–15: the best fit addresses both."""
    page.goto(site_server + "passende-interventies/")
    page.wait_for_selector("#fit:not([hidden])")
    page.check("input[name=factor][value=groepsdruk]")
    page.check("input[name=factor][value=steun-van-ouders]")
    page.select_option("#fit-leeftijd", "12-15")
    ranked = page.eval_on_selector_all("#fit-results li", "els => els.map(e => e.dataset.id)")

    def score(i):
        factor_ids = {f.id for f in i.factors}
        points = 2 * len(factor_ids & {"groepsdruk", "steun-van-ouders"})
        points += 1 if "12-15" in facet_values(i)["leeftijd"] else 0
        return points

    want = sorted((i for i in toolbox.interventions.values() if score(i) > 0), key=lambda i: (-score(i), sort_key(i.name)))
    assert ranked[:5] == [i.id for i in want[:5]]
    best = toolbox.interventions[ranked[0]]
    reasons = page.text_content("#fit-results li:first-child .ww-card__meta")
    for factor in best.factors:
        if factor.id in {"groepsdruk", "steun-van-ouders"}:
            assert factor.name in reasons
    assert re.search(r"\d+ passende interventies", page.text_content("#fit-status"))


def test_site_search_stems_dutch(page, site_server, built_site):
    """Material's search with lang: nl: "wapens" and "wapen" find each other.

    Material types every term as a prefix query ("wapens*"), which lunr does not stem; our Dutch
    support (overrides/assets/javascripts/lunr/min/lunr.nl.min.js) adds the stemmed term. Checked in
    Material's own search worker, with its lunr.
    """
    config = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["nl"] and "stemmer" in config["pipeline"]
    page.goto(site_server)
    page.wait_for_function("() => true")
    worker = wait_for_search_worker(page)
    found = worker.evaluate("""() => {
        const index = lunr(function () {
          this.use(lunr.nl); this.ref("id"); this.field("text");
          this.add({id: "enkelvoud", text: "Een jongere met een wapen op school"});
          this.add({id: "meervoud", text: "Wapens en jongeren"});
          this.add({id: "anders", text: "Ouders en opvoeding"});
        });
        return ["wapens*", "wapen*"].map(q => index.search(q).map(r => r.ref).sort());
    }""")
    assert found == [["enkelvoud", "meervoud"], ["enkelvoud", "meervoud"]]
    page.click(".md-search__input")
    page.keyboard.type("wapens", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
    assert any("interventiematrix" in href or "wapens-en-jongeren" in href for href in hrefs)


def test_long_result_lists_come_a_page_at_a_time(page, site_server, toolbox):
    total = len(toolbox.interventions)
    assert total > 50, "the shipped data must be long enough to page"
    open_finder(page, site_server)
    first_page = listed_ids(page)
    assert len(first_page) == 50
    assert page.text_content("#finder-count") == f"{total} interventies gevonden, de eerste 50 staan hieronder"
    assert page.text_content("#finder-more") == f"Toon meer (nog {total - 50})"
    page.click("#finder-more")
    everything = listed_ids(page)
    assert everything[:50] == first_page and len(everything) == total
    assert page.is_hidden("#finder-more")
    focused = page.evaluate("document.activeElement.closest('li').dataset.id")
    assert focused == everything[50]
    # A new filter starts again at the first page.
    page.check("#finder-national")
    page.uncheck("#finder-national")
    assert len(listed_ids(page)) == 50


@pytest.mark.parametrize("fragment", ["#q=%E0%A4%A", "#thema=%zz", "#%&=&==&q"])
def test_a_malformed_link_still_shows_the_finder(page, site_server, toolbox, fragment):
    open_finder(page, site_server, fragment)
    assert page.console_errors == []
    assert page.is_visible("#finder") and page.text_content("#finder-count").endswith("gevonden")


def test_lunr_is_loaded_only_where_text_is_searched(page, site_server):
    page.goto(site_server)
    page.wait_for_load_state("load")
    home = [url for url in page.requests if url.endswith("vendor/lunr.min.js")]
    page.goto(site_server + "interventies/")
    page.wait_for_selector("#finder:not([hidden])")
    finder = [url for url in page.requests if url.endswith("vendor/lunr.min.js")]
    assert home == [] and finder, (home, finder)
