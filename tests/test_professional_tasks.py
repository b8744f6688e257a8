"""The tasks professionals come for, walked through in Chromium on a desktop and on two phone widths.

A teacher who finds a knife, a youth worker looking for offers for parents in
Twente, a policy adviser asking what fits 14–16-year-olds: each must get an
answer, never a silent dead end, and the page must fit the screen.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, TODAY, tick
from wegwijzer.core import load_toolbox
from wegwijzer.site.paths import anchor_of

@pytest.fixture(scope="module")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["height"] > 0 and 0 <= box["y"] < page.viewport_size["height"]


# -- "I found a knife in a pupil's bag: what do I do, who do I call?" ------------------------------


def test_knife_task_reaches_a_phone_number_in_at_most_two_clicks(screen, site_server, toolbox):
    page = screen
    page.goto(site_server)
    emergency = page.locator(".ww-call a[href='tel:112']")
    assert emergency.count() == 1  # on the start page, no click at all
    guide = toolbox.guides["wapen-op-school"]
    page.get_by_role("link", name=guide.name).click()  # one tap: the first hour
    page.wait_for_url("**/wat-doe-je-nu/wapen-op-school/")
    phones = page.locator(".ww-call a[href^='tel:']")
    assert phones.count() == len(guide.call) > 0
    assert in_view(page, phones.first), "the numbers are on the first screen of the page"
    steps = page.locator(".ww-guide__steps > li")
    assert steps.count() == len(guide.steps)
    page.get_by_role("link", name=guide.matrix_situations[0].name).first.click()  # two taps: what partners can do
    page.wait_for_url(f"**#{anchor_of(guide.matrix_situations[0])}")
    assert fits_the_screen(page) and page.console_errors == []


def test_knife_on_snapchat_reaches_the_first_hour_steps_and_the_number_in_two_taps(screen, site_server, toolbox):
    """A teacher whose pupil showed a knife on Snapchat: what to do in the next hour, and whom to call."""
    page = screen
    page.goto(site_server)
    guide = toolbox.guides["wapen-in-online-bericht"]
    page.get_by_role("link", name=guide.name).click()
    page.wait_for_url("**/wat-doe-je-nu/wapen-in-online-bericht/")
    number = page.locator(".ww-call a[href^='tel:']").first
    assert in_view(page, number) and number.get_attribute("href") == "tel:112"
    page.get_by_role("heading", name="Wat doe je nu?", exact=True).scroll_into_view_if_needed()
    assert page.locator(".ww-guide__steps > li").count() == len(guide.steps)
    assert "niet door" in page.text_content(".ww-guide__dont")  # what not to do: don't forward it
    assert fits_the_screen(page) and page.console_errors == []


def test_site_search_for_mes_finds_weapons(page, site_server):
    results = site_search(page, site_server, "mes")
    assert results and any("wapen" in title.lower() for title, _ in results[:5])


def site_search(page, site_server, query: str) -> list[tuple[str, str]]:
    """Material's search box, as a user types: (title, address) of the results, best first."""
    page.goto(site_server)
    page.click(".md-search__input")
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta') && document.querySelector('.md-search__input').value === q",
        arg=query)
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(e => [e.querySelector('h1, h2')?.textContent.trim() || '', e.getAttribute('href').split('?')[0]])")


def test_truancy_words_find_the_schoolverzuim_page(page, site_server):
    for word in ("spijbelen", "verzuim"):
        addresses = [address for _, address in site_search(page, site_server, word)[:5]]
        assert any("factoren/schoolverzuim/" in address for address in addresses), (word, addresses)


def test_singular_and_plural_rank_alike(page, site_server):
    plural = [address for _, address in site_search(page, site_server, "wapens")[:5]]
    singular = [address for _, address in site_search(page, site_server, "wapen")[:5]]
    assert plural == singular


def test_partner_and_intervention_pages_give_a_contact_route(page, site_server, toolbox):
    halt = toolbox.partners["halt"]
    page.goto(site_server + f"partners/{halt.id}/")
    contact = page.locator("#contact + *")
    assert contact.locator("a[href^='mailto:'], a[href^='tel:'], a.ww-external").count() > 0
    offered = next(i for i in halt.provides if i.provider is halt)
    page.goto(site_server + f"interventies/{offered.id}/")
    reach = page.locator(f"#zo-kom-je-eraan-{offered.id}").locator("xpath=..")
    assert reach.locator("a[href^='mailto:'], a[href^='tel:']").count() > 0


# -- "Interventions for parents about online risks in Twente" -------------------------------------


def test_twente_parents_online_never_ends_in_a_silent_zero(screen, site_server, toolbox):
    page = screen
    page.goto(site_server + "interventies/")
    page.wait_for_selector("#finder[data-ready]")
    if not page.locator("#finder-filters").evaluate("el => el.open"):
        page.click("#finder-filters > summary")  # on a phone the filters start folded: results first
    tick(page, "regio", "twente")
    tick(page, "doelgroep", "ouders")
    page.fill("#finder-q", "online")
    page.wait_for_function("() => (document.getElementById('finder').dataset.state || '').includes('q=online')")
    shown = page.eval_on_selector_all("#finder-results li[data-id]", "els => els.map(e => e.dataset.id)")
    if shown:
        regions = {toolbox.interventions[i].region.id if toolbox.interventions[i].region else "landelijk" for i in shown}
        assert regions <= {"twente", "landelijk"}
    else:  # an empty result says which filter to drop, and what that gives
        assert page.is_visible("#finder-none")
        assert page.locator("#finder-suggestions button").count() > 0
    assert page.locator("#finder-active button").count() == 3  # region, target group and the word, each removable
    assert fits_the_screen(page) and page.console_errors == []


def test_on_a_phone_the_first_result_is_on_the_first_screen(screen, site_server):
    page = screen
    page.goto(site_server + "interventies/#regio=twente&doelgroep=ouders")
    page.wait_for_selector("#finder[data-ready]")
    assert in_view(page, page.locator("#finder-results li[data-id]").first)


# -- "Ages 14–16 with truancy and criminal friends: what fits?" ------------------------------------


def test_fit_task_answers_with_factors_and_names_what_nothing_addresses(screen, site_server, toolbox):
    page = screen

    def fits_age(i):  # an unknown age is shown apart and addresses no gap (ages.js)
        known = i.age_min is not None or i.age_max is not None
        return known and (i.age_min or 0) <= 16 and (i.age_max if i.age_max is not None else 99) >= 14

    unaddressed = next(f for f in toolbox.factors.values() if not [i for i in f.interventions if fits_age(i)])
    chosen = ["schoolverzuim", "criminele-vrienden", unaddressed.id]
    page.goto(site_server + "passende-interventies/")
    page.wait_for_selector("#fit[data-ready]")
    page.fill("#fit-van", "14")
    page.fill("#fit-tot", "16")
    for factor in chosen:
        page.check(f"input[name=factor][value={factor}]")
    page.wait_for_function("n => (document.getElementById('fit').dataset.state || '').split(',').length >= n",
                           arg=len(chosen))
    results = page.eval_on_selector_all("#fit-results > li", "els => els.map(e => e.dataset.id)")
    assert results
    for intervention_id in results:
        intervention = toolbox.interventions[intervention_id]
        assert {f.id for f in intervention.factors} & set(chosen) and fits_age(intervention), intervention_id
    gaps = page.text_content("#fit-gaps")
    assert unaddressed.name in gaps
    assert "factor=" in page.url and "van=14" in page.url and "tot=16" in page.url  # state in the URL
    if not in_view(page, page.locator("#fit-status")):  # on a phone the answer is above: a bar leads there
        jump = page.locator("#fit-jump")
        assert in_view(page, jump) and re.match(r"\d+ interventies? werk", jump.text_content())
        jump.click()
        page.wait_for_function("() => { const r = document.getElementById('fit-status').getBoundingClientRect();"
                               " return r.top >= 0 && r.bottom <= innerHeight; }")
    assert fits_the_screen(page) and page.console_errors == []


def test_fit_names_where_to_turn_for_truancy_when_nothing_fits(page, site_server, toolbox):
    truancy = toolbox.factors["schoolverzuim"]
    assert truancy.where_to_turn
    page.goto(site_server + "passende-interventies/#factor=schoolverzuim&van=1&tot=2")
    page.wait_for_selector("#fit[data-ready]")
    gap = page.locator("#fit-gaps li").first
    assert truancy.name in gap.text_content()
    assert all(place.name in gap.text_content() for place in truancy.where_to_turn)
    gap.locator("a").first.click()
    page.wait_for_url(f"**/partners/{truancy.where_to_turn[0].id}/")


# -- the site around the tasks ----------------------------------------------------------------------


def test_page_not_found_is_dutch_and_works_under_the_sub_path(page, site_server):
    response = page.goto(site_server + "bestaat-niet/ergens/")
    assert response.status == 404
    assert "Deze pagina bestaat niet" in page.text_content("h1")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in {"sticky", "fixed"}
    page.fill("#zoek-404", "halt")
    page.click(".ww-404-search button")
    page.wait_for_selector("#finder[data-ready]")
    assert page.input_value("#finder-q") == "halt" and "q=halt" in page.url
    assert page.locator("#finder-results li[data-id]").count() > 0


def test_every_page_offers_a_skip_link_to_the_content(page, site_server):
    for path in ("", "interventies/", "interventiematrix/", "passende-interventies/", "wie-bel-je/"):
        page.goto(site_server + path)
        page.keyboard.press("Tab")
        skip = page.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('href')]")
        assert skip[0] == "A" and skip[1].startswith("#"), (path, skip)
        page.keyboard.press("Enter")
        target = skip[1][1:]
        assert page.evaluate("id => document.getElementById(id) !== null", target)


def _contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_focus_ring_has_at_least_three_to_one_contrast_and_no_stop_is_invisible(page, site_server):
    page.goto(site_server + "interventies/")
    page.wait_for_selector("#finder[data-ready]")
    for _ in range(40):
        page.keyboard.press("Tab")
        # Visible once any transition on focus has run (Material fades its skip link in).
        page.wait_for_function("""() => {
            const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
            return box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && Number(style.opacity) > 0.9;
        }""", timeout=3000)
        focused = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {tag: el.tagName, outline: style.outlineColor, width: parseFloat(style.outlineWidth)};
        }""")
        if focused["tag"] in {"A", "INPUT", "BUTTON", "SELECT", "SUMMARY"}:
            rgb = tuple(int(n) for n in re.findall(r"\d+", focused["outline"])[:3])
            assert focused["width"] >= 2 and _contrast(rgb, (255, 255, 255)) >= 3, focused


def test_dates_are_written_in_dutch_and_counts_agree_in_number(built_site):
    iso, wrong_plural = [], []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        article = re.search(r"<article.*?</article>", html, re.S)
        text = re.sub(r"<[^>]+>", " ", article.group(0)) if article else ""
        iso += [path.name for _ in re.findall(r"\b20\d\d-\d\d-\d\d\b", text)]
        wrong_plural += re.findall(r"\(1 (?:interventies|thema's|factoren|partners|resultaten)\)", text)
    assert iso == [] and wrong_plural == []


def test_the_offline_version_can_be_downloaded_from_the_site(page, site_server, built_site):
    import zipfile

    page.goto(site_server + "offline/")
    link = page.get_by_role("link", name=re.compile("Download de offline versie"))
    href = link.get_attribute("href")
    with page.expect_download() as download:
        link.click()
    saved = download.value.path()
    with zipfile.ZipFile(saved) as archive:
        assert "wegwijzer/index.html" in archive.namelist()
    assert (built_site / "offline" / href).resolve().is_file()


def test_a_handout_states_its_selection_date_and_address(page, site_server):
    page.goto(site_server + "hand-out/#thema=wapens-en-jongeren&regio=twente")
    page.wait_for_selector("#handout-about:not([hidden])")
    about = page.text_content("#handout-about")
    assert "Wapens en jongeren" in about and "Twente" in about
    assert re.search(r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) "
                     r"20\d\d", about)
    assert "https://" in about
