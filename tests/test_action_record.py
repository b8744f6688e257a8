"""What a professional acts on (issue #26): the level for the outcome that matters, whom to approach, which step."""

from __future__ import annotations

import pytest

from conftest import ROOT, TODAY, VOCABULARY
from wegwijzer.core import load_toolbox
from wegwijzer.site.facts import card_facts, evidence
from wegwijzer.site.paths import page_path, page_url

TWENTE_SHORTLIST = "passende-interventies/#factor=criminele-vrienden,schoolverzuim&van=14&tot=16&regio=twente"


@pytest.fixture(scope="module")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


def _rated_for_another_outcome_first(toolbox):
    """Recognised interventions whose databank rates the toolbox's outcome lower than another outcome."""
    found = []
    for i in toolbox.interventions.values():
        shown = evidence(i, VOCABULARY)
        if shown.outcome and i.recognition.outcomes:
            best = max(VOCABULARY.strength(o.level) for o in i.recognition.outcomes)
            if best > shown.strength:
                found.append((i, shown))
    return found


def test_evidence_is_the_level_for_the_toolbox_outcome_never_the_best_one(toolbox):
    mixed = _rated_for_another_outcome_first(toolbox)
    assert mixed, "the shipped data has interventions rated differently per outcome (MDFT among them)"
    for i, shown in mixed:
        rated = {o.outcome: o.level for o in i.recognition.outcomes}
        first = next(outcome for outcome in VOCABULARY.toolbox_outcomes if outcome in rated)
        assert (shown.outcome, shown.level) == (first, rated[first])
        assert shown.label.startswith(rated[first] + " voor ")


DESKTOP_AND_PHONE = pytest.mark.parametrize("screen", [1280, 390], indirect=True, ids=["1280px", "390px"])


@DESKTOP_AND_PHONE
def test_the_twente_shortlist_shows_the_level_that_counts_and_whom_to_approach(screen, site_server, toolbox):
    page = screen
    page.goto(site_server + TWENTE_SHORTLIST)
    page.wait_for_selector("#fit[data-ready]")
    listed = page.eval_on_selector_all("#fit-results > li[data-id]", "els => els.map(e => e.dataset.id)")
    recognised = [i for i in listed if evidence(toolbox.interventions[i], VOCABULARY).strength]
    assert recognised, "the shortlist holds recognised interventions"
    for ident in recognised:
        intervention = toolbox.interventions[ident]
        card = page.locator(f"#fit-results > li[data-id='{ident}']")
        assert f"erkenning: {evidence(intervention, VOCABULARY).label}" in card.locator(".ww-card__meta").text_content()
        if intervention.reachable:
            assert card.locator(".ww-card__contact a").first.is_visible()
    with_route = [i for i in recognised if toolbox.interventions[i].reachable]
    assert with_route, "at least one recognised intervention on the shortlist says whom to approach"
    page.click("[data-fit-handout]")
    page.wait_for_selector("#handout[data-ready]")
    for ident in with_route:
        item = page.locator(f"#handout > [data-id='{ident}']")
        assert item.is_visible()
        assert evidence(toolbox.interventions[ident], VOCABULARY).label in item.text_content()
        who = item.locator(".ww-reach__who li")
        assert who.count() >= 1 and who.first.locator("a").first.is_visible()


@DESKTOP_AND_PHONE
def test_a_youth_worker_reads_step_three_of_the_seven_step_model(screen, site_server, toolbox):
    page = screen
    process = toolbox.processes["zeven-stappenmodel"]
    assert all(s.summary for s in process.steps), "every step of the model is described"
    step = next(s for s in process.steps if s.number == 3)
    page.goto(site_server + page_url(page_path(process), True) + "#stap-3")
    shown = page.locator("#stap-3")
    page.wait_for_function("() => { const r = document.getElementById('stap-3').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight; }")  # the link lands on step 3
    text = " ".join(shown.text_content().split())
    assert f"Stap 3: {step.name}" in text
    assert " ".join(step.summary.split()[:8]) in text, "what happens in the step, not only its name"
    if step.lead:
        assert "Wie leidt" in text and " ".join(step.lead.split()) in text
    assert "Bron:" in text
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "readable without sideways scrolling"
    assert page.console_errors == []


def test_a_recognition_being_reassessed_says_so_where_its_level_is_shown(toolbox):
    reassessed = [i for i in toolbox.interventions.values() if i.recognition and i.recognition.reassessment]
    current = [i for i in toolbox.interventions.values() if i.recognition and not i.recognition.reassessment]
    assert reassessed and current
    for group, said in ((reassessed, True), (current[:10], False)):
        for i in group:
            shown = next(fact for fact in card_facts(i, VOCABULARY) if fact.startswith("erkenning: "))
            assert shown.endswith("(wordt opnieuw beoordeeld)") is said, i.id
