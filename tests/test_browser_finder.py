"""The finder, matrices and fit instrument in real headless Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import ROOT, TODAY, VOCABULARY, tab_to, tick
from wegwijzer.core import load_toolbox
from wegwijzer.site.facets import facet_values
from wegwijzer.site.paths import anchor_of
from wegwijzer.core.textformat import sort_key


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
        values = facet_values(intervention, VOCABULARY)
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
    page.wait_for_selector("#finder[data-ready]")


def wait_for_state(page, state: str) -> None:
    """Until the finder shows ``state`` (it writes what it shows in data-state after each change)."""
    page.wait_for_function("state => document.getElementById('finder').dataset.state === state", arg=state)


def test_without_javascript_every_entry_is_listed(browser, site_server, toolbox):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "interventies/")
    items = page.eval_on_selector_all("#finder-results li[data-id]", "els => els.length")
    assert items == len(toolbox.interventions)
    assert page.is_hidden("#finder-q") and page.is_hidden("#finder-filters")  # no dead controls without JavaScript
    context.close()


def test_clicking_a_theme_filter_shows_exactly_that_theme(page, site_server, toolbox):
    open_finder(page, site_server)
    tick(page, "thema", "wapens-en-jongeren")
    want = expected(toolbox, thema=["wapens-en-jongeren"])
    assert set(visible_ids(page)) == want and want
    assert page.text_content("#finder-count") == f"{len(want)} interventies gevonden"
    assert "thema=wapens-en-jongeren" in page.url


def test_filters_combine_and_counts_follow(page, site_server, toolbox):
    open_finder(page, site_server, "#regio=noord-holland&doelgroep=jongeren")
    want = expected(toolbox, regio=["noord-holland", "landelijk"], doelgroep=["jongeren"])  # national offer included
    assert set(visible_ids(page)) == want and want
    assert {"buit-in-de-klas", "escapegame-foute-centen"} <= want
    # The count next to a theme option is the number shown if it were ticked as well.
    for theme in ("uitbuiting", "drugs-en-ondermijning"):
        count = page.text_content(f"[data-count-for='thema={theme}']")
        both = expected(toolbox, regio=["noord-holland", "landelijk"], doelgroep=["jongeren"], thema=[theme])
        assert count == f"({len(both)})"
    # An option of a facet already in use counts what the other filters leave for it.
    twente = page.text_content("[data-count-for='regio=twente']")
    assert twente == f"({len(expected(toolbox, regio=['twente'], doelgroep=['jongeren']))})" != "(0)"


def test_national_offer_stays_with_my_region_unless_i_hide_it(page, site_server, toolbox):
    open_finder(page, site_server, "#regio=twente")
    assert set(visible_ids(page)) == expected(toolbox, regio=["twente", "landelijk"])
    page.uncheck("#finder-national")
    wait_for_state(page, "regio=twente&landelijk=0")
    only = expected(toolbox, regio=["twente"])
    assert set(visible_ids(page)) == only and only


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
    tick(page, "thema", "ouderbetrokkenheid")
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


def test_sorting_by_newest_source_or_review(page, site_server, toolbox):
    from wegwijzer.core.review import last_confirmed

    open_finder(page, site_server, "#sorteer=recent")
    shown = visible_ids(page)
    dates = [last_confirmed(toolbox.interventions[i]) or dt.date.min for i in shown]  # undated last
    assert len(set(dates)) > 1 and dates == sorted(dates, reverse=True)


def test_a_search_term_orders_by_relevance_until_the_user_sorts(page, site_server, toolbox):
    open_finder(page, site_server)
    page.fill("#finder-q", "halt")
    wait_for_state(page, "q=halt")
    first = listed_ids(page)[0]
    assert "halt" in toolbox.interventions[first].name.lower()  # a name match outranks a mention
    page.select_option("#finder-sort", "naam")
    wait_for_state(page, "q=halt&sorteer=naam")
    names = [sort_key(toolbox.interventions[i].name) for i in listed_ids(page)]
    assert names == sorted(names)


def test_active_filters_are_chips_and_open_their_facet(page, site_server, toolbox):
    open_finder(page, site_server, "#rol=docent&thema=bestaat-niet")
    assert page.locator("details[data-facet=rol]").evaluate("el => el.open")
    chips = page.locator("#finder-active button")
    assert chips.count() == 2
    assert "Onbekend filter uit de link" in chips.nth(1).text_content()
    assert set(visible_ids(page)) == expected(toolbox, rol=["docent"])  # the unknown value is shown, not applied
    chips.nth(1).click()
    wait_for_state(page, "rol=docent")
    page.locator("#finder-active button").first.click()
    wait_for_state(page, "")
    assert len(visible_ids(page)) == len(toolbox.interventions)


def test_an_empty_result_says_which_filter_to_drop(page, site_server, toolbox):
    open_finder(page, site_server, "#regio=twente&landelijk=0&doelgroep=kinderen&rol=politie")
    if visible_ids(page):
        pytest.skip("the shipped data has results for this combination")
    assert page.is_visible("#finder-none")
    suggestion = page.locator("#finder-suggestions button").first
    count = int(re.search(r"(\d+) resultaa?t", suggestion.text_content()).group(1))
    suggestion.click()
    page.wait_for_function("() => document.getElementById('finder-none').hidden")
    assert len(visible_ids(page)) == count > 0


def test_copy_link_gives_the_address_of_this_view(page, site_server):
    open_finder(page, site_server, "#thema=wapens-en-jongeren")
    page.click("[data-finder-copy]")
    page.wait_for_function("() => document.getElementById('finder-copied').textContent !== ''")
    shown = page.text_content("#finder-copied")
    assert shown == "Link gekopieerd" or "#thema=wapens-en-jongeren" in shown


def test_finder_is_keyboard_operable(page, site_server, toolbox):
    open_finder(page, site_server)
    page.focus("#finder-q")
    page.keyboard.type("halt")
    wait_for_state(page, "q=halt")
    matching_halt = set(visible_ids(page))
    assert matching_halt
    # Tab to the theme facet, open it with Enter, then tick its first option with the space bar.
    assert tab_to(page, "el.tagName === 'SUMMARY' && el.parentElement.dataset.facet === 'thema'")
    page.keyboard.press("Enter")
    assert tab_to(page, "el.name === 'thema'")
    theme = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    wait_for_state(page, f"thema={theme}&q=halt")
    assert set(visible_ids(page)) == matching_halt & expected(toolbox, thema=[theme])
    assert page.console_errors == []


def shown_situations(page) -> list[str]:
    return page.eval_on_selector_all("#interventiematrix-situaties [data-filter-item]:not([hidden])",
                                     "els => els.map(e => e.id)")


def test_matrix_filter_narrows_situations_with_synonyms(page, site_server, toolbox):
    page.goto(site_server + "interventiematrix/")
    situations = toolbox.matrix.situations
    page.fill("#matrix-filter", situations[-1].name.split()[0].lower())
    page.wait_for_function("n => document.querySelectorAll('[data-filter-item]:not([hidden])').length < n",
                           arg=len(situations))
    assert anchor_of(situations[-1]) in shown_situations(page)
    page.fill("#matrix-filter", "mes")  # an everyday word: the editors' synonyms find weapons
    page.wait_for_function("() => /zichtbaar/.test(document.querySelector('.ww-table-filter [role=status]').textContent)")
    weapon_words = re.compile(r"\b(mes|messen|steekwapens?|wapens?)\b")
    about_weapons = {anchor_of(s) for s in situations
                     if weapon_words.search(" ".join([s.name, s.summary or ""] + [a.what for a in s.actions]).lower())}
    assert about_weapons and about_weapons <= set(shown_situations(page))


@pytest.mark.parametrize("width", [390, 320])
def test_matrix_fits_a_phone_without_a_scroll_box(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_server + "interventiematrix/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    scrollers = page.evaluate("""() => [...document.querySelectorAll('article *')].filter(el => {
        const style = getComputedStyle(el);
        return /(auto|scroll)/.test(style.overflowY + style.overflowX) && el.scrollHeight > el.clientHeight + 1;
    }).map(el => el.className)""")
    assert scrollers == []
    context.close()


def test_fit_instrument_ranks_by_factors_addressed(page, site_server, toolbox):
    """Groepsdruk plays and parental support is missing, youth of 12–15: results address a chosen factor."""
    chosen = {"groepsdruk", "steun-van-ouders"}
    page.goto(site_server + "passende-interventies/#factor=groepsdruk,steun-van-ouders&van=12&tot=15")
    page.wait_for_selector("#fit[data-ready]")
    ranked = page.eval_on_selector_all("#fit-results > li", "els => els.map(e => e.dataset.id)")
    apart = page.eval_on_selector_all("#fit-apart li[data-id]", "els => els.map(e => e.dataset.id)")

    def known_age(i):
        return i.age_min is not None or i.age_max is not None

    def fits(i):
        low, high = i.age_min if i.age_min is not None else 0, i.age_max if i.age_max is not None else 99
        return low <= 15 and high >= 12

    addressed = {i.id: len({f.id for f in i.factors} & chosen) for i in toolbox.interventions.values()}
    order = lambda i: (-addressed[i.id], sort_key(i.name))  # noqa: E731
    want = sorted((i for i in toolbox.interventions.values() if addressed[i.id] and known_age(i) and fits(i)), key=order)
    assert ranked == [i.id for i in want] and ranked
    unknown = sorted((i for i in toolbox.interventions.values() if addressed[i.id] and not known_age(i)), key=order)
    assert apart == [i.id for i in unknown]  # shown apart, as the finder does
    why = page.text_content("#fit-results > li:first-child .ww-card__why")
    best = toolbox.interventions[ranked[0]]
    assert all(f.name in why for f in best.factors if f.id in chosen)


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
    second_page = listed_ids(page)
    assert second_page[:50] == first_page and len(second_page) == min(total, 100)
    focused = page.evaluate("document.activeElement.closest('li').dataset.id")
    assert focused == second_page[50]  # keyboard users continue at the first new card
    while page.is_visible("#finder-more"):
        page.click("#finder-more")
    assert len(listed_ids(page)) == total
    # A new filter starts again at the first page.
    page.check("#finder-national")
    page.uncheck("#finder-national")
    assert len(listed_ids(page)) == 50


@pytest.mark.parametrize("fragment", ["#q=%E0%A4%A", "#thema=%zz", "#%&=&==&q"])
def test_a_malformed_link_still_shows_the_finder(page, site_server, toolbox, fragment):
    open_finder(page, site_server, fragment)
    assert page.console_errors == []
    assert page.is_visible("#finder") and "gevonden" in page.text_content("#finder-count")


def test_lunr_is_loaded_only_where_text_is_searched(page, site_server):
    page.goto(site_server)
    page.wait_for_load_state("load")
    home = [url for url in page.requests if url.endswith("vendor/lunr.min.js")]
    page.goto(site_server + "interventies/")
    page.wait_for_selector("#finder:not([hidden])")
    finder = [url for url in page.requests if url.endswith("vendor/lunr.min.js")]
    assert home == [] and finder, (home, finder)
