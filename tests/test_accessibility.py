"""axe-core (every rule: WCAG 2.1 A/AA and best practices) on every page type, and keyboard-only use."""

from __future__ import annotations

import pytest

from conftest import ROOT, TODAY, tab_to
from wegwijzer.core import load_toolbox
from wegwijzer.site.paths import page_path, page_url

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def page_types() -> dict[str, str]:
    toolbox = load_toolbox(ROOT / "data", today=TODAY)
    first = lambda items: next(iter(items.values()))  # noqa: E731
    entities = {
        "intervention": first(toolbox.interventions), "theme": toolbox.themes["wapens-en-jongeren"],
        "factor": first(toolbox.factors), "region": toolbox.regions["var-rotterdam"],
        "programme": first(toolbox.programmes), "partner": toolbox.partners["halt"],
        "barrier-model": first(toolbox.barrier_models),
        "process": toolbox.processes["signaleringsroute-wapenbezit"], "matrix": toolbox.matrix,
        "news": first(toolbox.news), "event": first(toolbox.events), "guide": first(toolbox.guides),
    }
    urls = {name: page_url(page_path(entity), True) for name, entity in entities.items()}
    urls.update({
        "home": "", "catalogue": "interventies/", "themes": "themas/", "factors": "factoren/", "regions": "regios/",
        "programmes": "programmas/", "partners": "partners/", "barrier-models": "barrieremodellen/",
        "processes": "stappenmodellen/", "fit": "passende-interventies/", "handout": "hand-out/#thema=lvb",
        "about": "over/", "how-to": "gebruik/", "helplines": "wie-bel-je/", "offline": "offline/",
        "accessibility": "toegankelijkheid/", "not-found": "bestaat-niet/", "factor-table": "matrices/interventies-en-factoren/",
        "actueel": "actueel/", "archive": "actueel/archief/", "figures": "kerncijfers/", "open-data": "open-data/",
        "changes": "wat-is-er-veranderd/", "guides": "wat-doe-je-nu/", "agenda": "agenda/",
        "evidence": "wat-werkt-waarvoor/#leeftijd=12-15",
        "compare": "vergelijk/#vergelijk=" + ",".join(list(toolbox.interventions)[:3]),
        "fit-answer": "passende-interventies/#factor=schoolverzuim&van=14&tot=16",
    })
    return urls


PAGES = page_types()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_wcag_violations(page, site_server, name):
    assert AXE.is_file(), "axe-core missing: run `npm ci` (make test does)"
    response = page.goto(site_server + PAGES[name])
    assert response.status == (404 if name == "not-found" else 200), PAGES[name]
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document)")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]
    assert violations == []


def test_matrix_filter_is_keyboard_operable(page, site_server):
    page.goto(site_server + "interventiematrix/")
    assert tab_to(page, "el.id === 'matrix-filter'")
    every = page.locator("[data-filter-item]").count()
    page.keyboard.type("mes")
    page.wait_for_function("n => document.querySelectorAll('[data-filter-item]:not([hidden])').length < n", arg=every)
    assert "zichtbaar" in page.text_content(".ww-table-filter [role=status]")


def test_fit_instrument_is_keyboard_operable(page, site_server):
    toolbox = load_toolbox(ROOT / "data", today=TODAY)
    busiest = max(toolbox.factors.values(), key=lambda f: len(f.interventions))
    page.goto(site_server + "passende-interventies/")
    page.wait_for_selector("#fit:not([hidden])")
    assert tab_to(page, f"el.name === 'factor' && el.value === '{busiest.id}'", limit=120)
    page.keyboard.press("Space")
    assert page.locator("#fit-results li").count() > 0
    assert tab_to(page, "el.id === 'fit-van'", limit=400)  # past every result card's links, round to the form
    page.keyboard.type("14")
    page.wait_for_function("location.hash.includes('van=14')")
